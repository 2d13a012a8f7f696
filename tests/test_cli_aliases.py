"""``--aliases``: a researcher's own source names on the command line."""

from __future__ import annotations

import pandas as pd

from analysis.cli import main


def test_aliases_rename_sources(tmp_path):
    corpus = tmp_path / "corpus.csv"
    pd.DataFrame({"article_id": ["a", "b"], "outlet": ["Wire", "Wire"],
                  "text": ["Rami Abdel Rahman said 12 died.", "Abdel Rahman said the strikes went on."]}).to_csv(corpus, index=False)
    mine = tmp_path / "mine.csv"
    pd.DataFrame({"name": ["Abdel Rahman (Aleppo)"], "aliases": ["Abdel Rahman"], "type": ["named_person"]}).to_csv(mine, index=False)
    for aliases, expected in ((None, "Abdel Rahman"), (mine, "Abdel Rahman (Aleppo)")):
        out = tmp_path / "att.csv"
        args = ["extract", str(corpus), "--out", str(out), "--no-progress"]
        assert main(args + (["--aliases", str(aliases)] if aliases else [])) == 0
        att = pd.read_csv(out)
        assert att.loc[att["article_id"] == "b", "source_name"].tolist() == [expected]


def test_a_bad_alias_table_is_a_clear_error(tmp_path, capsys):
    mine = tmp_path / "mine.csv"
    mine.write_text("name,aliases\n,Abdel Rahman\n", encoding="utf-8")
    assert main(["report", str(tmp_path), "--aliases", str(mine), "--out", str(tmp_path / "o")]) == 2
    assert "mine.csv row 2: field 'name' is empty" in capsys.readouterr().err
