"""Typing and naming sources in the kit's other languages (uk, ru, de, fr, nl).

One set of rules reads the word lists of the article's language from
``data/languages/<xx>/typing/`` (each folder's README says how they were
curated): ``anonymous.txt`` ("джерело, близьке до", "informierte Kreise",
"une source proche du dossier", "ingewijden"), ``officials.txt`` (roles:
"представник", "Sprecher", "porte-parole", "woordvoerder"), ``documents.txt``,
``organizations.txt``, ``media_heads.txt`` ("агентство", "Zeitung"),
``experts.txt`` ("експерти", "analysts": anonymous without a name),
``people.txt`` (kin and roles in life: "мати", "haar moeder", standing for a
person named before), ``pronouns.csv``, ``titles.txt``, ``coordinators.txt``,
``particles.txt`` (lower-case words inside a name: "al", "van") and
``prepositions.txt`` (a capital after one names a body: "ministre de
l'Intérieur"). A pattern ending in ``*`` matches any word it starts (so a Ukrainian stem matches every case form); in German and
Dutch a word also matches as the last part of a compound ("Polizeisprecher").

The rules, for one source span:

1. a medium of the registry (any script, any case form) takes its type and
   registry name; the publisher citing itself is ``self``;
2. a pronoun is a person (named after the person it refers to, by
   :func:`analysis.sources.classify_sources`), a plural one ``unknown``;
3. the first word list entry found, left to right, decides: anonymous,
   document, organisation, or a role, expert or kin word, which is a
   ``named_person`` when a name follows it ("речник МЗС Олег Ніколенко") and
   otherwise an ``unnamed_official`` ("представник міністерства"), an
   ``anonymous`` source ("експерти") or the person named before ("її мати");
4. without one, capitalised words are a person's name, an acronym an
   organisation's; anything else is ``unknown``.

Names are put in the nominative (:mod:`analysis.sources.morphology`).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis.config import LANGUAGES_DIR
from analysis.sources.morphology import (NAME_LANGUAGES, cases, is_common_word, is_first_name, is_patronymic,
                                         is_plural, lemma, nominative_name, places_or_bodies)
from analysis.sources.registry import MediaIndex, default_index, normalize_name

__all__ = ["PersonCue", "TYPING_LANGUAGES", "TypingLexicon", "article_languages", "full_names_by_first",
           "load_typing_lexicon", "people_by_role", "person_cue", "type_in_language", "type_in_languages"]

#: Languages typed by these rules (English has its own rules and learned typer).
TYPING_LANGUAGES = ("uk", "ru", "de", "fr", "nl")
#: Word lists in the order their entries win when several start at one word.
_KINDS = ("anonymous", "officials", "experts", "people", "documents", "organizations", "media_heads")
#: What a role, expert or person word without a name after it makes of the source.
_UNNAMED = {"officials": "unnamed_official", "experts": "anonymous", "people": "named_person"}
_TYPE_OF = {"anonymous": "anonymous", "documents": "document", "organizations": "named_organization"}
#: Kinds of pronouns: a person named before, a group, or nobody in particular ("дехто", "on").
_PRONOUN_KINDS = ("person", "group", "anonymous")
_PRONOUN_TYPE = {"person": "named_person", "group": "unknown", "anonymous": "anonymous"}
#: Languages whose compounds end in the word that makes them ("Polizeisprecher").
_COMPOUNDING = ("de", "nl")
_TOKEN = re.compile(r"[^\W\d_](?:[\w'’ʼ.-]*\w)?\.?|\d[\w.-]*")
_QUOTES = " \"'“”‘’„«»‚‹›,.;:"
# French elision ("l'ONG", "d'après"): the word after the apostrophe is the word.
_ELISION = re.compile(r"^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)


@dataclass(frozen=True)
class TypingLexicon:
    """The typing word lists of one language: entries are tuples of patterns ("джерел*", "близьк*")."""

    language: str
    entries: dict[str, tuple[tuple[str, ...], ...]]
    pronouns: dict[str, str]  # form -> "person" or "group"
    titles: frozenset[str]
    coordinators: frozenset[str]
    particles: frozenset[str] = frozenset()  # lower-case words inside a name ("al", "von", "van")
    prepositions: frozenset[str] = frozenset()  # a capital after one names a body or place ("de l'Intérieur")


def _read_list(path: Path) -> tuple[tuple[str, ...], ...]:
    if not path.is_file():
        return ()
    lines = [line.split("#", 1)[0].strip().lower() for line in path.read_text(encoding="utf-8").splitlines()]
    entries = {tuple(line.split()) for line in lines if line}
    # Longer entries first: "поінформоване джерело" before "джерело".
    return tuple(sorted(entries, key=lambda e: (-len(e), e)))


@lru_cache(maxsize=8)
def load_typing_lexicon(language: str, root: Path | str = LANGUAGES_DIR) -> TypingLexicon:
    """The typing word lists of ``language`` from ``root/<language>/typing``.

    >>> lex = load_typing_lexicon("uk")
    >>> ("джерел*",) in lex.entries["anonymous"], lex.pronouns["він"]
    (True, 'person')

    Raises:
        ValueError: for a language without a typing folder, or a pronoun of
            another kind than ``person``/``group``.
    """
    folder = Path(root) / language / "typing"
    if not folder.is_dir():
        raise ValueError(f"no typing word lists for language {language!r} (expected {folder})")
    entries = {kind: _read_list(folder / f"{kind}.txt") for kind in _KINDS}
    pronouns: dict[str, str] = {}
    path = folder / "pronouns.csv"
    if path.is_file():
        with path.open(encoding="utf-8", newline="") as fh:
            for n, row in enumerate(csv.DictReader(fh), start=2):
                if row["kind"] not in _PRONOUN_KINDS:
                    raise ValueError(f"{path.name} row {n}: field 'kind' is {row['kind']!r}, not one of {_PRONOUN_KINDS}")
                pronouns[row["form"].strip().lower()] = row["kind"]
    titles = frozenset(w for entry in _read_list(folder / "titles.txt") for w in entry)
    coordinators = frozenset(w for entry in _read_list(folder / "coordinators.txt") for w in entry)
    particles = frozenset(w for entry in _read_list(folder / "particles.txt") for w in entry)
    prepositions = frozenset(w for entry in _read_list(folder / "prepositions.txt") for w in entry)
    return TypingLexicon(language, entries, pronouns, titles, coordinators, particles, prepositions)


def _word_matches(pattern: str, token: str, language: str) -> bool:
    low = token.lower().rstrip(".")
    prefix = pattern.endswith("*")
    stem = pattern.rstrip("*").rstrip(".")
    if prefix:
        if low.startswith(stem):
            return True
    elif low == stem or lemma(low, language) == stem:
        return True
    if language in _COMPOUNDING and len(stem) >= 5:
        # A compound ends in its head, give or take an inflection ending.
        at = low.rfind(stem)
        return at >= 3 and len(low) - at - len(stem) <= (4 if prefix else 2)
    return False


def _first_hit(tokens: list[str], lex: TypingLexicon) -> tuple[int, int, str] | None:
    """``(position, length, kind)`` of the first word list entry in ``tokens``."""
    for i in range(len(tokens)):
        for kind in _KINDS:
            for entry in lex.entries[kind]:
                n = len(entry)
                if i + n <= len(tokens) and all(_word_matches(p, t, lex.language) for p, t in zip(entry, tokens[i:i + n])):
                    return i, n, kind
    return None


def _is_lexicon_word(token: str, lex: TypingLexicon) -> bool:
    low = token.lower().rstrip(".")
    if low in lex.titles or token.lower() in lex.titles:
        return True
    return any(len(entry) == 1 and _word_matches(entry[0], token, lex.language)
               for kind in _KINDS for entry in lex.entries[kind])


def _is_name_word(token: str) -> bool:
    return token[:1].isupper() and any(c.islower() for c in token)


def _runs(tokens: list[str], start: int, lex: TypingLexicon) -> list[tuple[int, list[str]]]:
    """``(position, words)`` of the runs of capitalised words at or after ``start`` that are not list words.

    The particles of ``particles.txt`` stay inside a run ("Ahmad Abd
    al-Karim", "Ursula von der Leyen").
    """
    runs: list[tuple[int, list[str]]] = []
    run: list[str] = []
    at = start
    for k in range(start, len(tokens)):
        token = tokens[k]
        if _is_name_word(token) and not _is_lexicon_word(token, lex):
            if not run:
                at = k
            run.append(token)
        elif run and (token.split("-")[0] in lex.particles and "-" in token or (
                token in lex.particles and k + 1 < len(tokens)
                and (_is_name_word(tokens[k + 1]) or tokens[k + 1] in lex.particles))):
            run.append(token)
        elif run:
            runs.append((at, run))
            run = []
    if run:
        runs.append((at, run))
    return runs


def _trimmed(run: list[str], language: str) -> list[str]:
    """A run of more than two words of a declining language: its last two, three with a patronymic.

    The words before name a place or body in the genitive ("прем'єр-міністр
    Ізраїлю Біньямін Нетаньягу"); elsewhere a preposition marks those
    (:func:`_after_preposition`), and a run is a name of up to four words
    ("Jean-Paul Le Roux", "Union Sociale des Ports").
    """
    if len(run) <= 2:
        return run
    if language not in NAME_LANGUAGES:
        return run[:4]
    keep = 3 if is_patronymic(run[-2], language) else 2
    return run[-keep:]


def _after_preposition(tokens: list[str], at: int, lex: TypingLexicon) -> bool:
    """Whether the run at ``at`` follows a preposition: a body or place, not a person ("ministre de l'Intérieur")."""
    return at > 0 and tokens[at - 1].lower() in lex.prepositions


def _names_someone(tokens: list[str], at: int, run: list[str], role: str, lex: TypingLexicon) -> bool:
    """Whether a run after a role word names its bearer, not a place or body the role belongs to.

    A run after a preposition does not ("porte-parole de l'armée au
    Liban"), unless it runs on into a name ("ministre de l'Intérieur Gérald
    Darmanin", its last two words); two words or a first name do; one word must
    agree in case with the role in uk/ru ("президента Зеленського", not
    "представники Держпродспоживслужби").
    """
    if _after_preposition(tokens, at, lex):
        return len(run) >= 3
    if len(run) >= 2 or is_first_name(run[0], lex.language):
        return True
    role_cases, name_cases = cases(role, lex.language, animate=True), cases(run[0], lex.language)
    return not role_cases or not name_cases or bool(role_cases & name_cases)


def _name_run(tokens: list[str], start: int, lex: TypingLexicon, role: str | None = None) -> list[str]:
    """The name a span gives at or after ``start``: its first run of capitalised words that are not list words.

    After a ``role`` word, the first run that names the role's bearer
    (:func:`_names_someone`): "директор Житомирського обласного музею
    Ганна Коваленко" is Ганна Коваленко. A long run is cut by
    :func:`_trimmed`, after a preposition to its last two words.
    """
    runs = _runs(tokens, start, lex)
    if role is not None:
        runs = [(at, run) for at, run in runs if _names_someone(tokens, at, run, role, lex)]
    if not runs:
        return []
    at, run = runs[0]
    if len(run) > 2 and _after_preposition(tokens, at, lex):
        return run[-2:]
    return _trimmed(run, lex.language)


def _coordinated(tokens: list[str], lex: TypingLexicon) -> bool:
    """Whether the span joins two capitalised names ("Єгипет і Катар", "Ägypten und Katar")."""
    return any(t.lower() in lex.coordinators and 0 < i < len(tokens) - 1
               and _is_name_word(tokens[i - 1]) and _is_name_word(tokens[i + 1]) for i, t in enumerate(tokens))


def _organization_name(tokens: list[str], at: int, language: str) -> str | None:
    """An organisation's name: from its head word on, the head in the nominative ("Міністерства оборони" → "Міністерство оборони")."""
    head = tokens[at]
    if not any(_is_name_word(t) or t.isupper() for t in tokens[at:]):
        return None  # "поліція", "de politie": a body, but no name
    base = lemma(head, language)
    if head[:1].isupper():
        base = base[:1].upper() + base[1:]
    return " ".join([base, *tokens[at + 1:]]).strip(_QUOTES)


def type_in_language(text: str, language: str, *, publisher: str | None = None,
                     media: MediaIndex | None = None) -> tuple[str, str | None]:
    """Type and canonical name of one source span in ``language``.

    Args:
        text: the source span.
        language: ``"uk"``, ``"ru"``, ``"de"``, ``"fr"`` or ``"nl"``.
        publisher: canonical name of the publishing outlet, to recognise ``self``.
        media: the media index (the shipped registry's by default).

    Returns:
        ``(source_type, source_name)``.

    >>> type_in_language("джерело, близьке до переговорів", "uk")
    ('anonymous', None)
    >>> type_in_language("представник міністерства", "uk"), type_in_language("агентству Рейтер", "uk")
    (('unnamed_official', None), ('news_agency', 'Reuters'))
    >>> type_in_language("Володимира Зеленського", "uk")
    ('named_person', 'Володимир Зеленський')
    >>> type_in_language("informierte Kreise", "de"), type_in_language("ein Polizeisprecher", "de")
    (('anonymous', None), ('unnamed_official', None))
    """
    media = media or default_index()
    stripped = text.strip(_QUOTES)
    if not stripped:
        return "unknown", None
    medium = media.resolve(stripped)
    if publisher and (medium == publisher or normalize_name(stripped) == normalize_name(publisher)):
        return "self", publisher
    if medium is not None:
        return media.type_of(medium) or "online_media", medium
    return _type_by_lists(stripped, language, media, publisher)


@lru_cache(maxsize=65536)
def _type_by_lists_cached(stripped: str, language: str) -> tuple[str, str | None, str | None]:
    return _type_by_lists_uncached(stripped, language, default_index())


def _type_by_lists(stripped: str, language: str, media: MediaIndex, publisher: str | None) -> tuple[str, str | None]:
    kind, name, medium = (_type_by_lists_cached(stripped, language) if media is default_index()
                          else _type_by_lists_uncached(stripped, language, media))
    if medium is not None and medium == publisher:
        return "self", publisher
    return kind, name


def _type_by_lists_uncached(stripped: str, language: str, media: MediaIndex) -> tuple[str, str | None, str | None]:
    """``(type, name, medium)`` of a span that is no registered medium on its own."""
    lex = load_typing_lexicon(language)
    tokens = [_ELISION.sub("", t) if language == "fr" else t for t in _TOKEN.findall(stripped)]
    tokens = [t for t in tokens if t]
    if not tokens:
        return "unknown", None, None
    low = stripped.lower()
    if low in lex.pronouns:
        return _PRONOUN_TYPE[lex.pronouns[low]], None, None
    if lex.pronouns.get(tokens[-1].lower()) == "person" and not any(map(_is_name_word, tokens[1:])):
        # "Згодом він", "Протягом кількох років він": a pronoun after adverbs is the pronoun.
        return "named_person", None, None
    if _coordinated(tokens, lex):
        return "named_organization", None, None  # a group of actors has no single name
    hit = _first_hit(tokens, lex)
    found = media.find(stripped)
    if found and (hit is None or hit[2] == "media_heads"):
        # "агентство «УРА-Інформ»", "видання Коммерсантъ": the medium the span names.
        name = found[-1][2]
        return media.type_of(name) or "online_media", name, name
    if hit is not None:
        at, n, kind = hit
        if kind in _UNNAMED:
            person = _name_run(tokens, at + n, lex, role=tokens[at + n - 1])
            if person:
                return "named_person", nominative_name(" ".join(person), language), None
            # A role without a name is an official, experts are nobody in particular, and
            # "haar moeder", "чоловік" stand for a person named before; people in the plural
            # ("київські журналісти") are nobody in particular too, where the dictionary tells the
            # plural (elsewhere "de activisten" is a group the article has named).
            if kind == "people" and language in NAME_LANGUAGES and is_plural(tokens[at + n - 1], language):
                return "anonymous", None, None
            return _UNNAMED[kind], None, None
        if kind == "media_heads":
            # A medium the registry does not know: its name is what follows the head word.
            rest = " ".join(tokens[at + n:]).strip(_QUOTES)
            return "online_media", rest or None, None
        if kind == "organizations":
            return "named_organization", _organization_name(tokens, at, language), None
        return _TYPE_OF[kind], None, None
    person = _name_run(tokens, 0, lex)
    if person and person[0] == tokens[0] and len(person) == 1 and len(tokens) > 1:
        # One capital at the start of a longer span is the sentence's, not a name ("Les témoignages des ...").
        person = _name_run(tokens, 1, lex)
    if person == tokens and len(person) == 1 and is_common_word(person[0], language):
        return "unknown", None, None  # "Слідство", "Тут": a capitalised common word is nobody's name
    if person and places_or_bodies(person, language):
        # States, cities and bodies speak as organisations ("Великобритания", "Южная Корея").
        return "named_organization", nominative_name(" ".join(person), language), None
    if person:
        return "named_person", nominative_name(" ".join(person), language), None
    acronyms = [t for t in tokens if t.isupper() and len(t) > 1]
    if acronyms:
        return "named_organization", " ".join(tokens).strip(_QUOTES), None
    return "unknown", None, None


@dataclass(frozen=True)
class PersonCue:
    """What in a source span points back to a person the article named before."""

    pronoun: bool  # the span opens or ends on a person pronoun ("Згодом він", "Ze sprak ...")
    role: str | None  # the role, expert or kin entry it holds ("директор*"), as one key
    kind: str | None  # that entry's list: "officials", "experts" or "people"
    possessive: bool  # a pronoun before the role word: someone else's kin ("haar moeder", "її мати")
    plural: bool  # the role word is plural ("лікарі"): a group, nobody named
    first_name: str | None  # the span names a person by the first name alone ("пан Степан", "Ольга Петрівна")


@lru_cache(maxsize=65536)
def person_cue(text: str, language: str) -> PersonCue:
    """What in a span of ``language`` can refer back to a named person: a pronoun, a role word, a first name.

    >>> person_cue("Тоді ж директор", "uk").role, person_cue("Згодом він", "uk").pronoun
    ('директор*', True)
    >>> person_cue("haar moeder", "nl").possessive, person_cue("Ольга Петрівна", "uk").first_name
    (True, 'Ольга')
    """
    lex = load_typing_lexicon(language)
    tokens = [_ELISION.sub("", t) if language == "fr" else t for t in _TOKEN.findall(text.strip(_QUOTES))]
    tokens = [t for t in tokens if t]
    if not tokens:
        return PersonCue(False, None, None, False, False, None)
    is_pronoun = [lex.pronouns.get(t.lower()) == "person" for t in tokens]
    role = kind = None
    possessive = plural = False
    hit = _first_hit(tokens, lex)
    if hit is not None and hit[2] in _UNNAMED:
        at, n, kind = hit
        role = _entry_at(tokens, hit, lex)
        possessive = any(is_pronoun[:at])
        plural = is_plural(tokens[at + n - 1], language)
    names = [t for t in tokens if _is_name_word(t) and not _is_lexicon_word(t, lex)]
    first = None
    rest = [t for t in tokens if t.lower().rstrip(".") not in lex.titles]
    if rest and rest == names and (len(rest) == 2 and is_patronymic(rest[1], language)
                                   or len(rest) == 1 and is_first_name(rest[0], language)):
        first = nominative_name(rest[0], language)
    return PersonCue(is_pronoun[0] or is_pronoun[-1], role, kind, possessive, plural, first)


def article_languages(articles) -> dict[str, str]:
    """Article id -> language, for the articles in :data:`TYPING_LANGUAGES` (empty without a ``language`` column).

    >>> import pandas as pd
    >>> article_languages(pd.DataFrame({"article_id": ["a", "b"], "language": ["uk", "en"]}))
    {'a': 'uk'}
    """
    if articles is None or "language" not in articles.columns or "article_id" not in articles.columns:
        return {}
    return {str(a): lang for a, lang in zip(articles["article_id"].tolist(), articles["language"].tolist())
            if isinstance(lang, str) and lang in TYPING_LANGUAGES}


# Two capitalised words in a row (overlapping matches: "Президент Володимир Зеленський" holds two pairs).
_PAIR = re.compile(r"(?<![\w'’-])(?=([^\W\d_][\w'’-]*) ([^\W\d_][\w'’-]*))")
_AFTER_WORD = re.compile(r" ([^\W\d_][\w'’-]*)")
_SENTENCE_END = re.compile(r"(?:^|[.!?…»“\"]\s*|\n\s*)$")


@lru_cache(maxsize=256)
def full_names(text: str, language: str) -> dict[str, str]:
    """Surname -> full name (first name and surname, in the nominative) of the people a text names.

    A pair of capitalised words counts when its first word is a first name
    (by the dictionary, or ``data/names/first-names.csv``), or stands inside
    a sentence and is no word of the typing lists (a title, a role); the
    first full name of a surname wins.

    >>> full_names("Як заявив Президент Володимир Зеленський, ... Зеленського підтримали.", "uk")
    {'Зеленський': 'Володимир Зеленський'}
    >>> full_names("Volgens Greta Thunberg is het te laat. Thunberg vertrok.", "nl")
    {'Thunberg': 'Greta Thunberg'}
    >>> full_names("Як розповіла Ольга Петрівна Гнатюк, ... Ольга Петрівна додала.", "uk")
    {'Гнатюк': 'Ольга Гнатюк'}
    """
    out: dict[str, str] = {}
    for _, name in _people_in(text, language):
        out.setdefault(name.split()[-1], name)
    return out


@lru_cache(maxsize=256)
def _people_in(text: str, language: str) -> tuple[tuple[int, str], ...]:
    """``(position, full name)`` of each full name :func:`full_names` reads in ``text``, in text order."""
    lex = load_typing_lexicon(language)
    out: list[tuple[int, str]] = []
    for m in _PAIR.finditer(text):
        first, last = m.group(1), m.group(2)
        if not (_is_name_word(first) and _is_name_word(last)) or _is_lexicon_word(first, lex) \
                or _is_lexicon_word(last, lex):
            continue
        inside = not _SENTENCE_END.search(text[max(0, m.start() - 3): m.start()])
        if not (inside or is_first_name(first, language)) or is_patronymic(first, language):
            continue
        if is_patronymic(last, language):
            # "Ольга Петрівна Гнатюк" is Ольга Гнатюк; "Ольга Петрівна" alone names no surname.
            surname = _AFTER_WORD.match(text, m.start(2) + len(last))
            if surname is None or not _is_name_word(surname.group(1)) or _is_lexicon_word(surname.group(1), lex):
                continue
            last = surname.group(1)
        out.append((m.start(), nominative_name(f"{first} {last}", language)))
    return tuple(out)


@lru_cache(maxsize=256)
def people_by_role(text: str, language: str) -> tuple[tuple[int, str, str], ...]:
    """``(position, role, full name)`` of each person a text names right after a role word, in text order.

    A role is an entry of ``officials.txt`` that the last five words before
    the name hold, in the same sentence ("мер міста Геннадій Бондар"), as
    :func:`person_cue` keys it; each such entry gives a row. Experts are left
    out: "a doctor" may be any doctor.

    >>> people_by_role("Як повідомив мер міста Геннадій Бондар, воду дали.", "uk")
    ((23, 'мер*', 'Геннадій Бондар'),)
    """
    lex = load_typing_lexicon(language)
    out = []
    for at, name in _people_in(text, language):
        if not is_first_name(name.split()[0], language):
            continue
        window = re.split(r"[.!?]\s", text[max(0, at - 60): at])[-1]
        tokens = [_ELISION.sub("", t) if language == "fr" else t for t in _TOKEN.findall(window)][-5:]
        k = 0
        while k < len(tokens):
            hit = _first_hit(tokens[k:], lex)
            if hit is None:
                break
            if hit[2] == "officials":
                out.append((at, _entry_at(tokens[k:], hit, lex), name))
            k += hit[0] + hit[1]
    return tuple(out)


def _entry_at(tokens: list[str], hit: tuple[int, int, str], lex: TypingLexicon) -> str:
    """The word list entry ``hit`` (:func:`_first_hit`) found in ``tokens``, as one key ("директор*")."""
    at, n, kind = hit
    return " ".join(next(e for e in lex.entries[kind] if len(e) == n and all(
        _word_matches(p, t, lex.language) for p, t in zip(e, tokens[at:at + n]))))


@lru_cache(maxsize=256)
def full_names_by_first(text: str, language: str) -> dict[str, str]:
    """First name -> full name of the people a text names in full (:func:`full_names`), for first names one person has.

    >>> full_names_by_first("Директорка Ольга Гнатюк розповіла ... Ольга Петрівна додала.", "uk")
    {'Ольга': 'Ольга Гнатюк'}
    """
    by_first: dict[str, set[str]] = {}
    for name in full_names(text, language).values():
        by_first.setdefault(name.split()[0], set()).add(name)
    return {first: next(iter(names)) for first, names in by_first.items() if len(names) == 1}


def type_in_languages(spans: Sequence[str], languages: Sequence[str | None], typed: Sequence[tuple[str, str | None]],
                      *, publishers: Sequence[str | None] | None = None, media: MediaIndex | None = None,
                      texts: Sequence[str | None] | None = None) -> list[tuple[str, str | None]]:
    """``typed`` with the spans of articles in :data:`TYPING_LANGUAGES` typed by their language's rules.

    The hook :func:`analysis.sources.classify_sources` calls: rows of English
    (or unknown language) articles keep the type and name they have. With
    ``texts`` (each row's article text), a person named by a surname alone
    takes the full name the article gives them (:func:`full_names`).

    >>> type_in_languages(["Укрінформу", "Reuters"], ["uk", "en"], [("unknown", None), ("news_agency", "Reuters")])
    [('news_agency', 'Ukrinform'), ('news_agency', 'Reuters')]
    """
    publishers = list(publishers) if publishers is not None else [None] * len(spans)
    texts = list(texts) if texts is not None else [None] * len(spans)
    out = list(typed)
    for i, (span, language) in enumerate(zip(spans, languages)):
        if isinstance(language, str) and language in TYPING_LANGUAGES:
            kind, name = type_in_language(span, language, publisher=publishers[i], media=media)
            if kind == "named_person" and name and " " not in name and isinstance(texts[i], str):
                name = full_names(texts[i], language).get(name, name)
            out[i] = (kind, name)
    return out
