"""Scoring predicted attributions against gold annotations.

Public API: :func:`score_spans`, :func:`match_spans`, :func:`error_table`,
:func:`sentence_bounds`, :data:`SPAN_PARTS`, :data:`MATCH_MODES`, and
:func:`learning_curve` (the learned extractor's scores as its training data grows).
"""

from analysis.evaluate.learning import learning_curve
from analysis.evaluate.spans import (
    MATCH_MODES,
    SPAN_PARTS,
    error_table,
    match_spans,
    score_spans,
    sentence_bounds,
)

__all__ = ["MATCH_MODES", "SPAN_PARTS", "error_table", "learning_curve", "match_spans", "score_spans", "sentence_bounds"]
