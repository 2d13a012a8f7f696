from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis.plots import plot_source_heatmap, top_sources

ARTICLES = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "Y", "Z"]})
ATTRIBUTIONS = pd.DataFrame({
    "article_id": ["a", "a", "a", "b", "b", "b"],
    "source_name": ["AFP", "AFP", None, "Reuters", None, None],
    "source_type": ["news_agency", "news_agency", "anonymous", "news_agency", "anonymous", "unnamed_official"],
})


def test_top_sources_counts_by_name_and_pools_unnamed_by_type():
    table = top_sources(ATTRIBUTIONS, ARTICLES)
    assert list(table.columns) == ["(anonymous)", "AFP", "(unnamed official)", "Reuters"]
    assert table.loc["X", "AFP"] == 2 and table.loc["Y", "(anonymous)"] == 1
    assert table.loc["Z"].sum() == 0  # an outlet citing nobody keeps its row


def test_top_sources_keeps_n_and_can_leave_unnamed_out():
    assert top_sources(ATTRIBUTIONS, ARTICLES, n=1).columns.tolist() == ["(anonymous)"]
    assert top_sources(ATTRIBUTIONS, ARTICLES, include_unnamed=False).columns.tolist() == ["AFP", "Reuters"]


def test_top_sources_shares_are_of_all_the_outlets_attributions():
    table = top_sources(ATTRIBUTIONS, ARTICLES, n=1, normalize=True)
    assert table.loc["X", "(anonymous)"] == pytest.approx(1 / 3)


def test_top_sources_checks_its_columns():
    with pytest.raises(ValueError, match="source_name"):
        top_sources(ATTRIBUTIONS.drop(columns="source_name"), ARTICLES)
    with pytest.raises(ValueError, match="n must be"):
        top_sources(ATTRIBUTIONS, ARTICLES, n=0)


@pytest.mark.parametrize("normalize, expected", [(False, {"1", "2"}), (True, {"33%", "67%"})])
def test_heatmap_annotates_counts_or_percentages(normalize, expected):
    fig, ax = plt.subplots()
    plot_source_heatmap(top_sources(ATTRIBUTIONS, ARTICLES, normalize=normalize), ax=ax)
    assert {t.get_text() for t in ax.texts} == expected
    assert len(ax.texts) == 5  # one per non-zero cell; zeros stay blank


def test_heatmap_wraps_long_names_and_puts_the_busiest_outlet_on_top():
    table = pd.DataFrame({"Syrian Observatory for Human Rights": [1, 5]}, index=["small", "big"])
    fig, ax = plt.subplots()
    plot_source_heatmap(table, wrap=18, ax=ax)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Syrian Observatory\nfor Human Rights"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["big", "small"]


def test_sources_are_counted_by_key_and_labelled_by_name():
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"]})
    att = pd.DataFrame({
        "article_id": ["a", "a", "b", "b", "b"],
        "source_name": ["United States", "United States", "United States", "Ali Hassan", "Ali Hassan"],
        "source_id": ["state:us", "state:us", "state:us", "person:ali-hassan", "person:ali-hassan-2"],
        "source_type": ["named_organization"] * 3 + ["named_person"] * 2})
    table = top_sources(att, arts)
    assert table.to_dict() == {"United States": {"X": 2, "Y": 1},
                               "Ali Hassan [person:ali-hassan]": {"X": 0, "Y": 1},
                               "Ali Hassan [person:ali-hassan-2]": {"X": 0, "Y": 1}}
