"""Quotes and their speakers, scored the way GenderGapTracker scores its extractor.

GenderGapTracker (SFU Discourse Processing Lab) annotates every quotation of a
news article, direct ("...," she said) or reported (she said that ...), with
the words of its speaker and the person or body they refer to. A gold quote
is *found* when a predicted content span covers at least a share of its
characters (30%, also reported at 80%); gold and predicted quotes are matched
one to one within each article, largest coverage first. Over the found quotes,
the *speaker* is right when the predicted source text or canonical name equals
the gold speaker words or the name they refer to, case and punctuation aside,
a bare surname matching the full name ("Lonechild" = "Darian Lonechild") and a
mention holding a whole name of two words or more counting as that name
("Premier Doug Ford" = "Doug Ford", "Kent Moore at the University of Toronto"
= "Kent Moore").
The *joint* scores count a quote only when its speaker is right too.

:func:`read_ggt` reads the annotated articles (``articles.jsonl``, see the
README beside it); :func:`match_quotes` gives each gold quote its match;
:func:`score_quotes` gives precision, recall, F1, speaker accuracy and joint
F1, overall or by a column such as ``outlet`` or ``quote_kind``.

>>> gold = pd.DataFrame({"article_id": ["a"], "quote_start": [10], "quote_end": [30],
...                      "speaker": ["Lopez"], "reference": ["Maria Lopez"]})
>>> pred = pd.DataFrame({"article_id": ["a"], "content_start": [12], "content_end": [31],
...                      "source_text": ["fire chief Maria Lopez"], "source_name": ["Maria Lopez"]})
>>> score_quotes(pred, gold)[["coverage", "tp", "speaker_right", "f1", "joint_f1"]]
   coverage  tp  speaker_right   f1  joint_f1
0       0.3   1              1  1.0       1.0
1       0.8   1              1  1.0       1.0
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.config import GGT_DIR
from analysis.schema import ARTICLES, conform, require_columns

__all__ = ["COVERAGES", "GOLD_QUOTES", "match_quotes", "read_ggt", "score_quotes", "speaker_matches"]

#: Shares of a gold quote's characters a prediction must cover to find it.
COVERAGES = (0.3, 0.8)
#: Gold quotes: one row per annotated quotation.
GOLD_QUOTES: dict[str, str] = {
    "article_id": "string",
    "quote_id": "string",
    "quote_start": "Int64",
    "quote_end": "Int64",
    "quote_kind": "string",
    "speaker": "string",
    "reference": "string",
    "verb": "string",
}
_QUOTE_MARKS = "\"'“”‘’«»„"
_PRED_COLUMNS = ("article_id", "content_start", "content_end")
_GOLD_COLUMNS = ("article_id", "quote_start", "quote_end")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _kind(quote: str) -> str:
    """``direct`` when the annotated words open or close with a quotation mark, else ``indirect``."""
    q = quote.strip()
    return "direct" if q[:1] in _QUOTE_MARKS or q[-1:] in _QUOTE_MARKS else "indirect"


def read_ggt(folder: Path | str = GGT_DIR) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read GenderGapTracker's annotated articles: an articles table and a gold quotes table.

    Args:
        folder: The folder holding ``articles.jsonl`` (one article a line with
            ``article_id``, ``outlet``, ``url``, ``text`` and ``quotes``).

    Returns:
        ``(articles, gold)``: the :data:`~analysis.schema.ARTICLES` table (with
        ``language`` ``"en"``) and the :data:`GOLD_QUOTES` table. ``quote_kind``
        is ``direct`` for a quote that opens or closes with a quotation mark,
        else ``indirect``. Quotes without an offset (their words do not occur
        verbatim in the text) are left out.

    Raises:
        FileNotFoundError: If ``articles.jsonl`` is not in ``folder``.
        ValueError: On a line that is not a JSON object with the fields above,
            or a quote whose offset does not point at its words, naming the line.
    """
    path = Path(folder) / "articles.jsonl"
    if not path.is_file():
        raise FileNotFoundError(f"GenderGapTracker articles not found: {path} does not exist")
    arts, quotes = [], []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                raise ValueError(f"{path.name} line {lineno}: not JSON ({err.msg})") from None
            missing = [k for k in ("article_id", "text", "quotes") if not isinstance(row, dict) or k not in row]
            if missing:
                raise ValueError(f"{path.name} line {lineno}: missing field(s) {missing}")
            aid, text = str(row["article_id"]), row["text"]
            arts.append({"article_id": aid, "outlet": row.get("outlet"), "url": row.get("url"),
                         "title": None, "text": text, "language": "en", "status": "ok",
                         "input_ref": f"{path.name} line {lineno}"})
            for i, q in enumerate(row["quotes"]):
                start, words = q.get("quote_start"), q.get("quote") or ""
                if start is None or not words:
                    continue
                if text[start:start + len(words)] != words:
                    raise ValueError(f"{path.name} line {lineno}: quote {i} is not at its quote_start {start}")
                quotes.append({"article_id": aid, "quote_id": f"{aid}:{i}", "quote_start": start,
                               "quote_end": start + len(words), "quote_kind": _kind(words),
                               "speaker": q.get("speaker") or None, "reference": q.get("reference") or None,
                               "verb": q.get("verb") or None})
    articles = conform(pd.DataFrame.from_records(arts), ARTICLES, table="ggt articles")
    gold = conform(pd.DataFrame.from_records(quotes, columns=list(GOLD_QUOTES)), GOLD_QUOTES, table="ggt quotes")
    return articles, gold


