"""Fitting the attribution model on articles with gold attribution spans.

:func:`fit_model` is the body of :meth:`AttributionModel.fit
<analysis.models.attribution.AttributionModel.fit>`: it sets the model's
vocabulary and per-word lookups (:func:`set_vocabulary`), then fits each step
on the inputs decoding gives it. Cue growth starts from the gold cue's words
that the cue classifier accepts out of fold (:func:`held_out_cues`), source
anchors are learned for a cue's core as well as for its full span, and the
comma model learns where PolNeAR's reported clauses end (:func:`comma_examples`).

>>> from analysis.text.tokens import parse
>>> tokens_of(parse("Jane Doe said it."), 5, 13)
(1, 2)
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter

import numpy as np
import pandas as pd

from analysis.text.words import _COMMA, MAX_CLAUSE, SENTENCE_END, _last_of
from analysis.text.lexicons import load_lexicons
from analysis.text.words import SKIP_AFTER_VERB, SKIP_BEFORE_VERB
from analysis.text.tokens import QUOTE_CHARS, Doc, parse
from analysis.models.batch import (
    AUXILIARIES, CLASSES, COMMA_BITS, EXTEND_MAX, Batch, comma_buckets, lexicon_classes, sigmoid,
)
from analysis.models.features import DASHES, FLAG
from analysis.models.linear import HashedLogit
from analysis.schema import require_columns

PUNCT_CUES = frozenset(":—")
#: Words an object-side feature names as themselves ("said that", "asked whether").
OBJECT_WORDS = ("that", "to", "if", "whether", "about", "for", "of")


def tokens_of(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Token range ``(first, last)`` covering characters ``[start, end)``."""
    first = bisect_right(doc.ends, start)
    last = bisect_left(doc.starts, end) - 1
    if first >= len(doc.starts) or last < first:
        return None
    return first, last


def set_vocabulary(model, counts: Counter[str], cue_vocab: dict[str, str], ends: dict[str, int],
                    starts: dict[str, int]) -> None:
    classes = lexicon_classes()
    keep = {w for w, n in counts.items() if n >= 2} | set(classes) | set(cue_vocab) | set(ends) | set(starts)
    keep |= SKIP_BEFORE_VERB | SKIP_AFTER_VERB | set(OBJECT_WORDS) | set(QUOTE_CHARS) | {",", ")", "(", ":", "—"}
    words = ["<unk>", "<s>", "</s>"] + sorted(keep)
    model.words_ = np.asarray(words, dtype=str)
    model.__dict__.pop("_vocab", None)
    model.__dict__.pop("_codes", None)
    n = len(words)
    model.word_class_ = np.zeros(n, dtype=np.int64)
    model.cue_rate_ = np.zeros(n, dtype=np.int64)
    model.source_end_ = np.zeros(n, dtype=bool)
    model.source_start_ = np.zeros(n, dtype=bool)
    model.skip_before_ = np.zeros(n, dtype=bool)
    model.before_subject_ = np.zeros(n, dtype=bool)
    model.skip_after_ = np.zeros(n, dtype=bool)
    model.object_word_ = np.zeros(n, dtype=bool)
    model.suffix_ = np.zeros(n, dtype=np.int64)
    model.connective_ = np.zeros(n, dtype=bool)
    connectives = load_lexicons().connectives
    suffixes: dict[str, int] = {}
    rates = {"low": 1, "mid": 2, "high": 3}
    for i, w in enumerate(words[3:], start=3):
        model.word_class_[i] = CLASSES.index(classes[w]) + 1 if w in classes else 0
        model.cue_rate_[i] = rates.get(cue_vocab.get(w, ""), 0)
        model.source_end_[i] = w in ends
        model.source_start_[i] = w in starts
        model.skip_before_[i] = w in SKIP_BEFORE_VERB
        model.before_subject_[i] = w in SKIP_BEFORE_VERB or w in AUXILIARIES or (w.endswith("ly") and len(w) > 4)
        model.skip_after_[i] = w in SKIP_AFTER_VERB and w != "that"
        model.object_word_[i] = w in OBJECT_WORDS
        model.suffix_[i] = FLAG + suffixes.setdefault(w[-3:], len(suffixes))
        model.connective_[i] = w in connectives
    model.cue_vocab_ = dict(cue_vocab)
    model.source_end_vocab_ = dict(ends)
    model.source_start_vocab_ = dict(starts)


