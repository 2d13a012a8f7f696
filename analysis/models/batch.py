"""The features of the attribution model, over a batch of parsed documents.

:class:`Batch` holds the token table of a batch (:func:`analysis.models.features.token_table`)
with the per-word lookups of a fitted :class:`~analysis.models.attribution.AttributionModel`,
and builds the hashed feature rows of its four steps: cue words
(:meth:`Batch.cue_features`), cue and source growth (:meth:`Batch.extend_features`)
and source anchors (:meth:`Batch.anchor_candidates`, :meth:`Batch.anchor_features`).
:func:`comma_buckets` gives the features of a comma of a reported clause.
Fitting (:mod:`analysis.models.fitting`) and decoding
(:mod:`analysis.models.decoding`) both read documents through it.

>>> sigmoid(np.array([0.0]))
array([0.5])
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from analysis.text.lexicons import load_lexicons
from analysis.text.tokens import CLOSE_QUOTES, QUOTE_CHARS, Doc
from analysis.models.features import (
    BOS, CLASS, EOS, OUT_BOS, OUT_EOS, SHAPE, TAG, UNK, Tokens, bucket, hash_templates, token_table,
)

PRONOUNS = frozenset("he she they it we i you who which that his her their its our my".split())
DETERMINERS = frozenset("a an the this these those some many one two three several both all most any each another other".split())
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


@lru_cache(maxsize=1)
def lexicon_classes() -> dict[str, str]:
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


def comma_buckets(model, low: list[str], words: list[str], cue: int, j: int, t: int, k: int,
                   last: bool, e: int) -> list[int]:
    """Bucket ids of the features of token ``t`` of a reported clause from ``j``: its ``k``-th comma, or an
    "and" after no comma (see ``comma_stop``).

    Those of the token itself (:func:`comma_token_buckets`), then those of the
    clause (:func:`comma_clause_buckets`). Computed in plain Python: a clause
    has only a few such tokens, so building numpy columns would cost more.
    Each template is a tuple of integers, whose ``hash`` is the same in every
    process (only strings' hashes are salted).
    """
    return (comma_token_buckets(model, low, words, t, e)
            + comma_clause_buckets(model, low, words, cue, j, t, k, last, e))


def comma_token_buckets(model, low: list[str], words: list[str], t: int, e: int) -> list[int]:
    """The buckets of :func:`comma_buckets` that depend on token ``t`` (and whether the clause goes on two tokens).

    Every clause that reaches ``t`` shares them, so :meth:`comma_stop` sums their weights once per document.
    """
    get = model.vocab.get
    nxt = low[t + 1]
    n1, p1 = get(nxt, UNK), get(low[t - 1], UNK)
    n2 = get(low[t + 2], UNK) if t + 2 <= e else EOS
    kind = int(words[t] != ",")
    mask = (1 << COMMA_BITS) - 1
    return [hash((kind, *template)) & mask for template in (
        (0,), (1, n1), (2, n2), (3, p1), (4, n1, n2), (7, nxt.endswith("ing")),
        (8, words[t + 1][:1].isupper()), (9, words[t + 1] in QUOTE_CHARS),
        (15, nxt.endswith("ed"), nxt.endswith("s")), (16, p1, n1),
    )]


def comma_clause_buckets(model, low: list[str], words: list[str], cue: int, j: int, t: int, k: int,
                         last: bool, e: int) -> list[int]:
    """The other buckets of :func:`comma_buckets`: those that depend on the clause, its cue and its commas."""
    get = model.vocab.get
    n1, c = get(low[t + 1], UNK), get(low[cue], UNK) if cue >= 0 else BOS
    kind = int(words[t] != ",")
    mask = (1 << COMMA_BITS) - 1
    return [hash((kind, *template)) & mask for template in (
        (5, c), (6, c, n1), (10, min(k, 4)), (11, last), (12, min((e - t) // 3, 6)), (13, min((t - j) // 3, 8)),
        (14, low[j] == "that"),
    )]


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


class Batch:
    """A token table plus the per-word lookups of a fitted model: what the feature builders read."""

    def __init__(self, model, docs: list[Doc]):
        self.docs = docs
        self.n_bits = model.n_bits
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
