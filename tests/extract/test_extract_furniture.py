"""Page furniture (links, teasers, notices, photo credits) is never an attribution."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.extract import extract_attributions
from analysis.extract.furniture import furniture_spans


def sources(text: str) -> list[str]:
    got = extract_attributions(pd.DataFrame({"article_id": ["a"], "text": [text]}))
    return got["source_text"].dropna().tolist()


def contents(text: str) -> list[str]:
    got = extract_attributions(pd.DataFrame({"article_id": ["a"], "text": [text]}))
    return [text[int(s): int(e)] for s, e in zip(got["content_start"], got["content_end"]) if not pd.isna(s)]


@pytest.mark.parametrize("text, expected", [
    ("The mayor said the road would reopen.\n\nREAD MORE: Road closures across the valley this weekend\n",
     ["The mayor"]),
    ("The mayor said the road would reopen.\n\nWATCH: Crews clear the fallen trees on Main Street\n", ["The mayor"]),
    ("The mayor said the road would reopen.\n\nWATCH BELOW: Crews clear the trees\n", ["The mayor"]),
    ("The mayor said the road would reopen.\n\nRelated: Ten bridges the province will repair\n", ["The mayor"]),
    ("The mayor said the road would reopen.\n .\n Article Continued Below\n .\n Crews began on Monday.", ["The mayor"]),
    ("The mayor said the road would reopen.\n\nStory continues below advertisement\n\nCrews began.", ["The mayor"]),
])
def test_furniture_gives_no_row(text, expected):
    assert sources(text) == expected


def test_a_photo_credit_ends_no_content():
    text = "According to the study, most drivers slowed down. (Jane Roe / Daily Star File Photo)"
    assert contents(text) == ["most drivers slowed down"]


@pytest.mark.parametrize("text, expected", [
    ("Power is out.\nREAD MORE: Storm cuts power\nIt may last.", ["READ MORE: Storm cuts power"]),
    ("Crowds gathered. (Adrian Wyld/Canadian Press)", ["(Adrian Wyld/Canadian Press)"]),
    ("Crowds gathered.\n\nArticle Continued Below\n\nMore came.", ["Article Continued Below"]),
    # A label inside a sentence, or a label word opening a sentence, is no furniture.
    ("Fans can watch: the game starts at noon.", []),
    ("Related issues were discussed, the mayor said.", []),
    ("The senator (R-Texas) said no.", []),
])
def test_furniture_spans(text, expected):
    assert [text[s:e].strip() for s, e in furniture_spans(text)] == expected