def _words(text: object) -> list[str]:
    if not isinstance(text, str):
        return []
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def _strip_the(words: list[str]) -> list[str]:
    return words[1:] if len(words) > 1 and words[0] == "the" else words


def speaker_matches(predicted: Sequence[object], gold: Sequence[object]) -> bool:
    """Whether any predicted speaker string names any gold one.

    Words are compared case-insensitively without punctuation and a leading
    "the". A name matches itself, a bare surname matches a longer name ending
    in it (either way round), and a longer prediction holding the whole gold
    name of two words or more matches it (a title or role before the name,
    an affiliation after it: "Terry Chapman with the union").

    >>> speaker_matches(["Lonechild"], ["Darian Lonechild"])
    True
    >>> speaker_matches(["Secretary of State Antony Blinken"], ["Antony Blinken"])
    True
    >>> speaker_matches(["Canadian Press"], ["Darian Lonechild"])
    False
    """
    golds = [w for w in (_strip_the(_words(g)) for g in gold) if w]
    for p in predicted:
        pw = _strip_the(_words(p))
        if not pw:
            continue
        for gw in golds:
            if pw == gw:
                return True
            if len(pw) == 1 and len(gw) > 1 and gw[-1] == pw[0]:
                return True
            if len(gw) == 1 and pw[-1] == gw[0]:
                return True
            if len(pw) > len(gw) > 1 and any(pw[i:i + len(gw)] == gw for i in range(len(pw) - len(gw) + 1)):
                return True
    return False


