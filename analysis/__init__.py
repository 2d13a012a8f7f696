"""SourceScope: who a news story stands on.

The data flows one way, each arrow a plain function::

    read_articles -> extract_attributions -> classify_sources -> score_articles -> summarize_outlets

Public API: :func:`read_articles`, :func:`read_polnear`, :func:`extract_attributions`,
:func:`classify_sources`, :func:`score_articles`, :func:`summarize_outlets`,
:func:`run_pipeline`.
"""

from analysis.aggregate import summarize_outlets
from analysis.extract import extract_attributions
from analysis.io import read_articles, read_polnear
from analysis.pipeline import run_pipeline
from analysis.scoring import score_articles
from analysis.sources import classify_sources

__version__ = "0.1.0"

__all__ = [
    "classify_sources",
    "extract_attributions",
    "read_articles",
    "read_polnear",
    "run_pipeline",
    "score_articles",
    "summarize_outlets",
]
