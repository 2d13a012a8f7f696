from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis.plots import plot_shares_over_time, shares_over_time
from analysis.plots.report import period_for

SCORED = pd.DataFrame({
    "outlet": ["A", "A", "A", "B", "C"],
    "published": pd.to_datetime(["2024-01-01", "2024-01-07", "2024-01-08", "2024-02-01", None]),
    "share_anonymous": [1.0, 0.0, None, 0.5, 0.2],
})


@pytest.mark.parametrize("freq, n_rows_a", [("week", 2), ("month", 1), ("year", 1)])
def test_periods_group_articles(freq, n_rows_a):
    out = shares_over_time(SCORED, freq=freq)
    assert (out["outlet"] == "A").sum() == n_rows_a
    assert out["n_articles"].sum() == len(SCORED)  # undated articles are counted too


def test_mean_is_over_articles_with_a_value():
    out = shares_over_time(SCORED, freq="month").set_index("outlet")
    assert out.loc["A", "share_anonymous"] == 0.5 and out.loc["A", "n_scored"] == 2 and out.loc["A", "n_articles"] == 3


def test_an_outlet_with_undated_articles_only_is_kept():
    out = shares_over_time(SCORED).set_index("outlet")
    assert pd.isna(out.loc["C", "period"]) and out.loc["C", "n_articles"] == 1


def test_unknown_freq_is_refused():
    with pytest.raises(ValueError, match="freq"):
        shares_over_time(SCORED, freq="fortnight")


def test_plot_draws_the_outlets_with_most_articles():
    data = shares_over_time(SCORED)
    fig, ax = plt.subplots()
    plot_shares_over_time(data, max_outlets=1, ax=ax)
    assert [line.get_label() for line in ax.lines] == ["A"]
    assert "1 of 2" in ax.get_legend().get_title().get_text()


def test_periods_with_too_few_articles_are_gaps():
    data = shares_over_time(SCORED)
    fig, ax = plt.subplots()
    plot_shares_over_time(data, min_articles=2, ax=ax)
    values = {line.get_label(): list(line.get_ydata()) for line in ax.lines}
    assert values["A"] == [0.5] and pd.isna(values["B"][0])


@pytest.mark.parametrize("dates, expected", [
    (["2024-01-01", "2024-02-01"], "week"),
    (["2024-01-01", "2025-06-01"], "month"),
    (["2014-01-01", "2018-01-01"], "quarter"),
    (["2011-01-01", "2018-07-01"], "year"),
    ([None], "month"),
])
def test_period_suits_the_span(dates, expected):
    assert period_for(pd.Series(pd.to_datetime(dates))) == expected
