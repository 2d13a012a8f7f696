"""Outlet summaries from running totals, for corpora read a chunk at a time.

A corpus too large for memory is scored chunk by chunk (or partition by
partition on Dask). Each chunk gives a small totals table (:func:`outlet_totals`:
per outlet, counts and sums); totals add up (:func:`add_totals`), and the sums
give the same outlet summary and source-type mix as the in-memory functions
(:func:`~analysis.aggregate.summarize_outlets`,
:func:`~analysis.plots.source_mix`), up to floating-point rounding.
"""

from __future__ import annotations

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
    data = scored.assign(**{by: scored[by].astype("string").fillna(UNKNOWN_OUTLET)})
    grouped = data.groupby(by, sort=True)
    totals = pd.concat(
        [
            grouped.size().rename("n_articles"),
            data["n_attributions"].eq(0).groupby(data[by], sort=True).sum().rename("n_without_attributions"),
            grouped[measures].sum().add_prefix("sum:"),
            grouped[measures].count().add_prefix("count:"),
        ],
        axis=1,
    )
    if attributions is not None:
        require_columns(attributions, ["article_id", "source_type"], table="attributions")
        require_columns(scored, ["article_id"], table="scored articles")
        outlets = data[["article_id", by]]
        merged = attributions[["article_id", "source_type"]].merge(
            outlets.assign(article_id=outlets["article_id"].astype(str)), on="article_id", how="inner"
        )
        types = pd.crosstab(merged[by].astype("string"), merged["source_type"]).add_prefix("type:")
        totals = totals.join(types, how="left")
    return totals.fillna(0).astype("float64")


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
