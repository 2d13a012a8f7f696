"""Per-outlet (and per-period) summaries of article scores, with bootstrap intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.schema import require_columns
from analysis.scoring.articles import SCORE_COLUMNS

#: Periods :func:`summarize_outlets` can group by: week or month.
PERIODS = ("W", "M")
#: Fewest articles an outlet needs to be ranked (``--min-articles``); smaller
#: outlets are marked ``small_sample``.
MIN_ARTICLES = 5


def bootstrap_mean_ci(values: np.ndarray, *, n_boot: int = 1000, level: float = 0.95,
                      rng: np.random.Generator | None = None) -> tuple[float, float, float]:
    """Mean and percentile-bootstrap interval of the mean of ``values`` (NaNs dropped).

    The interval is widened, if need be, to contain the mean (with very few
    values a percentile interval can miss it). With no values all three are
    NaN; with one value there is no interval (both bounds NaN): one article
    says nothing of the spread.

    >>> mean, low, high = bootstrap_mean_ci(np.array([0.0, 1.0, 1.0, 0.0]), rng=np.random.default_rng(0))
    >>> mean, bool(low <= mean <= high)
    (0.5, True)
    """
    rng = rng if rng is not None else np.random.default_rng(0)
    mean, low, high = _bootstrap_columns(np.asarray(values, dtype=float).reshape(-1, 1), n_boot=n_boot, level=level,
                                         rng=rng)
    return (float(mean[0]), float(low[0]), float(high[0]))


#: Resampled values held at once by the bootstrap (about 16 MB of indices).
_BOOT_CELLS = 2_000_000


def _bootstrap_columns(values: np.ndarray, *, n_boot: int, level: float,
                       rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`bootstrap_mean_ci` of each column of ``values`` (one row per article).

    Resamples are drawn column after column, as successive calls of
    :func:`bootstrap_mean_ci` would draw them, so a seed gives the same
    intervals; the percentiles of all columns are then taken at once.
    """
    n_cols = values.shape[1]
    mean, low, high = np.full(n_cols, np.nan), np.full(n_cols, np.nan), np.full(n_cols, np.nan)
    resampled, boot_means = [], []
    for j in range(n_cols):
        column = values[:, j]
        column = column[~np.isnan(column)]
        if len(column) == 0:
            continue
        mean[j] = column.mean()
        if len(column) > 1 and n_boot >= 1:
            resampled.append(j)
            # Resamples a block at a time, so memory stays bounded however many
            # articles an outlet has; the draws are those of one big call.
            n = len(column)
            block = max(1, _BOOT_CELLS // n)
            boot_means.append(np.concatenate([
                column[rng.integers(0, n, size=(min(block, n_boot - b), n))].mean(axis=1)
                for b in range(0, n_boot, block)
            ]))
    if resampled:
        alpha = (1 - level) / 2
        q_low, q_high = np.quantile(np.vstack(boot_means), [alpha, 1 - alpha], axis=1)
        # Widened, if need be, to contain the mean.
        low[resampled] = np.minimum(q_low, mean[resampled])
        high[resampled] = np.maximum(q_high, mean[resampled])
    return mean, low, high


def _as_float(column: pd.Series) -> np.ndarray:
    """A score column as floats, missing (or not a number) as NaN."""
    if pd.api.types.is_numeric_dtype(column.dtype):
        return column.to_numpy(dtype="float64", na_value=np.nan)
    return pd.to_numeric(column, errors="coerce").astype("float64").to_numpy()


def summarize_outlets(
    scored: pd.DataFrame,
    *,
    by: str = "outlet",
    period: str | None = None,
    min_articles: int = MIN_ARTICLES,
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
    those with at least one rated source (the base of ``reliability``), and
    ``share_rated`` the share of the outlet's attributions that have a rating
    (pooled over its articles). ``rank`` orders outlets by transparency score
    (1 = highest) within each period; an outlet (or period) with fewer than
    ``min_articles`` articles gets no rank and ``small_sample`` true, and an
    interval its data cannot give (one article, or a small sample whose
    resamples all agree) is left missing rather than drawn zero-wide.

    Args:
        scored: the output of :func:`analysis.scoring.score_articles`.
        by: the column to group by.
        period: ``None``, ``"W"`` (weeks starting Monday) or ``"M"``
            (calendar months) of ``published``; articles without a date form
            their own period (missing ``period_start``).
        min_articles: fewest articles an outlet needs to be ranked.
        n_boot: bootstrap resamples (0: no intervals, only the mean).
        level: coverage of the intervals.
        random_state: seed; the same seed gives the same intervals.

    Returns:
        One row per outlet (and period), ranked outlets first (best
        transparency score first), then the small ones.

    >>> scored = pd.DataFrame({"outlet": ["A", "A", "B"], "n_attributions": [2, 0, 1],
    ...     "share_anonymous": [0.5, None, 0.0], "transparency_score": [40.0, 0.0, 90.0]})
    >>> summarize_outlets(scored, min_articles=1)[["outlet", "n_articles", "share_anonymous", "rank"]].values.tolist()
    [['B', 1, 0.0, 1], ['A', 2, 0.5, 2]]
    >>> summarize_outlets(scored, min_articles=2)[["outlet", "rank", "small_sample"]].values.tolist()
    [['A', 1, False], ['B', <NA>, True]]
    """
    require_columns(scored, [by, "n_attributions"], table="scored articles")
    if period is not None and period not in PERIODS:
        raise ValueError(f"period must be None or one of {PERIODS}, got {period!r}")
    if not 0 < level < 1:
        raise ValueError(f"level must lie in (0, 1), got {level}")
    if min_articles < 1:
        raise ValueError(f"min_articles must be at least 1, got {min_articles}")
    # share_rated is pooled over the outlet's attributions, not averaged over articles.
    measures = [c for c in SCORE_COLUMNS if c in scored.columns and c != "share_rated"]
    data = scored.assign(**{by: scored[by].astype("string").fillna("(unknown outlet)")})
    keys = [by]
    if period is not None:
        require_columns(scored, ["published"], table="scored articles")
        published = pd.to_datetime(data["published"], errors="coerce")
        data["period_start"] = published.dt.to_period(period).dt.start_time
        keys.append("period_start")
    rng = np.random.default_rng(random_state)
    # Every measure as float once; each group is then a set of row positions.
    values = np.column_stack([_as_float(data[m]) for m in measures]) if measures else np.empty((len(data), 0))
    grouped = data.groupby(keys, sort=True, dropna=False)
    sizes = grouped.size()
    codes = grouped.ngroup().to_numpy()
    # Positions of each group's rows, in their input order.
    positions = np.split(np.argsort(codes, kind="stable"), np.cumsum(sizes.to_numpy())[:-1])
    no_attributions = np.bincount(codes, weights=data["n_attributions"].eq(0).to_numpy(dtype=bool, na_value=False),
                                  minlength=len(sizes))
    if "reliability" in data.columns:
        with_reliability = np.bincount(codes, weights=data["reliability"].notna().to_numpy(dtype=bool),
                                       minlength=len(sizes))
    pooled_rating = "n_rated" in data.columns and "n_unrated" in data.columns
    if pooled_rating:
        rated = np.bincount(codes, weights=_as_float(data["n_rated"]).clip(0) if len(data) else None,
                            minlength=len(sizes))
        unrated = np.bincount(codes, weights=_as_float(data["n_unrated"]).clip(0) if len(data) else None,
                              minlength=len(sizes))
    rows = []
    for g, (key, rows_of_group) in enumerate(zip(sizes.index, positions)):
        key = key if isinstance(key, tuple) else (key,)
        row: dict = dict(zip(keys, key))
        row["n_articles"] = len(rows_of_group)
        row["n_without_attributions"] = int(no_attributions[g])
        if "reliability" in data.columns:
            row["n_with_reliability"] = int(with_reliability[g])
        if pooled_rating:
            cited = rated[g] + unrated[g]
            row["share_rated"] = float(rated[g] / cited) if cited > 0 else float("nan")
        mean, low, high = _bootstrap_columns(values[rows_of_group], n_boot=n_boot, level=level, rng=rng)
        if len(rows_of_group) < min_articles:
            # A small sample whose resamples all agree has shown no spread, not a certain mean.
            flat = low == high
            low, high = np.where(flat, np.nan, low), np.where(flat, np.nan, high)
        for j, m in enumerate(measures):
            row[m] = float(mean[j])
            if n_boot > 0:
                row[f"{m}_ci_low"], row[f"{m}_ci_high"] = float(low[j]), float(high[j])
        rows.append(row)
    out = pd.DataFrame(rows)
    if out.empty:
        return pd.DataFrame(columns=[*keys, "rank", "small_sample", "n_articles", "n_without_attributions"])
    out["small_sample"] = out["n_articles"] < min_articles
    # Only outlets with enough articles are ranked; the small ones follow, unranked.
    score = out["transparency_score"] if "transparency_score" in out.columns else pd.Series(0.0, index=out.index)
    score = score.where(~out["small_sample"])
    group_keys = keys[1:]
    ranked = score.groupby([out[k] for k in group_keys], dropna=False) if group_keys else score
    method = "min" if "transparency_score" in out.columns else "first"
    out["rank"] = ranked.rank(ascending=False, method=method).astype("Int64")
    out = out.assign(_small=out["small_sample"], _score=-score.fillna(out.get("transparency_score", score)).fillna(0))
    out = out.sort_values([*group_keys, "_small", "rank", "_score", by], kind="stable", na_position="last")
    out = out.drop(columns=["_small", "_score"]).reset_index(drop=True)
    front = [*keys, "rank", "small_sample", "n_articles", "n_without_attributions"]
    front += [c for c in ("n_with_reliability", "share_rated") if c in out.columns]
    return out[front + [c for c in out.columns if c not in front]]
