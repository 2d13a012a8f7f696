"""The extraction resources of one language, read from ``data/languages/<code>/``.

Each folder holds the same files (``data/languages/README.md`` says what each
one holds and how it was curated); :class:`Language` is what the rule engine of
:mod:`analysis.extract.multilingual` reads. English is not among them: it has
its own extractor (:mod:`analysis.extract.rules` and the learned model).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis.config import LANGUAGES_DIR
from analysis.text.lexicons import read_word_list

#: Where a credit formula finds its source: after it ("за словами X"), before
#: it ("Angaben zufolge"), or in its slot ("за його словами").
FORMULA_SIDES = ("after", "before", "inside")
#: What a credit formula says: credits a source, or relays one ("з посиланням на").
FORMULA_KINDS = ("according_to", "citing")
#: Where a credit formula may stand: anywhere, after a comma, or opening a clause.
FORMULA_POSITIONS = ("", "comma", "clause")
#: Where an anaphoric content phrase ("Про це", "Об этом") points.
ANAPHORA_TARGETS = ("phrase", "previous")


@dataclass(frozen=True)
class Formula:
    """One credit formula: its words (``{poss}`` marks a possessive slot) and how it reads."""

    words: tuple[str, ...]
    side: str
    kind: str
    position: str  # "" anywhere; "comma" only after a comma ('„…“, so Littmann'); "clause" there or opening a sentence


@dataclass(frozen=True)
class Language:
    """The word lists of one language (all lower-cased but the quotation marks)."""

    code: str
    cue_verbs: dict[str, str]  # form -> kind (speech, report, belief, finding)
    formulas: dict[str, list[Formula]]  # first word -> formulas starting with it, longest first
    pronouns: frozenset[str]  # subject pronouns ("він", "er", "il", "hij")
    possessives: frozenset[str]  # words of the ``{poss}`` slot ("його", "seiner")
    inversion_suffixes: tuple[str, ...]  # French "-t-il": verb and pronoun in one token
    auxiliaries: frozenset[str]  # joined to a following cue verb ("a déclaré", "hat gesagt", "не заявив")
    subordinators: frozenset[str]  # open a reported clause ("що", "dass", "que")
    clause_openers: frozenset[str]  # words that start a clause but no subject ("про", "am", "dans")
    skip_words: frozenset[str]  # adverbs between a subject and its verb ("також", "auch")
    np_stops: frozenset[str]  # words that end a source found after its cue ("у", "am", "lors")
    addressees: frozenset[str]  # the hearers after a cue ("журналістам", "reporters")
    coordinators: frozenset[str]  # join two sources of one cue ("та", "und")
    source_prepositions: frozenset[str]  # open a source after its cue ("заявили у прокуратурі")
    addressee_prepositions: frozenset[str]  # open the hearer after a cue ("à l'AFP", "tegen de NOS")
    determiners: frozenset[str]  # before a word, make it a noun ("l'annonce", "die Meldung")
    participles: frozenset[str]  # cue forms that need a finite auxiliary before them ("hat … angekündigt")
    finite_auxiliaries: frozenset[str]  # those auxiliaries
    passive_auxiliaries: frozenset[str]  # after a participle, make it a passive ("wurde gemeldet")
    separable: dict[str, dict[str, str]]  # finite form -> particle -> kind ("gab … bekannt")
    subjunctive_continues: bool  # German: a sentence in the subjunctive after an attribution goes on its speech
    verb_second: bool  # German, Dutch: one phrase stands before the finite verb of a main clause
    nouns_capitalized: bool  # German: a capitalised cue form inside a sentence is a noun
    relatives: frozenset[str]  # relative pronouns that stand for the source before them ("який", "der")
    anaphora: dict[tuple[str, ...], str]  # words -> target ("phrase" or "previous")
    subjunctive: frozenset[str]  # verb forms of reported speech (German Konjunktiv I)
    quote_pairs: tuple[tuple[str, str], ...]  # (opening, closing) marks
    dashes: frozenset[str]  # marks that sign a quotation ("— сказав він")


def _apostrophes(words: frozenset[str]) -> frozenset[str]:
    """``words`` with each apostrophe written both ways ("s'est", "s’est"): copy uses either."""
    return words | {w.replace("'", "’") for w in words} | {w.replace("’", "'") for w in words}


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return [row for row in csv.DictReader(line for line in fh if line.strip() and not line.startswith("#"))]


def supported_languages(folder: Path | str = LANGUAGES_DIR) -> tuple[str, ...]:
    """The codes of the languages with a resource folder, in sorted order.

    >>> supported_languages()
    ('de', 'fr', 'nl', 'ru', 'uk')
    """
    folder = Path(folder)
    return tuple(sorted(p.name for p in folder.iterdir() if (p / "cue_verbs.csv").is_file()))


@lru_cache(maxsize=16)
def load_language(code: str, folder: Path | str = LANGUAGES_DIR) -> Language:
    """Read the resources of language ``code``.

    Raises:
        ValueError: the language has no folder, or a file holds a value it may not.

    >>> lang = load_language("uk")
    >>> lang.cue_verbs["заявив"], "з посиланням на" in {" ".join(f.words) for f in lang.formulas["з"]}
    ('speech', True)
    """
    base = Path(folder) / code
    if not (base / "cue_verbs.csv").is_file():
        raise ValueError(f"no extraction resources for language {code!r} (have {supported_languages(folder)})")

    def words(name: str) -> frozenset[str]:
        path = base / name
        return _apostrophes(frozenset(w.lower() for w in read_word_list(path))) if path.is_file() else frozenset()

    verbs = {}
    for n, row in enumerate(_csv(base / "cue_verbs.csv"), start=2):
        form = row["form"].strip().lower()
        for spelling in _apostrophes(frozenset([form])):
            verbs[spelling] = row["kind"].strip()
    formulas: dict[str, list[Formula]] = {}
    for n, row in enumerate(_csv(base / "formulas.csv"), start=2):
        side, kind = row["source"].strip(), row["kind"].strip()
        if side not in FORMULA_SIDES or kind not in FORMULA_KINDS:
            raise ValueError(f"{base / 'formulas.csv'} line {n}: source must be one of {FORMULA_SIDES} "
                             f"and kind one of {FORMULA_KINDS}, got {side!r}, {kind!r}")
        position = (row.get("position") or "").strip()
        if position not in FORMULA_POSITIONS:
            raise ValueError(f"{base / 'formulas.csv'} line {n}: position must be one of {FORMULA_POSITIONS}")
        f = Formula(tuple(row["phrase"].lower().split()), side, kind, position)
        formulas.setdefault(f.words[0], []).append(f)
    for forms in formulas.values():
        forms.sort(key=lambda f: -len(f.words))
    anaphora = {}
    if (base / "anaphora.csv").is_file():
        for n, row in enumerate(_csv(base / "anaphora.csv"), start=2):
            if row["target"] not in ANAPHORA_TARGETS:
                raise ValueError(f"{base / 'anaphora.csv'} line {n}: target must be one of {ANAPHORA_TARGETS}")
            anaphora[tuple(row["phrase"].lower().split())] = row["target"]
    flags = words("flags.txt")
    separable: dict[str, dict[str, str]] = {}
    if (base / "separable.csv").is_file():
        for row in _csv(base / "separable.csv"):
            separable.setdefault(row["finite"].strip().lower(), {})[row["particle"].strip().lower()] = row["kind"].strip()
    pairs = tuple(tuple(line.split()) for line in read_word_list(base / "quotes.txt"))
    if any(len(p) != 2 for p in pairs):
        raise ValueError(f"{base / 'quotes.txt'}: each line must be an opening and a closing mark")
    return Language(
        code=code,
        cue_verbs=verbs,
        formulas=formulas,
        pronouns=words("pronouns.txt"),
        possessives=words("possessives.txt"),
        inversion_suffixes=tuple(sorted(words("inversion_suffixes.txt"), key=len, reverse=True)),
        auxiliaries=words("auxiliaries.txt"),
        subordinators=words("subordinators.txt"),
        clause_openers=words("clause_openers.txt"),
        skip_words=words("skip_words.txt"),
        np_stops=words("np_stops.txt"),
        addressees=words("addressees.txt"),
        coordinators=words("coordinators.txt"),
        source_prepositions=words("source_prepositions.txt"),
        relatives=words("relatives.txt"),
        addressee_prepositions=words("addressee_prepositions.txt"),
        determiners=words("determiners.txt"),
        nouns_capitalized="nouns_capitalized" in flags,
        verb_second="verb_second" in flags,
        subjunctive_continues="subjunctive_continues" in flags,
        participles=words("participles.txt"),
        finite_auxiliaries=words("finite_auxiliaries.txt"),
        passive_auxiliaries=words("passive_auxiliaries.txt"),
        separable=separable,
        anaphora=anaphora,
        subjunctive=words("subjunctive.txt"),
        quote_pairs=pairs,
        dashes=frozenset(read_word_list(base / "dashes.txt")) if (base / "dashes.txt").is_file() else frozenset("—–"),
    )
