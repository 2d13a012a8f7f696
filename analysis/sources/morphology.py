"""Word forms in inflected languages: lemmas, and people's names in the nominative.

"Зеленського", "Зеленському" and "Зеленський" are one person; a researcher
counts him under "Зеленський". Ukrainian and Russian are read with pymorphy3
and its dictionary packages (``pymorphy3-dicts-uk``, ``pymorphy3-dicts-ru``);
German, French and Dutch common nouns with simplemma (its tables ship in the
package). Nothing is downloaded; each analyser is loaded once per process, on
first use.

:func:`nominative_name` puts a person's name (first name, patronymic,
surname) into the nominative, keeping the gender the words agree on
("Юлії Тимошенко" → "Юлія Тимошенко", "Марии Захаровой" → "Мария Захарова").
:func:`lemma` gives the dictionary form of a common word, which the typing
lexicons of ``data/languages/<xx>/typing`` are matched against
("представника" → "представник", "Ministeriums" → "ministerium").
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["MORPHOLOGY_LANGUAGES", "NAME_LANGUAGES", "cases", "is_common_word", "is_first_name", "is_patronymic",
           "is_plural", "lemma", "nominative_name", "places_or_bodies"]

#: Languages whose names decline and are put in the nominative.
NAME_LANGUAGES = ("uk", "ru")
#: Languages with a lemmatiser.
MORPHOLOGY_LANGUAGES = ("uk", "ru", "de", "fr", "nl")

_CYRILLIC = re.compile(r"^[\u0400-\u04ff'’ʼ-]+$")
_NAME_TAGS = ("Name", "Surn", "Patr")
_GENDERS = ("masc", "femn")


@lru_cache(maxsize=2)
def _analyser(language: str):
    """The pymorphy3 analyser of ``uk`` or ``ru``."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=language)


@lru_cache(maxsize=65536)
def lemma(word: str, language: str) -> str:
    """The lower-case dictionary form of ``word`` in ``language`` (the word itself, lower-cased, elsewhere).

    >>> lemma("представника", "uk"), lemma("источники", "ru"), lemma("Ministeriums", "de")
    ('представник', 'источник', 'ministerium')
    >>> lemma("woordvoerders", "nl"), lemma("said", "en")
    ('woordvoerder', 'said')
    """
    low = word.lower()
    if language in NAME_LANGUAGES:
        if not _CYRILLIC.match(low):
            return low
        return _analyser(language).parse(low)[0].normal_form
    if language in MORPHOLOGY_LANGUAGES:
        import simplemma

        return simplemma.lemmatize(word, lang=language).lower()
    return low


@lru_cache(maxsize=65536)
def is_first_name(word: str, language: str) -> bool:
    """Whether ``word`` is a first name: tagged so by the uk/ru dictionary, or in ``data/names/first-names.csv``.

    >>> is_first_name("Володимира", "uk"), is_first_name("Зеленського", "uk"), is_first_name("Olaf", "de")
    (True, False, True)
    """
    from analysis.sources.mentions import load_first_names

    if word in load_first_names():
        return True
    if language not in NAME_LANGUAGES or not _CYRILLIC.match(word):
        return False
    return any("Name" in set(re.split(r"[ ,]", str(p.tag))) for p in _analyser(language).parse(word.lower()))


@lru_cache(maxsize=65536)
def cases(word: str, language: str, *, animate: bool = False) -> frozenset[str]:
    """The grammatical cases the uk/ru dictionary reads ``word`` in (empty elsewhere, or for a word it does not know).

    With ``animate``, only its readings as a living being count where it has
    some (a role: "директор" is no accusative then).

    A name standing beside a role agrees with it in case ("президента
    Зеленського"); a word in another case is the role's complement
    ("представники Держпродспоживслужби").

    >>> sorted(cases("представники", "uk")), "gent" in cases("Держпродспоживслужби", "uk")
    (['accs', 'nomn', 'voct'], True)
    >>> sorted(cases("директор", "uk", animate=True)), cases("Scholz", "de")
    (['nomn'], frozenset())
    """
    if language not in NAME_LANGUAGES or not _CYRILLIC.match(word):
        return frozenset()
    parses = _analyser(language).parse(word.lower())
    if not any(p.is_known for p in parses):
        return frozenset()
    if animate and any("anim" in p.tag for p in parses):
        parses = [p for p in parses if "anim" in p.tag]
    # Ukrainian tags leave the nominative unmarked ("директор": NOUN,anim masc).
    return frozenset(str(p.tag.case or "nomn") for p in parses)


@lru_cache(maxsize=65536)
def is_common_word(word: str, language: str) -> bool:
    """Whether the uk/ru dictionary knows ``word`` only as a common word, never as a name, place or body.

    A capitalised "Слідство" or "Тут" opening a sentence is no person's name.

    >>> is_common_word("Слідство", "uk"), is_common_word("Тут", "uk"), is_common_word("Коваль", "uk")
    (True, True, False)
    >>> is_common_word("Rutte", "nl")
    False
    """
    if language not in NAME_LANGUAGES or not _CYRILLIC.match(word):
        return False
    parses = _analyser(language).parse(word.lower())
    if not any(p.is_known for p in parses):
        return False
    tags = [set(re.split(r"[ ,]", str(p.tag))) for p in parses]
    return not any(tag & {*_NAME_TAGS, "Geox", "Orgn", "Abbr"} for tag in tags)


