"""The Ukrainian version of the example article: the same 10 attributions, relay chains and types as the English one."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis import config
from analysis.pipeline import attribute
from analysis.sources import relay_chains

UK_ARTICLE = config.PROJ_ROOT / "tests" / "data" / "unn-2024-05-05-cairo-talks.uk.txt"
UK_EXPECTED = config.PROJ_ROOT / "tests" / "data" / "unn-2024-05-05-cairo-talks.uk.expected.json"

@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads(UK_EXPECTED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def article() -> pd.DataFrame:
    # No language given: the pipeline detects it.
    return pd.DataFrame({"article_id": ["unn-2024-05-05-cairo-talks-uk"], "outlet": ["UNN"],
                         "published": [pd.Timestamp("2024-05-05")], "text": [UK_ARTICLE.read_text(encoding="utf-8")]})


@pytest.fixture(scope="module")
def found(article) -> pd.DataFrame:
    return attribute(article)


def test_expected_file_spans_cut_the_text(expected) -> None:
    text = UK_ARTICLE.read_text(encoding="utf-8")
    assert len(expected["attributions"]) == 10
    for a in expected["attributions"]:
        assert text[slice(*a["source_span"])] == a["source"]
        assert text[slice(*a["cue_span"])] == a["cue"]


def test_same_types_and_relays_as_the_english_example(expected, example_expected) -> None:
    # The translation keeps every attribution, in order, with its type, relay and quote kind.
    keys = ("source_type", "quote")
    assert [tuple(a[k] for k in keys) for a in expected["attributions"]] == \
        [tuple(a[k] for k in keys) for a in example_expected["attributions"]]
    assert [a["via"] for a in expected["attributions"]] == [a["via"] for a in example_expected["attributions"]]


def test_language_is_detected(article) -> None:
    from analysis.io import add_languages

    assert add_languages(article)["language"].tolist() == ["uk"]


def test_exactly_the_expected_attributions(found, expected) -> None:
    assert set(zip(found["source_start"], found["source_end"])) == {tuple(a["source_span"]) for a in expected["attributions"]}


@pytest.mark.parametrize("index", range(10))
def test_expected_attribution(found, expected, index) -> None:
    exp = expected["attributions"][index]
    row = found[(found["source_start"] == exp["source_span"][0]) & (found["source_end"] == exp["source_span"][1])]
    assert len(row) == 1, f"{exp['source']!r} not found"
    row = row.iloc[0]
    assert row["source_text"] == exp["source"]
    assert (row["cue_start"], row["cue_end"]) == tuple(exp["cue_span"])
    assert row["source_type"] == exp["source_type"]
    assert (None if pd.isna(row["source_name"]) else row["source_name"]) == exp["canonical"]
    assert (None if pd.isna(row["via"]) else row["via"]) == exp["via"]
    assert row["quote_kind"] == exp["quote"]


def test_relay_chains(found, article) -> None:
    chains = relay_chains(found, article).set_index("origin")["chain"].to_dict()
    relayed = {origin: chain for origin, chain in chains.items() if chain.count(">") == 2}
    assert sorted(relayed.values()) == ["UNN > AFP > Високопоставлений представник ХАМАС",
                                        "UNN > Al Qahera News > добре поінформоване джерело"]