def fit_model(model, X: pd.DataFrame, y: pd.DataFrame):  # -> the fitted AttributionModel
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
        cue = tokens_of(docs[n], int(r.cue_start), int(r.cue_end))
        if cue is None:
            continue
        src = None
        if not pd.isna(r.source_start):
            src = tokens_of(docs[n], int(r.source_start), int(r.source_end))
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
        if (k >= model.min_cue_count and rate >= model.min_cue_rate and w[0].isalpha()) or w in PUNCT_CUES:
            vocab[w] = "high" if rate >= 0.5 else "mid" if rate >= 0.2 else "low"
    # Lower-case words that end sources before the cue ("official",
    # "campaign", "he") or start them after it ("the", "a", "his").
    set_vocabulary(model, 
        total, vocab,
        {w: k for w, k in ends.items() if k >= 3 and not w[0].isupper()},
        {w: k for w, k in starts_after.items() if k >= 3 and not w[0].isupper()},
    )

    batch = Batch(model, docs)
    t = batch.t
    offset = t.doc_start
    cue_pos = np.flatnonzero(batch.rate > 0)
    in_gold = np.zeros(len(t), dtype=bool)
    for n, cues in gold.items():
        for (c0, c1), _ in cues:
            in_gold[c0 + offset[n]: c1 + offset[n] + 1] = True

    def logit() -> HashedLogit:
        return HashedLogit(n_bits=model.n_bits, C=model.C, min_count=2, random_state=model.random_state)

    nb = model.n_bits
    cue_X, cue_y = batch.cue_features(cue_pos, nb), in_gold[cue_pos].astype(int)
    model.cue_ = logit().fit(cue_X, cue_y)
    accepted = np.zeros(len(t), dtype=bool)
    # Copies of one text (one article read by several annotators) share a
    # fold, so that no copy is scored by a model that saw another.
    first_of: dict[str, int] = {}
    fold = np.array([first_of.setdefault(text, n) % 2 for n, text in enumerate(X["text"].fillna(""))], dtype=np.int64)
    accepted[cue_pos] = held_out_cues(model, cue_X, cue_y, fold[t.doc[cue_pos]], logit)

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
    model.cue_extend_ = logit().fit(ext_X, ext_y)
    c0s, c1s = np.asarray(anc_c0, dtype=np.int64), np.asarray(anc_c1, dtype=np.int64)
    cue, tok = batch.anchor_candidates(c0s, c1s)
    anc_y = (tok == np.asarray(anc_anchor, dtype=np.int64)[cue]).astype(int) if len(tok) else np.zeros(0, int)
    model.anchor_ = logit().fit(batch.anchor_features(tok, c0s[cue], c1s[cue], nb), anc_y)
    src_X, src_y = _growth_examples(batch, src_ext, nb, with_comma=True)
    model.source_extend_ = logit().fit(src_X, src_y)
    comma_X, comma_y = comma_examples(model, docs, y, index)
    # Without content spans in ``y`` the content rules' word lists decide alone.
    model.content_break_ = HashedLogit(n_bits=COMMA_BITS, C=model.C, min_count=2, random_state=model.random_state
                                      ).fit(comma_X, comma_y) if len(set(comma_y.tolist())) == 2 else None
    model.__dict__.pop("_comma_weights", None)
    model.__dict__.pop("_comma_memo", None)
    model.n_training_examples_ = {"cue": len(cue_pos), "cue_extend": len(ext_y), "anchor": len(anc_y),
                                 "source_extend": len(src_y), "content_break": len(comma_y)}
    return model

def held_out_cues(model, X: np.ndarray, y: np.ndarray, fold: np.ndarray, logit) -> np.ndarray:
    """Which candidate rows the cue classifier accepts when fitted without their documents' half (``fold`` 0 or 1).

    Out-of-fold, so that training sees the cues decoding will start from,
    not the near-perfect in-sample ones.
    """
    accepted = np.zeros(len(y), dtype=bool)
    for f in (0, 1):
        rows = fold == f
        half = logit().fit(X[~rows], y[~rows])
        accepted[rows] = sigmoid(half.decision_function(X[rows])) >= model.cue_threshold
    return accepted

def comma_examples(model, docs: list[Doc], y: pd.DataFrame, index: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
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
        content = tokens_of(doc, int(r.content_start), int(r.content_end))
        cue = tokens_of(doc, int(r.cue_start), int(r.cue_end))
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
            X.append(comma_buckets(model, low, doc.words, cue[1], j, t, k, t == last_comma, e))
            labels.append(int(t == stop_at + 1))
    return np.asarray(X, dtype=np.int64).reshape(-1, 17), np.asarray(labels, dtype=np.int64)

def _append(lists: tuple[list, ...], *values) -> None:
    for target, value in zip(lists, values):
        target.append(value)


def _growth_examples(batch: Batch, steps: dict, n_bits: int, *, with_comma: bool) -> tuple[np.ndarray, np.ndarray]:
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

