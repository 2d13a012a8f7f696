"""parse() against its definition: tokens are the matches of ``_TOKEN``, sentences
start where the matches of ``_BOUNDARY`` end, and the fields of a Doc agree
with each other. ``parse`` computes all this on character arrays; the
reference below does it match by match, as the definition reads."""

from __future__ import annotations

import re
from bisect import bisect_left

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.text.tokens import _ABBREV, _ABBREV_FINAL, _ABBREV_STATES, _BOUNDARY, _SENTENCE_OPENERS, _TOKEN, parse


def _reference(text: str) -> dict:
    """Tokens, sentences and quotations of ``text``, one regular-expression match at a time."""
    scan = text.replace("''", '" ') if "''" in text else text
    matches = list(_TOKEN.finditer(scan))
    starts = [m.start() for m in matches]
    sentence_starts = [0]
    for m in _BOUNDARY.finditer(scan):
        if m.group().startswith("."):
            word = re.search(r"([\w.]+)$", scan[max(0, m.start() - 12): m.start()])
            w = word.group(1) if word else ""
            if word and (w.lower() in _ABBREV or w in _ABBREV_STATES or (len(w) == 1 and w.isupper())):
                # ... unless the abbreviation may end a sentence and a sentence opener follows.
                if not ((w.lower() in _ABBREV_FINAL or w in _ABBREV_STATES)
                        and _SENTENCE_OPENERS.match(scan, m.start() + 1)):
                    continue
        sentence_starts.append(m.end())
    firsts = sorted({bisect_left(starts, s) for s in sentence_starts} - {len(starts)})
    quotes, open_at = [], None
    for m in re.finditer(r'["“”]|\n\s*\n', scan):
        ch = m.group()
        if ch[0] == "\n":
            open_at = None
        elif ch == "“" or (ch == '"' and open_at is None):
            open_at = m.start()
        elif open_at is not None:
            quotes.append((open_at, m.start()))
            open_at = None
    return {
        "starts": starts,
        "ends": [m.end() for m in matches],
        "words": [m.group() for m in matches],
        "sent_bounds": list(zip(firsts, firsts[1:] + [len(starts)])),
        "quotes": quotes,
    }


def _check(text: str) -> None:
    doc = parse(text)
    expected = _reference(text)
    assert {k: getattr(doc, k) for k in expected} == expected
    scan = text.replace("''", '" ')
    # Offsets are those of the text: each token is the slice it names.
    assert [scan[s:e] for s, e in zip(doc.starts, doc.ends)] == doc.words
    if "''" not in text:
        assert [text[s:e] for s, e in zip(doc.starts, doc.ends)] == doc.words
    # Sentences tile the tokens: contiguous, non-empty, from the first token to the last.
    bounds = doc.sent_bounds
    assert [a for a, _ in bounds[1:]] == [b for _, b in bounds[:-1]]
    assert all(a < b for a, b in bounds)
    assert (bounds[0][0], bounds[-1][1]) == (0, len(doc.words)) if doc.words else bounds == []
    assert doc.sent_of == [n for n, (a, b) in enumerate(bounds) for _ in range(a, b)]
    # Lower-cased words are the words lower-cased (a capital sigma is lowered in context).
    assert len(doc.lower) == len(doc.words)
    assert doc.lowered == [w.lower() for w in doc.words]
    if "Σ" not in text:
        assert doc.lower == doc.lowered
    assert all(scan[o] in '"“' and scan[c] in '"”' and o < c for o, c in doc.quotes)


