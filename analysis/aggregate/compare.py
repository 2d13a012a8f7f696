"""Pairwise differences between outlets on one measure, as a paper reports them.

For each pair of outlets: the difference of their means, a percentile
bootstrap interval of it (each outlet's articles resampled on their own), the
p-value of Welch's t-test, and that p-value adjusted for the number of
comparisons by Holm's method (``statsmodels.stats.multitest``).
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.multitest import multipletests

from analysis.aggregate.outlets import MIN_ARTICLES
from analysis.schema import require_columns

#: Columns of :func:`compare_outlets`.
COMPARISON_COLUMNS = (
    "outlet_a", "outlet_b", "n_a", "n_b", "mean_a", "mean_b", "difference", "ci_low", "ci_high",
    "p_value", "p_adjusted", "significant",
)


def _boot_means(values: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """``n_boot`` means of resamples (with replacement) of ``values``, a block at a time (bounded memory)."""
    n = len(values)
    block = max(1, 2_000_000 // n)
    return np.concatenate([values[rng.integers(0, n, size=(min(block, n_boot - start), n))].mean(axis=1)
                           for start in range(0, n_boot, block)])


def compare_outlets(
    scored: pd.DataFrame,
    measure: str,
    *,
    by: str = "outlet",
    reference: str | None = None,
    min_articles: int = MIN_ARTICLES,
    n_boot: int = 2000,
    level: float = 0.95,
    method: str = "holm",
    random_state: int | None = 0,
) -> pd.DataFrame:
    """Difference of ``measure`` between every pair of outlets, with bootstrap interval and adjusted p-value.

    Only articles with a value count (an article citing nobody has no
    shares), and only outlets with at least ``min_articles`` of them: a
    smaller outlet has too little to compare. ``difference`` is ``mean_a -
    mean_b``; ``ci_low``/``ci_high`` its percentile bootstrap interval
    (``n_boot`` resamples of each outlet's articles, seeded);
    ``p_value`` that of Welch's t-test (unequal variances), ``p_adjusted``
    that p-value adjusted over all the comparisons made (Holm's step-down
    method by default, as ``statsmodels.stats.multitest.multipletests``
    computes it), and ``significant`` is ``p_adjusted < 1 - level``.

    Args:
        scored: scored articles (:func:`analysis.scoring.score_articles`).
        measure: the per-article column to compare, such as ``share_anonymous``.
        by: the column naming outlets.
        reference: compare only this outlet with each other one (fewer
            comparisons, so a smaller adjustment); all pairs by default.
        min_articles: fewest articles with a value an outlet needs.
        n_boot: bootstrap resamples.
        level: coverage of the intervals; ``1 - level`` is the significance level.
        method: any ``multipletests`` method (``"holm"``, ``"bonferroni"``, ``"fdr_bh"``, ...).
        random_state: seed of the bootstrap.

    Returns:
        One row per pair (:data:`COMPARISON_COLUMNS`), outlets in name order
        within a pair (the reference first when given), largest absolute
        difference first.

    Raises:
        ValueError: on missing columns, an unknown ``reference``, or bad options.

    >>> scored = pd.DataFrame({"outlet": ["A"] * 6 + ["B"] * 6,
    ...     "share_anonymous": [0.5, 0.6, 0.4, 0.5, 0.7, 0.3, 0.1, 0.0, 0.2, 0.1, 0.0, 0.2]})
    >>> row = compare_outlets(scored, "share_anonymous").iloc[0]
    >>> row["outlet_a"], row["outlet_b"], round(float(row["difference"]), 3), bool(row["ci_low"] > 0)
    ('A', 'B', 0.4, True)
    """
    require_columns(scored, [by, measure], table="scored articles")
    if not 0 < level < 1:
        raise ValueError(f"level must lie in (0, 1), got {level}")
    if n_boot < 1 or min_articles < 2:
        raise ValueError(f"n_boot must be at least 1 and min_articles at least 2, got {n_boot} and {min_articles}")
    values = pd.to_numeric(scored[measure], errors="coerce").astype("float64")
    frame = pd.DataFrame({"outlet": scored[by].astype("string").fillna("(unknown outlet)").astype(str),
                          "value": values}).dropna(subset=["value"])
    groups = {name: g["value"].to_numpy() for name, g in frame.groupby("outlet", sort=True)}
    kept = [name for name, v in groups.items() if len(v) >= min_articles]
    if reference is not None:
        if reference not in groups:
            raise ValueError(f"reference outlet {reference!r} is not in {by!r}; outlets: {sorted(groups)}")
        if reference not in kept:
            raise ValueError(f"reference outlet {reference!r} has {len(groups[reference])} article(s) with a "
                             f"{measure}, fewer than min_articles={min_articles}")
        pairs = [(reference, other) for other in kept if other != reference]
    else:
        pairs = list(combinations(kept, 2))
    if not pairs:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in COMPARISON_COLUMNS}).astype(
            {"outlet_a": "string", "outlet_b": "string", "n_a": "int64", "n_b": "int64", "significant": "bool"})
    rng = np.random.default_rng(random_state)
    # Each outlet resampled once; every pair uses the same resamples of its two outlets.
    boot = {name: _boot_means(groups[name], n_boot, rng) for name in sorted({o for pair in pairs for o in pair})}
    alpha = 1 - level
    rows = []
    for a, b in pairs:
        va, vb = groups[a], groups[b]
        diffs = boot[a] - boot[b]
        low, high = np.quantile(diffs, [alpha / 2, 1 - alpha / 2])
        if np.all(va == va[0]) and np.all(vb == vb[0]):
            # No spread in either outlet: the t-test is undefined; equal means are no difference, unequal ones are.
            p = 1.0 if va[0] == vb[0] else 0.0
        else:
            p = float(stats.ttest_ind(va, vb, equal_var=False).pvalue)
        rows.append({"outlet_a": a, "outlet_b": b, "n_a": len(va), "n_b": len(vb), "mean_a": float(va.mean()),
                     "mean_b": float(vb.mean()), "difference": float(va.mean() - vb.mean()),
                     "ci_low": float(low), "ci_high": float(high), "p_value": p})
    out = pd.DataFrame(rows)
    out["p_adjusted"] = multipletests(out["p_value"].to_numpy(), alpha=alpha, method=method)[1]
    out["significant"] = out["p_adjusted"] < alpha
    out = out.assign(_abs=out["difference"].abs()).sort_values(["_abs", "outlet_a", "outlet_b"],
                                                               ascending=[False, True, True], kind="stable")
    return out.drop(columns="_abs").reset_index(drop=True)[list(COMPARISON_COLUMNS)]
