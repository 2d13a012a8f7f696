"""Tokens, sentences and quotations of one article, with character offsets.

:func:`parse` works on whole arrays of characters (NumPy) rather than token by
token, so that an article of a thousand words is cut in a fraction of a
millisecond. The regular expressions ``_TOKEN`` and ``_BOUNDARY`` state what it
computes: tokens are the matches of ``_TOKEN`` and sentences start where the
matches of ``_BOUNDARY`` end (tests/text/test_text_tokens.py checks both).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np

# A word keeps inner hyphens, apostrophes, dots and ampersands ("France-Presse",
# "Hamas's", "U.S.", "AT&T"); anything else that is not space is one token.
_TOKEN = re.compile(r"\w+(?:[-'’.&]\w+)*|[^\w\s]")
_JOINERS = "-'’.&"
# The look-behind starts a match only at the first mark of a run, so a long run
# of "!!!!" is scanned once rather than once per mark (quadratic).
# In the scanned text an opening '' reads '" ' ("distance. ''This" -> 'distance. " This').
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]+[\"”’')\]]*(?=\s+(?:\" |[\"“‘'(\[])?[A-Z0-9])|\n\s*\n|\n(?=\s*[A-Z0-9\"“])")
# The line-break part of ``_BOUNDARY`` (see _sentence_starts).
_LINE_BREAK = re.compile(r"\n\s*\n|\n(?=\s*[A-Z0-9\"“])")
_PARAGRAPH = re.compile(r"\n\s*\n")
_MARKS, _CLOSERS, _OPENERS = ".!?…", "\"”’')]", "\"“‘'(["
# Abbreviations whose period ends no sentence.
_ABBREV = frozenset(
    "mr mrs ms dr prof gen lt col maj capt sgt sen sens rep reps gov pres fr supt atty st jr sr no vs etc "
    "inc corp ltd co rev "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m".split()
)
# State abbreviations of US news style ("Sen. Tom Carper, D-Del., said";
# "Calif. Gov. Jerry Brown"): abbreviations only when capitalised ("ill." is a word).
_ABBREV_STATES = frozenset(
    "Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev "
    "Okla Ore Pa Tenn Tex Vt Va Wash Wis Wyo".split()
)
# Lower-casing never shortens a word, so a longer word is no abbreviation.
_ABBREV_MAX = max(map(len, _ABBREV | _ABBREV_STATES))
# Of those, the ones a sentence may end with ("... in the U.S. He said"): their
# period ends the sentence when a word that only opens sentences follows.
_ABBREV_FINAL = frozenset("u.s u.k u.n inc corp ltd co etc jr sr a.m p.m".split())
_SENTENCE_OPENERS = re.compile(
    r"\s+(?:\" |[\"“‘'])?(?:He|She|It|They|We|I|You|The|A|An|But|And|This|That|These|Those|There|His|Her|Their|Its|"
    r"In|On|At|After|Before|When|While|If|As|Some|Many|Most|Still|Yet|So)\b"
)
QUOTE_CHARS = frozenset('"“”')
OPEN_QUOTES = frozenset('"“')
CLOSE_QUOTES = frozenset('"”')


@dataclass
class Doc:
    """An article cut into tokens and sentences.

    Attributes:
        text: the article text.
        starts, ends, words: token offsets and strings, in parallel lists.
        sent_of: sentence index of each token.
        sent_bounds: ``(start_token, end_token)`` (end exclusive) of each sentence.
        quotes: ``(open, close)`` character offsets of each quotation's marks.
        lower: the lower-cased words.
    """

    text: str
    starts: list[int]
    ends: list[int]
    words: list[str]
    sent_of: list[int]
    sent_bounds: list[tuple[int, int]]
    quotes: list[tuple[int, int]]
    lower: list[str] = field(default_factory=list)

    def sentence_span(self, index: int) -> tuple[int, int]:
        """Character span of sentence ``index``."""
        first, last = self.sent_bounds[index]
        return self.starts[first], self.ends[last - 1]

    def quote_closing_at(self, pos: int) -> tuple[int, int] | None:
        """The quotation whose closing mark is at character ``pos``."""
        return self._quote_by_close.get(pos)

    def quote_opening_at(self, pos: int) -> tuple[int, int] | None:
        """The quotation whose opening mark is at character ``pos``."""
        return self._quote_by_open.get(pos)

    def quote_opens_in(self, start: int, end: int) -> bool:
        """Whether a quotation opens at a character in ``[start, end)``."""
        opens = self._quote_opens
        i = bisect_left(opens, start)
        return i < len(opens) and opens[i] < end

    # Lookup tables over ``quotes`` (which is in text order), so that a text
    # with thousands of quotations is not scanned once per cue.
    @cached_property
    def _quote_by_close(self) -> dict[int, tuple[int, int]]:
        return {q[1]: q for q in self.quotes}

    @cached_property
    def _quote_by_open(self) -> dict[int, tuple[int, int]]:
        return {q[0]: q for q in self.quotes}

    @cached_property
    def _quote_opens(self) -> list[int]:
        return [q[0] for q in self.quotes]

    def n_words_in(self, start: int, end: int) -> int:
        """How many words (tokens opening on a letter or digit) lie in characters ``[start, end)``.

        Two look-ups in a running count, so asking it once per quotation of a
        long sentence costs no scan of that sentence.

        >>> parse('He said: "It is done."').n_words_in(0, 9)
        2
        """
        first, last = bisect_left(self.starts, start), bisect_left(self.starts, end)
        counts = self._word_counts
        return counts[last] - counts[first] if last > first else 0

    @cached_property
    def _word_counts(self) -> list[int]:
        counts, n = [0], 0
        for w in self.words:
            n += w[:1].isalnum()
            counts.append(n)
        return counts

    @cached_property
    def lowered(self) -> list[str]:
        """``word.lower()`` of each word.

        That is ``lower`` itself, except in a text holding a capital sigma,
        which ``lower`` lower-cases in the context of the whole text (final or not).
        """
        if len(self.lower) == len(self.words) and "Σ" not in self.text:
            return self.lower
        return [w.lower() for w in self.words]


# -- characters as arrays ------------------------------------------------------------
# Each character gets flags: space (what ``\s`` matches), word (``\w``), joiner
# (may glue two words into one token), sentence mark, quotation mark, word or
# period (``[\w.]``), line break.
_SPACE, _WORD, _JOINER, _MARK, _QUOTE, _WORD_OR_DOT, _NEWLINE = 1, 2, 4, 8, 16, 32, 64


def _char_flags(ch: str) -> int:
    word = ch.isalnum() or ch == "_"
    return (
        (_SPACE if ch.isspace() else 0)
        | (_WORD if word else 0)
        | (_JOINER if ch in _JOINERS else 0)
        | (_MARK if ch in _MARKS else 0)
        | (_QUOTE if ch in QUOTE_CHARS else 0)
        | (_WORD_OR_DOT if word or ch == "." else 0)
        | (_NEWLINE if ch == "\n" else 0)
    )


@lru_cache(maxsize=1)
def _bmp_flags() -> np.ndarray:
    """The flags of every character below U+10000 (64 KB, built once)."""
    return np.fromiter((_char_flags(chr(c)) for c in range(0x10000)), dtype=np.uint8, count=0x10000)


def _flags(text: str) -> np.ndarray:
    """The flags of each character of ``text``."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if codes.max() < 0x10000:
        return _bmp_flags().take(codes)
    out = _bmp_flags().take(np.minimum(codes, 0xFFFF))
    astral = codes > 0xFFFF
    out[astral] = [_char_flags(chr(c)) for c in codes[astral].tolist()]
    return out


