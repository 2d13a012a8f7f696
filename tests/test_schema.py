from __future__ import annotations

import pandas as pd
import pytest

from analysis.schema import (
    ATTRIBUTIONS,
    empty_frame,
    require_columns,
    validate_articles,
    validate_attributions,
)


def test_require_columns_names_missing_and_found():
    with pytest.raises(ValueError, match=r"missing required column\(s\) \['text'\]; found \['article_id'\]"):
        require_columns(pd.DataFrame({"article_id": ["a"]}), ["article_id", "text"], table="articles")


def test_duplicate_ids_name_rows():
    df = pd.DataFrame({"article_id": ["a", "b", "a"], "text": ["x", "y", "z"]})
    with pytest.raises(ValueError, match=r"rows \[0, 2\]: field 'article_id' is duplicated"):
        validate_articles(df)


def test_non_text_body_names_row():
    df = pd.DataFrame({"article_id": ["a", "b"], "text": ["x", 3]})
    with pytest.raises(ValueError, match=r"row 1 \(article_id 'b'\): field 'text' is int"):
        validate_articles(df)


def test_validate_articles_does_not_mutate():
    df = pd.DataFrame({"article_id": [1, 2], "text": ["x", None]})
    before = df.copy()
    out = validate_articles(df)
    pd.testing.assert_frame_equal(df, before)
    assert out["article_id"].tolist() == ["1", "2"]
    assert out["text"].tolist() == ["x", ""]


def test_span_invariant_is_checked():
    arts = pd.DataFrame({"article_id": ["a"], "text": ["Reuters said so."]})
    att = pd.DataFrame({"article_id": ["a"], "source_text": ["Reuters"], "source_start": [0], "source_end": [6],
                        "cue_text": ["said"], "cue_start": [8], "cue_end": [12]})
    with pytest.raises(ValueError, match="source_text"):
        validate_attributions(att, arts)
    ok = att.assign(source_end=7)
    assert len(validate_attributions(ok, arts)) == 1


def test_a_row_without_a_source_passes_the_span_check():
    arts = pd.DataFrame({"article_id": ["a"], "text": ["The veto is expected."]})
    att = pd.DataFrame({"article_id": ["a"], "source_text": [None], "source_start": [None], "source_end": [None],
                        "cue_text": ["is expected"], "cue_start": [9], "cue_end": [20]})
    assert len(validate_attributions(att, arts)) == 1
    # Half a source is still an error.
    with pytest.raises(ValueError, match="row 0 .*'source_text' is empty"):
        validate_attributions(att.assign(source_start=[0], source_end=[3]), arts)


def test_unknown_source_type_is_refused():
    att = empty_frame(ATTRIBUTIONS)
    att.loc[0, ["article_id", "source_text", "source_start", "source_end", "cue_text", "cue_start", "cue_end"]] = [
        "a", "x", 0, 1, "said", 2, 6]
    att.loc[0, "source_type"] = "rumour"
    with pytest.raises(ValueError, match="source_type"):
        validate_attributions(att)
