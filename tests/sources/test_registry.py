from __future__ import annotations

import pandas as pd
import pytest

from analysis.sources import MediaIndex, default_index, load_registry

REQUIRED = ["AFP", "Reuters", "AP", "dpa", "EFE", "ANSA", "Xinhua", "TASS", "RIA Novosti", "Interfax", "Ukrinform",
            "UNN", "Belga", "VRT", "BBC", "CNN", "Al Jazeera", "Al Qahera News", "SANA"]


def test_registry_covers_the_required_media():
    reg = load_registry()
    assert len(reg) >= 60
    assert set(REQUIRED) <= set(reg["name"])
    assert reg["name"].is_unique
    assert (reg["country"].str.len() >= 2).all()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Agence France-Presse", "AFP"),
        ("France Presse", "AFP"),
        ("the Associated Press", "AP"),
        ("Associated Press", "AP"),
        ("AP", "AP"),
        ("Al Qahera News", "Al Qahera News"),
        ("REUTERS", "Reuters"),
        ("Syrian Arab News Agency", "SANA"),
        ("ap", None),  # short names keep their case
        ("independent", None),  # "The Independent" needs its article
        ("Reuter", None),
        ("press", None),
    ],
)
def test_resolve(text, expected):
    assert default_index().resolve(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # variants and near spellings of long names resolve
        ("France Presse", "AFP"),
        ("AFP news agency", "AFP"),
        ("the AFP news agency", "AFP"),
        ("Agence France Presse", "AFP"),
        ("Asociated Press", "AP"),
        ("Kyiv Independant", "Kyiv Independent"),
        ("Ukrainian Pravda", "Ukrainska Pravda"),
        ("Interfaks-Ukraine", "Interfax-Ukraine"),
        ("Sky News Arabic", "Sky News Arabia"),
        ("the Independent", "The Independent"),
        ("the Times", "The Times"),
        # near misses that must not match
        ("Reuter", None),  # short forms are never fuzzy
        ("Reuters Street", None),
        ("Independent", None),
        ("Times", None),
        ("Sun", None),
        ("Mail", None),
        ("Post", None),
        ("Guardian", None),
        ("Michael Bloomberg", None),  # a surname that is an outlet's name
        ("Mr. Bloomberg", None),
        ("Rupert Murdoch", None),
        ("Express Association", None),
        ("Daily Telegram", None),
        ("Xinhau", None),  # one-word typos of 6 letters stay unmatched
        ("associated pres", None),  # fuzzy forms must start with a capital
        ("Washington State", None),
    ],
)
def test_resolve_variants_and_near_misses(text, expected):
    assert default_index().resolve(text) == expected


def test_fuzzy_can_be_switched_off():
    assert default_index().resolve("Asociated Press", fuzzy=False) is None


def test_registry_coverage():
    reg = load_registry()
    real = reg[reg["domain"].str.len() > 0]
    assert len(real) >= 200
    by_country = reg["country"].value_counts()
    for country, least in {"UA": 20, "RU": 25, "IL": 10, "LB": 5, "SY": 5, "IR": 5, "GB": 20, "FR": 10, "DE": 10}.items():
        assert by_country.get(country, 0) >= least, country
    middle_east = {"IL", "PS", "LB", "SY", "IR", "IQ", "JO", "EG", "SA", "AE", "QA", "KW", "BH", "OM", "TR", "YE"}
    assert reg["country"].isin(middle_east).sum() >= 60
    assert set(reg["type"]) >= {"news_agency", "broadcaster", "newspaper", "online_media", "social_media"}


def test_find_gives_spans_of_every_medium():
    text = "UNN reports with reference to VRT and Agence France-Presse; an independent review followed."
    found = default_index().find(text)
    assert [name for _, _, name in found] == ["UNN", "VRT", "AFP"]
    for start, end, _ in found:
        assert text[start:end] in ("UNN", "VRT", "Agence France-Presse")


def test_extra_names_join_the_index():
    reg = pd.DataFrame({"name": ["Reuters"], "aliases": [[]], "type": ["news_agency"]})
    index = MediaIndex.from_registry(reg, extra={"Harbour Ledger": "online_media"})
    assert index.resolve("the Harbour Ledger") == "Harbour Ledger"
    assert index.type_of("Harbour Ledger") == "online_media"


