from __future__ import annotations

import pandas as pd
import pytest

from analysis import config
from analysis.cli import main

FAKES_COLUMNS = "text=article_content,outlet=source,published=date,title=article_title,article_id=unit_id"


def test_report_on_the_sample(tmp_path, capsys):
    assert main(["report", str(config.SAMPLE_DIR), "--out", str(tmp_path), "--no-progress"]) == 0
    scored = pd.read_csv(tmp_path / "articles_scored.csv", dtype={"article_id": str})
    articles = pd.read_parquet(tmp_path / "attributions.parquet")
    assert len(scored) == 41 and scored["article_id"].is_unique
    assert set(articles["article_id"]) <= set(scored["article_id"])
    assert (tmp_path / "outlets.csv").exists()
    for name in ("source-mix-by-outlet", "anonymous-share-by-outlet"):
        for ext in ("png", "svg", "csv"):
            assert (tmp_path / "figures" / f"{name}.{ext}").stat().st_size > 0
    assert "41 articles read, 41 scored" in capsys.readouterr().out


def test_extract_only(tmp_path):
    out = tmp_path / "att.csv"
    assert main(["extract", str(config.EXAMPLE_ARTICLE), "--outlet", "UNN", "--out", str(out), "--no-progress"]) == 0
    assert len(pd.read_csv(out)) == 10


def test_bad_input_is_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,body\n1,hello\n", encoding="utf-8")
    assert main(["report", str(bad), "--out", str(tmp_path / "o")]) == 2
    assert "missing required column(s) ['text']" in capsys.readouterr().err


@pytest.mark.slow
def test_report_on_fakes_scores_every_article(fakes_csv, tmp_path):
    assert main(["report", str(fakes_csv), "--columns", FAKES_COLUMNS, "--out", str(tmp_path), "--no-progress"]) == 0
    scored = pd.read_csv(tmp_path / "articles_scored.csv", dtype={"article_id": str})
    assert len(scored) == 804 and scored["article_id"].is_unique
    outlets = pd.read_csv(tmp_path / "outlets.csv")
    # Exact copies (the same text under the same outlet) stay scored but are not counted twice.
    duplicates = scored[scored["status"] == "duplicate"]
    assert len(duplicates) == 15 and duplicates["duplicate_of"].notna().all()
    assert duplicates["duplicate_of"].value_counts().max() == 3  # one SANA article four times
    assert outlets["n_articles"].sum() == 804 - len(duplicates)


def test_version(capsys):
    from importlib.metadata import version

    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"sourcescope {version('sourcescope')}"


def _help(capsys, *command) -> str:
    with pytest.raises(SystemExit):
        main([*command, "--help"])
    return " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize("command", ["report", "extract", "sample"])
def test_help_lists_column_keys_max_chars_default_and_html(capsys, command):
    from analysis.io.articles import INPUT_COLUMNS

    text = _help(capsys, command)
    for key in INPUT_COLUMNS:
        assert key in text
    assert "default 1,000,000" in text
    assert ".html" in text


def test_extract_help_offers_no_dask(capsys):
    assert "dask" not in _help(capsys, "extract")
    assert "dask" in _help(capsys, "report")


def test_warnings_print_as_one_plain_line(tmp_path, capsys):
    corpus = tmp_path / "corpus.csv"
    corpus.write_text("article_id,text,published\na,Reuters said so.,not a date\n", encoding="utf-8")
    assert main(["report", str(corpus), "--out", str(tmp_path / "out"), "--no-progress"]) == 0
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines and all(line.startswith("warning: ") for line in lines), err
    assert "corpus.csv" in lines[0] and "unparseable date" in lines[0]
    assert ".py" not in err and "UserWarning" not in err


