"""Score whole attributions per language: spans, then the labels of the sources found.

:func:`score_spans` says whether the spans were found. A researcher also needs
to know whether a found source was typed, named and traced through its relay
correctly. :func:`match_sources` pairs predicted with gold sources (by overlap,
one to one within an article, as :func:`~analysis.evaluate.spans.match_spans`
does) and compares their ``source_type``, ``source_name`` (the canonical name)
and ``via``; :func:`score_attributions` puts span F1 and those label
accuracies side by side, one row per language (or any other column).

>>> gold = pd.DataFrame({"article_id": ["a"], "language": ["uk"],
...     "source_start": [0], "source_end": [3], "cue_start": [4], "cue_end": [9],
...     "content_start": [10], "content_end": [20],
...     "source_type": ["news_agency"], "source_name": ["AFP"], "via": [None]})
>>> pred = gold.assign(source_start=1, source_name="АФП")
>>> row = score_attributions(pred, gold).iloc[0]
>>> float(row.source_f1), float(row.type_accuracy), float(row.name_accuracy)
(1.0, 1.0, 0.0)
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from analysis.evaluate.spans import MATCH_MODES, _group_values, match_spans, score_spans
from analysis.schema import require_columns

__all__ = ["LABELS", "match_sources", "same_label", "score_attributions"]

#: The labels compared on found sources: source type, canonical name, relay medium.
LABELS = ("source_type", "source_name", "via")
_LABEL_METRIC = {"source_type": "type_accuracy", "source_name": "name_accuracy", "via": "via_accuracy"}
_SPAN_PARTS = ("source", "cue", "content")
# Quotation marks and apostrophes, which vary by outlet and keyboard, not by name.
_QUOTES = str.maketrans({c: None for c in "\"«»„“”‚‘›‹"} | {c: "'" for c in "’ʼ`´"})
_SPACE = re.compile(r"\s+")


def _normal(value) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    text = unicodedata.normalize("NFKC", str(value)).translate(_QUOTES)
    text = _SPACE.sub(" ", text).strip(" .,;:").casefold()
    # Russian ё is often written е.
    return text.replace("ё", "е") or None


def same_label(a, b) -> bool:
    """Whether two labels name the same thing: equal up to case, spacing, quotation marks, ё/е.

    Two missing labels agree (an anonymous source has no canonical name, a
    direct citation no ``via``).

    >>> same_label("Франс Пресс", "франс  пресс"), same_label("«Укрінформ»", "Укрінформ"), same_label(None, pd.NA)
    (True, True, True)
    >>> same_label("AFP", None)
    False
    """
    return _normal(a) == _normal(b)


def match_sources(pred: pd.DataFrame, gold: pd.DataFrame, *, mode: str = "overlap") -> pd.DataFrame:
    """Found sources: predicted and gold sources matched one to one, with their labels side by side.

    Args:
        pred: Predicted attributions (``article_id``, ``source_start``,
            ``source_end``; ``source_type``, ``source_name`` and ``via`` where
            the pipeline filled them).
        gold: Gold attributions with the same columns.
        mode: ``"overlap"`` (default) or ``"exact"``.

    Returns:
        One row per matched source: ``article_id``, ``pred_index``,
        ``gold_index``, then for each label in :data:`LABELS` ``gold_<label>``,
        ``pred_<label>`` and ``<label>_right`` (boolean; NA where the gold row
        has no value for a label it was not annotated with, i.e. the gold
        table lacks that column, or for ``source_type`` a missing gold type;
        a missing prediction column counts as wrong).

    Example:
        >>> g = pd.DataFrame({"article_id": ["a"], "source_start": [0], "source_end": [5],
        ...                   "source_type": ["named_person"], "source_name": ["Зеленський"], "via": [None]})
        >>> p = g.assign(source_name="Зеленського")
        >>> match_sources(p, g)[["gold_source_name", "pred_source_name", "source_name_right"]]
          gold_source_name pred_source_name  source_name_right
        0       Зеленський      Зеленського              False
    """
    if mode not in MATCH_MODES:
        raise ValueError(f"mode must be one of {MATCH_MODES}, got {mode!r}")
    m = match_spans(pred, gold, part="source", mode=mode)
    m = m[m["pred_index"].notna() & m["gold_index"].notna()].reset_index(drop=True)
    out = m[["article_id", "pred_index", "gold_index"]].copy()
    p_rows = pred.loc[m["pred_index"].tolist()] if len(m) else pred.iloc[:0]
    g_rows = gold.loc[m["gold_index"].tolist()] if len(m) else gold.iloc[:0]
    for label in LABELS:
        g_vals = g_rows[label].tolist() if label in gold.columns else [pd.NA] * len(m)
        p_vals = p_rows[label].tolist() if label in pred.columns else [pd.NA] * len(m)
        out[f"gold_{label}"] = pd.Series(g_vals, dtype="string")
        out[f"pred_{label}"] = pd.Series(p_vals, dtype="string")
        if label not in gold.columns:
            right = [pd.NA] * len(m)
        elif label not in pred.columns:
            right = [False] * len(m)
        else:
            right = [pd.NA if label == "source_type" and _normal(g) is None else same_label(p, g)
                     for p, g in zip(p_vals, g_vals)]
        out[f"{label}_right"] = pd.Series(right, dtype="boolean")
    return out


def score_attributions(
    pred: pd.DataFrame,
    gold: pd.DataFrame,
    *,
    by: str | None = "language",
    articles: pd.DataFrame | None = None,
    mode: str = "overlap",
) -> pd.DataFrame:
    """Source, cue and content F1 and the label accuracy of found sources, per group.

    Spans are matched one to one within each article (``mode="overlap"``: one
    shared character suffices). Over the sources found (matched), the scorer
    counts the share whose ``source_type`` agrees with the gold type (over
    found sources that have a gold type), whose canonical ``source_name`` and
    whose ``via`` agree with the gold ones (:func:`same_label`; two missing
    values agree). A gold set that carries no source types at all (German
    Wikinews) gives NA label accuracies rather than zeros.

    Args:
        pred: Predicted attributions, restricted to the gold articles.
        gold: Gold attributions (:func:`analysis.io.read_gold`).
        by: Column to group by (``"language"`` by default; taken from
            ``pred``/``gold`` or, through ``article_id``, from ``articles``);
            ``None`` for one row over everything.
        articles: Articles table supplying ``by``.
        mode: ``"overlap"`` or ``"exact"``.

    Returns:
        One row per group with ``by``, ``n_articles`` (gold articles),
        ``n_gold``, ``n_pred`` (attributions), ``<part>_precision``,
        ``<part>_recall``, ``<part>_f1`` for source, cue and content,
        ``n_found`` (matched sources), ``type_accuracy``, ``name_accuracy``
        and ``via_accuracy`` (floats; NaN where there is nothing to count).

    Raises:
        ValueError: On missing span columns, an unknown ``mode`` or a ``by``
            column that cannot be found.
    """
    if mode not in MATCH_MODES:
        raise ValueError(f"mode must be one of {MATCH_MODES}, got {mode!r}")
    cols = ["article_id", *(f"{p}_{s}" for p in _SPAN_PARTS for s in ("start", "end"))]
    require_columns(pred, cols, table="pred")
    require_columns(gold, cols, table="gold")
    pred = pred.reset_index(drop=True)
    gold = gold.reset_index(drop=True)
    key = by if by is not None else "_all"
    if by is None:
        pred, gold = pred.assign(_all="all"), gold.assign(_all="all")
    else:
        pred = pred.assign(**{by: _group_values(pred, by, articles, "pred").to_numpy()})
        gold = gold.assign(**{by: _group_values(gold, by, articles, "gold").to_numpy()})

    spans = score_spans(pred, gold, parts=_SPAN_PARTS, modes=(mode,), by=key)
    found = match_sources(pred, gold, mode=mode)
    found[key] = gold[key].to_numpy()[found["gold_index"].to_numpy(dtype="int64")] if len(found) else []
    groups = spans[key].drop_duplicates().tolist()
    records = []
    for group in groups:
        g = gold[gold[key] == group]
        rec = {key: group, "n_articles": int(g["article_id"].nunique()), "n_gold": int(len(g)),
               "n_pred": int((pred[key] == group).sum())}
        for part in _SPAN_PARTS:
            s = spans[(spans[key] == group) & (spans["part"] == part)].iloc[0]
            rec.update({f"{part}_precision": s.precision, f"{part}_recall": s.recall, f"{part}_f1": s.f1})
        f = found[found[key] == group]
        rec["n_found"] = int(len(f))
        typed = "source_type" in g.columns and g["source_type"].notna().any()
        for label in LABELS:
            right = f[f"{label}_right"].dropna()
            rec[_LABEL_METRIC[label]] = float(right.mean()) if typed and len(right) else np.nan
        records.append(rec)
    columns = [key, "n_articles", "n_gold", "n_pred",
               *(f"{p}_{m}" for p in _SPAN_PARTS for m in ("precision", "recall", "f1")),
               "n_found", *_LABEL_METRIC.values()]
    out = pd.DataFrame.from_records(records, columns=columns)
    if by is None:
        out = out.drop(columns=[key])
    return out.reset_index(drop=True)
