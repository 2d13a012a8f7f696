"""Per-outlet (and per-period) summaries of article scores, with bootstrap intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.schema import require_columns
from analysis.scoring.articles import SCORE_COLUMNS

#: Periods :func:`summarize_outlets` can group by: week or month.
PERIODS = ("W", "M")


def bootstrap_mean_ci(values: np.ndarray, *, n_boot: int = 1000, level: float = 0.95,
                      rng: np.random.Generator | None = None) -> tuple[float, float, float]:
    """Mean and percentile-bootstrap interval of the mean of ``values`` (NaNs dropped).

    The interval is widened, if need be, to contain the mean (with very few
    values a percentile interval can miss it). With no values all three are
    NaN; with one, the interval is that value.

    >>> mean, low, high = bootstrap_mean_ci(np.array([0.0, 1.0, 1.0, 0.0]), rng=np.random.default_rng(0))
    >>> mean, bool(low <= mean <= high)
    (0.5, True)
    """
    values = np.asarray(values, dtype=float)
    values = values[~np.isnan(values)]
    if len(values) == 0:
        return (np.nan, np.nan, np.nan)
    mean = float(values.mean())
    if len(values) == 1 or n_boot < 1:
        return (mean, mean, mean)
    rng = rng if rng is not None else np.random.default_rng(0)
    means = values[rng.integers(0, len(values), size=(n_boot, len(values)))].mean(axis=1)
    alpha = (1 - level) / 2
    low, high = np.quantile(means, [alpha, 1 - alpha])
    return (mean, float(min(low, mean)), float(max(high, mean)))


def summarize_outlets(
    scored: pd.DataFrame,
    *,
    by: str = "outlet",
    period: str | None = None,
    n_boot: int = 1000,
    level: float = 0.95,
    random_state: int | None = 0,
) -> pd.DataFrame:
    """Article counts, means and bootstrap intervals of every score per outlet (and period).

    Shares are averaged over the articles that have attributions (an article
    citing nobody has no anonymous share); counts and the transparency score
    over all articles. Each mean ``m`` gets ``m_ci_low`` and ``m_ci_high``, a
    percentile bootstrap interval (``n_boot`` resamples of the outlet's
    articles, seeded by ``random_state``), so a small outlet is not
    over-read. ``n_articles`` counts the articles, ``n_without_attributions``
    those citing nobody (left out of the shares), ``n_with_reliability``
    those with at least one rated source (the base of ``reliability``); ``rank`` orders outlets by transparency
    score (1 = highest) within each period.

    Args:
        scored: the output of :func:`analysis.scoring.score_articles`.
        by: the column to group by.
        period: ``None``, ``"W"`` (weeks starting Monday) or ``"M"``
            (calendar months) of ``published``; articles without a date form
            their own period (missing ``period_start``).
        n_boot: bootstrap resamples (0: no intervals, only the mean).
        level: coverage of the intervals.
        random_state: seed; the same seed gives the same intervals.

    Returns:
        One row per outlet (and period), best transparency score first.

    >>> scored = pd.DataFrame({"outlet": ["A", "A", "B"], "n_attributions": [2, 0, 1],
    ...     "share_anonymous": [0.5, None, 0.0], "transparency_score": [40.0, 0.0, 90.0]})
    >>> summarize_outlets(scored)[["outlet", "n_articles", "share_anonymous", "rank"]].values.tolist()
    [['B', 1, 0.0, 1], ['A', 2, 0.5, 2]]
    """
    require_columns(scored, [by, "n_attributions"], table="scored articles")
    if period is not None and period not in PERIODS:
        raise ValueError(f"period must be None or one of {PERIODS}, got {period!r}")
    if not 0 < level < 1:
        raise ValueError(f"level must lie in (0, 1), got {level}")
    measures = [c for c in SCORE_COLUMNS if c in scored.columns]
    data = scored.assign(**{by: scored[by].astype("string").fillna("(unknown outlet)")})
    keys = [by]
    if period is not None:
        require_columns(scored, ["published"], table="scored articles")
        published = pd.to_datetime(data["published"], errors="coerce")
        data["period_start"] = published.dt.to_period(period).dt.start_time
        keys.append("period_start")
    rng = np.random.default_rng(random_state)
    rows = []
    for key, group in data.groupby(keys, sort=True, dropna=False):
        key = key if isinstance(key, tuple) else (key,)
        row: dict = dict(zip(keys, key))
        row["n_articles"] = len(group)
        row["n_without_attributions"] = int((group["n_attributions"] == 0).sum())
        if "reliability" in group.columns:
            row["n_with_reliability"] = int(group["reliability"].notna().sum())
        for m in measures:
            values = pd.to_numeric(group[m], errors="coerce").astype("float64").to_numpy()
            mean, low, high = bootstrap_mean_ci(values, n_boot=n_boot, level=level, rng=rng)
            row[m] = mean
            if n_boot > 0:
                row[f"{m}_ci_low"], row[f"{m}_ci_high"] = low, high
        rows.append(row)
    out = pd.DataFrame(rows)
    if out.empty:
        return pd.DataFrame(columns=[*keys, "n_articles", "n_without_attributions", "rank"])
    if "transparency_score" in out.columns:
        group_keys = keys[1:] or None
        ranked = out.groupby(group_keys, dropna=False)["transparency_score"] if group_keys else out["transparency_score"]
        out["rank"] = ranked.rank(ascending=False, method="min").astype("int64")
        out = out.sort_values([*keys[1:], "rank", by], kind="stable").reset_index(drop=True)
    else:
        out["rank"] = pd.Series(range(1, len(out) + 1), dtype="int64")
    front = [*keys, "rank", "n_articles", "n_without_attributions"]
    front += [c for c in ("n_with_reliability",) if c in out.columns]
    return out[front + [c for c in out.columns if c not in front]]
