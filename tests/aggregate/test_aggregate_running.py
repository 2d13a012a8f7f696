from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.aggregate import add_totals, outlet_totals, outlets_from_totals, source_mix_from_totals, summarize_outlets
from analysis.pipeline import run_pipeline
from analysis.plots import source_mix


@pytest.fixture(scope="module")
def sample_result(sample_articles):
    # One article without an outlet, so the unknown-outlet rows are covered.
    articles = sample_articles.copy()
    articles.loc[articles.index[3], "outlet"] = pd.NA
    return run_pipeline(articles, progress=False)


@pytest.mark.parametrize("n_chunks", [1, 4, 13])
def test_totals_of_chunks_give_the_in_memory_summary(sample_result, n_chunks):
    scored, attributions = sample_result.scored, sample_result.attributions
    totals = None
    for part in np.array_split(np.arange(len(scored)), n_chunks):
        chunk = scored.iloc[part]
        totals = add_totals(totals, outlet_totals(chunk, attributions[attributions["article_id"].isin(chunk["article_id"])]))
    running = outlets_from_totals(totals)
    # Running totals give counts and means; the interval columns need every article.
    summary = summarize_outlets(scored).sort_values("outlet", ignore_index=True)
    pd.testing.assert_frame_equal(running, summary[running.columns], check_dtype=False)
    expected_mix = source_mix(attributions, sample_result.articles)
    pd.testing.assert_frame_equal(source_mix_from_totals(totals), expected_mix, check_dtype=False, check_index_type=False)
    counts = source_mix_from_totals(totals, normalize=False)
    # Every attribution is counted, those of the article without an outlet under "(unknown outlet)".
    assert counts.to_numpy().sum() == len(attributions)


def test_unknown_outlet_is_labelled(sample_result):
    outlets = outlets_from_totals(outlet_totals(sample_result.scored))
    assert outlets.loc[outlets["outlet"] == "(unknown outlet)", "n_articles"].tolist() == [1]


def test_no_totals_give_empty_tables():
    assert add_totals(None).empty
    assert outlets_from_totals(add_totals()).empty
    assert source_mix_from_totals(add_totals()).empty


def test_missing_columns_are_named():
    with pytest.raises(ValueError, match=r"missing required column\(s\) \['n_attributions'\]"):
        outlet_totals(pd.DataFrame({"outlet": ["X"]}))


def test_type_counts_are_a_crosstab_of_outlet_and_type(sample_result):
    scored, attributions = sample_result.scored, sample_result.attributions
    totals = outlet_totals(scored, attributions)
    outlets = scored.assign(outlet=scored["outlet"].fillna("(unknown outlet)")).set_index("article_id")["outlet"]
    expected = pd.crosstab(attributions["article_id"].map(outlets), attributions["source_type"]).add_prefix("type:")
    got = totals[expected.columns].astype("int64")
    pd.testing.assert_frame_equal(got, expected.reindex(got.index, fill_value=0), check_names=False,
                                  check_column_type=False, check_index_type=False)


def test_duplicated_article_ids_are_named(sample_result):
    scored = sample_result.scored
    twice = pd.concat([scored.iloc[:2], scored.iloc[:1]], ignore_index=True)
    with pytest.raises(ValueError, match="article_id.*duplicated"):
        outlet_totals(twice, sample_result.attributions)
