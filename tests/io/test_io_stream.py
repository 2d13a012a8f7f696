from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

from analysis.schema import ARTICLES

from analysis import config
from analysis.io import TableWriter, iter_articles, read_articles


def _corpus() -> pd.DataFrame:
    """Seven rows; id "a" repeats across what become different chunks, dates mixed."""
    return pd.DataFrame(
        {
            "id": ["a", "b", "a", "c", "d", "a", "e"],
            "body": ["Reuters said so.", "Nobody.", "AFP reported it.", "Café au lait, he said.", "", "x", "y"],
            "paper": ["A", None, "B", "A", "C", "A", None],
            "when": ["2024-01-02", "not a date", "2024-01-03 10:00", None, "2024-02-01", "2024-02-02", "2024-02-03"],
        }
    )


def _write(df: pd.DataFrame, path):
    if path.suffix == ".csv":
        df.to_csv(path, index=False)
    elif path.suffix == ".jsonl":
        path.write_text("\n".join(json.dumps(r) for r in df.to_dict("records")) + "\n", encoding="utf-8")
    else:
        df.to_parquet(path, row_group_size=2)
    return path


MAPPING = {"article_id": "id", "text": "body", "outlet": "paper", "published": "when"}


def _read_both(path, chunk_size, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        whole = read_articles(path, **options)
        chunks = list(iter_articles(path, chunk_size=chunk_size, **options))
    return whole, chunks


# Parquet is read a row group at a time, so it carries the articles and their
# status but not the provenance notes (reason, input_ref) of the whole-file reader.
CORE = [c for c in ARTICLES if c not in ("reason", "input_ref", "n_replaced_chars")]


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
@pytest.mark.parametrize("chunk_size", [1, 3, 100])
def test_chunks_add_up_to_read_articles(tmp_path, suffix, chunk_size):
    path = _write(_corpus(), tmp_path / f"corpus{suffix}")
    whole, chunks = _read_both(path, chunk_size, columns=MAPPING, outlet="Fallback")
    assert all(len(c) <= chunk_size for c in chunks)
    streamed = pd.concat(chunks, ignore_index=True)
    if suffix == ".parquet":
        streamed, whole = streamed[CORE], whole[CORE]
    pd.testing.assert_frame_equal(streamed, whole)


def test_repeated_ids_are_renamed_across_chunks_with_one_warning(tmp_path):
    path = _write(_corpus(), tmp_path / "corpus.csv")
    with pytest.warns(UserWarning, match=r"2 row\(s\) repeat an earlier article_id.*rows \[2, 5\]"):
        chunks = list(iter_articles(path, columns=MAPPING, chunk_size=2))
    ids = pd.concat(chunks)["article_id"].tolist()
    assert ids == ["a", "b", "a~2", "c", "d", "a~3", "e"]


def test_repeated_ids_can_be_refused_across_chunks(tmp_path):
    path = _write(_corpus(), tmp_path / "corpus.csv")
    with pytest.raises(ValueError, match=r"field 'article_id' is duplicated \('a'\) in corpus.csv line 2"):
        list(iter_articles(path, columns=MAPPING, chunk_size=2, duplicate_ids="error"))


def test_row_numbers_become_ids_counted_over_the_whole_input(tmp_path):
    path = _write(_corpus().drop(columns="id"), tmp_path / "corpus.parquet")
    whole, chunks = _read_both(path, 3, columns={"text": "body"})
    assert pd.concat(chunks)["article_id"].tolist() == [str(i) for i in range(7)] == whole["article_id"].tolist()


def test_non_utf8_csv_is_read_as_read_articles_reads_it(tmp_path):
    path = tmp_path / "old.csv"
    path.write_bytes("article_id,text\n1,Caf\xe9 society.\n2,Plain.\n".encode("latin-1"))
    whole, chunks = _read_both(path, 1)
    pd.testing.assert_frame_equal(pd.concat(chunks, ignore_index=True), whole)
    assert whole["text"].iloc[0] == "Caf\ufffd society."
    assert whole["n_replaced_chars"].tolist() == [1, 0]


def test_sample_folder_streams_like_read_articles():
    whole, chunks = _read_both(config.SAMPLE_DIR, 16)
    assert [len(c) for c in chunks] == [16, 16, 9]
    pd.testing.assert_frame_equal(pd.concat(chunks, ignore_index=True), whole)


def test_bad_row_is_named_by_its_input_row(tmp_path):
    path = tmp_path / "bad.jsonl"
    rows = [{"article_id": str(i), "text": "Fine."} for i in range(5)] + [{"article_id": "5", "text": 42}]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    chunks = list(iter_articles(path, chunk_size=4))
    last = pd.concat(chunks, ignore_index=True).iloc[-1]
    assert (last["article_id"], last["status"]) == ("5", "rejected")
    assert "field 'text' is int" in last["reason"]


@pytest.mark.parametrize(
    "path, options, message",
    [
        ("missing.csv", {}, "no such file"),
        (".", {"chunk_size": 0}, "chunk_size must be at least 1"),
    ],
)
def test_bad_arguments(tmp_path, path, options, message):
    with pytest.raises((FileNotFoundError, ValueError), match=message):
        next(iter_articles(tmp_path / path, **options))


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_table_writer_appends_chunks_into_one_file(tmp_path, suffix):
    target = tmp_path / f"out{suffix}"
    parts = [pd.DataFrame({"k": ["a", "b"], "v": [1, 2]}), pd.DataFrame({"k": ["c"], "v": [3]})]
    with TableWriter(target) as out:
        for part in parts:
            out.write(part)
            assert not target.exists()  # moved into place only when complete
    back = pd.read_parquet(target) if suffix == ".parquet" else pd.read_csv(target)
    assert back["k"].tolist() == ["a", "b", "c"] and back["v"].tolist() == [1, 2, 3]
    if suffix == ".parquet":
        assert pd.api.types.is_string_dtype(back["k"])


def test_table_writer_without_rows_writes_the_empty_table(tmp_path):
    target = tmp_path / "empty.parquet"
    with TableWriter(target, empty=pd.DataFrame({"k": pd.Series(dtype="string")})):
        pass
    assert pd.read_parquet(target).columns.tolist() == ["k"]


def test_table_writer_leaves_the_old_file_on_error(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with TableWriter(target) as out:
            out.write(pd.DataFrame({"k": [1]}))
            raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_table_writer_refuses_other_formats(tmp_path):
    with pytest.raises(ValueError, match="write .csv or .parquet"):
        TableWriter(tmp_path / "out.json")


def test_table_writer_csv_escapes_formula_cells_and_quotes_lone_cr(tmp_path):
    target = tmp_path / "att.csv"
    with TableWriter(target) as out:
        out.write(pd.DataFrame({"source_text": ["=HYPERLINK(\"x\")", "@SUM"], "source_start": [-1, 2]}))
        out.write(pd.DataFrame({"source_text": ["a\rb"], "source_start": [3]}))
    back = pd.read_csv(target, keep_default_na=False)
    assert back["source_text"].tolist() == ["'=HYPERLINK(\"x\")", "'@SUM", "a\rb"]
    assert back["source_start"].tolist() == [-1, 2, 3]  # numbers are not escaped
