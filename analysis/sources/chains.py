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
    publishers = publisher_names(articles)
    att = attributions.reset_index(drop=True)
    article_ids = att["article_id"].astype(str)
    ids = att["attribution_id"] if "attribution_id" in att.columns else pd.Series(
        [f"{a}:{i}" for i, a in enumerate(article_ids)])
    # Per article: medium name -> the media that relayed that medium (its own via).
    upstream: dict[tuple[str, str], str] = {}
    for a, name, kind, via in zip(article_ids, att["source_name"], att["source_type"], att["via"]):
        if kind in MEDIA_TYPES and isinstance(name, str) and isinstance(via, str) and via != name:
            upstream.setdefault((a, name), via)
    rows = []
    for i, (a, text, kind, name, via) in enumerate(zip(article_ids, att["source_text"], att["source_type"],
                                                         att["source_name"], att["via"])):
        publisher = publishers.get(a, "(publisher)")
        relays: list[str] = []
        hop = via if isinstance(via, str) and via else None
        while hop is not None and hop not in relays and hop != publisher:
            relays.append(hop)
            hop = upstream.get((a, hop))
        # The medium nearest the publisher comes first.
        relays.reverse()
        origin = _label(text, name, kind)
        parts = [publisher, *relays, origin]
        kind = kind if isinstance(kind, str) else "unknown"
        rows.append({
            "article_id": a,
            "attribution_id": str(ids.iloc[i]),
            "publisher": publisher,
            "chain": " > ".join(parts),
            "chain_parts": parts,
            "depth": len(relays) + 1,
            "origin": origin,
            "origin_type": kind,
            "relays": relays,
            "second_hand_anonymous": bool(relays) and kind in ANONYMOUS_ORIGINS,
        })
    if not rows:
        return conform(pd.DataFrame(columns=list(CHAINS)), CHAINS, table="chains")
    return conform(pd.DataFrame(rows), CHAINS, table="chains")


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
