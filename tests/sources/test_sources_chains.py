from __future__ import annotations

import pandas as pd
import pytest

from analysis.schema import CHAINS
from analysis.sources import relay_chains, summarize_chains


def _att(rows):
    return pd.DataFrame(rows, columns=["article_id", "attribution_id", "source_text", "source_type", "source_name", "via"])


ARTS = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["UNN", "Eastline Post"]})


def test_one_relay_and_a_direct_source():
    att = _att([
        ("a", "a:0", "AFP", "news_agency", "AFP", None),
        ("a", "a:1", "A senior Hamas official", "unnamed_official", None, "AFP"),
        ("a", "a:2", "well-informed source", "anonymous", None, "Al Qahera News"),
    ])
    out = relay_chains(att, ARTS)
    assert list(out.columns[: len(CHAINS)]) == list(CHAINS)
    assert out["chain"].tolist() == ["UNN > AFP", "UNN > AFP > a senior Hamas official",
                                     "UNN > Al Qahera News > well-informed source"]
    assert out["depth"].tolist() == [1, 2, 2]
    assert out["second_hand_anonymous"].tolist() == [False, False, True]
    assert out["chain_parts"].iloc[1] == ["UNN", "AFP", "a senior Hamas official"]


def test_relays_are_followed_through_the_article():
    # "Al Arabiya reported, citing Sky News Arabia" and "a source told Al Arabiya".
    att = _att([
        ("b", "b:0", "Al Arabiya", "broadcaster", "Al Arabiya", "Sky News Arabia"),
        ("b", "b:1", "a source", "anonymous", None, "Al Arabiya"),
    ])
    out = relay_chains(att, ARTS)
    assert out["chain"].tolist() == ["Eastline Post > Sky News Arabia > Al Arabiya",
                                     "Eastline Post > Sky News Arabia > Al Arabiya > a source"]
    assert out["depth"].tolist() == [2, 3]
    assert out["relays"].iloc[1] == ["Sky News Arabia", "Al Arabiya"]


def test_relay_loops_end():
    att = _att([
        ("b", "b:0", "BBC", "broadcaster", "BBC", "CNN"),
        ("b", "b:1", "CNN", "broadcaster", "CNN", "BBC"),
        ("b", "b:2", "a diplomat", "unnamed_official", None, "BBC"),
    ])
    out = relay_chains(att, ARTS)
    assert out["depth"].max() <= 3
    assert len(out) == 3


def test_per_article_summary_keeps_every_article():
    att = _att([
        ("a", "a:0", "AFP", "news_agency", "AFP", None),
        ("a", "a:1", "Lena Varga", "named_person", "Lena Varga", None),
        ("a", "a:2", "a source", "anonymous", None, "AFP"),
    ])
    per = summarize_chains(relay_chains(att, ARTS), ARTS).set_index("article_id")
    assert per.loc["a", "chain_depth_max"] == 2
    assert per.loc["a", "share_on_other_media"] == pytest.approx(2 / 3)
    assert per.loc["a", "n_second_hand_anonymous"] == 1
    assert per.loc["b", "chain_depth_max"] == 0 and pd.isna(per.loc["b", "share_on_other_media"])


def test_without_articles_the_publisher_is_a_placeholder():
    att = _att([("a", "a:0", "a source", "anonymous", None, None)])
    assert relay_chains(att)["chain"].tolist() == ["(publisher) > a source"]


def test_empty_and_unchanged_input():
    empty = _att([])
    assert relay_chains(empty, ARTS).empty
    att = _att([("a", "a:0", "AFP", "news_agency", "AFP", None)])
    before = att.copy()
    relay_chains(att, ARTS)
    pd.testing.assert_frame_equal(att, before)


def test_missing_columns_are_named():
    with pytest.raises(ValueError, match="via"):
        relay_chains(pd.DataFrame({"article_id": ["a"], "source_text": ["x"], "source_type": ["anonymous"],
                                   "source_name": [None]}))
