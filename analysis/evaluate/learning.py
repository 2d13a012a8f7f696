"""How the learned extractor's accuracy grows with its training data.

:func:`learning_curve` refits the attribution model on growing shares of the
training articles and scores each fit on a fixed test set. The shape of the
curve answers a planning question: would more annotated articles help, and
by how much? If F1 still climbs by a steady step with each doubling of the
training data, the model is short of data; if it has levelled off, more
annotation will not buy much and the model itself has to change.

Shares are drawn by article (never by attribution, so one article's
annotation never lands on both sides), from a seeded shuffle of the sorted
article ids; within one repeat the smaller shares are subsets of the larger
ones, so the curve compares like with like.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.evaluate.spans import MATCH_MODES, score_spans
from analysis.schema import require_columns

__all__ = ["learning_curve"]

_GOLD_COLUMNS = ["article_id", "cue_start", "cue_end", "source_start", "source_end"]


def _check_fractions(fractions: Sequence[float]) -> tuple[float, ...]:
    out = tuple(float(f) for f in fractions)
    if not out:
        raise ValueError("fractions must name at least one share of the training articles")
    bad = [f for f in out if not 0.0 < f <= 1.0 or math.isnan(f)]
    if bad:
        raise ValueError(f"fractions must lie in (0, 1]; got {bad}")
    return tuple(sorted(set(out)))


def learning_curve(
    train_articles: pd.DataFrame,
    train_gold: pd.DataFrame,
    test_articles: pd.DataFrame,
    test_gold: pd.DataFrame,
    *,
    fractions: Sequence[float] = (0.25, 0.5, 1.0),
    repeats: int = 1,
    convention: str = "polnear",
    parts: Sequence[str] = ("source", "cue", "content", "pair"),
    modes: Sequence[str] = MATCH_MODES,
    model_params: Mapping[str, object] | None = None,
    random_state: int = 0,
) -> pd.DataFrame:
    """Scores of the attribution model fitted on growing shares of the training articles.

    For each repeat, the training articles are shuffled with a seed derived
    from ``random_state``; each fraction takes the first ``ceil(fraction *
    n)`` of them (so smaller shares are subsets of larger ones), fits an
    :class:`~analysis.models.attribution.AttributionModel` on them and their
    gold rows, extracts attributions from ``test_articles`` with it and
    scores them against ``test_gold`` (:func:`~analysis.evaluate.score_spans`).
    The whole training set is the same in every repeat, so fraction 1.0 is
    fitted once.

    Args:
        train_articles: articles to fit on (``article_id``, ``text``).
        train_gold: their gold attributions (``article_id`` and the
            ``cue_*``/``source_*`` spans; ``content_*`` trains the clause-end model).
        test_articles: articles to score on (``article_id``, ``text``).
        test_gold: their gold attributions, with the columns of ``parts``.
        fractions: shares of the training articles, each in (0, 1].
        repeats: how many shuffles to draw (more repeats show the spread
            that the choice of articles alone causes).
        convention: span convention of the extractor (``"polnear"`` matches
            PolNeAR's annotation; see :func:`~analysis.extract.extract_attributions`).
        parts: parts to score, as in :func:`~analysis.evaluate.score_spans`.
        modes: matching modes, as in :func:`~analysis.evaluate.score_spans`.
        model_params: parameters of the model other than ``random_state``
            (default: those of the shipped model).
        random_state: seed of the shuffles and of the model's solvers.

    Returns:
        One row per fraction, repeat, part and mode: ``fraction``,
        ``repeat``, ``n_train_articles``, ``n_train_attributions``, then the
        columns of :func:`~analysis.evaluate.score_spans` (``part``, ``mode``,
        ``precision``, ``recall``, ``f1``, ``tp``, ``n_pred``, ``n_gold``).

    Raises:
        ValueError: On missing columns, an empty training set, a fraction
            outside (0, 1], ``repeats`` below 1, or ``model_params`` naming a
            parameter the model does not take.

    Example:
        The bundled synthetic sample, fitted on half of it and on all of it
        (PolNeAR train and dev are the real use: ``benchmarks/learning_curve.py``):

        >>> from analysis import config
        >>> from analysis.io import read_articles
        >>> arts = read_articles(config.SAMPLE_DIR / "synthetic.jsonl")
        >>> gold = pd.read_csv(config.SYNTHETIC_GOLD, dtype={"article_id": str})
        >>> curve = learning_curve(arts, gold, arts, gold, fractions=(0.5, 1.0), parts=("cue",), modes=("exact",))
        >>> curve["n_train_articles"].tolist(), curve["n_gold"].tolist()
        ([20, 40], [137, 137])
    """
    from analysis.extract import extract_attributions
    from analysis.models.attribution import AttributionModel

    require_columns(train_articles, ["article_id", "text"], table="train_articles")
    require_columns(train_gold, _GOLD_COLUMNS, table="train_gold")
    require_columns(test_articles, ["article_id", "text"], table="test_articles")
    require_columns(test_gold, ["article_id"], table="test_gold")
    fractions = _check_fractions(fractions)
    params = dict(model_params or {})
    unknown = sorted(set(params) - (set(AttributionModel().get_params()) - {"random_state"}))
    if unknown:
        raise ValueError(f"model_params names parameters AttributionModel does not take "
                         f"(random_state is learning_curve's own): {unknown}")
    if repeats < 1:
        raise ValueError(f"repeats must be at least 1, got {repeats}")
    ids = sorted(pd.unique(train_articles["article_id"].astype(str)))
    if not ids:
        raise ValueError("train_articles has no rows: nothing to fit on")
    article_ids = train_articles["article_id"].astype(str)
    gold_ids = train_gold["article_id"].astype(str)

    records = []
    for repeat in range(repeats):
        order = np.random.default_rng(random_state + repeat).permutation(len(ids))
        for fraction in fractions:
            if fraction == 1.0 and repeat > 0:
                continue  # the same articles in every repeat: the same fit
            chosen = {ids[k] for k in order[: math.ceil(fraction * len(ids))]}
            arts = train_articles[article_ids.isin(chosen)]
            gold = train_gold[gold_ids.isin(chosen)]
            model = AttributionModel(**params, random_state=random_state).fit(arts, gold)
            pred = extract_attributions(test_articles, convention=convention, model=model)
            scores = score_spans(pred, test_gold, parts=parts, modes=modes)
            scores.insert(0, "n_train_attributions", len(gold))
            scores.insert(0, "n_train_articles", len(chosen))
            scores.insert(0, "repeat", repeat)
            scores.insert(0, "fraction", fraction)
            records.append(scores)
    out = pd.concat(records, ignore_index=True)
    return out.sort_values(["fraction", "repeat"], kind="stable").reset_index(drop=True)
