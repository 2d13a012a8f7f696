"""One source, one key across a corpus: ``source_id`` and the corpus-level merge of names.

Within an article :mod:`analysis.sources.naming` already gives each source
one name. Across articles the alias table and the registry give well-known
sources one name whichever article names them; :func:`merge_corpus_names`
does the same for the names they lack: within one outlet and period a
person's name that is the tail of exactly one longer name ("Abdel Rahman" of
"Rami Abdel Rahman"), an organisation's acronym that is the initials of
exactly one organisation named there, and an organisation named by one word
of exactly one longer organisation name there ("Observatory"), take that
name and its key (``name_method``
``corpus_merge``). It runs once over the distinct names, not over pairs of
rows. A researcher overrules a merge with their own alias table.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.schema import MEDIA_TYPES, require_columns
from analysis.sources.aliases import fold, slug
from analysis.sources.mentions import _STOPWORDS, _acronym, _person_keys

#: Methods whose names the corpus merge may change: names read from the text,
#: not those the registry or an alias table gave.
_MERGEABLE = frozenset({"span", "antecedent", "pronoun"})


def source_id(kind: object, name: object, key: object = None) -> str | None:
    """The stable key of a named source: its alias-table or registry id, else its type's prefix and its name.

    >>> source_id("named_person", "Rami Abdel Rahman"), source_id("news_agency", "AFP"), source_id("anonymous", None)
    ('person:rami-abdel-rahman', 'media:afp', None)
    """
    if isinstance(key, str) and key:
        return key
    if not isinstance(name, str) or not name:
        return None
    if kind == "named_person":
        return f"person:{slug(name)}"
    if kind in MEDIA_TYPES or kind == "self":
        return f"media:{slug(name)}"
    return f"org:{slug(name)}"


def _period_of(published: pd.Series, period: str | None) -> list[str]:
    if period is None:
        return [""] * len(published)
    dates = pd.to_datetime(published, errors="coerce", utc=True)
    return ["" if pd.isna(d) else str(d.to_period(period)) for d in dates.dt.tz_localize(None)]


def merge_targets(groups: Sequence[object], kinds: Sequence[str], names: Sequence[str],
                  keys: Sequence[object] | None = None, open_: Sequence[bool] | None = None
                  ) -> dict[tuple, tuple[str, str | None]]:
    """``(group, type, name) -> (longer name, its key)`` for the names a corpus merge changes.

    One pass over the distinct names: each full name indexes its tails (or its
    initials, or for an organisation each of its words); a name that is the
    tail of exactly one longer name of its group (the longest of a chain of
    tails), an acronym of exactly one organisation name, or an organisation
    named by one word of exactly one longer organisation name ("Observatory"
    of "Syrian Observatory for Human Rights"), is merged into it.

    Args:
        groups, kinds, names: per row, its ``(outlet, period)`` group, type and name.
        keys: per row, its ``source_id`` where the alias table or registry gave one.
        open_: per row, whether its name may change; rows that may not (the
            alias table's) are only targets. All may change by default.

    >>> merge_targets(["X"] * 4, ["named_person"] * 4, ["Rami Abdel Rahman", "Abdel Rahman", "Rahman", "Ali Rahman"])
    {('X', 'named_person', 'Abdel Rahman'): ('Rami Abdel Rahman', None)}
    >>> merge_targets(["X"] * 2, ["named_organization"] * 2, ["Syrian Observatory for Human Rights", "Observatory"],
    ...               keys=["org:sohr", None], open_=[False, True])
    {('X', 'named_organization', 'Observatory'): ('Syrian Observatory for Human Rights', 'org:sohr')}
    """
    keys = list(keys) if keys is not None else [None] * len(names)
    open_ = list(open_) if open_ is not None else [True] * len(names)
    distinct: dict[tuple, tuple[str | None, bool]] = {}
    for group, kind, name, key, is_open in zip(groups, kinds, names, keys, open_):
        known_key, known_open = distinct.get((group, kind, name), (None, False))
        distinct[group, kind, name] = (known_key or (key if isinstance(key, str) and key else None),
                                       known_open or bool(is_open))
    tails: dict[tuple, set[str]] = {}
    key_of: dict[tuple, str | None] = {}
    for (group, kind, name), (key, _) in distinct.items():
        key_of[group, name] = key_of.get((group, name)) or key
        if kind == "named_person":
            for tail in _person_keys(name)[1:]:
                tails.setdefault((group, "p", tail), set()).add(name)
        else:
            acronym = _acronym(name)
            if acronym:
                tails.setdefault((group, "o", acronym), set()).add(name)
            words = name.split()
            if len(words) > 1:
                for word in words:
                    if word[:1].isupper() and word.lower() not in _STOPWORDS:
                        tails.setdefault((group, "w", word.lower()), set()).add(name)
    out = {}
    for (group, kind, name), (_, is_open) in distinct.items():
        if not is_open:
            continue
        if kind == "named_person":
            longer = tails.get((group, "p", fold(name)))
        elif name.isupper():
            longer = tails.get((group, "o", name))
        elif " " not in name and name[:1].isupper():
            longer = tails.get((group, "w", name.lower()))
        else:
            longer = None
        if not longer:
            continue
        longest = max(longer, key=lambda n: (len(n.split()), n))
        # Every longer name must be the same person's: each is a tail of the longest.
        same = set(_person_keys(longest)) if kind == "named_person" else {fold(longest)}
        if all(fold(n) in same for n in longer) and (kind == "named_person" or len(longer) == 1):
            out[group, kind, name] = (longest, key_of.get((group, longest)))
    return out


def merge_corpus_names(attributions: pd.DataFrame, articles: pd.DataFrame | None = None, *,
                       period: str | None = "Y") -> pd.DataFrame:
    """Merge the names of one source across articles of the same outlet and period, and set ``source_id``.

    Args:
        attributions: classified attributions (``article_id``, ``source_type``,
            ``source_name``, ``name_method``; ``source_id`` is filled in).
        articles: the articles table; its ``outlet`` and ``published`` group
            the names (articles without an outlet are merged with none).
        period: a pandas period ("Y", "M") within which names are merged;
            ``None`` merges over the whole corpus of each outlet.

    Returns:
        A new table; the input is not changed.

    >>> att = pd.DataFrame({"article_id": ["a", "b"], "source_type": ["named_person"] * 2,
    ...     "source_name": ["Rami Abdel Rahman", "Abdel Rahman"], "name_method": ["span", "span"]})
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "X"], "published": ["2016-01-02", "2016-05-06"]})
    >>> merge_corpus_names(att, arts)[["source_name", "name_method", "source_id"]].values.tolist()[1]
    ['Rami Abdel Rahman', 'corpus_merge', 'person:rami-abdel-rahman']
    """
    require_columns(attributions, ["article_id", "source_type", "source_name", "name_method"], table="attributions")
    group_of = corpus_groups(articles, period=period)
    return apply_corpus_merge(attributions, group_of, merge_targets(*merge_candidates(attributions, group_of)))


def corpus_groups(articles: pd.DataFrame | None, *, period: str | None = "Y") -> dict[str, tuple[str, str]]:
    """Article id -> ``(outlet, period)``, the group within which its names are merged.

    An article without an outlet is in no group (merged with no other).

    >>> corpus_groups(pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", " "], "published": ["2016-01-02", None]}))
    {'a': ('X', '2016')}
    """
    if articles is None or "outlet" not in articles.columns:
        return {}
    published = articles["published"] if "published" in articles.columns else pd.Series([None] * len(articles))
    periods = _period_of(published.reset_index(drop=True), period)
    return {str(a): (o.strip(), p) for a, o, p in zip(articles["article_id"].tolist(), articles["outlet"].tolist(),
                                                      periods) if isinstance(o, str) and o.strip()}


def _open_rows(attributions: pd.DataFrame, group_of: dict[str, tuple[str, str]]) -> list[int]:
    """Positions of the rows whose names the merge may change."""
    article_ids = attributions["article_id"].astype(str).tolist()
    return [i for i, (a, n, m, k) in enumerate(zip(article_ids, attributions["source_name"].astype(object).tolist(),
                                                   attributions["name_method"].astype(object).tolist(),
                                                   attributions["source_type"].astype(object).tolist()))
            if isinstance(n, str) and m in _MERGEABLE and k in ("named_person", "named_organization") and a in group_of]


def merge_candidates(attributions: pd.DataFrame, group_of: dict[str, tuple[str, str]]
                     ) -> tuple[list[tuple[str, str]], list[str], list[str], list[str | None], list[bool]]:
    """The groups, types, names, keys and openness :func:`merge_targets` reads, once per distinct name.

    The rows the merge may change, and the organisations the alias table
    named, which only receive merges. A corpus read in chunks gives the
    candidates of each chunk; their concatenation gives the same targets as
    the whole table.
    """
    open_rows = set(_open_rows(attributions, group_of))
    article_ids = attributions["article_id"].astype(str).tolist()
    kinds = attributions["source_type"].astype(object).tolist()
    names = attributions["source_name"].astype(object).tolist()
    methods = attributions["name_method"].astype(object).tolist()
    keys = (attributions["source_id"].astype(object).tolist() if "source_id" in attributions.columns
            else [None] * len(attributions))
    rows = [i for i in range(len(attributions)) if i in open_rows or (
        isinstance(methods[i], str) and methods[i] in ("alias_table", "user_alias")
        and kinds[i] == "named_organization" and isinstance(names[i], str) and article_ids[i] in group_of)]
    # One entry per distinct name, so that a corpus staged in chunks keeps its names, not its rows.
    distinct = dict.fromkeys((group_of[article_ids[i]], kinds[i], names[i],
                              keys[i] if isinstance(keys[i], str) else None, i in open_rows) for i in rows)
    groups_, kinds_, names_, keys_, open_ = (list(column) for column in zip(*distinct)) if distinct else ([], [], [], [], [])
    return groups_, kinds_, names_, keys_, open_


def apply_corpus_merge(attributions: pd.DataFrame, group_of: dict[str, tuple[str, str]],
                       targets: dict[tuple, str]) -> pd.DataFrame:
    """``attributions`` with the names of ``targets`` (:func:`merge_targets`) merged, and ``source_id`` set.

    Returns a new table; the input is not changed.
    """
    out = attributions.copy()
    article_ids = out["article_id"].astype(str).tolist()
    kinds = out["source_type"].astype(object).tolist()
    names = out["source_name"].astype(object).tolist()
    methods = out["name_method"].astype(object).tolist()
    keys = out["source_id"].astype(object).tolist() if "source_id" in out.columns else [None] * len(out)
    for i in _open_rows(out, group_of):
        target = targets.get((group_of[article_ids[i]], kinds[i], names[i]))
        if target is not None:
            (names[i], keys[i]), methods[i] = target, "corpus_merge"
    out["source_name"] = pd.array(names, dtype="string")
    out["name_method"] = pd.array(methods, dtype="string")
    out["source_id"] = pd.array([source_id(k, n, key if isinstance(key, str) and ":" in key else None)
                                 for k, n, key in zip(kinds, names, keys)], dtype="string")
    return out
