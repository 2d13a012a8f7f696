"""Axes-level plots comparing outlets; each draws only on the ``ax`` it is given."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.transforms import ScaledTranslation

from analysis.aggregate.outlets import MIN_ARTICLES
from analysis.plots.style import NEUTRAL_COLOR, TYPE_COLORS, type_color, type_label
from analysis.schema import SOURCE_TYPES, require_columns

# ``vert=False`` is deprecated from matplotlib 3.10, which added ``orientation``.
_HORIZONTAL = {"orientation": "horizontal"} if tuple(map(int, mpl.__version__.split(".")[:2])) >= (3, 10) else {"vert": False}

#: Label of articles whose outlet is missing, as in :func:`analysis.aggregate.summarize_outlets`.
UNKNOWN_OUTLET = "(unknown outlet)"


def empty_note(ax: Axes, message: str = "no data") -> Axes:
    """Write ``message`` in the middle of ``ax`` and hide its ticks: what plots draw for empty data.

    >>> fig, ax = plt.subplots()
    >>> ax = empty_note(ax)
    >>> ax.texts[0].get_text()
    'no data'
    """
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="0.4")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    return ax


def outlet_names(values: pd.Series) -> pd.Series:
    """Outlet names as strings, missing ones as :data:`UNKNOWN_OUTLET`.

    >>> outlet_names(pd.Series(["BBC", None])).tolist()
    ['BBC', '(unknown outlet)']
    """
    return values.astype("string").fillna(UNKNOWN_OUTLET).astype(str)


#: Opacity of the marks of an outlet with fewer than ``min_articles`` articles.
SMALL_ALPHA = 0.4
#: Colour of its tick label.
SMALL_LABEL_COLOR = "0.5"


def outlet_label(name: object, n: object = None) -> str:
    """An outlet's tick label with its number of articles: ``UNN (n=1)``.

    >>> outlet_label("UNN", 1), outlet_label("UNN")
    ('UNN (n=1)', 'UNN')
    """
    return str(name) if n is None or pd.isna(n) else f"{name} (n={int(n)})"


def mark_small(ax: Axes, small: Sequence[bool], *, min_articles: int = MIN_ARTICLES,
               how: str = "greyed and faded") -> None:
    """Grey the y tick labels of small outlets, and say what grey means in a line under the x-axis label.

    Call it last, once the x-axis label is set.
    """
    for label, is_small in zip(ax.get_yticklabels(), small):
        if is_small:
            label.set_color(SMALL_LABEL_COLOR)
    if any(small):
        note = f"{how}: fewer than {min_articles} articles, read with care"
        ax.set_xlabel(f"{ax.get_xlabel()}\n{note}" if ax.get_xlabel() else note)


def source_mix(attributions: pd.DataFrame, articles: pd.DataFrame, *, normalize: bool = True) -> pd.DataFrame:
    """Outlet x source type table of attribution counts (or shares per outlet).

    Outlets whose articles cite nobody get a row of zeros, so no outlet is lost.

    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"]})
    >>> att = pd.DataFrame({"article_id": ["a", "a"], "source_type": ["anonymous", "self"]})
    >>> float(source_mix(att, arts).loc["X", "anonymous"])
    0.5
    """
    require_columns(attributions, ["article_id", "source_type"], table="attributions")
    require_columns(articles, ["article_id", "outlet"], table="articles")
    outlets = pd.DataFrame({"article_id": articles["article_id"].astype(str), "outlet": outlet_names(articles["outlet"])})
    merged = attributions[["article_id", "source_type"]].astype({"article_id": str}).merge(outlets, on="article_id")
    merged["source_type"] = merged["source_type"].astype("string").fillna("unknown")
    table = pd.crosstab(merged["outlet"], merged["source_type"])
    table = table.reindex(index=sorted(outlets["outlet"].unique()), columns=[t for t in SOURCE_TYPES if t in table.columns],
                          fill_value=0)
    table.index.name, table.columns.name = "outlet", "source_type"
    if normalize and len(table):
        totals = table.sum(axis=1).replace(0, np.nan)
        table = table.div(totals, axis=0).fillna(0.0)
    return table


def plot_source_mix(
    data: pd.DataFrame,
    *,
    sort_by: str | Sequence[str] | None = ("anonymous", "unnamed_official"),
    legend: bool = True,
    n_articles: Mapping[str, int] | pd.Series | None = None,
    min_articles: int = MIN_ARTICLES,
    ax: Axes | None = None,
) -> Axes:
    """Stacked horizontal bars: the share of each source type per outlet.

    Args:
        data: an outlet x source type table, as from :func:`source_mix`.
        sort_by: a source type, or several summed, to sort outlets by (largest
            on top); ``None`` keeps the table's order, top to bottom.
        legend: draw the legend (below the bars, one entry per type shown).
        n_articles: articles per outlet (such as the ``n_articles`` of an
            outlet summary, by outlet): each label then gives it (``UNN
            (n=1)``), and outlets with fewer than ``min_articles`` are faded.
        min_articles: fewest articles an outlet needs not to be faded.
        ax: pre-existing axes for the plot; the current axes otherwise.

    Returns:
        The axes drawn on.

    >>> fig, ax = plt.subplots()
    >>> ax = plot_source_mix(pd.DataFrame({"anonymous": [0.2], "self": [0.8]}, index=["X"]), ax=ax)
    >>> len(ax.patches)
    2
    """
    ax = ax if ax is not None else plt.gca()
    if data.empty or data.shape[1] == 0:
        return empty_note(ax)
    table = data.fillna(0)
    # Source types in the fixed order (most to least identified), any others after.
    table = table[[t for t in SOURCE_TYPES if t in table.columns] + [c for c in table.columns if c not in SOURCE_TYPES]]
    if sort_by is not None:
        keys = [sort_by] if isinstance(sort_by, str) else list(sort_by)
        present = [k for k in keys if k in table.columns]
        key = table[present].sum(axis=1) if present else pd.Series(0.0, index=table.index)
        # Stable sort, ties by name, so the order is the same on every run.
        table = table.assign(_key=key, _name=[str(i) for i in table.index]).sort_values(
            ["_key", "_name"], ascending=[True, False], kind="stable").drop(columns=["_key", "_name"])
    else:
        table = table.iloc[::-1]  # barh draws the first row at the bottom
    counts = dict(n_articles.items()) if n_articles is not None else {}
    labels = [outlet_label(i, counts.get(str(i))) if counts else str(i) for i in table.index]
    small = [bool(counts) and counts.get(str(i), 0) < min_articles for i in table.index]
    y = np.arange(len(table))
    left = np.zeros(len(table))
    for col in table.columns:
        values = table[col].to_numpy(dtype=float)
        if not values.any():
            continue
        bars = ax.barh(y, values, left=left, height=0.75, color=type_color(col), label=type_label(col),
                       edgecolor="white", linewidth=0.4)
        for bar, is_small in zip(bars, small):
            if is_small:
                bar.set_alpha(SMALL_ALPHA)
        left = left + values
    ax.set_yticks(y, labels)
    ax.set_ylim(-0.6, len(table) - 0.4)
    is_share = left.max() <= 1.0001
    ax.set_xlabel("share of attributions" if is_share else "attributions")
    ax.set_xlim(0, 1.0 if is_share else float(left.max()) * 1.02)
    if is_share:
        ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", length=0)
    mark_small(ax, small, min_articles=min_articles)
    if legend:
        n = len(ax.get_legend_handles_labels()[1])
        # Below the tick labels and axis label: a fixed distance in inches, whatever the figure's height.
        below = ax.transAxes + ScaledTranslation(0, -0.38 - 0.16 * ax.get_xlabel().count("\n"),
                                                 ax.figure.dpi_scale_trans)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), bbox_transform=below, ncol=min(n, 4),
                  title="source type", handlelength=1.2, columnspacing=1.0)
    return ax


def _measure_label(measure: str) -> str:
    return measure.removeprefix("share_").replace("_", " ")


def plot_anonymous_share(
    data: pd.DataFrame,
    *,
    measures: tuple[str, ...] = ("share_anonymous", "share_unnamed_official"),
    outlet: str = "outlet",
    min_articles: int = MIN_ARTICLES,
    ax: Axes | None = None,
) -> Axes:
    """Dot plot of anonymous and unnamed-official shares per outlet, with 95% intervals.

    When ``data`` has ``<measure>_ci_low`` and ``<measure>_ci_high`` columns
    (as :func:`analysis.aggregate.summarize_outlets` may give), each dot gets
    its interval; nothing is computed here. Outlets are sorted by the sum of
    the measures, largest on top. With ``n_articles``, each label gives the
    outlet's number of articles, and an outlet with fewer than
    ``min_articles`` (or marked ``small_sample``) is faded.

    Args:
        data: per-outlet summary, as from :func:`analysis.aggregate.summarize_outlets`.
        measures: the share columns to draw.
        outlet: the column naming outlets.
        min_articles: fewest articles an outlet needs not to be faded.
        ax: pre-existing axes for the plot; the current axes otherwise.

    Returns:
        The axes drawn on.

    >>> fig, ax = plt.subplots()
    >>> ax = plot_anonymous_share(pd.DataFrame({"outlet": ["X"], "share_anonymous": [0.3],
    ...     "share_unnamed_official": [0.1]}), ax=ax)
    >>> len(ax.collections)
    2
    """
    ax = ax if ax is not None else plt.gca()
    present = [m for m in measures if m in data.columns]
    if data.empty or not present:
        return empty_note(ax)
    require_columns(data, [outlet], table="outlet summary")
    key = data[present].fillna(0).sum(axis=1)
    table = data.assign(_key=key, _name=outlet_names(data[outlet])).sort_values(
        ["_key", "_name"], ascending=[True, False], kind="stable").reset_index(drop=True)
    y = np.arange(len(table))
    n = table["n_articles"] if "n_articles" in table.columns else pd.Series(pd.NA, index=table.index)
    small = pd.to_numeric(n, errors="coerce").fillna(min_articles).lt(min_articles).to_numpy(dtype=bool)
    if "small_sample" in table.columns:
        small = small | table["small_sample"].fillna(False).to_numpy(dtype=bool)
    alpha = np.where(small, SMALL_ALPHA, 1.0)
    colors = {"share_anonymous": TYPE_COLORS["anonymous"], "share_unnamed_official": TYPE_COLORS["unnamed_official"]}
    markers = ("o", "s", "D", "^")
    has_ci = False
    # Measures side by side within an outlet's row, so intervals do not hide each other.
    offsets = [0.18 * (k - (len(present) - 1) / 2) for k in range(len(present))]
    for k, (measure, off) in enumerate(zip(present, offsets)):
        color = colors.get(measure, NEUTRAL_COLOR)
        low, high = f"{measure}_ci_low", f"{measure}_ci_high"
        if low in table.columns and high in table.columns:
            has_ci = True
            ax.hlines(y - off, table[low], table[high], color=color, linewidth=1.6, alpha=0.8 * alpha)
        ax.scatter(table[measure], y - off, color=color, marker=markers[k % len(markers)], s=28, zorder=3,
                   edgecolor="white", linewidth=0.5, label=_measure_label(measure), alpha=alpha)
    ax.set_yticks(y, [outlet_label(name, count) for name, count in zip(table["_name"], n)])
    ax.set_ylim(-0.6, len(table) - 0.4)
    ax.set_xlabel("share of attributions (mean per article" + (", 95% CI)" if has_ci else ")"))
    # A little room left of zero, so dots at 0% are not cut in half by the axis.
    high = ax.get_xlim()[1]
    ax.set_xlim(-0.02 * high, high)
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", length=0)
    mark_small(ax, small.tolist(), min_articles=min_articles)
    ax.legend(loc="lower right", handletextpad=0.3)
    return ax


def plot_score_distribution(
    data: pd.DataFrame,
    *,
    measure: str = "transparency_score",
    outlet: str = "outlet",
    kind: str = "box",
    ax: Axes | None = None,
) -> Axes:
    """Distribution of a per-article score by outlet: boxes with the articles as dots, or dots only.

    Outlets are sorted by median, highest on top; each label gives the number
    of articles. Missing scores are left out.

    Args:
        data: scored articles, as from :func:`analysis.scoring.score_articles`.
        measure: the score column.
        outlet: the column naming outlets.
        kind: ``"box"`` (box and dots) or ``"strip"`` (dots only).
        ax: pre-existing axes for the plot; the current axes otherwise.

    Returns:
        The axes drawn on.

    >>> scored = pd.DataFrame({"outlet": ["A", "A", "B"], "transparency_score": [40.0, 60.0, 90.0]})
    >>> fig, ax = plt.subplots()
    >>> [t.get_text() for t in plot_score_distribution(scored, ax=ax).get_yticklabels()]
    ['A (n=2)', 'B (n=1)']
    """
    if kind not in ("box", "strip"):
        raise ValueError(f"kind must be 'box' or 'strip', got {kind!r}")
    ax = ax if ax is not None else plt.gca()
    if data.empty or measure not in data.columns:
        return empty_note(ax)
    require_columns(data, [outlet], table="scored articles")
    frame = pd.DataFrame({"outlet": outlet_names(data[outlet]), "value": pd.to_numeric(data[measure], errors="coerce")})
    frame = frame.dropna(subset=["value"])
    if frame.empty:
        return empty_note(ax)
    groups = {name: g["value"].to_numpy(dtype=float) for name, g in frame.groupby("outlet", sort=True)}
    order = sorted(groups, key=lambda name: (np.median(groups[name]), name))
    values = [groups[name] for name in order]
    y = np.arange(len(order))
    if kind == "box":
        ax.boxplot(values, positions=y, **_HORIZONTAL, widths=0.6, showfliers=False, patch_artist=True,
                   boxprops={"facecolor": "#DDDDDD", "edgecolor": NEUTRAL_COLOR, "linewidth": 0.8},
                   medianprops={"color": "black", "linewidth": 1.4},
                   whiskerprops={"color": NEUTRAL_COLOR, "linewidth": 0.8},
                   capprops={"color": NEUTRAL_COLOR, "linewidth": 0.8})
    # A fixed generator: the jitter, and so the saved file, is the same on every run.
    rng = np.random.default_rng(0)
    for pos, vals in zip(y, values):
        jitter = rng.uniform(-0.22, 0.22, size=len(vals))
        ax.scatter(vals, pos + jitter, s=7, color="#0072B2", alpha=0.45 if len(vals) > 30 else 0.7,
                   linewidth=0, zorder=3)
    ax.set_yticks(y, [f"{name} (n={len(groups[name])})" for name in order])
    ax.set_ylim(-0.6, len(order) - 0.4)
    ax.set_xlabel(measure.replace("_", " ") + (" (0–100)" if measure == "transparency_score" else ""))
    if measure == "transparency_score":
        ax.set_xlim(-2, 102)
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", length=0)
    return ax
