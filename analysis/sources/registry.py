"""The media registry: canonical names, aliases, types, countries and domains.

The registry is a CSV (``data/sources/registry.csv``); this module loads it
and answers two questions fast: *which medium does this phrase name?* and
*where in a text are media named?*
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz, process

from analysis.config import LANGUAGES_DIR, REGISTRY_PATH
from analysis.schema import MEDIA_TYPES, require_columns

REGISTRY_COLUMNS = ("name", "aliases", "type", "country", "domain")
# Below this length a name is matched with its exact case: "AP" must not
# match "ap" inside ordinary words, "ABC" must not match "abc".
_CASE_SENSITIVE_BELOW = 4
_LEADING_THE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_WORD_RUN = re.compile(r"\w+")
# A word character outside ASCII: a text holding one takes the full scan in
# MediaIndex.find (case-insensitive matching of such letters is not plain lower()).
_NON_ASCII_WORD_CHAR = re.compile(r"(?![A-Za-z0-9_])\w")
#: Forms shorter than this are never matched fuzzily: one letter off in a
#: short name is another word ("Reuter", "Times", "Mail").
FUZZY_MIN_LENGTH = 8
#: Least :func:`rapidfuzz.fuzz.ratio` (0-100) of a fuzzy match: about one
#: edit in ten characters ("Agence France Presse" for "Agence France-Presse").
FUZZY_CUTOFF = 90.0


def normalize_name(text: str) -> str:
    """Fold a media name for lookup: strip a leading "the", quotes and spaces, lower-case.

    >>> normalize_name(" the  Associated Press ")
    'associated press'
    """
    text = _SPACES.sub(" ", text.strip(" \t\n\"'“”‘’,.")).strip()
    return _LEADING_THE.sub("", text).lower()


def _compact(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", _LEADING_THE.sub("", text.strip()).lower())


def load_registry(path: Path | str = REGISTRY_PATH) -> pd.DataFrame:
    """Load and check the media registry.

    Returns:
        One row per medium with ``name``, ``aliases`` (a list), ``type``,
        ``country`` and ``domain``.

    Raises:
        ValueError: on a missing column, an unknown type, or a name or alias
            used by two media (naming the rows).

    >>> reg = load_registry()
    >>> reg.set_index("name").loc["AFP", "type"]
    'news_agency'
    """
    reg = pd.read_csv(path, dtype=str, keep_default_na=False)
    require_columns(reg, REGISTRY_COLUMNS, table=Path(path).name)
    bad = ~reg["type"].isin(MEDIA_TYPES)
    if bad.any():
        row = int(bad.to_numpy().nonzero()[0][0])
        raise ValueError(f"{Path(path).name} row {row + 2}: field 'type' is {reg['type'].iloc[row]!r}, not one of {MEDIA_TYPES}")
    reg = reg.assign(aliases=reg["aliases"].map(lambda s: [a.strip() for a in s.split("|") if a.strip()]))
    seen: dict[str, int] = {}
    for row, (name, aliases) in enumerate(zip(reg["name"], reg["aliases"])):
        for form in [name, *aliases]:
            key = form if len(form) < _CASE_SENSITIVE_BELOW else normalize_name(form)
            if key in seen and seen[key] != row:
                raise ValueError(f"{Path(path).name} rows {seen[key] + 2} and {row + 2}: name or alias {form!r} is used twice")
            seen[key] = row
    return reg


def _forms(name: str, aliases: list[str]) -> list[tuple[str, str]]:
    """Surface forms of one medium as ``(kind, form)``.

    Kinds: ``"exact"`` for one-word forms, matched with their case ("AP",
    "Reuters", also all capitals); ``"the"`` for one-word names that need their
    article ("The Hill", "The Independent": bare they are ordinary words);
    ``"fold"`` for longer forms, matched in any case.
    """
    out = []
    for form in [name, *aliases]:
        core = _LEADING_THE.sub("", form.strip())
        if " " in core:
            out.append(("fold", core))
        elif core != form.strip() and core[:1].isupper() and core.lower() in _COMMON_WORDS:
            out.append(("the", core))
        else:
            out.append(("exact", core))
            if len(core) >= _CASE_SENSITIVE_BELOW and core.upper() != core:
                out.append(("exact", core.upper()))
    return out


# One-word names that are also ordinary English words; they match only with "the".
_COMMON_WORDS = frozenset(
    "hill guardian independent hindu insider conversation atlantic times post telegraph australian "
    "nation star sun mail mirror express observer economist spectator tribune herald globe "
    "intercept verge daily record standard age local".split()
)


def _add_forms(rows, exact: dict[str, str], folded: dict[str, str], with_the: dict[str, str],
               types: dict[str, str]) -> None:
    """Add the forms of ``rows`` (name, aliases, type) to the tables; forms already there keep their medium."""
    for name, aliases, kind in rows:
        types.setdefault(name, kind)
        for how, form in _forms(name, aliases):
            if how == "fold":
                folded.setdefault(form.lower(), name)
            elif how == "the":
                with_the.setdefault(form, name)
            else:
                exact.setdefault(form, name)


#: Letters of one word of a Cyrillic name, which takes case endings ("Укрінформу", "Интерфаксом").
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]{4,}")
#: The languages whose case endings a Cyrillic media name takes (``data/languages/<xx>/typing/name_endings.csv``).
INFLECTED_LANGUAGES = ("uk", "ru")


@lru_cache(maxsize=1)
def name_endings(root: Path | str = LANGUAGES_DIR) -> dict[str, tuple[str, ...]]:
    """Case endings of Cyrillic names by their final letter ("" for a consonant), over uk and ru.

    >>> name_endings()[""][:3]
    ('а', 'у', 'ом')
    """
    out: dict[str, list[str]] = {}
    for lang in INFLECTED_LANGUAGES:
        path = Path(root) / lang / "typing" / "name_endings.csv"
        if not path.is_file():
            continue
        for row in pd.read_csv(path, dtype=str, keep_default_na=False).itertuples():
            bucket = out.setdefault(row.final, [])
            bucket.extend(e for e in row.endings.split("|") if e and e not in bucket)
    return {k: tuple(v) for k, v in out.items()}


def inflected_forms(form: str) -> list[str]:
    """The case forms of a Cyrillic media name: its last word with each ending of its final letter.

    Names of fewer than four Cyrillic letters in their last word, and names in
    capitals ("ТАСС", "УНН"), are left as they are: abbreviations do not decline.

    >>> inflected_forms("Укрінформ")[:4]
    ['Укрінформа', 'Укрінформу', 'Укрінформом', 'Укрінформі']
    >>> "Радіо Свободі" in inflected_forms("Радіо Свобода"), inflected_forms("ТАСС"), inflected_forms("Reuters")
    (True, [], [])
    """
    head, _, last = form.rpartition(" ")
    if not _CYRILLIC_WORD.fullmatch(last) or last.upper() == last:
        return []
    endings = name_endings()
    final = last[-1].lower()
    if final in endings:
        stem, options = last[:-1], endings[final]
    elif final in "аеєиіїоуюяыэьъй":
        return []
    else:
        stem, options = last, endings.get("", ())
    prefix = f"{head} " if head else ""
    return [f"{prefix}{stem}{e}" for e in options if stem + e != last]


def _add_inflections(rows, exact: dict[str, str], folded: dict[str, str]) -> None:
    """Add the case forms of the registry's Cyrillic names; a form already there keeps its medium."""
    for name, aliases, _ in rows:
        for form in [name, *aliases]:
            core = _LEADING_THE.sub("", form.strip())
            for variant in inflected_forms(core):
                if " " in variant:
                    folded.setdefault(variant.lower(), name)
                else:
                    exact.setdefault(variant, name)


