"""FeatureLogit: a scikit-learn estimator over lists of feature strings."""

from __future__ import annotations

import numpy as np
import pytest
import skops.io as sio
from sklearn.base import clone

from analysis.models import TRUSTED_TYPES, FeatureLogit

X = [["w=said", "n=that"], ["w=said"], ["w=says", "n=that"], ["w=table"], ["w=chair", "n=the"], ["w=table", "n=the"]]
Y = [1, 1, 1, 0, 0, 0]


def test_fit_returns_self_and_learns():
    model = FeatureLogit(C=10.0, min_count=1)
    assert model.fit(X, Y) is model
    assert model.predict(X).tolist() == Y
    assert set(model.features_) <= {f for feats in X for f in feats}


def test_init_only_stores_params():
    model = FeatureLogit(C=3.0, random_state=7)
    assert model.get_params()["C"] == 3.0
    assert not any(k.endswith("_") for k in vars(model))
    assert clone(model).get_params() == model.get_params()


def test_proba_one_agrees_with_predict_proba():
    model = FeatureLogit(C=1.0, min_count=1).fit(X, Y)
    batch = model.predict_proba(X)[:, 1]
    one = np.array([model.proba_one(f) for f in X])
    np.testing.assert_allclose(one, batch, rtol=1e-5)


def test_min_count_drops_rare_features():
    model = FeatureLogit(min_count=2, prune=0.0).fit(X, Y)
    assert "w=says" not in set(model.features_)
    assert "n=that" in set(model.features_)


def test_length_mismatch_is_an_error():
    with pytest.raises(ValueError, match="labels"):
        FeatureLogit().fit(X, Y[:-1])


def test_skops_round_trip(tmp_path):
    model = FeatureLogit(C=1.0, min_count=1).fit(X, Y)
    model.proba_one(["w=said"])  # builds the lookup cache, which is not saved
    path = tmp_path / "m.skops"
    sio.dump(model, path)
    loaded = sio.load(path, trusted=TRUSTED_TYPES)
    assert "_table" not in vars(loaded)
    np.testing.assert_allclose(loaded.predict_proba(X), model.predict_proba(X))


@pytest.mark.parametrize("labels, expected", [([1, 1], 1), ([0, 0], 0)])
def test_one_class_gives_a_constant_model(labels, expected):
    model = FeatureLogit().fit([["a"], ["b"]], labels)
    assert model.predict([["a"], ["z"]]).tolist() == [expected, expected]
