"""Tokens, sentences and quotations of one article, with character offsets."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property

# A word keeps inner hyphens, apostrophes, dots and ampersands ("France-Presse",
# "Hamas's", "U.S.", "AT&T"); anything else that is not space is one token.
_TOKEN = re.compile(r"\w+(?:[-'’.&]\w+)*|[^\w\s]")
# The look-behind starts a match only at the first mark of a run, so a long run
# of "!!!!" is scanned once rather than once per mark (quadratic).
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])|\n\s*\n|\n(?=\s*[A-Z0-9\"“])")
# Abbreviations whose period ends no sentence.
_ABBREV = frozenset(
    "mr mrs ms dr prof gen lt col maj capt sgt sen rep gov st jr sr no vs etc inc corp ltd co rev "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m".split()
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


def _sentence_starts(text: str) -> list[int]:
    starts = [0]
    for m in _BOUNDARY.finditer(text):
        if m.group().startswith("."):
            word = re.search(r"([\w.]+)$", text[max(0, m.start() - 12): m.start()])
            if word and word.group(1).lower() in _ABBREV:
                continue
            # An initial ("John F. Kennedy") is no sentence end either.
            if word and len(word.group(1)) == 1 and word.group(1).isupper():
                continue
        starts.append(m.end())
    return starts


def _quotations(text: str) -> list[tuple[int, int]]:
    """Pair quotation marks; straight quotes alternate, a paragraph break resets them."""
    out = []
    open_at = None
    for m in re.finditer(r'["“”]|\n\s*\n', text):
        ch = m.group()
        if ch[0] == "\n":
            open_at = None
        elif ch == "“" or (ch == '"' and open_at is None):
            open_at = m.start()
        elif open_at is not None:
            out.append((open_at, m.start()))
            open_at = None
    return out


def parse(text: str) -> Doc:
    """Cut ``text`` into tokens, sentences and quotations.

    >>> doc = parse('He said: "Yes." Then he left.')
    >>> doc.words[:4], len(doc.sent_bounds), doc.quotes
    (['He', 'said', ':', '"'], 2, [(9, 14)])
    """
    # Two apostrophes stand for a double quotation mark in some copy (''Yes,'');
    # read them as one '"' (same offsets) so quotations pair up.
    scan = text.replace("''", '" ') if "''" in text else text
    matches = list(_TOKEN.finditer(scan))
    starts = [m.start() for m in matches]
    ends = [m.end() for m in matches]
    words = [m.group() for m in matches]
    # Lower-casing the whole text keeps offsets unless a character changes length.
    low_text = scan.lower()
    lower = _TOKEN.findall(low_text) if len(low_text) == len(scan) else []
    if len(lower) != len(words):
        lower = [w.lower() for w in words]
    # Sentences as token ranges; sentences without tokens leave no gaps.
    firsts = sorted({bisect_left(starts, s) for s in _sentence_starts(scan)} - {len(starts)})
    if starts and (not firsts or firsts[0] != 0):
        firsts.insert(0, 0)
    bounds = list(zip(firsts, firsts[1:] + [len(starts)]))
    sent_of: list[int] = []
    for n, (a, b) in enumerate(bounds):
        sent_of += [n] * (b - a)
    return Doc(text, starts, ends, words, sent_of, bounds, _quotations(scan), lower)
