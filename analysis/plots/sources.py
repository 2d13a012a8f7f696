"""Which sources each outlet cites most: the outlet x source table and its heatmap."""

from __future__ import annotations

from collections.abc import Mapping
import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from analysis.aggregate.outlets import MIN_ARTICLES
from analysis.plots.outlets import empty_note, mark_small, outlet_label, outlet_names
from analysis.plots.style import text_color_on, type_label
from analysis.schema import require_columns


def source_labels(attributions: pd.DataFrame) -> pd.Series:
    """A label per attribution: its canonical name, or its type in brackets when it has none.

    >>> att = pd.DataFrame({"source_name": ["AFP", None], "source_type": ["news_agency", "anonymous"]})
    >>> source_labels(att).tolist()
    ['AFP', '(anonymous)']
    """
    require_columns(attributions, ["source_name", "source_type"], table="attributions")
    names = attributions["source_name"].astype("string").str.strip().replace("", pd.NA)
    types = attributions["source_type"].astype("string").fillna("unknown")
    return names.fillna("(" + types.map(type_label) + ")").astype(str)


def top_sources(
    attributions: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    n: int = 12,
    include_unnamed: bool = True,
    normalize: bool = False,
) -> pd.DataFrame:
    """Outlet x source table for the ``n`` most-cited sources over all outlets.

    Sources are counted by their stable key (``source_id``; by
    ``source_name`` in a table without one) and labelled with their canonical
    name in full; two sources that share a name are told apart by their key.
    Unnamed ones are pooled by type, as ``(anonymous)``, ``(unnamed
    official)``..., unless ``include_unnamed`` is false. Every outlet gets a
    row, also one citing none of the top sources.

    Args:
        attributions: classified attributions.
        articles: the articles table (``article_id``, ``outlet``).
        n: how many sources (columns) to keep, most cited first.
        include_unnamed: keep the pooled unnamed sources.
        normalize: shares of each outlet's attributions instead of counts.

    Returns:
        Counts (or shares), outlets as index sorted by name, sources as columns.

    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"]})
    >>> att = pd.DataFrame({"article_id": ["a", "a", "b"], "source_name": ["AFP", "AFP", None],
    ...     "source_type": ["news_agency", "news_agency", "anonymous"]})
    >>> top_sources(att, arts).to_dict()
    {'AFP': {'X': 2, 'Y': 0}, '(anonymous)': {'X': 0, 'Y': 1}}
    """
    require_columns(attributions, ["article_id", "source_name", "source_type"], table="attributions")
    require_columns(articles, ["article_id", "outlet"], table="articles")
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    outlets = pd.DataFrame({"article_id": articles["article_id"].astype(str), "outlet": outlet_names(articles["outlet"])})
    labels = source_labels(attributions)
    named = attributions["source_name"].notna().to_numpy()
    keys = labels
    if "source_id" in attributions.columns:
        # Count by key: "United States" is one source whether an article said "the US" or "Washington".
        keys = attributions["source_id"].astype("string").where(pd.Series(named, index=labels.index)).fillna(labels).astype(str)
    att = pd.DataFrame({"article_id": attributions["article_id"].astype(str), "source": keys.to_numpy(),
                        "label": labels.to_numpy(), "named": named})
    merged = att.merge(outlets, on="article_id")
    totals_per_outlet = merged.groupby("outlet").size()
    if not include_unnamed:
        merged = merged[merged["named"]]
    counts = merged["source"].value_counts()
    # Most cited first, ties by name, so the columns are the same on every run.
    top = sorted(counts.index, key=lambda s: (-counts[s], s))[:n]
    table = pd.crosstab(merged["outlet"], merged["source"]) if len(merged) else pd.DataFrame()
    table = table.reindex(index=sorted(outlets["outlet"].unique()), columns=top, fill_value=0).astype("int64")
    table.columns = _column_labels(top, merged)
    table.index.name, table.columns.name = "outlet", "source"
    if normalize:
        table = table.div(totals_per_outlet.reindex(table.index).replace(0, np.nan), axis=0).fillna(0.0)
    return table


