from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis.config import EXAMPLE_ARTICLE
from analysis.pipeline import run_pipeline
from analysis.plots import plot_relay_network, relay_edges


@pytest.fixture(scope="module")
def result(sample_articles):
    return run_pipeline(sample_articles)


def test_example_article_edges_follow_its_relay_chains(result):
    example = result.articles[result.articles["article_id"] == EXAMPLE_ARTICLE.stem]
    edges = relay_edges(result.attributions, example)
    rows = set(map(tuple, edges[["from_node", "from_layer", "to_node", "to_layer"]].values.tolist()))
    assert ("UNN", "publisher", "AFP", "relay") in rows
    assert ("AFP", "relay", "unnamed_official", "origin") in rows
    assert ("UNN", "publisher", "Al Qahera News", "relay") in rows
    assert ("Al Qahera News", "relay", "anonymous", "origin") in rows
    assert ("UNN", "publisher", "named_person", "origin") in rows


def test_every_attribution_leaves_its_publisher_once(result):
    edges = relay_edges(result.attributions, result.articles)
    assert edges.loc[edges["from_layer"] == "publisher", "n"].sum() == len(result.attributions)
    relayed = edges[edges["to_layer"] == "relay"]["n"].sum()
    assert edges[edges["from_layer"] == "relay"]["n"].sum() == relayed == result.attributions["via"].notna().sum()


def test_a_name_can_be_publisher_and_relay():
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["AFP", None]})
    att = pd.DataFrame({"article_id": ["a", "b"], "source_type": ["anonymous", None], "via": [None, "AFP"]})
    edges = relay_edges(att, arts)
    assert edges.values.tolist() == [
        ["AFP", "publisher", "anonymous", "origin", 1],
        ["(unknown outlet)", "publisher", "AFP", "relay", 1],
        ["AFP", "relay", "unknown", "origin", 1],
    ]
    fig, ax = plt.subplots()
    plot_relay_network(edges, ax=ax)
    assert sorted(t.get_text() for t in ax.texts).count("AFP") == 2


def test_relay_edges_check_columns():
    with pytest.raises(ValueError, match="via"):
        relay_edges(pd.DataFrame({"article_id": ["a"], "source_type": ["self"]}), pd.DataFrame({"article_id": ["a"], "outlet": ["X"]}))


@pytest.mark.parametrize("direct, max_relays, min_count", [(True, 12, 1), (False, 12, 1), (True, 2, 1), (True, 12, 3)])
def test_network_options_change_what_is_drawn(result, direct, max_relays, min_count):
    edges = relay_edges(result.attributions, result.articles)
    fig, (full, part) = plt.subplots(1, 2)
    plot_relay_network(edges, ax=full)
    plot_relay_network(edges, direct=direct, max_relays=max_relays, min_count=min_count, ax=part)
    changed = (not direct) or max_relays < 12 or min_count > 1
    assert (len(part.patches) < len(full.patches)) == changed
