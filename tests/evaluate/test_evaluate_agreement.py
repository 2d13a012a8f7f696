"""Coding sheets and agreement with a human coder; alpha checked against a computation by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import config
from analysis.evaluate import agreement, code_from_annotation, coding_sheet, nominal_alpha, score_spans
from analysis.pipeline import run_pipeline


def _alpha_by_hand(coder: list[str], kit: list[str]) -> float:
    """Krippendorff's alpha, nominal, two coders, no missing values: 1 - D_o / D_e from the coincidence matrix."""
    labels = sorted(set(coder) | set(kit))
    index = {v: k for k, v in enumerate(labels)}
    o = np.zeros((len(labels), len(labels)))
    for a, b in zip(coder, kit):  # each unit gives the pairs (a, b) and (b, a), weight 1 / (m - 1) = 1
        o[index[a], index[b]] += 1
        o[index[b], index[a]] += 1
    n_c = o.sum(axis=1)
    n = n_c.sum()
    disagree_observed = o.sum() - np.trace(o)
    disagree_expected = (n * n - (n_c ** 2).sum()) / (n - 1)
    return 1 - disagree_observed / disagree_expected


@pytest.mark.parametrize(("coder", "kit"), [
    (["a", "a", "b", "b"], ["a", "a", "b", "a"]),
    (["anonymous", "named_person", "anonymous", "news_agency", "named_person", "document"],
     ["anonymous", "named_person", "unnamed_official", "news_agency", "named_person", "named_organization"]),
    (["x", "y", "x", "y", "x"], ["y", "x", "y", "x", "y"]),  # systematic disagreement: below zero
    (["x", "y", "z"], ["x", "y", "z"]),  # perfect agreement: one
])
def test_alpha_matches_a_hand_computation(coder, kit):
    assert nominal_alpha(pd.Series(coder), pd.Series(kit)) == pytest.approx(_alpha_by_hand(coder, kit))


def test_alpha_of_one_category_is_undefined():
    assert np.isnan(nominal_alpha(pd.Series(["a", "a"]), pd.Series(["a", "a"])))


@pytest.fixture(scope="module")
def sample_run(sample_articles):
    return run_pipeline(sample_articles)


def test_the_sheet_is_seeded_and_stratified(sample_run):
    sheet = coding_sheet(sample_run.articles, sample_run.attributions, n=12, random_state=4)
    pd.testing.assert_frame_equal(sheet, coding_sheet(sample_run.articles, sample_run.attributions, n=12,
                                                      random_state=4))
    other = coding_sheet(sample_run.articles, sample_run.attributions, n=12, random_state=5)
    assert set(other["article_id"]) != set(sheet["article_id"])
    drawn = sheet.drop_duplicates("article_id")
    assert len(drawn) == 12
    # Every outlet is drawn, in proportion to its size.
    sizes = sample_run.articles["outlet"].value_counts()
    per_outlet = drawn["outlet"].value_counts()
    assert set(per_outlet.index) == set(sizes.index)
    assert (per_outlet.reindex(sizes.index) - sizes / sizes.sum() * 12).abs().max() <= 1.5


def test_the_sheet_has_every_found_attribution_and_a_blank_row_per_article(sample_run):
    sheet = coding_sheet(sample_run.articles, sample_run.attributions, n=8)
    ids = set(sheet["article_id"])
    expected = sample_run.attributions[sample_run.attributions["article_id"].isin(ids)]
    found = sheet[sheet["row_kind"] == "found"]
    assert len(found) == len(expected)
    assert (sheet["row_kind"] == "missed").sum() == len(ids)
    assert sheet.loc[sheet["row_kind"] == "missed", ["coder_source_text", "coder_is_source"]].isna().all().all()
    with_source = found.dropna(subset=["source_text"])
    assert all(src in sent for src, sent in zip(with_source["source_text"], with_source["sentence"]))
    assert found["coder_is_source"].isna().all()


def test_agreement_with_the_hand_built_gold_equals_span_scores(sample_run):
    gold = pd.read_csv(config.SYNTHETIC_GOLD, dtype={"article_id": str}, keep_default_na=False, na_values=[""])
    sheet = coding_sheet(sample_run.articles, sample_run.attributions, n=20, random_state=1)
    sheet = sheet[sheet["article_id"].isin(set(gold["article_id"]))]
    result = agreement(code_from_annotation(sheet, gold))
    ids = set(sheet["article_id"])
    pred = sample_run.attributions[sample_run.attributions["article_id"].isin(ids)].dropna(subset=["source_start"])
    spans = score_spans(pred, gold[gold["article_id"].isin(ids)], modes=("overlap",))
    row = spans[spans["part"] == "source"].iloc[0]
    assert result.precision == pytest.approx(row["precision"])
    assert result.recall == pytest.approx(row["recall"])
    assert 0 < result.type_accuracy <= 1 and result.confusion.to_numpy().sum() == result.n_typed
    assert np.trace(result.confusion.to_numpy()) == round(result.type_accuracy * result.n_typed)


@pytest.mark.parametrize(("column", "value", "match"), [
    ("row_kind", "maybe", "row_kind"),
    ("coder_is_source", "perhaps", "coder_is_source"),
    ("coder_source_type", "rumour", "coder_source_type"),
])
def test_bad_coding_is_named_by_row(column, value, match):
    sheet = pd.DataFrame({"row_kind": ["found", "found"], "article_id": ["a", "a"],
                          "kit_source_type": ["anonymous", "anonymous"], "coder_is_source": ["yes", "yes"],
                          "coder_source_text": [None, None], "coder_source_type": ["anonymous", "anonymous"]})
    sheet.loc[1, column] = value
    with pytest.raises(ValueError, match=rf"row 3: field '{match}'"):
        agreement(sheet)


def test_blank_answers_are_left_out():
    sheet = pd.DataFrame({"row_kind": ["found", "found"], "article_id": ["a", "a"],
                          "kit_source_type": ["anonymous", "self"], "coder_is_source": ["yes", None],
                          "coder_source_text": [None, None], "coder_source_type": ["anonymous", None]})
    result = agreement(sheet)
    assert (result.n_found, result.precision, result.n_typed) == (1, 1.0, 1)
