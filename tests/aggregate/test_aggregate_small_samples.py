"""Small outlets show as small: no rank, marked, no zero-width interval the data cannot give."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.aggregate import summarize_outlets


def _scored(sizes: dict[str, int], *, anonymous: dict[str, float] | None = None) -> pd.DataFrame:
    rows = []
    for outlet, n in sizes.items():
        for k in range(n):
            value = (anonymous or {}).get(outlet, (k % 3) / 2)
            rows.append({"outlet": outlet, "n_attributions": 2, "share_anonymous": value,
                         "transparency_score": 90.0 if outlet == "Tiny" else 40.0 + k})
    return pd.DataFrame(rows)


def test_an_outlet_under_the_minimum_is_not_ranked_and_is_marked():
    out = summarize_outlets(_scored({"Tiny": 1, "Big": 8, "Mid": 6}), min_articles=5).set_index("outlet")
    assert pd.isna(out.loc["Tiny", "rank"]) and bool(out.loc["Tiny", "small_sample"])
    assert out.loc[["Big", "Mid"], "rank"].tolist() == [1, 2]
    assert not out.loc[["Big", "Mid"], "small_sample"].any()
    # Ranked outlets come first, whatever the small one's score.
    assert summarize_outlets(_scored({"Tiny": 1, "Big": 8}), min_articles=5)["outlet"].tolist() == ["Big", "Tiny"]


@pytest.mark.parametrize(("min_articles", "ranked"), [(1, 3), (2, 2), (7, 1), (9, 0)])
def test_min_articles_sets_who_is_ranked(min_articles, ranked):
    out = summarize_outlets(_scored({"Tiny": 1, "Big": 8, "Mid": 6}), min_articles=min_articles)
    assert int(out["rank"].notna().sum()) == ranked
    assert int((~out["small_sample"]).sum()) == ranked


def test_one_article_gives_no_interval():
    out = summarize_outlets(_scored({"Tiny": 1, "Big": 8}), min_articles=5).set_index("outlet")
    assert np.isnan(out.loc["Tiny", "share_anonymous_ci_low"]) and np.isnan(out.loc["Tiny", "share_anonymous_ci_high"])
    assert out.loc["Tiny", "share_anonymous"] == 0.0  # the mean is still reported
    assert out.loc["Big", "share_anonymous_ci_low"] < out.loc["Big", "share_anonymous_ci_high"]


def test_a_small_sample_that_agrees_gives_no_zero_width_interval():
    out = summarize_outlets(_scored({"Pair": 3, "Big": 8}, anonymous={"Pair": 0.1}), min_articles=5).set_index("outlet")
    low, high = out.loc["Pair", ["share_anonymous_ci_low", "share_anonymous_ci_high"]]
    assert np.isnan(low) and np.isnan(high)
    assert out.loc["Pair", "share_anonymous"] == pytest.approx(0.1)


def test_min_articles_must_be_positive():
    with pytest.raises(ValueError, match="min_articles"):
        summarize_outlets(_scored({"A": 2}), min_articles=0)


def test_share_rated_is_pooled_over_attributions():
    scored = pd.DataFrame({"outlet": ["A", "A"], "n_attributions": [1, 9], "n_rated": [1, 0], "n_unrated": [0, 9],
                           "share_rated": [1.0, 0.0], "reliability": [0.8, np.nan]})
    out = summarize_outlets(scored, min_articles=1)
    assert out.loc[0, "share_rated"] == pytest.approx(0.1)  # 1 of 10, not the mean of 1.0 and 0.0
    assert "share_rated_ci_low" not in out.columns


def test_share_rated_in_scored_articles(sample_articles):
    from analysis.pipeline import run_pipeline

    result = run_pipeline(sample_articles)
    cited = result.scored["n_rated"] + result.scored["n_unrated"]
    expected = (result.scored["n_rated"] / cited.where(cited > 0)).astype(float)
    np.testing.assert_allclose(result.scored["share_rated"].astype(float), expected)
    total = result.scored.groupby("outlet")[["n_rated", "n_unrated"]].sum()
    pooled = (total["n_rated"] / total.sum(axis=1)).rename("share_rated")
    np.testing.assert_allclose(result.outlets.set_index("outlet")["share_rated"].sort_index(), pooled.sort_index())
