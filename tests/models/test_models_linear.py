"""HashedLogit: a scikit-learn estimator over rows of hashed feature ids."""

from __future__ import annotations

import numpy as np
import pytest
import skops.io as sio
from sklearn.base import clone

from analysis.models import TRUSTED_TYPES, HashedLogit

RNG = np.random.default_rng(0)
# The first column decides the label; the others are noise from other buckets.
X = np.column_stack([RNG.integers(0, 64, 300), RNG.integers(64, 128, size=(300, 2))])
Y = (X[:, 0] < 32).astype(int)


def test_fit_returns_self_and_learns():
    model = HashedLogit(n_bits=7, C=10.0, min_count=1)
    assert model.fit(X, Y) is model
    assert (model.predict(X) == Y).mean() > 0.95
    assert set(model.buckets_.tolist()) <= set(X.ravel().tolist())


def test_init_only_stores_params():
    model = HashedLogit(C=3.0, random_state=7)
    assert model.get_params()["C"] == 3.0
    assert not any(k.endswith("_") for k in vars(model))
    assert clone(model).get_params() == model.get_params()


def test_min_count_drops_rare_buckets():
    rows = np.array([[1, 5], [1, 6], [2, 6], [2, 7]])
    model = HashedLogit(n_bits=4, min_count=2, prune=0.0).fit(rows, [1, 1, 0, 0])
    assert set(model.buckets_.tolist()) == {1, 2, 6}


def test_predict_proba_is_the_logistic_of_the_decision():
    model = HashedLogit(n_bits=7, min_count=1).fit(X, Y)
    np.testing.assert_allclose(model.predict_proba(X)[:, 1], 1 / (1 + np.exp(-model.decision_function(X))))


@pytest.mark.parametrize("rows, labels, match", [
    (np.array([[0], [1]]), [1], "one row per label"),
    (np.array([0, 1]), [0, 1], "one row per label"),
    (np.array([[0], [16]]), [0, 1], "bucket ids"),
])
def test_bad_input_is_an_error(rows, labels, match):
    with pytest.raises(ValueError, match=match):
        HashedLogit(n_bits=4).fit(rows, labels)


def test_skops_round_trip(tmp_path):
    model = HashedLogit(n_bits=7, min_count=1).fit(X, Y)
    model.decision_function(X)  # builds the dense table, which is not saved
    path = tmp_path / "m.skops"
    sio.dump(model, path)
    loaded = sio.load(path, trusted=TRUSTED_TYPES)
    assert "_table" not in vars(loaded)
    np.testing.assert_allclose(loaded.predict_proba(X), model.predict_proba(X))


@pytest.mark.parametrize("labels, expected", [([1, 1], 1), ([0, 0], 0)])
def test_one_class_gives_a_constant_model(labels, expected):
    model = HashedLogit(n_bits=4).fit(np.array([[1], [2]]), labels)
    assert model.predict(np.array([[1], [9]])).tolist() == [expected, expected]
