"""The example article (UNN, 2024-05-05): chains and scores against a hand-checked expectation.

The expectation was worked out by hand from the article and its gold
(data/sample/gold/unn-2024-05-05-cairo-talks.expected.json) and the shipped
weights; the arithmetic of the transparency score is spelled out below.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import config
from analysis.pipeline import attribute
from analysis.scoring import score_articles
from analysis.sources import relay_chains, summarize_chains

EXPECTED_CHAINS = [
    ("UNN > VRT", 1, "broadcaster", False),
    ("UNN > AFP", 1, "news_agency", False),
    ("UNN > Mediators Egypt and Qatar", 1, "named_organization", False),
    ("UNN > Benjamin Netanyahu", 1, "named_person", False),
    ("UNN > Benjamin Netanyahu", 1, "named_person", False),
    ("UNN > AFP > a senior Hamas official", 2, "unnamed_official", False),
    ("UNN > Al Qahera News", 1, "broadcaster", False),
    ("UNN > Al Qahera News > well-informed source", 2, "anonymous", True),
    ("UNN > UNN", 1, "self", False),
    ("UNN > Yoav Gallant", 1, "named_person", False),
]

# Per attribution, type value x relay factor (0.75 per relay):
# VRT .85, AFP .85, Mediators .9, Netanyahu 1 + 1, official .35 x .75, Al Qahera .85,
# well-informed source 0 x .75, UNN (self) .5, Gallant 1  -> mean .72125.
# 9 distinct sources (cap 5) -> count part 1.
# Types: broadcaster 2, named_person 3, and 1 each of five more over 10
# attributions -> entropy / ln 10 = 0.79666.
# Score = 100 x (.6 x .72125 + .25 x 1 + .15 x .79666) = 80.22.
EXPECTED_SCORES = {
    "n_attributions": 10,
    "n_sources": 9,
    "share_anonymous": 0.1,
    "share_unnamed_official": 0.1,
    "share_relayed": 0.2,
    "relay_depth_max": 2,
    "type_diversity": 0.79666,
    "transparency_score": 80.22,
    "n_anonymous": 1,
    "anonymous_cited": True,
    "single_anonymous_source": False,  # 1 of 10 attributions: not material
    "cites_wire_service": True,  # AFP
    "anonymous_dependency": 0.2,  # the anonymous source and the unnamed official
    "share_imi_identified": 0.8,
    "share_imi_dubious": 0.1,  # "a senior Hamas official"
    "share_imi_anonymous": 0.1,  # "well-informed source"
    "share_on_other_media": 0.5,  # VRT, AFP, AFP's official, Al Qahera, its source
    "n_second_hand_anonymous": 1,
    "n_rated": 2,  # AFP, and the official it relayed (afp.com is rated; vrt.be, alqaheranews.net are not)
    "n_unrated": 8,
}


@pytest.fixture(scope="module")
def example(sample_articles):
    article = sample_articles[sample_articles["article_id"] == config.EXAMPLE_ARTICLE.stem]
    return article, attribute(article)


def test_example_chains(example):
    article, att = example
    chains = relay_chains(att, article)
    got = list(zip(chains["chain"], chains["depth"], chains["origin_type"], chains["second_hand_anonymous"]))
    assert got == EXPECTED_CHAINS
    per = summarize_chains(chains, article).iloc[0]
    assert per["chain_depth_max"] == 2
    assert per["share_on_other_media"] == pytest.approx(0.5)


@pytest.mark.parametrize("column, expected", list(EXPECTED_SCORES.items()))
def test_example_scores(example, column, expected):
    article, att = example
    row = score_articles(article, att).iloc[0]
    if isinstance(expected, float):
        assert row[column] == pytest.approx(expected, abs=1e-4)
    else:
        assert row[column] == expected


def test_example_reliability_is_afp_rating(example):
    from analysis.scoring import read_ratings

    article, att = example
    row = score_articles(article, att).iloc[0]
    assert row["reliability"] == pytest.approx(read_ratings()["afp.com"])
    assert pd.isna(row["outlet_rating"])  # unn.ua has no rating
