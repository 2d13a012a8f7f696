"""Attribution patterns of wire copy, as (text, expected) cases."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.extract import extract_attributions
from analysis.pipeline import attribute


def _extract(text: str, outlet: str = "Test Wire") -> pd.DataFrame:
    return attribute(pd.DataFrame({"article_id": ["t"], "outlet": [outlet], "text": [text]}))


CASES = [
    # (text, [(source_text, cue_text, via, quote_kind)])
    ("The talks failed, Reuters reported.", [("Reuters", "reported", None, "indirect")]),
    ("According to AFP, the talks failed.", [("AFP", "According to", None, "indirect")]),
    ("A senior Hamas official told AFP that the delegation left.",
     [("A senior Hamas official", "told", "AFP", "indirect")]),
    ('"We will rebuild the bridge," said Mayor Tomas Ruel.', [("Mayor Tomas Ruel", "said", None, "direct")]),
    ('"We will rebuild the bridge," Ruel said.', [("Ruel", "said", None, "direct")]),
    ('Ruel said: "The budget is balanced."', [("Ruel", "said", None, "direct")]),
    ("Nothing will change. We are ready - said Anna Holm.", [("Anna Holm", "said", None, "direct")]),
    ("The group will return, Al Jazeera reported, citing a well-informed source.",
     [("Al Jazeera", "reported", None, "indirect"), ("a well-informed source", "citing", "Al Jazeera", "indirect")]),
    ("The talks ended, the BBC reported, citing two diplomats.",
     [("BBC", "reported", None, "indirect"), ("two diplomats", "citing", "BBC", "indirect")]),
    ("Reuters and AFP reported that the border was closed.",
     [("Reuters", "reported", None, "indirect"), ("AFP", "reported", None, "indirect")]),
    ("Anna Holm arrived late. She said the vote was fair.", [("She", "said", None, "indirect")]),
    ("Finance Minister Lena Varga said that the budget would be \"balanced\".",
     [("Finance Minister Lena Varga", "said", None, "mixed")]),
    ("People familiar with the matter said the deal was close.",
     [("People familiar with the matter", "said", None, "indirect")]),
    ("Quoting a police spokeswoman, Al Jazeera reported that two men were held.",
     [("a police spokeswoman", "Quoting", "Al Jazeera", "indirect"), ("Al Jazeera", "reported", None, "indirect")]),
    ("TASS quoted the defence ministry as saying the strikes hit militant targets.",
     [("TASS", "quoted", None, "indirect"), ("the defence ministry", "as saying", "TASS", "indirect")]),
    ("Al Jazeera reported, citing a well-informed source, that the envoys would return.",
     [("Al Jazeera", "reported", None, "indirect"), ("a well-informed source", "citing", "Al Jazeera", "indirect")]),
    ("The plan will fail, said pollster Ivo Marek.", [("pollster Ivo Marek", "said", None, "indirect")]),
    ("The minister wants to say more next week.", []),
    ("Two bodies were found near the river.", []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_patterns(text, expected):
    got = _extract(text)
    rows = [
        (r.source_text, r.cue_text, None if pd.isna(r.via) else r.via, r.quote_kind)
        for r in got.itertuples()
    ]
    assert rows == expected


def test_spans_equal_their_slices():
    text = "The talks failed, Reuters reported, citing a \"well-placed source\". Varga said: \"No.\""
    got = extract_attributions(pd.DataFrame({"article_id": ["t"], "text": [text]}))
    assert len(got) == 3
    for r in got.itertuples():
        assert text[r.source_start: r.source_end] == r.source_text
        assert text[r.cue_start: r.cue_end] == r.cue_text
        if not pd.isna(r.content_start):
            assert 0 <= r.content_start < r.content_end <= len(text)


def test_publisher_credit_line_is_not_a_source():
    got = _extract("Talks ended, UNN reports with reference to VRT and Agence France-Presse.", outlet="UNN")
    assert got["source_name"].tolist() == ["VRT", "AFP"]
    assert got["via"].isna().all()


def test_extraction_does_not_mutate_input():
    arts = pd.DataFrame({"article_id": ["a"], "text": ["Reuters said so."]})
    before = arts.copy()
    extract_attributions(arts)
    pd.testing.assert_frame_equal(arts, before)


def test_empty_and_missing_text():
    arts = pd.DataFrame({"article_id": ["a", "b"], "text": ["", None]})
    assert extract_attributions(arts).empty
