"""Outlet summaries: bootstrap intervals, periods, ranking, and the FA-KES invariants."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.aggregate import bootstrap_mean_ci, summarize_outlets
from analysis.cli import main
from analysis.config import FAKES_COLUMNS


def _scored(n=40, seed=1):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "outlet": rng.choice(["A", "B", "C"], size=n),
        "published": pd.to_datetime("2024-01-01") + pd.to_timedelta(rng.integers(0, 90, size=n), unit="D"),
        "n_attributions": rng.integers(0, 4, size=n),
        "share_anonymous": rng.random(n),
        "transparency_score": rng.random(n) * 100,
    }).assign(share_anonymous=lambda d: d["share_anonymous"].where(d["n_attributions"] > 0))


@pytest.mark.parametrize("values", [[0.0, 1.0], [0.2, 0.2, 0.9], list(np.linspace(0, 1, 30)), [1.0, np.nan, 0.0]])
def test_interval_contains_the_mean(values):
    mean, low, high = bootstrap_mean_ci(np.array(values), rng=np.random.default_rng(0))
    assert mean == pytest.approx(np.nanmean(values))
    assert low <= mean <= high


def test_interval_of_nothing_is_missing():
    assert all(np.isnan(v) for v in bootstrap_mean_ci(np.array([np.nan])))


def test_seeded_intervals_repeat_and_narrow_with_more_articles():
    scored = _scored()
    a = summarize_outlets(scored, random_state=7)
    b = summarize_outlets(scored, random_state=7)
    pd.testing.assert_frame_equal(a, b)
    big = summarize_outlets(pd.concat([scored] * 10, ignore_index=True), random_state=7).set_index("outlet")
    small = a.set_index("outlet")
    width = lambda t: t["share_anonymous_ci_high"] - t["share_anonymous_ci_low"]  # noqa: E731
    assert (width(big) < width(small)).all()


def test_counts_ranks_and_columns():
    scored = _scored()
    out = summarize_outlets(scored, n_boot=200)
    assert out["n_articles"].sum() == len(scored)
    assert out["rank"].tolist() == sorted(out["rank"])
    assert out["transparency_score"].is_monotonic_decreasing
    for m in ("share_anonymous", "transparency_score"):
        assert ((out[f"{m}_ci_low"] <= out[m]) & (out[m] <= out[f"{m}_ci_high"])).all()
    assert "share_anonymous_ci_low" not in summarize_outlets(scored, n_boot=0).columns


@pytest.mark.parametrize("period, n_periods", [("M", 3), ("W", 13)])
def test_periods(period, n_periods):
    scored = _scored(200)
    out = summarize_outlets(scored, period=period, n_boot=50)
    assert out["n_articles"].sum() == len(scored)
    assert out["period_start"].nunique() <= n_periods + 1
    assert out.groupby("period_start")["rank"].min().eq(1).all()


def test_undated_articles_keep_their_own_period():
    scored = _scored(10).assign(published=pd.NaT)
    out = summarize_outlets(scored, period="M", n_boot=10)
    assert out["n_articles"].sum() == 10 and out["period_start"].isna().all()


def test_bad_period_is_named():
    with pytest.raises(ValueError, match="period"):
        summarize_outlets(_scored(), period="Q")


def test_input_not_mutated():
    scored = _scored()
    before = scored.copy()
    summarize_outlets(scored, period="M", n_boot=10)
    pd.testing.assert_frame_equal(scored, before)


@pytest.mark.slow
@pytest.mark.shared
def test_fakes_outlets_ranked_with_intervals(fakes_csv, tmp_path):
    columns = ",".join(f"{k}={v}" for k, v in FAKES_COLUMNS.items())
    assert main(["report", str(fakes_csv), "--columns", columns, "--out", str(tmp_path), "--no-progress"]) == 0
    scored = pd.read_csv(tmp_path / "articles_scored.csv", dtype={"article_id": str})
    outlets = pd.read_csv(tmp_path / "outlets.csv")
    attributions = pd.read_parquet(tmp_path / "attributions.parquet")
    # counts add up
    assert len(outlets) == 15
    assert len(scored) == 804
    assert outlets["n_articles"].sum() == (scored["status"] != "duplicate").sum()
    assert scored["n_attributions"].sum() == len(attributions)
    assert (scored["n_rated"] + scored["n_unrated"]).sum() == len(attributions)
    assert outlets["rank"].iloc[0] == 1 and outlets["rank"].is_monotonic_increasing
    assert outlets["transparency_score"].is_monotonic_decreasing
    # shares in [0, 1], intervals contain the means
    shares = [c for c in outlets.columns if c.startswith(("share_", "anonymous_dependency"))]
    assert ((outlets[shares] >= 0) & (outlets[shares] <= 1)).all().all()
    measures = [c[: -len("_ci_low")] for c in outlets.columns if c.endswith("_ci_low")]
    assert "transparency_score" in measures and "share_anonymous" in measures
    for m in measures:
        # An interval the data cannot give (a small outlet whose resamples agree) is missing, never zero-wide.
        present = outlets[m].notna() & outlets[f"{m}_ci_low"].notna()
        assert ((outlets.loc[present, f"{m}_ci_low"] <= outlets.loc[present, m] + 1e-12)
                & (outlets.loc[present, m] <= outlets.loc[present, f"{m}_ci_high"] + 1e-12)).all(), m
        small = outlets["small_sample"] & present
        assert (outlets.loc[small, f"{m}_ci_low"] < outlets.loc[small, f"{m}_ci_high"]).all(), m
    chains = pd.read_parquet(tmp_path / "chains.parquet")
    assert len(chains) == len(attributions) and chains["depth"].min() >= 1


def test_summary_draws_as_successive_intervals_do():
    # The summary resamples outlet by outlet and measure by measure, as one call of
    # bootstrap_mean_ci after another on one generator would.
    scored = pd.DataFrame({
        "outlet": ["B", "A", "B", "A", "A", "B", "C"],
        "n_attributions": [2, 1, 0, 3, 1, 2, 1],
        "share_anonymous": [0.5, 1.0, None, 0.0, 0.25, 0.75, 0.5],
        "transparency_score": [40.0, 55.0, 0.0, 80.0, 61.0, 33.0, 70.0],
    })
    rng = np.random.default_rng(7)
    expected = {}
    for outlet, group in scored.groupby("outlet", sort=True):
        for measure in ("n_attributions", "share_anonymous", "transparency_score"):
            expected[outlet, measure] = bootstrap_mean_ci(group[measure].to_numpy(dtype=float), n_boot=200, rng=rng)
    summary = summarize_outlets(scored, n_boot=200, random_state=7).set_index("outlet")
    for (outlet, measure), (mean, low, high) in expected.items():
        got = summary.loc[outlet, [measure, f"{measure}_ci_low", f"{measure}_ci_high"]].to_numpy(dtype=float)
        np.testing.assert_allclose(got, [mean, low, high], rtol=1e-12)


def test_bootstrap_in_blocks_draws_what_one_block_draws(monkeypatch):
    """Resampling a block at a time bounds memory and changes no interval."""
    import analysis.aggregate.outlets as outlets

    values = np.random.default_rng(3).random((500, 2))
    values[::7, 1] = np.nan
    whole = outlets._bootstrap_columns(values, n_boot=200, level=0.9, rng=np.random.default_rng(0))
    monkeypatch.setattr(outlets, "_BOOT_CELLS", 1_000)  # two resamples per block
    blocks = outlets._bootstrap_columns(values, n_boot=200, level=0.9, rng=np.random.default_rng(0))
    for a, b in zip(whole, blocks):
        np.testing.assert_array_equal(a, b)
