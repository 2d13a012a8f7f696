"""Scoring predicted attributions against gold annotations.

Public API: :func:`score_spans`, :func:`match_spans`, :func:`error_table`,
:func:`sentence_bounds`, :data:`SPAN_PARTS`, :data:`MATCH_MODES`,
:func:`score_attributions` (span F1 and the type, name and relay of the sources
found, per language), :func:`match_sources`, :func:`same_label`, and
:func:`learning_curve` (the learned extractor's scores as its training data grows).
"""

from analysis.evaluate.attributions import match_sources, same_label, score_attributions
from analysis.evaluate.learning import learning_curve
from analysis.evaluate.spans import (
    MATCH_MODES,
    SPAN_PARTS,
    error_table,
    match_spans,
    score_spans,
    sentence_bounds,
)

__all__ = [
    "MATCH_MODES",
    "SPAN_PARTS",
    "error_table",
    "learning_curve",
    "match_sources",
    "match_spans",
    "same_label",
    "score_attributions",
    "score_spans",
    "sentence_bounds",
]
