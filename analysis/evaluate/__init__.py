"""Scoring predicted attributions against gold annotations.

Public API: :func:`score_spans`, :func:`match_spans`, :func:`error_table`,
:func:`sentence_bounds`, :data:`SPAN_PARTS`, :data:`MATCH_MODES`,
:func:`score_attributions` (span F1 and the type, name and relay of the sources
found, per language), :func:`match_sources`, :func:`same_label`,
:func:`learning_curve` (the learned extractor's scores as its training data grows),
:func:`read_ggt`, :func:`match_quotes`, :func:`score_quotes` and
:func:`speaker_matches` (quotes and speakers scored as GenderGapTracker scores
them, on its annotated Canadian news); validation by hand on one's own corpus:
:func:`coding_sheet`, :func:`agreement` (:class:`Agreement`),
:func:`nominal_alpha`, :func:`read_coding_sheet`, :func:`code_from_annotation`.
"""

from analysis.evaluate.agreement import (
    Agreement,
    agreement,
    code_from_annotation,
    coding_sheet,
    nominal_alpha,
    read_coding_sheet,
)
from analysis.evaluate.attributions import match_sources, same_label, score_attributions
from analysis.evaluate.learning import learning_curve
from analysis.evaluate.quotes import match_quotes, read_ggt, score_quotes, speaker_matches
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
    "Agreement",
    "agreement",
    "code_from_annotation",
    "coding_sheet",
    "error_table",
    "learning_curve",
    "match_quotes",
    "match_sources",
    "match_spans",
    "nominal_alpha",
    "read_coding_sheet",
    "read_ggt",
    "same_label",
    "score_attributions",
    "score_quotes",
    "score_spans",
    "sentence_bounds",
    "speaker_matches",
]
