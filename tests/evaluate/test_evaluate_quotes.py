"""Tests for analysis.evaluate.quotes on small hand-made tables and files."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from analysis.evaluate.quotes import match_quotes, read_ggt, score_quotes, speaker_matches


def gold_table(rows: list[tuple]) -> pd.DataFrame:
    """Gold quotes from (article_id, start, end, speaker, reference, kind)."""
    return pd.DataFrame(rows, columns=["article_id", "quote_start", "quote_end", "speaker", "reference", "quote_kind"])


def pred_table(rows: list[tuple]) -> pd.DataFrame:
    """Predictions from (article_id, content_start, content_end, source_text, source_name, quote_kind)."""
    df = pd.DataFrame(rows, columns=["article_id", "content_start", "content_end", "source_text", "source_name",
                                     "quote_kind"])
    for c in ("content_start", "content_end"):
        df[c] = df[c].astype("Int64")
    return df


@pytest.mark.parametrize("predicted, gold, expected", [
    (["Lonechild"], ["Lonechild", "Darian Lonechild"], True),
    (["lonechild"], ["", "Darian Lonechild"], True),                 # case aside
    (["Darian Lonechild"], ["Lonechild", "Darian Lonechild"], True),
    (["Darian Lonechild"], ["she", "Darian Lonechild"], True),
    (["she"], ["she", "Darian Lonechild"], True),                    # the gold speaker words themselves
    (["he"], ["she", "Darian Lonechild"], False),
    (["Premier Doug Ford"], ["", "Doug Ford"], True),                # a title before the whole name
    (["Ford"], ["", "Doug Ford"], True),                             # bare surname
    (["Kent Moore at the University of Toronto"], ["", "Kent Moore"], True),  # the whole name inside
    (["the Moore family"], ["Moore", "Kent Moore"], False),          # a one-word gold name is not searched inside
    (["the House of Commons"], ["", "The sergeant-at-arms of the House of Commons"], False),
    (["Doug"], ["", "Doug Ford"], False),                            # a first name is no surname
    (["Rob Ford"], ["", "Doug Ford"], False),                        # same surname, other person
    (["the Toronto Police Service"], ["", "Toronto Police Service"], True),
    (["police"], ["", "Toronto Police Service"], False),
    ([None, "Health Canada"], ["", "Health Canada"], True),          # the canonical name counts
    ([], ["", "Health Canada"], False),
])
def test_speaker_matches(predicted, gold, expected):
    assert speaker_matches(predicted, gold) is expected


def test_coverage_threshold_finds_and_misses():
    gold = gold_table([("a", 0, 100, "Lopez", "Maria Lopez", "direct")])
    pred = pred_table([("a", 60, 95, "Lopez", None, "direct")])  # covers 35%
    assert match_quotes(pred, gold, coverage=0.3)["found"].tolist() == [True]
    assert match_quotes(pred, gold, coverage=0.8)["found"].tolist() == [False]
    assert match_quotes(pred, gold, coverage=0.3)["covered"].iloc[0] == pytest.approx(0.35)


def test_one_to_one_within_article():
    # One long prediction covers both gold quotes: only one is found, by the larger share.
    gold = gold_table([("a", 0, 10, "X", "X", "direct"), ("a", 10, 40, "X", "X", "direct")])
    pred = pred_table([("a", 5, 40, "X", None, "direct")])
    m = match_quotes(pred, gold, coverage=0.3)
    assert m["found"].tolist() == [False, True]
    s = score_quotes(pred, gold, coverages=(0.3,)).iloc[0]
    assert (s["tp"], s["n_pred"], s["n_gold"]) == (1, 1, 2)
    assert s["precision"] == 1.0 and s["recall"] == 0.5


def test_matches_stay_in_their_article():
    gold = gold_table([("a", 0, 10, "X", "X", "direct")])
    pred = pred_table([("b", 0, 10, "X", None, "direct")])
    s = score_quotes(pred, gold, coverages=(0.3,)).iloc[0]
    assert s["tp"] == 0 and s["precision"] == 0.0 and s["recall"] == 0.0


def test_relay_rows_sharing_content_are_one_quote():
    # "X told the BBC" comes out as a row for X and one for the BBC on the same content.
    gold = gold_table([("a", 0, 20, "X", "Xavier Y", "indirect")])
    pred = pred_table([("a", 0, 20, "BBC", "BBC", "indirect"), ("a", 0, 20, "X", None, "indirect")])
    s = score_quotes(pred, gold, coverages=(0.3,)).iloc[0]
    assert (s["n_pred"], s["tp"], s["speaker_right"]) == (1, 1, 1)


def test_joint_counts_only_right_speakers():
    gold = gold_table([("a", 0, 10, "Lopez", "Maria Lopez", "direct"),
                       ("a", 20, 30, "Chen", "Wei Chen", "indirect")])
    pred = pred_table([("a", 0, 10, "Lopez", None, "direct"), ("a", 20, 30, "police", None, "indirect"),
                       ("a", 50, 60, "Kim", None, "indirect")])
    s = score_quotes(pred, gold, coverages=(0.3,)).iloc[0]
    assert (s["tp"], s["speaker_right"]) == (2, 1)
    assert s["speaker_accuracy"] == 0.5
    assert s["f1"] == pytest.approx(2 * 2 / (3 + 2))
    assert s["joint_f1"] == pytest.approx(2 * 1 / (3 + 2))
    assert s["joint_recall"] == 0.5


def test_breakdown_by_kind_and_outlet():
    gold = gold_table([("a", 0, 10, "X", "X", "direct"), ("b", 20, 30, "Y", "Y", "indirect")])
    pred = pred_table([("a", 0, 10, "X", None, "mixed"), ("b", 50, 60, "Y", None, "indirect")])
    kinds = score_quotes(pred, gold, coverages=(0.3,), by="quote_kind").set_index("quote_kind")
    assert kinds.loc["direct", "recall"] == 1.0 and kinds.loc["direct", "n_pred"] == 1
    assert kinds.loc["indirect", "recall"] == 0.0
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["Daily", "Weekly"]})
    outlets = score_quotes(pred, gold, coverages=(0.3,), by="outlet", articles=arts).set_index("outlet")
    assert outlets.loc["Daily", "f1"] == 1.0 and outlets.loc["Weekly", "f1"] == 0.0
    with pytest.raises(ValueError, match="outlet"):
        score_quotes(pred, gold, by="outlet")


def test_no_predictions_and_bad_arguments():
    gold = gold_table([("a", 0, 10, "X", "X", "direct")])
    empty = pred_table([])
    s = score_quotes(empty, gold, coverages=(0.3,)).iloc[0]
    assert s["tp"] == 0 and math.isnan(s["precision"]) and s["recall"] == 0.0
    with pytest.raises(ValueError, match="coverage"):
        match_quotes(empty, gold, coverage=0)
    with pytest.raises(ValueError, match="content_end"):
        score_quotes(empty.drop(columns="content_end"), gold)


def _write(folder, lines: list[str]):
    (folder / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_read_ggt_small_file(tmp_path):
    text = 'The mayor spoke. "We will rebuild," Ana Diaz said. She said the plan was ready.'
    quotes = [{"quote": '"We will rebuild,"', "quote_start": text.index('"We'), "speaker": "Ana Diaz",
               "reference": "Ana Diaz", "verb": "said"},
              {"quote": "the plan was ready", "quote_start": text.index("the plan"), "speaker": "She",
               "reference": "Ana Diaz", "verb": "said"},
              {"quote": "not in the text", "quote_start": None, "speaker": "", "reference": "Ana Diaz", "verb": ""}]
    line = json.dumps({"article_id": "x1", "outlet": "Daily", "url": "u", "text": text, "quotes": quotes})
    articles, gold = read_ggt(_write(tmp_path, [line]))
    assert articles["article_id"].tolist() == ["x1"] and articles["outlet"].tolist() == ["Daily"]
    assert gold["quote_kind"].tolist() == ["direct", "indirect"]
    assert [text[s:e] for s, e in zip(gold["quote_start"], gold["quote_end"])] == ['"We will rebuild,"',
                                                                                   "the plan was ready"]


def test_read_ggt_names_the_bad_line(tmp_path):
    good = json.dumps({"article_id": "x1", "text": "abc", "quotes": []})
    with pytest.raises(ValueError, match="line 2"):
        read_ggt(_write(tmp_path, [good, "{not json"]))
    bad_offset = json.dumps({"article_id": "x2", "text": "abc def", "quotes": [{"quote": "def", "quote_start": 0}]})
    with pytest.raises(ValueError, match="line 1: quote 0"):
        read_ggt(_write(tmp_path, [bad_offset]))
    with pytest.raises(FileNotFoundError):
        read_ggt(tmp_path / "nowhere")


def test_read_ggt_dev_set(ggt_dir):
    articles, gold = read_ggt(ggt_dir)
    assert len(articles) == 49 and articles["outlet"].nunique() == 7
    assert len(gold) > 700 and set(gold["quote_kind"]) == {"direct", "indirect"}
    text = articles.set_index("article_id")["text"]
    assert all(e > s and e <= len(text[a]) for a, s, e in zip(gold["article_id"], gold["quote_start"], gold["quote_end"]))
