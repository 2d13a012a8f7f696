"""Score predicted attribution spans against gold ones.

Spans are half-open character offsets ``[start, end)`` into an article's
text. Predicted and gold spans are matched one-to-one within each article:

* ``exact``: same ``(start, end)``;
* ``overlap``: the spans share at least one character; pairs are taken
  greedily by largest overlap (ties: smaller boundary distance, then earlier
  prediction, then earlier gold row).

The span parts are ``source``, ``cue`` and ``content`` (columns
``<part>_start``/``<part>_end``). The ``pair`` part matches whole
attributions: a prediction matches a gold attribution when both its source
and its cue match that gold attribution's source and cue (exactly or by
overlap, per the mode). Rows whose span for a part is NA are left out of that
part (for ``pair``: rows lacking a source or a cue).

>>> gold = pd.DataFrame({"article_id": ["a"], "source_start": [0], "source_end": [9],
...                      "cue_start": [10], "cue_end": [14]})
>>> pred = pd.DataFrame({"article_id": ["a", "a"], "source_start": [4, 0], "source_end": [9, 3],
...                      "cue_start": [10, 20], "cue_end": [14, 24]})
>>> score_spans(pred, gold, parts=("source",), modes=("overlap",))[["part", "tp", "n_pred", "n_gold"]]
     part  tp  n_pred  n_gold
0  source   1       2       1
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.schema import require_columns

__all__ = ["SPAN_PARTS", "MATCH_MODES", "match_spans", "score_spans", "error_table", "sentence_bounds"]

#: Parts scored span by span.
SPAN_PARTS = ("source", "cue", "content")
#: Matching modes.
MATCH_MODES = ("exact", "overlap")

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")


def _check_part(part: str, *, allow_pair: bool = False) -> None:
    allowed = SPAN_PARTS + (("pair",) if allow_pair else ())
    if part not in allowed:
        raise ValueError(f"part must be one of {allowed}, got {part!r}")


def _check_mode(mode: str) -> None:
    if mode not in MATCH_MODES:
        raise ValueError(f"mode must be one of {MATCH_MODES}, got {mode!r}")


def _span_columns(part: str) -> list[str]:
    parts = ("source", "cue") if part == "pair" else (part,)
    return [f"{p}_{side}" for p in parts for side in ("start", "end")]


def _as_float(col: pd.Series) -> np.ndarray:
    try:
        return col.to_numpy(dtype="float64", na_value=np.nan)
    except (TypeError, ValueError):
        return pd.to_numeric(col, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)


def _slim(df: pd.DataFrame, part: str) -> pd.DataFrame:
    """Positions, article ids and int spans of the rows with a full span for ``part``."""
    cols = _span_columns(part)
    ids = df["article_id"].astype("string").to_numpy(dtype=object, na_value=None)
    spans = {c: _as_float(df[c]) for c in cols}
    keep = np.array([i is not None for i in ids], dtype=bool)
    for v in spans.values():
        keep &= ~np.isnan(v)
    out = pd.DataFrame({"article_id": ids[keep], "pos": np.flatnonzero(keep)})
    for c in cols:
        out[c] = spans[c][keep].astype("int64")
    return out


def _match_positions(p: pd.DataFrame, g: pd.DataFrame, part: str, mode: str) -> pd.DataFrame:
    """One-to-one matches between slim frames: columns pred_pos, gold_pos, overlap.

    Candidate pairs are all (prediction, gold) pairs of one article that match
    (equal spans, or every span sharing a character); they are then taken
    greedily by overlap, boundary distance, prediction and gold position.
    """
    empty = pd.DataFrame({"pred_pos": pd.Series(dtype="int64"), "gold_pos": pd.Series(dtype="int64"),
                          "overlap": pd.Series(dtype="int64")})
    if p.empty or g.empty:
        return empty
    codes, _ = pd.factorize(np.concatenate([p["article_id"].to_numpy(), g["article_id"].to_numpy()]))
    pc, gc = codes[: len(p)], codes[len(p):]
    # All same-article (pred row, gold row) pairs, without a pandas merge.
    g_order = np.argsort(gc, kind="stable")
    gc_sorted = gc[g_order]
    lo = np.searchsorted(gc_sorted, pc, side="left")
    counts = np.searchsorted(gc_sorted, pc, side="right") - lo
    total_pairs = int(counts.sum())
    if total_pairs == 0:
        return empty
    pi = np.repeat(np.arange(len(p)), counts)
    within = np.arange(total_pairs) - np.repeat(np.cumsum(counts) - counts, counts)
    gi = g_order[np.repeat(lo, counts) + within]

    ok = np.ones(total_pairs, dtype=bool)
    overlap = np.zeros(total_pairs, dtype="int64")
    dist = np.zeros(total_pairs, dtype="int64")
    for q in ("source", "cue") if part == "pair" else (part,):
        ps, pe = p[f"{q}_start"].to_numpy()[pi], p[f"{q}_end"].to_numpy()[pi]
        gs, ge = g[f"{q}_start"].to_numpy()[gi], g[f"{q}_end"].to_numpy()[gi]
        ov = np.minimum(pe, ge) - np.maximum(ps, gs)
        ok &= (ps == gs) & (pe == ge) if mode == "exact" else ov >= 1
        overlap += np.maximum(ov, 0)
        dist += np.abs(ps - gs) + np.abs(pe - ge)
    if not ok.any():
        return empty
    pi, gi, overlap, dist = pi[ok], gi[ok], overlap[ok], dist[ok]
    order = np.lexsort((gi, pi, dist, -overlap))
    used_p: set[int] = set()
    used_g: set[int] = set()
    keep = []
    for k, a, b in zip(order.tolist(), pi[order].tolist(), gi[order].tolist()):
        if a in used_p or b in used_g:
            continue
        used_p.add(a)
        used_g.add(b)
        keep.append(k)
    keep_arr = np.sort(np.asarray(keep, dtype="int64"))
    out = pd.DataFrame({
        "pred_pos": p["pos"].to_numpy()[pi[keep_arr]],
        "gold_pos": g["pos"].to_numpy()[gi[keep_arr]],
        "overlap": overlap[keep_arr],
    })
    return out.sort_values("pred_pos", ignore_index=True)


def _labels(index: pd.Index, positions: np.ndarray) -> pd.Series:
    """Index labels at ``positions`` (-1 means NA) as a nullable column."""
    labels = index.to_numpy()
    if pd.api.types.is_integer_dtype(index.dtype):
        return pd.Series([int(labels[i]) if i >= 0 else pd.NA for i in positions], dtype="Int64")
    return pd.Series([labels[i] if i >= 0 else pd.NA for i in positions], dtype=object)


def _pairs(pred: pd.DataFrame, gold: pd.DataFrame, part: str, mode: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Slim pred, slim gold, and one-to-one matches (by position) for ``part``."""
    p, g = _slim(pred, part), _slim(gold, part)
    return p, g, _match_positions(p, g, part, mode)