@lru_cache(maxsize=65536)
def is_patronymic(word: str, language: str) -> bool:
    """Whether the uk/ru dictionary reads ``word`` as a patronymic and never as a surname.

    >>> is_patronymic("Василівни", "uk"), is_patronymic("Фёдорович", "ru"), is_patronymic("Янукович", "ru")
    (True, True, False)
    """
    if language not in NAME_LANGUAGES or not _CYRILLIC.match(word):
        return False
    tags = [set(re.split(r"[ ,]", str(p.tag))) for p in _analyser(language).parse(word.lower())]
    return any("Patr" in t for t in tags) and not any("Surn" in t for t in tags)


@lru_cache(maxsize=65536)
def is_plural(word: str, language: str) -> bool:
    """Whether ``word`` can be a plural subject: a nominative plural reading in uk/ru, elsewhere lemma and ending.

    >>> is_plural("лікарі", "uk"), is_plural("лікар", "uk"), is_plural("мати", "uk"), is_plural("woordvoerders", "nl")
    (True, False, False, True)
    """
    low = word.lower()
    if language in NAME_LANGUAGES:
        if not _CYRILLIC.match(low):
            return False
        parses = _analyser(language).parse(low)
        # "лікарі" reads only as a plural subject; "мати" is also "mother", a singular one.
        return (any(p.tag.number == "plur" and p.tag.case in ("nomn", None) for p in parses)
                and not any(p.tag.number != "plur" and p.tag.case in ("nomn", None) and p.tag.POS == "NOUN"
                            for p in parses))
    if language in MORPHOLOGY_LANGUAGES:
        base = lemma(word, language)
        return base != low and low.endswith(("s", "en", "e", "x", "n"))
    return False


def places_or_bodies(words: list[str], language: str) -> bool:
    """Whether the dictionary reads one of ``words`` as a place or an organisation and never as a name.

    Only the Russian dictionary tags places and organisations; for other
    languages this is always false.

    >>> places_or_bodies(["Великобритания"], "ru"), places_or_bodies(["Южная", "Корея"], "ru")
    (True, True)
    >>> places_or_bodies(["Володимира", "Зеленського"], "uk"), places_or_bodies(["Paris"], "fr")
    (False, False)
    """
    if language not in NAME_LANGUAGES:
        return False
    for word in words:
        if not _CYRILLIC.match(word):
            continue
        # As sets of grammeme names: the Ukrainian tag set has no Geox or Orgn, and asking it for one raises.
        tags = [set(re.split(r"[ ,]", str(p.tag))) for p in _analyser(language).parse(word.lower())]
        if any(tag & set(_NAME_TAGS) for tag in tags):
            return False
        if any(tag & {"Geox", "Orgn"} for tag in tags):
            return True
    return False


def _recase(form: str, like: str) -> str:
    """``form`` in the capitalisation of ``like`` (each hyphen part capitalised, capitals kept)."""
    if like.isupper() and len(like) > 1:
        return form.upper()
    return "-".join(part[:1].upper() + part[1:] for part in form.split("-"))


def _nominatives(word: str, language: str) -> dict[str, dict[str, tuple[int, str]]]:
    """Gender -> case -> (rank, nominative) of the readings of one name word; name readings rank first."""
    out: dict[str, dict[str, tuple[int, str]]] = {}
    for rank, parse in enumerate(_analyser(language).parse(word.lower())):
        tag = parse.tag
        gender = tag.gender
        if gender not in _GENDERS or (tag.number == "plur" and "Sgtm" not in tag):
            continue
        # Ukrainian tags carry no "sing": the nominative alone, in the reading's own number and gender.
        inflected = parse.inflect({"nomn"})
        if inflected is None:
            continue
        is_name = any(t in tag for t in _NAME_TAGS) or tag.POS == "ADJF"
        score = (0 if is_name else 100) + rank
        by_case = out.setdefault(gender, {})
        case = str(tag.case)
        if case not in by_case or score < by_case[case][0]:
            by_case[case] = (score, inflected.word)
    return out


@lru_cache(maxsize=65536)
def nominative_name(name: str, language: str) -> str:
    """A person's name put into the nominative (``name`` as it is in a language whose names do not decline).

    The words take the gender most of them agree on; a word the dictionary
    cannot read in that gender, or a Latin-script word, stays as it is.

    >>> [nominative_name(n, "uk") for n in ["Зеленського", "Зеленському", "Володимира Зеленського"]]
    ['Зеленський', 'Зеленський', 'Володимир Зеленський']
    >>> nominative_name("Юлії Тимошенко", "uk"), nominative_name("Марии Захаровой", "ru")
    ('Юлія Тимошенко', 'Мария Захарова')
    >>> nominative_name("Нетаньягу", "uk"), nominative_name("Olaf Scholz", "de")
    ('Нетаньягу', 'Olaf Scholz')
    """
    if language not in NAME_LANGUAGES:
        return name
    words = name.split()
    readings = [_nominatives(w, language) if _CYRILLIC.match(w) else {} for w in words]

    def agreement(g: str) -> tuple[int, int, int]:
        # More words read in that gender; then more words sharing one case; then the better-ranked readings.
        read = [r[g] for r in readings if g in r]
        cases = [c for by_case in read for c in by_case]
        shared = max((cases.count(c) for c in cases), default=0)
        return len(read), shared, -sum(min(v[0] for v in by_case.values()) for by_case in read)

    best = max(_GENDERS, key=agreement)
    read = [r[best] for r in readings if best in r]
    cases = [c for by_case in read for c in by_case]
    # The case most words can be read in (the name's case in the sentence).
    case = max(dict.fromkeys(cases), key=cases.count) if cases else None
    out = []
    for word, reading in zip(words, readings):
        by_case = reading.get(best)
        if not by_case:
            out.append(word)
            continue
        score, form = by_case[case] if case in by_case else min(by_case.values())
        out.append(_recase(form, word))
    return " ".join(out)
