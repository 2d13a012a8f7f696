"""A learned attribution finder: cue words, cue and source boundaries, sources.

:class:`AttributionModel` is fitted on articles with gold attribution spans
(PolNeAR train). It works on the tokens of :func:`analysis.extract.text.parse`
in four small steps, each a :class:`~analysis.models.linear.HashedLogit`
over hand-made features (word, shape, lexicon class, position relative to the
cue, punctuation, quotation state; see :mod:`analysis.models.features`; a
pronoun with a contracted verb, "He's", reads as its pronoun):

1. ``cue_``: is a candidate word part of a cue? Candidates are the words
   that open a cue often enough in training (``cue_vocab_``) plus ``:`` and
   dashes; adjacent accepted words form one cue.
2. ``cue_extend_``: grow the cue word by word to the left (auxiliaries,
   negation, adverbs: "has not said") and right (particles: "pointed to");
   cues that then touch merge ("has since" + "said").
3. ``anchor_``: which token ends the cue's source? Tokens of the cue's
   sentence within a window are scored (capitalised words, speaker words of
   the lexicons, words that end sources in training, and the word in subject
   position); the best one above ``source_threshold`` wins. Otherwise the cue
   has no source: it is kept, sourceless, when the cue classifier is sure of
   it (``sourceless_cue``; PolNeAR annotates "The veto is expected to come
   Friday"), and dropped when not.
4. ``source_extend_``: grow the source to the left from that token
   (determiners, titles, names, appositions: "Rep. Jim Clyburn (D-S.C.),
   the assistant leader,").

Each step is fitted on the inputs decoding gives it: cue growth starts from
the gold cue's words that the cue classifier accepts out of fold (fitted on
the other half of the articles), and source anchors are learned for a cue's
core as well as for its full span.

:meth:`AttributionModel.find_many` runs each step for a whole batch of
documents at once: features are built as numpy columns and scored with one
gather, and the greedy growth steps advance all cues of the batch together.
Content spans come from rules (:func:`analysis.extract.content.content_span`)
that follow the PolNeAR conventions: quotation marks are part of a direct
quote, a reported clause starts with its "that" and leaves out the sentence's
final period. Whether a reported clause ends at a comma, or at an "and"
after no comma, is learned (``content_break_``, asked through
:meth:`AttributionModel.comma_stop`).
"""

from __future__ import annotations

import warnings
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

from analysis.config import MODELS_DIR
# Content spans come from rules in analysis.extract.content (re-exported here).
from analysis.extract.content import (  # noqa: F401
    _COMMA, MAX_CLAUSE, SENTENCE_END, _last_of, _quote_closing, content_span,
)
from analysis.extract.lexicons import load_lexicons
from analysis.extract.rules import SKIP_AFTER_VERB, SKIP_BEFORE_VERB
from analysis.extract.text import CLOSE_QUOTES, QUOTE_CHARS, Doc, parse
from analysis.models.features import (
    BOS, CLASS, DASHES, EOS, FLAG, OUT_BOS, OUT_EOS, SHAPE, TAG, UNK, Tokens, WordCodes, bucket, hash_templates,
    pos_lexicon, token_table,
)
from analysis.models.linear import HashedLogit
from analysis.schema import require_columns

__all__ = ["AttributionModel", "Found", "MODEL_PATH", "TRUSTED_TYPES", "content_span", "load_model", "save_model"]

#: Where the fitted model ships.
MODEL_PATH = MODELS_DIR / "attribution.skops"
#: The types ``skops.io.load`` may build when reading :data:`MODEL_PATH`.
TRUSTED_TYPES = [
    "analysis.models.attribution.AttributionModel",
    "analysis.models.linear.HashedLogit",
]

PRONOUNS = frozenset("he she they it we i you who which that his her their its our my".split())
DETERMINERS = frozenset("a an the this these those some many one two three several both all most any each another other".split())
PUNCT_CUES = frozenset(":—")
#: Words an object-side feature names as themselves ("said that", "asked whether").
OBJECT_WORDS = ("that", "to", "if", "whether", "about", "for", "of")
#: Punctuation a source span never starts with.
SOURCE_TRIM = (",", ")", "—", "-", ":")
CUE_WINDOW_LEFT = 30
CUE_WINDOW_RIGHT = 10
EXTEND_MAX = 25
#: Lexicon classes of words (codes of the ``word_class_`` array).
CLASSES = ("org", "place", "orghead", "doc", "anon", "role", "title", "det", "pron", "cueverb")
#: Words between a subject and its verb, besides ``SKIP_BEFORE_VERB`` and adverbs in -ly.
AUXILIARIES = frozenset("is are was were be been being am not n't never still soon now just even".split())
#: Lexicon classes whose words may end (or start) a source.
SPEAKER_CLASSES = ("org", "orghead", "doc", "anon", "role", "pron")
# Whether each class code (0: none) is a speaker class: one lookup per token, much cheaper than np.isin.
_IS_SPEAKER_CLASS = np.array([False] + [c in SPEAKER_CLASSES for c in CLASSES])
#: The comma model's weight table has ``2**COMMA_BITS`` buckets.
COMMA_BITS = 18
#: Log-odds above which a comma ends a reported clause.
COMMA_LOGIT = 0.0
#: Documents per batch of :meth:`AttributionModel.find_many` (bounds its memory).
BATCH = 2000