def test_bad_registry_is_refused(tmp_path):
    path = tmp_path / "reg.csv"
    path.write_text("name,aliases,type,country,domain\nX,,magazine,US,x.com\n", encoding="utf-8")
    with pytest.raises(ValueError, match="row 2: field 'type'"):
        load_registry(path)
    path.write_text("name,aliases,type,country,domain\nX,Y,newspaper,US,\nY,,newspaper,US,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="used twice"):
        load_registry(path)


@pytest.mark.parametrize(
    "outlet, expected",
    [
        ("reuters", "Reuters"),
        ("jordantimes", "The Jordan Times"),
        ("dailysabah", "Daily Sabah"),
        ("asharqalawsat", "Asharq Al-Awsat"),
        ("manar", "Al Manar"),
        ("UNN", "UNN"),
        ("Harbour Ledger", None),  # not a registered medium
        ("x", None),
    ],
)
def test_outlet_labels_resolve(outlet, expected):
    assert default_index().resolve_outlet(outlet) == expected


def _scan(index, text):
    """``find`` without its pre-check: every match of the whole pattern."""
    found = []
    for m in index.pattern.finditer(text):
        name = index.with_the.get(m.group()) or index.resolve(m.group(), fuzzy=False)
        if name is not None:
            found.append((m.start(), m.end(), name))
    return found


@pytest.mark.parametrize(
    "text",
    [
        "a senior official in the ministry",
        "Agence France-Presse reported",
        "AGENCE FRANCE-PRESSE",
        "the Associated  Press",  # spaces collapsed
        "Associated\nPress",
        "ap and the independent",  # wrong case, no article: no medium
        "the Independent said",
        "Anadolu Ajansi",  # an ASCII "i" for the dotless "ı" of the registered form
        "ANADOLU AJANSI",
        "Süddeutsche Zeitung",
        "+972 Magazine",
        "people familiar with Reuters’ report",
        "“BBC”",
        "",
    ],
)
def test_find_matches_the_full_scan(text):
    index = default_index()
    assert index.find(text) == _scan(index, text)


def test_find_skips_texts_that_cannot_name_a_medium():
    index = default_index()
    assert not index._may_name_a_medium("a senior official in the ministry")
    assert index._may_name_a_medium("officials told Agence France-Presse")


def test_every_registered_form_is_found_as_by_the_full_scan():
    index = default_index()
    forms = [*index.folded, *index.with_the, *index.exact]
    for form in forms:
        for text in (form, form.upper(), form.title(), f"the {form} said", f"a {form}-based outlet"):
            assert index.find(text) == _scan(index, text), text


def test_with_extra_is_the_index_built_with_the_extra_names():
    extra = {"Harbour Ledger": "online_media", "politico": "online_media", "The Star": "newspaper", "Reuters": "x"}
    built = MediaIndex.from_registry(load_registry(), extra=extra)
    grown = default_index().with_extra(extra)
    for table in ("exact", "folded", "with_the", "types", "fuzzy"):
        assert list(getattr(grown, table).items()) == list(getattr(built, table).items())
    assert grown.pattern.pattern == built.pattern.pattern
    for text in ["the Harbour Ledger and Reuters reported", "HARBOUR  LEDGER", "politico and Politico",
                 "officials told Agence France-Presse", "a senior official", "the Star said", ""]:
        assert grown.find(text) == built.find(text) == _scan(built, text)
        assert grown._may_name_a_medium(text) == built._may_name_a_medium(text)


def test_with_extra_finds_what_its_whole_pattern_finds_where_forms_collide():
    # Added forms that start where registered ones do, inside them, or around them.
    extra = {"Associated": "x", "Press": "x", "AP News": "x", "Reuters Breakingviews": "x", "the Times of London": "x",
             "Agence": "x", "France": "x"}
    grown = default_index().with_extra(extra)
    for text in ["the Associated Press and AP News said", "Reuters Breakingviews, Reuters and the Times of London",
                 "Agence France-Presse and France 24", "Press TV, the Associated Press", "Associated Press"]:
        assert grown.find(text) == _scan(grown, text)


# Media named in other languages and scripts, in their case forms (sentences written for these tests).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("повідомляє УНН з посиланням на VRT та Agence France-Presse", ["UNN", "VRT", "AFP"]),
        ("Укрінформ з посиланням на Reuters", ["Ukrinform", "Reuters"]),
        ("як повідомили Укрінформу в міністерстві", ["Ukrinform"]),
        ("заявив він агентству Рейтер", ["Reuters"]),
        ("з посиланням на АФП", ["AFP"]),
        ("передає агентство Франс Прес", ["AFP"]),
        ("за даними Бі-Бі-Сі", ["BBC"]),
        ("сообщает ТАСС со ссылкой на РИА Новости", ["TASS", "RIA Novosti"]),
        ("рассказал Интерфаксу источник", ["Interfax"]),
        ("сообщил Интерфакс-Украина", ["Interfax-Ukraine"]),
        ("в интервью газете «Коммерсантъ»", ["Kommersant"]),
        ("розповів Радіо Свободі", ["Radio Svoboda"]),
        ("berichtet die dpa unter Berufung auf Belga", ["dpa", "Belga"]),
        ("selon l'AFP et la RTBF, rapporte Le Monde", ["AFP", "RTBF", "Le Monde"]),
        ("meldt het ANP op basis van VRT NWS", ["ANP", "VRT"]),
        # Abbreviations do not decline, and ordinary words stay words.
        ("ТАССу", []),
        ("суспільне життя і громадське телебачення", []),
    ],
)
def test_media_in_other_languages_and_case_forms(text: str, expected: list[str]) -> None:
    assert [name for _, _, name in default_index().find(text)] == expected


@pytest.mark.parametrize(
    ("form", "some", "none"),
    [
        ("Укрінформ", ["Укрінформу", "Укрінформом", "Укрінформі"], ["Укрінформ"]),
        ("Интерфакс", ["Интерфакса", "Интерфаксу", "Интерфаксе"], []),
        ("Радіо Свобода", ["Радіо Свободи", "Радіо Свободі"], ["Радіо Свобода"]),
        ("Коммерсантъ", ["Коммерсанта", "Коммерсанту"], []),
        ("ТАСС", [], ["ТАССу"]),
        ("Reuters", [], ["Reutersu"]),
    ],
)
def test_inflected_forms(form: str, some: list[str], none: list[str]) -> None:
    from analysis.sources.registry import inflected_forms

    forms = inflected_forms(form)
    assert set(some) <= set(forms)
    assert not set(none) & set(forms)
