"""Scoring source names against labelled mentions."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.evaluate.identity import b_cubed, read_identity_labels, score_identity
from analysis.extract import extract_attributions
from analysis.sources import classify_sources


@pytest.mark.parametrize(
    "gold, predicted, expected",
    [
        (["a", "a", "b"], ["x", "x", "y"], (1.0, 1.0)),
        (["a", "a", "b"], ["x", "x", "x"], (5 / 9, 1.0)),
        (["a", "a", "b"], [None, None, None], (1.0, 2 / 3)),  # nothing found: every mention alone
        ([None, None], ["x", "x"], (0.5, 1.0)),  # two unnamed sources merged into one
    ],
)
def test_b_cubed(gold, predicted, expected):
    assert b_cubed(gold, predicted) == pytest.approx(expected)


def test_labels_read_with_their_spans():
    articles, mentions = read_identity_labels()
    texts = dict(zip(articles["article_id"], articles["text"]))
    assert len(articles) >= 12 and set(articles["style"]) == {"wire", "broadcaster", "paper"}
    for m in mentions.itertuples():
        assert texts[m.article_id][m.start: m.end] == m.mention


def test_a_mention_that_is_not_in_its_text_names_the_line(tmp_path):
    path = tmp_path / "labels.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Varga said so.", "mentions": [{"text": "Ruel", "entity": "Ruel"}]})
                    + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 1: mention 'Ruel' occurs 0 times"):
        read_identity_labels(path)


def test_a_wrong_name_counts_against_accuracy():
    mentions = pd.DataFrame({"article_id": ["a", "a"], "start": [0, 20], "end": [5, 22], "entity": ["Lena Varga", None]})
    att = pd.DataFrame({"article_id": ["a", "a"], "source_start": [0, 20], "source_end": [5, 22],
                        "source_text": ["Varga", "an aide"], "source_name": ["Varga", "Varga"],
                        "source_id": ["person:varga"] * 2})
    scores = score_identity(mentions, att)
    assert scores["mention_accuracy"] == 0.0 and scores["b_cubed_precision"] == 0.5


def test_naming_reaches_its_targets_on_the_labelled_set():
    articles, mentions = read_identity_labels()
    scores = score_identity(mentions, classify_sources(extract_attributions(articles), articles))
    assert scores["mention_accuracy"] >= 0.90 and scores["b_cubed_f1"] >= 0.90
