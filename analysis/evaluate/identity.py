"""Who is cited: scoring source names against labelled mentions.

The labels (``data/labels/source-identity.jsonl``, see ``data/labels/README.md``)
are articles we wrote, each with its source mentions and the entity each one
refers to (its canonical name, or ``null`` for a source that has none: "a
senior Hamas official"). :func:`score_identity` says, per mention, whether it
was found as a source and named as its entity, and scores the clusters the
names make with B-cubed precision and recall (Bagga and Baldwin 1998).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from analysis.config import IDENTITY_LABELS_PATH
from analysis.schema import require_columns


def read_identity_labels(path: Path | str = IDENTITY_LABELS_PATH) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The labelled articles and their mentions (with character spans), as two tables.

    Raises:
        ValueError: on a line that is no JSON object, or a mention that does
            not occur in its text as often as its ``occurrence`` says (naming
            the line and the mention).

    >>> articles, mentions = read_identity_labels()
    >>> list(mentions.columns)
    ['article_id', 'mention', 'start', 'end', 'entity']
    """
    path = Path(path)
    articles, mentions = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as err:
            raise ValueError(f"{path.name} line {number}: not JSON ({err})") from err
        if not isinstance(item, dict) or not {"id", "text", "mentions"} <= item.keys():
            raise ValueError(f"{path.name} line {number}: needs 'id', 'text' and 'mentions'")
        text = item["text"]
        articles.append({"article_id": item["id"], "outlet": item.get("outlet"), "published": item.get("published"),
                         "style": item.get("style"), "text": text})
        for mention in item["mentions"]:
            spans = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(mention['text'])}(?!\w)", text)]
            occurrence = int(mention.get("occurrence", 1))
            if len(spans) < occurrence:
                raise ValueError(f"{path.name} line {number}: mention {mention['text']!r} occurs {len(spans)} times, "
                                 f"not {occurrence}")
            start, end = spans[occurrence - 1]
            mentions.append({"article_id": item["id"], "mention": mention["text"], "start": start, "end": end,
                             "entity": mention.get("entity")})
    return pd.DataFrame(articles), pd.DataFrame(mentions, columns=["article_id", "mention", "start", "end", "entity"])


def match_mentions(mentions: pd.DataFrame, attributions: pd.DataFrame) -> pd.DataFrame:
    """Each labelled mention with the predicted source that overlaps it most (or none).

    Adds ``found``, ``source_text``, ``source_name``, ``source_id``, ``name_method``
    and ``right`` (found and named as its entity; an entity of ``None`` wants no name).
    """
    require_columns(mentions, ["article_id", "start", "end", "entity"], table="mentions")
    require_columns(attributions, ["article_id", "source_start", "source_end", "source_text", "source_name", "source_id"],
                    table="attributions")
    by_article: dict[str, list] = {}
    for row in attributions.itertuples(index=False):
        if pd.notna(row.source_start):
            by_article.setdefault(str(row.article_id), []).append(row)
    rows = []
    for m in mentions.itertuples(index=False):
        best, overlap = None, 0
        for row in by_article.get(str(m.article_id), []):
            shared = min(m.end, int(row.source_end)) - max(m.start, int(row.source_start))
            if shared > overlap:
                best, overlap = row, shared
        name = None if best is None or pd.isna(best.source_name) else str(best.source_name)
        rows.append({"found": best is not None, "source_text": None if best is None else best.source_text,
                     "source_name": name,
                     "source_id": None if best is None or pd.isna(best.source_id) else str(best.source_id),
                     "name_method": None if best is None or pd.isna(getattr(best, "name_method", None))
                     else str(best.name_method),
                     "right": best is not None and name == (m.entity if isinstance(m.entity, str) else None)})
    return pd.concat([mentions.reset_index(drop=True), pd.DataFrame(rows)], axis=1)


def b_cubed(gold: list[object], predicted: list[object]) -> tuple[float, float]:
    """B-cubed precision and recall of a clustering; ``None`` marks an item alone in its cluster.

    >>> tuple(round(v, 4) for v in b_cubed(["a", "a", "b"], ["x", "x", "x"]))
    (0.5556, 1.0)
    """
    gold = [g if g is not None else ("alone", i) for i, g in enumerate(gold)]
    predicted = [p if p is not None else ("alone", i) for i, p in enumerate(predicted)]
    pairs = pd.DataFrame({"g": [str(g) for g in gold], "p": [str(p) for p in predicted]})
    both = pairs.groupby(["g", "p"])["g"].transform("size")
    per_gold = pairs.groupby("g")["g"].transform("size")
    per_pred = pairs.groupby("p")["p"].transform("size")
    return float((both / per_pred).mean()), float((both / per_gold).mean())


def score_identity(mentions: pd.DataFrame, attributions: pd.DataFrame) -> dict:
    """Mention accuracy and B-cubed precision, recall and F1 of the predicted source clusters.

    Clusters are the corpus's: mentions with the same ``source_id`` are one
    predicted source, mentions with the same entity one gold source.

    >>> mentions = pd.DataFrame({"article_id": ["a", "a"], "start": [0, 20], "end": [5, 22], "entity": ["Varga", "Varga"]})
    >>> att = pd.DataFrame({"article_id": ["a", "a"], "source_start": [0, 20], "source_end": [5, 22],
    ...     "source_text": ["Varga", "He"], "source_name": ["Varga", "Varga"], "source_id": ["person:varga"] * 2})
    >>> score_identity(mentions, att)["mention_accuracy"]
    1.0
    """
    matched = match_mentions(mentions, attributions)
    precision, recall = b_cubed(matched["entity"].where(matched["entity"].notna(), None).tolist(),
                                matched["source_id"].where(matched["source_id"].notna(), None).tolist())
    return {
        "n_mentions": int(len(matched)),
        "found": round(float(matched["found"].mean()), 4),
        "mention_accuracy": round(float(matched["right"].mean()), 4),
        "b_cubed_precision": round(precision, 4),
        "b_cubed_recall": round(recall, 4),
        "b_cubed_f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        "matched": matched,
    }
