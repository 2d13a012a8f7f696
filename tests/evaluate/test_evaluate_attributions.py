"""Tests for analysis.evaluate.attributions on small hand-made frames."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.evaluate.attributions import match_sources, same_label, score_attributions

COLS = ["article_id", "language", "source_start", "source_end", "cue_start", "cue_end", "content_start",
        "content_end", "source_type", "source_name", "via"]
NA = pd.NA


def frame(rows: list[tuple]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=COLS)
    for c in COLS[2:8]:
        df[c] = df[c].astype("Int64")
    return df


GOLD = frame([
    ("u1", "uk", 0, 8, 9, 15, 20, 40, "news_agency", "AFP", NA),
    ("u1", "uk", 50, 60, 61, 67, 70, 90, "named_person", "Володимир Зеленський", NA),
    ("u1", "uk", 100, 110, 111, 120, 121, 140, "anonymous", NA, "AFP"),
    ("u1", "uk", NA, NA, 150, 160, 161, 170, "unknown", NA, NA),
    ("r1", "ru", 0, 5, 6, 10, 11, 30, "named_person", "Сергей Лавров", NA),
])


def test_perfect_prediction_scores_one_everywhere() -> None:
    out = score_attributions(GOLD, GOLD).set_index("language")
    assert out.loc["uk", "n_gold"] == 4 and out.loc["uk", "n_found"] == 3 and out.loc["uk", "n_articles"] == 1
    for col in ("source_f1", "cue_f1", "content_f1", "type_accuracy", "name_accuracy", "via_accuracy"):
        assert out[col].eq(1.0).all(), col


def test_labels_count_over_found_sources_only() -> None:
    pred = frame([
        # found by overlap, right type, name in another form: name wrong
        ("u1", "uk", 2, 8, 9, 15, 20, 40, "news_agency", "АФП", NA),
        # found, wrong type, right name, spurious via
        ("u1", "uk", 50, 55, 61, 67, 70, 90, "named_organization", "Володимир  Зеленський", "UNN"),
        # the third gold source missed; a false positive instead
        ("u1", "uk", 200, 210, 211, 215, NA, NA, "anonymous", NA, NA),
    ])
    out = score_attributions(pred, GOLD).set_index("language")
    uk = out.loc["uk"]
    assert uk["n_found"] == 2
    assert uk["source_precision"] == pytest.approx(2 / 3) and uk["source_recall"] == pytest.approx(2 / 3)
    assert uk["cue_f1"] == pytest.approx(2 * 2 / (3 + 4))
    assert uk["content_f1"] == pytest.approx(2 * 2 / (2 + 4))
    assert uk["type_accuracy"] == pytest.approx(1 / 2)
    assert uk["name_accuracy"] == pytest.approx(1 / 2)
    assert uk["via_accuracy"] == pytest.approx(1 / 2)
    # Russian: nothing predicted, so recall 0 and no found sources to judge.
    ru = out.loc["ru"]
    assert ru["source_recall"] == 0 and ru["n_found"] == 0 and math.isnan(ru["type_accuracy"])


def test_matching_is_one_to_one() -> None:
    pred = frame([("r1", "ru", 0, 3, 6, 10, 11, 30, "named_person", "Сергей Лавров", NA),
                  ("r1", "ru", 2, 5, 6, 10, 11, 30, "named_person", "Сергей Лавров", NA)])
    ru = score_attributions(pred, GOLD).set_index("language").loc["ru"]
    assert ru["n_found"] == 1 and ru["source_precision"] == 0.5 and ru["cue_precision"] == 0.5


def test_group_from_articles_and_no_group() -> None:
    gold = GOLD.drop(columns="language")
    pred = GOLD.drop(columns="language")
    articles = pd.DataFrame({"article_id": ["u1", "r1"], "language": ["uk", "ru"]})
    out = score_attributions(pred, gold, articles=articles)
    assert out["language"].tolist() == ["ru", "uk"]
    whole = score_attributions(pred, gold, by=None)
    assert len(whole) == 1 and "language" not in whole.columns and whole.loc[0, "n_gold"] == 5
    with pytest.raises(ValueError, match="no column 'language'"):
        score_attributions(pred, gold)


def test_untyped_gold_gives_na_not_zero() -> None:
    gold = GOLD.assign(source_type=NA, source_name=NA, via=NA)
    out = score_attributions(GOLD, gold)
    assert out["source_f1"].eq(1.0).all()
    assert out["type_accuracy"].isna().all() and out["name_accuracy"].isna().all()


def test_prediction_without_label_columns_is_wrong_not_missing() -> None:
    pred = GOLD.drop(columns=["source_type", "source_name", "via"])
    out = score_attributions(pred, GOLD).set_index("language")
    assert out.loc["uk", "type_accuracy"] == 0 and out.loc["uk", "name_accuracy"] == 0


def test_missing_span_columns_and_bad_mode() -> None:
    with pytest.raises(ValueError, match="content_start"):
        score_attributions(GOLD.drop(columns="content_start"), GOLD)
    with pytest.raises(ValueError, match="mode"):
        score_attributions(GOLD, GOLD, mode="fuzzy")


def test_match_sources_exposes_both_labels() -> None:
    pred = GOLD.assign(source_type="named_person")
    m = match_sources(pred, GOLD).sort_values("gold_index", ignore_index=True)
    assert len(m) == 4
    assert m["source_type_right"].tolist() == [False, True, False, True]
    assert m.loc[0, "gold_source_type"] == "news_agency" and m.loc[0, "pred_source_type"] == "named_person"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Франс Пресс", "франс пресс", True),
        ("«Укрінформ»", "Укрінформ", True),
        ("Алёна Попова", "Алена Попова", True),
        ("Мар’ян Заблоцький", "Мар'ян Заблоцький", True),
        (None, NA, True),
        ("AFP", None, False),
        ("Зеленського", "Зеленський", False),
    ],
)
def test_same_label(a, b, same: bool) -> None:
    assert same_label(a, b) is same
