from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.io import parse_columns, read_articles, split_date_header


@pytest.mark.parametrize(
    "raw, expected",
    [
        (" date 2024-05-05 Talks ended.", ("2024-05-05", "Talks ended.")),
        ("date 2023-01-31\nBody.", ("2023-01-31", "Body.")),
        ("Talks ended on date 2024-05-05.", (None, "Talks ended on date 2024-05-05.")),
    ],
)
def test_split_date_header(raw, expected):
    assert split_date_header(raw) == expected


def _rows():
    return [
        {"id": "1", "body": "Reuters said the talks ended.", "paper": "A", "when": "2024-01-02"},
        {"id": "2", "body": "No sources here.", "paper": "B", "when": "not a date"},
    ]


@pytest.mark.parametrize("suffix", ["csv", "jsonl", "parquet"])
def test_formats_with_column_mapping(tmp_path, suffix):
    path = tmp_path / f"corpus.{suffix}"
    df = pd.DataFrame(_rows())
    if suffix == "csv":
        df.to_csv(path, index=False)
    elif suffix == "jsonl":
        path.write_text("\n".join(json.dumps(r) for r in _rows()), encoding="utf-8")
    else:
        df.to_parquet(path)
    out = read_articles(path, columns=parse_columns("article_id=id,text=body,outlet=paper,published=when"))
    assert out["article_id"].tolist() == ["1", "2"]
    assert out["outlet"].tolist() == ["A", "B"]
    assert out["published"].iloc[0] == pd.Timestamp("2024-01-02")
    assert pd.isna(out["published"].iloc[1])  # unparseable dates become missing
    assert out["language"].tolist() == ["en", "en"]


def test_folder_of_text_files_with_metadata(tmp_path):
    (tmp_path / "one.txt").write_text(" date 2024-05-05 Hello.", encoding="utf-8")
    (tmp_path / "two.txt").write_bytes(b"Caf\xe9 bytes.")
    (tmp_path / "metadata.csv").write_text("article_id,outlet\none,UNN\n", encoding="utf-8")
    out = read_articles(tmp_path).set_index("article_id")
    assert out.loc["one", "text"] == "Hello."
    assert out.loc["one", "outlet"] == "UNN"
    assert out.loc["one", "published"] == pd.Timestamp("2024-05-05")
    assert out.loc["two", "text"] == "Caf\ufffd bytes."  # replaced, not fatal
    assert pd.isna(out.loc["two", "outlet"])


def test_missing_mapped_column_is_named(tmp_path):
    path = tmp_path / "c.csv"
    pd.DataFrame(_rows()).to_csv(path, index=False)
    with pytest.raises(ValueError, match=r"mapped column\(s\) \['article_content'\] not found"):
        read_articles(path, columns={"text": "article_content"})


def test_bad_json_line_is_rejected_with_its_line(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"article_id": "a", "text": "x"}\n{broken\n', encoding="utf-8")
    out = read_articles(path)
    assert out["status"].tolist() == ["ok", "rejected"]
    assert out["input_ref"].tolist() == ["c.jsonl line 1", "c.jsonl line 2"]
    assert "not valid JSON" in out["reason"].iloc[1]


@pytest.mark.parametrize("spec", ["text", "text=", "body=text", "status=state"])
def test_bad_column_spec(spec):
    with pytest.raises(ValueError):
        parse_columns(spec)


def test_missing_path():
    with pytest.raises(FileNotFoundError):
        read_articles("no/such/corpus.csv")


def test_sample_folder_reads_every_article(sample_articles):
    assert sample_articles["article_id"].is_unique
    assert len(sample_articles) == 41
    assert set(sample_articles["outlet"].dropna()) >= {"UNN", "Harbour Ledger"}


def test_duplicate_ids_are_kept_and_renamed(tmp_path):
    path = tmp_path / "c.csv"
    pd.DataFrame({"article_id": ["a", "a", "b", "a"], "text": ["1", "2", "3", "4"]}).to_csv(path, index=False)
    with pytest.warns(UserWarning, match=r"rows \[1, 3\]"):
        out = read_articles(path)
    assert out["article_id"].tolist() == ["a", "a~2", "b", "a~3"]
    with pytest.raises(ValueError, match="duplicated"):
        read_articles(path, duplicate_ids="error")
