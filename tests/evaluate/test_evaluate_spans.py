"""Tests for analysis.evaluate.spans on small hand-made frames."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.evaluate.spans import error_table, match_spans, score_spans, sentence_bounds


def frame(rows: list[tuple], index: list | None = None) -> pd.DataFrame:
    """Attributions from (article_id, source_start, source_end, cue_start, cue_end, content_start, content_end)."""
    cols = ["article_id", "source_start", "source_end", "cue_start", "cue_end", "content_start", "content_end"]
    df = pd.DataFrame(rows, columns=cols, index=index)
    for c in cols[1:]:
        df[c] = df[c].astype("Int64")
    return df


NA = pd.NA


def one(scores: pd.DataFrame, part: str, mode: str) -> pd.Series:
    row = scores[(scores["part"] == part) & (scores["mode"] == mode)]
    assert len(row) == 1
    return row.iloc[0]


# ---------------------------------------------------------------- match_spans


@pytest.mark.parametrize(
    ("pred_span", "mode", "matched"),
    [
        ((10, 20), "exact", True),
        ((10, 20), "overlap", True),
        ((12, 20), "exact", False),
        ((12, 20), "overlap", True),
        ((19, 30), "overlap", True),   # one shared character is enough
        ((20, 30), "overlap", False),  # touching is not overlapping (half-open spans)
        ((0, 10), "overlap", False),
        ((10, 21), "exact", False),
    ],
)
def test_exact_vs_overlap(pred_span: tuple[int, int], mode: str, matched: bool) -> None:
    gold = frame([("a", 10, 20, 21, 25, 30, 40)])
    pred = frame([("a", *pred_span, 21, 25, 30, 40)])
    m = match_spans(pred, gold, part="source", mode=mode)
    both = m["pred_index"].notna() & m["gold_index"].notna()
    assert int(both.sum()) == int(matched)
    assert len(m) == (1 if matched else 2)


def test_match_is_within_article() -> None:
    gold = frame([("a", 10, 20, 21, 25, 30, 40)])
    pred = frame([("b", 10, 20, 21, 25, 30, 40)])
    m = match_spans(pred, gold, part="source", mode="exact")
    assert m["pred_index"].notna().sum() == 1 and m["gold_index"].notna().sum() == 1
    assert not (m["pred_index"].notna() & m["gold_index"].notna()).any()


def test_overlap_is_one_to_one_largest_first() -> None:
    # Two preds overlap one gold: the larger overlap wins, the other is a false positive.
    gold = frame([("a", 10, 20, NA, NA, NA, NA)])
    pred = frame([("a", 15, 25, NA, NA, NA, NA), ("a", 9, 19, NA, NA, NA, NA)], index=[7, 8])
    m = match_spans(pred, gold, part="source", mode="overlap")
    matched = m[m["gold_index"].notna()]
    assert matched["pred_index"].tolist() == [8]
    assert matched["overlap"].tolist() == [9]
    fp = m[m["gold_index"].isna()]
    assert fp["pred_index"].tolist() == [7]


def test_greedy_prefers_largest_overlap_across_golds() -> None:
    # pred 0 overlaps gold 0 by 2 and gold 1 by 8; pred 1 overlaps only gold 0.
    gold = frame([("a", 0, 10, NA, NA, NA, NA), ("a", 12, 30, NA, NA, NA, NA)])
    pred = frame([("a", 8, 20, NA, NA, NA, NA), ("a", 0, 5, NA, NA, NA, NA)])
    m = match_spans(pred, gold, part="source", mode="overlap")
    pairs = {(int(p), int(g)) for p, g in m[["pred_index", "gold_index"]].dropna().itertuples(index=False)}
    assert pairs == {(0, 1), (1, 0)}


def test_exact_duplicates_are_one_to_one() -> None:
    gold = frame([("a", 1, 4, NA, NA, NA, NA)])
    pred = frame([("a", 1, 4, NA, NA, NA, NA), ("a", 1, 4, NA, NA, NA, NA)])
    m = match_spans(pred, gold, part="source", mode="exact")
    assert (m["pred_index"].notna() & m["gold_index"].notna()).sum() == 1
    assert (m["gold_index"].isna()).sum() == 1


def test_match_keeps_index_labels_and_does_not_mutate() -> None:
    gold = frame([("a", 1, 4, 5, 9, NA, NA)], index=["g-1"])
    pred = frame([("a", 1, 4, 5, 9, NA, NA)], index=["p-1"])
    before_g, before_p = gold.copy(), pred.copy()
    m = match_spans(pred, gold, part="cue", mode="exact")
    assert m.loc[0, "pred_index"] == "p-1" and m.loc[0, "gold_index"] == "g-1"
    pd.testing.assert_frame_equal(gold, before_g)
    pd.testing.assert_frame_equal(pred, before_p)


@pytest.mark.parametrize(("part", "mode"), [("source", "bogus"), ("speaker", "exact")])
def test_bad_part_or_mode(part: str, mode: str) -> None:
    g = frame([("a", 1, 4, 5, 9, NA, NA)])
    with pytest.raises(ValueError, match="must be one of"):
        match_spans(g, g, part=part, mode=mode)


def test_missing_columns_checked_up_front() -> None:
    g = frame([("a", 1, 4, 5, 9, NA, NA)])
    with pytest.raises(ValueError, match=r"pred is missing required column\(s\) \['cue_end'\]"):
        match_spans(g.drop(columns="cue_end"), g, part="cue")
    with pytest.raises(ValueError, match="content_start"):
        score_spans(g, g.drop(columns="content_start"))


# ---------------------------------------------------------------- score_spans


def test_two_preds_on_one_gold_count_one_tp() -> None:
    gold = frame([("a", 10, 20, 21, 25, NA, NA)])
    pred = frame([("a", 10, 15, 21, 25, NA, NA), ("a", 14, 20, 21, 25, NA, NA)])
    s = score_spans(pred, gold, parts=("source", "cue"), modes=("overlap",))
    src = one(s, "source", "overlap")
    assert (src.tp, src.n_pred, src.n_gold) == (1, 2, 1)
    assert src.precision == pytest.approx(0.5) and src.recall == pytest.approx(1.0)
    assert src.f1 == pytest.approx(2 / 3)


def test_score_values_exact_and_overlap() -> None:
    gold = frame([("a", 0, 5, 6, 10, 11, 30), ("a", 40, 45, 46, 50, 51, 60), ("b", 0, 3, 4, 8, 9, 20)])
    pred = frame([("a", 0, 5, 6, 9, 11, 30), ("a", 41, 45, 46, 50, 70, 80), ("c", 0, 3, 4, 8, 9, 20)])
    s = score_spans(pred, gold)
    expect = {
        ("source", "exact"): 1, ("source", "overlap"): 2,
        ("cue", "exact"): 1, ("cue", "overlap"): 2,
        ("content", "exact"): 1, ("content", "overlap"): 1,
        ("pair", "exact"): 0, ("pair", "overlap"): 2,
    }
    for (part, mode), tp in expect.items():
        row = one(s, part, mode)
        assert (row.tp, row.n_pred, row.n_gold) == (tp, 3, 3), (part, mode)
        assert row.precision == pytest.approx(tp / 3) and row.recall == pytest.approx(tp / 3)
    assert list(s.columns) == ["part", "mode", "precision", "recall", "f1", "tp", "n_pred", "n_gold"]


def test_pair_needs_source_and_cue_of_the_same_gold() -> None:
    # Pred source overlaps gold 0's source, pred cue overlaps gold 1's cue: no pair match,
    # although source and cue each match something.
    gold = frame([("a", 0, 5, 6, 10, NA, NA), ("a", 20, 25, 26, 30, NA, NA)])
    pred = frame([("a", 0, 5, 26, 30, NA, NA)])
    s = score_spans(pred, gold, parts=("source", "cue", "pair"), modes=("overlap",))
    assert one(s, "source", "overlap").tp == 1
    assert one(s, "cue", "overlap").tp == 1
    assert one(s, "pair", "overlap").tp == 0


def test_pair_is_one_to_one() -> None:
    gold = frame([("a", 0, 5, 6, 10, NA, NA)])
    pred = frame([("a", 0, 5, 6, 10, NA, NA), ("a", 1, 5, 6, 9, NA, NA)])
    row = one(score_spans(pred, gold, parts=("pair",), modes=("overlap",)), "pair", "overlap")
    assert (row.tp, row.n_pred, row.n_gold) == (1, 2, 1)


@pytest.mark.parametrize(
    ("part", "n_pred", "n_gold"),
    [("source", 1, 1), ("cue", 2, 2), ("content", 1, 1), ("pair", 1, 1)],
)
def test_na_spans_are_not_counted(part: str, n_pred: int, n_gold: int) -> None:
    gold = frame([("a", 0, 5, 6, 10, NA, NA), ("a", NA, NA, 20, 25, 26, 40)])
    pred = frame([("a", 0, 5, 6, 10, NA, NA), ("a", NA, NA, 20, 25, 26, 40)])
    row = one(score_spans(pred, gold, parts=(part,), modes=("exact",)), part, "exact")
    assert (row.tp, row.n_pred, row.n_gold) == (n_pred, n_pred, n_gold)
    assert row.f1 == pytest.approx(1.0)


def test_no_predictions_gives_nan_precision_zero_recall() -> None:
    gold = frame([("a", 0, 5, 6, 10, NA, NA)])
    pred = gold.iloc[0:0]
    row = one(score_spans(pred, gold, parts=("cue",), modes=("exact",)), "cue", "exact")
    assert math.isnan(row.precision) and row.recall == 0 and row.f1 == 0 and row.n_gold == 1


def test_by_outlet_via_articles() -> None:
    gold = frame([("a", 0, 5, 6, 10, NA, NA), ("b", 0, 5, 6, 10, NA, NA), ("c", 0, 5, 6, 10, NA, NA)])
    pred = frame([("a", 0, 5, 6, 10, NA, NA), ("b", 50, 55, 56, 60, NA, NA), ("c", 0, 5, 6, 10, NA, NA)])
    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "Y", "X"], "text": ["", "", ""]})
    s = score_spans(pred, gold, parts=("source",), modes=("exact",), by="outlet", articles=articles)
    assert s.columns[0] == "outlet"
    assert s["outlet"].tolist() == ["X", "Y"]
    x, y = s.iloc[0], s.iloc[1]
    assert (x.tp, x.n_pred, x.n_gold, x.f1) == (2, 2, 2, 1.0)
    assert (y.tp, y.n_pred, y.n_gold, y.f1) == (0, 1, 1, 0.0)


def test_by_unknown_column_raises() -> None:
    g = frame([("a", 0, 5, 6, 10, NA, NA)])
    with pytest.raises(ValueError, match="outlet"):
        score_spans(g, g, by="outlet")


def test_score_does_not_mutate_inputs() -> None:
    gold = frame([("a", 0, 5, 6, 10, NA, NA)])
    pred = frame([("a", 1, 5, 6, 10, NA, NA)])
    arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": ["x" * 20]})
    copies = [gold.copy(), pred.copy(), arts.copy()]
    score_spans(pred, gold, by="outlet", articles=arts)
    error_table(pred, gold, arts)
    for before, after in zip(copies, [gold, pred, arts]):
        pd.testing.assert_frame_equal(before, after)


# ---------------------------------------------------------------- error_table

TEXT = "Intro line.\nThe mayor said taxes rise. Critics disagreed! Why? Nobody knows."


def _at(piece: str) -> tuple[int, int]:
    s = TEXT.index(piece)
    return s, s + len(piece)


@pytest.mark.parametrize(
    ("mode", "kinds"),
    [
        ("exact", ["miss", "false_positive", "miss", "false_positive"]),
        ("overlap", ["miss", "false_positive"]),
    ],
)
def test_error_table_kinds(mode: str, kinds: list[str]) -> None:
    mayor, critics, nobody = _at("The mayor"), _at("Critics"), _at("Nobody")
    gold = frame([("a", *mayor, NA, NA, NA, NA), ("a", *critics, NA, NA, NA, NA)])
    pred = frame([
        ("a", mayor[0] + 4, mayor[1], NA, NA, NA, NA),   # "mayor": overlaps, not exact
        ("a", *nobody, NA, NA, NA, NA),                 # false positive in every mode
    ])
    articles = pd.DataFrame({"article_id": ["a"], "text": [TEXT]})
    errs = error_table(pred, gold, articles, part="source", mode=mode)
    assert list(errs.columns) == ["article_id", "kind", "span_text", "start", "end", "sentence"]
    assert errs["kind"].tolist() == kinds
    by_text = dict(zip(errs["span_text"], errs["sentence"]))
    assert by_text["Critics"] == "Critics disagreed!"
    assert by_text["Nobody"] == "Nobody knows."
    if mode == "exact":
        assert by_text["The mayor"] == "The mayor said taxes rise."
        assert by_text["mayor"] == "The mayor said taxes rise."


def test_error_table_span_across_sentences() -> None:
    s, _ = _at("Critics")
    _, e = _at("Why?")
    gold = frame([("a", NA, NA, NA, NA, s, e)])
    articles = pd.DataFrame({"article_id": ["a"], "text": [TEXT]})
    errs = error_table(gold.iloc[0:0], gold, articles, part="content", mode="overlap")
    assert errs["kind"].tolist() == ["miss"]
    assert errs["sentence"].iloc[0] == "Critics disagreed! Why?"


def test_sentence_bounds_splits_on_punctuation_and_newlines() -> None:
    bounds = sentence_bounds(TEXT)
    assert [TEXT[a:b] for a, b in bounds] == [
        "Intro line.", "The mayor said taxes rise.", "Critics disagreed!", "Why?", "Nobody knows.",
    ]
