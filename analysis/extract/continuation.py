"""Quotations without a cue of their own, given to the speaker they continue.

A reader gives ``"B."`` in ``"A," she said. "B."`` to her, and so the
paragraph that opens with a quotation right after one attributed to her.
No cue marks these quotations, so neither the rules nor the learned model
(PolNeAR does not annotate them) find them. Under the ``"sourcescope"``
convention, where such a quotation is its own row with the same source and no
cue, :func:`continuation_rows` adds them:

* an interrupted quotation (``"A," she said. "B."``) that came out as one
  content span is cut at its cue: the first piece keeps the cue, the second
  is a row of its own;
* a quotation that ends with its own mark ('"Who cares?" Moore said', where
  the sentence breaks after the question mark) is the content of the
  attribution right after it when that one has no quotation of its own
  (:func:`quote_before_source`);
* a quotation that opens a sentence, is no attribution's content, and follows
  a sentence holding an attribution of speech (or a quotation given this way)
  goes to that attribution's source, through the same relaying medium;
* a reporting participle right after an attribution ('"A," he said, adding
  that B') is a row of its own with the same source (:func:`participle_rows`).

A quotation of fewer than :data:`MIN_WORDS` words is a phrase quoted in
passing ("a “scaffold”"), not a continuation; a quotation that does not end
its sentence is part of the narrative around it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import replace

from analysis.extract.rules import Candidate
from analysis.text.tokens import OPEN_QUOTES, Doc

_NEWLINE = re.compile("\n")
_OPEN_MARK = re.compile("|".join(re.escape(mark) for mark in OPEN_QUOTES))

__all__ = ["MIN_WORDS", "continuation_rows", "drop_nested", "participle_rows", "quote_before_source",
           "split_interrupted"]

#: Fewest words a quotation needs to continue a speaker's quotation.
MIN_WORDS = 3
#: Cue kinds whose source speaks (a continuation goes to a speaker, not to "according to the report").
_SPEAKING = frozenset({"speech"})


def _n_words(doc: Doc, start: int, end: int) -> int:
    return doc.n_words_in(start, end)


def _alnum_between(doc: Doc, start: int, end: int) -> bool:
    """Whether a word (not punctuation) lies in characters ``[start, end)``."""
    return doc.n_words_in(start, end) > 0


def drop_nested(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """``found`` without the attributions whose source and cue both lie inside one quotation.

    In '"I thought it was time to write to the police," she said' the words
    "I thought" are hers, quoted: the quotation is her attribution, not a
    second one of "I".

    >>> from analysis.text.tokens import parse
    >>> doc = parse('"I thought it was time to write," she said.')
    >>> inner = Candidate((1, 2), (3, 10), (11, 31), "indirect", 0)
    >>> outer = Candidate((34, 37), (38, 42), (0, 33), "direct", 0)
    >>> [doc.text[slice(*c.source)] for c in drop_nested(doc, [inner, outer])]
    ['she']
    """
    if not doc.quotes:
        return found
    opens = [q[0] for q in doc.quotes]

    def quoted(span: tuple[int, int]) -> tuple[int, int] | None:
        i = bisect_right(opens, span[0]) - 1
        if i >= 0 and span[1] <= doc.quotes[i][1]:
            return doc.quotes[i]
        return None

    out = []
    for c in found:
        if c.cue is not None and c.source is not None:
            q = quoted(c.cue)
            if q is not None and q == quoted(c.source):
                continue
        out.append(c)
    return out


def split_interrupted(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """Cut each quotation interrupted by its own cue ('"A," she said. "B."') into its pieces.

    Returns the candidates, with the content of an interrupted one ending at
    the quotation before its source and cue; the pieces after it are left to
    :func:`continuation_rows` (they are no content any more).

    >>> from analysis.text.tokens import parse
    >>> doc = parse('"We will rebuild," Ana Diaz said. "It will take a year."')
    >>> c = Candidate((19, 27), (28, 32), (0, 56), "direct", 0)
    >>> [doc.text[slice(*x.content)] for x in split_interrupted(doc, [c])]
    ['"We will rebuild,"']
    """
    quotes = doc.quotes
    opens = [q[0] for q in quotes]
    out = []
    for c in found:
        if c.content is None or c.cue is None or c.source is None or c.quote_kind not in ("direct", "mixed"):
            out.append(c)
            continue
        cs, ce = c.content
        inner = min(c.cue[0], c.source[0])
        if not cs < inner < ce:
            out.append(c)
            continue
        # The last quotation closing before the source and cue, and one opening after them
        # (quotations are in text order and do not overlap).
        k = bisect_left(opens, inner) - 1
        before = quotes[k] if k >= 0 and quotes[k][0] >= cs and quotes[k][1] < inner else None
        j = bisect_left(opens, max(c.cue[1], c.source[1]))
        after = j < len(quotes) and quotes[j][1] < ce
        if before is None or not after or _alnum_between(doc, before[1] + 1, inner):
            out.append(c)
            continue
        out.append(replace(c, content=(cs, before[1] + 1)))
    return out


def quote_before_source(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """Give a quotation right before a speaker's source ('"Who cares?" Moore said') to that speaker.

    An attribution whose source follows a quotation with nothing but
    punctuation between, and whose own content holds no quotation, takes the
    quotation as its content (a direct quote).

    >>> from analysis.text.tokens import parse
    >>> doc = parse('"Who cares about it?" Moore said in a talk.')
    >>> c = Candidate((22, 27), (28, 32), (33, 42), "indirect", 1)
    >>> [(doc.text[slice(*x.content)], x.quote_kind) for x in quote_before_source(doc, [c])]
    [('"Who cares about it?"', 'direct')]
    """
    if not doc.quotes:
        return found
    closes = [q[1] for q in doc.quotes]
    out = []
    for c in found:
        if c.source is None or c.cue is None or c.cue_kind not in _SPEAKING or c.source[0] > c.cue[0]:
            out.append(c)
            continue
        i = bisect_right(closes, c.source[0]) - 1
        if i < 0 or (c.content is not None and doc.quote_opens_in(*c.content)):
            out.append(c)
            continue
        open_at, close_at = doc.quotes[i]
        gap = doc.text[close_at + 1: c.source[0]]
        if gap.strip(" ,.\u2014-") or "\n" in gap or _n_words(doc, open_at, close_at) < MIN_WORDS:
            out.append(c)
            continue
        if c.content is not None and c.content[0] > c.cue[1] and _n_words(doc, *c.content) > 6:
            out.append(c)  # a reported clause of its own after the cue
            continue
        out.append(replace(c, content=(open_at, close_at + 1), quote_kind="direct"))
    return out


def _unclosed(doc: Doc) -> list[tuple[int, int]]:
    """Quotations that open a line or a sentence and run to the line's end without a closing mark.

    Newspapers leave the closing mark off a quotation that goes on in the next
    paragraph. Each is given as ``(open, last)``, ``last`` being its last
    character, as :attr:`Doc.quotes` gives the closing mark. Each line is read
    once, however many unpaired marks it holds, so a line of marks costs
    linear time.
    """
    paired = {pos for q in doc.quotes for pos in q}
    text, out = doc.text, []
    breaks = [m.start() for m in _NEWLINE.finditer(text)]
    lines: dict[int, tuple[int, int, int, int]] = {}
    for at in sorted(m.start() for m in _OPEN_MARK.finditer(text)):
        if at in paired:  # most marks: those of a closed quotation
            continue
        k = bisect_right(breaks, at)
        if k not in lines:
            start = breaks[k - 1] + 1 if k else 0
            end = breaks[k] if k < len(breaks) else len(text)
            last = end - 1
            while last >= start and text[last].isspace():
                last -= 1
            first_not_dot = start
            while first_not_dot < end and text[first_not_dot] == ".":
                first_not_dot += 1
            last_quote = max(text.rfind(q, start, end) for q in '"“”')
            lines[k] = (start, last, first_not_dot, last_quote)
        start, last, first_not_dot, last_quote = lines[k]
        j = at - 1  # the last character before the mark that is no space or tab
        while j >= start and text[j] in " \t":
            j -= 1
        # No other mark after it on its line; its last character is the line's last but spaces.
        if (j < first_not_dot or text[j] in ".?!") and last_quote <= at:
            out.append((at, last))
    return out


def continuation_rows(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """Rows for the quotations of ``doc`` that continue the quotation of a speaker before them.

    ``found`` are the document's attributions (after :func:`split_interrupted`);
    the rows returned have the speaker's source span, relay and medium, no
    cue, and the quotation with its marks as content.

    >>> from analysis.text.tokens import parse
    >>> doc = parse('"We will rebuild," Ana Diaz said. "It will take a year."')
    >>> c = Candidate((19, 27), (28, 32), (0, 18), "direct", 0)
    >>> [(doc.text[slice(*r.source)], r.cue, doc.text[slice(*r.content)]) for r in continuation_rows(doc, [c])]
    [('Ana Diaz', None, '"It will take a year."')]
    """
    quotations = sorted(doc.quotes + _unclosed(doc)) if doc.quotes or '"' in doc.text or "“" in doc.text else []
    if not quotations or not found:
        return []
    contents = sorted(c.content for c in found if c.content is not None)
    content_starts = [s for s, _ in contents]
    speakers = sorted((c for c in found if c.source is not None and c.cue is not None and c.cue_kind in _SPEAKING),
                      key=lambda c: c.cue[0])
    # The characters where each speaker's attribution lies: its cue and content.
    marks = sorted(((min(c.cue[0], *(c.content or c.cue)), max(c.cue[1], *(c.content or c.cue)), n, c)
                    for n, c in enumerate(speakers)), key=lambda m: m[:3])
    marks = [(s, e, c) for s, e, _, c in marks]
    mark_starts = [m[0] for m in marks]
    rows: list[Candidate] = []
    starts, sent_of, sent_bounds = doc.starts, doc.sent_of, doc.sent_bounds
    for open_at, close_at in quotations:
        end = close_at + 1
        # The cheap tests first: the quotation opens its sentence ...
        t = bisect_left(starts, open_at)
        if t >= len(starts) or starts[t] != open_at:
            continue
        sent = sent_of[t]
        lo, _ = sent_bounds[sent]
        if _alnum_between(doc, starts[lo], open_at):
            continue
        # ... is no attribution's content already, and is long enough.
        i = bisect_right(content_starts, end) - 1
        if any(s < end and open_at < e for s, e in contents[max(0, i - 3): i + 1]):
            continue
        if _n_words(doc, open_at, end) < MIN_WORDS:
            continue
        last = sent_of[min(bisect_left(starts, close_at), len(starts) - 1)]
        _, hi = sent_bounds[last]
        if _alnum_between(doc, end, doc.ends[hi - 1]):
            continue  # ... and ends its sentence
        # The sentence before it, past sentences of punctuation alone (paragraph marks).
        prev = sent - 1
        while prev >= 0 and not _alnum_between(doc, *doc.sentence_span(prev)):
            prev -= 1
        if prev < 0:
            continue
        ps, pe = doc.sentence_span(prev)
        # The speaker whose attribution reaches into that sentence, the latest one.
        speaker = None
        for k in range(bisect_left(mark_starts, pe) - 1, -1, -1):
            if marks[k][1] > ps:
                speaker = marks[k][2]
                break
            if mark_starts[k] < ps - 2000:
                break  # attributions this far back end before the sentence
        for r in rows[-2:]:
            if r.content[0] < pe and ps < r.content[1]:
                speaker = r
        source = speaker.source if speaker is not None else None
        if speaker is None:
            # A sentence whose subject is someone already quoted ("Durning did not need
            # much coaxing.") introduces a quotation of theirs.
            named = _named_subject(doc, prev, speakers)
            if named is None:
                continue
            speaker, source = named
        rows.append(Candidate(source, None, (open_at, end), "direct", sent, via=speaker.via,
                              medium=speaker.medium, cue_kind=speaker.cue_kind))
    return rows


def _named_subject(doc: Doc, sent: int, speakers: list[Candidate]) -> tuple[Candidate, tuple[int, int]] | None:
    """The earlier speaker that sentence ``sent`` opens with (by surname), and that mention's span."""
    lo, hi = doc.sent_bounds[sent]
    while lo < hi and not doc.words[lo][:1].isalnum():
        lo += 1
    k = lo
    while k < hi and doc.words[k][:1].isupper() and doc.words[k].isalpha():
        k += 1
    if k == lo or k >= hi or doc.words[k] in (",", "(") or doc.lowered[lo] in ("the", "a", "an", "this", "that"):
        return None
    surname = doc.words[k - 1]
    at = doc.starts[lo]
    for c in reversed(speakers):
        if c.source[1] <= at and doc.text[c.source[0]: c.source[1]].split()[-1:] == [surname]:
            return c, (at, doc.ends[k - 1])
    return None


