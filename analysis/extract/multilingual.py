"""One rule engine for every language with a resource folder (``data/languages/<code>/``).

The engine knows no words of its own: it reads the cue verbs, credit formulas,
pronouns, quotation marks and the other lists of :class:`~analysis.extract.languages.Language`
and applies the same rules to each language:

* a **cue** is a reporting verb form with its auxiliaries and negation ("не
  заявив", "a déclaré", "hat gesagt"), a credit formula ("за словами",
  "zufolge", "selon", "з посиланням на"), a French verb fused with its
  inverted pronoun ("a-t-il précisé"), or the colon of a quotation signed
  with a name ("Прем'єр: «…»");
* the **source** of a verb is the noun phrase before it ("Міністр заявив"),
  or after it when nothing stands before it in its clause: verb-subject
  inversion ("— сказав Нетаньягу", "sagte er", "zei hij", "Про це повідомив
  X"); a formula finds its source after it ("volgens X"), before it ("X
  zufolge") or in its slot ("за його словами");
* the **content** is the quotation beside the cue, the clause of a
  subordinator ("що", "dass", "que", "dat"), a German clause in the
  subjunctive of reported speech ("sagte, die Lage sei ernst"), the words of
  a dialogue dash ("— Ми готові, — сказав він"), or the rest of the sentence
  a formula credits;
* "X з посиланням на Y" relays: Y is the source and X, a medium, its ``via``;
  sources joined by a coordinator ("VRT та Agence France-Presse") are one row each;
* a quotation with no cue of its own right after a quoted speaker's is that
  speaker's too (a row without a cue).
"""

from __future__ import annotations

from bisect import bisect_left

from analysis.extract.continuations import ContinuationRules
from analysis.extract.languages import Language
from analysis.extract.phrases import _CLAUSE_MARKS, Found, find_quotations
from analysis.text.tokens import Doc, parse
from analysis.sources.registry import MediaIndex

__all__ = ["Engine", "Found", "find_quotations"]

# How far the line tests look around a sentence, in characters: a longer line is no heading.
_LOOK = 200


def _line_rest(text: str, end: int) -> str:
    """The rest of the line from ``end``, or 200 characters of it (a line that long goes on)."""
    rest = text[end: end + _LOOK]
    nl = rest.find("\n")
    return rest[:nl] if nl >= 0 else rest