@lru_cache(maxsize=1)
def _lexicon_classes() -> dict[str, str]:
    """Lower-case word -> a lexicon class, from ``data/lexicons``."""
    lx = load_lexicons()
    classes: dict[str, str] = {}
    for name, words in (
        ("org", lx.organizations), ("place", lx.places), ("orghead", lx.organization_heads),
        ("doc", lx.document_heads), ("anon", lx.anonymous_heads), ("role", lx.official_roles),
    ):
        for w in words:
            for part in w.split():
                classes.setdefault(part.lower(), name)
    for t in lx.person_titles:
        for part in t.split():
            classes[part.lower()] = "title"
    for w in ("mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "prof"):
        classes[w] = "title"
    for w in DETERMINERS:
        classes[w] = "det"
    for w in PRONOUNS:
        classes[w] = "pron"
    for w in lx.cue_verbs:
        classes.setdefault(w, "cueverb")
    return classes


def _comma_buckets(model: "AttributionModel", low: list[str], words: list[str], cue: int, j: int, t: int, k: int,
                   last: bool, e: int) -> list[int]:
    """Bucket ids of the features of token ``t`` of a reported clause from ``j``: its ``k``-th comma, or an
    "and" after no comma (see ``comma_stop``).

    Computed in plain Python: a clause has only a few such tokens, so building
    numpy columns would cost more. Each template is a tuple of integers, whose
    ``hash`` is the same in every process (only strings' hashes are salted).
    """
    get = model.vocab.get
    nxt = low[t + 1]
    n1, p1, c = get(nxt, UNK), get(low[t - 1], UNK), get(low[cue], UNK) if cue >= 0 else BOS
    n2 = get(low[t + 2], UNK) if t + 2 <= e else EOS
    # A comma (0) or an "and" (1): two decisions sharing one weight table.
    kind = int(words[t] != ",")
    mask = (1 << COMMA_BITS) - 1
    return [hash((kind, *template)) & mask for template in (
        (0,), (1, n1), (2, n2), (3, p1), (4, n1, n2), (5, c), (6, c, n1), (7, nxt.endswith("ing")),
        (8, words[t + 1][:1].isupper()), (9, words[t + 1] in QUOTE_CHARS), (10, min(k, 4)), (11, last),
        (12, min((e - t) // 3, 6)), (13, min((t - j) // 3, 8)), (14, low[j] == "that"),
        (15, nxt.endswith("ed"), nxt.endswith("s")), (16, p1, n1),
    )]


@dataclass
class Found:
    """One attribution the model found (token indices, inclusive).

    ``source`` is ``None`` for a cue whose sentence names no source ("The
    veto is expected"); ``source_p`` is then 0.
    """

    cue: tuple[int, int]
    source: tuple[int, int] | None
    sentence: int
    cue_p: float
    source_p: float


def _tokens_of(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Token range ``(first, last)`` covering characters ``[start, end)``."""
    first = bisect_right(doc.ends, start)
    last = bisect_left(doc.starts, end) - 1
    if first >= len(doc.starts) or last < first:
        return None
    return first, last


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


class _Batch:
    """A token table plus the per-word lookups of a fitted model: what the feature builders read."""

    def __init__(self, model: "AttributionModel", docs: list[Doc]):
        self.docs = docs
        self.t: Tokens = token_table(docs, model.word_codes, model.word_class_)
        wid = self.t.wid
        self.rate = model.cue_rate_[wid]
        self.skip_before = model.skip_before_[wid]
        self.before_subject = model.before_subject_[wid]
        self.skip_after = model.skip_after_[wid]
        self.object_word = model.object_word_[wid]
        self.source_end = model.source_end_[wid]
        self.source_start = model.source_start_[wid]
        self.suffix = model.suffix_[wid]
        self.connective = model.connective_[wid]
        t = self.t
        self.tag = TAG + t.tag
        # The class of a word, or its shape when it has none: one atom.
        self.class_or_shape = np.where(t.cls > 0, CLASS + t.cls, SHAPE + t.shape)
        self.cue_before = np.concatenate(([0], np.cumsum(self.rate > 0)))
        # "Xx", "X" or a digit first. Compared one by one: np.isin sorts, as shape codes span a wide range.
        self.capital = (t.shape == 1) | (t.shape == 2) | (t.shape == 4)
        # Words of the lexicons that name speakers ("aide", "diplomat", "letter", "they").
        self.speaker = _IS_SPEAKER_CLASS[t.cls]
        self.comma = np.diff(t.comma_before).astype(bool)
        vocab = model.vocab
        self.close_ids = [vocab[w] for w in (",", ")") if w in vocab]
        # What a source never starts with: punctuation, connectives ("and", "even"), some prepositions ("in").
        openers = load_lexicons().non_source_openers
        self.trim = np.isin(t.wid, [vocab[w] for w in (*SOURCE_TRIM, *openers) if w in vocab]) | self.connective

    # -- helpers over index arrays ---------------------------------------------
    def word(self, i: np.ndarray, valid: np.ndarray, fill: int) -> np.ndarray:
        return self.t.at(self.t.wid, i, valid, fill)

    def shape(self, i: np.ndarray, valid: np.ndarray, fill: int) -> np.ndarray:
        """Shape atoms of tokens ``i``; ``fill`` (:data:`OUT_BOS`/:data:`OUT_EOS`) where not ``valid``."""
        return np.where(valid, SHAPE + self.t.at(self.t.shape, i, valid, 0), fill)

    def cls(self, i: np.ndarray, valid: np.ndarray) -> np.ndarray:
        return self.t.at(self.t.cls, i, valid, 0)

    def pos(self, i: np.ndarray, valid: np.ndarray, fill: int) -> np.ndarray:
        """Tag atoms of tokens ``i``; ``fill`` (:data:`BOS`/:data:`EOS`) where not ``valid``."""
        return self.t.at(self.tag, i, valid, fill)

    # -- features -----------------------------------------------------------------
    def cue_features(self, i: np.ndarray, n_bits: int) -> np.ndarray:
        t = self.t
        lo, hi = t.lo[i], t.hi[i]
        w = t.wid[i]
        has_p1, has_p2, has_n1, has_n2 = i > lo, i - 1 > lo, i + 1 < hi, i + 2 < hi
        p1, p2 = self.word(i - 1, has_p1, BOS), self.word(i - 2, has_p2, BOS)
        n1, n2 = self.word(i + 1, has_n1, EOS), self.word(i + 2, has_n2, EOS)
        sw = SHAPE + t.shape[i]
        sp1, sn1 = self.shape(i - 1, has_p1, OUT_BOS), self.shape(i + 1, has_n1, OUT_EOS)
        cp1, cn1 = self.cls(i - 1, has_p1), self.cls(i + 1, has_n1)
        q = t.in_quote[i]
        nl = t.newline[i] * 2 + (i + 1 < t.doc_end[t.doc[i]]) * t.at(t.newline, i + 1, i + 1 < len(t), 0)
        punct = t.shape[i] >= 16  # punctuation ("—", ":") rather than a word
        cs_p1 = self.t.at(self.class_or_shape, i - 1, has_p1, OUT_BOS)
        cs_n1 = self.t.at(self.class_or_shape, i + 1, has_n1, OUT_EOS)
        subj, obj = self.subject(i, lo), self.object(i, hi)
        sig = self.signatures(i)
        tw, tp1, tp2, tn1 = self.tag[i], self.pos(i - 1, has_p1, BOS), self.pos(i - 2, has_p2, BOS), self.pos(i + 1, has_n1, EOS)
        return hash_templates([
            (), (w,), (self.rate[i],), (sw,), (p1,), (p2,), (n1,), (n2,), (sp1,), (sn1,), (sp1, w), (w, sn1),
            (p1, w), (w, n1), (cp1,), (cn1,), (q,), (bucket(i - lo),), (bucket(hi - 1 - i),), (nl,),
            (self.suffix[i],), (sp1, sn1, punct), (sig,), (cs_p1, cs_n1),
            (subj,), (obj,), (w, subj), (w, obj), (w, q), (subj, obj),
            # Wider contexts: word bigrams and trigrams, quotation marks nearby.
            (p2, p1), (n1, n2), (p1, w, n1), (w, cp1), (w, cn1), (w, bucket(i - lo)),
            (w, self.quote_near(i, lo, hi)), (self.rate[i], subj, obj),
            # Part-of-speech tags: "support" after "to" or "the", words the annotation seldom shows.
            (tw,), (w, tw), (tp1, tw), (tw, tn1), (tp1, tw, tn1), (tp2, tp1, tw), (self.rate[i], tw),
        ], len(i), n_bits)

    def quote_near(self, i: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """0-7: a quotation mark within 3 tokens before ``i`` (1), within 3 after (2), anywhere in its sentence (4)."""
        qb = self.t.quote_before
        before = qb[i] - qb[np.maximum(lo, i - 3)] > 0
        after = qb[np.minimum(hi, i + 4)] - qb[i + 1] > 0
        anywhere = qb[hi] - qb[lo] > 0
        return before * 1 + after * 2 + anywhere * 4

    def subject_index(self, i: np.ndarray, lo: np.ndarray, skip: np.ndarray | None = None) -> np.ndarray:
        """The first token before ``i`` that is no auxiliary or adverb ("he" in "he has also said"); ``lo - 1`` if none.

        ``skip`` flags the tokens to step over (by default ``skip_before``).
        """
        skip = self.skip_before if skip is None else skip
        k = i - 1
        for _ in range(4):
            step = (k >= lo) & self.t.at(skip, k, k >= lo, 0).astype(bool)
            k = k - step
        return k

    def subject(self, i: np.ndarray, lo: np.ndarray) -> np.ndarray:
        """Class (or shape) of the word in subject position before ``i`` (see :meth:`subject_index`)."""
        k = self.subject_index(i, lo)
        return self.t.at(self.class_or_shape, k, k >= lo, OUT_BOS)

    def object(self, i: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """The first word after ``i`` that is no adverbial ("that" in "said on Monday that"), as an atom."""
        k = i + 1
        for _ in range(4):
            step = (k < hi) & self.t.at(self.skip_after, k, k < hi, 0).astype(bool)
            k = k + step
        ok = k < hi
        named = self.t.at(self.object_word, k, ok, 0).astype(bool)
        return np.where(~ok, OUT_EOS, np.where(named, self.t.at(self.t.wid, k, ok, 0),
                                               self.t.at(self.class_or_shape, k, ok, 0)))

    def signatures(self, i: np.ndarray) -> np.ndarray:
        """1 where a dash or colon signs a quotation or tweet: '..." ― Jane Doe' + line end or '(@handle)'."""
        out = np.zeros(len(i), dtype=np.int64)
        t = self.t
        for n in np.flatnonzero(t.shape[i] >= 16):
            g = int(i[n])
            d = int(t.doc[g])
            start, end = int(t.doc_start[d]), int(t.doc_end[d])
            words = t.words
            if words[g] not in ":—―–‒" or g == start or g + 1 >= end or not words[g + 1][:1].isupper():
                continue
            if words[g - 1] not in CLOSE_QUOTES and words[g - 1] not in (".", ")", "!", "?"):
                continue
            if any(words[k] in ("(", "@") or t.newline[k] for k in range(g + 2, min(end, g + 6))):
                out[n] = 1
            elif g + 5 >= end or g + 5 >= t.hi[g]:
                out[n] = 1
        return out

    def extend_features(self, k: np.ndarray, inner: np.ndarray, side: int, length: np.ndarray,
                        head: np.ndarray, has_comma: np.ndarray, n_bits: int) -> np.ndarray:
        """Features of one growth step to token ``k`` (``side`` 0: leftwards, 1: rightwards)."""
        t = self.t
        outer = k - 1 if side == 0 else k + 1
        has_o = (outer >= t.lo[k]) & (outer < t.hi[k])
        w, s, c = t.wid[k], SHAPE + t.shape[k], t.cls[k]
        o, so = self.word(outer, has_o, BOS), self.shape(outer, has_o, OUT_BOS)
        sin = SHAPE + t.shape[inner]
        nl = t.newline[k] if side == 0 else t.newline[inner]
        # One word further out: "said" + "in" is a cue when "a statement" follows.
        outer2 = outer - 1 if side == 0 else outer + 1
        has_o2 = has_o & (outer2 >= t.lo[k]) & (outer2 < t.hi[k])
        o2 = self.word(outer2, has_o2, BOS)
        tk, to = self.tag[k], self.pos(outer, has_o, BOS)
        return hash_templates([
            (side, w, o, o2), (side, o2), (side, w, self.cls(outer2, has_o2)),
            (side,), (side, w), (side, s), (side, c), (side, t.wid[inner]), (side, sin), (side, o), (side, so),
            (side, bucket(length)), (side, head), (side, head, w), (side, w, t.wid[inner]), (side, s, sin, so),
            (side, has_comma, s), (side, self.cls(outer, has_o)), (side, nl),
            (side, w, o), (side, c, t.cls[inner]), (side, head, s), (side, bucket(length), s),
            (side, tk), (side, tk, to), (side, head, tk), (side, tk, self.tag[inner]), (side, w, tk),
        ], len(k), n_bits)

    def anchor_candidates(self, c0: np.ndarray, c1: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(cue number, token) pairs: the tokens that may end the source of each cue, in text order."""
        t = self.t
        lo, hi = t.lo[c0], t.hi[c0]
        left_from = np.maximum(lo, c0 - CUE_WINDOW_LEFT)
        right_to = np.minimum(hi, c1 + 1 + CUE_WINDOW_RIGHT)
        n_left, n_right = c0 - left_from, np.maximum(right_to - c1 - 1, 0)
        per_cue = n_left + n_right
        cue = np.repeat(np.arange(len(c0)), per_cue)
        rank = np.arange(len(cue)) - np.repeat(np.cumsum(per_cue) - per_cue, per_cue)
        left = rank < n_left[cue]
        tok = np.where(left, left_from[cue] + rank, c1[cue] + 1 + rank - n_left[cue])
        # Capitalised words, digits and the words that end (before the cue) or
        # start (after it) sources in training; a comma or bracket only right
        # before the cue (the end of an apposition).
        keep = self.capital[tok] | self.speaker[tok] | np.where(left, self.source_end[tok], self.source_start[tok]).astype(bool)
        # The lower-case word in subject position ("Video of the incident shows").
        keep |= (tok == self.subject_index(c0, lo, self.before_subject)[cue]) & (t.shape[tok] == 3)
        # ... or right after the cue ("said pollster Frank Luntz").
        keep |= (tok == c1[cue] + 1) & (t.shape[tok] == 3)
        punct = np.isin(t.wid[tok], self.close_ids) & left & (tok >= c0[cue] - 3)
        # A comma ends an apposition only after one that opens it ("Jane Doe, the
        # chief executive, said"); not in "The plan will fail, said pollster Jane Doe".
        opened = t.comma_before[tok] - t.comma_before[np.maximum(lo[cue], tok - EXTEND_MAX)] > 0
        keep = (keep | punct) & (opened | ~self.comma[tok])
        # "Meanwhile" or "While" opening the sentence is no source.
        keep &= ~self.connective[tok]
        return cue[keep], tok[keep]

    def anchor_features(self, tok: np.ndarray, c0: np.ndarray, c1: np.ndarray, n_bits: int) -> np.ndarray:
        t = self.t
        lo, hi = t.lo[tok], t.hi[tok]
        w, s, c = t.wid[tok], SHAPE + t.shape[tok], t.cls[tok]
        left = tok < c0
        rel = np.where(left, bucket(c0 - tok), 8 + bucket(tok - c1))
        a = np.where(left, tok + 1, c1 + 1)  # tokens strictly between the candidate and the cue
        b = np.where(left, c0, tok)
        n_comma = np.minimum(t.comma_before[b] - t.comma_before[a], 2)
        n_quote = np.minimum(t.quote_before[b] - t.quote_before[a], 2)
        n_cue = np.minimum(self.cue_before[b] - self.cue_before[a], 2)
        cue_a, cue_b = t.wid[c0], np.where(c1 == c0, UNK - 1, t.wid[c1])
        has_n1, has_p1 = tok + 1 < hi, tok > lo
        n1, p1 = self.word(tok + 1, has_n1, EOS), self.word(tok - 1, has_p1, BOS)
        sn1, sp1 = self.shape(tok + 1, has_n1, OUT_EOS), self.shape(tok - 1, has_p1, OUT_BOS)
        cp = self.word(c0 - 1, c0 > lo, BOS)
        cn = self.word(c1 + 1, c1 + 1 < hi, EOS)
        tt = self.tag[tok]
        return hash_templates([
            (), (w,), (s,), (c,), (rel,), (rel, c), (rel, s), (rel, w), (cue_a, cue_b), (cue_a, cue_b, rel),
            (n1,), (p1,), (sn1,), (sp1,), (self.cls(tok + 1, has_n1),), (self.cls(tok - 1, has_p1),),
            (n_comma, left), (n_quote, left), (n_cue, left), (tok == lo,), (cp,), (cn,), (sn1, rel),
            (t.in_quote[tok],), (t.in_quote[c0],),
            # The cue word with the candidate's kind; neighbours by side.
            (cue_a, c, left), (cue_a, s, left), (rel, n1), (rel, p1), (w, n1), (p1, w),
            (t.in_quote[tok], t.in_quote[c0], left), (c0 == lo, left), (n_comma, n_quote, rel),
            (tt, left), (tt, self.pos(tok + 1, has_n1, EOS), left), (tt, self.tag[c0]),
        ], len(tok), n_bits)


class AttributionModel(BaseEstimator):
    """Finds cues and their sources in parsed documents (see the module docstring).

    Args:
        C: regularisation of the five classifiers.
        min_cue_count: a word joins the cue vocabulary after this many cue uses in training ...
        min_cue_rate: ... and when at least this share of its uses are in a cue.
        cue_threshold: probability above which a candidate word is a cue.
        source_threshold: probability above which the best token ends a source.
        sure_cue: cue probability from which ``sure_cue_source_threshold`` applies instead.
        sure_cue_source_threshold: the source threshold of such cues.
        sourceless_cue: cue probability from which a cue keeps no source when
            none is found ("The veto is expected to come Friday"), rather than
            being dropped.
        n_bits: each classifier's weight table has ``2**n_bits`` buckets.
        random_state: seed for the solvers.
    """

    def __init__(
        self,
        C: float = 0.3,
        min_cue_count: int = 2,
        min_cue_rate: float = 0.05,
        cue_threshold: float = 0.55,
        source_threshold: float = 0.2,
        sure_cue: float = 0.9,
        sure_cue_source_threshold: float = 0.1,
        sourceless_cue: float = 0.7,
        n_bits: int = 22,
        random_state: int = 0,
    ):
        self.C = C
        self.min_cue_count = min_cue_count
        self.min_cue_rate = min_cue_rate
        self.cue_threshold = cue_threshold
        self.source_threshold = source_threshold
        self.sure_cue = sure_cue
        self.sure_cue_source_threshold = sure_cue_source_threshold
        self.sourceless_cue = sourceless_cue
        self.n_bits = n_bits
        self.random_state = random_state

    # -- vocabulary -----------------------------------------------------------
    @property
    def vocab(self) -> dict[str, int]:
        """Lower-case word -> id, built once from ``words_``."""
        vocab = self.__dict__.get("_vocab")
        if vocab is None:
            vocab = {w: n for n, w in enumerate(self.words_.tolist())}
            for special in (UNK, BOS, EOS):
                vocab.pop(self.words_[special], None)
            self.__dict__["_vocab"] = vocab
        return vocab

    @property
    def word_codes(self) -> WordCodes:
        """Word as written -> id and shape (a cache over :attr:`vocab`)."""
        codes = self.__dict__.get("_codes")
        if codes is None:
            codes = self.__dict__["_codes"] = WordCodes(self.vocab, lexicon=pos_lexicon())
        return codes

    def __getstate__(self) -> dict:
        state = super().__getstate__()
        state.pop("_vocab", None)  # caches, rebuilt after loading
        state.pop("_codes", None)
        state.pop("_comma_weights", None)
        return state

    def _set_vocabulary(self, counts: Counter[str], cue_vocab: dict[str, str], ends: dict[str, int],
                        starts: dict[str, int]) -> None:
        classes = _lexicon_classes()
        keep = {w for w, n in counts.items() if n >= 2} | set(classes) | set(cue_vocab) | set(ends) | set(starts)
        keep |= SKIP_BEFORE_VERB | SKIP_AFTER_VERB | set(OBJECT_WORDS) | set(QUOTE_CHARS) | {",", ")", "(", ":", "—"}
        words = ["<unk>", "<s>", "</s>"] + sorted(keep)
        self.words_ = np.asarray(words, dtype=str)
        self.__dict__.pop("_vocab", None)
        self.__dict__.pop("_codes", None)
        n = len(words)
        self.word_class_ = np.zeros(n, dtype=np.int64)
        self.cue_rate_ = np.zeros(n, dtype=np.int64)
        self.source_end_ = np.zeros(n, dtype=bool)
        self.source_start_ = np.zeros(n, dtype=bool)
        self.skip_before_ = np.zeros(n, dtype=bool)
        self.before_subject_ = np.zeros(n, dtype=bool)
        self.skip_after_ = np.zeros(n, dtype=bool)
        self.object_word_ = np.zeros(n, dtype=bool)
        self.suffix_ = np.zeros(n, dtype=np.int64)
        self.connective_ = np.zeros(n, dtype=bool)
        connectives = load_lexicons().connectives
        suffixes: dict[str, int] = {}
        rates = {"low": 1, "mid": 2, "high": 3}
        for i, w in enumerate(words[3:], start=3):
            self.word_class_[i] = CLASSES.index(classes[w]) + 1 if w in classes else 0
            self.cue_rate_[i] = rates.get(cue_vocab.get(w, ""), 0)
            self.source_end_[i] = w in ends
            self.source_start_[i] = w in starts
            self.skip_before_[i] = w in SKIP_BEFORE_VERB
            self.before_subject_[i] = w in SKIP_BEFORE_VERB or w in AUXILIARIES or (w.endswith("ly") and len(w) > 4)
            self.skip_after_[i] = w in SKIP_AFTER_VERB and w != "that"
            self.object_word_[i] = w in OBJECT_WORDS
            self.suffix_[i] = FLAG + suffixes.setdefault(w[-3:], len(suffixes))
            self.connective_[i] = w in connectives
        self.cue_vocab_ = dict(cue_vocab)
        self.source_end_vocab_ = dict(ends)
        self.source_start_vocab_ = dict(starts)

    def _batch(self, docs: list[Doc]) -> _Batch:
        return _Batch(self, docs)

    # -- training -----------------------------------------------------------
    def fit(self, X: pd.DataFrame, y: pd.DataFrame) -> "AttributionModel":
        """Fit on articles ``X`` (``article_id``, ``text``) and gold attributions ``y``.

        ``y`` has one row per attribution with ``article_id`` and the
        ``cue_*``/``source_*`` character spans (NA source: no source).
        """
        require_columns(X, ["article_id", "text"], table="articles")
        require_columns(y, ["article_id", "cue_start", "cue_end", "source_start", "source_end"], table="gold")
        ids = X["article_id"].astype(str).tolist()
        docs = [parse(text) for text in X["text"].fillna("")]
        index = {aid: n for n, aid in enumerate(ids)}
        gold: dict[int, list[tuple[tuple[int, int], tuple[int, int] | None]]] = {}
        for r in y.itertuples():
            n = index.get(str(r.article_id))
            if n is None:
                continue
            cue = _tokens_of(docs[n], int(r.cue_start), int(r.cue_end))
            if cue is None:
                continue
            src = None
            if not pd.isna(r.source_start):
                src = _tokens_of(docs[n], int(r.source_start), int(r.source_end))
            if src is not None and src[1] == cue[0] < cue[1]:
                # "He’s claiming": source and cue share the token "He’s"; the
                # cue's own words start after it (the hybrid step splits it).
                cue = (cue[0] + 1, cue[1])
            gold.setdefault(n, []).append((cue, src))

        # The cue vocabulary: words that often head a gold cue. The head of a
        # cue is its word most often seen inside cues ("said" in "has said",
        # "according" in "according to"); the rest is left to cue growth.
        lowers = [[DASHES.get(w, w) for w in (d.lower or [x.lower() for x in d.words])] for d in docs]
        in_cue: Counter[str] = Counter()
        total: Counter[str] = Counter()
        ends: Counter[str] = Counter()
        starts_after: Counter[str] = Counter()
        for n, low in enumerate(lowers):
            total.update(low)
            for (c0, c1), src in gold.get(n, []):
                in_cue.update(set(low[c0: c1 + 1]))
                if src is not None:
                    if src[1] < c0:
                        ends[low[src[1]]] += 1
                    elif src[0] > c1:
                        starts_after[low[src[0]]] += 1
        heads: Counter[str] = Counter()
        for n, low in enumerate(lowers):
            for (c0, c1), _ in gold.get(n, []):
                heads[max(low[c0: c1 + 1], key=lambda w: in_cue[w] / total[w])] += 1
        vocab = {}
        for w, k in heads.items():
            rate = in_cue[w] / total[w]
            if (k >= self.min_cue_count and rate >= self.min_cue_rate and w[0].isalpha()) or w in PUNCT_CUES:
                vocab[w] = "high" if rate >= 0.5 else "mid" if rate >= 0.2 else "low"
        # Lower-case words that end sources before the cue ("official",
        # "campaign", "he") or start them after it ("the", "a", "his").
        self._set_vocabulary(
            total, vocab,
            {w: k for w, k in ends.items() if k >= 3 and not w[0].isupper()},
            {w: k for w, k in starts_after.items() if k >= 3 and not w[0].isupper()},
        )

        batch = self._batch(docs)
        t = batch.t
        offset = t.doc_start
        cue_pos = np.flatnonzero(batch.rate > 0)
        in_gold = np.zeros(len(t), dtype=bool)
        for n, cues in gold.items():
            for (c0, c1), _ in cues:
                in_gold[c0 + offset[n]: c1 + offset[n] + 1] = True

        def logit() -> HashedLogit:
            return HashedLogit(n_bits=self.n_bits, C=self.C, min_count=2, random_state=self.random_state)

        nb = self.n_bits
        cue_X, cue_y = batch.cue_features(cue_pos, nb), in_gold[cue_pos].astype(int)
        self.cue_ = logit().fit(cue_X, cue_y)
        accepted = np.zeros(len(t), dtype=bool)
        # Copies of one text (one article read by several annotators) share a
        # fold, so that no copy is scored by a model that saw another.
        first_of: dict[str, int] = {}
        fold = np.array([first_of.setdefault(text, n) % 2 for n, text in enumerate(X["text"].fillna(""))], dtype=np.int64)
        accepted[cue_pos] = self._held_out_cues(cue_X, cue_y, fold[t.doc[cue_pos]], logit)

        ext = {0: ([], [], [], [], []), 1: ([], [], [], [], [])}  # side -> k, inner, length, head, label
        src_ext = {0: ([], [], [], [], [], []), 1: ([], [], [], [], [], [])}  # ... + has_comma
        anc_c0, anc_c1, anc_anchor = [], [], []
        words, wid = t.words, t.wid
        for n, cues in gold.items():
            base = int(offset[n])
            for (c0, c1), src in cues:
                c0, c1 = c0 + base, c1 + base
                # Growth starts where decoding starts: from the cue words the
                # cue classifier accepts ("praised" in "has praised", whose
                # "has" it mostly rejects), else from all candidate words.
                core = [i for i in range(c0, c1 + 1) if accepted[i]] or \
                    [i for i in range(c0, c1 + 1) if batch.rate[i] > 0]
                if not core:
                    continue
                a, b = core[0], core[-1]
                lo, hi = int(t.lo[a]), int(t.hi[a])
                # Left then right growth of the cue, one word at a time.
                for k in range(a - 1, max(lo, a - EXTEND_MAX) - 1, -1):
                    _append(ext[0], k, k + 1, b - k, wid[a], int(k >= c0))
                    if k < c0:
                        break
                for k in range(b + 1, min(hi, b + EXTEND_MAX)):
                    _append(ext[1], k, k - 1, k - a, wid[a], int(k <= c1))
                    if k > c1:
                        break
                # The source token nearest the cue (the last one of a source
                # before the cue, the first one of a source after it).
                anchor = -1
                if src is not None:
                    s0, s1 = src[0] + base, src[1] + base
                    if t.lo[s0] == t.lo[c0] == t.lo[s1]:
                        anchor = s1 if s1 < c0 else s0 if s0 > c1 else -1
                anc_c0.append(c0)
                anc_c1.append(c1)
                anc_anchor.append(anchor)
                if (a, b) != (c0, c1):  # decoding may find the core alone
                    anc_c0.append(a)
                    anc_c1.append(b)
                    anc_anchor.append(anchor)
                if anchor < 0:
                    continue
                has_comma = False
                if anchor < c0:
                    for k in range(anchor - 1, max(lo, anchor - EXTEND_MAX) - 1, -1):
                        _append(src_ext[0], k, k + 1, anchor - k, wid[anchor], int(k >= s0), has_comma)
                        if k < s0:
                            break
                        has_comma = has_comma or words[k] == ","
                else:
                    for k in range(anchor + 1, min(hi, anchor + EXTEND_MAX)):
                        _append(src_ext[1], k, k - 1, k - anchor, wid[anchor], int(k <= s1), has_comma)
                        if k > s1:
                            break
                        has_comma = has_comma or words[k] == ","

        ext_X, ext_y = _growth_examples(batch, ext, nb, with_comma=False)
        self.cue_extend_ = logit().fit(ext_X, ext_y)
        c0s, c1s = np.asarray(anc_c0, dtype=np.int64), np.asarray(anc_c1, dtype=np.int64)
        cue, tok = batch.anchor_candidates(c0s, c1s)
        anc_y = (tok == np.asarray(anc_anchor, dtype=np.int64)[cue]).astype(int) if len(tok) else np.zeros(0, int)
        self.anchor_ = logit().fit(batch.anchor_features(tok, c0s[cue], c1s[cue], nb), anc_y)
        src_X, src_y = _growth_examples(batch, src_ext, nb, with_comma=True)
        self.source_extend_ = logit().fit(src_X, src_y)
        comma_X, comma_y = self._comma_examples(docs, y, index)
        # Without content spans in ``y`` the content rules' word lists decide alone.
        self.content_break_ = HashedLogit(n_bits=COMMA_BITS, C=self.C, min_count=2, random_state=self.random_state
                                          ).fit(comma_X, comma_y) if len(set(comma_y.tolist())) == 2 else None
        self.__dict__.pop("_comma_weights", None)
        self.n_training_examples_ = {"cue": len(cue_pos), "cue_extend": len(ext_y), "anchor": len(anc_y),
                                     "source_extend": len(src_y), "content_break": len(comma_y)}
        return self

    def _held_out_cues(self, X: np.ndarray, y: np.ndarray, fold: np.ndarray, logit) -> np.ndarray:
        """Which candidate rows the cue classifier accepts when fitted without their documents' half (``fold`` 0 or 1).

        Out-of-fold, so that training sees the cues decoding will start from,
        not the near-perfect in-sample ones.
        """
        accepted = np.zeros(len(y), dtype=bool)
        for f in (0, 1):
            rows = fold == f
            model = logit().fit(X[~rows], y[~rows])
            accepted[rows] = _sigmoid(model.decision_function(X[rows])) >= self.cue_threshold
        return accepted

    def _comma_examples(self, docs: list[Doc], y: pd.DataFrame, index: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
        """Commas (and "and"s after no comma) of gold reported clauses: 1 right after the clause, 0 inside it.

        Only clauses after their cue, within its sentence and not opening
        with a quotation mark count: those whose end the comma rule decides.
        """
        X: list[list[int]] = []
        labels: list[int] = []
        if "content_start" not in y or "content_end" not in y:
            return np.zeros((0, 17), dtype=np.int64), np.zeros(0, dtype=np.int64)
        for r in y.itertuples():
            n = index.get(str(r.article_id))
            if n is None or pd.isna(r.content_start) or pd.isna(r.content_end):
                continue
            doc = docs[n]
            low = doc.lowered  # as the content rules see the words
            content = _tokens_of(doc, int(r.content_start), int(r.content_end))
            cue = _tokens_of(doc, int(r.cue_start), int(r.cue_end))
            if content is None or cue is None or content[0] <= cue[1] or doc.words[content[0]] in QUOTE_CHARS:
                continue
            j, stop_at = content
            lo, hi = doc.sent_bounds[doc.sent_of[j]]
            if doc.sent_of[stop_at] != doc.sent_of[j]:
                continue
            e = hi - 1
            while e > lo and doc.words[e] in SENTENCE_END:
                e -= 1
            end = min(e, j + MAX_CLAUSE)
            last_comma = _last_of(doc.words, _COMMA, j, end)  # as the content rules find it
            depth, k = 0, 0
            for t in range(j + 1, end):
                w = doc.words[t]
                if w in QUOTE_CHARS:
                    depth ^= 1
                    continue
                # Commas, and an "and" after no comma ("... the plan and praised her effort").
                is_and = low[t] == "and" and doc.words[t - 1] != ","
                if depth or (w != "," and not is_and):
                    continue
                if t > stop_at + 1:
                    break  # the clause ended before, at neither
                k += not is_and
                X.append(_comma_buckets(self, low, doc.words, cue[1], j, t, k, t == last_comma, e))
                labels.append(int(t == stop_at + 1))
        return np.asarray(X, dtype=np.int64).reshape(-1, 17), np.asarray(labels, dtype=np.int64)

    def comma_stop(self, low: list[str], words: list[str], cue: int, j: int, t: int, k: int, last: bool, e: int
                   ) -> bool:
        """Whether a reported clause from token ``j`` ends before token ``t``: its ``k``-th comma, or an "and".

        The content rules (:func:`analysis.extract.content.content_span`)
        ask this at each comma outside quotations and at each "and" after no
        comma (``k`` then counts the commas before it); the answer is learned
        from where PolNeAR's reported clauses end.

        >>> from analysis.extract.text import parse
        >>> doc, model = parse("She said the plan failed, saying it was late."), load_model()
        >>> low = [w.lower() for w in doc.words]
        >>> model.comma_stop(low, doc.words, 1, 2, 5, 1, True, 9)
        True
        """
        cached = self.__dict__.get("_comma_weights")
        if cached is None:
            m = self.content_break_
            cached = self.__dict__["_comma_weights"] = (dict(zip(m.buckets_.tolist(), m.coef_.tolist())), m.intercept_)
        weights, z = cached
        get = weights.get
        for b in _comma_buckets(self, low, words, cue, j, t, k, last, e):
            z += get(b, 0.0)
        return z > COMMA_LOGIT

    # -- decoding -----------------------------------------------------------
    def find(self, doc: Doc) -> list[Found]:
        """Cues with their sources in one parsed document, in text order.

        >>> found = load_model().find(parse("The plan will fail, Senator Jane Doe said on Monday."))
        >>> [(f.source, f.cue) for f in found]
        [((5, 7), (8, 8))]
        """
        return self.find_many([doc])[0]

    def find_many(self, docs: list[Doc]) -> list[list[Found]]:
        """:meth:`find` for each of ``docs``, computed a batch of documents at a time.

        >>> docs = [parse("Jane Doe said it was late."), parse("No one spoke.")]
        >>> [[(f.source, f.cue) for f in found] for found in load_model().find_many(docs)]
        [[((0, 1), (2, 2))], []]
        """
        out: list[list[Found]] = []
        for at in range(0, len(docs), BATCH):
            out += self._find_batch(docs[at: at + BATCH])
        return out

    def _find_batch(self, docs: list[Doc]) -> list[list[Found]]:
        out: list[list[Found]] = [[] for _ in docs]
        batch = self._batch(docs)
        t = batch.t
        nb = self.n_bits
        cand = np.flatnonzero(batch.rate > 0)
        if not len(cand):
            return out
        p = _sigmoid(self.cue_.decision_function(batch.cue_features(cand, nb)))
        ok = p >= self.cue_threshold
        acc, acc_p, acc_lo = cand[ok], p[ok], t.lo[cand[ok]]
        if not len(acc):
            return out
        # Adjacent accepted words of one sentence make one cue ("according" + "to").
        first = np.flatnonzero(np.concatenate(([True], (acc[1:] != acc[:-1] + 1) | (acc_lo[1:] != acc_lo[:-1]))))
        a = acc[first]
        b = acc[np.append(first[1:], len(acc)) - 1]
        groups_p = np.maximum.reduceat(acc_p, first)
        lo, hi = t.lo[a], t.hi[a]
        head = t.wid[a]
        # Rightward growth does not depend on the cues before: all at once.
        c1 = self._grow(batch, self.cue_extend_, b, 1, np.minimum(hi, b + EXTEND_MAX) - 1, head, base=a)
        # A cue starting inside the previous (grown) cue of its document is dropped.
        keep = np.ones(len(a), dtype=bool)
        floor = np.empty(len(a), dtype=np.int64)
        used_until = -1
        for n, (start, end) in enumerate(zip(a.tolist(), c1.tolist())):
            if start <= used_until:
                keep[n] = False
                continue
            floor[n] = used_until + 1
            used_until = end
        a, b, c1, lo, hi, head = a[keep], b[keep], c1[keep], lo[keep], hi[keep], head[keep]
        cue_p = np.asarray(groups_p)[keep]
        limit = np.maximum(np.maximum(lo, a - EXTEND_MAX), floor[keep])
        c0 = self._grow(batch, self.cue_extend_, a, 0, limit, head, base=b)
        # Cues that touch make one ("has since" + "said", "said" + "in a statement").
        touch = np.flatnonzero((c0[1:] == c1[:-1] + 1) & (lo[1:] == lo[:-1]))
        if len(touch):
            keep = np.ones(len(c0), dtype=bool)
            for n in touch[::-1].tolist():  # right to left, so chains of three fold into one
                c1[n] = c1[n + 1]
                cue_p[n] = max(cue_p[n], cue_p[n + 1])
                keep[n + 1] = False
            c0, c1, lo, hi, cue_p = c0[keep], c1[keep], lo[keep], hi[keep], cue_p[keep]
        # The best source anchor of each cue.
        cue, tok = batch.anchor_candidates(c0, c1)
        z = self.anchor_.decision_function(batch.anchor_features(tok, c0[cue], c1[cue], nb))
        q = _sigmoid(z)
        # A cue the classifier is sure of keeps a less certain source.
        thr = np.where(cue_p >= self.sure_cue, self.sure_cue_source_threshold, self.source_threshold)
        best_q = thr.copy()
        if len(cue):
            # ``cue`` is sorted: one segment of candidates per cue.
            with_cands, seg = np.unique(cue, return_index=True)
            best_q[with_cands] = np.maximum(np.maximum.reduceat(q, seg), thr[with_cands])
        found = best_q > thr
        # The first candidate reaching the best probability wins (ties go to the leftmost).
        hit = np.flatnonzero((q == best_q[cue]) & found[cue])
        winners, first = np.unique(cue[hit], return_index=True)
        anchor_of = np.full(len(c0), -1, dtype=np.int64)
        anchor_of[winners] = tok[hit[first]]
        sel = np.flatnonzero(found)
        anchor = anchor_of[sel]
        s0, s1 = self._grow_source(batch, anchor, c0[sel], lo[sel], hi[sel])
        doc_of = t.doc[c0[sel]]
        starts = t.doc_start[doc_of]
        rows = zip(doc_of.tolist(), (c0[sel] - starts).tolist(), (c1[sel] - starts).tolist(),
                   (s0 - starts).tolist(), (s1 - starts).tolist(), cue_p[sel].tolist(), best_q[sel].tolist())
        for d, f0, f1, g0, g1, cp, sp in rows:
            out[d].append(Found((f0, f1), (g0, g1), docs[d].sent_of[f0], cp, sp))
        # A sure cue without a source stays, sourceless: PolNeAR counts such
        # cues ("is expected", "was announced") as attributions.
        alone = np.flatnonzero(~found & (cue_p >= self.sourceless_cue))
        if len(alone):
            doc_of = t.doc[c0[alone]]
            starts = t.doc_start[doc_of]
            for d, f0, f1, cp in zip(doc_of.tolist(), (c0[alone] - starts).tolist(), (c1[alone] - starts).tolist(),
                                     cue_p[alone].tolist()):
                out[d].append(Found((f0, f1), None, docs[d].sent_of[f0], cp, 0.0))
            for found_in_doc in {int(d) for d in doc_of}:
                out[found_in_doc].sort(key=lambda f: f.cue)
        return out

    def _grow(self, batch: _Batch, model: HashedLogit, start: np.ndarray, side: int, limit: np.ndarray,
              head: np.ndarray, *, base: np.ndarray) -> np.ndarray:
        """Grow cue ends from ``start`` one token at a time towards ``limit`` (inclusive) while the model agrees.

        ``side`` 0 grows leftwards, 1 rightwards; the length feature counts
        from ``base`` (the far end of the cue core).
        """
        end = start.copy()
        active = np.flatnonzero(start > limit) if side == 0 else np.flatnonzero(start < limit)
        step = -1 if side == 0 else 1
        zeros = np.zeros(len(start), dtype=bool)
        while len(active):
            k = end[active] + step
            inner = k - step
            length = np.abs(k - base[active]) if side == 0 else k - base[active]
            p = _sigmoid(model.decision_function(
                batch.extend_features(k, inner, side, length, head[active], zeros[active], self.n_bits)))
            grow = p >= 0.5
            end[active[grow]] = k[grow]
            active = active[grow]
            active = active[(end[active] > limit[active]) if side == 0 else (end[active] < limit[active])]
        return end

    def _grow_source(self, batch: _Batch, anchor: np.ndarray, c0: np.ndarray, lo: np.ndarray, hi: np.ndarray
                     ) -> tuple[np.ndarray, np.ndarray]:
        """Token ranges of the sources grown from ``anchor`` away from their cues."""
        t = batch.t
        s0, s1 = anchor.copy(), anchor.copy()
        head = t.wid[anchor]
        model = self.source_extend_
        for side in (0, 1):
            end = s0 if side == 0 else s1
            mask = anchor < c0 if side == 0 else anchor >= c0
            active = np.flatnonzero(mask)
            limit = np.maximum(lo, anchor - EXTEND_MAX) if side == 0 else np.minimum(hi, anchor + EXTEND_MAX) - 1
            # "According to X, ...": the comma after X opens the content.
            opening = (c0 - lo) <= 1
            has_comma = np.zeros(len(anchor), dtype=bool)
            step = -1 if side == 0 else 1
            active = active[(end[active] > limit[active]) if side == 0 else (end[active] < limit[active])]
            while len(active):
                k = end[active] + step
                stop = (batch.comma[k] & opening[active]) if side == 1 else np.zeros(len(k), dtype=bool)
                active, k = active[~stop], k[~stop]
                if not len(active):
                    break
                p = _sigmoid(model.decision_function(batch.extend_features(
                    k, k - step, side, np.abs(k - anchor[active]), head[active], has_comma[active], self.n_bits)))
                grow = p >= 0.5
                active, k = active[grow], k[grow]
                end[active] = k
                has_comma[active] |= batch.comma[k]
                active = active[(end[active] > limit[active]) if side == 0 else (end[active] < limit[active])]
        # A span never starts with closing punctuation.
        while True:
            move = (s0 < s1) & batch.trim[s0]
            if not move.any():
                break
            s0 = s0 + move
        return s0, s1


def _append(lists: tuple[list, ...], *values) -> None:
    for target, value in zip(lists, values):
        target.append(value)


def _growth_examples(batch: _Batch, steps: dict, n_bits: int, *, with_comma: bool) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and labels of recorded growth steps (both sides)."""
    X, y = [], []
    for side, lists in steps.items():
        k = np.asarray(lists[0], dtype=np.int64)
        if not len(k):
            continue
        comma = np.asarray(lists[5], dtype=bool) if with_comma else np.zeros(len(k), dtype=bool)
        X.append(batch.extend_features(k, np.asarray(lists[1], dtype=np.int64), side,
                                       np.asarray(lists[2], dtype=np.int64), np.asarray(lists[3], dtype=np.int64),
                                       comma, n_bits))
        y.append(np.asarray(lists[4], dtype=np.int64))
    if not X:
        return np.zeros((0, 23), dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(X), np.concatenate(y)


# -- persistence ----------------------------------------------------------------
def save_model(model: AttributionModel, path: Path | str = MODEL_PATH) -> Path:
    """Write ``model`` with skops (compressed) and return the path.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = save_model(load_model(), Path(tmp) / "m.skops")
    ...     isinstance(load_model(path), AttributionModel)
    True
    """
    import zipfile

    import skops.io as sio

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    sio.dump(model, path, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    return path


@lru_cache(maxsize=4)
def _load(path: str) -> AttributionModel | None:
    from analysis.skops_files import load_skops

    return load_skops(path, trusted=TRUSTED_TYPES, expected=AttributionModel)


def load_model(path: Path | str = MODEL_PATH, *, warn: bool = True) -> AttributionModel | None:
    """The fitted model at ``path``, or ``None`` (with a warning) when the file is missing.

    Loading accepts only :data:`TRUSTED_TYPES` beyond skops's own safe types, an
    :class:`AttributionModel` and a file that inflates to at most
    :data:`analysis.skops_files.MAX_MODEL_BYTES` (a ``ValueError`` otherwise).

    >>> isinstance(load_model(warn=False), (AttributionModel, type(None)))
    True
    """
    path = Path(path)
    if not path.is_file():
        if warn:
            warnings.warn(
                f"no attribution model at {path}: the extractor falls back to its rules alone "
                "(lower recall); run `make model` to fit it",
                RuntimeWarning,
                stacklevel=2,
            )
        return None
    return _load(str(path))


