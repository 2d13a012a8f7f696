"""Hostile input to the readers: every format gives every row the same status, reason and id."""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

from analysis.cli import main
from analysis.io import iter_articles, read_articles
from analysis.io.write import escape_formula, to_csv, unescape_formula

#: One table of every kind of trouble a row can bring; bodies are all text so that CSV can hold them.
HOSTILE = pd.DataFrame({
    "article_id": ["x", "x", "x~2", None, "=HYPERLINK(1)", "-3", "ok\rid"],
    "outlet": [" ", "\t", "\x1d", "+Wire", "@home", "UNN\rDaily", "Reuters"],
    "title": ["=1+1", "a\rb", "line\nbreak", "'=quoted", None, "-", "plain"],
    "published": ["2024-01-02", "not a date", None, "2024-13-45", "2024-02-03", "", "2024-05-05"],
    "status": ["rejected", "draft", None, "ok", None, None, None],
    "text": ["Reuters said the talks failed.", "", "A senior official told AFP it ended.",
             "=cmd|' /C calc'!A0", "The ministry said so.", "@SUM(A1)", "It rained, the BBC reported."],
})


def _write(table: pd.DataFrame, path):
    if path.suffix == ".csv":
        to_csv(table, path)
    elif path.suffix == ".jsonl":
        path.write_text("\n".join(json.dumps({k: v for k, v in row.items()}) for row in table.to_dict("records")),
                        encoding="utf-8")
    else:
        table.to_parquet(path, index=False)
    return path


def _comparable(df: pd.DataFrame) -> pd.DataFrame:
    """The rows without where they were read (lines and rows count differently per format)."""
    cols = ["article_id", "outlet", "title", "published", "status", "reason", "status_input", "text"]
    out = df[cols].copy()
    out["article_id"] = out["article_id"].where(out["article_id"] != df["input_ref"], "<its input_ref>")
    return out.astype(object).where(out.notna(), None).reset_index(drop=True)


def test_one_hostile_table_gives_the_same_rows_in_every_format(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frames = {suffix: read_articles(_write(HOSTILE, tmp_path / f"h.{suffix}"))
                  for suffix in ("csv", "jsonl", "parquet")}
        streamed = pd.concat(list(iter_articles(tmp_path / "h.parquet", chunk_size=1)), ignore_index=True)
    expected = _comparable(frames["csv"])
    for suffix in ("jsonl", "parquet"):
        pd.testing.assert_frame_equal(_comparable(frames[suffix]), expected, obj=suffix)
    pd.testing.assert_frame_equal(_comparable(streamed), expected, obj="parquet in chunks of one")
    assert streamed["input_ref"].tolist() == [f"h.parquet row {i}" for i in range(1, 8)]
    out = frames["parquet"]
    assert out["article_id"].tolist() == ["x", "x~3", "x~2", "h.parquet row 4", "=HYPERLINK(1)", "-3", "ok\rid"]
    assert out["status_input"].tolist()[:2] == ["rejected", "draft"]
    assert out["status"].tolist()[:2] == ["ok", "empty"]  # an input column named status is only kept
    assert out["title"].iloc[0] == "=1+1" and out["title"].iloc[3] == "'=quoted"
    assert "unparseable date" in out["reason"].iloc[1] and "renamed" in out["reason"].iloc[1]


@pytest.mark.parametrize("body, kind", [(3, "int"), (b"bytes", "bytes"), (["a", "b"], "ndarray")])
def test_parquet_bodies_that_are_not_text_are_rejected_with_a_reason(tmp_path, body, kind):
    path = tmp_path / "p.parquet"
    pd.DataFrame({"article_id": ["a", "b"], "text": pd.Series([body, None], dtype=object)}).to_parquet(path) \
        if kind != "int" else pd.DataFrame({"article_id": ["a", "b"], "text": [body, 4]}).to_parquet(path)
    for out in (read_articles(path), pd.concat(list(iter_articles(path, chunk_size=1)))):
        assert out["status"].iloc[0] == "rejected"
        assert f"field 'text' is {kind}" in out["reason"].iloc[0] or "not text" in out["reason"].iloc[0]


def test_parquet_null_ids_and_repeats_across_chunks_are_named_as_in_one_pass(tmp_path):
    path = tmp_path / "p.parquet"
    pd.DataFrame({"article_id": ["x", "x", "x~2", None], "text": ["a.", "b.", "c.", "d."]}).to_parquet(path)
    with pytest.warns(UserWarning, match="repeat an earlier article_id"):
        chunks = pd.concat(list(iter_articles(path, chunk_size=1)))
    assert chunks["article_id"].tolist() == ["x", "x~3", "x~2", "p.parquet row 4"]
    assert chunks["input_ref"].tolist() == [f"p.parquet row {i}" for i in range(1, 5)]
    with pytest.raises(ValueError, match="duplicated"):
        list(iter_articles(path, chunk_size=1, duplicate_ids="error"))


def test_parquet_dates_are_warned_once_and_categorical_text_is_read(tmp_path):
    path = tmp_path / "p.parquet"
    pd.DataFrame({"article_id": ["a", "b", "c"], "published": ["2024-01-01", "soon", "later"],
                  "text": pd.Categorical(["Reuters said so.", "AFP said so.", "Reuters said so."])}).to_parquet(path)
    with pytest.warns(UserWarning, match=r"2 unparseable date\(s\).*p\.parquet row 2, p\.parquet row 3"):
        chunks = pd.concat(list(iter_articles(path, chunk_size=1)))
    assert chunks["text"].tolist() == ["Reuters said so.", "AFP said so.", "Reuters said so."]
    assert chunks["status"].eq("ok").all()


def test_lone_surrogates_in_any_field_are_replaced_counted_and_located(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"article_id":"a","text":"Fine."}\n'
                    '{"article_id":"s\\udc00","title":"\\ud800x","text":"Reuters said \\ud800."}\n', encoding="utf-8")
    with pytest.warns(UserWarning, match=r"3 undecodable .* \(s\.jsonl line 2\)"):
        out = read_articles(path)
    assert out["n_replaced_chars"].tolist() == [0, 3]
    assert out["text"].iloc[1] == "Reuters said \ufffd." and out["article_id"].iloc[1] == "s\ufffd"
    out.to_csv(tmp_path / "back.csv")  # writable as UTF-8


