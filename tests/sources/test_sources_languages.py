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
    # After a role, the name is the run that names its bearer, not the body in the genitive or after a preposition.
    ("директор Житомирського обласного музею Ганна Коваленко", "uk", "named_person", "Ганна Коваленко"),
    ("представники Держпродспоживслужби", "uk", "unnamed_official", None),
    ("президента Зеленського", "uk", "named_person", "Зеленський"),
    ("l'ancien porte-parole de l'armée au Liban, Jean Dupont", "fr", "named_person", "Jean Dupont"),
    ("le ministre du Budget", "fr", "unnamed_official", None),
    # Names of three words stay whole where names do not decline; particles stay inside.
    ("le député Jean-Paul Le Roux", "fr", "named_person", "Jean-Paul Le Roux"),
    ("Ahmad Abd al-Karim", "fr", "named_person", "Ahmad Abd al-Karim"),
    ("minister Frans van der Berg", "nl", "named_person", "Frans van der Berg"),
    # A capitalised common word opening a sentence is nobody's name.
    ("Тут", "uk", "unknown", None),
    ("Мама", "uk", "named_person", None),
    # People in the plural are nobody in particular; investigators go by their investigation.
    ("Київські журналісти", "uk", "anonymous", None),
    ("Слідство", "uk", "unnamed_official", None),
    ("следствие", "ru", "unnamed_official", None),
    ("у зверненні", "uk", "document", None),
    ("в відомстві", "uk", "named_organization", None),
    ("de activisten", "nl", "named_person", None),
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


def _name_in_article(text: str, spans: list[str], language: str) -> list[str | None]:
    """The names ``classify_sources`` gives ``spans``, found in ``text`` in this order."""
    starts, at = [], 0
    for span in spans:
        at = text.index(span, at)
        starts.append(at)
        at += len(span)
    arts = pd.DataFrame({"article_id": ["a"], "outlet": ["Test"], "language": [language], "text": [text]})
    att = pd.DataFrame({"article_id": ["a"] * len(spans), "source_text": spans, "source_start": starts,
                        "source_end": [s + len(t) for s, t in zip(starts, spans)], "cue_text": ["c"] * len(spans),
                        "cue_start": starts, "cue_end": starts})
    return [None if pd.isna(n) else n for n in classify_sources(att, arts)["source_name"].tolist()]


# Later mentions that refer back to a person the article named: (text, spans, language, names expected).
BACK_REFERENCES = [
    # A role word alone is the person the article gave that role, in any case form.
    ("Як розповів директор музею Ганна Коваленко, фонди зросли. За словами директора, будуть нові зали.",
     ["директор музею Ганна Коваленко", "директора"], "uk", ["Ганна Коваленко"] * 2),
    ("Лікар-кардіолог Марія Бондар пояснила, що спека небезпечна. Лікар радить пити воду.",
     ["Лікар-кардіолог Марія Бондар", "Лікар"], "uk", ["Марія Бондар"] * 2),
    # ... but a plural role word is a group, and a role nobody was given stays unnamed.
    ("Лікар Марія Бондар пояснила це. Лікарі радять пити воду. Речник лікарні додав, що місць немає.",
     ["Лікар Марія Бондар", "Лікарі", "Речник лікарні"], "uk", ["Марія Бондар", None, None]),
    # A first name with a patronymic, or after "пан", is the person of that first name.
    ("Агроном Ольга Бондар сказала, що врожай добрий. Ольга Петрівна додала: «Дощів мало».",
     ["Агроном Ольга Бондар", "Ольга Петрівна"], "uk", ["Ольга Бондар"] * 2),
    ("«Ми вистоїмо», — каже Степан Гнатюк. Пан Степан показує майстерню.",
     ["Степан Гнатюк", "Пан Степан"], "uk", ["Степан Гнатюк"] * 2),
    ("Как рассказал Павел Орлов, проверка шла неделю. По словам Павла, итогов нет.",
     ["Павел Орлов", "Павла"], "ru", ["Павел Орлов"] * 2),
    # ... also when the article names them in full outside any attribution.
    ("Родину вітала Ніна Гнатюк зі Львова. «Ми чекали», — каже Ніна Степанівна.",
     ["Ніна Степанівна"], "uk", ["Ніна Гнатюк"]),
    # A kin or guest word without a possessive is the person named last; with one, someone else.
    ("«Ми ремонтуємо дім», — каже Ганна Гнатюк. Мама показує подвір'я.",
     ["Ганна Гнатюк", "Мама"], "uk", ["Ганна Гнатюк"] * 2),
    ("Anna Jansen sprak in Gent. Haar vader zei dat ze moe was.",
     ["Anna Jansen", "Haar vader"], "nl", ["Anna Jansen", None]),
    # A role the text gave a person outside any attribution is that person; "a doctor" stays anybody.
    ("Мер міста Геннадій Бондар підписав указ. За словами мера, воду дадуть завтра.",
     ["мера"], "uk", ["Геннадій Бондар"]),
    ("Лікар Марія Бондар оглянула хворих. Сільський лікар каже, що ліків досить.",
     ["Сільський лікар"], "uk", [None]),
    # A medium's head word without a name is the medium named last.
    ("Как сообщает Интерфакс, встреча прошла. Издание уточняет, что итогов нет.",
     ["Интерфакс", "Издание"], "ru", ["Interfax"] * 2),
    # A name set off after a role is the role's bearer.
    ("L'ancien porte-parole de la mission, Jean Dupont, a dit que la trêve tenait.",
     ["L'ancien porte-parole de la mission"], "fr", ["Jean Dupont"]),
    ("Речник відомства, Олег Бондар, сказав, що рішення ухвалене.", ["Речник відомства"], "uk", ["Олег Бондар"]),
    # A span that opens or ends on a person pronoun is the person named last.
    ("Олександр Бондар розповів про музей. Згодом він працював учителем.",
     ["Олександр Бондар", "Згодом він"], "uk", ["Олександр Бондар"] * 2),
    ("Anna Jansen sprak in Gent. Ze sprak een volle zaal toe in het oude stadhuis.",
     ["Anna Jansen", "Ze sprak een volle zaal toe in het oude stadhuis"], "nl", ["Anna Jansen"] * 2),
]


@pytest.mark.parametrize(("text", "spans", "language", "expected"), BACK_REFERENCES)
def test_later_mentions_take_the_name_of_the_person_they_refer_to(text: str, spans: list[str], language: str,
                                                                 expected: list[str | None]) -> None:
    assert _name_in_article(text, spans, language) == expected