def participle_rows(doc: Doc, found: list[Candidate], participles: frozenset[str],
                    content_of: Callable[[tuple[int, int], tuple[int, int]], tuple[tuple[int, int] | None, str]]
                    ) -> list[Candidate]:
    """Rows for a reporting participle that goes on from an attribution ('"A," he said, adding that B').

    What follows "adding", "noting" or "arguing" is a second thing the same
    source says: a row of its own, with the participle as its cue. Only a
    participle right after an attribution (its cue, source or content, then
    a comma) counts, and only when no row holds it yet.

    Args:
        doc: the parsed document.
        found: the document's attributions.
        participles: lower-cased reporting participles ("adding", "noting").
        content_of: the content span and quote kind of a cue and its source (token ranges).

    Returns:
        The new rows (``found`` is not changed).

    >>> from analysis.text.tokens import parse
    >>> doc = parse("Each charge carries a long sentence, Lohmar said, adding that more charges are possible.")
    >>> said = Candidate((37, 43), (44, 48), (0, 35), "indirect", 0)
    >>> rows = participle_rows(doc, [said], frozenset({"adding"}), lambda cue, src: ((63, 89), "indirect"))
    >>> [(doc.text[slice(*r.source)], doc.text[slice(*r.cue)]) for r in rows]
    [('Lohmar', 'adding')]
    """
    text, starts = doc.text, doc.starts
    taken = {c.cue for c in found if c.cue is not None}
    taken_starts = {c.cue[0] for c in found if c.cue is not None}
    out = []
    for c in found:
        if c.cue is None or c.source is None or c.cue_kind not in _SPEAKING:
            continue
        end = max(c.cue[1], c.source[1], c.content[1] if c.content and c.content[0] > c.cue[0] else 0)
        # The comma may close a quotation ('... a decision," noting').
        at, comma = end, "," in text[max(0, end - 2): end]
        while at < len(text) and (text[at].isspace() or text[at] in ",\"“”’'"):
            comma = comma or text[at] == ","
            at += 1
        if not comma:
            continue
        t = bisect_left(starts, at)
        if t >= len(starts) or starts[t] != at or doc.sent_of[t] != doc.sent_of[bisect_left(starts, c.cue[0])]:
            continue
        if doc.words[t].lower() not in participles or at in taken_starts:
            continue
        cue = (starts[t], doc.ends[t])
        s_first = bisect_left(starts, c.source[0])
        s_last = max(s_first, bisect_left(starts, c.source[1]) - 1)
        content, kind = content_of((t, t), (s_first, s_last))
        if content is None or content[0] < cue[1] or cue in taken:
            continue
        taken.add(cue)
        out.append(replace(c, cue=cue, content=content, quote_kind=kind, cue_last_token=t))
    return out
