"""Finding attributions in article text.

Public API: :func:`extract_attributions` (articles -> attributions),
:func:`find_attributions` (one text -> candidate records) and
:data:`CONVENTIONS` (the span conventions they accept, see
:mod:`analysis.extract.hybrid`).
"""

from analysis.extract.attributions import extract_attributions, find_attributions
from analysis.extract.hybrid import CONVENTIONS

__all__ = ["CONVENTIONS", "extract_attributions", "find_attributions"]
