"""Content spans: what a cue reports, by the PolNeAR conventions.

:func:`content_span` runs once per cue found (by the rules or the learned
model of :mod:`analysis.models.attribution`) and looks only at the cue's
sentence and its close neighbours, so its cost does not grow with the
document. The word lists it reads are in ``data/lexicons/content_words.csv``.

The conventions, learned from the errors on PolNeAR train:

* a reported clause starts with its "that" (after an addressee or an
  adverbial: "told voters in Ohio on Monday that ...") and leaves out the
  final period; it ends before a semicolon, a dash that opens no pair, or a
  comma that opens another clause (", saying", ", but", ", and he");
* a direct quotation keeps its marks; words before the opening mark in its
  sentence belong to it ('Voters "want change," he said');
* a quotation interrupted by its attribution is one content
  ('"A," he said. "B."', also after a longer attribution: '"A," he told
  reporters in Ohio. "B."'), unless the second piece has an attribution of
  its own; a quotation running over paragraphs ends at its closing mark;
* a content before the cue ("The plan failed, Smith said on Monday") runs
  from the start of the clause (after a colon, dash or leading "But") to the
  attribution; "X, Smith said, Y" is one content around it;
* "According to X, Y" and participle cues ('he said, adding that Y')
  report what follows them;
* a relative pronoun before the source opens the content or stands for it
  ("which Smith opposed", 'what Smith called "a disaster"').
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from functools import lru_cache

from analysis.text.tokens import _ABBREV_FINAL, _ABBREV_STATES, CLOSE_QUOTES, OPEN_QUOTES, QUOTE_CHARS, Doc, parse
from analysis.text.words import _COMMA, MAX_CLAUSE, SENTENCE_END, _last_of

#: The "and"s of one clause (after no comma) whose ending the learned stop is asked about.
MAX_ANDS = 12

__all__ = ["content_span"]

#: ``stop(low, words, cue, j, t, k, last, e)``: whether a reported clause that
#: starts at token ``j`` (after cue token ``cue``) ends before token ``t``, its
#: ``k``-th comma or an "and" after no comma (``last``: ``t`` is the clause's
#: last comma; ``e``: its last possible token).
#: :meth:`analysis.models.AttributionModel.comma_stop` learns it.
CommaStop = Callable[[list[str], list[str], int, int, int, int, bool, int], bool]
#: A ", citing Y," aside is never longer than this many tokens.
MAX_ASIDE = 15
# A spaced or doubled hyphen (" - ", "--") is a dash too, as some outlets type it (see _is_dash).
_DASHES = frozenset(("—", "–", "―", "‒", "-"))
_CLAUSE_STOPS = frozenset(",;.!?—–()")
#: How far an addressee may run before its "that": "told voters who asked about the plan that".
_ADDRESSEE_MAX = 14
#: An adverbial after a cue is shorter than this: longer tails are content.
_ADVERBIAL_MAX = 10
_CLAUSE_OPENERS = frozenset(":;—–")
#: How many paragraphs one quotation may run over.
_MAX_PARAGRAPHS = 8
#: How many words an attribution between two pieces of one quotation may have.
_ATTRIBUTION_TAIL = 40
_LEAD_IN_STOPS = frozenset(".!?:;") | QUOTE_CHARS
# The tokens and lower-cased words that can end a reported clause or change
# how it is read (_cut_at_break); any other word is passed over.
_CUT_TOKENS = QUOTE_CHARS | _DASHES | {",", ";"}
_CUT_CONJUNCTIONS = frozenset(("and", "but"))


def _quote_closing(doc: Doc, pos: int) -> tuple[int, int] | None:
    """The quotation ``(open, close)`` whose closing mark is at ``pos``."""
    return doc.quote_closing_at(pos)


def _quote_opening(doc: Doc, pos: int) -> tuple[int, int] | None:
    """The quotation ``(open, close)`` whose opening mark is at ``pos``."""
    return doc.quote_opening_at(pos)


def _mark_end(doc: Doc, pos: int) -> int:
    """End offset of the quotation mark at ``pos`` ('' counts as one mark)."""
    return pos + 2 if doc.text.startswith("''", pos) else pos + 1


def _cut_at_break(doc: Doc, low: list[str], j: int, e: int, *, relative: bool = False,
                  stop: CommaStop | None = None, cue: int = -1) -> int:
    """Last token of a reported clause running from ``j`` to at most ``e``.

    The clause stops before a semicolon, a dash that opens no pair of dashes
    (an aside "— like this —" stays in), or a comma that opens a participle
    or subordinate clause (", saying ...", ", although ...", ", but ...");
    words of the ``break_last`` role (", which ...", ", the ...") stop it
    only at its last comma, since before another comma they mostly open an
    aside; a conjunction and a subject pronoun (", and he ...") or a second
    reporting verb ("... and added") start another clause; the comma closing
    an opening subordinate clause ("that if elected, she would") does not.
    In a relative clause ("who said ...") it stops at the first comma.

    Given ``stop`` (a learned decision, see :data:`CommaStop`), ``stop`` rather
    than the word lists decides at each comma outside quotations, and is
    asked at each "and" after no comma as well ("said the plan failed and
    praised the crew").
    """
    words = doc.words
    lists = _content_words()
    breaks, last_breaks = lists["break"], lists.get("break_last", frozenset())
    end = min(e, j + MAX_CLAUSE)
    # The last comma and dash of the clause: found once, when first needed (most clauses never need them).
    last_comma = last_dash = None
    depth = 0
    aside = False
    n_commas = n_ands = 0
    # "that if elected, she would ...": the comma after an opening subordinate
    # clause leads to the main clause, not out of the content.
    k = j + 1 if low[j] == "that" else j
    while k < end and (words[k] == "," or low[k] == "even"):
        k += 1
    skip_comma = low[k] in lists["subordinator"]
    # A clause is never longer than MAX_CLAUSE tokens, which keeps the cost per cue bounded.
    for t in range(j + 1, end + 1):
        w = words[t]
        if w not in _CUT_TOKENS and low[t] not in _CUT_CONJUNCTIONS:
            continue  # most words: none of the checks below applies
        if w in QUOTE_CHARS:
            depth ^= 1
            # 'called it "a fraud," saying ...': the comma inside the quote counts.
            if not depth and words[t - 1] == "," and t + 1 <= end and _opens_clause(low[t + 1], breaks):
                return t
            continue
        if depth:
            continue
        if w in _DASHES and _is_dash(doc, t):
            if words[t - 1] in _DASHES:
                continue  # "--" typed as two hyphens is one dash
            if last_dash is None:
                last_dash = next((u for u in range(end, j, -1) if words[u] in _DASHES and _is_dash(doc, u)), -1)
            run_end = t
            while run_end < last_dash and words[run_end + 1] in _DASHES:
                run_end += 1
            if aside:
                aside = False
            elif run_end < last_dash:
                aside = True  # "— an aside —": the clause goes on after it
            else:
                return t - 1
            continue
        if aside:
            continue
        if w == ";":
            return t - 1
        # "said X and added Y": a second reporting verb starts another attribution.
        if low[t] in ("and", "but") and t + 1 <= end and low[t + 1] in _reporting_verbs():
            return max(j, t - 2 if words[t - 1] == "," else t - 1)
        # "... the plan and praised her effort": whether an "and" ends the clause is learned too.
        if stop is not None and low[t] == "and" and words[t - 1] != "," and t + 1 <= end:
            n_ands += 1
            # Past a dozen, the "and"s are one long list ("Reuters and AFP and ..."): not asked one by one.
            if n_ands <= MAX_ANDS and stop(low, words, cue, j, t, n_commas, False, e):
                return t - 1
            continue
        if w == "," and skip_comma and t > k:
            skip_comma = False
            continue
        if w == "," and t + 1 <= end:
            nxt = low[t + 1]
            if relative:
                return t - 1
            if last_comma is None and (stop is not None or nxt in last_breaks):
                last_comma = _last_of(words, _COMMA, j, end)
            if stop is not None:
                n_commas += 1
                if stop(low, words, cue, j, t, n_commas, t == last_comma, e):
                    return t - 1
                continue
            if _opens_clause(nxt, breaks) or (nxt in last_breaks and t == last_comma):
                return t - 1
            # ", and he ...": a conjunction and a subject pronoun open a new clause.
            if nxt in lists["conjunction"] and t + 2 <= end and low[t + 2] in lists["subject"]:
                return t - 1
    return e


def _final_abbreviation(word: str) -> bool:
    """Whether ``word`` is an abbreviation a sentence may end with: dotted ("U.S", "D.C", "p.m"), or "Inc", "Calif".

    >>> [_final_abbreviation(w) for w in ("U.S", "Inc", "Calif", "Trump", "3.5")]
    [True, True, True, False, False]
    """
    if "." in word:
        return word.replace(".", "").isalpha()
    return word.lower() in _ABBREV_FINAL or word in _ABBREV_STATES


def _is_dash(doc: Doc, t: int) -> bool:
    """Whether token ``t`` of :data:`_DASHES` is a dash: a hyphen only when doubled
    ("--") or spaced (" - "), not the hyphen of "above- and below-ground"."""
    words = doc.words
    if words[t] != "-":
        return True
    if (t > 0 and words[t - 1] == "-" and doc.ends[t - 1] == doc.starts[t]) or \
            (t + 1 < len(words) and words[t + 1] == "-" and doc.starts[t + 1] == doc.ends[t]):
        return True
    text, start, end = doc.text, doc.starts[t], doc.ends[t]
    return (start == 0 or text[start - 1].isspace()) and (end == len(text) or text[end].isspace())


def _lead_in(doc: Doc, lo: int, open_at: int) -> int:
    """Start of a content ending in a quotation that opens at ``open_at``.

    Words before the mark in its sentence belong to the content ('Voters
    "want change," he said'), unless a sentence end or a colon stands
    between (the sentence split missed a boundary, or "His verdict: ...").
    """
    words, starts = doc.words, doc.starts
    k = bisect_left(starts, open_at)
    start = k
    while start > lo and k - start < MAX_CLAUSE and words[start - 1] not in _LEAD_IN_STOPS:
        start -= 1
    while start < k and words[start] in ("(", "[", "—", "–", "-"):
        start += 1
    return starts[start]


def _second_piece(doc: Doc, last: int, end: int) -> int:
    """End of a quotation resumed right after its attribution, else ``end``.

    '"A," he said. "B."' is one content: the second quotation joins the first
    unless it has an attribution of its own ('"A," he said. "B," she said.').
    """
    words, text = doc.words, doc.text
    nxt = last + 1
    # The attribution may run on ('he told reporters in Washington. "B."'):
    # look past it to the end of its sentence, within the paragraph.
    stop = -1
    while nxt < len(words) and nxt - last <= _ATTRIBUTION_TAIL and words[nxt] not in QUOTE_CHARS:
        if "\n" in text[doc.ends[nxt - 1]: doc.starts[nxt]]:
            return end
        if words[nxt] in SENTENCE_END:
            if stop >= 0 and nxt > stop + 1:
                return end  # a whole sentence between: the quotation does not resume here
            stop = nxt
        nxt += 1
    # After the attribution's sentence the quotation must come first ('He added: "C."' is another).
    if 0 <= stop < nxt - 1:
        return end
    # A quotation inside the attribution's own words ('he said after Jones
    # argued that "..."') is no second piece.
    if nxt - 1 > last and nxt < len(words) and words[nxt - 1][0].isalpha() and doc.lower[nxt - 1] != "and":
        return end
    if nxt >= len(words) or words[nxt] not in OPEN_QUOTES or "\n" in text[doc.ends[nxt - 1]: doc.starts[nxt]]:
        return end
    q2_end = _quotation_end(doc, doc.starts[nxt])
    if q2_end is None:
        return end
    # '"B," she said' has an attribution of its own; '"B" that ...' goes on.
    after = bisect_left(doc.starts, q2_end)
    if (after < len(words) and words[after][0].isalpha() and text[q2_end - 2: q2_end - 1] not in SENTENCE_END
            and "\n" not in text[q2_end: doc.starts[after]]):
        return end
    return q2_end


def _quotation_end(doc: Doc, start: int) -> int | None:
    """End offset (after the closing mark) of the quotation opening at ``start``.

    A quotation that runs over paragraphs leaves its paragraphs open and
    reopens each with a mark; it ends at the first closing mark.
    """
    text = doc.text
    for _ in range(_MAX_PARAGRAPHS):
        q = _quote_opening(doc, start)
        if q is not None:
            return _mark_end(doc, q[1])
        # Unpaired: the paragraph ends inside the quotation.
        br = text.find("\n", start)
        if br < 0:
            return None
        nxt = br
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        if nxt >= len(text) or text[nxt] not in OPEN_QUOTES and not text.startswith("''", nxt):
            return None
        start = nxt
    return None


def _after_addressee(words: list[str], low: list[str], j: int, hi: int) -> int | None:
    """Where the content starts after an addressee beginning at ``j``, or ``None``.

    The addressee runs up to a "that", a quotation or a colon within a few
    words, with no comma or other clause break on the way.
    """
    for k in range(j, min(hi, j + _ADDRESSEE_MAX)):
        w = words[k]
        if low[k] == "that" or w in OPEN_QUOTES:
            return k
        if w == ":":
            return k + 1
        if w in _CLAUSE_STOPS:
            return None
    return None


def _clause_start(words: list[str], low: list[str], lo: int, last: int, lists: dict[str, frozenset[str]]) -> int:
    """First token of a content that precedes its cue in a sentence starting at ``lo``.

    The content starts after a colon, dash or semicolon ("The result: ...",
    a dateline "PARIS — ...") and after a leading conjunction ("But ...").
    """
    start = lo = max(lo, last - MAX_CLAUSE)  # bounded, as a clause is
    depth = 0
    for t in range(lo, last):
        w = words[t]
        if w in QUOTE_CHARS:
            depth ^= 1
        elif not depth and w in _CLAUSE_OPENERS:
            start = t + 1
    while start < last and (low[start] in lists["lead"] or words[start] == ","):
        start += 1
    return start


def _paragraph_end(doc: Doc, j: int) -> int:
    """Last token (final period left out) of the paragraph holding token ``j``, at most MAX_CLAUSE tokens on."""
    words, text = doc.words, doc.text
    t = j
    while t + 1 < len(words) and t - j < MAX_CLAUSE and "\n" not in text[doc.ends[t]: doc.starts[t + 1]]:
        t += 1
    while t > j and words[t] in SENTENCE_END:
        t -= 1
    return t


@lru_cache(maxsize=1)
def _reporting_verbs() -> frozenset[str]:
    """Past and present forms of the reporting verbs of ``data/lexicons/cue_verbs.csv``."""
    from analysis.text.lexicons import load_lexicons

    return frozenset(w for w in load_lexicons().cue_verbs if not w.endswith("ing"))


def _only_adverbial(words: list[str], low: list[str], j: int, e: int, time_words: frozenset[str]) -> bool:
    """Whether tokens ``j..e`` are only a time or place adverbial ("on Monday", "in an interview with CNN")."""
    if e - j >= _ADVERBIAL_MAX or low[j] not in time_words:
        return False
    for t in range(j, e + 1):
        w = words[t]
        if not (low[t] in time_words or w[0].isupper() or w[0].isdigit() or w in QUOTE_CHARS or w in ",.'’"):
            return False
    return True


def _after_relay_aside(words: list[str], low: list[str], j: int, hi: int) -> int | None:
    """The token after a ", citing Y," or ", according to Y," aside that starts at ``j``, or ``None``.

    The aside must close with a comma that more words follow.

    >>> doc = parse("Al Qahera reported, citing a source, that talks resumed.")
    >>> _after_relay_aside(doc.words, [w.lower() for w in doc.words], 4, len(doc.words))
    8
    """
    for phrase in _relay_phrases():
        n = len(phrase)
        if tuple(low[j: j + n]) == phrase:
            for k in range(j + n, min(hi - 1, j + n + MAX_ASIDE)):
                if words[k] in QUOTE_CHARS or words[k] in _CLAUSE_STOPS and words[k] != ",":
                    return None
                if words[k] == ",":
                    return k + 1 if words[k + 1] not in SENTENCE_END else None
            return None
    return None


@lru_cache(maxsize=1)
def _relay_phrases() -> tuple[tuple[str, ...], ...]:
    """The "citing" and "according to" phrases of ``data/lexicons/cue_phrases.csv``, as word tuples."""
    from analysis.text.lexicons import load_lexicons

    phrases = load_lexicons().cue_phrases
    return tuple(tuple(parse(p).lowered) for p, kind in phrases.items() if kind in ("citing", "according_to"))


def _opens_clause(word: str, breaks: frozenset[str]) -> bool:
    """Whether ``word`` after a comma opens a clause outside the content (", saying", ", but")."""
    return word in breaks or (word.endswith("ing") and len(word) > 5 and word not in _content_words()["keep"])


def content_span(doc: Doc, cue: tuple[int, int], source: tuple[int, int] | None, lower: list[str] | None = None,
                 *, stop: CommaStop | None = None) -> tuple[int, int] | None:
    """Character span of what the cue reports, by the PolNeAR conventions (see the module docstring).

    Args:
        doc: the parsed document.
        cue: token range of the cue (inclusive).
        source: token range of its source, if any.
        lower: the lower-cased words (``doc.lower`` by default).
        stop: a learned decision at the commas of a reported clause
            (:data:`CommaStop`); the word lists decide without it.

    Returns:
        ``(start, end)`` character offsets, or ``None`` when the cue reports nothing.

    >>> doc = parse('"We will win," Smith said.')
    >>> s, e = content_span(doc, (7, 7), (6, 6)); doc.text[s:e]
    '"We will win,"'
    >>> doc = parse("Smith told reporters on Monday that the plan failed, saying it was late.")
    >>> s, e = content_span(doc, (1, 1), (0, 0)); doc.text[s:e]
    'that the plan failed'
    """
    span = _content_span(doc, cue, source, lower, stop)
    if span is not None and doc.text.startswith("''", span[1] - 1):
        span = (span[0], span[1] + 1)  # '' is one mark
    return span


def _content_span(doc: Doc, cue: tuple[int, int], source: tuple[int, int] | None, lower: list[str] | None = None,
                  stop: CommaStop | None = None) -> tuple[int, int] | None:
    """:func:`content_span` before the '' fix-up (the conventions are in the module docstring)."""
    words, starts, ends = doc.words, doc.starts, doc.ends
    low = lower or doc.lower or [w.lower() for w in words]
    lists = _content_words()
    c0, c1 = cue
    s_index = doc.sent_of[c0]
    lo, hi = doc.sent_bounds[s_index]
    first = min(c0, source[0]) if source else c0
    last = max(c1, source[1]) if source else c1
    # Content after the cue (or after an inverted source: "According to X, ...").
    j = c1 + 1
    if source and source[0] > c1 and source[0] - c1 <= 3:
        j = source[1] + 1
    if j < hi and (low[c1] in lists["tell"] or low[c1] in lists["ask"]) and low[j] != "that" and (
            words[j] not in OPEN_QUOTES):
        # "told delegates here that ...", "made the case to party leaders that ...",
        # "told the crowd: ...": the content starts after the addressee.
        k = _after_addressee(words, low, j, hi)
        if k is not None:
            j = k
    if j < hi and low[c1] in lists["tell"] and low[j] != "that" and words[j] not in OPEN_QUOTES:
        # The addressee: "told reporters", "told the Post", "told CNN's Jake Tapper".
        k = j
        if low[k] in lists["addressee"]:
            k += 1
        else:
            if low[k] in ("the", "a", "an"):
                k += 1
            while k < hi and k - j < 5 and words[k][0].isupper():
                k += 1
        j = k
    # Skip adverbials before a "that" or a quotation: "said on Monday that".
    k = j
    while k < hi and k - j < 8 and (low[k] in lists["time"] or words[k] == "," or words[k][0].isupper()
                                    or words[k][0].isdigit()):
        k += 1
    if k < hi and k > j and (low[k] == "that" or words[k] in OPEN_QUOTES):
        j = k
    elif j < hi and low[j] in lists["preposition"]:
        # "said in one of a series of messages that ...": a longer prepositional phrase.
        k = _after_addressee(words, low, j + 1, hi)
        if k is not None:
            j = k
    # "quoted the minister as saying that ...": the content follows the "as saying".
    if low[c1] in lists.get("quote", ()):
        for k in range(j, min(hi - 2, j + MAX_ASIDE)):
            if low[k] == "as" and low[k + 1].endswith("ing"):
                j = k + 2
                break
    # "X reported, citing Y, that ...": the relayed source is an aside, not the content.
    if j + 1 < hi and words[j] == ",":
        k = _after_relay_aside(words, low, j + 1, hi)
        if k is not None:
            j = k
    # "According to an investigation of the 2014 shooting, X ...": the phrase
    # after the formula's source is still the source's, up to its comma.
    if (source and source[0] > c1 and j < hi and low[j] in lists["preposition"] | {"of"}
            and tuple(low[c0: c1 + 1]) in _relay_phrases()):
        k = next((t for t in range(j + 1, min(hi, j + MAX_ASIDE)) if words[t] == ","), None)
        if k is not None and k + 1 < hi and words[k + 1] not in SENTENCE_END:
            j = k
    # "According to the study — which used data from two firms — the sector ...":
    # a relative aside on a source before its content is no content.
    if source and source[0] > c1 and j + 1 < hi and words[j] in (",", "—", "–") and low[j + 1] in lists["relative"]:
        k = next((t for t in range(j + 2, hi) if words[t] == words[j]), None)
        if k is not None and k + 1 < hi and words[k + 1] not in SENTENCE_END:
            j = k + 1
    while j < hi and words[j] in (",", ":", "—", "–", "-"):
        j += 1
    # Only whether 0, 1, 2-3 or more words follow matters: stop counting at 4.
    n_after = 0
    if j < hi and words[j] not in SENTENCE_END:
        for t in range(j, hi):
            if words[t] not in SENTENCE_END:
                n_after += 1
                if n_after > 3:
                    break
    # "that, as Smith pointed out, is late": the "as" belongs to the attribution.
    if first - lo >= 2 and low[first - 1] == "as" and words[first - 2] == ",":
        first -= 1
    prev = first - 1
    while prev >= lo and words[prev] in (",", "—", "–", "-"):
        prev -= 1
    # '"Who knows?" Smith asks': the sentence split after "?"" leaves the quotation
    # in the sentence before; it is still this cue's.
    quote_before = first - lo >= 2 and prev >= lo and words[prev] in CLOSE_QUOTES
    if (first == lo and first > 1 and words[first - 1] in CLOSE_QUOTES and words[first - 2] in ("?", "!")
            and "\n" not in doc.text[ends[first - 1]: starts[first]]):
        prev, quote_before = first - 1, True
    # '"A," he said, adding B' and 'he vowed, adding: "B"': a participle cue
    # after its source's own verb reports what follows it.
    participle = source is not None and source[1] < c0 - 1 and words[c0 - 1] == ","
    comma_after = last + 1 < hi and words[last + 1] == "," or words[last] == "," and last > c1
    e = hi - 1
    while e > lo and words[e] in SENTENCE_END:
        e -= 1
    # "... entering the U.S.", "... in Washington, D.C.": the period of a final
    # abbreviation is the abbreviation's own.
    if e + 1 < hi and words[e + 1] == "." and ends[e] == starts[e + 1] and _final_abbreviation(words[e]):
        e += 1
    # "(She says it was late.)": the brackets of a sentence in brackets stay out.
    if words[lo] == "(" and words[e] == ")":
        e -= 1
        while e > lo and words[e] in SENTENCE_END:
            e -= 1
        lo += 1
    # "X, he said, Y": one content in two pieces around the attribution.
    if (first - lo >= 2 and n_after >= 2 and words[first - 1] == "," and comma_after and not participle
            and words[j] not in OPEN_QUOTES and not _opens_clause(low[j], lists["break"])
            and words[lo] not in OPEN_QUOTES and prev >= lo and words[prev] not in CLOSE_QUOTES):
        return starts[_clause_start(words, low, lo, first - 1, lists)], ends[e]
    # "The plan failed, Smith said on Monday": only an adverbial follows the cue.
    adverbial = n_after == 0 or _only_adverbial(words, low, j, e, lists["time"])
    content_first = n_after >= 1 and not (adverbial and prev >= lo) and not quote_before
    if content_first and first - lo >= 2 and j < hi and words[j - 1] == "," and _opens_clause(low[j], lists["break"]):
        content_first = False  # "X, he said, adding Y": X is what "said" reports
    if participle and n_after >= 1:
        content_first = True
    # "a war which Smith opposed", "what Jones called "a disaster"": the
    # relative pronoun stands for (or opens) the content.
    pronoun = first - 1 if first > lo and low[first - 1] in lists["relative"] and source and source[0] < c0 else -1
    if pronoun >= 0 and (c1 + 1 >= hi or not words[c1 + 1][0].isalnum() and words[c1 + 1] not in QUOTE_CHARS):
        return starts[pronoun], ends[pronoun]  # "the plan, which Smith opposed, failed"
    if content_first:
        start = starts[j] if pronoun < 0 else starts[pronoun]
        if words[j] in OPEN_QUOTES:
            end = _quotation_end(doc, starts[j])
            if end is not None:
                return start, end
        if e < j:
            return None
        if c0 == c1 and words[c0] == ":":
            # "SMITH: ...": a colon opens everything up to the end of its paragraph.
            return start, ends[_paragraph_end(doc, j)]
        # "X, who said Y, left": a relative clause ends at its comma.
        relative = source is not None and source[0] == source[1] and low[source[0]] in ("who", "which")
        return start, ends[_cut_at_break(doc, low, j, e, relative=relative, stop=stop, cue=c1)]
    if pronoun >= 0:
        return starts[pronoun], ends[pronoun]
    if prev < lo and not quote_before:
        return None
    if words[prev] in CLOSE_QUOTES:
        q = _quote_closing(doc, starts[prev])
        if q is not None:
            # 'Voters "want change," he said': the words before the quotation belong to it.
            start = _lead_in(doc, lo, q[0])
            # '"A," he said. "B."' and '"A," he said, "B."' are one content in two pieces.
            return start, _second_piece(doc, last, _mark_end(doc, q[1]))
    if prev < lo:
        return None
    return starts[_clause_start(words, low, lo, prev, lists)], ends[prev]


@lru_cache(maxsize=1)
def _content_words() -> dict[str, frozenset[str]]:
    """The word lists of ``data/lexicons/content_words.csv`` by role."""
    import csv

    from analysis.config import LEXICON_DIR

    roles: dict[str, set[str]] = {}
    with (LEXICON_DIR / "content_words.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            roles.setdefault(row["role"], set()).add(row["word"].lower())
    return {role: frozenset(words) for role, words in roles.items()}
