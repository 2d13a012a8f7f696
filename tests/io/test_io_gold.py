"""Tests for analysis.io.gold on small JSONL files written here."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from analysis import config
from analysis.io.gold import DE_TYPES, GOLD_SETS, gold_path, read_gold, read_gold_jsonl
from analysis.schema import ATTRIBUTIONS
from tests.conftest import require_shared

UK_TEXT = "Переговори завершилися, повідомляє Укрінформ з посиланням на Reuters. «Ми не погодимося», — сказав Зеленський."


def span(text: str, part: str, start: int = 0) -> list[int]:
    i = text.index(part, start)
    return [i, i + len(part)]


def write_jsonl(path: Path, rows: list) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                    encoding="utf-8")
    return path


def uk_row() -> dict:
    t = UK_TEXT
    return {
        "article_id": "uk-1", "language": "uk", "outlet": "Тестова газета", "published": "2016", "text": t,
        "attributions": [
            {"source": span(t, "Reuters"), "cue": span(t, "з посиланням на"), "content": span(t, "Переговори завершилися"),
             "quote_kind": "indirect", "source_type": "news_agency", "canonical": "Reuters", "via": "Укрінформ"},
            {"source": span(t, "Зеленський"), "cue": span(t, "сказав"), "content": span(t, "«Ми не погодимося»"),
             "quote_kind": "direct", "source_type": "named_person", "canonical": "Володимир Зеленський", "via": None},
            {"source": None, "cue": span(t, "повідомляє"), "content": None,
             "quote_kind": "indirect", "source_type": "unknown", "canonical": None, "via": None},
        ],
    }


DE_TEXT = "Die Lage sei ernst, sagte der Minister der dpa. Man müsse handeln. Er lachte."


def de_row() -> dict:
    t = DE_TEXT
    return {
        "article_id": "dewikinews-1", "title": "1 - Ein Test (2005-09-06)", "lang": "de", "split": "dev", "text": t,
        "attributions": [
            {"source": span(t, "der Minister"), "cue": span(t, "sagte"), "content": span(t, "Die Lage sei ernst"),
             "speaker_name": "der Minister", "source_spans": [span(t, "der Minister")], "cue_spans": [span(t, "sagte")],
             "content_spans": [span(t, "Die Lage sei ernst")], "frame_spans": [], "addressee_spans": [span(t, "dpa")],
             "type": "Indirect", "medium": "Speech", "is_nested": False, "has_nested": False},
            {"source": None, "cue": None, "content": span(t, "Man müsse handeln"), "speaker_name": None,
             "source_spans": [], "cue_spans": [], "content_spans": [span(t, "Man müsse handeln")],
             "type": "FreeIndirect", "medium": "Speech", "is_nested": False, "has_nested": False},
        ],
    }


def test_project_layout_to_project_columns(tmp_path: Path) -> None:
    articles, gold = read_gold_jsonl(write_jsonl(tmp_path / "uk" / "dev.jsonl", [uk_row()]))
    assert list(gold.columns[: len(ATTRIBUTIONS)]) == list(ATTRIBUTIONS)
    assert articles.loc[0, "language"] == "uk" and articles.loc[0, "outlet"] == "Тестова газета"
    assert articles.loc[0, "published"] == pd.Timestamp("2016-01-01")
    assert articles.loc[0, "input_ref"] == "uk/dev.jsonl line 1"
    assert gold["source_text"].tolist()[:2] == ["Reuters", "Зеленський"]
    assert gold["cue_text"].tolist() == ["з посиланням на", "сказав", "повідомляє"]
    assert gold["source_name"].tolist()[:2] == ["Reuters", "Володимир Зеленський"]
    assert gold["via"].tolist()[0] == "Укрінформ" and pd.isna(gold["via"].iloc[1])
    assert gold["source_type"].tolist() == ["news_agency", "named_person", "unknown"]
    assert gold["quote_kind"].tolist() == ["indirect", "direct", "indirect"]
    assert gold["attribution_id"].tolist() == ["uk-1:0", "uk-1:1", "uk-1:2"]
    # A null span is NA in all its columns, and every span cuts its text.
    assert gold.loc[2, ["source_start", "source_end", "source_text", "content_start"]].isna().all()
    t = articles.loc[0, "text"]
    for row in gold.itertuples():
        if pd.notna(row.cue_start):
            assert t[row.cue_start:row.cue_end] == row.cue_text


def test_wikinews_layout_keeps_counted_types(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "de-wikinews" / "dev.jsonl", [de_row()])
    articles, gold = read_gold_jsonl(path)
    assert articles.loc[0, "language"] == "de"
    assert articles.loc[0, "title"] == "Ein Test"
    assert articles.loc[0, "published"] == pd.Timestamp("2005-09-06")
    assert articles.loc[0, "outlet"] == "Wikinews (de)"
    assert gold["gold_type"].tolist() == ["Indirect"]
    assert gold.loc[0, "source_text"] == "der Minister" and gold.loc[0, "speaker_name"] == "der Minister"
    assert gold.loc[0, "source_spans"] == [tuple(span(DE_TEXT, "der Minister"))]
    assert pd.isna(gold.loc[0, "source_type"])
    _, everything = read_gold_jsonl(path, de_types=DE_TYPES)
    assert everything["gold_type"].tolist() == ["Indirect", "FreeIndirect"]
    assert everything["attribution_id"].tolist() == ["dewikinews-1:0", "dewikinews-1:1"]


def test_nested_quotations_can_be_left_out(tmp_path: Path) -> None:
    row = de_row()
    row["attributions"][0]["is_nested"] = True
    path = write_jsonl(tmp_path / "de.jsonl", [row])
    assert len(read_gold_jsonl(path)[1]) == 1
    assert len(read_gold_jsonl(path, nested=False)[1]) == 0


def test_limit_and_empty_articles(tmp_path: Path) -> None:
    second = {**uk_row(), "article_id": "uk-2", "attributions": []}
    path = write_jsonl(tmp_path / "uk.jsonl", [uk_row(), second])
    articles, gold = read_gold_jsonl(path)
    assert articles["article_id"].tolist() == ["uk-1", "uk-2"] and set(gold["article_id"]) == {"uk-1"}
    articles, _ = read_gold_jsonl(path, limit=1)
    assert articles["article_id"].tolist() == ["uk-1"]


def bad(field: str, value):
    row = uk_row()
    row["attributions"][0][field] = value
    return row


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("{not json", "line 1: not valid JSON"),
        ("[1, 2]", "line 1: a line must be a JSON object"),
        ({"article_id": "x"}, "field 'text' is missing"),
        (bad("source", [5, 3]), "line 1, attribution 0: field 'source' [5, 3] is not a span"),
        (bad("cue", [0, 10_000]), "field 'cue' [0, 10000] is not a span"),
        (bad("content", "0-4"), "field 'content' is '0-4', not [start, end]"),
        (bad("source_type", "wire"), "field 'source_type' is 'wire'"),
        (bad("quote_kind", "reported"), "field 'quote_kind' is 'reported'"),
    ],
)
def test_bad_rows_name_line_and_field(tmp_path: Path, row, message: str) -> None:
    path = write_jsonl(tmp_path / "uk.jsonl", [row])
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        read_gold_jsonl(path)


def test_duplicate_article_id(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "uk.jsonl", [uk_row(), uk_row()])
    with pytest.raises(ValueError, match="line 2: field 'article_id' 'uk-1' is duplicated"):
        read_gold_jsonl(path)


def test_unknown_language_split_and_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no gold set for language 'es'"):
        gold_path("es")
    with pytest.raises(ValueError, match="has no split 'train'"):
        gold_path("uk", "train")
    with pytest.raises(FileNotFoundError):
        read_gold("uk", root=tmp_path)
    with pytest.raises(ValueError, match="unknown type"):
        read_gold_jsonl(write_jsonl(tmp_path / "x.jsonl", [de_row()]), de_types=["Quoted"])


def test_language_filled_from_the_set(tmp_path: Path) -> None:
    row = uk_row()
    del row["language"]
    write_jsonl(tmp_path / "uk" / "dev.jsonl", [row])
    articles, _ = read_gold("uk", root=tmp_path)
    assert articles["language"].tolist() == ["uk"]


@pytest.mark.parametrize(("language", "split"), [(lang, s) for lang, (_, splits) in GOLD_SETS.items() for s in splits])
def test_shared_sets_read_with_spans_that_cut_their_text(language: str, split: str) -> None:
    require_shared(gold_path(language, split, root=config.GOLD_DIR))
    articles, gold = read_gold(language, split)
    assert len(articles) and len(gold)
    assert set(articles["language"]) == {language}
    assert set(gold["article_id"]) <= set(articles["article_id"])
    texts = dict(zip(articles["article_id"], articles["text"]))
    for row in gold.dropna(subset=["source_start"]).itertuples():
        assert texts[row.article_id][row.source_start:row.source_end] == row.source_text
