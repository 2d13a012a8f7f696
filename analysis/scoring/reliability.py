"""Reliability priors: domain-quality ratings of media and the user's Admiralty grades.

Each attribution gets a rating in [0, 1] where one is known:

1. the user's Admiralty grade for the source (``name,grade`` CSV; A-E mapped
   by ``grade_values`` in the weights file; F, "cannot be judged", stays unrated);
2. for a medium, the quality rating of its web domain (``domain,pc1`` CSV;
   by default ``data/sources/domain-ratings.csv``, the pc1 of Lin et al.,
   PNAS Nexus 2023, for the registry's domains);
3. for a relayed source without its own rating, the rating of the medium
   that relayed it (``relayed_takes_relay_rating``).

Everything else is unrated, and counted as such.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Mapping

import numpy as np
import pandas as pd

from analysis.config import SHIPPED_RATINGS_CSV
from analysis.schema import require_columns
from analysis.scoring.config import ADMIRALTY_GRADES, ScoringConfig, default_config
from analysis.sources.registry import default_index, load_registry, normalize_name

#: Per-article reliability columns, in output order.
RELIABILITY_COLUMNS = ("reliability", "n_rated", "n_unrated", "share_rated", "outlet_rating")


@lru_cache(maxsize=8)
def read_ratings(path: Path | str = SHIPPED_RATINGS_CSV) -> dict[str, float]:
    """Domain -> rating in [0, 1] from a ``domain,pc1`` CSV.

    Raises:
        ValueError: on missing columns or a rating outside [0, 1] (naming the row).

    >>> read_ratings()["reuters.com"]
    1.0
    """
    table = pd.read_csv(path, dtype={"domain": str}, keep_default_na=False)
    require_columns(table, ["domain", "pc1"], table=Path(path).name)
    values = pd.to_numeric(table["pc1"], errors="coerce")
    bad = values.isna() | (values < 0) | (values > 1)
    if bad.any():
        row = int(bad.to_numpy().nonzero()[0][0])
        raise ValueError(f"{Path(path).name} row {row + 2}: field 'pc1' is {table['pc1'].iloc[row]!r}, not a number in [0, 1]")
    domains = table["domain"].str.strip().str.lower().str.removeprefix("www.")
    return dict(zip(domains, values.astype(float)))


@lru_cache(maxsize=8)
def read_grades(path: Path | str) -> dict[str, str]:
    """Source name (folded) -> Admiralty grade from a ``name,grade`` CSV.

    Raises:
        ValueError: on missing columns or a grade other than A-F (naming the row).

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "grades.csv"
    >>> _ = path.write_text("name,grade\\nThe Associated Press,b\\n", encoding="utf-8")
    >>> read_grades(path)
    {'associated press': 'B'}
    """
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    require_columns(table, ["name", "grade"], table=Path(path).name)
    grades = table["grade"].str.strip().str.upper()
    bad = ~grades.isin(ADMIRALTY_GRADES)
    if bad.any():
        row = int(bad.to_numpy().nonzero()[0][0])
        raise ValueError(f"{Path(path).name} row {row + 2}: field 'grade' is {table['grade'].iloc[row]!r}, not one of A-F")
    return {normalize_name(n): g for n, g in zip(table["name"], grades) if n.strip()}


@lru_cache(maxsize=1)
def _registry_domains() -> dict[str, str]:
    reg = load_registry()
    return {n: d.lower() for n, d in zip(reg["name"], reg["domain"]) if d}


def lookup(keys: pd.Series, mapping: Mapping[str, float]) -> np.ndarray:
    """``mapping[key]`` for each key as floats, NaN where the key is missing or absent.

    Each distinct key is looked up once (Series.map and isin are slow on text).

    >>> lookup(pd.Series(["a", None, "b", "a"]), {"a": 1.0}).tolist()
    [1.0, nan, nan, 1.0]
    """
    codes, distinct = pd.factorize(keys)
    values = np.array([mapping.get(key, np.nan) for key in distinct] + [np.nan], dtype="float64")
    # A missing key has code -1: the NaN appended last.
    return values[codes]


class _Rater:
    """Rates many names at once under one configuration; each distinct name is looked up once."""

    def __init__(self, config: ScoringConfig) -> None:
        ratings = read_ratings(config.ratings_path or SHIPPED_RATINGS_CSV)
        self.grades = read_grades(config.grades_path) if config.grades_path else {}
        self.values = dict(config.grade_values)
        # Registered medium -> the rating of its domain, for the media whose domain is rated.
        self.media_ratings = {name: ratings[domain] for name, domain in _registry_domains().items()
                              if domain in ratings}

    def _graded(self, keys: pd.Series) -> pd.Series:
        """The user's grade of each key (a name or the words of a source); missing where none."""
        codes, distinct = pd.factorize(keys)
        grades = [self.grades.get(normalize_name(key)) if isinstance(key, str) and key else None for key in distinct]
        return pd.Series(np.array([*grades, None], dtype=object)[codes], index=keys.index)

    def rate(self, names: pd.Series, texts: pd.Series | None = None) -> pd.Series:
        """The rating of each name, missing where unrated.

        The user's grade of the name, else of the words (``texts``), decides
        first, even an F that has no value; else a medium's domain rating.
        """
        rating = np.full(len(names), np.nan)
        undecided = np.ones(len(names), dtype=bool)
        if self.grades:
            for keys in (names, texts):
                if keys is None:
                    continue
                grade = self._graded(keys)
                found = grade.notna().to_numpy() & undecided
                rating[found] = lookup(grade[found], self.values)
                undecided &= ~found
        rating[undecided] = lookup(names if undecided.all() else names[undecided], self.media_ratings)
        return pd.Series(rating, index=names.index, dtype="float64")


