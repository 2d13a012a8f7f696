"""Per-article sourcing scores: counts, shares, W3C and IMI-style signals, reliability, transparency.

Public API: :func:`score_articles`, :func:`attribution_transparency`,
:func:`relay_depth`, :func:`imi_class`, :func:`attribution_reliability`,
:func:`score_reliability`, :func:`read_ratings`, :func:`read_grades`,
:class:`ScoringConfig`, :data:`SCORE_COLUMNS`.
"""

from analysis.scoring.articles import (
    FLAG_COLUMNS,
    IDENTIFIED_TYPES,
    SCORE_COLUMNS,
    attribution_transparency,
    imi_class,
    relay_depth,
    score_articles,
)
from analysis.scoring.config import ScoringConfig
from analysis.scoring.reliability import attribution_reliability, read_grades, read_ratings, score_reliability

__all__ = [
    "FLAG_COLUMNS",
    "IDENTIFIED_TYPES",
    "SCORE_COLUMNS",
    "ScoringConfig",
    "attribution_reliability",
    "attribution_transparency",
    "imi_class",
    "read_grades",
    "read_ratings",
    "relay_depth",
    "score_articles",
    "score_reliability",
]
