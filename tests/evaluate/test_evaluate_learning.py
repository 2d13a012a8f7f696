"""The learning curve: shares of the training articles, refits, and scores on a fixed test set."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.evaluate import learning_curve
from analysis.models import attribution

SPEAKERS = ["Ames", "Bolt", "Cray", "Dunn", "Egan", "Ford", "Gill", "Hale"]
WEATHER = ["fine", "poor", "warm", "cold", "dry", "wet", "grey", "mild"]


def _corpus(names: list[str], prefix: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Articles citing a senator with a made-up cue word, which neither the rules nor the shipped model know."""
    texts = [f"Senator {n} blorfed the plan would fail. The weather was {w}." for n, w in zip(names, WEATHER)]
    articles = pd.DataFrame({"article_id": [f"{prefix}{i}" for i in range(len(texts))], "text": texts})
    rows = []
    for aid, text in zip(articles["article_id"], texts):
        c0 = text.index("blorfed")
        rows.append({"article_id": aid, "source_start": 0, "source_end": c0 - 1, "cue_start": c0, "cue_end": c0 + 7,
                     "content_start": c0 + 8, "content_end": text.index(".")})
    return articles, pd.DataFrame(rows)


TOY = {"C": 10.0, "min_cue_count": 1, "min_cue_rate": 0.0}


@pytest.fixture(scope="module")
def toy():
    train, train_gold = _corpus(SPEAKERS, "tr")
    test, test_gold = _corpus(["Ives", "Jora", "Kemp"], "te")
    return train, train_gold, test, test_gold


@pytest.fixture
def fitted_on(monkeypatch) -> list[list[str]]:
    """The article ids of every fit that ``learning_curve`` makes, in order."""
    calls: list[list[str]] = []
    fit = attribution.AttributionModel.fit

    def spy(self, X, y):
        calls.append(sorted(X["article_id"]))
        return fit(self, X, y)

    monkeypatch.setattr(attribution.AttributionModel, "fit", spy)
    return calls


def test_rows_per_fraction_repeat_part_and_mode(toy):
    curve = learning_curve(*toy, fractions=(1.0, 0.25, 0.5), repeats=2, model_params=TOY)
    # Fraction 1.0 is fitted once: the whole set is the same in every repeat.
    keys = curve[["fraction", "repeat"]].drop_duplicates().apply(tuple, axis=1).tolist()
    assert keys == [(0.25, 0), (0.25, 1), (0.5, 0), (0.5, 1), (1.0, 0)]
    assert len(curve) == len(keys) * 4 * 2
    assert curve.groupby("fraction")["n_train_articles"].first().tolist() == [2, 4, 8]
    assert curve.groupby("fraction")["n_train_attributions"].first().tolist() == [2, 4, 8]


def test_smaller_shares_are_subsets_of_larger_ones(toy, fitted_on):
    learning_curve(*toy, fractions=(0.25, 0.5, 1.0), repeats=2, model_params=TOY, parts=("cue",))
    quarter0, half0, whole, quarter1, half1 = fitted_on  # repeat by repeat, the whole set once
    assert set(quarter0) < set(half0) < set(whole)
    assert set(quarter1) < set(half1)
    assert (quarter0, half0) != (quarter1, half1)  # each repeat draws its own articles


def test_the_same_seed_draws_the_same_articles(toy, fitted_on):
    learning_curve(*toy, fractions=(0.5,), random_state=3, model_params=TOY, parts=("cue",))
    learning_curve(*toy, fractions=(0.5,), random_state=3, model_params=TOY, parts=("cue",))
    assert fitted_on[0] == fitted_on[1]


def test_each_fit_is_scored_on_the_test_set(toy):
    # Only a model fitted on the toy corpus knows its cue word: the scores are those of the refits.
    curve = learning_curve(*toy, fractions=(1.0,), model_params=TOY, parts=("cue", "source"), modes=("exact",))
    assert curve["n_gold"].tolist() == [3, 3]
    assert curve["f1"].tolist() == [1.0, 1.0]


def test_inputs_are_not_changed(toy):
    before = [t.copy() for t in toy]
    learning_curve(*toy, fractions=(0.5,), model_params=TOY, parts=("cue",))
    for a, b in zip(before, toy):
        pd.testing.assert_frame_equal(a, b)


@pytest.mark.parametrize(
    "options, message",
    [
        ({"fractions": ()}, "at least one"),
        ({"fractions": (0.0, 0.5)}, r"\(0, 1\]"),
        ({"fractions": (1.5,)}, r"\(0, 1\]"),
        ({"fractions": (float("nan"),)}, r"\(0, 1\]"),
        ({"repeats": 0}, "repeats"),
        ({"model_params": {"depth": 3}}, "depth"),
        ({"model_params": {"random_state": 3}}, "random_state"),
    ],
)
def test_bad_options_are_refused(toy, options, message):
    with pytest.raises(ValueError, match=message):
        learning_curve(*toy, **options)


def test_missing_columns_are_named(toy):
    train, train_gold, test, test_gold = toy
    with pytest.raises(ValueError, match="cue_start"):
        learning_curve(train, train_gold.drop(columns="cue_start"), test, test_gold)


def test_an_empty_training_set_is_refused(toy):
    train, train_gold, test, test_gold = toy
    with pytest.raises(ValueError, match="nothing to fit"):
        learning_curve(train.iloc[:0], train_gold, test, test_gold)


@pytest.mark.slow
@pytest.mark.shared
def test_more_polnear_training_articles_score_higher_on_dev(polnear_dir):
    from analysis.io.polnear import read_polnear

    train, train_gold = read_polnear(polnear_dir, "train")
    dev, dev_gold = read_polnear(polnear_dir, "dev")
    curve = learning_curve(train, train_gold, dev, dev_gold, fractions=(0.125, 0.5), parts=("cue",), modes=("exact",))
    small, larger = curve["f1"].tolist()
    assert larger > small + 0.02, (small, larger)