class Engine(ContinuationRules):
    """The rule engine over one language's resources.

    Args:
        lang: the language's resources.
        media: the media index, to name relaying media (``via``).
    """

    def __init__(self, lang: Language, media: MediaIndex):
        self.lang = lang
        self.media = media
        self.quote_marks = frozenset(c for pair in lang.quote_pairs for c in pair)
        self.multiword: dict[str, list[tuple[str, ...]]] = {}
        for form in lang.cue_verbs:
            if " " in form:
                words = tuple(form.split())
                self.multiword.setdefault(words[0], []).append(words)
        for forms in self.multiword.values():
            forms.sort(key=len, reverse=True)
        self.anaphora_first = {words[0] for words in lang.anaphora}
        self.lower_media = frozenset(form for form in media.exact if form.islower())
        # Formulas by first word; one that opens with its slot ("ihrer Meinung nach") under each possessive.
        self.formulas: dict[str, list] = {w: list(fs) for w, fs in lang.formulas.items() if w != "{poss}"}
        for poss in lang.possessives:
            self.formulas.setdefault(poss, []).extend(lang.formulas.get("{poss}", ()))
            self.formulas[poss].sort(key=lambda f: -len(f.words))
        # The words a cue can start with.
        self.triggers = frozenset(self.formulas) | {f.split()[0] for f in lang.cue_verbs} | frozenset(lang.separable)

    # -- cues ---------------------------------------------------------------------------
    def _formula_at(self, low: list[str], i: int, end: int):
        """The longest formula starting at token ``i`` (before ``end``): ``(formula, last, slot)``."""
        for f in self.formulas.get(low[i], ()):
            k, slot = i, None
            for w in f.words:
                if k >= end:
                    break
                if w == "{poss}":
                    if low[k] not in self.lang.possessives:
                        break
                    slot = k
                elif low[k] != w:
                    break
                k += 1
            else:
                return f, k - 1, slot
        return None

    def _verb_at(self, low: list[str], i: int, end: int) -> int | None:
        """The last token of the cue verb starting at ``i``, or ``None``."""
        for words in self.multiword.get(low[i], ()):
            if tuple(low[i: i + len(words)]) == words and i + len(words) <= end:
                return i + len(words) - 1
        if low[i] in self.lang.cue_verbs:
            return i
        return None

    def _inverted(self, doc: Doc, low: list[str], i: int, end: int):
        """A verb fused with its inverted pronoun ("précise-t-il", "a-t-il dit"): ``(last, pronoun span)``."""
        w = low[i]
        for suffix in self.lang.inversion_suffixes:
            if w.endswith(suffix) and len(w) > len(suffix):
                head = w[: -len(suffix)]
                pron = (doc.ends[i] - len(suffix.rsplit("-", 1)[-1]), doc.ends[i])
                if head in self.lang.cue_verbs:
                    return i, pron
                if head in self.lang.auxiliaries:
                    k = i + 1
                    while k < end and low[k] in self.lang.skip_words:
                        k += 1
                    if k < end and low[k] in self.lang.cue_verbs:
                        return k, pron
                return None
        return None

    # -- one document --------------------------------------------------------------------
    def find(self, text: str, *, outlet: str | None = None) -> list[Found]:
        """Every attribution in ``text``, in text order.

        Args:
            text: the article text.
            outlet: the publisher. Where it credits its own sources ("…,
                повідомляє УНН з посиланням на VRT"), the credited sources are
                its direct sources (no ``via``) and the publisher is no row of
                its own; where it cites its earlier reporting ("Раніше УНН
                повідомляв"), it is a row.
        """
        doc = parse(text, language=self.lang.code)
        if not doc.words:
            return []
        lang = self.lang
        quotes = find_quotations(text, lang)
        quote_opening = {q[0]: q for q in quotes}
        quote_closing = {q[1]: q for q in quotes}
        # Quotations long enough to hold whole paragraphs of their own are not
        # read as nesting (an unpaired mark can make one).
        inner = [q for q in quotes if q[1] - q[0] < 800]
        around = self._quotes_around(doc, inner)
        found: list[Found] = []
        for sent, (s0, s1) in enumerate(doc.sent_bounds):
            if self._heading(doc, s0, s1):
                continue
            cues = self._cues(doc, s0, s1, around)
            taken = {k for c in cues for k in range(c[0], c[1] + 1)}
            verb_rows: list[Found] = []
            for first, last, what, extra in cues:
                if what == "formula":
                    rows = self._formula_rows(doc, sent, s0, s1, first, last, extra, taken, quote_opening)
                else:
                    rows = self._verb_rows(doc, sent, s0, s1, first, last, extra, taken, around[first],
                                           quote_opening, quote_closing)
                    verb_rows.extend(rows)
                found.extend(rows)
            # A relay formula's via is the medium that reports in the same sentence.
            for f in found:
                if f.sentence == sent and f.via == "?":
                    f.via, content, reporter = self._relay(doc, s0, verb_rows, f)
                    f.content = content or f.content
                    if reporter is not None and self._is_publisher(doc.text, reporter, outlet):
                        f.via = None
                        found = [g for g in found if g is not reporter]
        found = [f for f in found if f.source is not None or f.content is not None]
        found.sort(key=lambda f: (f.cue or f.source or (0, 0))[0])
        found.extend(self._continuations(doc, found, quotes))
        if lang.subjunctive_continues:
            found.extend(self._reported_sentences(doc, found))
        found.sort(key=lambda f: ((f.cue or f.content or f.source)[0]))
        self._as_the_guidelines_span(doc.text, found)
        return found

    def _ends_paragraph(self, doc: Doc, s1: int) -> bool:
        """Whether the sentence ending at token ``s1`` ends its line."""
        end = doc.ends[s1 - 1]
        return not _line_rest(doc.text, end).strip()

    def _heading(self, doc: Doc, s0: int, s1: int) -> bool:
        """A short line of its own with no final mark: a headline, a date line (no attributions)."""
        text = doc.text
        a, b = doc.starts[s0], doc.ends[s1 - 1]
        if s1 - s0 > 20 or text[b - 1] in ".!?…:" or text[b - 1] in self.quote_marks:
            return False
        line = text.rfind("\n", max(0, a - _LOOK), a)
        if line < 0 and a > _LOOK or text[line + 1: a].strip():
            return False
        return not _line_rest(text, b).strip()

    def _cues(self, doc: Doc, s0: int, s1: int, around: list[tuple[int, int] | None]):
        """``(first, last, kind, extra)`` of the cues of sentence ``[s0, s1)``, outside quotations."""
        low, lang = doc.lowered, self.lang
        out = []
        triggers, fused = self.triggers, bool(lang.inversion_suffixes)
        i = s0
        while i < s1:
            # Most words start no cue: a set look-up skips them.
            if low[i] not in triggers and not (fused and "-" in low[i]):
                i += 1
                continue
            if around[i] is not None and not self._interrupts(doc, i, s0):
                i += 1
                continue
            hit = self._formula_at(low, i, s1)
            if hit is not None:
                f, last, slot = hit
                if not (f.position == "comma" and not (i > s0 and doc.words[i - 1] == ",") or (
                        f.position == "clause" and not (i == s0 or doc.words[i - 1] == ","
                                                        or low[i - 1] in lang.coordinators))):
                    out.append((i, last, "formula", (f, slot)))
                    i = last + 1
                    continue
            inv = self._inverted(doc, low, i, s1)
            if inv is not None:
                out.append((i, inv[0], "verb", inv[1]))
                i = inv[0] + 1
                continue
            last = self._verb_at(low, i, s1)
            if last is not None and i > s0 and low[i - 1] in lang.determiners:
                last = None  # "l'annonce", "die Meldung", "het bericht": a noun
            if last is not None and lang.nouns_capitalized and i > s0 and doc.words[i][:1].isupper():
                last = None  # German nouns: "Sagen", "Berichten"
            if last is not None and low[last] in lang.participles:
                # "Der Präsident hat bereits sein Veto angekündigt": the cue runs from the finite auxiliary.
                first = self._auxiliary_before(doc, i, s0)
                if first is not None:
                    out.append((first, last, "verb", None))
                    i = last + 1
                    continue
                nxt = last + 1
                if not (nxt < s1 and doc.words[nxt][0].isalnum() and low[nxt] not in lang.passive_auxiliaries):
                    # At the end of its clause, or before "wurde": a passive participle, no cue.
                    i = last + 1
                    continue
            if last is None and low[i] in lang.separable and self._particle_after(doc, i, s1) is not None:
                last = i  # "Die WWF gab in einer Pressemitteilung bekannt": the finite form is the cue
            if last is not None:
                first = i
                while first - 1 >= s0 and low[first - 1] in lang.auxiliaries and i - first < 3:
                    first -= 1
                out.append((first, last, "verb", None))
                i = last + 1
                continue
            i += 1
        return out

    def _particle_after(self, doc: Doc, i: int, s1: int) -> int | None:
        """The particle of the separable verb at ``i``, later in its clause ("gab … bekannt"), or ``None``."""
        particles = self.lang.separable[doc.lowered[i]]
        for k in range(i + 1, min(s1, i + 15)):
            if doc.words[k] in _CLAUSE_MARKS or doc.words[k] in self.quote_marks:
                return None
            if doc.lowered[k] in particles and (k + 1 >= s1 or not doc.words[k + 1][0].isalnum()):
                return k
        return None

    def _auxiliary_before(self, doc: Doc, i: int, s0: int) -> int | None:
        """The finite auxiliary of the participle at ``i``, in its clause, or ``None``."""
        k = i - 1
        while k >= s0 and i - k <= 20 and not (doc.words[k] in _CLAUSE_MARKS or self._subordinator(doc.lowered[k])):
            if doc.lowered[k] in self.lang.finite_auxiliaries:
                return k
            k -= 1
        return None

    def _interrupts(self, doc: Doc, i: int, s0: int) -> bool:
        """Whether the word at ``i`` follows a dash: a cue that interrupts its quotation («A, – сказав він, – B»)."""
        k = i - 1
        while k >= s0 and doc.lowered[k] in self.lang.auxiliaries:
            k -= 1
        return k >= s0 and (doc.words[k] in self.lang.dashes or doc.words[k] == "-")

    def _kind(self, text: str, content: tuple[int, int] | None, direct: bool) -> str:
        if direct:
            return "direct"
        if content is not None and not self.quote_marks.isdisjoint(text[content[0]: content[1]]):
            return "mixed"
        return "indirect"

    def _verb_rows(self, doc, sent, s0, s1, first, last, pron, taken, quoted, quote_opening,
                   quote_closing) -> list[Found]:
        low, lang, text = doc.lowered, self.lang, doc.text
        cue = self._span(doc, first, last)
        # The content: a quotation or dialogue dash right before the cue.
        content, direct = None, False
        k = first - 1
        while k >= s0 and (doc.words[k] in ",:" or doc.words[k] in lang.dashes or doc.words[k] == "-"):
            k -= 1
        before_quote = quote_closing.get(doc.starts[k]) if k >= 0 and k < first - 1 or (
            k >= 0 and doc.words[k] in self.quote_marks) else None
        dash_before = any(doc.words[m] in lang.dashes or doc.words[m] == "-" for m in range(max(k + 1, s0), first))
        src_last = last
        source = None
        right = False
        if pron is not None:
            source, right = pron, True
        else:
            left = self._left_np(doc, first, s0, taken)
            rnp = self._right_np(doc, last, s1, taken)
            next_is_pronoun = last + 1 < s1 and low[last + 1] in lang.pronouns
            if rnp is not None and (left is None or next_is_pronoun or before_quote is not None or dash_before):
                source, right = self._span(doc, *rnp), True
                src_last = rnp[1]
            elif left is not None:
                source = self._span(doc, *left)
            elif rnp is not None:
                source, right = self._span(doc, *rnp), True
                src_last = rnp[1]
        around = quoted if dash_before else None  # the quotation the cue stands in
        if source is None and first > s0 and low[s0] in lang.source_prepositions and first - s0 <= 6:
            # "У ній ідеться про…", "У міністерстві заявили": the body or text the preposition names.
            source = self._span(doc, s0 + 1, first - 1)
        if before_quote is not None:
            content, direct = (before_quote[0], before_quote[1] + 1), True
        elif around is not None and k >= 0 and doc.starts[k] > around[0]:
            # «A, – сказав він, – B»: the first part, from the opening mark.
            content, direct = (around[0], doc.ends[k]), True
        elif dash_before and k >= s0:
            # "— Ми готові, — сказав він": the words from the line's opening dash.
            line = text.rfind("\n", 0, doc.starts[k]) + 1
            head = text[line: doc.starts[k]].lstrip()
            if head[:1] in lang.dashes or head[:1] == "-":
                start = line + (len(text[line: doc.starts[k]]) - len(head)) + 1
                while start < doc.ends[k] and text[start].isspace():
                    start += 1
                content, direct = (start, doc.ends[k]), True
            elif head and self._ends_paragraph(doc, s1):
                # A paragraph signed at its end ("… лише питання часу, – сказав Нетаньягу."): all of it is quoted.
                start = line + (len(text[line: doc.starts[k]]) - len(head))
                content, direct = (start, doc.ends[k]), True
        if content is None and right and k >= s0 and "," in doc.words[k + 1: first]:
            # "Ситуація складна, сказав він": the clause before the comma.
            content = (doc.starts[s0], doc.ends[k])
        if content is None:
            after = (src_last if right and pron is None else last) + 1
            while after < s1 and (low[after] in lang.addressees or low[after] in lang.skip_words):
                after += 1
            content, direct = self._content_after(doc, after, s1, quote_opening)
        if content is None:
            content = self._anaphora_content(doc, sent, s0, first)
        # The words after the cue, or after a source that follows it, may name the medium it was said to.
        via = None
        if source is not None:
            if right and pron is None:
                # "a déclaré à l'AFP un responsable", "zegt ze tegen persbureau Reuters": before or after the source.
                src_tokens = {n for n in range(last + 1, src_last + 1) if doc.starts[n] >= source[0]}
                via = (self._addressee_medium(doc, last, s1, taken | src_tokens)
                       or self._addressee_medium(doc, src_last, s1, taken))
            else:
                via = self._addressee_medium(doc, last, s1, taken)
        if source is None and content is None:
            return []
        if source is None and lang.cue_verbs.get(low[last]) not in ("speech", "report"):
            return []
        rows = [Found(source, cue, content, self._kind(text, content, direct), sent, via)]
        rest = self._resumed(doc, quoted, cue, max(last, src_last), s1) if direct and source is not None else None
        if rest is not None:
            # «A, – сказав він, – B»: B is a row of its own with the same source and no cue.
            rows.append(Found(source, None, rest, "direct", sent, via))
        return rows

    def _content_after(self, doc: Doc, after: int, s1: int, quote_opening) -> tuple[tuple[int, int] | None, bool]:
        """The content that starts at token ``after`` (a quotation, a clause), or ``(None, False)``."""
        low, lang = doc.lowered, self.lang
        end = self._sentence_content_end(doc, s1)
        k = after
        colon = False
        while k < s1 and doc.words[k] in ",:" or (k < s1 and doc.words[k] in lang.dashes):
            colon |= doc.words[k] == ":"
            k += 1
        if k >= s1:
            return None, False
        if doc.starts[k] in quote_opening:
            q = quote_opening[doc.starts[k]]
            return (q[0], q[1] + 1), True
        if colon:
            return (doc.starts[k], end), True
        # A subordinator a few words on ("заявив у понеділок, що").
        for m in range(k, min(s1, k + 6)):
            if self._subordinator(low[m]):
                return (doc.starts[m], end), False
            if doc.words[m] in ".;!?":
                break
        if k > after and doc.words[after] == "," and doc.starts[k] < end:
            # "sagte, die Lage sei ernst": a clause of reported speech after the comma.
            return (doc.starts[k], end), False
        if k == after and s1 - k >= 2 and doc.starts[k] < end:
            # The verb's object ("заявив про відставку", "dénonce le recours").
            return (doc.starts[k], end), False
        return None, False

    def _anaphora_content(self, doc: Doc, sent: int, s0: int, first: int) -> tuple[int, int] | None:
        low = doc.lowered
        for words, target in self.lang.anaphora.items():
            for at in range(s0, min(first, s0 + 3)):
                if tuple(low[at: at + len(words)]) == words:
                    if target == "phrase":
                        return doc.starts[at], doc.ends[at + len(words) - 1]
                    if sent > 0:
                        p0, p1 = doc.sent_bounds[sent - 1]
                        return doc.starts[p0], self._sentence_content_end(doc, p1)
        return None

    def _addressee_medium(self, doc: Doc, last: int, s1: int, taken: set[int]) -> str | None:
        """The medium a cue is addressed to or appeared in, named after the cue (and its source).

        "сказав агентству Reuters", "sagte der dpa", "a déclaré à l'AFP",
        "zegt ze tegen persbureau Reuters", "zegt X in een interview met de BBC":
        a registered medium among the few words after ``last``, before the
        content opens (a subordinator, colon or quotation), even with no
        preposition before it ("розповів AFP").
        """
        k = last + 1
        while k < s1 and doc.lowered[k] in self.lang.skip_words:
            k += 1
        if k >= s1:
            return None
        stop = k
        while stop < min(s1, k + 8) and stop not in taken and not (
                doc.words[stop] in ":;" or self._subordinator(doc.lowered[stop])):
            if doc.words[stop] in self.quote_marks:
                close = self._short_quote_end(doc, stop, s1)  # a quoted name: «Інтерфаксу»
                if close is None:
                    break
                stop = close
            stop += 1
        if stop <= k:
            return None
        span = doc.text[doc.starts[k]: doc.ends[stop - 1]]
        # Media names are capitalised but for a few ("dpa"): most windows need no scan.
        if span.islower() and self.lower_media.isdisjoint(doc.lowered[k:stop]):
            return None
        for s, e, name in self.media.find(span):
            return name
        return None

    def _formula_rows(self, doc, sent, s0, s1, first, last, extra, taken, quote_opening) -> list[Found]:
        f, slot = extra
        text = doc.text
        cue = self._span(doc, first, last)
        if f.side == "inside":
            spans = [(slot, slot)]
            src_first, src_last = slot, slot
        elif f.side == "after":
            np_ = self._right_np(doc, last, s1, taken - set(range(first, last + 1)), named_modifier=f.kind == "citing")
            if np_ is None:
                return []
            spans = self._split(doc, *np_)
            if len(spans) == 1:
                np_ = self._short_source(doc, *np_, s1)
                spans = [np_]
            src_first, src_last = np_
        else:
            np_ = self._left_np(doc, first, s0, taken - set(range(first, last + 1)))
            if np_ is None:
                return []
            spans = [np_]
            src_first, src_last = np_
        lo, hi = min(first, src_first), max(last, src_last)
        end = self._sentence_content_end(doc, s1)
        left = (doc.starts[s0], doc.ends[lo - 1]) if lo - 1 >= s0 else None
        right = None
        k = hi + 1
        while k < s1 and doc.words[k] in ",:":
            k += 1
        if k < s1 and doc.starts[k] < end:
            right = (doc.starts[k], end)
        # Strip a trailing comma and dash from the left part.
        if left is not None:
            m = lo - 1
            while m >= s0 and (doc.words[m] in ",:" or doc.words[m] in self.lang.dashes):
                m -= 1
            left = (doc.starts[s0], doc.ends[m]) if m >= s0 else None
        if left is None and right is None:
            return []
        def quotation(c):
            q = quote_opening.get(c[0]) if c else None
            return q if q is not None and q[1] + 1 >= c[1] else None

        # A quotation just before the formula is its content ('"…", aldus X'); else the longer side.
        q = quotation(left)
        content = (q[0], q[1] + 1) if q else max((c for c in (left, right) if c), key=lambda c: c[1] - c[0])
        q = q or quotation(content)
        direct = q is not None
        if direct:
            content = (q[0], q[1] + 1)
        if f.kind == "citing":
            via = "?"
        else:  # '"…", zegt ze tegen persbureau Reuters'
            via = self._addressee_medium(doc, src_last, s1, set()) if f.position == "comma" else None
        return [Found(self._span(doc, a, b), cue, content, self._kind(text, content, direct), sent, via)
                for a, b in spans]

    def _relay(self, doc: Doc, s0: int, verb_rows: list[Found], row: Found):
        """The medium relaying a "citing" formula's source, the content it relays, and its row.

        The medium is the source of the reporting verb before the formula
        ("повідомляє УНН з посиланням на VRT"), by its registered name if it
        has one, else a medium named before the formula.
        """
        for v in reversed(verb_rows):
            if v.sentence == row.sentence and v.source is not None and v.cue[0] < row.cue[0]:
                if v.via is not None:
                    return v.via, v.content, v  # "X сообщила «Интерфаксу», со ссылкой на Y": Interfax relays Y
                named = doc.text[v.source[0]: v.source[1]]
                hits = self.media.find(named)
                if hits:
                    return hits[-1][2], v.content, v
                # An unregistered medium, by its name: "издание МСМ News" -> "МСМ News".
                words = named.split()
                while len(words) > 1 and words[0][:1].islower():
                    words.pop(0)
                return " ".join(words), v.content, v
        a = doc.starts[s0]
        hits = self.media.find(doc.text[a: row.cue[0]])
        return (hits[-1][2] if hits else None), None, None

    def _is_publisher(self, text: str, row: Found, outlet: str | None) -> bool:
        """Whether ``row``'s source names the publisher ``outlet``."""
        if outlet is None or row.source is None:
            return False
        named = text[row.source[0]: row.source[1]]
        if named.strip().casefold() == outlet.strip().casefold():
            return True
        own = self.media.resolve(outlet, fuzzy=False) or self.media.resolve_outlet(outlet)
        return own is not None and self.media.resolve(named, fuzzy=False) == own

    def _as_the_guidelines_span(self, text: str, found: list[Found]) -> None:
        """Spans and kinds as the annotation guidelines (and the English extractor) have them.

        * A source is the mention without the quotation marks around it
          (citing «a well-informed source» -> "well-informed source"), and a
          registered medium without a lower-case description before it
          ("єгипетське видання Al Qahera News" -> "Al Qahera News").
        * ``mixed`` is kept for a speaker's own quoted fragment: a fragment in
          content before the source, or in content holding another row's cue,
          is someone else's, and so is one around a parenthetical credit's
          source: the row is ``indirect``.
        """
        cues = sorted(f.cue for f in found if f.cue is not None)
        cue_starts = [c[0] for c in cues]
        for f in found:
            if f.source is not None:
                a, b = f.source
                while a < b and (text[a] in self.quote_marks or text[a].isspace()):
                    a += 1
                while b > a and (text[b - 1] in self.quote_marks or text[b - 1].isspace()):
                    b -= 1
                hits = self.media.find(text[a:b]) if a < b and text[a].islower() else []
                if hits and a + hits[-1][1] == b and text[a: a + hits[-1][0]].strip().islower():
                    a += hits[-1][0]
                if a < b:
                    f.source = (a, b)
            if f.quote_kind == "mixed" and f.content is not None and f.cue is not None:
                # A source inside its own content is a parenthetical credit ("армія, за словами
                # міністра, проводить «операцію»"): the fragment may be the reporter's, as in English.
                before = f.source is not None and (
                    f.content[1] <= f.source[0] or f.content[0] <= f.source[0] < f.content[1]
                    or text[max(0, f.cue[0] - 3): f.cue[0]].rstrip().endswith(",")
                    and text[f.source[1]: f.source[1] + 3].lstrip().startswith(","))
                # Only the cues that start inside the content can nest in it: a bisect keeps this linear.
                inside = cues[bisect_left(cue_starts, f.content[0]): bisect_left(cue_starts, f.content[1])]
                nested = any(c != f.cue and c[1] <= f.content[1] for c in inside)
                if before or nested:
                    f.quote_kind = "indirect"
