"""Scoring predicted attributions against gold annotations.

Public API: :func:`score_spans`, :func:`match_spans`, :func:`error_table`,
:func:`sentence_bounds`, :data:`SPAN_PARTS`, :data:`MATCH_MODES`.
"""

from analysis.evaluate.spans import (
    MATCH_MODES,
    SPAN_PARTS,
    error_table,
    match_spans,
    score_spans,
    sentence_bounds,
)

__all__ = ["MATCH_MODES", "SPAN_PARTS", "error_table", "match_spans", "score_spans", "sentence_bounds"]
