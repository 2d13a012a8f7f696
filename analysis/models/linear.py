"""A logistic regression over hashed features, scored with one numpy gather.

The extractor scores every candidate of a batch of articles at once (cue
words, source boundaries, growth steps). Its features are hashed into buckets
(:mod:`analysis.models.features`), so a batch is an integer matrix and its
scores are a lookup in a dense weight table and a row sum.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression

__all__ = ["HashedLogit"]


class HashedLogit(ClassifierMixin, BaseEstimator):
    """Binary logistic regression over hashed feature ids, scored with numpy.

    Each example is one row of an integer matrix: the bucket (in
    ``[0, 2**n_bits)``) of each of its features, one column per feature
    template (see :mod:`analysis.models.features`). Scoring a batch is one
    gather and one row sum, so thousands of candidates cost about as much as
    one Python call.

    Args:
        n_bits: the weight table has ``2**n_bits`` buckets.
        C: inverse L2 regularisation strength.
        min_count: buckets seen in fewer training examples get no weight.
        prune: weights smaller than this in absolute value are dropped after
            fitting (keeps the saved model small).
        class_weight: passed to :class:`~sklearn.linear_model.LogisticRegression`.
        max_iter: solver iterations.
        random_state: seed of the solver.

    >>> X = np.array([[0, 5], [0, 6], [1, 7], [1, 8]])
    >>> model = HashedLogit(n_bits=4, C=10.0, min_count=1).fit(X, [1, 1, 0, 0])
    >>> model.predict(np.array([[0, 9], [1, 9]])).tolist()
    [1, 0]
    """

    def __init__(
        self,
        n_bits: int = 22,
        C: float = 1.0,
        min_count: int = 2,
        prune: float = 2e-3,
        class_weight: str | None = None,
        max_iter: int = 1000,
        random_state: int = 0,
    ):
        self.n_bits = n_bits
        self.C = C
        self.min_count = min_count
        self.prune = prune
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.random_state = random_state

    def fit(self, X: np.ndarray, y: Sequence[int]) -> "HashedLogit":
        """Fit on a ``(n_examples, n_templates)`` matrix of bucket ids and 0/1 labels ``y``."""
        X = np.asarray(X, dtype=np.int64)
        y = np.asarray(y, dtype=np.int64)
        if X.ndim != 2 or len(X) != len(y):
            raise ValueError(f"X must be 2-D with one row per label; got shape {X.shape} for {len(y)} labels")
        size = 1 << self.n_bits
        if len(X) and (X.min() < 0 or X.max() >= size):
            raise ValueError(f"bucket ids must lie in [0, {size})")
        self.classes_ = np.array([0, 1])
        self.n_templates_ = X.shape[1]
        if len(set(y.tolist())) < 2:
            # One class (or none) seen: a constant model.
            self.buckets_ = np.zeros(0, dtype=np.int32)
            self.coef_ = np.zeros(0, dtype=np.float16)
            self.intercept_ = 10.0 if len(y) and y[0] == 1 else -10.0
            return self
        # Count each bucket once per example, keep the frequent ones as columns.
        rows = np.repeat(np.arange(len(X)), X.shape[1])
        pairs = np.unique(rows * size + X.ravel())
        rows, cols = pairs // size, pairs % size
        counts = np.bincount(cols, minlength=size)
        kept = np.flatnonzero(counts >= self.min_count)
        column = np.full(size, -1, dtype=np.int64)
        column[kept] = np.arange(len(kept))
        use = column[cols] >= 0
        matrix = sparse.csr_matrix(
            (np.ones(int(use.sum())), (rows[use], column[cols[use]])), shape=(len(X), len(kept))
        )
        solver = LogisticRegression(
            C=self.C, class_weight=self.class_weight, max_iter=self.max_iter,
            solver="liblinear", random_state=self.random_state,
        )
        solver.fit(matrix, y)
        coef = solver.coef_[0]
        keep = np.abs(coef) >= self.prune
        self.buckets_ = kept[keep].astype(np.int32)
        # Half precision keeps 11 significant bits of each weight (a relative error
        # under 0.05%) and makes the shipped model file about a third smaller.
        self.coef_ = coef[keep].astype(np.float16)
        self.intercept_ = float(solver.intercept_[0])
        return self

    @property
    def table(self) -> np.ndarray:
        """The dense weight table (``2**n_bits`` float32), built once from the fitted weights."""
        table = self.__dict__.get("_table")
        if table is None:
            table = np.zeros(1 << self.n_bits, dtype=np.float32)
            table[self.buckets_] = self.coef_
            self.__dict__["_table"] = table
        return table

    def __getstate__(self) -> dict:
        state = super().__getstate__()
        state.pop("_table", None)  # a cache, rebuilt after loading
        return state

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        """Log-odds of class 1 for each row of bucket ids."""
        X = np.asarray(X, dtype=np.int64)
        if X.shape[0] == 0:
            return np.zeros(0)
        return self.intercept_ + self.table[X].sum(axis=1, dtype=np.float64)

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Class probabilities, shape ``(n, 2)``."""
        p = 1.0 / (1.0 + np.exp(-self.decision_function(X)))
        return np.column_stack([1.0 - p, p])

    def predict(self, X: np.ndarray) -> np.ndarray:
        """0/1 predictions."""
        return (self.decision_function(X) > 0).astype(np.int64)
