"""Learned parts of the extractor, fitted on PolNeAR train.

Public API: :class:`AttributionModel` (cue, cue-boundary, source and
source-boundary classifiers), :class:`HashedLogit` (the logistic regression
over hashed features they use), :func:`load_model`, :func:`save_model`,
:data:`MODEL_PATH`, :data:`TRUSTED_TYPES`. ``python -m analysis.models.train``
refits the shipped model.
"""

from analysis.models.attribution import MODEL_PATH, TRUSTED_TYPES, AttributionModel, load_model, save_model
from analysis.models.linear import HashedLogit

__all__ = ["AttributionModel", "HashedLogit", "MODEL_PATH", "TRUSTED_TYPES", "load_model", "save_model"]