def _fuzzy_forms(folded: dict[str, str], exact: dict[str, str]) -> dict[str, str]:
    """The forms the fuzzy fallback may match (see :attr:`MediaIndex.fuzzy`)."""
    # Forms that need "the" stay out: bare they are ordinary words.
    fuzzy = {f: n for f, n in folded.items() if len(f) >= FUZZY_MIN_LENGTH}
    for form, name in exact.items():
        if len(form) >= FUZZY_MIN_LENGTH and form.lower() not in _COMMON_WORDS:
            fuzzy.setdefault(form.lower(), name)
    return fuzzy


@dataclass(frozen=True)
class MediaIndex:
    """Lookup structures over a registry; build with :meth:`from_registry`.

    Attributes:
        exact: one-word form (exact case) -> canonical name.
        folded: lower-cased multi-word form -> canonical name.
        with_the: one-word forms that need a leading "the" -> canonical name.
        types: canonical name -> media type.
        fuzzy: lower-cased forms of :data:`FUZZY_MIN_LENGTH` or more
            characters -> canonical name, for the fuzzy fallback of :meth:`resolve`.
        base: for an index made by :meth:`with_extra`, the index it extends.
        added: for such an index, its forms that ``base`` lacks (in tables of
            their own), else ``None``.
    """

    exact: dict[str, str]
    folded: dict[str, str]
    with_the: dict[str, str]
    types: dict[str, str]
    fuzzy: dict[str, str] = field(default_factory=dict, repr=False)
    base: "MediaIndex | None" = field(default=None, repr=False)
    added: "MediaIndex | None" = field(default=None, repr=False)

    @classmethod
    def from_registry(cls, registry: pd.DataFrame, *, extra: dict[str, str] | None = None) -> "MediaIndex":
        """Index a registry, plus ``extra`` names (name -> type) such as the publishers of a corpus."""
        exact: dict[str, str] = {}
        folded: dict[str, str] = {}
        with_the: dict[str, str] = {}
        types: dict[str, str] = {}
        rows = list(zip(registry["name"], registry["aliases"], registry["type"]))
        _add_forms(rows, exact, folded, with_the, types)
        # Case forms come after every registered form, so that none takes another medium's own name.
        _add_inflections(rows, exact, folded)
        _add_forms([(name, [], kind) for name, kind in (extra or {}).items() if name], exact, folded, with_the, types)
        index = cls(exact, folded, with_the, types, _fuzzy_forms(folded, exact))
        index.pattern  # compiled now, so that no look-up pays for it
        return index

    def with_extra(self, extra: dict[str, str]) -> "MediaIndex":
        """This index plus ``extra`` names (name -> type), such as the publishers of a corpus.

        The same index as ``from_registry(registry, extra=extra)`` on the
        registry this one was built from, made without compiling a new
        :attr:`pattern` (for a large registry that takes a good part of a
        second): :meth:`find` scans with the base's pattern, and with a small
        one of the added forms where one of them may occur.

        >>> index = default_index().with_extra({"Harbour Ledger": "online_media"})
        >>> index.find("the Harbour Ledger and Reuters reported")
        [(4, 18, 'Harbour Ledger'), (23, 30, 'Reuters')]
        """
        exact, folded, with_the, types = dict(self.exact), dict(self.folded), dict(self.with_the), dict(self.types)
        _add_forms([(name, [], kind) for name, kind in extra.items() if name], exact, folded, with_the, types)
        added = MediaIndex(
            {f: n for f, n in exact.items() if f not in self.exact},
            {f: n for f, n in folded.items() if f not in self.folded},
            {f: n for f, n in with_the.items() if f not in self.with_the},
            {},
        )
        return MediaIndex(exact, folded, with_the, types, _fuzzy_forms(folded, exact), base=self, added=added)

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """One regex finding every registered form in a text."""

        def alternation(forms: list[str]) -> str:
            return "|".join(sorted({re.escape(f) for f in forms}, key=len, reverse=True))

        parts = []
        if self.folded:
            # (?i:...) scopes case-insensitivity to the multi-word forms only.
            parts.append(r"(?i:" + alternation(list(self.folded)).replace(r"\ ", r"\s+") + r")")
        if self.with_the:
            # The span leaves "the" out, as for every medium.
            parts.append(r"(?<=[Tt]he )(?:" + alternation(list(self.with_the)) + r")")
        if self.exact:
            parts.append(alternation(list(self.exact)))
        body = "|".join(parts) or r"(?!x)x"
        return re.compile(r"(?<![\w-])(?:" + body + r")(?![\w-])")

    def resolve(self, text: str, *, fuzzy: bool = True) -> str | None:
        """The canonical name ``text`` names, or ``None``.

        Exact forms first (case kept for one-word names, folded for longer
        ones); then, with ``fuzzy``, a near spelling of a registered form of
        :data:`FUZZY_MIN_LENGTH` or more characters (see :meth:`resolve_fuzzy`).

        >>> index = default_index()
        >>> index.resolve("Agence France-Presse"), index.resolve("the Associated Press")
        ('AFP', 'AP')
        >>> index.resolve("ap") is None, index.resolve("independent") is None
        (True, True)
        >>> index.resolve("Agence France Presse agency"), index.resolve("Asociated Press")
        (None, 'AP')
        """
        text = _SPACES.sub(" ", text.strip(" \t\n\"'“”‘’,."))
        had_the = bool(_LEADING_THE.match(text))
        core = _LEADING_THE.sub("", text)
        if core in self.exact:
            return self.exact[core]
        if core in self.with_the and had_the:
            # "Independent", "Times" alone are ordinary words; "the Times" is a paper.
            return self.with_the[core]
        found = self.folded.get(core.lower())
        if found is None and fuzzy:
            found = self.resolve_fuzzy(core)
        return found

    def resolve_fuzzy(self, text: str, *, cutoff: float = FUZZY_CUTOFF) -> str | None:
        """The medium a near spelling names, or ``None`` when no match is safe.

        A match needs all of: both forms at least :data:`FUZZY_MIN_LENGTH`
        characters, a :func:`rapidfuzz.fuzz.ratio` of ``cutoff`` or more, the
        same number of words, each word starting with the same letter, the
        text starting with a capital, and no second medium as close (an
        ambiguous spelling names nobody).

        >>> default_index().resolve_fuzzy("Agence France Presse")
        'AFP'
        >>> default_index().resolve_fuzzy("Reuters Street") is None
        True
        """
        core = text.strip()
        # Collapsing spaces only shortens the text and keeps its first letter: test the cheap things first.
        if len(core) < FUZZY_MIN_LENGTH or not core[:1].isupper() or not self.fuzzy:
            return None
        core = _SPACES.sub(" ", core)
        if len(core) < FUZZY_MIN_LENGTH:
            return None
        low = core.lower()
        words = low.replace("-", " ").split()
        # Only a form with the same initials can be accepted below: without one
        # that close, the scan over every form of as many words is skipped.
        alike = self._fuzzy_by_initials.get(_initials(words), ())
        if process.extractOne(low, alike, scorer=fuzz.ratio, score_cutoff=cutoff) is None:
            return None
        pool = self._fuzzy_by_words.get(len(words), ())
        hits = process.extract(low, pool, scorer=fuzz.ratio, score_cutoff=cutoff, limit=5)
        names = []
        for form, score, _ in hits:
            cand = form.replace("-", " ").split()
            if len(cand) == len(words) and all(a[0] == b[0] for a, b in zip(cand, words)):
                names.append((score, self.fuzzy[form]))
        if not names:
            return None
        best = max(score for score, _ in names)
        top = {name for score, name in names if score == best}
        return top.pop() if len(top) == 1 else None

    def resolve_outlet(self, outlet: str) -> str | None:
        """The medium an outlet label of a corpus names ("reuters", "jordantimes", "Daily Sabah").

        Outlet labels are metadata, not running text, so case and spacing are
        ignored: a name or alias matches when both read the same with only
        letters and digits kept.

        >>> index = default_index()
        >>> index.resolve_outlet("jordantimes"), index.resolve_outlet("reuters"), index.resolve_outlet("x") is None
        ('The Jordan Times', 'Reuters', True)
        """
        found = self.resolve(outlet, fuzzy=False)
        if found is None and len(_compact(outlet)) >= 3:
            found = self._compact_forms.get(_compact(outlet))
        return found

    @cached_property
    def _compact_forms(self) -> dict[str, str]:
        forms: dict[str, str] = {}
        for table in (self.folded, self.with_the, self.exact):
            for form, name in table.items():
                forms.setdefault(_compact(form), name)
        for name in self.types:
            forms.setdefault(_compact(_LEADING_THE.sub("", name)), name)
        return forms

    @cached_property
    def _fuzzy_by_words(self) -> dict[int, list[str]]:
        # Only forms with as many words can match, so each lookup scans few.
        groups: dict[int, list[str]] = {}
        for form in self.fuzzy:
            groups.setdefault(len(form.replace("-", " ").split()), []).append(form)
        return groups

    @cached_property
    def _fuzzy_by_initials(self) -> dict[str, list[str]]:
        groups: dict[str, list[str]] = {}
        for form in self.fuzzy:
            groups.setdefault(_initials(form.replace("-", " ").split()), []).append(form)
        return groups

    @cached_property
    def _find_filter(self) -> tuple[frozenset[str], dict[str, list[str | None]], frozenset[str]] | None:
        """What a text must hold for :attr:`pattern` to match in it, or ``None`` to always scan.

        A match starts at a word start with the first run of word characters
        of some form (its *head*) and, since the form goes on with a non-word
        character or ends there, that run of the text is the head itself. For
        one-word forms it is in their case; a longer form appears whole in the
        lower-cased text with its spaces collapsed. Forms opening with a
        non-word character ("+972 Magazine") need that character in the text.

        ``lower()`` folds case as the pattern does, except for non-ASCII
        letters with an ASCII twin (the pattern lets "ı" match "i"): a longer
        form holding one is checked by its head alone (``None`` in its list),
        and such a head means always scanning.

        Returns:
            ``(one-word heads, head -> longer forms, opening characters)``.
        """
        if self.base is not None:
            # Each form adds to the filter on its own: join the base's and the added forms'.
            base, added = self.base._find_filter, self.added._find_filter
            if base is None or added is None:
                return None
            any_case = dict(base[1])
            for head, forms in added[1].items():
                any_case[head] = [*any_case.get(head, ()), *forms]
            return base[0] | added[0], any_case, base[2] | added[2]

        def has_twin(text: str) -> bool:
            return any(not c.isascii() and any(re.fullmatch(re.escape(c), chr(a), re.IGNORECASE) for a in range(128))
                       for c in text)

        with_case, any_case, openers = set(), {}, set()
        for form in (*self.folded, *self.with_the, *self.exact):
            head = _WORD_RUN.match(form)
            if head is None:
                openers.add(form[0])
            elif form not in self.folded:
                with_case.add(head.group())
            elif has_twin(head.group()):
                return None
            else:
                any_case.setdefault(head.group().lower(), []).append(
                    None if has_twin(form) else _SPACES.sub(" ", form.lower()))
        return frozenset(with_case), any_case, frozenset(openers)

    def _may_name_a_medium(self, text: str) -> bool:
        """False only when :attr:`pattern` cannot match in ``text`` (a quick check before the scan)."""
        if self._find_filter is None or (not text.isascii() and _NON_ASCII_WORD_CHAR.search(text)):
            return True
        with_case, any_case, openers = self._find_filter
        runs = _WORD_RUN.findall(text)
        if not with_case.isdisjoint(runs) or any(c in text for c in openers):
            return True
        longer = [form for run in runs for form in any_case.get(run.lower(), ())]
        if not longer:
            return False
        folded = _SPACES.sub(" ", text).lower()
        return any(form is None or form in folded for form in longer)

    def type_of(self, name: str) -> str | None:
        """The media type of a canonical name."""
        return self.types.get(name)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Every registered media name in ``text`` as ``(start, end, canonical)``.

        >>> default_index().find("UNN reports with reference to VRT and Agence France-Presse.")
        [(0, 3, 'UNN'), (30, 33, 'VRT'), (38, 58, 'AFP')]
        """
        out = []
        for m in self._matches(text):
            # The pattern only lets a "the"-form through after "the".
            name = self.with_the.get(m.group()) or self.resolve(m.group(), fuzzy=False)
            if name is not None:
                out.append((m.start(), m.end(), name))
        return out

    def _matches(self, text: str) -> Iterable[re.Match[str]]:
        """The matches of :attr:`pattern` in ``text``."""
        if self.base is None:
            # Most sources name no medium; the scan over every form is the slow part.
            return self.pattern.finditer(text) if self._may_name_a_medium(text) else ()
        if not self._may_name_a_medium(text):
            return ()
        if not self.added._may_name_a_medium(text):
            # None of the added forms can match here, so the base's pattern finds what this index's would.
            return self.base.pattern.finditer(text)
        return self._merged_matches(text)

    def _merged_matches(self, text: str) -> list[re.Match[str]]:
        """The matches of :attr:`pattern` from those of the base's pattern and of the added forms' own.

        The whole pattern matches at the first offset where either does, with
        the form that one matches there. Where both start a match at the same
        offset, which form the whole pattern prefers is its own business: it
        is compiled and run then.
        """
        base, added = self.base.pattern, self.added.pattern
        out = []
        next_base, next_added = base.search(text), added.search(text)
        while next_base is not None or next_added is not None:
            if next_base is not None and next_added is not None and next_base.start() == next_added.start():
                return list(self.pattern.finditer(text))
            if next_added is None or (next_base is not None and next_base.start() < next_added.start()):
                m = next_base
            else:
                m = next_added
            out.append(m)
            # The scan goes on after the match; a pending match that overlaps it is looked for again.
            if next_base is not None and next_base.start() < m.end():
                next_base = base.search(text, m.end())
            if next_added is not None and next_added.start() < m.end():
                next_added = added.search(text, m.end())
        return out


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words)


@lru_cache(maxsize=4)
def default_index(path: Path | str = REGISTRY_PATH) -> MediaIndex:
    """The :class:`MediaIndex` of the shipped registry, built once per process."""
    return MediaIndex.from_registry(load_registry(path))
