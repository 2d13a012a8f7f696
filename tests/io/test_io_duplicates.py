"""Exact duplicates (same text, same outlet) are marked, kept in the scored table, left out of summaries."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.cli import main
from analysis.io import DuplicateMarker, assign_status, mark_duplicates
from analysis.pipeline import run_pipeline

TEXT = "The mayor said the bridge would reopen on Monday, according to Reuters."


@pytest.mark.parametrize(("rows", "expected"), [
    # (outlet, text) per article -> duplicate_of per article
    ([("X", TEXT), ("X", TEXT)], [None, "a0"]),
    ([("X", TEXT), ("Y", TEXT)], [None, None]),  # another outlet's copy is its own article
    ([("X", TEXT), ("X", TEXT + " ")], [None, None]),  # only exact copies
    ([("X", TEXT), ("X", "Other."), ("X", TEXT), ("X", TEXT)], [None, None, "a0", "a0"]),
    ([("X", ""), ("X", "")], [None, None]),  # empty texts are empty, not duplicates
])
def test_mark_duplicates(rows, expected):
    arts = assign_status(pd.DataFrame({"article_id": [f"a{i}" for i in range(len(rows))],
                                       "outlet": [o for o, _ in rows], "text": [t for _, t in rows]}))
    before = arts.copy()
    out = mark_duplicates(arts)
    pd.testing.assert_frame_equal(arts, before)
    assert [None if pd.isna(v) else v for v in out["duplicate_of"]] == expected
    assert out["status"].eq("duplicate").tolist() == [e is not None for e in expected]
    assert out["reason"].fillna("").str.contains("same text and outlet").tolist() == [e is not None for e in expected]


def test_marker_remembers_earlier_chunks_and_status_stays():
    marker = DuplicateMarker()
    first = marker(assign_status(pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [TEXT]})))
    second = marker(assign_status(pd.DataFrame({"article_id": ["b"], "outlet": ["X"], "text": [TEXT]})))
    assert first["status"].tolist() == ["ok"] and second["duplicate_of"].tolist() == ["a"]
    # assign_status again (as each chunk's worker does) keeps the duplicate a duplicate.
    assert assign_status(second)["status"].tolist() == ["duplicate"]


def _corpus() -> pd.DataFrame:
    return pd.DataFrame({
        "article_id": ["a", "b", "c", "d"],
        "outlet": ["X", "X", "X", "Y"],
        "text": [TEXT, TEXT, "Police said nobody was hurt.", TEXT],
    })


def test_pipeline_keeps_duplicates_in_scored_but_not_in_summary():
    result = run_pipeline(_corpus(), min_articles=1)
    assert result.scored.set_index("article_id").loc["b", "status"] == "duplicate"
    assert result.scored.set_index("article_id").loc["b", "duplicate_of"] == "a"
    assert result.outlets.set_index("outlet").loc["X", "n_articles"] == 2
    kept = run_pipeline(_corpus(), min_articles=1, keep_duplicates=True)
    assert kept.outlets.set_index("outlet").loc["X", "n_articles"] == 3


@pytest.mark.parametrize(("flags", "n_x"), [([], 2), (["--keep-duplicates"], 3)])
def test_report_command_on_duplicates(tmp_path, flags, n_x, capsys):
    path = tmp_path / "corpus.csv"
    _corpus().to_csv(path, index=False)
    out = tmp_path / "out"
    assert main(["report", str(path), "--out", str(out), "--no-progress", "--chunk-size", "1", *flags]) == 0
    scored = pd.read_csv(out / "articles_scored.csv", dtype=str).set_index("article_id")
    assert scored.loc["b", "status"] == "duplicate" and scored.loc["b", "duplicate_of"] == "a"
    assert len(scored) == 4
    outlets = pd.read_csv(out / "outlets.csv").set_index("outlet")
    assert outlets.loc["X", "n_articles"] == n_x
    mix = pd.read_csv(out / "figures" / "anonymous-share-by-outlet.csv").set_index("outlet")
    assert mix.loc["X", "n_articles"] == n_x
    assert "1 duplicate" in capsys.readouterr().out