def match_spans(pred: pd.DataFrame, gold: pd.DataFrame, *, part: str, mode: str = "exact") -> pd.DataFrame:
    """Match predicted to gold spans one-to-one within each article.

    Args:
        pred: Predicted attributions with ``article_id``, ``<part>_start``
            and ``<part>_end``.
        gold: Gold attributions with the same columns.
        part: ``"source"``, ``"cue"``, ``"content"``, or ``"pair"`` (source
            and cue of one attribution together).
        mode: ``"exact"`` (same start and end) or ``"overlap"`` (at least one
            shared character, greedy by largest overlap).

    Returns:
        One row per match, per unmatched prediction and per unmatched gold
        span, with columns ``article_id``, ``pred_index`` and ``gold_index``
        (the input index labels; NA for a miss or a false positive) and
        ``overlap`` (characters shared, summed over source and cue for
        ``pair``; NA when unmatched). Rows with an NA span for ``part`` do
        not appear. Sorted by article, then gold start (misses and matches),
        false positives last within each article.

    Raises:
        ValueError: On an unknown ``part``/``mode`` or missing columns.

    Example:
        >>> g = pd.DataFrame({"article_id": ["a"], "cue_start": [5], "cue_end": [9]})
        >>> p = pd.DataFrame({"article_id": ["a", "a"], "cue_start": [5, 6], "cue_end": [9, 9]})
        >>> match_spans(p, g, part="cue", mode="overlap")
          article_id  pred_index  gold_index  overlap
        0          a           0           0        4
        1          a           1        <NA>     <NA>
    """
    _check_part(part, allow_pair=True)
    _check_mode(mode)
    cols = ["article_id", *_span_columns(part)]
    require_columns(pred, cols, table="pred")
    require_columns(gold, cols, table="gold")
    p, g, m = _pairs(pred, gold, part, mode)

    gold_of_pred = dict(zip(m["pred_pos"], m["gold_pos"]))
    ov_of_gold = dict(zip(m["gold_pos"], m["overlap"]))
    pred_of_gold = dict(zip(m["gold_pos"], m["pred_pos"]))
    first = _span_columns(part)[0]
    rows_g = pd.DataFrame({
        "article_id": g["article_id"],
        "pred_pos": [pred_of_gold.get(x, -1) for x in g["pos"]],
        "gold_pos": g["pos"],
        "overlap": [ov_of_gold.get(x, -1) for x in g["pos"]],
        "_order": g[first], "_fp": 0,
    })
    fp = p[~p["pos"].isin(gold_of_pred.keys())]
    rows_p = pd.DataFrame({
        "article_id": fp["article_id"], "pred_pos": fp["pos"], "gold_pos": -1, "overlap": -1,
        "_order": fp[first], "_fp": 1,
    })
    frames = [f for f in (rows_g, rows_p) if len(f)]
    if not frames:
        return pd.DataFrame({"article_id": pd.Series(dtype="string"), "pred_index": pd.Series(dtype="Int64"),
                             "gold_index": pd.Series(dtype="Int64"), "overlap": pd.Series(dtype="Int64")})
    rows = pd.concat(frames, ignore_index=True)
    rows = rows.sort_values(["article_id", "_fp", "_order", "gold_pos", "pred_pos"], kind="stable", ignore_index=True)
    ov = rows["overlap"].to_numpy()
    return pd.DataFrame({
        "article_id": rows["article_id"].astype("string"),
        "pred_index": _labels(pred.index, rows["pred_pos"].to_numpy()),
        "gold_index": _labels(gold.index, rows["gold_pos"].to_numpy()),
        "overlap": pd.array([int(v) if v >= 0 else pd.NA for v in ov], dtype="Int64"),
    })


