"""The canonical example (UNN, 2024-05-05): all 10 expected attributions, right."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import config
from analysis.pipeline import attribute


@pytest.fixture(scope="module")
def example(sample_articles):
    article = sample_articles[sample_articles["article_id"] == config.EXAMPLE_ARTICLE.stem]
    assert len(article) == 1
    raw = config.EXAMPLE_ARTICLE.read_text(encoding="utf-8")
    text = article["text"].iloc[0]
    # The expected offsets count the ' date ...' header the loader strips.
    shift = len(raw) - len(text)
    assert raw[shift:] == text
    return article, attribute(article), shift


def test_bundled_copy_matches_shared():
    shared = config.SHARED_EXAMPLES_DIR / config.EXAMPLE_ARTICLE.name
    if not shared.exists():
        pytest.skip("../shared/examples is not available")
    assert shared.read_bytes() == config.EXAMPLE_ARTICLE.read_bytes()


def test_header_becomes_published(example):
    article, _, shift = example
    assert article["published"].iloc[0] == pd.Timestamp("2024-05-05")
    assert shift == len(" date 2024-05-05 ")


def test_exactly_the_expected_attributions(example, example_expected):
    _, found, shift = example
    expected = {(a["source_span"][0] - shift, a["source_span"][1] - shift) for a in example_expected["attributions"]}
    got = set(zip(found["source_start"], found["source_end"]))
    assert got == expected


@pytest.mark.parametrize("index", range(10))
def test_expected_attribution(example, example_expected, index):
    _, found, shift = example
    exp = example_expected["attributions"][index]
    row = found[(found["source_start"] == exp["source_span"][0] - shift) & (found["source_end"] == exp["source_span"][1] - shift)]
    assert len(row) == 1, f"{exp['source']!r} not found"
    row = row.iloc[0]
    assert row["source_text"] == exp["source"]
    assert (row["cue_start"] + shift, row["cue_end"] + shift) == tuple(exp["cue_span"])
    assert row["cue_text"] == exp["cue"]
    assert row["source_type"] == exp["source_type"]
    assert (None if pd.isna(row["source_name"]) else row["source_name"]) == exp["canonical"]
    assert (None if pd.isna(row["via"]) else row["via"]) == exp["via"]


def test_relay_chains(example):
    _, found, _ = example
    relayed = found.dropna(subset=["via"]).set_index("source_text")["via"].to_dict()
    assert relayed == {"A senior Hamas official": "AFP", "well-informed source": "Al Qahera News"}


def test_quote_kinds(example, example_expected):
    _, found, shift = example
    kinds = dict(zip(found["source_start"] + shift, found["quote_kind"]))
    assert {a["source_span"][0]: a["quote"] for a in example_expected["attributions"]} == kinds
