"""Relay wording of wire copy: who passed a source on, and what a credit formula credits.

The rules find each formula on its own ("according to Reuters", "citing two
people familiar with the matter", "the BBC reported"); :func:`link_relays`
reads them together, under the ``"sourcescope"`` convention:

* the content of a formula that follows its clause ("So far, no progress has
  been made, UNN reports with reference to VRT") is that clause, not the
  formula; when what comes before the formula is no clause of its own
  ("That is why, according to the agency, prices rose"), the formula credits
  what follows it;
* ``according to Reuters, citing two people familiar with the matter``: the
  people came through Reuters;
* ``according to AFP, which quoted a senior official`` (``which cited``,
  ``which cites``, ``which quotes``): the official is a row of its own,
  through AFP;
* ``X said ..., the BBC reported``: X came through the BBC, and X's content
  stops before the formula;
* ``X told Al Jazeera, as quoted by AFP`` (``as reported by``, ``as cited
  by``): X came through Al Jazeera, Al Jazeera through AFP, and AFP is a row
  of its own, so the relay chain reads publisher > AFP > Al Jazeera > X.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from analysis.extract.rules import Candidate, RuleExtractor
from analysis.text.clauses import is_clause, is_open_ended, opens_on_verb
from analysis.text.tokens import Doc

__all__ = ["link_relays"]

#: Kinds of cue that credit a clause to a medium or a document.
_CREDIT_KINDS = frozenset({"according_to", "citing", "report"})
# ", which quoted a senior official": the relative clause of a medium.
_WHICH = re.compile(r"\s*,\s*which\s+(quoted|quotes|cited|cites)\s+([^,.;:!?\n]+)")
# ", as quoted by AFP".
_AS_BY = re.compile(r",\s*(as\s+(?:quoted|reported|cited)\s+by)\s+([^,.;:!?\n]+)")
_TRAIL = " ,\u2014-"


def _sentence(doc: Doc, c: Candidate) -> tuple[int, int]:
    """Character span of the sentence of ``c``'s cue."""
    at = c.cue[0] if c.cue is not None else c.source[0]
    i = max(0, bisect_right(doc.starts, at) - 1)
    return doc.sentence_span(doc.sent_of[i])


def _clause_before(doc: Doc, start: int, at: int) -> tuple[int, int] | None:
    """The clause from ``start`` up to the comma before ``at`` ("X happened, [Reuters reported]")."""
    text = doc.text
    end = at
    while end > start and text[end - 1] in " ":
        end -= 1
    if end <= start or text[end - 1] != ",":
        return None
    end -= 1
    while end > start and text[end - 1] in _TRAIL:
        end -= 1
    return (start, end) if end > start else None


def _clause_after(doc: Doc, c: Candidate) -> tuple[int, int] | None:
    """The part of ``c``'s content after its formula and a comma ("..., according to X, [prices rose]")."""
    text = doc.text
    end = max(c.cue[1], c.source[1])
    if c.content is None or c.content[1] <= end:
        return None
    start = end
    while start < c.content[1] and text[start] in " ":
        start += 1
    if start >= c.content[1] or text[start] != ",":
        return None
    start += 1
    while start < c.content[1] and text[start] in " ":
        start += 1
    return (start, c.content[1]) if start < c.content[1] else None


def _left_of(text: str, at: int) -> int:
    """``at`` moved left over spaces and commas."""
    while at > 0 and text[at - 1] in " ,":
        at -= 1
    return at


def _first(c: Candidate) -> int:
    return min(c.cue[0], c.source[0]) if c.source is not None else c.cue[0]


