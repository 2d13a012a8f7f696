"""Forest plot of pairwise outlet differences (:func:`analysis.aggregate.compare_outlets`)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.transforms import ScaledTranslation

from analysis.plots.outlets import empty_note
from analysis.plots.style import NEUTRAL_COLOR
from analysis.schema import require_columns

#: Colour of a difference whose adjusted p-value is under the significance level.
SIGNIFICANT_COLOR = "#D55E00"


def _p_text(p: float) -> str:
    return "p<0.001" if p < 0.001 else f"p={p:.3f}" if p < 0.1 else f"p={p:.2f}"


def plot_outlet_differences(
    data: pd.DataFrame,
    *,
    measure: str | None = None,
    max_pairs: int | None = 30,
    ax: Axes | None = None,
) -> Axes:
    """Forest plot: each pair's difference with its bootstrap interval and adjusted p-value.

    One row per pair (``A − B``), the largest absolute differences on top;
    a dashed line marks no difference. Pairs whose adjusted p-value is under
    the significance level are filled and coloured, the others hollow and
    grey; the adjusted p-value is written at the right.

    Args:
        data: pairwise comparisons, as from :func:`analysis.aggregate.compare_outlets`.
        measure: the measure's name, for the axis label.
        max_pairs: draw only this many pairs, the largest differences
            (``None``: all); the title of the axis says how many are shown.
        ax: pre-existing axes for the plot; the current axes otherwise.

    Returns:
        The axes drawn on.

    >>> data = pd.DataFrame({"outlet_a": ["A"], "outlet_b": ["B"], "n_a": [6], "n_b": [6], "difference": [0.4],
    ...     "ci_low": [0.3], "ci_high": [0.5], "p_adjusted": [0.001], "significant": [True]})
    >>> fig, ax = plt.subplots()
    >>> [t.get_text() for t in plot_outlet_differences(data, ax=ax).get_yticklabels()]
    ['A (n=6) − B (n=6)']
    """
    ax = ax if ax is not None else plt.gca()
    require_columns(data, ["outlet_a", "outlet_b", "difference", "ci_low", "ci_high", "p_adjusted", "significant"],
                    table="outlet comparisons")
    if data.empty:
        return empty_note(ax, "no outlets with enough articles to compare")
    table = data.assign(_abs=data["difference"].abs()).sort_values("_abs", ascending=False, kind="stable")
    n_all = len(table)
    if max_pairs is not None:
        table = table.head(max_pairs)
    table = table.iloc[::-1].reset_index(drop=True)  # largest on top
    y = np.arange(len(table))
    significant = table["significant"].fillna(False).to_numpy(dtype=bool)
    colors = np.where(significant, SIGNIFICANT_COLOR, NEUTRAL_COLOR)
    ax.axvline(0, color="0.6", linestyle="--", linewidth=0.9, zorder=1)
    ax.hlines(y, table["ci_low"], table["ci_high"], colors=colors, linewidth=1.5, zorder=2)
    ax.scatter(table["difference"][significant], y[significant], color=SIGNIFICANT_COLOR, s=26, zorder=3,
               label="adjusted p below the significance level")
    ax.scatter(table["difference"][~significant], y[~significant], facecolor="white", edgecolor=NEUTRAL_COLOR,
               s=26, zorder=3, label="not significant")

    def name(outlet: str, n: object) -> str:
        return f"{outlet} (n={int(n)})" if n is not None and not pd.isna(n) else str(outlet)

    n_a = table["n_a"] if "n_a" in table.columns else pd.Series(None, index=table.index)
    n_b = table["n_b"] if "n_b" in table.columns else pd.Series(None, index=table.index)
    ax.set_yticks(y, [f"{name(a, na)} − {name(b, nb)}" for a, b, na, nb in
                      zip(table["outlet_a"], table["outlet_b"], n_a, n_b)])
    for k, p in enumerate(table["p_adjusted"]):
        ax.annotate(_p_text(float(p)), xy=(1.0, k), xycoords=("axes fraction", "data"), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=7, color="0.3", annotation_clip=False)
    ax.set_ylim(-0.6, len(table) - 0.4)
    label = (measure.replace("_", " ") if measure else "measure")
    ax.set_xlabel(f"difference in {label} (A − B), 95% bootstrap interval")
    if measure is not None and measure.startswith("share_"):
        ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:+.0%}" if v else "0"))
    if len(table) < n_all:
        ax.set_title(f"{len(table)} largest of {n_all} differences", fontsize=8, loc="left")
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", length=0)
    # Below the axis label: a fixed distance in inches, whatever the figure's height.
    below = ax.transAxes + ScaledTranslation(0, -0.42, ax.figure.dpi_scale_trans)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), bbox_transform=below, ncol=2, fontsize=7, frameon=False)
    return ax
