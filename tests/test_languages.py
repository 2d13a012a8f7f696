"""Articles in several languages run in one pass; one the kit does not read is counted, never ranked as 0."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.cli import main
from analysis.pipeline import attribute, run_pipeline, stream_report

# Sentences written for these tests.
EN = "The talks ended on Sunday without a deal, a senior official told Reuters."
UK = "Переговори завершилися в неділю без угоди, повідомляє Укрінформ з посиланням на Reuters."
ES = ("Las conversaciones terminaron el domingo sin acuerdo, según informó la agencia Reuters, que citó a un alto "
      "funcionario egipcio.")
IT = ("I colloqui si sono conclusi domenica senza un accordo, ha riferito l'agenzia Reuters citando un alto "
      "funzionario egiziano.")


def corpus() -> pd.DataFrame:
    return pd.DataFrame({
        "article_id": ["en1", "uk1", "es1", "it1", "en2"],
        "outlet": ["Ledger", "Вісник", "Diario", "Diario", "Diario"],
        "text": [EN, UK, ES, IT, EN.replace("Reuters", "AFP")],
    })


def test_mixed_corpus_in_one_pass() -> None:
    result = run_pipeline(corpus())
    arts = result.articles.set_index("article_id")
    assert arts["language"].to_dict() == {"en1": "en", "uk1": "uk", "es1": "es", "it1": "it", "en2": "en"}
    assert arts["language_detected"].all()
    assert arts.loc[["es1", "it1"], "status"].eq("unsupported_language").all()
    # Nothing is extracted from a text the kit cannot read.
    assert not set(result.attributions["article_id"]) & {"es1", "it1"}
    scored = result.scored.set_index("article_id")
    assert len(scored) == 5
    assert scored.loc[["es1", "it1"], "transparency_score"].isna().all()
    assert scored.loc[["es1", "it1"], "type_diversity"].isna().all()
    assert scored.loc["en1", "transparency_score"] > 0
    assert scored["language"].to_dict() == arts["language"].to_dict()
    # The outlet summary counts only what was read: Diario is one English article, not three.
    outlets = result.outlets.set_index("outlet")
    assert outlets.loc["Diario", "n_articles"] == 1
    assert not np.isnan(outlets.loc["Diario", "transparency_score"])


def test_outlet_with_only_unsupported_articles_is_not_ranked() -> None:
    arts = pd.DataFrame({"article_id": ["e", "s"], "outlet": ["Ledger", "Diario"], "text": [EN, ES]})
    outlets = run_pipeline(arts).outlets
    assert outlets["outlet"].tolist() == ["Ledger"]


def test_given_language_wins_over_detection() -> None:
    arts = corpus().assign(language=["en", "uk", "en", "it", None])
    out = run_pipeline(arts).articles.set_index("article_id")
    assert out.loc["es1", "status"] == "ok" and not out.loc["es1", "language_detected"]
    assert out.loc["it1", "reason"].startswith("language 'it' (given)")
    assert out.loc["en2", "language_detected"]


def test_attribute_skips_unsupported_languages() -> None:
    att = attribute(corpus().assign(language=["en", "uk", "es", "it", "en"]))
    assert set(att["article_id"]) <= {"en1", "uk1", "en2"}
    assert {"en1", "en2"} <= set(att["article_id"])


def test_streamed_report_and_status_line(tmp_path, capsys) -> None:
    path = tmp_path / "corpus.csv"
    corpus().to_csv(path, index=False)
    report = stream_report(path, tmp_path / "out", progress=False)
    assert report.status_counts.get("unsupported_language") == 2
    scored = pd.read_csv(tmp_path / "out" / "articles_scored.csv", dtype={"article_id": str}).set_index("article_id")
    assert scored.loc["es1", "status"] == "unsupported_language" and np.isnan(scored.loc["es1", "transparency_score"])
    assert main(["report", str(path), "--out", str(tmp_path / "cli"), "--no-progress"]) == 0
    printed = capsys.readouterr().out
    assert "5 rows read: 3 ok, 0 empty, 0 truncated, 0 rejected, 2 unsupported language" in printed
    assert "5 articles read, 3 scored" in printed
