"""The rule engine for languages other than English, on sentences written for these tests.

Each case is ``(text, expected)``: the ``(source_text, cue_text, quote_kind)``
of every row, in text order (a row without a cue has ``None`` as its cue).
The sentences imitate the styles of several outlets per language: wire copy,
regional press, broadcasters' sites, Wikinews.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.extract import extract_attributions
from analysis.extract.languages import load_language, supported_languages
from analysis.extract.multilingual import find_quotations


def _rows(text: str, language: str) -> list[tuple]:
    out = extract_attributions(pd.DataFrame({"article_id": ["a"], "text": [text], "language": [language]}))
    return [(None if pd.isna(s) else s, None if pd.isna(c) else c, k)
            for s, c, k in zip(out["source_text"], out["cue_text"], out["quote_kind"])]


def _contents(text: str, language: str) -> list[str | None]:
    out = extract_attributions(pd.DataFrame({"article_id": ["a"], "text": [text], "language": [language]}))
    return [None if pd.isna(s) else text[int(s): int(e)] for s, e in zip(out["content_start"], out["content_end"])]


UK = [
    # news agency relay (UNN style)
    ("Переговори в Каїрі зірвалися, повідомляє УНН з посиланням на VRT та Agence France-Presse.",
     [("УНН", "повідомляє", "indirect"), ("VRT", "з посиланням на", "indirect"),
      ("Agence France-Presse", "з посиланням на", "indirect")]),
    # dash-signed quotation with inversion
    ("«Ми не можемо на це погодитися», — сказав Нетаньягу.", [("Нетаньягу", "сказав", "direct")]),
    # dialogue dash without quotation marks (regional press)
    ("Журналісти запитали про ремонт.\n— Роботи завершимо до осені, — запевнив мер міста Іван Коваль.",
     [("мер міста Іван Коваль", "запевнив", "direct")]),
    # credit formula at the start of the sentence
    ("За словами міністра, угоди найближчим часом не буде.", [("міністра", "За словами", "indirect")]),
    # formula holding its source
    ("За його словами, бюджет ухвалять у грудні.", [("його", "За його словами", "indirect")]),
    # subject first, reported clause
    ("Прем'єр-міністр заявив, що уряд підвищить пенсії.", [("Прем'єр-міністр", "заявив", "indirect")]),
    # anaphoric "Про це" with the source after the verb
    ("Ціни на газ зростуть. Про це повідомив голова НКРЕКП Валерій Тарасюк.",
     [("голова НКРЕКП Валерій Тарасюк", "повідомив", "indirect")]),
    # press service named with a preposition after the verb
    ("«Постраждалих немає», — зазначили у прес-службі.", [("прес-службі", "зазначили", "direct")]),
    # a headline line and an unattributed claim give nothing
    ("Місто готується до зими\n\nУ місті відремонтували три школи.", []),
]

RU = [
    ("Переговоры сорвались, передаёт ТАСС со ссылкой на источник в МИД.",
     [("ТАСС", "передаёт", "indirect"), ("источник в МИД", "со ссылкой на", "indirect")]),
    ("«Мы готовы к диалогу», — заявил президент.", [("президент", "заявил", "direct")]),
    ("По словам министра, решение будет принято в понедельник.", [("министра", "По словам", "indirect")]),
    ("По его словам, сделка не состоится.", [("его", "По его словам", "indirect")]),
    ("Губернатор сообщил, что дороги откроют к вечеру.", [("Губернатор", "сообщил", "indirect")]),
    ("Об этом сообщает «Интерфакс».", [("Интерфакс", "сообщает", "indirect")]),
]

DE = [
    ("„Wir werden nicht nachgeben“, sagte der Minister.", [("der Minister", "sagte", "direct")]),
    ("Am Montag sagte er, die Lage sei ernst.", [("er", "sagte", "indirect")]),
    ("Laut Polizei wurden zwei Menschen verletzt.", [("Polizei", "Laut", "indirect")]),
    ("Angaben der Feuerwehr zufolge brach das Feuer in der Nacht aus.",
     [("Angaben der Feuerwehr", "zufolge", "indirect")]),
    ("„Das ist ein guter Tag für die Stadt“, so Bürgermeisterin Anna Berg.",
     [("Bürgermeisterin Anna Berg", "so", "direct")]),
    ("Die Sprecherin erklärte, dass die Schule geschlossen bleibe.", [("Die Sprecherin", "erklärte", "indirect")]),
    ("Der Konzern hat bereits weitere Entlassungen angekündigt.",
     [("Der Konzern", "hat bereits weitere Entlassungen angekündigt", "indirect")]),
    ("Die Meldung kam am Abend.", []),
    # a separable verb whose particle closes the clause
    ("Die Polizei gab am Abend bekannt, dass zwei Männer festgenommen wurden.", [("Die Polizei", "gab", "indirect")]),
    # reported speech that goes on in the subjunctive: a second row without a cue
    ("Der Minister sagte, die Lage sei ernst. Man habe alles versucht.",
     [("Der Minister", "sagte", "indirect"), ("Der Minister", None, "indirect")]),
    # a passive participle is no cue
    ("In mehreren Städten wurden Zwischenfälle gemeldet.", []),
]

FR = [
    ("« Nous ne céderons pas », a déclaré le ministre.", [("le ministre", "a déclaré", "direct")]),
    ("« La situation est grave », a-t-il précisé.", [("il", "a-t-il précisé", "direct")]),
    ("Selon l'AFP, deux personnes ont été blessées.", [("AFP", "Selon", "indirect")]),
    ("Le maire a indiqué que la route serait rouverte lundi.", [("Le maire", "a indiqué", "indirect")]),
    ("Gérald Dupont, président du club, a expliqué que le match était reporté.",
     [("Gérald Dupont", "a expliqué", "indirect")]),
    ("« C'est une victoire », a expliqué à l'AFP Marie Leroy.", [("Marie Leroy", "a expliqué", "direct")]),
    ("L'annonce est tombée hier soir.", []),
]

NL = [
    ('"We gaan door met de staking", zei Thunberg.', [("Thunberg", "zei", "direct")]),
    ("Volgens de politie zijn er geen gewonden gevallen.", [("de politie", "Volgens", "indirect")]),
    ('"Het was een zware week", aldus de burgemeester.', [("de burgemeester", "aldus", "direct")]),
    ("Daarnaast zegt de minister dat de wet er komt.", [("de minister", "zegt", "indirect")]),
    ("De woordvoerder zei dat het onderzoek loopt.", [("De woordvoerder", "zei", "indirect")]),
    ("Het bericht ging snel rond.", []),
    # a formula in the middle of the clause it credits
    ("Als de regels niet veranderen, krijgen volgens het Nibud steeds meer mensen schulden.",
     [("het Nibud", "volgens", "indirect")]),
    ('"We zijn er klaar voor", zegt ze tegen persbureau Reuters.', [("ze", "zegt", "direct")]),
]


@pytest.mark.parametrize(("language", "text", "expected"),
                         [("uk", t, e) for t, e in UK] + [("ru", t, e) for t, e in RU]
                         + [("de", t, e) for t, e in DE] + [("fr", t, e) for t, e in FR]
                         + [("nl", t, e) for t, e in NL])
def test_rows(language, text, expected):
    assert _rows(text, language) == expected


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("uk", "Міністр заявив, що війська залишаться.", ["що війська залишаться"]),
    ("uk", "«Ми готові», — сказав він.", ["«Ми готові»"]),
    ("uk", "— Ми готові, — сказав він.", ["Ми готові"]),
    ("de", "Er sagte, die Lage sei ernst.", ["die Lage sei ernst"]),
    ("fr", "Selon la police, deux personnes ont été blessées.", ["deux personnes ont été blessées"]),
    ("nl", "Het water stijgt snel, zei de burgemeester.", ["Het water stijgt snel"]),
])
def test_content(language, text, expected):
    assert _contents(text, language) == expected


def test_continued_quotation_is_a_row_of_the_same_source():
    text = "«Ми готові до переговорів», — сказав він. «Але умови мають бути чесними»."
    assert _rows(text, "uk") == [("він", "сказав", "direct"), ("він", None, "direct")]


@pytest.mark.parametrize(("language", "text", "expected"), [
    # a quotation interrupted by its cue: two rows, the second without a cue
    ("uk", "«Ми чекали на це роками, – наголосив депутат Петро Шевчук. – Тепер усе зміниться».",
     [("депутат Петро Шевчук", "наголосив", "«Ми чекали на це роками"),
      ("депутат Петро Шевчук", None, "Тепер усе зміниться»")]),
    # the same in a line of dialogue
    ("ru", "Корреспондент спросил о сроках.\n— Всё будет готово к маю, — пояснил директор. — Работы идут.",
     [("директор", "пояснил", "Всё будет готово к маю"), ("директор", None, "Работы идут.")]),
    # a text or a body named with a preposition before an impersonal cue
    ("uk", "У заяві йдеться про те, що зарплати підвищать.",
     [("заяві", "йдеться", "що зарплати підвищать")]),
])
def test_interrupted_quotations_and_named_bodies(language, text, expected):
    out = extract_attributions(pd.DataFrame({"article_id": ["a"], "text": [text], "language": [language]}))
    got = [(s, None if pd.isna(c) else c, text[int(a): int(b)])
           for s, c, a, b in zip(out["source_text"], out["cue_text"], out["content_start"], out["content_end"])]
    assert got == expected


def test_relay_gives_via():
    text = "Переговори зірвалися, повідомляє УНН з посиланням на Reuters."
    out = extract_attributions(pd.DataFrame({"article_id": ["a"], "text": [text], "language": ["uk"]}))
    assert out["via"].tolist()[1] == "УНН" or out["via"].tolist()[1] == "UNN"
    assert pd.isna(out["via"].tolist()[0])


def test_addressed_medium_is_via():
    text = "« Rien n'est décidé », a déclaré à l'AFP un responsable du ministère."
    out = extract_attributions(pd.DataFrame({"article_id": ["a"], "text": [text], "language": ["fr"]}))
    assert out["via"].tolist() == ["AFP"]


def test_unknown_language_gives_no_rows_and_english_is_unchanged():
    arts = pd.DataFrame({"article_id": ["e", "x", "u"],
                         "text": ["The talks failed, Reuters reported.", "Mazungumzo yalishindwa, Reuters iliripoti.",
                                  "Переговори зірвалися, повідомляє Reuters."],
                         "language": ["en", "sw", "uk"]})
    out = extract_attributions(arts)
    assert out["article_id"].tolist() == ["e", "u"]
    english = extract_attributions(arts.iloc[:1])
    assert out.iloc[:1].drop(columns="attribution_id").equals(english.drop(columns="attribution_id"))


def test_rows_follow_article_order_in_a_mixed_corpus():
    arts = pd.DataFrame({"article_id": ["u", "e"],
                         "text": ["Переговори зірвалися, повідомляє Reuters.", "The talks failed, Reuters reported."],
                         "language": ["uk", "en"]})
    assert extract_attributions(arts)["article_id"].tolist() == ["u", "e"]


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("uk", "Він сказав: «Ми „готові“». Кінець.", ["«Ми „готові“»", "„готові“"]),
    ("de", "Er sagte: „Wir sind ‚bereit‘“.", ["„Wir sind ‚bereit‘“", "‚bereit‘"]),
    ("de", "Er sagte: »Wir sind bereit«.", ["»Wir sind bereit«"]),
    ("fr", "Il a dit : « Nous sommes prêts ».", ["« Nous sommes prêts »"]),
    ("nl", "Anna's vader zei: 'We zijn klaar'.", ["'We zijn klaar'"]),
    ("uk", "Вона сказала «так\n\nі пішла.", []),
])
def test_quotations(language, text, expected):
    found = find_quotations(text, load_language(language))
    assert sorted(text[a: b + 1] for a, b in found) == sorted(expected)


def test_every_language_folder_reads_and_has_a_readme():
    from analysis.config import LANGUAGES_DIR

    assert supported_languages() == ("de", "fr", "nl", "ru", "uk")
    for code in supported_languages():
        lang = load_language(code)
        assert lang.cue_verbs and lang.formulas and lang.quote_pairs and lang.pronouns
        assert (LANGUAGES_DIR / code / "README.md").is_file()


def test_missing_language_folder_is_a_clear_error():
    with pytest.raises(ValueError, match="no extraction resources for language 'xx'"):
        load_language("xx")


def test_bad_formula_row_names_the_line(tmp_path):
    import shutil

    from analysis.config import LANGUAGES_DIR

    shutil.copytree(LANGUAGES_DIR / "nl", tmp_path / "nl")
    with (tmp_path / "nl" / "formulas.csv").open("a", encoding="utf-8") as fh:
        fh.write("volgens mij,sideways,according_to,\n")
    with pytest.raises(ValueError, match=r"formulas.csv line \d+: source must be one of"):
        load_language("nl", tmp_path)


def test_ukrainian_example_gives_the_ten_attributions_of_the_english_one():
    """The example article, written in Ukrainian from the English (tests/data): the same ten rows."""
    from pathlib import Path

    text = (Path(__file__).parents[1] / "data" / "unn-2024-05-05-cairo-talks.uk-2.txt").read_text(encoding="utf-8")
    out = extract_attributions(pd.DataFrame({"article_id": ["unn"], "text": [text], "language": ["uk"],
                                             "outlet": ["УНН"]}))
    rows = [(s, c, None if pd.isna(v) else v) for s, c, v in zip(out["source_text"], out["cue_text"], out["via"])]
    assert rows == [
        ("VRT", "з посиланням на", None),
        ("Agence France-Presse", "з посиланням на", None),
        ("Посередники Єгипет і Катар", "оголосили", None),
        ("Прем'єр-міністр Ізраїлю Біньямін Нетаньягу", "заявив", None),
        ("Біньямін Нетаньягу", "сказав", None),
        ("Високопосадовець ХАМАС", "розповів", "AFP"),
        ("Al Qahera News", "повідомило", None),
        ("поінформоване джерело", "посилаючись на", "Al Qahera News"),
        ("УНН", "повідомляв", None),
        ("міністра оборони Ізраїлю Йоава Галанта", "за словами", None),
    ]
    kinds = out["quote_kind"].tolist()
    assert kinds[4] == "direct" and kinds[3] == "mixed"
    # The dash-signed paragraph is Netanyahu's quotation, from its first word.
    start, end = int(out["content_start"][4]), int(out["content_end"][4])
    assert text[start:].startswith("Ізраїль не може") and text[:end].endswith("лише питання часу")


@pytest.mark.parametrize("language", ["uk", "ru", "de", "fr", "nl"])
@pytest.mark.parametrize("text", [
    "",
    "   \n\n  ",
    "«" * 300 + "сказав він" + "»" * 300,
    "— " * 500 + "— сказав він.",
    '"' * 999,
    ", — заявив, — " * 200,
    "Er sagte: „" + "sei " * 400,
    "« a-t-il dit » " * 300,
    "volgens volgens volgens " * 200,
])
def test_hostile_texts_give_rows_that_are_slices(language, text):
    out = extract_attributions(pd.DataFrame({"article_id": ["a"], "text": [text], "language": [language]}))
    for part in ("source", "cue"):
        for t, s, e in zip(out[f"{part}_text"], out[f"{part}_start"], out[f"{part}_end"]):
            assert pd.isna(s) or (0 <= s < e <= len(text) and text[int(s): int(e)] == t)
    for s, e in zip(out["content_start"], out["content_end"]):
        assert pd.isna(s) or 0 <= s < e <= len(text)
    assert out["quote_kind"].isin(["direct", "indirect", "mixed"]).all()


def _adversarial_cases():
    import importlib.util

    from analysis import config

    spec = importlib.util.spec_from_file_location("adversarial", config.PROJ_ROOT / "benchmarks" / "adversarial.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.CASES


_CASES = _adversarial_cases()


@pytest.mark.parametrize("language", ["uk", "de", "fr"])
@pytest.mark.parametrize("case", ["curly_quotes", "straight_quotes", "unbalanced_quotes", "dash_said", "nested_quotes",
                                  "commas", "open_quote_per_cue"])
def test_adversarial_input_does_not_hang(language, case):
    """A run of opening marks and the like costs time linear in the text (each would scan all open ones)."""
    from tests.extract.test_extract_properties import hang_guard

    text = _CASES[case](50_000)
    with hang_guard(20):
        out = extract_attributions(pd.DataFrame({"article_id": ["a"], "text": [text], "language": [language]}))
    assert len(out) >= 0