def _tokens(flags: np.ndarray) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Starts and ends (exclusive) of the matches of ``_TOKEN``, and the offsets
    where a token starts right at the end of another."""
    word = (flags & _WORD) != 0
    # A joiner between two word characters belongs to the word ("U.S", "Hamas's").
    wordish = word.copy()
    wordish[1:-1] |= ((flags[1:-1] & _JOINER) != 0) & word[:-2] & word[2:]
    glued = wordish[1:] & wordish[:-1]  # characters i and i + 1 are in one token
    in_token = (flags & _SPACE) == 0
    start, end = in_token.copy(), in_token.copy()
    start[1:] &= ~glued
    end[:-1] &= ~glued
    touching = (np.flatnonzero(start[1:] & in_token[:-1]) + 1).tolist()
    return np.flatnonzero(start), np.flatnonzero(end) + 1, touching


# -- sentences ------------------------------------------------------------------------
# The mark part of ``_BOUNDARY``, tried only where a run of marks starts.
_MARK_END = re.compile(r"(?<![.!?…])[.!?…]+[\"”’')\]]*(?=\s+(?:\" |[\"“‘'(\[])?[A-Z0-9])")
# The same two parts for the other languages the kit reads: capitals of the
# Latin and Cyrillic alphabets, and their quotation marks and the dash of
# dialogue as sentence openers ("… заявив він. «Ми…", "… sagte er. „Wir…",
# "…. — Ми…"). English keeps the narrower patterns its model was tuned on.
_CAPITALS = "A-Z0-9À-ÖØ-ÞĄĆČĎĘĚŁŃŇŒŘŚŠŤŮŹŻŽА-ЯЁЄІЇҐ"
_WIDE_OPENERS = r"\"“‘'(\[«„‚»‹›—–"
_WIDE_CLOSERS = r"\"”’')\]»«“‘›‹"
_WIDE_MARK_END = re.compile(
    rf"(?<![.!?…])[.!?…]+[{_WIDE_CLOSERS}]*(?=\s+(?:\" |[{_WIDE_OPENERS}]\s?)?[{_CAPITALS}])")
_WIDE_LINE_BREAK = re.compile(rf"\n\s*\n|\n(?=\s*[{_CAPITALS}{_WIDE_OPENERS}])")


def _abbreviations(text: str, flags: np.ndarray, periods: list[int]) -> set[int]:
    r"""Those of ``periods`` that end an abbreviation ("Mr.") or an initial ("F.").

    The word before a period is what ``([\w.]+)$`` finds in the 12 characters
    before it (``$`` also matches before a final line break).
    """
    if not periods:
        return set()
    at = np.array(periods)
    lo = np.maximum(at - 12, 0)
    end = at - ((at > lo) & (flags[at - 1] & _NEWLINE != 0))
    # The word starts after the last character before ``end`` that is not [\w.].
    others = np.flatnonzero(flags & _WORD_OR_DOT == 0)
    start = np.maximum(np.append(-1, others)[np.searchsorted(others, end)] + 1, lo)
    found = set()
    for period, a, b in zip(periods, start.tolist(), end.tolist()):
        # Lower-casing never shortens a word, so a longer one is no abbreviation.
        if 0 < b - a <= _ABBREV_MAX:
            word = text[a:b]
            if word.lower() in _ABBREV or word in _ABBREV_STATES or (len(word) == 1 and word.isupper()):
                if (word.lower() in _ABBREV_FINAL or word in _ABBREV_STATES) and _SENTENCE_OPENERS.match(text, period + 1):
                    continue
                found.add(period)
    return found


def _sentence_starts(text: str, flags: np.ndarray, *, wide: bool = False) -> list[int]:
    """Where sentences start: 0 and the ends of the matches of ``_BOUNDARY``,
    except periods that end an abbreviation or an initial (with ``wide``, the
    patterns of the other alphabets)."""
    mark_end, line_break = (_WIDE_MARK_END, _WIDE_LINE_BREAK) if wide else (_MARK_END, _LINE_BREAK)
    mark = (flags & _MARK) != 0
    # A match of the mark part can only start where a run of marks starts, and
    # it never reaches the next run, so trying those offsets finds every match.
    runs = (np.flatnonzero(mark[1:] & ~mark[:-1]) + 1).tolist()
    if mark[0]:
        runs.insert(0, 0)
    matches = [(pos, m.end()) for pos in runs if (m := mark_end.match(text, pos)) is not None]
    skip = _abbreviations(text, flags, [pos for pos, _ in matches if text[pos] == "."])
    # Marks and line breaks never overlap, so the two parts can be matched apart.
    return [0, *(end for pos, end in matches if pos not in skip), *(m.end() for m in line_break.finditer(text))]


def _quotations(text: str, flags: np.ndarray) -> list[tuple[int, int]]:
    """Pair quotation marks; straight quotes alternate, a paragraph break resets them."""
    breaks = [m.start() for m in _PARAGRAPH.finditer(text)]
    out = []
    open_at = None
    for pos in np.flatnonzero(flags & _QUOTE).tolist():
        if open_at is not None and breaks:
            i = bisect_right(breaks, open_at)
            if i < len(breaks) and breaks[i] < pos:
                open_at = None
        ch = text[pos]
        if ch == "“" or (ch == '"' and open_at is None):
            open_at = pos
        elif open_at is not None:
            out.append((open_at, pos))
            open_at = None
    return out


def parse(text: str, *, language: str = "en") -> Doc:
    """Cut ``text`` into tokens, sentences and quotations.

    Args:
        text: the article text.
        language: ``"en"`` (default), or another language code: sentences then
            also start at Cyrillic and accented capitals and after the
            quotation marks and dialogue dashes of those languages.

    >>> doc = parse('He said: "Yes." Then he left.')
    >>> doc.words[:4], len(doc.sent_bounds), doc.quotes
    (['He', 'said', ':', '"'], 2, [(9, 14)])
    >>> len(parse("Він пішов. Вона прийшла. «Так», — сказала вона.", language="uk").sent_bounds)
    3
    """
    # Two apostrophes stand for a double quotation mark in some copy (''Yes,'');
    # read them as one '"' (same offsets) so quotations pair up.
    scan = text.replace("''", '" ') if "''" in text else text
    if not scan:
        return Doc(text, [], [], [], [], [], [], [])
    flags = _flags(scan)
    start_arr, end_arr, touching = _tokens(flags)
    # A space between touching tokens lets str.split cut every token at C speed.
    spaced = " ".join([scan[a:b] for a, b in zip([0, *touching], [*touching, len(scan)])])
    words = spaced.split()
    if "Σ" not in scan:
        # Lower-casing is then the same character by character, in context or not.
        lower = spaced.lower().split()
    else:
        # Capital sigma lower-cases by context (final or not): lower the whole text.
        low_text = scan.lower()
        lower = _TOKEN.findall(low_text) if len(low_text) == len(scan) else []
        if len(lower) != len(words):
            lower = [w.lower() for w in words]
    starts, ends = start_arr.tolist(), end_arr.tolist()
    # Sentences as token ranges; sentences without tokens leave no gaps.
    firsts = sorted(set(np.searchsorted(start_arr, _sentence_starts(scan, flags, wide=language != "en")).tolist()) - {len(starts)})
    bounds = list(zip(firsts, firsts[1:] + [len(starts)]))
    new_sentence = np.zeros(len(starts), dtype=np.int64)
    new_sentence[firsts[1:]] = 1
    sent_of = np.cumsum(new_sentence).tolist()
    return Doc(text, starts, ends, words, sent_of, bounds, _quotations(scan, flags), lower)