@pytest.mark.parametrize(
    ("text", "words", "sentences"),
    [
        ("", [], []),
        (" \n\t ", [], []),
        ("Agence France-Presse said.", ["Agence", "France-Presse", "said", "."], [(0, 4)]),
        ("Hamas's U.S. AT&T rock'n'roll", ["Hamas's", "U.S", ".", "AT&T", "rock'n'roll"], [(0, 5)]),
        ("a--b -x x- 'q'", ["a", "-", "-", "b", "-", "x", "x", "-", "'", "q", "'"], [(0, 11)]),
        ("Mr. Smith said. He left.", ["Mr", ".", "Smith", "said", ".", "He", "left", "."], [(0, 5), (5, 8)]),
        ("John F. Kennedy spoke. U.S. officials said.", None, [(0, 6), (6, 11)]),
        # An abbreviation that may end a sentence ends it before a word that only opens one.
        ("It spread in the U.S. He said so.", None, [(0, 6), (6, 10)]),
        ("She joined Acme Inc. The firm grew.", None, [(0, 5), (5, 9)]),
        ("The U.S. Senate voted.", None, [(0, 6)]),
        ("He met Gen. He Jiankui.", None, [(0, 7)]),
        # State abbreviations, capitalised only.
        ("Calif. Gov. Jerry Brown spoke.", None, [(0, 8)]),
        ("He lives in Dover, Del. The town is small.", None, [(0, 7), (7, 12)]),
        ("He was ill. Doctors came.", None, [(0, 4), (4, 7)]),
        ("Yes!!! No?! “Maybe.” Then", None, [(0, 4), (4, 7), (7, 11), (11, 12)]),
        ("One\n\ntwo\nThree", ["One", "two", "Three"], [(0, 1), (1, 2), (2, 3)]),
        ("Mr\n. Smith", ["Mr", ".", "Smith"], [(0, 3)]),
        ("''Yes,'' he said.", ['"', "Yes", ",", '"', "he", "said", "."], [(0, 7)]),
        ("ΟΔΟΣ: Σ said", ["ΟΔΟΣ", ":", "Σ", "said"], [(0, 4)]),
        ("İstanbul and ﬁnance 😀 x_y 3.5", ["İstanbul", "and", "ﬁnance", "😀", "x_y", "3.5"], [(0, 6)]),
        ("said\x00.\u200b A", ["said", "\x00", ".", "\u200b", "A"], [(0, 5)]),  # U+200B is no space
        ("said\x00.\u3000A", ["said", "\x00", ".", "A"], [(0, 3), (3, 4)]),  # U+3000 is
        # An opening '' after a sentence end starts a sentence, as an opening " does.
        ("It was late. ''We left,'' he said.", None, [(0, 4), (4, 12)]),
        ('It was late. "We left," he said.', None, [(0, 4), (4, 12)]),
        ("In the U.S. ''He won.''", None, [(0, 4), (4, 9)]),
    ],
)
def test_parse_cases(text, words, sentences):
    doc = parse(text)
    if words is not None:
        assert doc.words == words
    assert doc.sent_bounds == sentences
    _check(text)


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        ('He said "no" and "yes".', [(8, 11), (17, 21)]),
        ("“A” and “B", [(0, 2)]),
        ('"A\n\nB" "C"', [(5, 7)]),  # the paragraph break drops the first mark
        ("''Yes,'' he said.", [(0, 6)]),
    ],
)
def test_parse_quotations(text, quotes):
    assert parse(text).quotes == quotes


# Characters that make tokens, sentence marks, quotes and case behave unusually.
_PIECES = [
    "said", "Mr", "U.S", "e.g", "F", "John", "Reuters", "the", "Σ", "ΟΔΟΣ", "İ", "ß", "ǅ", "ﬁ", "K", "😀", "x_y",
    "3", ".", "!", "?", "…", ",", ":", "-", "–", "—", "'", "’", "&", '"', "“", "”", "''", "(", ")", "[", "]",
    " ", " ", " ", "\n", "\n\n", "\t", "\r", "\x0b", "\x1c", "\x85", "\u2029", "\u3000", "\u00a0", "\x00", "\u200b",
]


@settings(max_examples=400, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=80).map("".join))
def test_parse_matches_its_definition(text):
    _check(text)


@settings(max_examples=100, deadline=None, derandomize=True, database=None)
@given(st.text(max_size=200))
def test_parse_matches_its_definition_on_any_text(text):
    _check(text)
