from __future__ import annotations

import pandas as pd
import pytest

from analysis.io.checks import add_reason, assign_status, count_tags, status_counts


@pytest.mark.parametrize(
    "text, expected",
    [
        ("<p>Hello</p>", 2),
        ('<a href="/x">link</a><br/><img src="y.png" />', 4),
        ("<!-- a comment -->", 0),
        ("Prices rose 3 < 5 > 4 percent.", 0),
        ("The <Ministry> said", 1),
        ("<" * 10_000 + ">", 0),
        ("", 0),
    ],
)
def test_count_tags(text, expected):
    assert count_tags(pd.Series([text])).iloc[0] == expected


@pytest.mark.parametrize(
    "old, note, expected",
    [
        (None, "a", "a"),
        ("", "a", "a"),
        ("a", "a", "a"),
        ("a", "b", "a; b"),
        ("a; b", "b", "a; b"),
    ],
)
def test_add_reason(old, note, expected):
    out = add_reason(pd.Series([old], dtype="string"), pd.Series([True]), note)
    assert out.iloc[0] == expected


def test_add_reason_leaves_unmasked_rows_and_input():
    reasons = pd.Series(["x", None], dtype="string")
    out = add_reason(reasons, pd.Series([False, False]), "y")
    assert out.iloc[0] == "x" and pd.isna(out.iloc[1])
    assert reasons.tolist()[0] == "x"


def test_assign_status_does_not_mutate_and_counts():
    arts = pd.DataFrame({"article_id": ["a", "b"], "text": ["Hi.", ""]})
    before = arts.copy()
    out = assign_status(arts)
    pd.testing.assert_frame_equal(arts, before)
    assert status_counts(out) == {"ok": 1, "empty": 1, "too_long_truncated": 0, "rejected": 0, "unsupported_language": 0}


def test_assign_status_refuses_bad_max_chars():
    with pytest.raises(ValueError, match="max_chars"):
        assign_status(pd.DataFrame({"text": ["x"]}), max_chars=0)
