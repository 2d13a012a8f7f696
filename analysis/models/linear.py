"""A logistic regression over string features, with a fast one-example scorer.

The extractor scores a few dozen candidates per article, one at a time, while
it walks the text. Building a sparse matrix for each of them would cost more
than the scoring itself, so :class:`FeatureLogit` keeps, next to the fitted
coefficients, a plain ``feature -> weight`` lookup and scores a list of
feature strings with one dictionary lookup per feature.
"""

from __future__ import annotations

import math
from collections import Counter
from itertools import repeat
from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression

__all__ = ["FeatureLogit"]

_ZEROS = repeat(0.0)  # the default of every lookup: map(get, feats, _ZEROS)


class FeatureLogit(ClassifierMixin, BaseEstimator):
    """Binary logistic regression whose examples are lists of feature strings.

    Args:
        C: inverse L2 regularisation strength.
        min_count: features seen in fewer training examples are dropped.
        prune: coefficients smaller than this in absolute value are dropped
            after fitting (keeps the saved model small).
        class_weight: passed to :class:`~sklearn.linear_model.LogisticRegression`.
        max_iter: solver iterations.
        random_state: seed of the solver.

    >>> X = [["w=said"], ["w=said", "n=that"], ["w=table"], ["w=chair"]]
    >>> model = FeatureLogit(C=10.0, min_count=1).fit(X, [1, 1, 0, 0])
    >>> model.predict([["w=said"], ["w=chair"]]).tolist()
    [1, 0]
    """

    def __init__(
        self,
        C: float = 1.0,
        min_count: int = 2,
        prune: float = 1e-3,
        class_weight: str | None = None,
        max_iter: int = 1000,
        random_state: int = 0,
    ):
        self.C = C
        self.min_count = min_count
        self.prune = prune
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.random_state = random_state

    def _matrix(self, X: Sequence[Sequence[str]], index: dict[str, int]) -> sparse.csr_matrix:
        indptr, indices = [0], []
        for feats in X:
            cols = {index[f] for f in feats if f in index}
            indices.extend(sorted(cols))
            indptr.append(len(indices))
        data = np.ones(len(indices), dtype=np.float64)
        return sparse.csr_matrix((data, np.asarray(indices, dtype=np.int64), indptr), shape=(len(X), len(index)))

    def fit(self, X: Sequence[Sequence[str]], y: Sequence[int]) -> "FeatureLogit":
        """Fit on lists of feature strings ``X`` and 0/1 labels ``y``."""
        y = np.asarray(y, dtype=np.int64)
        if len(X) != len(y):
            raise ValueError(f"X has {len(X)} examples but y has {len(y)} labels")
        self.classes_ = np.array([0, 1])
        if len(set(y.tolist())) < 2:
            # One class (or none) seen: a constant model.
            self.features_ = np.asarray([], dtype=str)
            self.coef_ = np.asarray([], dtype=np.float32)
            self.intercept_ = 10.0 if len(y) and y[0] == 1 else -10.0
            self.n_features_kept_ = 0
            return self
        counts = Counter(f for feats in X for f in set(feats))
        names = sorted(f for f, n in counts.items() if n >= self.min_count)
        index = {f: i for i, f in enumerate(names)}
        solver = LogisticRegression(
            C=self.C, class_weight=self.class_weight, max_iter=self.max_iter,
            solver="liblinear", random_state=self.random_state,
        )
        solver.fit(self._matrix(X, index), y)
        coef = solver.coef_[0]
        keep = np.abs(coef) >= self.prune
        self.features_ = np.asarray(names, dtype=str)[keep]
        self.coef_ = coef[keep].astype(np.float32)
        self.intercept_ = float(solver.intercept_[0])
        self.n_features_kept_ = int(keep.sum())
        return self

    @property
    def weights(self) -> dict[str, float]:
        """``feature -> weight``, built once from the fitted coefficients."""
        table = self.__dict__.get("_table")
        if table is None:
            table = dict(zip(self.features_.tolist(), self.coef_.tolist()))
            self.__dict__["_table"] = table
        return table

    def __getstate__(self) -> dict:
        state = super().__getstate__()
        state.pop("_table", None)  # a cache, rebuilt after loading
        return state

    def proba_one(self, feats: Sequence[str]) -> float:
        """Probability of class 1 for one example.

        >>> FeatureLogit(min_count=1).fit([["a"], ["b"]], [1, 0]).proba_one(["a"]) > 0.5
        True
        """
        table = self.__dict__.get("_table") or self.weights
        z = self.intercept_ + sum(map(table.get, feats, _ZEROS))
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def decision_function(self, X: Sequence[Sequence[str]]) -> np.ndarray:
        """Log-odds of class 1 for each example."""
        w = self.weights
        return np.array([self.intercept_ + sum(w.get(f, 0.0) for f in feats) for feats in X])

    def predict_proba(self, X: Sequence[Sequence[str]]) -> np.ndarray:
        """Class probabilities, shape ``(n, 2)``."""
        p = 1.0 / (1.0 + np.exp(-self.decision_function(X)))
        return np.column_stack([1.0 - p, p])

    def predict(self, X: Sequence[Sequence[str]]) -> np.ndarray:
        """0/1 predictions."""
        return (self.decision_function(X) > 0).astype(np.int64)
