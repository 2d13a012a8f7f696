"""Noun phrases, quotations and clause ends, for the rule engine of :mod:`analysis.extract.multilingual`.

:func:`find_quotations` pairs a language's quotation marks; :class:`PhraseRules`
finds the source phrase before or after a cue and where a clause ends. Both read
only the lists of a :class:`~analysis.extract.languages.Language`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.extract.languages import Language
from analysis.text.tokens import Doc

#: Punctuation that ends a clause for the noun-phrase rules.
_CLAUSE_MARKS = frozenset(",;:()[]…!?.")
# The longest source the rules take, in tokens.
_MAX_LEFT, _MAX_RIGHT = 14, 10
# The deepest nesting of quotation marks that is paired.
_MAX_DEPTH = 6


@dataclass
class Found:
    """One attribution found in a text (character spans, end exclusive)."""

    source: tuple[int, int] | None
    cue: tuple[int, int] | None
    content: tuple[int, int] | None
    quote_kind: str
    sentence: int
    via: str | None = None


@lru_cache(maxsize=16)
def _quote_pattern(marks: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(marks) + r"]|\n\s*\n")


def find_quotations(text: str, lang: Language) -> list[tuple[int, int]]:
    """``(open, close)`` offsets of the quotation marks that pair up, by the language's pairs.

    Marks nest («… „…“ …»); a paragraph break closes nothing and resets;
    a mark between two letters is an apostrophe ("Anna's", "О'Браєн").

    >>> from analysis.extract.languages import load_language
    >>> find_quotations("Він сказав: «Ми „готові“». Кінець.", load_language("uk"))
    [(16, 23), (12, 24)]
    """
    closing_of: dict[str, set[str]] = {}
    for o, c in lang.quote_pairs:
        closing_of.setdefault(o, set()).add(c)
    closers = {c for _, c in lang.quote_pairs}
    # A mark that both opens and closes ('"') opens before a word and closes after one;
    # the others may stand apart from their words, as French « » do.
    symmetric = {o for o, c in lang.quote_pairs if o == c} | (set(closing_of) & closers)
    marks = "".join(sorted(set(closing_of) | closers))
    if not marks:
        return []
    out: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []  # (opening mark, offset)
    n = len(text)
    for m in _quote_pattern(marks).finditer(text):
        pos, ch = m.start(), m.group()
        if ch[0] == "\n" and len(ch) > 1:
            stack.clear()
            continue
        before = text[pos - 1] if pos else " "
        after = text[pos + 1] if pos + 1 < n else " "
        if before.isalnum() and after.isalnum():
            continue  # an apostrophe
        # Close the innermost open quotation this mark closes, if any.
        closed = False
        if ch in closers and not (before.isspace() and ch in closing_of and after.isalnum() and ch in symmetric):
            for k in range(len(stack) - 1, -1, -1):
                if ch in closing_of[stack[k][0]]:
                    out.append((stack[k][1], pos))
                    del stack[k:]
                    closed = True
                    break
        if not closed and ch in closing_of and not (after.isspace() and ch in symmetric):
            stack.append((ch, pos))
            if len(stack) > _MAX_DEPTH:
                del stack[0]  # no text nests quotations deeper: a run of openers must not cost a scan each
    out.sort(key=lambda q: q[1])
    return out


class PhraseRules:
    """Source phrases and clause ends; :class:`~analysis.extract.multilingual.Engine` sets ``lang``,
    ``quote_marks`` and ``anaphora_first``."""

    lang: Language
    quote_marks: frozenset[str]
    anaphora_first: set[str]

    # -- clause ends and source phrases --------------------------------------------------
    def _is_boundary(self, doc: Doc, i: int) -> bool:
        w = doc.words[i]
        return (w in _CLAUSE_MARKS or w in self.lang.dashes or w in self.quote_marks or w == "-"
                or self._subordinator(doc.lowered[i]))

    def _subordinator(self, word: str) -> bool:
        """Whether ``word`` is a subordinator, or starts with an elided one ("qu'il")."""
        if word in self.lang.subordinators:
            return True
        cut = max(word.find("'"), word.find("’"))
        return cut > 0 and word[: cut + 1] in self.lang.subordinators

    def _left_np(self, doc: Doc, i: int, s0: int, taken: set[int], *,
                 appositions: int = 0) -> tuple[int, int] | None:
        """Tokens ``(first, last)`` of the noun phrase ending before token ``i``, or ``None``."""
        low, lang = doc.lowered, self.lang
        k = i - 1
        while k >= s0 and low[k] in lang.skip_words:
            k -= 1
        if k > s0 and doc.words[k] == "," and k not in taken and appositions < 3:
            # "Paul Girard, PDG de Nordlys France, a indiqué": the name before the apposition.
            c = k - 1
            while c > s0 and doc.words[c] != "," and not self._is_boundary(doc, c) and k - c < _MAX_LEFT:
                c -= 1
            if c > s0 and doc.words[c] == ",":
                np_ = self._left_np(doc, c, s0, taken, appositions=appositions + 1)
                if np_ is not None and appositions < 2 and np_[0] - 1 > s0 and doc.words[np_[0] - 1] == ",":
                    # "X, Jean Dupont, professeur à Lyon, a dit": the first of the phrases.
                    return self._left_np(doc, np_[0] - 1, s0, taken, appositions=appositions + 1) or np_
                return np_
            return None
        last = k
        while k >= s0 and last - k < _MAX_LEFT and not self._is_boundary(doc, k) and k not in taken:
            k -= 1
        first = k + 1
        # Connectives, adverbs and a leading prepositional phrase are no subject.
        if first <= last and low[first] in self.anaphora_first:
            for words in lang.anaphora:
                if tuple(low[first: first + len(words)]) == words:
                    return None  # "Про це повідомив X": the source follows
        while first <= last:
            if low[first] in lang.clause_openers or low[first] in lang.coordinators or low[first] in lang.skip_words:
                first += 1
            elif low[first] in lang.np_stops:
                if lang.verb_second:
                    return None  # one phrase before the verb, and it is this one: "Am Montag sagte er"
                first += 2  # the preposition and its noun ("У середу", "В понедельник")
            else:
                break
        if first > last:
            return None
        if first == last and low[first] in lang.relatives and first - 1 > s0 and doc.words[first - 1] == ",":
            # "депутат X, який пообіцяв": the source is the phrase the relative pronoun stands for.
            return self._left_np(doc, first - 1, s0, taken)
        if last > first and low[last] in lang.relatives:
            last -= 1  # "critici die zeggen"
        if first == last and (low[first] in lang.determiners or low[first] in lang.addressees):
            return None  # "comme le rappelle HRW": an object clitic, no subject
        # An anaphoric opener ("Про це повідомив X") is content, not source.
        if low[first] in self.anaphora_first:
            for words in lang.anaphora:
                if tuple(low[first: first + len(words)]) == words and first + len(words) > last:
                    return None
        return first, last

    def _right_np(self, doc: Doc, j: int, s1: int, taken: set[int], *,
                  named_modifier: bool = False) -> tuple[int, int] | None:
        """Tokens ``(first, last)`` of the noun phrase starting after token ``j``, or ``None``.

        A preposition of :attr:`Language.source_prepositions` may open it
        ("зазначили у прес-службі": the press service), and a short quoted
        name may stand in it («Подільські вісті»). With ``named_modifier``
        a preposition before a name goes on with the phrase ("джерело в МИД").
        """
        low, lang = doc.lowered, self.lang
        k = j + 1
        while k < s1 and (low[k] in lang.addressees or low[k] in lang.skip_words):
            k += 1
        if k + 2 < s1 and low[k] in lang.addressee_prepositions:
            # "a expliqué à l'AFP Paul Martin": the hearer, then the source.
            k += 2 if low[k + 1] not in lang.determiners else 3
        if k < s1 and low[k] in lang.source_prepositions:
            k += 1
        first = k
        while k < s1 and k - first < _MAX_RIGHT and k not in taken and not (
                k > first and low[k] in lang.np_stops
                and not (named_modifier and k + 1 < s1 and doc.words[k + 1][:1].isupper())):
            if k == first and low[k] in lang.np_stops:
                return None
            if doc.words[k] in self.quote_marks:
                close = self._short_quote_end(doc, k, s1)
                if close is None:
                    break
                k = close + 1
                continue
            if self._is_boundary(doc, k):
                break
            if (lang.nouns_capitalized and k > first and doc.words[k][:1].islower() and low[k] not in lang.determiners
                    and doc.words[k - 1][:1].isupper()):
                break  # "Laut Polizei wurden": the noun phrase ends before the verb
            k += 1
        if k == first:
            return None
        return first, k - 1

    def _short_source(self, doc: Doc, first: int, last: int, s1: int) -> tuple[int, int]:
        """A formula's source cut to its name or its head noun where it runs on into the clause it credits.

        "volgens haar vader bovenop kwam" -> "haar vader"; "volgens het Nibud
        steeds meer mensen geldproblemen." -> "het Nibud". A source that ends
        at a comma ("Volgens de politie, ...") is kept whole, and so is a short
        one at the sentence's end.
        """
        after = last + 1
        ends_sentence = after >= s1 or doc.words[after] in ".!?…"
        if last - first < 2 or (not ends_sentence and (doc.words[after] in _CLAUSE_MARKS
                                                       or doc.words[after] in self.quote_marks)):
            return first, last
        if (ends_sentence and last - first < 3) or doc.words[first] in self.quote_marks:
            return first, last  # short, or a quoted name («Вголос», "поінформоване джерело")
        low, words = doc.lowered, doc.words
        k = first
        if low[k] in self.lang.determiners or low[k] in self.lang.possessives:
            k += 1
        # A name: the run of capitalised words ("het Nibud", "Greta Thunberg").
        end = k
        while end + 1 <= last and words[end + 1][:1].isupper():
            end += 1
        return first, min(end, last)

    def _short_quote_end(self, doc: Doc, k: int, s1: int) -> int | None:
        """The token closing a quoted name of a few words opening at token ``k`` («Вголос»), or ``None``."""
        for m in range(k + 1, min(s1, k + 6)):
            if doc.words[m] in self.quote_marks:
                return m if m > k + 1 else None
            if not doc.words[m][0].isalnum():
                return None
        return None

    def _quotes_around(self, doc: Doc, quotes: list[tuple[int, int]]) -> list[tuple[int, int] | None]:
        """The innermost quotation holding each token inside its marks (``None`` outside any).

        Paired marks nest or are apart, so one sweep over the tokens with a
        stack of open quotations finds them all (a text of many quotations is
        not scanned once per token).
        """
        out: list[tuple[int, int] | None] = []
        ordered = sorted(quotes)
        stack: list[tuple[int, int]] = []
        q = 0
        for pos in doc.starts:
            while q < len(ordered) and ordered[q][0] < pos:
                stack.append(ordered[q])
                q += 1
            while stack and stack[-1][1] <= pos:
                stack.pop()
            # A quotation closed before ``pos`` but under a later-opened one was popped with it.
            while stack and not (stack[-1][0] < pos < stack[-1][1]):
                stack.pop()
            out.append(stack[-1] if stack else None)
        return out

    def _sentence_content_end(self, doc: Doc, s1: int) -> int:
        """The end of a sentence's last word (its final period left out)."""
        k = s1 - 1
        while k > 0 and doc.words[k] in ".!?…":
            k -= 1
        return doc.ends[k]

    def _split(self, doc: Doc, first: int, last: int) -> list[tuple[int, int]]:
        """A source span cut at its coordinators when each part is a name ("VRT та AFP")."""
        parts, start = [], first
        for k in range(first, last + 1):
            if doc.lowered[k] in self.lang.coordinators or doc.words[k] == ",":
                if k > start:
                    parts.append((start, k - 1))
                start = k + 1
        if start <= last:
            parts.append((start, last))
        if len(parts) > 1 and all(doc.words[a][:1].isupper() for a, _ in parts):
            return parts
        return [(first, last)]

    def _span(self, doc: Doc, first: int, last: int) -> tuple[int, int]:
        return doc.starts[first], doc.ends[last]
