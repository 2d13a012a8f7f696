"""Tests for analysis.io.language: the language of each article, given or detected."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.io.checks import assign_status, status_counts, status_summary
from analysis.io.language import add_languages, detect_language, normalize_language
from analysis.schema import SUPPORTED_LANGUAGES, validate_articles

# Sentences written for these tests, in several outlets' styles.
DETECT_CASES = [
    ("Mediators Egypt and Qatar announced yesterday that no new progress had been made in Cairo.", "en"),
    ("Посередники Єгипет і Катар учора оголосили, що нового прогресу на переговорах у Каїрі не досягнуто.", "uk"),
    ("Посредники Египет и Катар вчера объявили, что нового прогресса на переговорах в Каире не достигнуто.", "ru"),
    ("Die Vermittler Ägypten und Katar teilten gestern mit, bei den Gesprächen in Kairo habe es keinen Fortschritt gegeben.",
     "de"),
    ("Les médiateurs égyptien et qatari ont annoncé hier qu'aucun nouveau progrès n'avait été réalisé au Caire.", "fr"),
    ("De bemiddelaars Egypte en Qatar maakten gisteren bekend dat er in Caïro geen nieuwe vooruitgang is geboekt.", "nl"),
    ("Los mediadores Egipto y Catar anunciaron ayer que no se habían logrado nuevos avances en las conversaciones de El Cairo.",
     "es"),
    ("Mediatorzy z Egiptu i Kataru ogłosili wczoraj, że w rozmowach w Kairze nie osiągnięto żadnego nowego postępu.", "pl"),
    ("أعلن الوسيطان مصر وقطر أمس أنه لم يتم إحراز أي تقدم جديد في محادثات القاهرة.", "ar"),
    # Short texts: by script, never turned away.
    ("Talks ended.", "en"),
    ("Він сказав.", "uk"),
    ("Он сказал это.", "ru"),
    # Padding is read as one character, so the English in it decides.
    ("“We left,” said Ahmad. " + "a" * 3000, "en"),
    ("12:30 — 14:45", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), DETECT_CASES)
def test_detect_language(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [("en", "en"), ("EN", "en"), ("en-GB", "en"), ("uk_UA", "uk"), ("ua", "uk"), ("Ukrainian", "uk"),
     ("українська", "uk"), ("Deutsch", "de"), ("nl-BE", "nl"), ("Français", "fr"), ("es", "es"), ("pt-BR", "pt"),
     ("", None), (None, None), (float("nan"), None)],
)
def test_normalize_language(given, expected) -> None:
    assert normalize_language(given) == expected


def test_given_language_is_kept_and_missing_one_detected() -> None:
    arts = pd.DataFrame({
        "article_id": ["a", "b", "c"],
        "language": ["uk", None, "EN"],
        "text": [DETECT_CASES[0][0], DETECT_CASES[2][0], DETECT_CASES[4][0]],
    })
    before = arts.copy()
    out = add_languages(arts)
    pd.testing.assert_frame_equal(arts, before)
    # The input's word wins even where the text says otherwise.
    assert out["language"].tolist() == ["uk", "ru", "en"]
    assert out["language_detected"].tolist() == [False, True, False]
    again = add_languages(out)
    pd.testing.assert_frame_equal(again, out)


def test_validate_articles_no_longer_assumes_english() -> None:
    out = validate_articles(pd.DataFrame({"article_id": ["a"], "text": ["Hi."]}))
    assert pd.isna(out.loc[0, "language"])


def test_unsupported_language_status_reason_and_count() -> None:
    es, pl, ar = DETECT_CASES[6][0], DETECT_CASES[7][0], DETECT_CASES[8][0]
    arts = pd.DataFrame({
        "article_id": ["en", "es", "pl", "ar", "given", "empty"],
        "language": [None, None, None, None, "it", "es"],
        "text": [DETECT_CASES[0][0], es, pl, ar, "Il governo ha parlato.", " "],
    })
    out = assign_status(arts).set_index("article_id")
    assert out["status"].to_dict() == {"en": "ok", "es": "unsupported_language", "pl": "unsupported_language",
                                       "ar": "unsupported_language", "given": "unsupported_language", "empty": "empty"}
    assert out.loc["es", "reason"] == "language 'es' (detected) is not one the kit reads (en, uk, ru, de, fr, nl)"
    assert out.loc["given", "reason"].startswith("language 'it' (given)")
    assert pd.isna(out.loc["en", "reason"])
    assert status_counts(out)["unsupported_language"] == 4
    assert status_summary(out) == "6 rows read: 1 ok, 1 empty, 0 truncated, 0 rejected, 4 unsupported language"
    # Idempotent: a second pass neither changes the verdict nor repeats the reason.
    again = assign_status(out.reset_index()).set_index("article_id")
    pd.testing.assert_series_equal(again["reason"], out["reason"])


def test_unsupported_beats_truncated_and_rejected_stays() -> None:
    arts = pd.DataFrame({"article_id": ["a", "b"], "language": ["es", "es"], "text": ["x" * 50, "y"],
                         "status": [None, "rejected"]})
    out = assign_status(arts, max_chars=10)
    assert out["status"].tolist() == ["unsupported_language", "rejected"]


def test_every_supported_language_is_read() -> None:
    arts = pd.DataFrame({"article_id": list(SUPPORTED_LANGUAGES), "language": list(SUPPORTED_LANGUAGES),
                         "text": ["Some text."] * len(SUPPORTED_LANGUAGES)})
    assert assign_status(arts)["status"].eq("ok").all()
