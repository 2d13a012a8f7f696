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
    assert outlets["n_articles"].sum() == 804