def _group_values(df: pd.DataFrame, by: str, articles: pd.DataFrame | None, table: str) -> pd.Series:
    """The ``by`` value of each row of ``df`` (from its own column or via ``articles``)."""
    if by in df.columns:
        return df[by].reset_index(drop=True)
    if articles is not None and by in articles.columns:
        require_columns(articles, ["article_id"], table="articles")
        uniq = articles.drop_duplicates("article_id")
        lookup = pd.Series(uniq[by].to_numpy(), index=uniq["article_id"].astype("string").to_numpy())
        return df["article_id"].astype("string").map(lookup).reset_index(drop=True)
    raise ValueError(f"{table} has no column {by!r} and it cannot be found in articles (pass articles= with that column)")


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    precision = tp / n_pred if n_pred else np.nan
    recall = tp / n_gold if n_gold else np.nan
    f1 = 2 * tp / (n_pred + n_gold) if (n_pred + n_gold) else np.nan
    return precision, recall, f1


def score_spans(
    pred: pd.DataFrame,
    gold: pd.DataFrame,
    *,
    parts: Sequence[str] = ("source", "cue", "content", "pair"),
    modes: Sequence[str] = MATCH_MODES,
    by: str | None = None,
    articles: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Precision, recall and F1 of predicted spans, per part and mode.

    Predictions for an article that has no gold rows count as false positives;
    restrict ``pred`` to the gold articles first if that is not wanted.

    Args:
        pred: Predicted attributions (``article_id`` and the ``<part>_start``/
            ``<part>_end`` columns of the parts scored).
        gold: Gold attributions with the same columns.
        parts: Any of ``"source"``, ``"cue"``, ``"content"`` and ``"pair"``
            (a source+cue pair matches when both match those of one gold
            attribution, one-to-one).
        modes: Any of ``"exact"`` and ``"overlap"``.
        by: Optional column to break the scores down by (e.g. ``"outlet"``);
            taken from ``pred``/``gold`` if they have it, else from
            ``articles`` via ``article_id``. A match counts towards the gold
            row's group.
        articles: Articles table supplying ``by`` (needs ``article_id``).

    Returns:
        One row per (``by`` value,) part and mode with columns ``part``,
        ``mode``, ``precision``, ``recall``, ``f1``, ``tp``, ``n_pred`` and
        ``n_gold`` (preceded by ``by``). Precision (recall) is NaN when there
        are no predictions (gold spans); F1 is ``2 tp / (n_pred + n_gold)``.

    Raises:
        ValueError: On an unknown part or mode, missing columns, or a ``by``
            column that cannot be found.
    """
    parts, modes = tuple(parts), tuple(modes)
    for part in parts:
        _check_part(part, allow_pair=True)
    for mode in modes:
        _check_mode(mode)
    cols = ["article_id", *dict.fromkeys(c for part in parts for c in _span_columns(part))]
    require_columns(pred, cols, table="pred")
    require_columns(gold, cols, table="gold")
    if articles is not None:
        require_columns(articles, ["article_id"], table="articles")

    if by is not None:
        pred_groups = _group_values(pred, by, articles, "pred")
        gold_groups = _group_values(gold, by, articles, "gold")
        keys = pd.unique(pd.concat([gold_groups.dropna(), pred_groups.dropna()], ignore_index=True))
        try:
            keys = sorted(keys)
        except TypeError:
            keys = list(keys)

    records = []
    for part in parts:
        p, g = _slim(pred, part), _slim(gold, part)
        for mode in modes:
            m = _match_positions(p, g, part, mode)
            if by is None:
                records.append({"part": part, "mode": mode, "tp": len(m), "n_pred": len(p), "n_gold": len(g)})
                continue
            pg = pred_groups.to_numpy()[p["pos"].to_numpy()] if len(p) else np.array([], dtype=object)
            gg = gold_groups.to_numpy()[g["pos"].to_numpy()] if len(g) else np.array([], dtype=object)
            tg = gold_groups.to_numpy()[m["gold_pos"].to_numpy()] if len(m) else np.array([], dtype=object)
            n_pred = pd.Series(pg, dtype=object).value_counts(dropna=True)
            n_gold = pd.Series(gg, dtype=object).value_counts(dropna=True)
            tp = pd.Series(tg, dtype=object).value_counts(dropna=True)
            for key in keys:
                records.append({by: key, "part": part, "mode": mode, "tp": int(tp.get(key, 0)),
                                "n_pred": int(n_pred.get(key, 0)), "n_gold": int(n_gold.get(key, 0))})

    lead = [by] if by is not None else []
    out = pd.DataFrame.from_records(records, columns=[*lead, "part", "mode", "tp", "n_pred", "n_gold"])
    if by is not None and len(out):
        rank = {k: i for i, k in enumerate(keys)}
        out = out.iloc[np.argsort(out[by].map(rank).to_numpy(), kind="stable")].reset_index(drop=True)
    prf = [_prf(r.tp, r.n_pred, r.n_gold) for r in out.itertuples()]
    out["precision"] = pd.Series([x[0] for x in prf], index=out.index, dtype="float64")
    out["recall"] = pd.Series([x[1] for x in prf], index=out.index, dtype="float64")
    out["f1"] = pd.Series([x[2] for x in prf], index=out.index, dtype="float64")
    for c in ("tp", "n_pred", "n_gold"):
        out[c] = out[c].astype("int64")
    return out[[*lead, "part", "mode", "precision", "recall", "f1", "tp", "n_pred", "n_gold"]]


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text`` by a simple splitter.

    Sentences end at ``.``, ``!`` or ``?`` followed by whitespace, or at a
    newline.

    >>> t = "He said so. She did not!\\nNo."
    >>> [t[s:e] for s, e in sentence_bounds(t)]
    ['He said so.', 'She did not!', 'No.']
    """
    bounds, start = [], 0
    for m in _SENTENCE_BREAK.finditer(text):
        if m.start() > start:
            bounds.append((start, m.start()))
        start = m.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def _sentence_of(bounds: list[tuple[int, int]], starts: list[int], text: str, start: int, end: int) -> str:
    if not bounds:
        return ""
    i = max(bisect.bisect_right(starts, start) - 1, 0)
    j = max(bisect.bisect_right(starts, max(end - 1, start)) - 1, i)
    return text[bounds[i][0]: bounds[j][1]]


def error_table(
    pred: pd.DataFrame,
    gold: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    part: str = "source",
    mode: str = "overlap",
) -> pd.DataFrame:
    """Misses and false positives for one part, with their text and sentence.

    Args:
        pred: Predicted attributions (``article_id``, ``<part>_start``,
            ``<part>_end``).
        gold: Gold attributions with the same columns.
        articles: Articles with ``article_id`` and ``text``.
        part: ``"source"``, ``"cue"`` or ``"content"``.
        mode: ``"exact"`` or ``"overlap"``.

    Returns:
        Columns ``article_id``, ``kind`` (``"miss"`` for an unmatched gold
        span, ``"false_positive"`` for an unmatched prediction),
        ``span_text``, ``start``, ``end`` and ``sentence`` (the sentence(s) of
        the article covering the span, by :func:`sentence_bounds`), sorted by
        article and start. ``span_text``/``sentence`` are NA when the article
        is not in ``articles``.

    Example:
        >>> arts = pd.DataFrame({"article_id": ["a"], "text": ["Hi. Bob said no. Ann agreed."]})
        >>> g = pd.DataFrame({"article_id": ["a"], "source_start": [4], "source_end": [7]})
        >>> p = pd.DataFrame({"article_id": ["a"], "source_start": [17], "source_end": [20]})
        >>> error_table(p, g, arts)[["kind", "span_text", "sentence"]]
                     kind span_text      sentence
        0            miss       Bob  Bob said no.
        1  false_positive       Ann   Ann agreed.
    """
    _check_part(part)
    _check_mode(mode)
    cols = ["article_id", f"{part}_start", f"{part}_end"]
    require_columns(pred, cols, table="pred")
    require_columns(gold, cols, table="gold")
    require_columns(articles, ["article_id", "text"], table="articles")
    p, g, m = _pairs(pred, gold, part, mode)
    miss = g[~g["pos"].isin(m["gold_pos"])].assign(kind="miss")
    fp = p[~p["pos"].isin(m["pred_pos"])].assign(kind="false_positive")
    rows = pd.concat([miss, fp], ignore_index=True) if len(miss) or len(fp) else miss
    texts = dict(zip(articles["article_id"].astype("string"), articles["text"]))
    cache: dict[str, tuple[list[tuple[int, int]], list[int]]] = {}
    span_text, sentence = [], []
    for aid, s, e in zip(rows["article_id"], rows[f"{part}_start"], rows[f"{part}_end"]):
        text = texts.get(aid)
        if not isinstance(text, str):
            span_text.append(pd.NA)
            sentence.append(pd.NA)
            continue
        if aid not in cache:
            b = sentence_bounds(text)
            cache[aid] = (b, [x for x, _ in b])
        b, st = cache[aid]
        span_text.append(text[s:e])
        sentence.append(_sentence_of(b, st, text, int(s), int(e)))
    out = pd.DataFrame({
        "article_id": rows["article_id"].astype("string"),
        "kind": pd.Series(rows["kind"], dtype="string") if len(rows) else pd.Series(dtype="string"),
        "span_text": pd.Series(span_text, dtype="string"),
        "start": rows[f"{part}_start"].astype("Int64"),
        "end": rows[f"{part}_end"].astype("Int64"),
        "sentence": pd.Series(sentence, dtype="string"),
    })
    return out.sort_values(["article_id", "start", "end", "kind"], kind="stable", ignore_index=True)