def _column_labels(keys: list[str], merged: pd.DataFrame) -> list[str]:
    """The canonical name of each counted key; a name two keys share gets its key in brackets."""
    if not len(merged):
        return list(keys)
    # Each key's most frequent label (a key has one name, up to its spelling in old tables).
    label_of = merged.groupby("source")["label"].agg(lambda s: s.value_counts().index[0]).to_dict()
    names = [label_of.get(k, k) for k in keys]
    shared = {n for n in names if names.count(n) > 1}
    return [f"{n} [{k}]" if n in shared else n for n, k in zip(names, keys)]


def plot_source_heatmap(
    data: pd.DataFrame,
    *,
    annotate: bool = True,
    cmap: str = "Blues",
    wrap: int = 18,
    n_articles: Mapping[str, int] | pd.Series | None = None,
    min_articles: int = MIN_ARTICLES,
    ax: Axes | None = None,
) -> Axes:
    """Heatmap of an outlet x source table, each cell annotated with its count or share.

    Outlets are sorted by their total, largest on top; columns keep their order
    (most cited first from :func:`top_sources`). Shares (all values in [0, 1]
    and some not whole) are written as percentages, zeros are left blank.

    Args:
        data: an outlet x source table, as from :func:`top_sources`.
        annotate: write each cell's value in it.
        cmap: a sequential matplotlib colour map.
        wrap: source names longer than this many characters are wrapped
            onto more lines, never cut.
        n_articles: articles per outlet: each label then gives it (``UNN
            (n=1)``), and the labels of outlets with fewer than
            ``min_articles`` are greyed.
        min_articles: fewest articles an outlet needs not to be greyed.
        ax: pre-existing axes for the plot; the current axes otherwise.

    Returns:
        The axes drawn on.

    >>> table = pd.DataFrame({"AFP": [2, 0], "(anonymous)": [0, 1]}, index=["X", "Y"])
    >>> fig, ax = plt.subplots()
    >>> sorted(t.get_text() for t in plot_source_heatmap(table, ax=ax).texts)
    ['1', '2']
    """
    ax = ax if ax is not None else plt.gca()
    if data.empty or data.shape[1] == 0:
        return empty_note(ax)
    table = data.fillna(0)
    totals = table.sum(axis=1)
    order = sorted(table.index, key=lambda o: (-totals[o], str(o)))
    table = table.loc[order]
    values = table.to_numpy(dtype=float)
    is_share = values.max() <= 1.0 and not np.allclose(values, np.round(values))
    image = ax.imshow(values, cmap=cmap, aspect="auto", vmin=0, vmax=max(values.max(), 1e-9), interpolation="nearest")
    labels = [textwrap.fill(str(c), width=wrap, break_long_words=False, break_on_hyphens=False) for c in table.columns]
    ax.set_xticks(np.arange(table.shape[1]), labels, rotation=40, ha="right",
                  rotation_mode="anchor", multialignment="right")
    counts = dict(n_articles.items()) if n_articles is not None else {}
    ax.set_yticks(np.arange(table.shape[0]), [outlet_label(i, counts.get(str(i))) for i in table.index])

    ax.tick_params(length=0)
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    # Thin white lines between cells.
    ax.set_xticks(np.arange(table.shape[1] + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(table.shape[0] + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=1)
    ax.tick_params(which="minor", length=0)
    mark_small(ax, [bool(counts) and counts.get(str(i), 0) < min_articles for i in table.index],
               min_articles=min_articles, how="greyed")
    if annotate:
        size = 7 if table.shape[1] > 10 or table.shape[0] > 10 else 8
        for (i, j), v in np.ndenumerate(values):
            if v == 0:
                continue
            text = f"{v:.0%}" if is_share else f"{v:.0f}"
            ax.text(j, i, text, ha="center", va="center", fontsize=size,
                    color=text_color_on(image.cmap(image.norm(v))))
    return ax
