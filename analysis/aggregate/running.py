"""Outlet summaries from running totals, for corpora read a chunk at a time.

A corpus too large for memory is scored chunk by chunk (or partition by
partition on Dask). Each chunk gives a small totals table (:func:`outlet_totals`:
per outlet, counts and sums); totals add up (:func:`add_totals`), and the sums
give the same outlet summary and source-type mix as the in-memory functions
(:func:`~analysis.aggregate.summarize_outlets`,
:func:`~analysis.plots.source_mix`), up to floating-point rounding.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.schema import SOURCE_TYPES, require_columns
from analysis.scoring.articles import SCORE_COLUMNS

#: Outlet label of articles whose input names none (as in summarize_outlets).
UNKNOWN_OUTLET = "(unknown outlet)"


def outlet_totals(scored: pd.DataFrame, attributions: pd.DataFrame | None = None, *, by: str = "outlet") -> pd.DataFrame:
    """Per-outlet counts and sums of one chunk of scored articles.

    Columns: ``n_articles``, ``n_without_attributions``, ``sum:<measure>`` and
    ``count:<measure>`` (non-missing values) of each score, and with
    ``attributions`` ``type:<source_type>`` attribution counts (articles without an outlet
    grouped as unknown, as :func:`~analysis.plots.source_mix` does).

    Args:
        scored: scored articles (:func:`analysis.scoring.score_articles`).
        attributions: the classified attributions of the same articles.
        by: the column to group by.

    >>> scored = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "X"],
    ...     "n_attributions": [2, 0], "share_anonymous": [0.5, None]})
    >>> outlet_totals(scored).loc["X", ["n_articles", "sum:share_anonymous", "count:share_anonymous"]].tolist()
    [2.0, 0.5, 1.0]
    """
    require_columns(scored, [by, "n_attributions"], table="scored articles")
    measures = [c for c in SCORE_COLUMNS if c in scored.columns]
    # Outlet number of each article, outlets sorted (as groupby sorts them).
    codes, outlets = pd.factorize(scored[by].astype("string").fillna(UNKNOWN_OUTLET), sort=True)
    n_outlets = len(outlets)

    def per_outlet(weights: np.ndarray, rows: np.ndarray = codes) -> np.ndarray:
        return np.bincount(rows, weights=weights, minlength=n_outlets)

    values = np.column_stack([scored[m].to_numpy(dtype="float64", na_value=np.nan) for m in measures]) \
        if measures else np.empty((len(scored), 0))
    present = ~np.isnan(values)
    # Sums as a pandas group sum (compensated), digit for digit as the totals have always been.
    sums = pd.DataFrame(values).groupby(codes).sum().reindex(range(n_outlets), fill_value=0.0).to_numpy()
    columns = {
        "n_articles": per_outlet(np.ones(len(scored))),
        "n_without_attributions": per_outlet(scored["n_attributions"].eq(0).to_numpy(dtype="float64", na_value=0)),
        **{f"sum:{m}": sums[:, j] for j, m in enumerate(measures)},
        **{f"count:{m}": per_outlet(present[:, j].astype("float64")) for j, m in enumerate(measures)},
    }
    if attributions is not None:
        require_columns(attributions, ["article_id", "source_type"], table="attributions")
        require_columns(scored, ["article_id"], table="scored articles")
        article_ids = pd.Index(scored["article_id"].astype(str))
        if not article_ids.is_unique:
            duplicated = article_ids[article_ids.duplicated()][0]
            raise ValueError(f"scored articles: field 'article_id' is duplicated ({duplicated!r})")
        # Each attribution counts for the outlet of its article; attributions of other articles are left out.
        article = article_ids.get_indexer(attributions["article_id"].astype(str))
        types = attributions["source_type"]
        counted = (article >= 0) & types.notna().to_numpy()
        type_codes, type_names = pd.factorize(types[counted], sort=True)
        for t, name in enumerate(type_names):
            columns[f"type:{name}"] = per_outlet((type_codes == t).astype("float64"), codes[article[counted]])
    totals = pd.DataFrame(columns, index=pd.Index(outlets, name=by))
    if attributions is not None:
        # Column labels of the text dtype of the source types (as a join on their counts gives).
        totals.columns = totals.columns.astype(pd.Index(type_names).dtype)
    return totals


def add_totals(*totals: pd.DataFrame | None) -> pd.DataFrame:
    """Add totals tables outlet by outlet (``None`` stands for nothing yet).

    >>> a = pd.DataFrame({"n_articles": [1.0]}, index=pd.Index(["X"], name="outlet"))
    >>> add_totals(None, a, a).loc["X", "n_articles"]
    np.float64(2.0)
    """
    parts = [t for t in totals if t is not None]
    if not parts:
        return pd.DataFrame()
    combined = pd.concat(parts)
    return combined.groupby(level=0, sort=True).sum().fillna(0)


def outlets_from_totals(totals: pd.DataFrame, *, by: str = "outlet") -> pd.DataFrame:
    """The outlet summary (as :func:`~analysis.aggregate.summarize_outlets`) from totals.

    >>> scored = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "X"],
    ...     "n_attributions": [2, 0], "share_anonymous": [0.5, None]})
    >>> outlets_from_totals(outlet_totals(scored))[["outlet", "n_articles", "share_anonymous"]].values.tolist()
    [['X', 2, 0.5]]
    """
    if totals.empty:
        return pd.DataFrame({by: pd.Series(dtype="string"), "n_articles": pd.Series(dtype="int64"),
                             "n_without_attributions": pd.Series(dtype="int64")})
    measures = [c for c in SCORE_COLUMNS if f"sum:{c}" in totals.columns]
    # 0 / 0 -> NaN: an outlet none of whose articles has that figure.
    means = pd.DataFrame({m: totals[f"sum:{m}"] / totals[f"count:{m}"].where(totals[f"count:{m}"] > 0) for m in measures})
    if "sum:n_rated" in totals.columns and "sum:n_unrated" in totals.columns:
        # Pooled over the outlet's attributions, as summarize_outlets gives it.
        cited = totals["sum:n_rated"] + totals["sum:n_unrated"]
        means["share_rated"] = totals["sum:n_rated"] / cited.where(cited > 0)
    means.insert(0, "n_articles", totals["n_articles"].astype("int64"))
    means.insert(1, "n_without_attributions", totals["n_without_attributions"].astype("int64"))
    means.index = means.index.astype("string").rename(by)
    return means.reset_index()


def source_mix_from_totals(totals: pd.DataFrame, *, normalize: bool = True) -> pd.DataFrame:
    """The outlet x source type table (as :func:`~analysis.plots.source_mix`) from totals.

    >>> totals = pd.DataFrame({"type:anonymous": [1.0], "type:self": [3.0]}, index=pd.Index(["X"], name="outlet"))
    >>> float(source_mix_from_totals(totals).loc["X", "anonymous"])
    0.25
    """
    counts = totals[[c for c in totals.columns if c.startswith("type:")]] if len(totals.columns) else totals
    counts = counts.rename(columns=lambda c: c.removeprefix("type:"))
    # Outlets citing nobody keep a row of zeros, as in source_mix.
    counts = counts.loc[:, counts.sum(axis=0) > 0]
    table = counts.reindex(columns=[t for t in SOURCE_TYPES if t in counts.columns]).astype("int64")
    table.index = table.index.astype("string").rename("outlet")
    table.columns.name = "source_type"
    if normalize and len(table):
        table = table.div(table.sum(axis=1), axis=0).fillna(0.0)
    return table
