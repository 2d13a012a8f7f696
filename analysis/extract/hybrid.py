"""Rules and the learned model together: one list of attributions per document.

The rules (:mod:`analysis.extract.rules`) know the wire formulas: relays
("X told AFP", "Al Jazeera reported, citing Y"), coordinated media ("Reuters
and AFP reported"), the publisher naming itself. The learned model
(:mod:`analysis.models.attribution`) knows what PolNeAR's annotators counted as
an attribution and where its spans start and end. They are merged cue by cue:

* a cue both found keeps the rule's relay, medium and quote kind; its
  spans are the model's under the ``"polnear"`` convention and the rule's
  under the ``"sourcescope"`` one; where the two disagree on the source, the
  rule's reading wins, except under ``"polnear"`` when the rule's source is
  no medium and no relay;
* a cue only the rules found is kept when it is a wire formula (a medium
  as source, a relay, "according to", "citing"), since those are what the
  rules were written for;
* a cue only the model found is added (its quote kind read off the content).

Two conventions are offered:

* ``"sourcescope"`` (the default; the convention of the bundled sample gold)
  counts cited sources: a model-only cue must contain a reporting word of
  ``data/lexicons/cue_verbs.csv`` ("said", "found", "believes"), a medium is
  spanned by its name ("the BBC" -> "BBC") and a person by their name without
  a following apposition;
* ``"polnear"`` follows the PolNeAR annotation, which also counts stance and
  action predicates ("endorsed", "voted against") as attributions and spans
  the whole noun phrase ("The New York Post", "Huma Abedin, vice chairwoman
  for Clinton's presidential campaign,"); a cue the model is sure of whose
  sentence names no source ("A curfew was announced") is a row without a
  source, as the annotation has it.

Content spans follow PolNeAR under both: quotation marks belong to a direct
quote, a reported clause starts with its "that".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import compress, count

from analysis.extract.content import CommaStop, _quote_closing, content_span
from analysis.extract.continuation import (continuation_rows, drop_nested, participle_rows, quote_before_source,
                                           split_interrupted)
from analysis.extract.furniture import drop_furniture
from analysis.extract.relays import link_relays
from analysis.extract.rules import Candidate, RuleExtractor
from analysis.text.clauses import is_clause, takes_object
from analysis.text.tokens import CLOSE_QUOTES, OPEN_QUOTES, QUOTE_CHARS, Doc
from analysis.models.attribution import AttributionModel, Found

CONVENTIONS = ("sourcescope", "polnear")
_WIRE_KINDS = frozenset({"according_to", "citing", "report"})
_LEADING_THE = ("the ", "The ")
_TRAILING_JUNK = ",;: " + "".join(sorted(QUOTE_CHARS))
_LEADING_JUNK = " " + "".join(sorted(QUOTE_CHARS))


def _tokens(doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
    """Token range (inclusive) covering a character span."""
    first = bisect_right(doc.ends, span[0])
    last = max(first, bisect_left(doc.starts, span[1]) - 1)
    return first, last


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class _SpanIndex:
    """Sorted character spans; finds those overlapping a span in logarithmic time.

    Spans longer than ``reach`` characters are checked one by one (there are few).
    """

    def __init__(self, spans: list[tuple[int, int]], reach: int = 400):
        short = sorted(s for s in spans if s[1] - s[0] <= reach)
        self.starts = [s for s, _ in short]
        self.spans = short
        self.long = [s for s in spans if s[1] - s[0] > reach]
        # A short span overlapping ``span`` starts at most its own length before it.
        self.reach = max((e - s for s, e in short), default=0)

    def overlapping(self, span: tuple[int, int]) -> list[tuple[int, int]]:
        start, end = span
        i = bisect_left(self.starts, start - self.reach)
        j = bisect_left(self.starts, end)
        return [s for s in self.spans[i:j] if s[1] > start] + [s for s in self.long if _overlaps(s, span)]


def quote_kind_of(doc: Doc, content: tuple[int, int] | None, *, marks: list[int] | None = None) -> str:
    """``direct`` for a whole quotation, ``mixed`` for a clause holding one, else ``indirect``.

    ``marks`` are the sorted offsets of every quotation mark in ``doc.text``
    (:func:`quote_marks`); pass them when classifying many contents of one
    text, so that each costs a lookup rather than a scan of its characters.

    >>> from analysis.text.tokens import parse
    >>> doc = parse('He said "no," and she said it was "far from final".')
    >>> quote_kind_of(doc, (8, 13)), quote_kind_of(doc, (28, 50)), quote_kind_of(doc, (28, 33))
    ('direct', 'mixed', 'indirect')
    """
    if content is None:
        return "indirect"
    text = doc.text
    start, end = content
    # The content without surrounding white space, found without copying it.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return "indirect"
    if (text[start] in OPEN_QUOTES and text[end - 1] in CLOSE_QUOTES
            or end - start >= 2 and text.startswith("''", start) and text.startswith("''", end - 2)):
        return "direct"
    if marks is None:
        marks = quote_marks(doc)
    k = bisect_left(marks, start)
    return "mixed" if k < len(marks) and marks[k] < end else "indirect"


def quote_marks(doc: Doc) -> list[int]:
    """Offsets of the quotation marks in ``doc.text``, in order.

    >>> from analysis.text.tokens import parse
    >>> quote_marks(parse('A "b" c'))
    [2, 4]
    """
    text = doc.text
    marks = []
    # str.find per mark is much faster than a regular expression over every character.
    for mark in QUOTE_CHARS:
        at = text.find(mark)
        while at >= 0:
            marks.append(at)
            at = text.find(mark, at + 1)
    marks.sort()
    return marks


def name_span(doc: Doc, span: tuple[int, int], rules: RuleExtractor) -> tuple[int, int]:
    """A PolNeAR-style source span cut to the ``"sourcescope"`` convention.

    Drops a leading "the" before a registered medium, an apposition after a
    capitalised name ("Mara Quennell, the chief executive," -> "Mara
    Quennell"), quotation marks and a trailing comma.

    >>> from analysis.extract.attributions import _extractor
    >>> from analysis.text.tokens import parse
    >>> text = "the BBC reported"
    >>> s, e = name_span(parse(text), (0, 7), _extractor(frozenset())); text[s:e]
    'BBC'
    """
    start, end = span
    text = doc.text
    while end > start and text[end - 1] in _TRAILING_JUNK:
        end -= 1
    while start < end and text[start] in _LEADING_JUNK:
        start += 1
    piece = text[start:end]
    comma = piece.find(", ")
    if comma > 0 and piece[0].isupper() and piece[:comma].split()[-1][:1].isupper():
        end = start + comma
        piece = text[start:end]
    for the in _LEADING_THE:
        if piece.startswith(the) and rules.resolve_medium(piece[len(the):]) is not None:
            start += len(the)
            break
    return start, end


def merge(doc: Doc, rule_found: list[Candidate], model: AttributionModel | None, rules: RuleExtractor,
          *, convention: str = "sourcescope", found: list[Found] | None = None) -> list[Candidate]:
    """Merge the rules' and the model's attributions of ``doc`` (see the module docstring).

    ``found`` is what ``model`` finds in ``doc`` when that is already known
    (:meth:`~analysis.models.attribution.AttributionModel.find_many` scores
    many documents at once); otherwise the model is run on ``doc`` here.

    >>> from analysis.extract.attributions import _extractor
    >>> from analysis.text.tokens import parse
    >>> from analysis.models import load_model
    >>> doc, rules = parse("Mr. Smith, who runs the port, believes the deal is done."), _extractor(frozenset())
    >>> [doc.text[c.source[0]:c.source[1]] for c in merge(doc, rules.find(doc), load_model(), rules, convention="polnear")]
    ['Mr. Smith, who runs the port,']
    """
    if convention not in CONVENTIONS:
        raise ValueError(f"convention must be one of {CONVENTIONS}, got {convention!r}")
    if model is None:
        return rule_found
    if found is None:
        found = model.find(doc)
    # Where a reported clause ends at a comma is learned, when the model was fitted with content spans.
    stop = model.comma_stop if getattr(model, "content_break_", None) is not None else None
    starts, ends = doc.starts, doc.ends
    sourceless = [f for f in found if f.source is None]
    found = [f for f in found if f.source is not None]
    learned = [((starts[f.cue[0]], ends[f.cue[1]]), (starts[f.source[0]], ends[f.source[1]]), f) for f in found]
    learned.sort(key=lambda item: item[0])
    learned_starts = [m_cue[0] for m_cue, _, _ in learned]
    used: set[int] = set()
    out: list[Candidate] = []
    # Rule rows grouped by cue: coordinated media share one cue.
    groups: dict[tuple[int, int], list[Candidate]] = {}
    for c in rule_found:
        groups.setdefault(c.cue, []).append(c)
    for cue, group in groups.items():
        match, same_source = None, False
        # Model cues are in text order and do not overlap: bisect to the first that may.
        n = max(0, bisect_left(learned_starts, cue[0]) - 1)
        while n < len(learned) and learned_starts[n] < cue[1]:
            m_cue, m_src, f = learned[n]
            if n not in used and _overlaps(cue, m_cue):
                match, same_source = n, any(_overlaps(c.source, m_src) for c in group)
                break
            n += 1
        # Under PolNeAR's convention the model, which learned it, reads a
        # source other than a medium or relay better than the rules.
        model_reads = convention == "polnear" and len(group) == 1 and not (group[0].via or group[0].medium)
        if match is not None and not same_source and not model_reads:
            # Both see a cue but disagree on its source: the rules' wire
            # formulas and inverted quotes are the more reliable reading.
            used.add(match)
            for c in group:
                out.append(_with_content(doc, c, _tokens(doc, c.cue), _tokens(doc, c.source), stop))
            continue
        if match is None:
            if convention == "sourcescope" or any(c.medium or c.via or c.cue_kind in _WIRE_KINDS for c in group):
                for c in group:
                    out.append(_with_content(doc, c, _tokens(doc, c.cue), _tokens(doc, c.source), stop))
            continue
        used.add(match)
        m_cue, m_src, f = learned[match]
        if convention == "polnear" and len(group) == 1:
            c = group[0]
            c.cue, c.source = m_cue, m_src
            out.append(_with_content(doc, c, f.cue, f.source, stop))
        else:
            for c in group:
                out.append(_with_content(doc, c, _tokens(doc, c.cue), _tokens(doc, c.source), stop))
    cue_words = rules.lex.cue_verbs
    marks = None
    for n in _unclashing(out, learned, used):
        m_cue, m_src, f = learned[n]
        if convention == "sourcescope" and not any(
            (doc.lower[i] if doc.lower else doc.words[i].lower()) in cue_words for i in range(f.cue[0], f.cue[1] + 1)
        ):
            continue
        content = content_span(doc, f.cue, f.source, stop=stop)
        src = m_src if convention == "polnear" else name_span(doc, m_src, rules)
        if src[1] <= src[0]:
            continue
        medium = rules.resolve_medium(doc.text[src[0]: src[1]])
        if marks is None:
            marks = quote_marks(doc)
        out.append(Candidate(src, m_cue, content, quote_kind_of(doc, content, marks=marks), f.sentence, medium=medium,
                             cue_last_token=f.cue[1]))
    out += _signatures(doc, out)
    out += _transcript_turns(doc, out)
    _share_relayed_content(out)
    if convention == "polnear":
        for c in out:
            _split_clitic(doc.text, c)
        out += _sourceless_rows(doc, sourceless, out, stop)
    out = drop_furniture(doc, out)
    # A content that is a whole quotation is a direct quote, whoever found the
    # row ('"...," fire chief Maria Lopez told reporters').
    marks = quote_marks(doc) if marks is None else marks
    for c in out:
        if c.content is not None and c.quote_kind != "direct" and quote_kind_of(doc, c.content, marks=marks) == "direct":
            c.quote_kind = "direct"
    if convention == "sourcescope":
        # A quotation without a cue of its own is a row of its speaker's (the convention's rule).
        out = split_interrupted(doc, quote_before_source(doc, drop_nested(doc, link_relays(doc, out, rules))))
        out += continuation_rows(doc, out)
        out += participle_rows(doc, out, rules.lex.participles, _content_and_kind(doc, stop))
        # Objects are told from clauses last: the credit formulas have their
        # clauses by now, and 'X explained the risk. "..."' has given its
        # speaker to the quotation that follows.
        out = [c for c in out if not _found_a_thing(doc, c)]
    out.sort(key=lambda c: ((c.cue or c.content)[0], c.source[0] if c.source else -1))
    return out


#: Forms of "find": a finding only with a clause ("found that ..."), else a thing found ("found the car").
_FIND = frozenset(("found", "find", "finds", "finding"))


def _found_a_thing(doc: Doc, c: Candidate) -> bool:
    """Whether ``c``'s verb has a noun object rather than a clause ("Officers found the car").

    "find" reports only a "that" clause or a quotation; the other verbs that
    take objects ("Carolina added three goals", "the firm reported a loss")
    report any clause (:func:`analysis.text.clauses.is_clause`).
    """
    if c.cue is None or c.content is None:
        return False
    cue = doc.text[c.cue[0]: c.cue[1]].lower()
    if cue in _FIND:
        head = doc.text[c.content[0]: c.content[0] + 5].lower()
        return not (head.startswith("that") or head[:1] in QUOTE_CHARS)
    if c.content[0] < c.cue[0] or c.quote_kind != "indirect" or c.medium:
        return False  # an object follows its verb; a content before it is a clause ("X happened, Y reported")
    verb = cue.rsplit(None, 1)[-1] if cue.strip() else cue
    return takes_object(verb) and not is_clause(doc.text[c.content[0]: c.content[1]])


def _content_and_kind(doc: Doc, stop: CommaStop | None):
    """The content span and quote kind of a cue and its source (token ranges) in ``doc``."""
    def content_of(cue: tuple[int, int], source: tuple[int, int]) -> tuple[tuple[int, int] | None, str]:
        content = content_span(doc, cue, source, stop=stop)
        return content, quote_kind_of(doc, content)
    return content_of


def _sourceless_rows(doc: Doc, sourceless: list[Found], out: list[Candidate], stop: CommaStop | None
                     ) -> list[Candidate]:
    """Rows for the model's cues that have no source ("The veto is expected to come Friday").

    A cue that overlaps a cue or source of ``out`` is left out: the row
    already there reads that part of the sentence.
    """
    if not sourceless:
        return []
    taken = _SpanIndex([c.cue for c in out] + [c.source for c in out if c.source])
    marks = None
    rows = []
    for f in sourceless:
        cue = (doc.starts[f.cue[0]], doc.ends[f.cue[1]])
        if taken.overlapping(cue):
            continue
        content = content_span(doc, f.cue, None, stop=stop)
        if marks is None:
            marks = quote_marks(doc)
        rows.append(Candidate(None, cue, content, quote_kind_of(doc, content, marks=marks), f.sentence,
                              cue_last_token=f.cue[1]))
    return rows


def _unclashing(out: list[Candidate], learned: list[tuple[tuple[int, int], tuple[int, int], Found]],
                used: set[int]) -> list[int]:
    """Positions in ``learned`` of the model-only rows that clash with no row kept before them.

    A source never holds a cue ("X said" as the source of "in a statement"),
    nor does a cue lie in another source ("informed" in "An informed source
    said"). The rows in ``out`` and the model rows they used always stay;
    model-only rows that clash with each other are settled in order of cue
    probability, so the surer cue stays ("A poll released in May found":
    "found" rather than "released").
    """
    # Who owns each span: -1 for a row of ``out``, else a position in ``learned``.
    cue_owner: dict[tuple[int, int], list[int]] = {}
    source_owner: dict[tuple[int, int], list[int]] = {}
    for c in out:
        cue_owner.setdefault(c.cue, []).append(-1)
        source_owner.setdefault(c.source, []).append(-1)
    for n, (m_cue, m_src, _) in enumerate(learned):
        cue_owner.setdefault(m_cue, []).append(n)
        source_owner.setdefault(m_src, []).append(n)
    cue_index, source_index = _SpanIndex(list(cue_owner)), _SpanIndex(list(source_owner))
    kept = set(used) | {-1}
    order = sorted((n for n in range(len(learned)) if n not in used), key=lambda n: -learned[n][2].cue_p)
    for n in order:
        m_cue, m_src, _ = learned[n]
        rivals = [k for span in cue_index.overlapping(m_src) for k in cue_owner[span]]
        rivals += [k for span in source_index.overlapping(m_cue) if span != m_src for k in source_owner[span]]
        if not any(k in kept for k in rivals if k != n):
            kept.add(n)
    return sorted(n for n in kept if n >= 0 and n not in used)


def _share_relayed_content(found: list[Candidate]) -> None:
    """Give a "citing" source the content of the medium relaying it ("X reported, citing Y, that ...").

    >>> relay = Candidate((0, 2), (3, 11), (33, 40), "indirect", 0, medium="X")
    >>> cited = Candidate((20, 31), (13, 19), None, "indirect", 0, via="X", cue_kind="citing")
    >>> _share_relayed_content([relay, cited]); cited.content
    (33, 40)
    """
    cited = [c for c in found if c.cue_kind == "citing" and c.via]
    if not cited:
        return
    # The first relaying row per (medium, sentence): one pass, not one per cited source.
    relays: dict[tuple[str, int], Candidate] = {}
    for r in found:
        if r.medium and r.cue_kind != "citing" and r.content is not None:
            relays.setdefault((r.medium, r.sentence), r)
    for c in cited:
        relay = relays.get((c.via, c.sentence))
        if relay is not None:
            c.content, c.quote_kind = relay.content, relay.quote_kind


# "He's expecting", "they're saying": PolNeAR cuts a contracted verb off the
# source and starts the cue with it; the tokens keep "He's" whole. A
# possessive stays with its source ("Clinton's / assertion" about three
# times in four on PolNeAR train), so "'s" is cut only after a pronoun.
_CLITIC = re.compile(r"[’'](?:s|re|ve|ll|d|m)\Z", re.IGNORECASE)
_CONTRACTED_IS = re.compile(r"\b(?:he|she|it|that|there|what|who|here|where|how|let)[’']s\Z", re.IGNORECASE)


def _split_clitic(text: str, c: Candidate) -> None:
    """Move a contracted verb ending ``c``'s source into its cue when the cue follows right after.

    >>> c = Candidate((0, 4), (5, 14), None, "indirect", 0)
    >>> _split_clitic("He’s expecting a win.", c); (c.source, c.cue)
    ((0, 2), (2, 14))
    >>> c = Candidate((0, 9), (10, 19), None, "indirect", 0)
    >>> _split_clitic("Clinton's assertion", c); (c.source, c.cue)
    ((0, 9), (10, 19))
    """
    if c.source is None:
        return
    s0, s1 = c.source
    if not 0 <= c.cue[0] - s1 <= 1 or text[s1: c.cue[0]].strip():
        return
    m = _CLITIC.search(text, max(s0, s1 - 3), s1)
    if m is None or m.start() <= s0:
        return
    if m.group().lower()[1:] == "s" and not _CONTRACTED_IS.search(text, s0, s1):
        return
    c.source, c.cue = (s0, m.start()), (m.start(), c.cue[1])


_SIGN_DASHES = frozenset("—―–")
# '..."' and then, on a line of its own, '- Bernie Sanders.': a hyphen signs too.
_QUOTE_THEN_HYPHEN_LINE = re.compile(r"(?:[\"”]|'')[ \t]*\n\s*-[ \t]?[A-Z]")


def _quote_then_dash(text: str) -> bool:
    """Whether a closing quotation mark ('' reads as one) and then, after any white
    space, a signing dash occur in ``text``: needed for any signature.

    The same as searching ``(?:["”]|'')\\s*[—―–]``, but looking only at the dashes,
    which a regular expression cannot jump to.

    >>> _quote_then_dash('"Yes."  ― Jane'), _quote_then_dash("''Yes.''― Jane"), _quote_then_dash("Yes ― Jane")
    (True, True, False)
    """
    for dash in _SIGN_DASHES:
        at = text.find(dash)
        while at >= 0:
            k = at
            while k > 0 and text[k - 1].isspace():
                k -= 1
            if k >= 1 and text[k - 1] in '"”' or k >= 2 and text[k - 2: k] == "''":
                return True
            at = text.find(dash, at + 1)
    return False



def _signatures(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    r"""Quotations and tweets signed with a dash: '"..." ― Jane Doe' at a line end.

    The dash is the cue, the capitalised name after it the source (up to a
    bracket, a comma, a line end or the end of the sentence) and the
    quotation before it the content. A hyphen signs too when it opens the
    line after the quotation ('"..."\n- Bernie Sanders.').

    >>> from analysis.text.tokens import parse
    >>> doc = parse('"We deserve better." ― Jane Doe\nMore text.')
    >>> [(doc.text[c.source[0]:c.source[1]], doc.text[c.cue[0]:c.cue[1]]) for c in _signatures(doc, [])]
    [('Jane Doe', '―')]
    >>> doc = parse('"We deserve better."\n\n- Jane Doe, a voter.\n')
    >>> [(doc.text[c.source[0]:c.source[1]], doc.text[c.content[0]:c.content[1]]) for c in _signatures(doc, [])]
    [('Jane Doe', '"We deserve better."')]
    """
    dashes = any(dash in doc.text for dash in _SIGN_DASHES) and _quote_then_dash(doc.text)
    hyphens = _QUOTE_THEN_HYPHEN_LINE.search(doc.text) is not None
    if not (dashes or hyphens):
        return []  # most texts: no quotation signed with a dash
    words, starts, ends = doc.words, doc.starts, doc.ends
    cues = {c.cue for c in found}
    out = []
    signs = _SIGN_DASHES | {"-"} if hyphens else _SIGN_DASHES
    for i in compress(count(), map(signs.__contains__, words)):
        if i == 0 or words[i - 1] not in CLOSE_QUOTES or (starts[i], ends[i]) in cues:
            continue
        # A hyphen signs only from the start of the line after the quotation.
        if words[i] == "-" and "\n" not in doc.text[ends[i - 1]: starts[i]]:
            continue
        k = i + 1
        while k < len(words) and words[k][:1].isupper() and (k == i + 1 or "\n" not in doc.text[ends[k - 1]: starts[k]]):
            k += 1
        if k == i + 1 or k - i > 5:
            continue
        at_end = k >= len(words) or words[k] in ("(", ".", ",") or "\n" in doc.text[ends[k - 1]: starts[k]]
        if not at_end:
            continue
        quote = _quote_closing(doc, starts[i - 1])
        content = (quote[0], quote[1] + 1) if quote else None
        out.append(Candidate((starts[i + 1], ends[k - 1]), (starts[i], ends[i]), content, "direct", doc.sent_of[i],
                             cue_last_token=i))
    return out


# A speaker label opening a line of a transcript: 'WALLACE: ...', '"JAKE TAPPER: ...'.
# Upper-case words only, so that "Update:" or "Video: ..." headings do not
# count; two letters or more, as the "Q:" and "A:" of a question-and-answer
# piece name no one (and PolNeAR's annotators marked them in one such piece
# of train and not in the other).
_TURN = re.compile(r"^[ \t]*[\"“]?([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]*){0,3}):[ \t]+(?=\S)", re.MULTILINE)


def _transcript_turns(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    r"""The turns of an interview transcript: 'WALLACE: ...' lines, the label the source and the colon the cue.

    A text is a transcript when at least two different upper-case labels
    each open two lines or more (a label seen once, or one speaker alone, is
    more often a heading). The content is the rest of the line, a direct
    quote. Colons already a cue of ``found`` are left to it.

    >>> from analysis.text.tokens import parse
    >>> doc = parse("Partial transcript:\nHOST: Will you run?\nSMITH: No.\nHOST: Why not?\nSMITH: Family.\n")
    >>> [(doc.text[c.source[0]:c.source[1]], doc.text[c.content[0]:c.content[1]]) for c in _transcript_turns(doc, [])][:2]
    [('HOST', 'Will you run?'), ('SMITH', 'No.')]
    """
    if ":" not in doc.text:
        return []
    turns = list(_TURN.finditer(doc.text))
    counts: dict[str, int] = {}
    for m in turns:
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    if sum(n >= 2 for n in counts.values()) < 2:
        return []
    cues = [c.cue for c in found]
    out = []
    for m in turns:
        if counts[m.group(1)] < 2:
            continue
        colon = (m.end(1), m.end(1) + 1)
        if any(_overlaps(colon, cue) for cue in cues):
            continue
        line_end = doc.text.find("\n", m.end())
        line_end = len(doc.text) if line_end < 0 else line_end
        content_end = m.end() + len(doc.text[m.end(): line_end].rstrip())
        colon_token = _tokens(doc, colon)[0]
        out.append(Candidate(m.span(1), colon, (m.end(), content_end), "direct", doc.sent_of[colon_token],
                             cue_last_token=colon_token))
    return out


def _with_content(doc: Doc, c: Candidate, cue_tokens: tuple[int, int], source_tokens: tuple[int, int],
                  stop: CommaStop | None = None) -> Candidate:
    """``c`` with its content span in the PolNeAR convention (:func:`merge` then reads its quote kind off it)."""
    if c.cue_kind == "citing" and c.via:
        return c  # shares the relaying medium's content
    content = content_span(doc, cue_tokens, source_tokens, stop=stop)
    if content is not None:
        c.content = content
    return c
