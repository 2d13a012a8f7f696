"""Relay chains: publisher -> relaying medium(s) -> origin.

"A senior Hamas official told AFP", in a UNN article, is the chain
``UNN > AFP > A senior Hamas official``: UNN did not hear the official, AFP
did. :func:`relay_chains` gives one row per attribution
(:data:`analysis.schema.CHAINS`); :func:`summarize_chains` gives per article
the longest chain and the share of the article resting on other media.

Chains longer than one relay are put together from the article itself: when
AFP is cited "citing Al Arabiya" and the official "told AFP", the chain is
``publisher > Al Arabiya > AFP > official`` only if the text says AFP got it
from Al Arabiya; each relay medium's own attribution in the same article is
followed (never in a loop).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.schema import CHAINS, CHAINS_PER_ARTICLE, MEDIA_TYPES, conform, require_columns
from analysis.sources.classify import publisher_names

_DETERMINERS = ("A ", "An ", "The ", "One ", "Two ", "Some ", "Several ")
#: Source types that count as anonymous at the end of a chain.
ANONYMOUS_ORIGINS = ("anonymous",)


def _label(text: object, name: object, kind: object) -> str:
    """How the origin reads in a chain: its canonical name, else its words ("a senior Hamas official")."""
    if isinstance(name, str) and name:
        return name
    text = str(text).strip(" \"'“”‘’,.") if isinstance(text, str) else "(unknown source)"
    if kind not in (*MEDIA_TYPES, "named_person", "named_organization") and text.startswith(_DETERMINERS):
        text = text[0].lower() + text[1:]
    return text


def relay_chains(attributions: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """One chain per attribution: who passed each source to the publisher.

    Args:
        attributions: classified attributions (``article_id``, ``attribution_id``,
            ``source_text``, ``source_type``, ``source_name``, ``via``).
        articles: the articles table; its ``outlet`` is the publisher
            (``"(publisher)"`` where it names none).

    Returns:
        The :data:`analysis.schema.CHAINS` table: ``publisher``, ``chain``
        ("UNN > AFP > a senior Hamas official"), ``chain_parts`` (the same as a
        list), ``depth`` (1 = cited directly, 2 = through one medium...),
        ``origin``, ``origin_type``, ``relays`` (the media in between, nearest
        the publisher first) and ``second_hand_anonymous`` (an anonymous
        origin reached through another medium).

    >>> att = pd.DataFrame({"article_id": ["a", "a"], "attribution_id": ["a:0", "a:1"],
    ...     "source_text": ["AFP", "A senior Hamas official"], "source_type": ["news_agency", "unnamed_official"],
    ...     "source_name": ["AFP", None], "via": [None, "AFP"]})
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["UNN"]})
    >>> relay_chains(att, arts)["chain"].tolist()
    ['UNN > AFP', 'UNN > AFP > a senior Hamas official']
    """
    require_columns(attributions, ["article_id", "source_text", "source_type", "source_name", "via"],
                    table="attributions")
    att = attributions.reset_index(drop=True)
    if att.empty:
        return conform(pd.DataFrame(columns=list(CHAINS)), CHAINS, table="chains")
    article_ids = att["article_id"].astype(str)
    if "attribution_id" in att.columns:
        ids = [str(i) for i in att["attribution_id"].tolist()]
    else:
        ids = [f"{a}:{i}" for i, a in enumerate(article_ids)]
    # Attributions share articles: look each article's publisher up once.
    publisher_of = _publishers(articles)
    codes, cited = pd.factorize(article_ids)
    publishers = np.array([publisher_of.get(a, "(publisher)") for a in cited] + ["(publisher)"], dtype=object)[codes]
    kinds = [k if isinstance(k, str) else "unknown" for k in att["source_type"].tolist()]
    origins = [_label(text, name, kind) for text, name, kind in
               zip(att["source_text"].tolist(), att["source_name"].tolist(), att["source_type"].tolist())]
    relays = _relays(article_ids, att, publishers)
    parts = [[publisher, *hops, origin] for publisher, hops, origin in zip(publishers, relays, origins)]
    chains = pd.DataFrame({
        "article_id": article_ids.astype("string"),
        "attribution_id": pd.array(ids, dtype="string"),
        "publisher": pd.array(publishers, dtype="string"),
        "chain": pd.array([" > ".join(p) for p in parts], dtype="string"),
        "chain_parts": pd.Series(parts, dtype=object),
        "depth": pd.array([len(hops) + 1 for hops in relays], dtype="Int64"),
        "origin": pd.array(origins, dtype="string"),
        "origin_type": pd.array(kinds, dtype="string"),
        "relays": pd.Series(relays, dtype=object),
        "second_hand_anonymous": pd.array([bool(hops) and kind in ANONYMOUS_ORIGINS
                                           for hops, kind in zip(relays, kinds)], dtype="boolean"),
    })
    return conform(chains, CHAINS, table="chains")


def _publishers(articles: pd.DataFrame | None) -> dict[str, str]:
    """Article id -> publisher, as :func:`publisher_names` gives, each distinct outlet resolved once."""
    if articles is None or "outlet" not in articles.columns:
        return {}
    outlets = articles["outlet"].drop_duplicates()
    by_outlet = publisher_names(pd.DataFrame({"article_id": range(len(outlets)), "outlet": outlets.to_numpy()}))
    names = {outlet: by_outlet[str(i)] for i, outlet in enumerate(outlets) if str(i) in by_outlet}
    return {a: names[o] for a, o in zip(articles["article_id"].astype(str), articles["outlet"]) if o in names}


def _relays(article_ids: pd.Series, att: pd.DataFrame, publishers: np.ndarray) -> list[list[str]]:
    """The media between publisher and origin of each attribution, nearest the publisher first.

    Only the rows with a ``via`` are read: each relay medium's own ``via`` in
    the same article is followed upstream (never in a loop, never past the publisher).
    """
    relays: list[list[str]] = [[] for _ in range(len(att))]
    has_via = att["via"].notna().to_numpy(dtype=bool, na_value=False)
    rows = has_via.nonzero()[0]
    if not len(rows):
        return relays
    ids = article_ids[has_via].tolist()
    names, kinds, vias = (att[col][has_via].tolist() for col in ("source_name", "source_type", "via"))
    # Per article: medium name -> the medium that relayed it (its own via; the first one given).
    upstream: dict[tuple[str, str], str] = {}
    for a, name, kind, via in zip(ids, names, kinds, vias):
        is_medium = isinstance(kind, str) and kind in MEDIA_TYPES
        if is_medium and isinstance(name, str) and isinstance(via, str) and via != name:
            upstream.setdefault((a, name), via)
    for i, a, via in zip(rows, ids, vias):
        publisher, chain = publishers[i], relays[i]
        hop = via if isinstance(via, str) and via else None
        while hop is not None and hop not in chain and hop != publisher:
            chain.append(hop)
            hop = upstream.get((a, hop))
        # The medium nearest the publisher comes first.
        chain.reverse()
    return relays


def summarize_chains(chains: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per article: the longest chain and how much of the article rests on other media.

    An attribution rests on other media when its origin is a medium other than
    the publisher or it was relayed by one. With ``articles``, every article
    gets a row (depth 0 and missing shares for articles citing nobody).

    Returns:
        The :data:`analysis.schema.CHAINS_PER_ARTICLE` table.

    >>> chains = pd.DataFrame({"article_id": ["a", "a"], "depth": [1, 2], "origin_type": ["named_person", "anonymous"],
    ...     "second_hand_anonymous": [False, True]})
    >>> summarize_chains(chains)[["chain_depth_max", "share_on_other_media"]].values.tolist()
    [[2, 0.5]]
    """
    require_columns(chains, ["article_id", "depth", "origin_type", "second_hand_anonymous"], table="chains")
    data = chains.assign(
        article_id=chains["article_id"].astype(str),
        _on_media=(chains["depth"] > 1) | chains["origin_type"].isin(MEDIA_TYPES),
        _second=chains["second_hand_anonymous"].astype(bool),
    )
    grouped = data.groupby("article_id", sort=False)
    per = pd.DataFrame({
        "chain_depth_max": grouped["depth"].max(),
        "share_on_other_media": grouped["_on_media"].mean(),
        "n_second_hand_anonymous": grouped["_second"].sum(),
    })
    if articles is not None:
        require_columns(articles, ["article_id"], table="articles")
        per = per.reindex(articles["article_id"].astype(str))
        per["chain_depth_max"] = per["chain_depth_max"].fillna(0)
        per["n_second_hand_anonymous"] = per["n_second_hand_anonymous"].fillna(0)
    per = per.rename_axis("article_id").reset_index()
    return conform(per, CHAINS_PER_ARTICLE, table="chains per article")