def attribution_reliability(attributions: pd.DataFrame, *, config: ScoringConfig | None = None) -> pd.Series:
    """The rating in [0, 1] of each attribution's source; missing where unrated.

    >>> att = pd.DataFrame({"source_text": ["Reuters", "a source", "an aide"], "source_name": ["Reuters", None, None],
    ...     "via": [None, None, "Reuters"]})
    >>> attribution_reliability(att).tolist()
    [1.0, nan, 1.0]
    """
    require_columns(attributions, ["source_text", "source_name", "via"], table="attributions")
    config = config or default_config()
    rater = _Rater(config)
    values = rater.rate(attributions["source_name"], attributions["source_text"])
    if config.relayed_takes_relay_rating:
        # A relayed source without its own rating takes its relay's.
        values = values.fillna(rater.rate(attributions["via"]))
    return values.rename(None)


def score_reliability(articles: pd.DataFrame, attributions: pd.DataFrame, *,
                      config: ScoringConfig | None = None) -> pd.DataFrame:
    """Per article: attribution-weighted reliability, rated and unrated counts, the outlet's own rating.

    Returns:
        One row per article (``article_id`` and :data:`RELIABILITY_COLUMNS`);
        ``reliability`` is the mean rating of the rated attributions (missing
        when none is rated), ``share_rated`` the share of its attributions
        that have a rating (what ``reliability`` rests on; missing for an
        article citing nobody), ``outlet_rating`` the rating of the publisher.

    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["reuters"]})
    >>> att = pd.DataFrame({"article_id": ["a", "a"], "source_text": ["AP", "a source"],
    ...     "source_name": ["AP", None], "via": [None, None]})
    >>> score_reliability(arts, att)[["n_rated", "n_unrated", "share_rated", "outlet_rating"]].to_dict("records")
    [{'n_rated': 1, 'n_unrated': 1, 'share_rated': 0.5, 'outlet_rating': 1.0}]
    """
    require_columns(articles, ["article_id"], table="articles")
    require_columns(attributions, ["article_id", "source_text", "source_name", "via"], table="attributions")
    config = config or default_config()
    rating = attribution_reliability(attributions, config=config).to_numpy()
    rated = ~np.isnan(rating)
    # Sums over the attributions of each article, then each article's row.
    codes, cited = pd.factorize(attributions["article_id"].astype(str))
    n_all = np.bincount(codes, minlength=len(cited))
    n_rated = np.bincount(codes, weights=rated, minlength=len(cited))
    # A pandas group mean (compensated sum): the same digits as ever, to the last one.
    mean = pd.Series(rating).groupby(codes).mean().reindex(range(len(cited))).to_numpy()
    ids = articles["article_id"].astype(str)
    # Row of each article among those cited; -1 (an article citing nobody) takes the appended last entry.
    row = pd.Index(cited).get_indexer(ids)
    out = pd.DataFrame({
        "reliability": np.append(mean, np.nan)[row],
        "n_rated": np.append(n_rated, 0)[row].astype("int64"),
        "n_unrated": np.append(n_all - n_rated, 0)[row].astype("int64"),
    }, index=pd.Index(ids, name="article_id"))
    n_cited_here = out["n_rated"] + out["n_unrated"]
    out["share_rated"] = (out["n_rated"] / n_cited_here.where(n_cited_here > 0)).astype("float64")
    out["outlet_rating"] = _outlet_ratings(articles, config)
    return out.rename_axis("article_id").reset_index()


def _outlet_ratings(articles: pd.DataFrame, config: ScoringConfig) -> np.ndarray:
    """The rating of each article's publisher (its outlet resolved in the registry), each outlet rated once."""
    if "outlet" not in articles.columns:
        return np.full(len(articles), np.nan)
    codes, outlets = pd.factorize(articles["outlet"])
    # Only a non-blank outlet names a publisher.
    named = np.array([isinstance(o, str) and bool(o.strip()) for o in outlets], dtype=bool)
    media = default_index()
    resolved = pd.Series([media.resolve_outlet(o) if ok else None for o, ok in zip(outlets, named)], dtype="object")
    rating = _Rater(config).rate(resolved, pd.Series(outlets, dtype="object")).to_numpy()
    # An article without an outlet (code -1) takes the appended last entry.
    return np.append(np.where(named, rating, np.nan), np.nan)[codes]
