"""Finding attributions in article text.

Public API: :func:`extract_attributions` (articles -> attributions, in each
article's language), :func:`find_attributions` (one English text -> candidate
records), :data:`CONVENTIONS` (the span conventions they accept, see
:mod:`analysis.extract.hybrid`) and :func:`supported_languages` (the languages
besides English that the rule engine of :mod:`analysis.extract.multilingual`
reads, one resource folder each under ``data/languages``).
"""

from analysis.extract.attributions import extract_attributions, find_attributions
from analysis.extract.hybrid import CONVENTIONS
from analysis.extract.languages import supported_languages

__all__ = ["CONVENTIONS", "extract_attributions", "find_attributions", "supported_languages"]
