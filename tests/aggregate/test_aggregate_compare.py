"""compare_outlets: differences, bootstrap intervals (checked against scipy's bootstrap), Holm-adjusted p-values."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis.aggregate import compare_outlets
from analysis.plots import plot_outlet_differences

# A small table written out by hand: three outlets' anonymous shares.
VALUES = {
    "A": [0.50, 0.60, 0.40, 0.55, 0.70, 0.30, 0.45, 0.65],
    "B": [0.10, 0.00, 0.20, 0.15, 0.05, 0.25, 0.10],
    "C": [0.45, 0.35, 0.60, 0.50, 0.40, 0.55],
}


def _scored(values=VALUES) -> pd.DataFrame:
    return pd.DataFrame([{"outlet": o, "share_anonymous": v} for o, vs in values.items() for v in vs])


def test_differences_and_welch_p_values():
    out = compare_outlets(_scored(), "share_anonymous").set_index(["outlet_a", "outlet_b"])
    assert len(out) == 3
    for a, b in [("A", "B"), ("A", "C"), ("B", "C")]:
        row = out.loc[(a, b)]
        assert row["difference"] == pytest.approx(np.mean(VALUES[a]) - np.mean(VALUES[b]))
        assert row["p_value"] == pytest.approx(stats.ttest_ind(VALUES[a], VALUES[b], equal_var=False).pvalue)
        assert (row["n_a"], row["n_b"]) == (len(VALUES[a]), len(VALUES[b]))


def test_holm_adjustment_by_hand():
    out = compare_outlets(_scored(), "share_anonymous")
    p = out["p_value"].to_numpy()
    # Holm: sort ascending, multiply the k-th smallest by (m - k), keep running maximum, cap at 1.
    order = np.argsort(p)
    m = len(p)
    adjusted = np.empty(m)
    running = 0.0
    for k, i in enumerate(order):
        running = max(running, min(1.0, (m - k) * p[i]))
        adjusted[i] = running
    np.testing.assert_allclose(out["p_adjusted"], adjusted)
    assert out["significant"].tolist() == (adjusted < 0.05).tolist()


def test_interval_agrees_with_scipy_bootstrap():
    out = compare_outlets(_scored(), "share_anonymous", n_boot=20000, random_state=1).set_index(["outlet_a", "outlet_b"])
    for a, b in [("A", "B"), ("A", "C")]:
        ref = stats.bootstrap((np.array(VALUES[a]), np.array(VALUES[b])), lambda x, y, axis: x.mean(axis) - y.mean(axis),
                              n_resamples=20000, method="percentile", confidence_level=0.95,
                              random_state=np.random.default_rng(7), vectorized=True)
        low, high = ref.confidence_interval
        assert out.loc[(a, b), "ci_low"] == pytest.approx(low, abs=0.01)
        assert out.loc[(a, b), "ci_high"] == pytest.approx(high, abs=0.01)


def test_same_seed_same_intervals_and_reference_pairs():
    one = compare_outlets(_scored(), "share_anonymous", random_state=3)
    pd.testing.assert_frame_equal(one, compare_outlets(_scored(), "share_anonymous", random_state=3))
    ref = compare_outlets(_scored(), "share_anonymous", reference="B")
    assert sorted(map(tuple, ref[["outlet_a", "outlet_b"]].values.tolist())) == [("B", "A"), ("B", "C")]


def test_small_outlets_and_missing_values_are_left_out():
    values = {**VALUES, "Tiny": [0.9, 0.8]}
    scored = pd.concat([_scored(values), pd.DataFrame({"outlet": ["A"], "share_anonymous": [None]})])
    out = compare_outlets(scored, "share_anonymous", min_articles=5)
    assert "Tiny" not in set(out["outlet_a"]) | set(out["outlet_b"])
    assert out.set_index(["outlet_a", "outlet_b"]).loc[("A", "B"), "n_a"] == 8
    with pytest.raises(ValueError, match="fewer than min_articles"):
        compare_outlets(scored, "share_anonymous", reference="Tiny")


@pytest.mark.parametrize(("kwargs", "match"), [({"reference": "Z"}, "not in"), ({"level": 1.5}, "level"),
                                               ({"min_articles": 1}, "min_articles")])
def test_bad_options(kwargs, match):
    with pytest.raises(ValueError, match=match):
        compare_outlets(_scored(), "share_anonymous", **kwargs)


def test_missing_measure_is_named():
    with pytest.raises(ValueError, match="share_nothing"):
        compare_outlets(_scored(), "share_nothing")


def test_forest_plot_draws_every_pair_and_marks_significance():
    out = compare_outlets(_scored(), "share_anonymous")
    fig, ax = plt.subplots()
    plot_outlet_differences(out, measure="share_anonymous", ax=ax)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 3 and labels[-1].startswith("A (n=8) − B (n=7)")  # largest difference on top
    assert sum(len(c.get_offsets()) for c in ax.collections if c.get_offsets().size) >= 3
    p_texts = [t.get_text() for t in ax.texts if t.get_text().startswith("p")]
    assert len(p_texts) == 3
    fig, ax = plt.subplots()
    plot_outlet_differences(out, max_pairs=2, ax=ax)
    assert len(ax.get_yticklabels()) == 2 and "2 largest of 3" in ax.get_title(loc="left")
