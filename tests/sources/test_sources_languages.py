"""Tests for analysis.sources.languages: typing and naming sources in uk, ru, de, fr and nl."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.config import LANGUAGES_DIR
from analysis.sources import classify_sources
from analysis.sources.languages import TYPING_LANGUAGES, load_typing_lexicon, type_in_language, type_in_languages

# Source spans written for these tests, in several outlets' styles.
CASES = [
    ("джерело, близьке до переговорів", "uk", "anonymous", None),
    ("поінформоване джерело", "uk", "anonymous", None),
    ("джерела в Офісі президента", "uk", "anonymous", None),
    ("представник міністерства", "uk", "unnamed_official", None),
    ("речник МЗС Олег Ніколенко", "uk", "named_person", "Олег Ніколенко"),
    ("прем'єр-міністр Ізраїлю Біньямін Нетаньягу", "uk", "named_person", "Біньямін Нетаньягу"),
    ("Володимира Зеленського", "uk", "named_person", "Володимир Зеленський"),
    ("Міністерство оборони", "uk", "named_organization", "Міністерство оборони"),
    ("у Міністерстві оборони", "uk", "named_organization", "Міністерство оборони"),
    ("Посередники Єгипет і Катар", "uk", "named_organization", None),
    ("звіт ООН", "uk", "document", None),
    ("Укрінформу", "uk", "news_agency", "Ukrinform"),
    ("агентству Рейтер", "uk", "news_agency", "Reuters"),
    ("Бі-Бі-Сі", "uk", "broadcaster", "BBC"),
    ("видання «Вголос»", "uk", "online_media", "Vgolos"),
    ("він", "uk", "named_person", None),
    ("вони", "uk", "unknown", None),
    ("источник, близкий к переговорам", "ru", "anonymous", None),
    ("пресс-секретарь Кремля Дмитрий Песков", "ru", "named_person", "Дмитрий Песков"),
    ("официальный представитель МИД", "ru", "unnamed_official", None),
    ("Министерство юстиции США", "ru", "named_organization", "Министерство юстиции США"),
    ("РИА Новости", "ru", "news_agency", "RIA Novosti"),
    ("ТАСС", "ru", "news_agency", "TASS"),
    ("informierte Kreise", "de", "anonymous", None),
    ("ein Polizeisprecher", "de", "unnamed_official", None),
    ("ein Sprecher des Innenministeriums", "de", "unnamed_official", None),
    ("Bundeskanzler Olaf Scholz", "de", "named_person", "Olaf Scholz"),
    ("die Nachrichtenagentur dpa", "de", "news_agency", "dpa"),
    ("une source proche du dossier", "fr", "anonymous", None),
    ("le porte-parole du gouvernement", "fr", "unnamed_official", None),
    ("le président Emmanuel Macron", "fr", "named_person", "Emmanuel Macron"),
    ("l'AFP", "fr", "news_agency", "AFP"),
    ("la RTBF", "fr", "broadcaster", "RTBF"),
    ("ingewijden", "nl", "anonymous", None),
    ("een woordvoerder van het ministerie", "nl", "unnamed_official", None),
    ("premier Mark Rutte", "nl", "named_person", "Mark Rutte"),
    ("persbureau Belga", "nl", "news_agency", "Belga"),
    ("het ANP", "nl", "news_agency", "ANP"),
    # A pronoun after an adverb, kin and roles in life stand for a person named before.
    ("Тоді він", "uk", "named_person", None),
    ("її мати", "uk", "named_person", None),
    ("haar moeder", "nl", "named_person", None),
    # States and cities speak as organisations; a capital at the start of a span is the sentence's.
    ("Великобритания", "ru", "named_organization", "Великобритания"),
    ("Сеула", "ru", "named_organization", "Сеул"),
    ("Les témoignages des détenus", "fr", "unknown", None),
    ("l'ONG", "fr", "named_organization", "ONG"),
    # Experts without a name are nobody in particular; with one, a person.
    ("експерти", "uk", "anonymous", None),
    ("один из экспертов", "ru", "anonymous", None),
    ("аналітик Іван Петренко", "uk", "named_person", "Іван Петренко"),
    ("дехто", "uk", "anonymous", None),
    ("on", "fr", "anonymous", None),
]


@pytest.mark.parametrize(("span", "language", "kind", "name"), CASES)
def test_type_in_language(span: str, language: str, kind: str, name: str | None) -> None:
    assert type_in_language(span, language) == (kind, name)


def test_publisher_citing_itself_is_self() -> None:
    assert type_in_language("УНН", "uk", publisher="UNN") == ("self", "UNN")


@pytest.mark.parametrize("language", TYPING_LANGUAGES)
def test_every_language_has_its_lists_and_readme(language: str) -> None:
    lex = load_typing_lexicon(language)
    for kind in ("anonymous", "officials", "documents", "organizations"):
        assert lex.entries[kind], kind
    assert set(lex.pronouns.values()) <= {"person", "group", "anonymous"}
    assert (LANGUAGES_DIR / language / "typing" / "README.md").is_file()


def test_language_without_lists_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(ValueError, match="no typing word lists for language 'es'"):
        load_typing_lexicon("es", root=tmp_path)


def test_only_rows_of_other_languages_are_retyped() -> None:
    typed = [("named_person", "X"), ("named_person", "Y"), ("unknown", None)]
    out = type_in_languages(["джерело", "source", "Укрінформ"], ["uk", "en", None], typed)
    assert out == [("anonymous", None), ("named_person", "Y"), ("unknown", None)]


def test_classify_sources_names_one_person_in_every_case() -> None:
    arts = pd.DataFrame({"article_id": ["u"], "outlet": ["УНН"], "language": ["uk"], "text": ["x" * 200]})
    spans = ["Володимир Зеленський", "Зеленського", "він", "Зеленському", "джерело, близьке до переговорів"]
    att = pd.DataFrame({"article_id": ["u"] * 5, "source_text": spans,
                        "source_start": [0, 30, 50, 60, 100], "source_end": [20, 41, 53, 71, 131],
                        "cue_text": ["c"] * 5, "cue_start": [1] * 5, "cue_end": [2] * 5})
    out = classify_sources(att, arts)
    assert out["source_name"].tolist()[:4] == ["Володимир Зеленський"] * 4
    assert out["source_type"].tolist() == ["named_person"] * 4 + ["anonymous"]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Як заявив Президент Володимир Зеленський, переговори тривають. Зеленського підтримали.", "uk",
         {"Зеленський": "Володимир Зеленський"}),
        ("Как сообщил Сергей Лавров, встреча прошла. Лаврову возразили.", "ru", {"Лавров": "Сергей Лавров"}),
        ("Volgens Greta Thunberg is het te laat. Thunberg vertrok.", "nl", {"Thunberg": "Greta Thunberg"}),
        # A capital at a sentence start is no first name; a role is no first name either.
        ("Тоді Зеленський сказав. Міністр Кулеба відповів.", "uk", {}),
    ],
)
def test_full_names(text: str, language: str, expected: dict) -> None:
    from analysis.sources.languages import full_names

    assert full_names(text, language) == expected


def test_surname_alone_takes_the_full_name_the_article_gives() -> None:
    text = "Як заявив Президент Володимир Зеленський, переговори тривають. За словами Зеленського, все гаразд."
    arts = pd.DataFrame({"article_id": ["u"], "outlet": ["УНН"], "language": ["uk"], "text": [text]})
    start = text.index("Зеленського")
    att = pd.DataFrame({"article_id": ["u"], "source_text": ["Зеленського"], "source_start": [start],
                        "source_end": [start + len("Зеленського")], "cue_text": ["За словами"],
                        "cue_start": [text.index("За словами")], "cue_end": [text.index("За словами") + 10]})
    assert classify_sources(att, arts)["source_name"].tolist() == ["Володимир Зеленський"]


def test_articles_without_a_language_keep_the_english_typing() -> None:
    arts = pd.DataFrame({"article_id": ["a"], "language": pd.array([pd.NA], dtype="string"), "text": ["x" * 40]})
    att = pd.DataFrame({"article_id": ["a"], "source_text": ["Reuters"], "source_start": [0], "source_end": [7],
                        "cue_text": ["said"], "cue_start": [8], "cue_end": [12]})
    assert classify_sources(att, arts)["source_name"].tolist() == ["Reuters"]
