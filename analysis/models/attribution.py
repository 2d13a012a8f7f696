"""A learned attribution finder: cue words, cue and source boundaries, sources.

:class:`AttributionModel` is fitted on articles with gold attribution spans
(PolNeAR train). It works on the tokens of :func:`analysis.extract.text.parse`
in four small steps, each a :class:`~analysis.models.linear.FeatureLogit`
over hand-made features (word, shape, lexicon membership, position relative
to the cue, punctuation, quotation state):

1. ``cue_``: is a candidate word part of a cue? Candidates are the words
   that open a cue often enough in training (``cue_vocab_``) plus ``:`` and
   dashes; adjacent accepted words form one cue.
2. ``cue_extend_``: grow the cue word by word to the left (auxiliaries,
   negation, adverbs: "has not said") and right (particles: "pointed to").
3. ``anchor_``: which token ends the cue's source? Tokens of the cue's
   sentence within a window are scored; the best one above
   ``source_threshold`` wins, otherwise the cue has no source and is dropped.
4. ``source_extend_``: grow the source to the left from that token
   (determiners, titles, names, appositions: "Rep. Jim Clyburn (D-S.C.),
   the assistant leader,").

Decoding is greedy, so a document costs a few hundred dictionary lookups
beyond tokenising. Content spans come from rules
(:func:`analysis.extract.content.content_span`) that follow the PolNeAR conventions: quotation marks
are part of a direct quote, a reported clause starts with its "that" and
leaves out the sentence's final period.
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
from analysis.extract.content import _quote_closing, content_span  # noqa: F401
from analysis.extract.lexicons import load_lexicons
from analysis.extract.rules import SKIP_AFTER_VERB, SKIP_BEFORE_VERB
from analysis.extract.text import CLOSE_QUOTES, OPEN_QUOTES, QUOTE_CHARS, Doc, parse
from analysis.models.linear import FeatureLogit
from analysis.schema import require_columns

__all__ = ["AttributionModel", "Found", "MODEL_PATH", "TRUSTED_TYPES", "content_span", "load_model", "save_model"]

#: Where the fitted model ships.
MODEL_PATH = MODELS_DIR / "attribution.skops"
#: The types ``skops.io.load`` may build when reading :data:`MODEL_PATH`.
TRUSTED_TYPES = [
    "analysis.models.attribution.AttributionModel",
    "analysis.models.linear.FeatureLogit",
]

PRONOUNS = frozenset("he she they it we i you who which that his her their its our my".split())
DETERMINERS = frozenset("a an the this these those some many one two three several both all most any each another other".split())
PUNCT_CUES = frozenset(":—")
_DASHES = {"―": "—", "–": "—", "‒": "—"}
SENTENCE_END = frozenset(".!?")
CUE_WINDOW_LEFT = 20
CUE_WINDOW_RIGHT = 10
EXTEND_MAX = 25
MAX_CLAUSE = 400


@lru_cache(maxsize=1 << 16)
def shape(word: str) -> str:
    """A coarse word shape: ``Xx``, ``X``, ``x``, ``d`` or the punctuation itself.

    >>> [shape(w) for w in ["Trump", "FBI", "said", "2016", ","]]
    ['Xx', 'X', 'x', 'd', ',']
    """
    c = word[0]
    if c.isupper():
        return "X" if len(word) > 1 and word.isupper() else "Xx"
    if c.islower():
        return "x"
    if c.isdigit():
        return "d"
    if c in "\"“”'‘’":
        return "Q"
    return c


@lru_cache(maxsize=1)
def _word_classes() -> dict[str, str]:
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


def _bucket(d: int) -> str:
    if d <= 3:
        return str(d)
    if d <= 5:
        return "4-5"
    if d <= 8:
        return "6-8"
    if d <= 12:
        return "9-12"
    return "13+"


@dataclass
class _Ctx:
    """Per-document lookups shared by the feature functions."""

    doc: Doc
    lower: list[str]
    quote_opens: list[int]
    quote_closes: list[int]

    @classmethod
    def of(cls, doc: Doc) -> "_Ctx":
        lower = doc.lower or [w.lower() for w in doc.words]
        if any(d in doc.text for d in _DASHES):
            # One dash for all: "—", "―", "–" sign quotes and tweets alike.
            lower = [_DASHES.get(w, w) for w in lower]
        return cls(doc, lower, [q[0] for q in doc.quotes], [q[1] for q in doc.quotes])

    def in_quote(self, pos: int) -> bool:
        k = bisect_right(self.quote_opens, pos) - 1
        return k >= 0 and pos < self.quote_closes[k]

    def newline_before(self, i: int) -> bool:
        doc = self.doc
        return i == 0 or "\n" in doc.text[doc.ends[i - 1]: doc.starts[i]]


def _cue_features(ctx: _Ctx, i: int, lo: int, hi: int, rate: str) -> list[str]:
    low, words = ctx.lower, ctx.doc.words
    w = low[i]
    p1 = low[i - 1] if i > lo else "<s>"
    p2 = low[i - 2] if i - 1 > lo else "<s>"
    n1 = low[i + 1] if i + 1 < hi else "</s>"
    n2 = low[i + 2] if i + 2 < hi else "</s>"
    sp1 = shape(words[i - 1]) if i > lo else "<s>"
    sn1 = shape(words[i + 1]) if i + 1 < hi else "</s>"
    cls = _word_classes()
    feats = [
        "b", "w=" + w, "r=" + rate, "sw=" + shape(words[i]),
        "p1=" + p1, "p2=" + p2, "n1=" + n1, "n2=" + n2,
        "sp1=" + sp1, "sn1=" + sn1, "sp1w=" + sp1 + w, "wsn1=" + w + sn1,
        "p1w=" + p1 + "|" + w, "wn1=" + w + "|" + n1,
        "cp1=" + cls.get(p1, "-"), "cn1=" + cls.get(n1, "-"),
        "q=" + str(ctx.in_quote(ctx.doc.starts[i])),
        "pos=" + _bucket(i - lo), "end=" + _bucket(hi - 1 - i),
        "nl=" + str(ctx.newline_before(i)) + str(i + 1 < len(words) and ctx.newline_before(i + 1)),
        "suf=" + w[-3:], "sp1sn1=" + sp1 + sn1 + ("P" if not w[0].isalnum() else "W"),
        "sig=" + str(_signature(ctx, i, hi)),
        "p1n1=" + cls.get(p1, sp1) + "|" + cls.get(n1, sn1),
    ]
    subj, obj = _subject_class(ctx, i, lo), _object_class(ctx, i, hi)
    quoted = "q" if ctx.in_quote(ctx.doc.starts[i]) else "u"
    # The same contexts again, joined to the word: "called" + "for" differs from "called" + a name.
    return feats + [
        "subj=" + subj, "obj=" + obj, "wsubj=" + w + "|" + subj, "wobj=" + w + "|" + obj,
        "wq=" + w + quoted, "so=" + subj + "|" + obj,
    ]


def _subject_class(ctx: _Ctx, i: int, lo: int) -> str:
    """Class of the first word before ``i`` that is no auxiliary or adverb ("he" in "he has also said")."""
    low, words = ctx.lower, ctx.doc.words
    k = i - 1
    while k >= lo and i - k <= 4 and low[k] in SKIP_BEFORE_VERB:
        k -= 1
    if k < lo:
        return "<s>"
    return _word_classes().get(low[k]) or shape(words[k])


def _object_class(ctx: _Ctx, i: int, hi: int) -> str:
    """Class of the first word after ``i`` that is no adverbial ("that" in "said on Monday that")."""
    low, words = ctx.lower, ctx.doc.words
    k = i + 1
    while k < hi and k - i <= 4 and low[k] in SKIP_AFTER_VERB and low[k] != "that":
        k += 1
    if k >= hi:
        return "</s>"
    w = low[k]
    return w if w in ("that", "to", "if", "whether", "about", "for", "of") else _word_classes().get(w) or shape(words[k])


def _signature(ctx: _Ctx, i: int, hi: int) -> bool:
    """A dash or colon that signs a quotation or tweet: '..." ― Jane Doe' + line end or '(@handle)'."""
    words = ctx.doc.words
    if ctx.lower[i] not in PUNCT_CUES or i == 0 or i + 1 >= len(words) or not words[i + 1][:1].isupper():
        return False
    if words[i - 1] not in CLOSE_QUOTES and words[i - 1] not in (".", ")", "!", "?"):
        return False
    for k in range(i + 2, min(len(words), i + 6)):
        if words[k] in ("(", "@") or ctx.newline_before(k):
            return True
    return i + 5 >= len(words) or i + 5 >= hi


def _extend_features(ctx: _Ctx, k: int, inner: int, outer: int | None, part: str, side: str,
                     length: int, head: str, has_comma: bool) -> list[str]:
    low, words = ctx.lower, ctx.doc.words
    cls = _word_classes()
    w = low[k]
    s = shape(words[k])
    o = low[outer] if outer is not None else "<s>"
    so = shape(words[outer]) if outer is not None else "<s>"
    tag = part + side
    return [
        "b" + tag, tag + "w=" + w, tag + "s=" + s, tag + "c=" + cls.get(w, "-"),
        tag + "in=" + low[inner], tag + "sin=" + shape(words[inner]), tag + "o=" + o, tag + "so=" + so,
        tag + "len=" + _bucket(length), tag + "h=" + head, tag + "hw=" + head + "|" + w,
        tag + "win=" + w + "|" + low[inner], tag + "ssin=" + s + shape(words[inner]) + so,
        tag + "com=" + str(has_comma) + s, tag + "co=" + cls.get(o, "-"),
        tag + "nl=" + str(ctx.newline_before(k if side == "L" else inner + 0)),
    ]


def _anchor_features(ctx: _Ctx, t: int, c0: int, c1: int, lo: int, hi: int, cues: set[int]) -> list[str]:
    low, words = ctx.lower, ctx.doc.words
    cls = _word_classes()
    w = low[t]
    s = shape(words[t])
    if t < c0:
        rel = "L" + _bucket(c0 - t)
        between = range(t + 1, c0)
    else:
        rel = "R" + _bucket(t - c1)
        between = range(c1 + 1, t)
    btw = [words[b] for b in between]
    n_comma = sum(1 for b in btw if b == ",")
    n_quote = sum(1 for b in btw if b in QUOTE_CHARS)
    n_cue = sum(1 for b in between if b in cues)
    cue = low[c0] if c1 == c0 else low[c0] + "_" + low[c1]
    n1 = low[t + 1] if t + 1 < hi else "</s>"
    p1 = low[t - 1] if t > lo else "<s>"
    sn1 = shape(words[t + 1]) if t + 1 < hi else "</s>"
    sp1 = shape(words[t - 1]) if t > lo else "<s>"
    c = cls.get(w, "-")
    return [
        "b", "w=" + w, "s=" + s, "c=" + c, "rel=" + rel, "relc=" + rel + c, "rels=" + rel + s,
        "relw=" + rel + w, "cue=" + cue, "cuerel=" + cue + rel,
        "n1=" + n1, "p1=" + p1, "sn1=" + sn1, "sp1=" + sp1, "cn1=" + cls.get(n1, "-"), "cp1=" + cls.get(p1, "-"),
        "com=" + str(min(n_comma, 2)) + rel[0], "quo=" + str(min(n_quote, 2)) + rel[0],
        "ncue=" + str(min(n_cue, 2)) + rel[0], "first=" + str(t == lo),
        "cp=" + (low[c0 - 1] if c0 > lo else "<s>"), "cn=" + (low[c1 + 1] if c1 + 1 < hi else "</s>"),
        "sn1rel=" + sn1 + rel, "q=" + str(ctx.in_quote(ctx.doc.starts[t])),
        "cq=" + str(ctx.in_quote(ctx.doc.starts[c0])),
    ]


@dataclass
class Found:
    """One attribution the model found (token indices, inclusive)."""

    cue: tuple[int, int]
    source: tuple[int, int]
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


class AttributionModel(BaseEstimator):
    """Finds cues and their sources in parsed documents (see the module docstring).

    Args:
        C: regularisation of the four classifiers.
        min_cue_count: a word joins the cue vocabulary after this many cue uses in training ...
        min_cue_rate: ... and when at least this share of its uses are in a cue.
        cue_threshold: probability above which a candidate word is a cue.
        source_threshold: probability above which the best token ends a source.
        random_state: seed for the solvers.
    """

    def __init__(
        self,
        C: float = 0.5,
        min_cue_count: int = 2,
        min_cue_rate: float = 0.05,
        cue_threshold: float = 0.45,
        source_threshold: float = 0.25,
        random_state: int = 0,
    ):
        self.C = C
        self.min_cue_count = min_cue_count
        self.min_cue_rate = min_cue_rate
        self.cue_threshold = cue_threshold
        self.source_threshold = source_threshold
        self.random_state = random_state

    # -- candidates ---------------------------------------------------------
    def _rate(self, word: str) -> str | None:
        return self.cue_vocab_.get(word)

    def _cue_candidates(self, ctx: _Ctx) -> list[int]:
        vocab = self.cue_vocab_
        return [i for i, w in enumerate(ctx.lower) if w in vocab]

    def _anchor_candidates(self, ctx: _Ctx, c0: int, c1: int, lo: int, hi: int) -> list[int]:
        words, low = ctx.doc.words, ctx.lower
        ends, firsts = self.source_end_vocab_, self.source_start_vocab_
        # Capitalised words, digits and the words that end (before the cue) or
        # start (after it) sources in training; a comma or bracket only right
        # before the cue (the end of an apposition).
        left = [
            t for t in range(max(lo, c0 - CUE_WINDOW_LEFT), c0)
            if words[t][0].isupper() or words[t][0].isdigit() or low[t] in ends
            or (words[t] in (",", ")") and c0 - 3 <= t)
        ]
        right = [
            t for t in range(c1 + 1, min(hi, c1 + 1 + CUE_WINDOW_RIGHT))
            if words[t][0].isupper() or words[t][0].isdigit() or low[t] in firsts
        ]
        return left + right

    # -- training -----------------------------------------------------------
    def fit(self, X: pd.DataFrame, y: pd.DataFrame) -> "AttributionModel":
        """Fit on articles ``X`` (``article_id``, ``text``) and gold attributions ``y``.

        ``y`` has one row per attribution with ``article_id`` and the
        ``cue_*``/``source_*`` character spans (NA source: no source).
        """
        require_columns(X, ["article_id", "text"], table="articles")
        require_columns(y, ["article_id", "cue_start", "cue_end", "source_start", "source_end"], table="gold")
        docs = {aid: parse(text) for aid, text in zip(X["article_id"].astype(str), X["text"].fillna(""))}
        gold: dict[str, list[tuple[tuple[int, int], tuple[int, int] | None]]] = {}
        for r in y.itertuples():
            doc = docs.get(str(r.article_id))
            if doc is None:
                continue
            cue = _tokens_of(doc, int(r.cue_start), int(r.cue_end))
            if cue is None:
                continue
            src = None
            if not pd.isna(r.source_start):
                src = _tokens_of(doc, int(r.source_start), int(r.source_end))
            gold.setdefault(str(r.article_id), []).append((cue, src))

        # The cue vocabulary: words that often head a gold cue. The head of a
        # cue is its word most often seen inside cues ("said" in "has said",
        # "according" in "according to"); the rest is left to cue growth.
        ctxs = {aid: _Ctx.of(doc) for aid, doc in docs.items()}
        in_cue: Counter[str] = Counter()
        total: Counter[str] = Counter()
        ends: Counter[str] = Counter()
        starts_after: Counter[str] = Counter()
        for aid, doc in docs.items():
            low = ctxs[aid].lower
            total.update(low)
            for (c0, c1), src in gold.get(aid, []):
                in_cue.update(set(low[c0: c1 + 1]))
                if src is not None:
                    if src[1] < c0:
                        ends[low[src[1]]] += 1
                    elif src[0] > c1:
                        starts_after[low[src[0]]] += 1
        heads: Counter[str] = Counter()
        for aid, doc in docs.items():
            low = ctxs[aid].lower
            for (c0, c1), _ in gold.get(aid, []):
                heads[max(low[c0: c1 + 1], key=lambda w: in_cue[w] / total[w])] += 1
        vocab = {}
        for w, n in heads.items():
            rate = in_cue[w] / total[w]
            if (n >= self.min_cue_count and rate >= self.min_cue_rate and w[0].isalpha()) or w in PUNCT_CUES:
                vocab[w] = "high" if rate >= 0.5 else "mid" if rate >= 0.2 else "low"
        # Lower-case words that end sources before the cue ("official",
        # "campaign", "he") or start them after it ("the", "a", "his").
        self.source_end_vocab_ = {w: n for w, n in ends.items() if n >= 3 and not w[0].isupper()}
        self.source_start_vocab_ = {w: n for w, n in starts_after.items() if n >= 3 and not w[0].isupper()}
        self.cue_vocab_ = vocab

        cue_X, cue_y, ext_X, ext_y, anc_X, anc_y, src_X, src_y = ([] for _ in range(8))
        for aid, doc in docs.items():
            ctx = ctxs[aid]
            cues = gold.get(aid, [])
            in_gold = set()
            for (c0, c1), _ in cues:
                in_gold.update(range(c0, c1 + 1))
            cand = self._cue_candidates(ctx)
            cand_set = set(cand)
            for i in cand:
                lo, hi = doc.sent_bounds[doc.sent_of[i]]
                cue_X.append(_cue_features(ctx, i, lo, hi, vocab[ctx.lower[i]]))
                cue_y.append(int(i in in_gold))
            for (c0, c1), src in cues:
                core = [i for i in range(c0, c1 + 1) if i in cand_set]
                if not core:
                    continue
                a, b = core[0], core[-1]
                lo, hi = doc.sent_bounds[doc.sent_of[a]]
                head = ctx.lower[a]
                # Left then right growth of the cue, one word at a time.
                for k in range(a - 1, max(lo, a - EXTEND_MAX) - 1, -1):
                    ext_X.append(_extend_features(ctx, k, k + 1, k - 1 if k > lo else None, "c", "L", b - k, head, False))
                    ext_y.append(int(k >= c0))
                    if k < c0:
                        break
                for k in range(b + 1, min(hi, b + EXTEND_MAX)):
                    ext_X.append(_extend_features(ctx, k, k - 1, k + 1 if k + 1 < hi else None, "c", "R", k - a, head, False))
                    ext_y.append(int(k <= c1))
                    if k > c1:
                        break
                # The source token nearest the cue (the last one of a source
                # before the cue, the first one of a source after it).
                anchor = -1
                if src is not None and doc.sent_of[src[1]] == doc.sent_of[c0] == doc.sent_of[src[0]]:
                    if src[1] < c0:
                        anchor = src[1]
                    elif src[0] > c1:
                        anchor = src[0]
                for t in self._anchor_candidates(ctx, c0, c1, lo, hi):
                    anc_X.append(_anchor_features(ctx, t, c0, c1, lo, hi, cand_set))
                    anc_y.append(int(t == anchor))
                if anchor < 0:
                    continue
                for k, label in self._growth(ctx, anchor, lo, hi, c0, c1, src):
                    src_X.append(k)
                    src_y.append(label)
        def logit() -> FeatureLogit:
            return FeatureLogit(C=self.C, min_count=2, random_state=self.random_state)

        self.cue_ = logit().fit(cue_X, cue_y)
        self.cue_extend_ = logit().fit(ext_X, ext_y)
        self.anchor_ = logit().fit(anc_X, anc_y)
        self.source_extend_ = logit().fit(src_X, src_y)
        self.n_training_examples_ = {"cue": len(cue_y), "cue_extend": len(ext_y), "anchor": len(anc_y),
                                     "source_extend": len(src_y)}
        return self

    @staticmethod
    def _growth(ctx: _Ctx, anchor: int, lo: int, hi: int, c0: int, c1: int, src: tuple[int, int]):
        """Training steps of source growth away from the cue: (features, keep?)."""
        words = ctx.doc.words
        head = ctx.lower[anchor]
        has_comma = False
        if anchor < c0:
            for k in range(anchor - 1, max(lo, anchor - EXTEND_MAX) - 1, -1):
                yield _extend_features(ctx, k, k + 1, k - 1 if k > lo else None, "s", "L", anchor - k, head, has_comma), int(k >= src[0])
                if k < src[0]:
                    return
                has_comma = has_comma or words[k] == ","
        else:
            for k in range(anchor + 1, min(hi, anchor + EXTEND_MAX)):
                yield _extend_features(ctx, k, k - 1, k + 1 if k + 1 < hi else None, "s", "R", k - anchor, head, has_comma), int(k <= src[1])
                if k > src[1]:
                    return
                has_comma = has_comma or words[k] == ","

    # -- decoding -----------------------------------------------------------
    def find(self, doc: Doc) -> list[Found]:
        """Cues with their sources in one parsed document, in text order.

        >>> found = load_model().find(parse("The plan will fail, Senator Jane Doe said on Monday."))
        >>> [(f.source, f.cue) for f in found]
        [((5, 7), (8, 8))]
        """
        ctx = _Ctx.of(doc)
        words, low = doc.words, ctx.lower
        cand = self._cue_candidates(ctx)
        if not cand:
            return []
        cue_model, vocab = self.cue_, self.cue_vocab_
        accepted = []
        for i in cand:
            lo, hi = doc.sent_bounds[doc.sent_of[i]]
            p = cue_model.proba_one(_cue_features(ctx, i, lo, hi, vocab[low[i]]))
            if p >= self.cue_threshold:
                accepted.append((i, p))
        cand_set = set(cand)
        out: list[Found] = []
        used_until = -1
        n = 0
        while n < len(accepted):
            a, p = accepted[n]
            b = a
            # Adjacent accepted words make one cue ("according" + "to").
            while n + 1 < len(accepted) and accepted[n + 1][0] == b + 1 and doc.sent_of[b + 1] == doc.sent_of[a]:
                n += 1
                b = accepted[n][0]
                p = max(p, accepted[n][1])
            n += 1
            if a <= used_until:
                continue
            s_index = doc.sent_of[a]
            lo, hi = doc.sent_bounds[s_index]
            c0, c1 = self._grow_cue(ctx, a, b, lo, hi, used_until)
            used_until = c1
            best, best_p = -1, self.source_threshold
            for t in self._anchor_candidates(ctx, c0, c1, lo, hi):
                q = self.anchor_.proba_one(_anchor_features(ctx, t, c0, c1, lo, hi, cand_set))
                if q > best_p:
                    best, best_p = t, q
            if best < 0:
                continue
            out.append(Found((c0, c1), self._grow_source(ctx, best, lo, hi, c0, c1), s_index, p, best_p))
        return out

    def _grow_cue(self, ctx: _Ctx, a: int, b: int, lo: int, hi: int, used_until: int) -> tuple[int, int]:
        ext = self.cue_extend_
        head = ctx.lower[a]
        c0 = a
        for k in range(a - 1, max(lo, a - EXTEND_MAX, used_until + 1) - 1, -1):
            if ext.proba_one(_extend_features(ctx, k, k + 1, k - 1 if k > lo else None, "c", "L", b - k, head, False)) < 0.5:
                break
            c0 = k
        c1 = b
        for k in range(b + 1, min(hi, b + EXTEND_MAX)):
            if ext.proba_one(_extend_features(ctx, k, k - 1, k + 1 if k + 1 < hi else None, "c", "R", k - a, head, False)) < 0.5:
                break
            c1 = k
        return c0, c1

    def _grow_source(self, ctx: _Ctx, anchor: int, lo: int, hi: int, c0: int, c1: int) -> tuple[int, int]:
        """Token range of the source grown from ``anchor`` away from the cue."""
        ext = self.source_extend_
        words = ctx.doc.words
        head = ctx.lower[anchor]
        s0 = s1 = anchor
        has_comma = False
        if anchor < c0:
            for k in range(anchor - 1, max(lo, anchor - EXTEND_MAX) - 1, -1):
                f = _extend_features(ctx, k, k + 1, k - 1 if k > lo else None, "s", "L", anchor - k, head, has_comma)
                if ext.proba_one(f) < 0.5:
                    break
                s0 = k
                has_comma = has_comma or words[k] == ","
        else:
            # "According to X, ...": the comma after X opens the content.
            opening = c0 - lo <= 1
            for k in range(anchor + 1, min(hi, anchor + EXTEND_MAX)):
                if opening and words[k] == ",":
                    break
                f = _extend_features(ctx, k, k - 1, k + 1 if k + 1 < hi else None, "s", "R", k - anchor, head, has_comma)
                if ext.proba_one(f) < 0.5:
                    break
                s1 = k
                has_comma = has_comma or words[k] == ","
        # A span never starts with closing punctuation.
        while s0 < s1 and words[s0] in (",", ")", "—", "-", ":"):
            s0 += 1
        return s0, s1


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
    import skops.io as sio

    return sio.load(path, trusted=TRUSTED_TYPES)


def load_model(path: Path | str = MODEL_PATH, *, warn: bool = True) -> AttributionModel | None:
    """The fitted model at ``path``, or ``None`` (with a warning) when the file is missing.

    Loading accepts only :data:`TRUSTED_TYPES` beyond skops's own safe types.

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


