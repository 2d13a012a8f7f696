"""Sourcing figures over time, by outlet."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from analysis.plots.outlets import empty_note, outlet_names
from analysis.plots.style import OUTLET_COLORS, outlet_styles
from analysis.schema import require_columns

#: Period lengths a reader would choose, as pandas frequencies.
# Period aliases: weeks run Monday to Sunday.
FREQUENCIES = {"week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}
#: Line styles of successive outlets, so lines on the same values stay apart to the eye.
LINE_STYLES = ("-", "--", ":", "-.", (0, (5, 1, 1, 1)), (0, (1, 2)), (0, (6, 2)))
#: Marker area (points²) of a period with one article; areas grow with the square root of n.
MARKER_AREA = 16.0


def shares_over_time(
    scored: pd.DataFrame,
    *,
    measure: str = "share_anonymous",
    freq: str = "month",
    outlet: str = "outlet",
) -> pd.DataFrame:
    """Mean of ``measure`` per outlet and period, with the number of articles behind it.

    Articles without a ``published`` date, or without a value (an article
    citing nobody has no shares), are counted in ``n_undated`` /
    ``n_articles`` but give no mean.

    Args:
        scored: scored articles with ``published``, as from :func:`analysis.scoring.score_articles`.
        measure: the per-article column to average.
        freq: ``"week"``, ``"month"``, ``"quarter"`` or ``"year"``.
        outlet: the column naming outlets.

    Returns:
        One row per outlet and period that has articles: ``outlet``,
        ``period`` (the period's first day), ``n_articles``, ``n_scored``
        (articles with a value) and ``measure``. Outlets with undated articles
        only get one row with a missing period, so no outlet is lost.

    >>> scored = pd.DataFrame({"outlet": ["A", "A", "A"], "published": ["2024-01-03", "2024-01-20", "2024-02-01"],
    ...     "share_anonymous": [0.5, 0.0, 1.0]})
    >>> shares_over_time(scored)[["period", "n_articles", "share_anonymous"]].astype(str).values.tolist()
    [['2024-01-01', '2', '0.25'], ['2024-02-01', '1', '1.0']]
    """
    if freq not in FREQUENCIES:
        raise ValueError(f"freq must be one of {list(FREQUENCIES)}, got {freq!r}")
    require_columns(scored, [outlet, "published", measure], table="scored articles")
    frame = pd.DataFrame({
        "outlet": outlet_names(scored[outlet]),
        "published": pd.to_datetime(scored["published"], errors="coerce"),
        "value": pd.to_numeric(scored[measure], errors="coerce"),
    })
    dated = frame.dropna(subset=["published"])
    periods = dated["published"].dt.to_period(FREQUENCIES[freq]).dt.start_time
    grouped = dated.assign(period=periods).groupby(["outlet", "period"], sort=True)
    out = pd.DataFrame({
        "n_articles": grouped.size(),
        "n_scored": grouped["value"].count(),
        measure: grouped["value"].mean(),
    }).reset_index()
    undated = sorted(set(frame["outlet"]) - set(out["outlet"]))
    if undated:
        counts = frame[frame["outlet"].isin(undated)].groupby("outlet").size()
        out = pd.concat([out, pd.DataFrame({"outlet": undated, "period": pd.NaT, "n_articles": counts[undated].to_numpy(),
                                            "n_scored": 0, measure: float("nan")})], ignore_index=True)
    return out.astype({"n_articles": "int64", "n_scored": "int64"})


def plot_shares_over_time(
    data: pd.DataFrame,
    *,
    measure: str = "share_anonymous",
    max_outlets: int = 6,
    min_articles: int = 1,
    ax: Axes | None = None,
) -> Axes:
    """One line per outlet: the mean of ``measure`` per period, each point sized by its articles.

    Only the ``max_outlets`` outlets with most articles are drawn (the legend
    title says so when some are left out); periods with fewer than
    ``min_articles`` scored articles are gaps. A point's area grows with its
    number of scored articles (the legend shows the scale), so a period of
    one article does not look like one of sixty. Outlets get their own
    colour, marker and line style and are nudged apart in time by a few
    percent of a period, so lines on the same values all stay visible. The
    first tick of the time axis names its month (and year).

    Args:
        data: per outlet and period, as from :func:`shares_over_time`.
        measure: the column to draw.
        max_outlets: how many outlets to draw, at most seven.
        min_articles: smallest number of scored articles a point needs.
        ax: pre-existing axes for the plot; the current axes otherwise.

    Returns:
        The axes drawn on.

    >>> data = pd.DataFrame({"outlet": ["A", "A"], "period": pd.to_datetime(["2024-01-01", "2024-02-01"]),
    ...     "n_articles": [2, 1], "n_scored": [2, 1], "share_anonymous": [0.25, 1.0]})
    >>> fig, ax = plt.subplots()
    >>> len(plot_shares_over_time(data, ax=ax).lines)
    1
    """
    if not 1 <= max_outlets <= len(OUTLET_COLORS):
        raise ValueError(f"max_outlets must be between 1 and {len(OUTLET_COLORS)}, got {max_outlets}")
    ax = ax if ax is not None else plt.gca()
    if data.empty or measure not in data.columns:
        return empty_note(ax)
    require_columns(data, ["outlet", "period", "n_articles", "n_scored"], table="shares over time")
    frame = data.dropna(subset=["period"])
    if frame.empty:
        return empty_note(ax, "no dated articles")
    totals = frame.groupby("outlet")["n_articles"].sum()
    shown = sorted(totals.index, key=lambda o: (-totals[o], str(o)))[:max_outlets]
    styles = outlet_styles(shown)
    periods = pd.Series(sorted(pd.to_datetime(frame["period"]).unique()))
    # A step of a few percent of the shortest gap between periods (a day when there is one period).
    gap = periods.diff().min() if len(periods) > 1 else pd.Timedelta(days=1)
    step = gap * (0.5 / max(len(shown), 2)) if len(shown) > 1 else pd.Timedelta(0)
    n_max = max(int(frame["n_scored"].max()), 1)
    for k, name in enumerate(shown):
        rows = frame[frame["outlet"] == name].sort_values("period")
        enough = rows["n_scored"] >= min_articles
        values = rows[measure].where(enough)
        when = pd.to_datetime(rows["period"]) + step * (k - (len(shown) - 1) / 2)
        color, marker = styles[name]
        # Wider lines under narrower ones: where outlets lie on the same values, each shows as a band.
        width = 1.0 + 2.0 * (len(shown) - 1 - k) / max(len(shown) - 1, 1)
        ax.plot(when, values, color=color, linestyle=LINE_STYLES[k % len(LINE_STYLES)], linewidth=width,
                label=str(name), zorder=2 + k / 100)
        sizes = MARKER_AREA * np.sqrt(rows["n_scored"].clip(lower=1).to_numpy(dtype=float))
        ax.scatter(when[enough], values[enough], s=sizes[enough.to_numpy()], color=color, marker=marker,
                   edgecolor="white", linewidth=0.5, alpha=0.85, zorder=3)
    ax.set_ylabel(measure.removeprefix("share_").replace("_", " ") + (" share (mean per article)"
                                                                      if measure.startswith("share_") else ""))
    if measure.startswith("share_"):
        ax.set_ylim(-0.02, 1.02)
        ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    locator = mdates.AutoDateLocator(maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(month_first_formatter(locator))
    n_all = frame["outlet"].nunique()
    title = "outlet" if n_all <= len(shown) else f"outlet ({len(shown)} of {n_all}, most articles)"
    handles = [Line2D([], [], color=styles[name][0], marker=styles[name][1], markersize=4,
                      linestyle=LINE_STYLES[k % len(LINE_STYLES)],
                      linewidth=1.0 + 2.0 * (len(shown) - 1 - k) / max(len(shown) - 1, 1), label=str(name))
               for k, name in enumerate(shown)]
    # The size scale (one article, the largest period) as a second legend; the outlets' stays ax.get_legend().
    scale = sorted({1, max(n_max // 2, 1), n_max})
    sizes = [Line2D([], [], linestyle="none", marker="o", color="0.5", markeredgecolor="white",
                    markersize=float(np.sqrt(MARKER_AREA * np.sqrt(v))), label=str(v)) for v in scale]
    ax.add_artist(ax.legend(handles=sizes, title="articles", loc="lower left", bbox_to_anchor=(1.01, 0.0),
                            labelspacing=0.9, borderpad=0.6))
    ax.legend(handles=handles, title=title, loc="upper left", bbox_to_anchor=(1.01, 1.0), handlelength=2.4)
    return ax


def month_first_formatter(locator: mdates.DateLocator) -> mdates.ConciseDateFormatter:
    r"""A concise date formatter whose January ticks name the month and the year (``Jan\n2024``).

    Matplotlib's concise formatter writes only ``2024`` under a monthly tick
    for January, so a series starting in January seems to start with a year.

    >>> fmt = month_first_formatter(mdates.AutoDateLocator())
    >>> fmt.zero_formats[1]
    '%b\n%Y'
    """
    zero_formats = ["", "%b\n%Y", "%b", "%b-%d", "%H:%M", "%H:%M"]
    return mdates.ConciseDateFormatter(locator, zero_formats=zero_formats)
