"""Bad input gets a clear answer, nothing is lost, nothing runs away."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

from analysis import config
from analysis.cli import main
from analysis.io import (
    assign_status,
    atomic_write,
    read_articles,
    read_html,
    rejected_rows,
    status_summary,
    write_table,
)
from analysis.pipeline import attribute, run_pipeline
from analysis.schema import ARTICLE_STATUSES, REJECTED, validate_attributions

DATA = Path(__file__).parent / "data"
BROKEN = DATA / "broken-corpus.csv"

# What tests/data/broken-corpus.csv holds, line by line (see tests/data/README.md).
BROKEN_EXPECTED = {
    "broken-corpus.csv line 2": ("b01", "ok"),
    "broken-corpus.csv line 3": ("b02", "ok"),
    "broken-corpus.csv line 6": ("broken-corpus.csv line 6", "rejected"),
    "broken-corpus.csv line 7": ("broken-corpus.csv line 7", "rejected"),
    "broken-corpus.csv line 8": ("b05", "empty"),
    "broken-corpus.csv line 9": ("b01~2", "ok"),
    "broken-corpus.csv line 10": ("b06", "ok"),
    "broken-corpus.csv line 11": ("b07", "ok"),
    "broken-corpus.csv line 12": ("b08", "ok"),
    "broken-corpus.csv line 13": ("broken-corpus.csv line 13", "rejected"),
    "broken-corpus.csv line 14": ("b10", "ok"),
    "broken-corpus.csv line 15": ("broken-corpus.csv line 15", "rejected"),
    "broken-corpus.csv line 16": ("b12", "ok"),
}


def _read_quietly(path, **kwargs) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_articles(path, **kwargs)


def _write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# -- missing columns, empty files -------------------------------------------------------


def test_missing_text_column_names_file_and_found_columns(tmp_path):
    path = _write(tmp_path / "corpus.csv", "id,body\n1,hello\n")
    with pytest.raises(ValueError, match=r"corpus\.csv is missing required column\(s\) \['text'\]; found \['id', 'body'\]"):
        read_articles(path)


def test_missing_mapped_column_names_file(tmp_path):
    path = _write(tmp_path / "corpus.csv", "id,body\n1,hello\n")
    with pytest.raises(ValueError, match=r"corpus\.csv: mapped column\(s\) \['content'\] not found; found \['id', 'body'\]"):
        read_articles(path, columns={"text": "content"})


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.csv", b"", "empty.csv is empty"),
        ("blank.csv", b"\n \n", "blank.csv is empty"),
        ("header.csv", b"article_id,text\n", "header.csv holds no rows"),
        ("empty.jsonl", b"", "empty.jsonl is empty"),
        ("blank.jsonl", b"\n\n", "blank.jsonl is empty"),
    ],
)
def test_empty_files_are_a_clear_error(tmp_path, name, content, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        read_articles(_write(tmp_path / name, content))


def test_empty_parquet_is_a_clear_error(tmp_path):
    path = tmp_path / "empty.parquet"
    pd.DataFrame({"article_id": pd.Series([], dtype=str), "text": pd.Series([], dtype=str)}).to_parquet(path)
    with pytest.raises(ValueError, match="empty.parquet holds no rows"):
        read_articles(path)


# -- duplicate ids -----------------------------------------------------------------------


def test_duplicate_ids_warning_names_file_and_lines(tmp_path):
    path = _write(tmp_path / "dup.csv", "article_id,text\na,one\nb,two\na,three\n")
    with pytest.warns(UserWarning, match=r"dup\.csv: 1 row\(s\) repeat .* \(rows \[2\]; dup\.csv line 4\)"):
        out = read_articles(path)
    assert out["article_id"].tolist() == ["a", "b", "a~2"]
    assert "repeats an earlier row" in out["reason"].iloc[2]


def test_duplicate_ids_refused_naming_file_and_lines(tmp_path):
    path = _write(tmp_path / "dup.csv", "article_id,text\na,one\nb,two\na,three\n")
    with pytest.raises(ValueError, match=r"dup\.csv: field 'article_id' is duplicated \('a'\) in dup\.csv line 2, dup\.csv line 4"):
        read_articles(path, duplicate_ids="error")


def test_suffixes_skip_ids_already_taken(tmp_path):
    path = _write(tmp_path / "dup.csv", "article_id,text\na,one\na~2,two\na,three\n")
    out = _read_quietly(path)
    assert out["article_id"].is_unique
    assert out["article_id"].tolist() == ["a", "a~2", "a~3"]


def test_missing_id_is_named_after_its_line(tmp_path):
    path = _write(tmp_path / "c.csv", "article_id,text\n,Body one.\nb,Body two.\n")
    out = read_articles(path)
    assert out["article_id"].tolist() == ["c.csv line 2", "b"]
    assert "no article_id" in out["reason"].iloc[0]


# -- non-text bodies, dates ------------------------------------------------------------


def test_non_text_body_in_jsonl_is_rejected_with_field(tmp_path):
    rows = [{"article_id": "a", "text": "Fine."}, {"article_id": "b", "text": 42}, {"article_id": "c", "text": ["x"]}]
    path = _write(tmp_path / "c.jsonl", "\n".join(json.dumps(r) for r in rows))
    out = read_articles(path)
    assert out["status"].tolist() == ["ok", "rejected", "rejected"]
    assert out["reason"].iloc[1] == "field 'text' is int, not text"
    assert out["reason"].iloc[2] == "field 'text' is list, not text"
    assert out["text"].iloc[1] == ""
    rejected = rejected_rows(out)
    assert rejected["input_ref"].tolist() == ["c.jsonl line 2", "c.jsonl line 3"]
    assert rejected["raw"].tolist() == ["42", "['x']"]


def test_non_text_body_in_parquet_is_rejected_with_row(tmp_path):
    path = tmp_path / "c.parquet"
    pd.DataFrame({"article_id": ["a", "b"], "text": [1.5, 2.5]}).to_parquet(path)
    out = read_articles(path)
    assert out["status"].tolist() == ["rejected", "rejected"]
    assert out["input_ref"].tolist() == ["c.parquet row 1", "c.parquet row 2"]
    assert out["reason"].iloc[0] == "field 'text' is float, not text"


@pytest.mark.parametrize("line", ["[1, 2]", '"just a string"', "{broken"])
def test_json_line_that_is_no_object_is_rejected(tmp_path, line):
    path = _write(tmp_path / "c.jsonl", '{"article_id": "a", "text": "Fine."}\n' + line + "\n")
    out = read_articles(path)
    assert out["status"].tolist() == ["ok", "rejected"]
    assert out["reason"].iloc[1].startswith("line 2: ")


def test_unparseable_dates_are_kept_missing_counted_and_reported(tmp_path):
    path = _write(tmp_path / "d.csv", "article_id,published,text\na,2024-01-02,x\nb,someday,y\nc,,z\nd,32/13/2024,w\n")
    with pytest.warns(UserWarning, match=r"d\.csv: 2 unparseable date\(s\) in field 'published' kept as missing "
                                         r"\(d\.csv line 3, d\.csv line 5\)"):
        out = read_articles(path)
    assert out["published"].iloc[0] == pd.Timestamp("2024-01-02")
    assert out["published"].iloc[1:].isna().all()
    assert out["reason"].isna().tolist() == [True, False, True, False]  # a missing date is no error
    assert out["status"].eq("ok").all()


# -- broken CSV lines ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad_line, reason",
    [
        ("x,too,many", "line 3: 3 field(s) where the header has 2"),
        ("lonely", "line 3: 1 field(s) where the header has 2"),
        ('y,"bad"quote', "line 3: unreadable CSV"),
        ('z,"an unclosed quote', "line 3: "),
    ],
)
def test_broken_csv_line_is_rejected_and_the_rest_is_read(tmp_path, bad_line, reason):
    path = _write(tmp_path / "c.csv", f"article_id,text\na,First.\n{bad_line}\nb,Second.\nc,Third.\n")
    out = read_articles(path)
    assert out["status"].tolist() == ["ok", "rejected", "ok", "ok"]
    assert out["article_id"].tolist() == ["a", "c.csv line 3", "b", "c"]
    assert out["input_ref"].tolist() == [f"c.csv line {n}" for n in (2, 3, 4, 5)]
    assert out["reason"].iloc[1].startswith(reason)
    assert rejected_rows(out)["raw"].tolist() == [bad_line]


def test_quoted_newlines_are_one_row(tmp_path):
    path = _write(tmp_path / "c.csv", 'article_id,text\na,"One\n\ntwo, three"\nb,Four.\n')
    out = read_articles(path)
    assert out["text"].tolist() == ["One\n\ntwo, three", "Four."]
    assert out["input_ref"].tolist() == ["c.csv line 2", "c.csv line 5"]


def test_huge_csv_field_is_read(tmp_path):
    body = "word " * 400_000  # 2 MB: beyond the csv module's default field limit
    path = _write(tmp_path / "c.csv", f"article_id,text\na,{body}\n")
    assert read_articles(path)["text"].str.len().iloc[0] == len(body)


def test_input_columns_named_like_ours_are_kept_apart(tmp_path):
    path = _write(tmp_path / "c.csv", "article_id,status,text\na,draft,Body.\n")
    out = read_articles(path)
    assert out["status"].iloc[0] == "ok"
    assert out["status_input"].iloc[0] == "draft"


# -- undecodable bytes, markup -------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["csv", "jsonl"])
def test_undecodable_bytes_are_replaced_and_counted(tmp_path, suffix):
    if suffix == "csv":
        data = b"article_id,text\na,Caf\xe9 \xff\xfe owners \xe2\x80\x9cprotested\xe2\x80\x9d.\nb,Clean.\n"
    else:
        data = b'{"article_id": "a", "text": "Caf\xe9 \xff\xfe owners \xe2\x80\x9cprotested\xe2\x80\x9d."}\n{"article_id": "b", "text": "Clean."}\n'
    line = 2 if suffix == "csv" else 1  # after the CSV header
    with pytest.warns(UserWarning, match=rf"3 undecodable byte\(s\) replaced by U\+FFFD in 1 row\(s\) \(c\.{suffix} line {line}\)"):
        out = read_articles(_write(tmp_path / f"c.{suffix}", data))
    assert out["text"].iloc[0] == "Caf\ufffd \ufffd\ufffd owners “protested”."
    assert out["n_replaced_chars"].tolist() == [3, 0]


def test_markup_in_text_is_warned_in_any_loader(tmp_path):
    page = "<div><p>The minister said <b>so</b>.</p><br/></div>"
    path = _write(tmp_path / "c.jsonl", json.dumps({"article_id": "a", "text": page}) + "\n"
                  + json.dumps({"article_id": "b", "text": "Temperatures < 5 and > 2, the agency said."}) + "\n")
    with pytest.warns(UserWarning, match=r"c\.jsonl: 1 text\(s\) look like HTML markup .*\['a'\].*read_html"):
        out = read_articles(path)
    assert out["reason"].iloc[0] == "text looks like HTML markup (7 tags)"
    assert pd.isna(out["reason"].iloc[1])


# -- saved pages ---------------------------------------------------------------------------

PAGE = """<html><head><title>Talks end | Harbour Ledger</title>
<meta property="og:title" content="Talks end"><meta property="og:site_name" content="Harbour Ledger">
<meta name="date" content="2024-05-05"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Talks end</h1><p>The talks ended on Sunday without a deal, a senior official told Reuters.</p>
<p>"We will return next week," said the mediator.</p></article>
<footer>All rights reserved.</footer></body></html>"""


def test_read_html_folder(tmp_path):
    _write(tmp_path / "talks-end.html", PAGE)
    _write(tmp_path / "blank.htm", "<html><head><title>Gone</title></head><body></body></html>")
    out = read_html(tmp_path).set_index("article_id")
    assert sorted(out.index) == ["blank", "talks-end"]
    talks = out.loc["talks-end"]
    assert talks["title"] == "Talks end"
    assert talks["outlet"] == "Harbour Ledger"
    assert talks["published"] == pd.Timestamp("2024-05-05")
    assert talks["text"].startswith("The talks ended on Sunday")
    assert "Home" not in talks["text"] and "<" not in talks["text"]
    assert talks["status"] == "ok"
    assert out.loc["blank", "status"] == "empty"
    assert "no article text" in out.loc["blank", "reason"]


def test_read_html_file_extracts_attributions(tmp_path):
    articles = read_html(_write(tmp_path / "talks.html", PAGE))
    att = attribute(articles)
    assert "Reuters" in set(att["via"].dropna()) or "Reuters" in set(att["source_text"])
    validate_attributions(att, articles)


def test_read_html_refuses_other_files(tmp_path):
    with pytest.raises(ValueError, match=r"c\.csv: not a saved page"):
        read_html(_write(tmp_path / "c.csv", "article_id,text\na,b\n"))


# -- statuses ------------------------------------------------------------------------------


def test_status_of_each_article():
    arts = pd.DataFrame({"article_id": ["a", "b", "c", "d"], "text": ["Hi.", " \n ", "x" * 50, None],
                         "status": [None, None, None, "rejected"]})
    out = assign_status(arts, max_chars=20)
    assert out["status"].tolist() == ["ok", "empty", "too_long_truncated", "rejected"]
    assert out["reason"].iloc[2] == "text of 50 characters: only the first 20 are read"
    pd.testing.assert_frame_equal(assign_status(out, max_chars=20), out)  # idempotent
    assert status_summary(out) == "4 rows read: 1 ok, 1 empty, 1 truncated, 1 rejected, 0 unsupported language"


def test_long_text_is_truncated_for_extraction_only():
    text = "Officials said the port reopened. " * 40 + "The army withdrew, Reuters reported."
    arts = pd.DataFrame({"article_id": ["a"], "text": [text]})
    result = run_pipeline(arts, max_chars=200)
    assert result.articles["text"].iloc[0] == text  # the text itself is kept whole
    assert result.scored["status"].tolist() == ["too_long_truncated"]
    assert len(result.attributions) and (result.attributions["source_end"] <= 200).all()
    assert "Reuters" not in set(result.attributions["source_text"])
    assert "Reuters" in set(run_pipeline(arts).attributions["source_text"])


# -- a broken corpus, end to end -------------------------------------------------------------


@pytest.fixture
def broken_with_huge_text(tmp_path) -> Path:
    """The committed broken corpus plus a row whose text is longer than the default maximum."""
    path = tmp_path / "broken-corpus.csv"
    shutil.copy(BROKEN, path)
    huge = "The weather was calm and the harbour quiet. " * 23_000  # about 1.01 million characters
    with path.open("a", encoding="utf-8") as fh:
        fh.write(f'b13,Valley Courier,2024-05-13,Huge,"{huge}Harbour officials said so."\n')
    return path


def test_broken_corpus_every_row_accounted_for(broken_with_huge_text):
    articles = _read_quietly(broken_with_huge_text)
    expected = {**BROKEN_EXPECTED, "broken-corpus.csv line 17": ("b13", "too_long_truncated")}
    assert len(articles) == len(expected)
    got = {ref: (aid, status) for ref, aid, status in zip(articles["input_ref"], articles["article_id"], articles["status"])}
    assert got == expected
    assert articles.loc[articles["article_id"] == "b06", "n_replaced_chars"].tolist() == [2]
    assert set(articles["status"]) <= set(ARTICLE_STATUSES)


@pytest.mark.slow
def test_report_on_broken_corpus_accounts_for_every_row(broken_with_huge_text, tmp_path, capsys):
    out = tmp_path / "report"
    assert main(["report", str(broken_with_huge_text), "--out", str(out), "--no-progress"]) == 0
    printed = capsys.readouterr().out
    assert "14 rows read: 8 ok, 1 empty, 1 truncated, 4 rejected, 0 unsupported language" in printed
    scored = pd.read_csv(out / "articles_scored.csv", dtype={"article_id": str})
    assert len(scored) == 14 and scored["article_id"].is_unique
    assert scored["status"].value_counts().to_dict() == {"ok": 8, "rejected": 4, "empty": 1, "too_long_truncated": 1}
    assert scored["reason"][scored["status"] != "ok"].notna().all()
    assert scored.loc[scored["status"].isin(["empty", "rejected"]), "transparency_score"].isna().all()
    rejected = pd.read_csv(out / "rejected.csv")
    assert list(rejected.columns) == list(REJECTED)
    assert rejected["input_ref"].tolist() == [f"broken-corpus.csv line {n}" for n in (6, 7, 13, 15)]
    assert set(rejected["article_id"]) == set(scored.loc[scored["status"] == "rejected", "article_id"])
    outlets = pd.read_csv(out / "outlets.csv")
    assert outlets["n_articles"].sum() == 9  # the articles with text to read


def test_report_on_clean_input_writes_no_rejected_file(tmp_path):
    out = tmp_path / "report"
    (out).mkdir()
    (out / "rejected.csv").write_text("stale\n", encoding="utf-8")
    assert main(["report", str(config.EXAMPLE_ARTICLE), "--out", str(out), "--no-progress"]) == 0
    assert not (out / "rejected.csv").exists()


# -- outputs -------------------------------------------------------------------------------------


def test_interrupted_write_leaves_no_truncated_file(tmp_path):
    target = tmp_path / "table.csv"
    write_table(pd.DataFrame({"a": [1, 2]}), target)
    before = target.read_bytes()

    def half_then_fail(tmp):
        Path(tmp).write_text("a\n1\n", encoding="utf-8")  # a partial file...
        raise RuntimeError("disk full")  # ...then the writer dies

    with pytest.raises(RuntimeError, match="disk full"):
        atomic_write(target, half_then_fail)
    assert target.read_bytes() == before  # the old file, whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["table.csv"]  # no temporary left behind
    with pytest.raises(RuntimeError):
        atomic_write(tmp_path / "new.csv", half_then_fail)
    assert not (tmp_path / "new.csv").exists()  # no file rather than a truncated one


def test_interrupted_dataframe_writer_leaves_no_file(tmp_path, monkeypatch):
    def broken_to_csv(self, *args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pd.DataFrame, "to_csv", broken_to_csv)
    with pytest.raises(KeyboardInterrupt):
        write_table(pd.DataFrame({"a": [1]}), tmp_path / "t.csv")
    assert list(tmp_path.iterdir()) == []


def _digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_rerun_gives_identical_files(tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    args = ["report", str(BROKEN), "--no-progress", "--out"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert main([*args, str(first)]) == 0
        assert main([*args, str(second)]) == 0
        assert main([*args, str(first)]) == 0  # over the first run's files
    one, two = _digests(first), _digests(second)
    assert len(one) == 11 and {"rejected.csv", "chains.parquet"} <= set(one)
    # Tables, figure data and figures (PNG and SVG, on this machine) alike.
    assert one == two


# -- models -----------------------------------------------------------------------------------------

_UNSAFE_LOADING = re.compile(r"\bimport\s+(?:c?pickle|dill|cloudpickle)\b|\bfrom\s+(?:c?pickle|dill|cloudpickle)\s+import\b"
                             r"|\bjoblib\.load\b|\bfrom\s+joblib\s+import\s+[^\n]*\bload\b|\bpickle\.loads?\b"
                             r"|\bpd\.read_pickle\b|\bread_pickle\(|\bskops\.io\.load\([^)]*trusted\s*=\s*True")


def test_no_pickle_or_joblib_loading_in_the_package():
    offenders = []
    for path in sorted((config.PROJ_ROOT / "analysis").rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if _UNSAFE_LOADING.search(line):
                offenders.append(f"{path.relative_to(config.PROJ_ROOT)}:{n}: {line.strip()}")
    assert not offenders, "models load only through skops with trusted types:\n" + "\n".join(offenders)


@pytest.mark.parametrize("line", ["import pickle", "from joblib import load", "model = joblib.load(p)",
                                  "df = pd.read_pickle(p)", "skops.io.load(p, trusted=True)"])
def test_the_pickle_scan_catches(line):
    assert _UNSAFE_LOADING.search(line)