def link_relays(doc: Doc, found: list[Candidate], rules: RuleExtractor) -> list[Candidate]:
    """The candidates of ``doc`` with the relays of wire wording linked (see the module docstring).

    >>> from analysis.extract.attributions import _extractor
    >>> from analysis.text.tokens import parse
    >>> text = "The talks stalled, according to Reuters, which quoted a senior official."
    >>> doc, rules = parse(text), _extractor(frozenset())
    >>> rows = link_relays(doc, rules.find(doc), rules)
    >>> [(text[slice(*r.source)], r.via, text[slice(*r.content)]) for r in rows]
    [('Reuters', None, 'The talks stalled'), ('a senior official', 'Reuters', 'The talks stalled')]
    """
    text = doc.text
    out = [c for c in found]
    # Where each medium's own formula ends ("Al Qahera News reported"): a "citing" right after it shares its content.
    medium_ends = {max(m.source[1], m.cue[1]) for m in out
                   if m.cue is not None and m.source is not None and m.medium and m.cue_kind in ("according_to", "report")}
    # The content of a formula after its clause is that clause.
    for n, c in enumerate(out):
        if c.cue is None or c.source is None or c.cue_kind not in _CREDIT_KINDS:
            continue
        if c.cue_kind == "citing" and _left_of(text, c.cue[0]) in medium_ends:
            continue  # "X reported, citing Y, that ...": Y's content is X's (below)
        s0, _ = _sentence(doc, c)
        first = _first(c)
        # The medium's own article ("the BBC reported"), when there is one.
        head = first
        if text[max(s0, head - 4): head].lower().endswith("the "):
            head -= 4
        clause = _clause_before(doc, s0, head)
        if clause is None:
            continue
        after = _clause_after(doc, c)
        if after is not None and not opens_on_verb(text[slice(*after)]) and (
                is_open_ended(text[slice(*clause)]) or not is_clause(text[slice(*clause)])):
            # "That is why, according to X, prices rose": what comes before is
            # no clause of its own, so the formula credits what follows it.
            out[n] = replace(c, content=after)
        elif c.content is None or c.content[0] >= c.cue[0] or c.content[1] > clause[1]:
            out[n] = replace(c, content=clause)
    # "according to Reuters, citing ...": the cited source came through the medium.
    # Each medium's formula by where it ends: a "citing" right after it (only " ," between) is its.
    ending: dict[int, Candidate] = {}
    for m in out:
        if m.cue is not None and m.medium and m.cue_kind in ("according_to", "report"):
            ending.setdefault(max(m.source[1], m.cue[1]), m)
    for n, c in enumerate(out):
        if c.cue_kind != "citing" or c.cue is None or (c.via is not None and c.content is not None
                                                          and c.content[1] <= c.cue[0]):
            continue
        m = ending.get(_left_of(text, c.cue[0]))
        if m is not None and m is not c:
            out[n] = replace(c, via=c.via or m.medium, content=m.content)
    added: list[Candidate] = []
    for m in list(out):
        if m.cue is None or m.source is None or not m.medium:
            continue
        # "according to AFP, which quoted a senior official".
        w = _WHICH.match(text, m.source[1])
        if w:
            src = (w.start(2), w.start(2) + len(w.group(2).rstrip()))
            if not any(c.source == src for c in out):
                added.append(Candidate(src, (w.start(1), w.end(1)), m.content, m.quote_kind, m.sentence,
                                       via=m.medium, medium=rules.resolve_medium(text[slice(*src)]),
                                       cue_kind="citing"))
            if m.content is not None and m.content[1] > m.source[1]:
                m.content = (m.content[0], m.source[1]) if m.content[0] < m.cue[0] else m.content
    # "X said ..., the BBC reported": X came through the BBC.
    reports = sorted(((m.source[0] - 4 if text[max(0, m.source[0] - 4): m.source[0]].lower() == "the "
                       else m.source[0]), k, m) for k, m in enumerate(out)
                     if m.cue is not None and m.medium and m.cue_kind == "report" and m.source[0] < m.cue[0])
    heads = [h for h, _, _ in reports]
    for n, c in enumerate(out):
        if c.via is not None or c.medium or c.cue is None or c.content is None or c.cue_kind != "speech":
            continue
        # The first medium's formula starting inside the content, at its end.
        k = bisect_right(heads, c.content[0])
        if k < len(reports):
            head, _, m = reports[k]
            if c.cue[1] <= c.content[0] < head <= c.content[1] + 1 and c.content[1] <= m.cue[1] + 1:
                clause = _clause_before(doc, c.content[0], head)
                out[n] = replace(c, via=m.medium, content=clause or c.content)
    # "X told Al Jazeera, as quoted by AFP".
    by_end = sorted((c.cue[1], k) for k, c in enumerate(out) if c.cue is not None and c.source is not None)
    ends = [e for e, _ in by_end]
    for a in _AS_BY.finditer(text):
        relay = rules.resolve_medium(a.group(2).strip())
        if relay is None:
            continue
        # The attribution whose cue ends last before the formula, in the same sentence.
        k = bisect_right(ends, a.start()) - 1
        if k < 0 or "." in text[by_end[k][0]: a.start()]:
            continue
        i = by_end[k][1]
        c = out[i]
        clause = _clause_before(doc, _sentence(doc, c)[0], _first(c))
        content = clause or c.content
        cue = (a.start(1), a.end(1))
        src = (a.start(2), a.start(2) + len(a.group(2).rstrip()))
        added.append(Candidate(src, cue, content, c.quote_kind, c.sentence, medium=relay, cue_kind="according_to"))
        if c.via and c.via != relay:
            # The nearer medium gets a row of its own, relayed by the farther one.
            at = text.find(" " + c.via, c.cue[1], a.start())
            if at >= 0:
                added.append(Candidate((at + 1, at + 1 + len(c.via)), cue, content, c.quote_kind, c.sentence,
                                       via=relay, medium=c.via, cue_kind="according_to"))
            out[i] = replace(c, content=content)
        else:
            out[i] = replace(c, via=relay, content=content)
    return out + added
