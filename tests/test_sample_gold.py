"""The synthetic sample's gold attributions: the pipeline must find and type them."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.pipeline import attribute


@pytest.fixture(scope="module")
def matched(sample_articles, synthetic_gold):
    synthetic = sample_articles[sample_articles["article_id"].str.startswith("syn-")]
    found = attribute(synthetic)
    key = ["article_id", "source_start", "source_end"]
    gold = synthetic_gold.astype({"source_start": "Int64", "source_end": "Int64"})
    merged = gold.merge(found, on=key, how="outer", suffixes=("_gold", "_found"), indicator=True)
    return merged


def test_gold_spans_are_slices(sample_articles, synthetic_gold):
    texts = dict(zip(sample_articles["article_id"], sample_articles["text"]))
    for r in synthetic_gold.itertuples():
        assert texts[r.article_id][r.source_start: r.source_end] == r.source_text
        assert texts[r.article_id][r.cue_start: r.cue_end] == r.cue_text


def test_source_spans_found(matched):
    tp = (matched["_merge"] == "both").sum()
    precision = tp / (matched["_merge"] != "left_only").sum()
    recall = tp / (matched["_merge"] != "right_only").sum()
    assert precision >= 0.9 and recall >= 0.9, (precision, recall)


@pytest.mark.parametrize("column, floor", [("cue_start", 0.98), ("source_type", 0.9), ("source_name", 0.9), ("via", 0.95)])
def test_matched_rows_agree(matched, column, floor):
    both = matched[matched["_merge"] == "both"]
    gold = both[f"{column}_gold"].astype("string").fillna("-").str.removesuffix(".0")
    found = both[f"{column}_found"].astype("string").fillna("-")
    assert (gold == found).mean() >= floor
