"""Rows without a cue of their own, for the rule engine of :mod:`analysis.extract.multilingual`.

A quotation that goes on a quoted speaker's words, the rest of a quotation its
cue interrupts, and German reported speech that goes on in the subjunctive are
each a row with the speaker's source and no cue (``../shared/annotation-guidelines.md``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

import numpy as np

from analysis.extract.phrases import Found, PhraseRules
from analysis.text.tokens import Doc

_PARAGRAPH = re.compile(r"\n\s*\n")


class ContinuationRules(PhraseRules):
    """The cue-less rows (see the module docstring)."""

    def _resumed(self, doc: Doc, q: tuple[int, int] | None, cue: tuple[int, int], after: int,
                 s1: int) -> tuple[int, int] | None:
        """Where a quotation interrupted by its cue resumes after a dash, up to its end, or ``None``.

        Inside quotation marks («A, – сказав він, – B») the rest runs to the
        closing mark; in a line of dialogue ("— A, — сказав він. — B") to the end of the line.
        ``q`` is the quotation the cue stands in, if any.
        """
        text, dashes = doc.text, self.lang.dashes
        end_of_line = text.find("\n", cue[1])
        limit = (q[1] if q else (end_of_line if end_of_line >= 0 else len(text)))
        k = after + 1
        # Past the source's own words (", на прес-конференції") to the next dash.
        while k < len(doc.words) and doc.starts[k] < limit and not (doc.words[k] in dashes or doc.words[k] == "-"):
            if k - after > 8:
                return None
            k += 1
        if k + 1 >= len(doc.words) or doc.starts[k] >= limit or doc.starts[k + 1] >= limit:
            return None
        if q is None:
            line = text.rfind("\n", 0, cue[0]) + 1
            if text[line:cue[0]].lstrip()[:1] not in dashes:
                return None  # no line of dialogue
            end = limit
            while end > doc.starts[k + 1] and text[end - 1].isspace():
                end -= 1
            return doc.starts[k + 1], end
        return doc.starts[k + 1], q[1] + 1

    def _reported_sentences(self, doc: Doc, found: list[Found]) -> list[Found]:
        """German reported speech that goes on in the subjunctive: rows without a cue.

        "Der Minister sagte, die Lage sei ernst. Man habe alles versucht." The
        second sentence has no cue, but its Konjunktiv I ("habe") says it is
        still the minister's: a row with his source and the sentence as content.
        """
        low, lang = doc.lowered, self.lang
        by_sentence: dict[int, Found] = {}
        for f in found:
            if f.source is not None and f.cue is not None:
                by_sentence.setdefault(f.sentence, f)
        out: list[Found] = []
        speaker = None  # the row whose speech the current sentence may go on
        for sent, (s0, s1) in enumerate(doc.sent_bounds):
            if sent in by_sentence:
                speaker = by_sentence[sent]
                continue
            # Only a sentence in the subjunctive with no quotation of its own goes on; any other ends the speech.
            if speaker is None or not any(low[k] in lang.subjunctive for k in range(s0, s1)) or any(
                    doc.words[k] in self.quote_marks for k in range(s0, s1)):
                speaker = None
                continue
            out.append(Found(speaker.source, None, (doc.starts[s0], self._sentence_content_end(doc, s1)), "indirect",
                             sent, speaker.via))
        return out

    def _continuations(self, doc: Doc, found: list[Found], quotes: list[tuple[int, int]]) -> list[Found]:
        """Quotations with no cue that go on a quoted speaker's words: rows without a cue."""
        # Characters already in some row's content, as a prefix count over the text.
        covered = [f.content for f in found if f.content is not None]
        marks = np.zeros(len(doc.text) + 1, dtype=np.int64)
        for a, b in covered:
            marks[a] += 1
            marks[b] -= 1
        in_content = np.cumsum(marks) > 0
        prefix = np.concatenate(([0], np.cumsum(in_content)))
        added_end = -1  # quotations come by their closing mark: an overlap with an added one reaches past its end
        sentence_starts = [doc.starts[a] for a, _ in doc.sent_bounds]
        direct = sorted((f for f in found if f.quote_kind == "direct" and f.source is not None and f.content),
                        key=lambda f: f.content[1])
        ends = [f.content[1] for f in direct]
        cue_starts = sorted(f.cue[0] for f in found if f.cue is not None)
        breaks = [m.start() for m in _PARAGRAPH.finditer(doc.text)]
        out = []
        for q in quotes:
            span = (q[0], q[1] + 1)
            if prefix[span[1]] - prefix[span[0]] > 0 or span[0] < added_end:
                continue
            at = bisect_right(ends, span[0]) - 1
            if at < 0:
                continue
            prev = direct[at]
            # No other cue between the speaker's quotation and this one, and at most one paragraph break.
            gap_from = max(prev.content[1], prev.cue[1] if prev.cue else 0)
            c = bisect_right(cue_starts, gap_from)
            if c < len(cue_starts) and cue_starts[c] < span[0]:
                continue
            if bisect_left(breaks, span[0]) - bisect_left(breaks, gap_from) > 1:
                continue
            sentence = bisect_right(sentence_starts, span[0]) - 1
            row = Found(prev.source, None, span, "direct", max(sentence, 0), prev.via)
            out.append(row)
            added_end = span[1]
        return out