def _prediction_table(pred: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct predicted content span, with every speaker string predicted for it.

    A relayed quote comes out as several rows sharing a content span (the
    origin, and the medium it came through); it is one quote with several
    candidate names, and counts once.
    """
    p = pred.loc[pred["content_start"].notna() & pred["content_end"].notna()].copy()
    p["content_start"] = p["content_start"].astype("int64")
    p["content_end"] = p["content_end"].astype("int64")
    p = p.loc[p["content_end"] > p["content_start"]]
    names = [c for c in ("source_text", "source_name") if c in p.columns]
    p["_names"] = [[x for x in vals if isinstance(x, str) and x] for vals in zip(*(p[c] for c in names))] \
        if names and len(p) else [[] for _ in range(len(p))]
    kind = p["quote_kind"] if "quote_kind" in p.columns else pd.Series(pd.NA, index=p.index, dtype="string")
    p["_kind"] = kind.astype("string")
    agg = (p.groupby(["article_id", "content_start", "content_end"], sort=True)
           .agg(names=("_names", lambda s: [n for ns in s for n in ns]), quote_kind=("_kind", "first"))
           .reset_index())
    return agg


def match_quotes(pred: pd.DataFrame, gold: pd.DataFrame, *, coverage: float = 0.3) -> pd.DataFrame:
    """Match gold quotes to predicted content spans, one to one within each article.

    Args:
        pred: Predicted attributions (``article_id``, ``content_start``,
            ``content_end``; ``source_text``/``source_name`` for the speaker,
            ``quote_kind`` optional). Rows sharing a content span are one
            quote; rows without content are no quote.
        gold: Gold quotes (``article_id``, ``quote_start``, ``quote_end``;
            ``speaker``/``reference`` for the speaker).
        coverage: Share of a gold quote's characters a prediction must cover.

    Returns:
        The gold table (same index) plus ``pred_start``, ``pred_end`` (the
        matched prediction, NA when none), ``covered`` (its share of the gold
        quote), ``found`` and ``speaker_right`` (booleans; a missed quote's
        speaker is not right) and ``pred_speakers`` (the matched prediction's
        speaker strings, joined by " | ").

    Raises:
        ValueError: On missing columns or a coverage outside (0, 1].

    >>> gold = pd.DataFrame({"article_id": ["a", "a"], "quote_start": [0, 50], "quote_end": [40, 60]})
    >>> pred = pd.DataFrame({"article_id": ["a"], "content_start": [5], "content_end": [45]})
    >>> match_quotes(pred, gold)["found"].tolist()
    [True, False]
    """
    if not 0 < coverage <= 1:
        raise ValueError(f"coverage must be in (0, 1], got {coverage!r}")
    require_columns(pred, _PRED_COLUMNS, table="pred")
    require_columns(gold, _GOLD_COLUMNS, table="gold")
    preds = _prediction_table(pred)
    out = gold.copy()
    n = len(out)
    p_start = np.full(n, -1, dtype="int64")
    p_end = np.full(n, -1, dtype="int64")
    covered = np.zeros(n, dtype="float64")
    right = np.zeros(n, dtype=bool)
    speakers: list[object] = [pd.NA] * n
    gstart = out["quote_start"].astype("int64").to_numpy()
    gend = out["quote_end"].astype("int64").to_numpy()
    gold_names = [[x for x in vals if isinstance(x, str) and x] for vals in
                  zip(*(out[c] if c in out.columns else [None] * n for c in ("speaker", "reference")))]
    by_article = {a: g for a, g in preds.groupby("article_id", sort=False)}
    gaid = out["article_id"].astype(str).to_numpy()
    for aid in pd.unique(gaid):
        gi = np.flatnonzero(gaid == aid)
        pa = by_article.get(aid)
        if pa is None:
            continue
        ps, pe = pa["content_start"].to_numpy(), pa["content_end"].to_numpy()
        inter = np.minimum(gend[gi][:, None], pe[None, :]) - np.maximum(gstart[gi][:, None], ps[None, :])
        share = np.clip(inter, 0, None) / np.maximum(gend[gi] - gstart[gi], 1)[:, None]
        # Largest coverage first; ties go to the earlier gold quote, then the earlier prediction.
        cand = [(-share[a, b], a, b) for a, b in zip(*np.nonzero(share >= coverage - 1e-12))]
        used_g, used_p = set(), set()
        for neg, a, b in sorted(cand):
            if a in used_g or b in used_p:
                continue
            used_g.add(a)
            used_p.add(b)
            row = gi[a]
            p_start[row], p_end[row], covered[row] = ps[b], pe[b], -neg
            names = pa["names"].iloc[b]
            speakers[row] = " | ".join(names) if names else pd.NA
            right[row] = speaker_matches(names, gold_names[row])
    found = p_start >= 0
    out["pred_start"] = pd.array(np.where(found, p_start, 0), dtype="Int64")
    out.loc[~found, "pred_start"] = pd.NA
    out["pred_end"] = pd.array(np.where(found, p_end, 0), dtype="Int64")
    out.loc[~found, "pred_end"] = pd.NA
    out["covered"] = covered
    out["found"] = found
    out["speaker_right"] = right & found
    out["pred_speakers"] = pd.array(speakers, dtype="string")
    return out


def _pred_groups(preds: pd.DataFrame, by: str, articles: pd.DataFrame | None) -> pd.Series:
    if by == "quote_kind":
        kind = preds["quote_kind"].astype("string")
        return kind.map(lambda k: "direct" if k in ("direct", "mixed") else "indirect").astype(object)
    if by in preds.columns:
        return preds[by].astype(object)
    if articles is None or by not in articles.columns:
        raise ValueError(f"cannot break scores down by {by!r}: not a column of pred, gold or articles")
    return preds["article_id"].map(articles.drop_duplicates("article_id").set_index("article_id")[by]).astype(object)


def _gold_groups(gold: pd.DataFrame, by: str, articles: pd.DataFrame | None) -> pd.Series:
    if by in gold.columns:
        return gold[by].astype(object)
    if articles is None or by not in articles.columns:
        raise ValueError(f"cannot break scores down by {by!r}: not a column of pred, gold or articles")
    return gold["article_id"].map(articles.drop_duplicates("article_id").set_index("article_id")[by]).astype(object)


def score_quotes(pred: pd.DataFrame, gold: pd.DataFrame, *, coverages: Sequence[float] = COVERAGES,
                 by: str | None = None, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Quote precision, recall and F1, speaker accuracy and joint F1 at each coverage.

    Predictions of articles without gold rows count as false positives;
    restrict ``pred`` to the gold articles first if that is not wanted.

    Args:
        pred: Predicted attributions (see :func:`match_quotes`).
        gold: Gold quotes (see :func:`match_quotes`).
        coverages: Shares of a gold quote's characters that find it.
        by: Optional breakdown: a column of ``gold`` (``quote_kind``: a
            prediction counts as ``direct`` when its ``quote_kind`` is
            ``direct`` or ``mixed``), or of ``articles`` (``outlet``). A
            match counts towards the gold quote's group.
        articles: Articles table supplying ``by`` via ``article_id``.

    Returns:
        One row per (``by`` value,) coverage: ``coverage``, ``n_gold``,
        ``n_pred`` (distinct predicted content spans), ``tp`` (found quotes),
        ``precision``, ``recall``, ``f1``, ``speaker_right``,
        ``speaker_accuracy`` (``speaker_right / tp``), ``joint_precision``,
        ``joint_recall`` and ``joint_f1`` (a quote counts when its speaker is
        right). Ratios with a zero denominator are NaN.

    Raises:
        ValueError: On missing columns, a bad coverage, or a ``by`` column
            that cannot be found.
    """
    require_columns(pred, _PRED_COLUMNS, table="pred")
    require_columns(gold, _GOLD_COLUMNS, table="gold")
    preds = _prediction_table(pred)
    if by is not None:
        pg = _pred_groups(preds, by, articles) if len(preds) else pd.Series([], dtype=object)
        gg = _gold_groups(gold, by, articles)
        keys = sorted(pd.unique(pd.concat([gg.dropna(), pg.dropna()], ignore_index=True)), key=str)
    records = []
    for cov in coverages:
        m = match_quotes(pred, gold, coverage=cov)
        groups = [(None, np.ones(len(m), dtype=bool), len(preds))] if by is None else [
            (k, (gg == k).to_numpy(), int((pg == k).sum())) for k in keys]
        for key, mask, n_pred in groups:
            n_gold, tp = int(mask.sum()), int(m["found"].to_numpy()[mask].sum())
            sp = int(m["speaker_right"].to_numpy()[mask].sum())
            rec = {} if by is None else {by: key}
            rec.update(coverage=float(cov), n_gold=n_gold, n_pred=n_pred, tp=tp, speaker_right=sp)
            records.append(rec)
    out = pd.DataFrame.from_records(records)

    def ratio(a: pd.Series, b: pd.Series) -> pd.Series:
        return (a / b.where(b > 0)).astype("float64")

    out["precision"] = ratio(out["tp"], out["n_pred"])
    out["recall"] = ratio(out["tp"], out["n_gold"])
    out["f1"] = ratio(2 * out["tp"], out["n_pred"] + out["n_gold"])
    out["speaker_accuracy"] = ratio(out["speaker_right"], out["tp"])
    out["joint_precision"] = ratio(out["speaker_right"], out["n_pred"])
    out["joint_recall"] = ratio(out["speaker_right"], out["n_gold"])
    out["joint_f1"] = ratio(2 * out["speaker_right"], out["n_pred"] + out["n_gold"])
    lead = [] if by is None else [by]
    return out[[*lead, "coverage", "n_gold", "n_pred", "tp", "precision", "recall", "f1", "speaker_right",
                "speaker_accuracy", "joint_precision", "joint_recall", "joint_f1"]]
