"""Decoding: the attribution model's steps run greedily over a batch of documents.

:func:`find_batch` is the body of :meth:`AttributionModel.find_many
<analysis.models.attribution.AttributionModel.find_many>` for one batch: cue
words are scored at once, adjacent accepted words make one cue, cues grow
word by word (:func:`grow`), the best source anchor of each cue wins and its
source grows away from the cue (:func:`grow_source`). Each step keeps its
single best choice; nothing is revised once decided.

>>> Found((2, 2), (0, 1), 0, 0.9, 0.8).source
(0, 1)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analysis.text.tokens import Doc
from analysis.models.batch import EXTEND_MAX, Batch, sigmoid
from analysis.models.linear import HashedLogit

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


def find_batch(model, docs: list[Doc]) -> list[list[Found]]:
    """Cues with their sources in each of ``docs`` (see :meth:`AttributionModel.find_many`)."""
    out: list[list[Found]] = [[] for _ in docs]
    batch = Batch(model, docs)
    t = batch.t
    nb = model.n_bits
    cand = np.flatnonzero(batch.rate > 0)
    if not len(cand):
        return out
    p = sigmoid(model.cue_.decision_function(batch.cue_features(cand, nb)))
    ok = p >= model.cue_threshold
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
    c1 = grow(batch, model.cue_extend_, b, 1, np.minimum(hi, b + EXTEND_MAX) - 1, head, base=a)
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
    c0 = grow(batch, model.cue_extend_, a, 0, limit, head, base=b)
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
    z = model.anchor_.decision_function(batch.anchor_features(tok, c0[cue], c1[cue], nb))
    q = sigmoid(z)
    # A cue the classifier is sure of keeps a less certain source.
    thr = np.where(cue_p >= model.sure_cue, model.sure_cue_source_threshold, model.source_threshold)
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
    s0, s1 = grow_source(model, batch, anchor, c0[sel], lo[sel], hi[sel])
    doc_of = t.doc[c0[sel]]
    starts = t.doc_start[doc_of]
    rows = zip(doc_of.tolist(), (c0[sel] - starts).tolist(), (c1[sel] - starts).tolist(),
               (s0 - starts).tolist(), (s1 - starts).tolist(), cue_p[sel].tolist(), best_q[sel].tolist())
    for d, f0, f1, g0, g1, cp, sp in rows:
        out[d].append(Found((f0, f1), (g0, g1), docs[d].sent_of[f0], cp, sp))
    # A sure cue without a source stays, sourceless: PolNeAR counts such
    # cues ("is expected", "was announced") as attributions.
    alone = np.flatnonzero(~found & (cue_p >= model.sourceless_cue))
    if len(alone):
        doc_of = t.doc[c0[alone]]
        starts = t.doc_start[doc_of]
        for d, f0, f1, cp in zip(doc_of.tolist(), (c0[alone] - starts).tolist(), (c1[alone] - starts).tolist(),
                                 cue_p[alone].tolist()):
            out[d].append(Found((f0, f1), None, docs[d].sent_of[f0], cp, 0.0))
        for found_in_doc in {int(d) for d in doc_of}:
            out[found_in_doc].sort(key=lambda f: f.cue)
    return out

def grow(batch: Batch, model: HashedLogit, start: np.ndarray, side: int, limit: np.ndarray,
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
        p = sigmoid(model.decision_function(
            batch.extend_features(k, inner, side, length, head[active], zeros[active], batch.n_bits)))
        grow = p >= 0.5
        end[active[grow]] = k[grow]
        active = active[grow]
        active = active[(end[active] > limit[active]) if side == 0 else (end[active] < limit[active])]
    return end

def grow_source(model, batch: Batch, anchor: np.ndarray, c0: np.ndarray, lo: np.ndarray, hi: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Token ranges of the sources grown from ``anchor`` away from their cues."""
    t = batch.t
    s0, s1 = anchor.copy(), anchor.copy()
    head = t.wid[anchor]
    extend = model.source_extend_
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
            p = sigmoid(extend.decision_function(batch.extend_features(
                k, k - step, side, np.abs(k - anchor[active]), head[active], has_comma[active], model.n_bits)))
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