def test_outputs_follow_the_umask(tmp_path):
    import os
    import stat

    corpus = tmp_path / "corpus.csv"
    corpus.write_text('article_id,text\na,Reuters said so.\nb,"broken\n', encoding="utf-8")
    old = os.umask(0o022)
    try:
        assert main(["report", str(corpus), "--out", str(tmp_path / "out"), "--no-progress"]) == 0
    finally:
        os.umask(old)
    files = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert {"outlets.csv", "articles_scored.csv", "rejected.csv"} <= names
    modes = {p.relative_to(tmp_path).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in files}
    assert set(modes.values()) == {0o644}, modes


def test_write_table_follows_the_umask(tmp_path):
    import os
    import stat

    from analysis.io import write_table

    old = os.umask(0o027)
    try:
        path = write_table(pd.DataFrame({"x": [1]}), tmp_path / "table-x.csv")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_sample_and_agreement_round_trip(tmp_path, capsys):
    sheet = tmp_path / "sheet.csv"
    assert main(["sample", str(config.SAMPLE_DIR), "--n", "6", "--out", str(sheet), "--no-progress"]) == 0
    coded = pd.read_csv(sheet, dtype=str, keep_default_na=False, na_values=[""])
    assert coded["article_id"].nunique() == 6
    found = coded["row_kind"] == "found"
    # A coder who confirms every source and type, and adds one missed source.
    coded.loc[found, "coder_is_source"] = "yes"
    coded.loc[found, "coder_source_type"] = coded.loc[found, "kit_source_type"]
    missed = coded.index[coded["row_kind"] == "missed"][0]
    coded.loc[missed, ["coder_source_text", "coder_source_type"]] = ["the harbour master", "named_person"]
    coded.to_csv(sheet, index=False)
    capsys.readouterr()
    assert main(["agreement", str(sheet), "--confusion", str(tmp_path / "confusion.csv")]) == 0
    out = capsys.readouterr().out
    n = int(found.sum())
    assert "precision of found sources: 100.0%" in out
    assert f"recall: {n / (n + 1):.1%}" in out
    assert "source-type accuracy: 100.0%" in out
    assert "what these bear on in the report" in out and "source-type mix" in out
    assert (tmp_path / "confusion.csv").exists()


def test_agreement_names_a_bad_row(tmp_path, capsys):
    sheet = tmp_path / "sheet.csv"
    pd.DataFrame({"row_kind": ["found"], "article_id": ["a"], "kit_source_type": ["anonymous"],
                  "coder_is_source": ["maybe"], "coder_source_text": [None], "coder_source_type": [None]}).to_csv(sheet)
    assert main(["agreement", str(sheet)]) == 2
    assert "row 2: field 'coder_is_source' is 'maybe'" in capsys.readouterr().err


@pytest.mark.parametrize("keep_duplicates", [False, True])
def test_dask_engine_counts_duplicates_and_small_outlets_as_pandas_does(tmp_path, keep_duplicates):
    import dask

    from analysis.pipeline import stream_report
    from analysis.scale import dask_report

    corpus = tmp_path / "corpus.csv"
    text = "Reuters reported that the talks failed, a senior official said."
    pd.DataFrame({"article_id": list("abcde"), "outlet": ["X", "X", "X", "Y", "Y"],
                  "text": [text, text, "Nobody said a thing.", text, "AFP said it rained."]}).to_csv(corpus, index=False)
    options = dict(chunk_size=2, min_articles=2, keep_duplicates=keep_duplicates)
    pandas_report = stream_report(corpus, tmp_path / "pandas", progress=False, **options)
    with dask.config.set(scheduler="synchronous"):
        dask_out = dask_report(corpus, tmp_path / "dask", **options)
    # The copy of "a" in the next partition is found, and counted only when kept.
    assert dask_out.status_counts.get("duplicate", 0) == 1
    assert dask_out.outlets.set_index("outlet")["n_articles"].to_dict() == {"X": 3 if keep_duplicates else 2, "Y": 2}
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "dask" / "outlets.csv"),
                                  pd.read_csv(tmp_path / "pandas" / "outlets.csv"))
    assert pandas_report.n_articles == dask_out.n_articles == 5