@pytest.mark.parametrize("content, found", [
    ('[{"article_id": "a", "text": "Reuters said so."}, 3]', None),
    ("[1, 2]", "a JSON number"),
    ('"just a string"', "a JSON string"),
])
def test_a_json_array_is_read_as_rows_and_else_says_what_was_found(tmp_path, content, found):
    path = tmp_path / "a.json"
    path.write_text(content, encoding="utf-8")
    if found is None:
        out = read_articles(path)
        assert out["status"].tolist() == ["ok", "rejected"]
        assert out["input_ref"].tolist() == ["a.json item 1", "a.json item 2"]
    else:
        with pytest.raises(ValueError, match=rf"none readable: .*{found}, not an object"):
            read_articles(path)


def test_cr_only_jsonl_is_read_line_by_line(tmp_path):
    path = tmp_path / "cr.jsonl"
    path.write_bytes(b'{"article_id":"a","text":"Hi."}\r{"article_id":"b","text":"Ho \\r there."}\r')
    out = read_articles(path)
    assert out["article_id"].tolist() == ["a", "b"]
    assert out["text"].iloc[1] == "Ho \r there."


@pytest.mark.parametrize("value", ["=SUM(A1)", "+1", "-2 dead", "@cmd", "'=x", "''-y", "'plain'", "plain", "", "="])
def test_formula_escape_round_trips(value):
    escaped = escape_formula(value)
    assert unescape_formula(escaped) == value
    assert not (isinstance(escaped, str) and escaped[:1] in ("=", "+", "-", "@"))


def test_our_csv_quotes_lone_cr_and_escapes_formulas_and_reads_back_unchanged(tmp_path):
    table = HOSTILE[["article_id", "outlet", "title", "text"]].fillna("")
    path = tmp_path / "w.csv"
    to_csv(table.assign(article_id=table["article_id"].replace("", "blank")), path)
    raw = path.read_bytes()
    assert b"\n=" not in raw.replace(b"\r\n", b"\n") and b",=" not in raw and b",@" not in raw
    assert raw.count(b"\r\n") == len(table) + 1  # one per record: the breaks inside fields are quoted
    back = read_articles(path)
    assert back["title"].fillna("").tolist() == table["title"].tolist()
    assert back["outlet"].fillna("").tolist() == table["outlet"].tolist()
    assert back["text"].tolist() == table["text"].tolist()
    assert len(back) == len(table)


#: (a value a spreadsheet would run as a formula, or not; how our CSV writes it).
FORMULA_CELLS = [
    ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
    ("+1 said", "'+1 said"),
    ("-2 dead", "'-2 dead"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("'=x", "''=x"),  # an escape already there gets one more, so that reading it back gives the value
    ("plain=text", "plain=text"),
]


def _cells(path) -> pd.DataFrame:
    """A CSV file's cells as written, with nothing unescaped or converted."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.mark.parametrize("raw, expected", FORMULA_CELLS)
def test_rejected_raw_lines_are_written_with_formulas_escaped(tmp_path, raw, expected):
    # A JSONL line that is not JSON is rejected, and rejected.csv keeps the start of the line in ``raw``.
    path = tmp_path / "r.jsonl"
    path.write_text(f'{{"article_id": "a", "text": "Reuters said the talks failed."}}\n{raw}\n', encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert main(["report", str(path), "--out", str(tmp_path / "out"), "--no-progress"]) == 0
    rejected = _cells(tmp_path / "out" / "rejected.csv")
    assert rejected["input_ref"].tolist() == ["r.jsonl line 2"]
    assert rejected["raw"].tolist() == [expected]
    assert unescape_formula(rejected["raw"].iloc[0]) == raw


@pytest.mark.parametrize("value, escaped", FORMULA_CELLS)
def test_parquet_output_keeps_values_that_csv_output_escapes(tmp_path, value, escaped):
    path = tmp_path / "a.jsonl"  # JSONL: its reader removes no escape, so the id arrives as it is
    path.write_text(json.dumps({"article_id": value, "outlet": value, "text": "Reuters said the talks failed."}),
                    encoding="utf-8")
    for suffix in ("parquet", "csv"):
        assert main(["extract", str(path), "--out", str(tmp_path / f"x.{suffix}"), "--no-progress"]) == 0
    assert main(["report", str(path), "--out", str(tmp_path / "out"), "--no-progress"]) == 0
    extracted = pd.read_parquet(tmp_path / "x.parquet")
    attributions = pd.read_parquet(tmp_path / "out" / "attributions.parquet")
    assert len(extracted) and extracted["article_id"].eq(value).all()
    assert len(attributions) and attributions["article_id"].eq(value).all()
    assert _cells(tmp_path / "x.csv")["article_id"].tolist() == [escaped] * len(extracted)
    scored = _cells(tmp_path / "out" / "articles_scored.csv")
    assert scored[["article_id", "outlet"]].values.tolist() == [[escaped, escaped]]
