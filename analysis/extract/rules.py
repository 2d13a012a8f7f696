"""Rule-based attribution finder: cues propose, noun-phrase rules find the source.

For each reporting cue (a verb such as "said" or a phrase such as "according
to") the rules look for the source where English puts it:

* before the verb ("A senior Hamas official told AFP ..."), skipping auxiliaries,
  adverbs and an appositive ("Al Qahera News, close to the intelligence
  services, reported");
* after the verb when a quotation, comma or dash comes first
  ('"We will rebuild," said the mayor.', "... - said Benjamin Netanyahu.");
* after a phrase cue ("according to X", "citing X", "with reference to X").

"X told <medium>" and "<medium> reported, citing Y" give the relay medium
(``via``). Coordinated media ("VRT and Agence France-Presse") give one row each.
The content span is the quotation, the reported clause, or the clause the
phrase cue is attached to.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count, takewhile

from analysis.sources.registry import MediaIndex
from analysis.text.lexicons import Lexicons
from analysis.text.tokens import CLOSE_QUOTES, OPEN_QUOTES, QUOTE_CHARS, Doc
from analysis.text.words import SKIP_AFTER_VERB, SKIP_BEFORE_VERB

PRONOUNS = frozenset("he she they it we i you".split())
DETERMINERS = frozenset(
    "a an the this that these those his her their its our one two three four five six "
    "several some many other another both few most all each any".split()
)
PREPOSITIONS = frozenset("of for at from with to in on about".split())
# Capitalised words that open sentences but never a source.
NOT_SOURCE_CAPITALS = frozenset(
    "The A An In On At But And Or So Yet Also However Meanwhile Still Then Now When While "
    "After Before Earlier Later Yesterday Today Tonight This That These Those There Here "
    "Recall Details If As Since Though Although Because Despite Instead Moreover Furthermore "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "May June July August September October November December".split()
)
DETERMINER_CAPITALS = frozenset(w.capitalize() for w in DETERMINERS)
_NOT_SOURCE_OR_DETERMINER = NOT_SOURCE_CAPITALS | DETERMINER_CAPITALS
_PREPOSITIONS_AND = PREPOSITIONS | {"and"}
# "people familiar with the matter": a post-modifier that keeps the phrase going.
POSTMODIFIER_OPENERS = {
    ("familiar", "with"),
    ("close", "to"),
    ("briefed", "on"),
    ("knowledgeable", "about"),
    ("involved", "in"),
    ("privy", "to"),
    ("with", "knowledge"),
    ("who", "spoke"),
    ("who", "asked"),
    ("who", "declined"),
}
POSTMODIFIER_PREPOSITIONS = frozenset("with to on about in at for of by from".split())
POSTMODIFIER_ADJECTIVES = frozenset("familiar close briefed knowledgeable involved privy".split())
TITLE_ABBREVIATIONS = frozenset("Mr Mrs Ms Dr Prof Gen Lt Col Maj Capt Sgt Sen Rep Gov St Jr Sr Adm".split())
DASHES = frozenset("-–—")
# Words that may follow the source of '"...," said X' ("said X on Monday").
AFTER_INVERTED_SOURCE = frozenset("on in at yesterday today tonight last this late earlier after during when while as who".split())
SENTENCE_END = frozenset(".!?;…")


@dataclass
class Candidate:
    """One attribution found in a document, before it becomes a table row."""

    source: tuple[int, int]
    cue: tuple[int, int] | None  # None: a quotation continuing its speaker's (analysis.extract.continuation)
    content: tuple[int, int] | None
    quote_kind: str
    sentence: int
    via: str | None = None
    medium: str | None = None  # canonical name when the source is a registered medium
    cue_last_token: int = -1
    cue_kind: str = "speech"  # the lexicon kind: speech, report, belief, finding, according_to, citing


class RuleExtractor:
    """Finds attributions in one parsed document.

    Args:
        lexicons: the word lists.
        media: the media index (registry plus the corpus's outlets).
    """

    def __init__(self, lexicons: Lexicons, media: MediaIndex):
        self.lex = lexicons
        self.media = media
        lx = lexicons
        self.np_nouns = lx.official_roles | lx.anonymous_heads | lx.document_heads | lx.organization_heads
        self.np_words = self.np_nouns | lx.source_modifiers | lx.anonymous_modifiers
        # First words of phrase cues -> the phrases they can start, longest first.
        self.phrases: dict[str, list[tuple[list[str], str]]] = {}
        for phrase, kind in sorted(lx.cue_phrases.items(), key=lambda kv: -len(kv[0])):
            words = phrase.split()
            self.phrases.setdefault(words[0], []).append((words, kind))
        self.multiword_verbs: dict[str, list[list[str]]] = {}
        for form in lx.cue_verbs:
            if " " in form:
                words = form.split()
                self.multiword_verbs.setdefault(words[0], []).append(words)
        # Lower-case words that can start a cue.
        self.triggers = frozenset(self.phrases) | frozenset(self.multiword_verbs) | frozenset(lx.cue_verbs)
        # Words that start only phrases of two words or more ("in the words of"),
        # with the second words those need: "in" and "with" are frequent and mostly start no cue.
        self.phrase_seconds = {
            first: frozenset(words[1] for words, _ in options)
            for first, options in self.phrases.items()
            if all(len(words) > 1 for words, _ in options) and first not in self.multiword_verbs
            and first not in lx.cue_verbs
        }
        # Noun phrases repeat across a corpus ("he", "Trump", "the ministry"), and
        # scanning one for media names is the dearest step of the rules: remember them.
        self._find_media = lru_cache(maxsize=16384)(media.find)
        self._resolve_medium = lru_cache(maxsize=16384)(media.resolve)

    def resolve_medium(self, text: str) -> str | None:
        """``self.media.resolve(text)``, remembered (a fuzzy look-up is dear and names recur).

        >>> from analysis.extract.attributions import _extractor
        >>> _extractor(frozenset()).resolve_medium("Agence France Presse")
        'AFP'
        """
        return self._resolve_medium(text)

    # -- token classes -------------------------------------------------------
    def _is_capital(self, word: str) -> bool:
        return word[:1].isupper() and word not in _NOT_SOURCE_OR_DETERMINER

    def _is_np_word(self, doc: Doc, i: int) -> bool:
        w = doc.words[i]
        if self._is_capital(w) or w[:1].isdigit():
            return True
        if w == "." and i > 0 and doc.words[i - 1] in TITLE_ABBREVIATIONS and doc.starts[i] == doc.ends[i - 1]:
            return True
        low = doc.lowered[i]
        if low in self.np_words or w in self.media.exact:
            return True
        # Hyphenated modifiers: "well-informed", "high-ranking", "pro-government".
        return "-" in low and any(part in self.np_words for part in low.split("-"))

    def _is_head(self, doc: Doc, i: int) -> bool:
        w = doc.words[i]
        low = doc.lowered[i]
        if low in PRONOUNS:
            return True
        if self._is_capital(w) and any(c.isalpha() for c in w):
            return True
        return low in self.np_nouns or w in self.media.exact

    # -- noun phrases ----------------------------------------------------------
    def _postmodified_head(self, doc: Doc, end: int, lo: int) -> int | None:
        """Head of "people familiar with the matter" when the phrase ends at token ``end``.

        Looks back a few words for a preposition that follows a source noun or
        one of the post-modifying adjectives ("familiar", "close", "briefed").
        """
        words = doc.words
        j = end
        while j > lo and end - j <= 6:
            w = words[j]
            if not (w[:1].isalnum() or w in ("'s", "’s")):
                return None
            low = w.lower()
            if low in POSTMODIFIER_PREPOSITIONS and j - 1 >= lo:
                before = words[j - 1].lower()
                if before in self.np_nouns or before in POSTMODIFIER_ADJECTIVES:
                    return j - 1
            j -= 1
        return None

    def _lowercase_run_ok(self, doc: Doc, j: int, lo: int) -> int | None:
        """Leftmost token of up to two unlisted lower-case words ending at ``j``
        ("project director", "a local fire official") when a determiner, a
        capitalised word, a comma or the sentence start stands before them."""
        words = doc.words
        k = j
        while (
            k >= lo and j - k < 2 and words[k].isalpha() and words[k].islower()
            and words[k] not in SKIP_BEFORE_VERB and words[k] not in DETERMINERS and words[k] not in PREPOSITIONS
        ):
            k -= 1
        if k == j:
            return None
        if k < lo or words[k].lower() in DETERMINERS or self._is_capital(words[k]) or words[k] in (",", ":", "(") or words[k] in QUOTE_CHARS:
            return k + 1
        return None

    def np_before(self, doc: Doc, head: int, lo: int) -> tuple[int, int] | None:
        """Token span ``(first, last)`` of the noun phrase ending at token ``head``."""
        if head < lo:
            return None
        lowered = doc.lowered
        end = head
        if not self._is_head(doc, head):
            inner = self._postmodified_head(doc, head, lo)
            if inner is None or inner <= lo and not self._is_head(doc, inner):
                return None
            head = inner
            if not (self._is_head(doc, head) or lowered[head] in POSTMODIFIER_ADJECTIVES):
                return None
        if lowered[head] in PRONOUNS:
            return head, head
        first = head
        j = head - 1
        words = doc.words
        if lowered[head] in POSTMODIFIER_ADJECTIVES:
            # "a source familiar with": the adjective follows its noun.
            if j < lo or not self._is_np_word(doc, j):
                return None
        while j >= lo:
            w = words[j]
            low = lowered[j]
            if low in DETERMINERS:
                first = j
                # "a spokesman for the ministry": go on through the preposition.
                if j - 2 >= lo and lowered[j - 1] in PREPOSITIONS and self._is_np_word(doc, j - 2):
                    j -= 2
                    first = j
                    j -= 1
                    continue
                break
            if self._is_np_word(doc, j):
                first = j
            elif low in PREPOSITIONS and j - 1 >= lo and self._is_np_word(doc, j - 1) and low in ("of", "for", "at", "from"):
                first = j
            elif low == "and" and j - 1 >= lo and self._is_capital(words[j - 1]) and self._is_capital(words[first]):
                first = j
            elif w in ("'s", "’s") or (w in ("'", "’") and j - 1 >= lo and words[j - 1].endswith("s")):
                first = j
            elif low in POSTMODIFIER_PREPOSITIONS and j - 1 >= lo and (
                lowered[j - 1] in self.np_nouns or lowered[j - 1] in POSTMODIFIER_ADJECTIVES
            ):
                first = j
            elif low in POSTMODIFIER_ADJECTIVES and j - 1 >= lo and self._is_np_word(doc, j - 1):
                first = j
            elif (run := self._lowercase_run_ok(doc, j, lo)) is not None:
                first = run
                j = run
            else:
                break
            j -= 1
        # Trim a leading preposition or conjunction left by the walk.
        while first < head and lowered[first] in _PREPOSITIONS_AND:
            first += 1
        return first, end

    def np_after(self, doc: Doc, i: int, hi: int) -> tuple[int, int, int] | None:
        """Noun phrase starting at token ``i``: ``(first, last, span_first)``.

        ``span_first`` skips a quotation mark inside the phrase
        (``a "well-informed source`` -> ``well-informed source``).
        """
        words, lowered = doc.words, doc.lowered
        j = i
        span_first = i
        last = None
        postmodifier = 0
        post_opened = False
        while j < hi:
            w = words[j]
            low = lowered[j]
            nxt = lowered[j + 1] if j + 1 < hi else ""
            if postmodifier:
                if w in QUOTE_CHARS or (not w[0].isalnum() and w not in "'’") or low in ("who", "that", "said", "says"):
                    break
                last = j
                postmodifier -= 1
            elif (low, nxt) in POSTMODIFIER_OPENERS and last is not None:
                postmodifier = 5
                post_opened = True
                j += 1
            elif low in DETERMINERS and (last is None or lowered[j - 1] in ("of", "for", "at", "from", "by", "in", "with", "on")):
                pass  # "the", or "the" after a preposition of the phrase ("an investigation of the shooting")
            elif w in QUOTE_CHARS and last is None:
                span_first = j + 1
            elif self._is_np_word(doc, j) or (low in PRONOUNS and last is None):
                last = j
                if low in PRONOUNS:
                    j += 1
                    break
            elif low in ("of", "for", "at", "from", "by", "in", "with", "on") and last is not None and j + 1 < hi and (
                self._is_np_word(doc, j + 1) or nxt in DETERMINERS
            ) and (low in ("of", "for", "at", "from", "by") or lowered[last] in self.np_nouns):
                pass
            elif w.isalpha() and w.islower() and j + 1 < hi and self._is_np_word(doc, j + 1) and not self._is_capital(words[j + 1]):
                pass  # an unlisted modifier before a listed noun: "an internal review"
            elif low == "and" and last is not None and j + 1 < hi and (self._is_np_word(doc, j + 1) or nxt in DETERMINERS):
                pass
            elif w in ("'s", "’s"):
                pass
            elif low.endswith(("'s", "’s")) and len(low) > 2 and j + 1 < hi and self._is_np_word(doc, j + 1):
                pass  # a possessor before the head: "the group's study"
            else:
                break
            j += 1
        if last is None:
            return None
        if span_first == i and lowered[i] in DETERMINERS:
            span_first = i
        if post_opened:
            return i, last, span_first
        # The phrase must end on a head word, not a modifier.
        while last > i and not self._is_head(doc, last) and lowered[last] not in self.np_words:
            last -= 1
        if not self._is_head(doc, last) and lowered[last] not in self.np_nouns:
            return None
        return i, last, span_first

    def media_in(self, doc: Doc, first: int, last: int) -> list[tuple[int, int, str]]:
        """Media named inside tokens ``first..last``, as character spans."""
        start, end = doc.starts[first], doc.ends[last]
        return [(start + s, start + e, name) for s, e, name in self._find_media(doc.text[start:end])]

    def resolve_np(self, doc: Doc, first: int, last: int, span_first: int | None = None) -> list[tuple[int, int, str | None]]:
        """Character spans of the source(s) a noun phrase names.

        A phrase naming media is cut to the media names, one span each
        ("the Egyptian outlet Al Qahera News" -> "Al Qahera News";
        "VRT and Agence France-Presse" -> two spans); any other phrase is one span.
        """
        media = self.media_in(doc, first, last)
        if media:
            covered = sum(e - s for s, e, _ in media)
            text = doc.text[doc.starts[first]: doc.ends[last]]
            named_before = text[: media[0][0] - doc.starts[first]].strip()
            # Keep "Ministry of Defence of Russia"-like phrases whole: cut to the
            # media only when the rest is a descriptor before them or a conjunction.
            rest = doc.text[media[-1][1]: doc.ends[last]].strip()
            if not rest and (covered >= 2 or not any(c.isupper() for c in named_before.replace("The ", ""))):
                return [(s, e, name) for s, e, name in media]
            if not rest and len(media) == 1:
                return [(media[0][0], media[0][1], media[0][2])]
        start = doc.starts[span_first if span_first is not None else first]
        return [(start, doc.ends[last], None)]

    # -- content ---------------------------------------------------------------
    def _content_after(self, doc: Doc, j: int, hi: int) -> tuple[tuple[int, int] | None, str]:
        """Content that starts at token ``j`` (after the cue) and its quote kind."""
        words, lowered = doc.words, doc.lowered
        while j < hi and (lowered[j] in SKIP_AFTER_VERB or words[j] in (",", ":")):
            if words[j] == ":" or lowered[j] == "that":
                j += 1
                break
            j += 1
        while j < hi and words[j] == ":":
            j += 1
        if j >= hi:
            return None, "indirect"
        start = doc.starts[j]
        if words[j] in OPEN_QUOTES:
            q = doc.quote_opening_at(start)
            if q is not None:
                return (q[0] + 1, q[1]), "direct"
        end_tok = hi - 1
        while end_tok > j and words[end_tok] in SENTENCE_END:
            end_tok -= 1
        end = doc.ends[end_tok]
        if end_tok > j and words[end_tok] in CLOSE_QUOTES and words[end_tok - 1] in SENTENCE_END:
            end = doc.starts[end_tok - 1]
        kind = "mixed" if doc.quote_opens_in(start, end) else "indirect"
        return (start, end), kind

    def _content_before(self, doc: Doc, src_first: int, lo: int) -> tuple[tuple[int, int] | None, str]:
        """Content that ends before the source at token ``src_first``."""
        words = doc.words
        k = src_first - 1
        while k >= lo and words[k] in (",", "-", "–", "—"):
            k -= 1
        if k < lo:
            return None, "indirect"
        if words[k] in CLOSE_QUOTES:
            q = doc.quote_closing_at(doc.starts[k])
            if q is not None:
                inner_end = q[1]
                # Drop the comma or period that closes a quotation.
                while inner_end > q[0] + 1 and doc.text[inner_end - 1] in ",.":
                    inner_end -= 1
                return (q[0] + 1, inner_end), "direct"
        start_tok = lo
        if words[start_tok] in OPEN_QUOTES:
            start_tok += 1
        if start_tok > k:
            return None, "indirect"
        start, end = doc.starts[start_tok], doc.ends[k]
        kind = "mixed" if doc.quote_opens_in(start, end) else "indirect"
        return (start, end), kind

    def _dash_content(self, doc: Doc, dash_tok: int) -> tuple[int, int] | None:
        """Content of a '... - said X.' quotation: the paragraph before the dash."""
        end = doc.starts[dash_tok]
        para_start = doc.text.rfind("\n", 0, end) + 1
        text = doc.text[para_start:end]
        stripped = text.lstrip(" \"“")
        start = para_start + len(text) - len(stripped)
        end = para_start + len(text.rstrip(" ,"))
        return (start, end) if end > start else None

    # -- cues ---------------------------------------------------------------------
    def _phrase_at(self, doc: Doc, i: int, hi: int) -> tuple[int, str] | None:
        """If a phrase cue starts at token ``i``: (last token, kind)."""
        low = doc.lowered
        options = self.phrases.get(low[i])
        if not options:
            return None
        for words, kind in options:
            n = len(words)
            if i + n <= hi and low[i: i + n] == words:
                return i + n - 1, kind
        return None

    def _verb_at(self, doc: Doc, i: int, hi: int) -> int | None:
        """If a cue verb starts at token ``i``: its last token."""
        lowered = doc.lowered
        low = lowered[i]
        for words in self.multiword_verbs.get(low, ()):
            n = len(words)
            if i + n <= hi and lowered[i: i + n] == words:
                return i + n - 1
        return i if low in self.lex.cue_verbs else None

    def find(self, doc: Doc) -> list[Candidate]:
        """All attributions in ``doc``, in text order."""
        found: list[Candidate] = []
        lower = doc.lower or doc.lowered
        # Only sentences holding a possible cue word are walked.
        by_sentence: dict[int, list[int]] = {}
        sent_of, lowered, seconds_of = doc.sent_of, doc.lowered, self.phrase_seconds
        for i in compress(count(), map(self.triggers.__contains__, lower)):
            by_sentence.setdefault(sent_of[i], []).append(i)
        for s_index, hits in by_sentence.items():
            lo, hi = doc.sent_bounds[s_index]
            sentence_found: list[Candidate] = []
            free = lo  # the first token not used by an earlier cue
            for i in hits:
                if i < free:
                    continue
                seconds = seconds_of.get(lowered[i])
                if seconds is not None and (i + 1 >= hi or lowered[i + 1] not in seconds):
                    continue  # "in", "with" not followed by what a phrase cue needs: no cue
                phrase = self._phrase_at(doc, i, hi)
                if phrase is not None:
                    last, kind = phrase
                    sentence_found += self._from_phrase(doc, i, last, kind, lo, hi, s_index, sentence_found)
                    free = last + 1
                    continue
                if i > lo and doc.words[i][:1].isupper() and doc.words[i - 1][:1].isupper():
                    continue  # a word of a name, as "States" in "The United States said"
                last = self._verb_at(doc, i, hi)
                if last is not None:
                    sentence_found += self._from_verb(doc, i, last, lo, hi, s_index)
                    free = last + 1
            if sentence_found:
                self._link_relays(sentence_found)
                found += sentence_found
        self._settle_mixed(found)
        return found

    @staticmethod
    def _settle_mixed(cands: list[Candidate]) -> None:
        """Keep ``mixed`` for a speaker's own quoted fragment only.

        A quoted fragment in content that precedes the source, or in content
        holding another attribution ("UNN reported that the army, according to
        the minister, is conducting an "offensive operation""), belongs to
        someone else: the attribution is indirect.
        """
        # Cues sorted by start: only those starting inside the content are looked at.
        cues = sorted({c.cue for c in cands})
        cue_starts = [s for s, _ in cues]
        for c in cands:
            if c.quote_kind != "mixed" or c.content is None:
                continue
            before = c.content[1] <= c.source[0]
            nested = False
            i = bisect_left(cue_starts, c.content[0])
            while not nested and i < len(cues) and cues[i][0] < c.content[1]:
                nested = cues[i] != c.cue and cues[i][1] <= c.content[1]
                i += 1
            if before or nested:
                c.quote_kind = "indirect"

    @staticmethod
    def _link_relays(cands: list[Candidate]) -> None:
        """Set ``via`` where a medium relays another source of the same sentence.

        "Quoting a police spokeswoman, Al Jazeera reported ..." and
        "The governor said that ..., according to AFP" both make the medium
        the relay of the other source.
        """
        media = [c for c in cands if c.medium and c.cue_kind in ("report", "speech", "according_to")]
        if not media:
            return  # no medium to relay anything
        # A "citing" source is relayed by the first later "report" medium, any
        # other by the first later "according to" medium ("first" in list order).
        # Per kind: media sorted by cue start, with the smallest list position
        # among those starting at or after each entry, so each lookup is a bisection.
        later: dict[str, tuple[list[int], list[int]]] = {}
        for kind in ("report", "according_to"):
            entries = sorted((m.cue[0], n) for n, m in enumerate(media) if m.cue_kind == kind)
            first_pos = [n for _, n in entries]
            for k in range(len(first_pos) - 2, -1, -1):
                first_pos[k] = min(first_pos[k], first_pos[k + 1])
            later[kind] = ([s for s, _ in entries], first_pos)
        for c in cands:
            if c.via is not None or c.medium:
                continue
            starts, first_pos = later["report" if c.cue_kind == "citing" else "according_to"]
            k = bisect_right(starts, c.cue[0])
            if k < len(starts):
                c.via = media[first_pos[k]].medium

    def _from_verb(self, doc: Doc, first: int, last: int, lo: int, hi: int, s_index: int) -> list[Candidate]:
        words, low = doc.words, doc.lowered
        cue = (doc.starts[first], doc.ends[last])
        verb_kind = self.lex.cue_verbs.get(" ".join(low[first: last + 1]), "speech")
        if first > lo and low[first - 1] == "to":
            return []  # an infinitive ("to say") reports nothing yet
        prev = first - 1
        out: list[Candidate] = []
        # Inverted order: '"...," said X.' or '... - said X.'
        if prev >= lo and (words[prev] in (",",) or words[prev] in CLOSE_QUOTES or words[prev] in DASHES):
            np = self.np_after(doc, last + 1, hi)
            if np is not None and (
                np[1] + 1 >= hi or not words[np[1] + 1][0].isalnum() or words[np[1] + 1] in AFTER_INVERTED_SOURCE
            ):
                if words[prev] in DASHES:
                    content, kind = self._dash_content(doc, prev), "direct"
                else:
                    content, kind = self._content_before(doc, first, lo)
                for s, e, medium in self.resolve_np(doc, np[0], np[1], np[2]):
                    out.append(Candidate((s, e), cue, content, kind, s_index, medium=medium, cue_last_token=last, cue_kind=verb_kind))
                return out
        # Usual order: the source ends before the verb.
        j = prev
        while j >= lo and low[j] in SKIP_BEFORE_VERB:
            j -= 1
        if j >= lo and words[j] == "," and j - 1 >= lo:
            # An appositive between source and verb: "X, close to Y, reported".
            k = j - 1
            while k >= lo and words[k] != ",":
                k -= 1
            if k > lo and j - k <= 12:
                j = k - 1
            else:
                return []
        np = self.np_before(doc, j, lo) if j >= lo else None
        if np is None:
            return []
        src_first, src_last = np
        if self.lex.cue_lemmas.get(low[last]) == "quote":
            quoted = self._quoted_as(doc, last, hi, s_index, (src_first, src_last))
            if quoted:
                return quoted
        # "X told <medium> (that) ...": the medium relays the source.
        via = None
        after = last + 1
        if self.lex.cue_lemmas.get(low[last]) == "tell":
            told = self.np_after(doc, after, hi)
            if told is not None:
                named = self.media_in(doc, told[0], told[1])
                if named:
                    via = named[0][2]
                after = told[1] + 1
        ends_sentence = after >= hi or words[after] in SENTENCE_END or (
            words[after] == "," and after + 1 < hi and self._phrase_at(doc, after + 1, hi) is not None
        ) or self._phrase_at(doc, after, hi) is not None
        if ends_sentence:
            content, kind = self._content_before(doc, src_first, lo)
        else:
            content, kind = self._content_after(doc, after, hi)
        for s, e, medium in self.resolve_np(doc, src_first, src_last):
            out.append(Candidate((s, e), cue, content, kind, s_index, via=via, medium=medium, cue_last_token=last, cue_kind=verb_kind))
        return out

    def _quoted_as(self, doc: Doc, last: int, hi: int, s_index: int, subject: tuple[int, int]) -> list[Candidate]:
        """'TASS quoted the ministry as saying ...': the quoting source, and the quoted one relayed by it.

        Returns no rows unless an "as <speech verb>-ing" follows the quoted noun phrase.
        """
        low = doc.lowered
        quoted = self.np_after(doc, last + 1, hi)
        if quoted is None:
            return []
        a = quoted[1] + 1  # "as"
        if not (a + 1 < hi and low[a] == "as" and low[a + 1].endswith("ing")
                and self.lex.cue_verbs.get(low[a + 1]) == "speech"):
            return []
        content, kind = self._content_after(doc, a + 2, hi)
        quoting = self.resolve_np(doc, subject[0], subject[1])
        relay = next((medium for _, _, medium in quoting if medium), None)
        out = [Candidate((s, e), (doc.starts[last], doc.ends[last]), content, kind, s_index, medium=medium,
                         cue_last_token=last, cue_kind="speech") for s, e, medium in quoting]
        out += [Candidate((s, e), (doc.starts[a], doc.ends[a + 1]), content, kind, s_index, via=relay, medium=medium,
                          cue_last_token=a + 1, cue_kind="speech")
                for s, e, medium in self.resolve_np(doc, quoted[0], quoted[1], quoted[2])]
        return out

    def _from_phrase(
        self, doc: Doc, first: int, last: int, kind: str, lo: int, hi: int, s_index: int, earlier: list[Candidate]
    ) -> list[Candidate]:
        words = doc.words
        cue = (doc.starts[first], doc.ends[last])
        np = self.np_after(doc, last + 1, hi)
        if np is None:
            return []
        # "X reported, citing Y": Y reached the publisher through medium X.
        via = None
        k = first - 1
        while k >= lo and words[k] == ",":
            k -= 1
        # ``earlier`` is in cue order, so the cue ending at token k is at its end.
        tail = takewhile(lambda c: c.cue_last_token >= k, reversed(earlier))
        relay = [c for c in tail if c.cue_last_token == k and c.medium][::-1]
        if kind == "citing" and relay:
            via = relay[0].medium
            content, quote_kind = relay[0].content, relay[0].quote_kind
        else:
            before = first - 1
            while before >= lo and words[before] in (",", "(", "-", "–", "—"):
                before -= 1
            if before - lo >= 2:
                content, quote_kind = self._content_before(doc, first, lo)
            else:
                content, quote_kind = self._content_after(doc, np[1] + 1, hi)
            if quote_kind == "direct":
                quote_kind = "mixed"
        return [
            Candidate((s, e), cue, content, "indirect" if quote_kind != "mixed" else "mixed", s_index, via=via, medium=medium,
                      cue_last_token=last, cue_kind=kind)
            for s, e, medium in self.resolve_np(doc, np[0], np[1], np[2])
        ]
