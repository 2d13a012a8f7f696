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


def _fan(n_publishers: int = 15, n_relays: int = 14) -> pd.DataFrame:
    """A network at the scale of a real corpus: every publisher relays every medium, every medium every type."""
    rows = []
    for p in range(n_publishers):
        for r in range(n_relays):
            rows.append([f"P{p}", "publisher", f"M{r}", "relay", 1 + (p * r) % 7])
        for t in ("named_person", "anonymous", "document", "unnamed_official"):
            rows.append([f"P{p}", "publisher", t, "origin", 3 + p])
    for r in range(n_relays):
        for t in ("named_person", "anonymous", "unnamed_official"):
            rows.append([f"M{r}", "relay", t, "origin", 1 + r])
    edges = pd.DataFrame(rows, columns=["from_node", "from_layer", "to_node", "to_layer", "n"])
    # Relay in- and outflow agree, as relay_edges gives them.
    inflow = edges[edges["to_layer"] == "relay"].groupby("to_node")["n"].sum()
    out = edges[edges["from_layer"] == "relay"]
    share = out["n"] / out.groupby("from_node")["n"].transform("sum")
    edges.loc[out.index, "n"] = (share * out["from_node"].map(inflow)).round().clip(lower=1).astype(int)
    return edges


@pytest.mark.parametrize(("max_relays", "max_edges"), [(12, 24), (5, 10), (20, 500)])
def test_strongest_edges_sum_the_rest_and_lose_nothing(max_relays, max_edges):
    from analysis.plots.relay import OTHER, OTHER_MEDIA, strongest_edges

    edges = _fan()
    cut = strongest_edges(edges, max_relays=max_relays, max_edges=max_edges)
    for kind in [("publisher", "origin"), ("publisher", "relay"), ("relay", "origin")]:
        part = cut[(cut["from_layer"] == kind[0]) & (cut["to_layer"] == kind[1])]
        whole = edges[(edges["from_layer"] == kind[0]) & (edges["to_layer"] == kind[1])]
        assert part["n"].sum() == whole["n"].sum()
        # At most max_edges of their own, plus one "other" edge per node.
        assert (~part["to_node"].isin([OTHER, OTHER_MEDIA])).sum() <= max_edges
    # Every publisher's outflow is what it was.
    pd.testing.assert_series_equal(cut[cut["from_layer"] == "publisher"].groupby("from_node")["n"].sum(),
                                   edges[edges["from_layer"] == "publisher"].groupby("from_node")["n"].sum())
    relays = set(cut.loc[cut["to_layer"] == "relay", "to_node"]) - {OTHER_MEDIA}
    assert len(relays) <= max_relays


def test_relay_edges_are_labelled_with_their_counts():
    edges = pd.DataFrame({"from_node": ["UNN", "AFP"], "from_layer": ["publisher", "relay"],
                          "to_node": ["AFP", "unnamed_official"], "to_layer": ["relay", "origin"], "n": [7, 7]})
    fig, ax = plt.subplots()
    plot_relay_network(edges, ax=ax)
    assert [t.get_text() for t in ax.texts].count("7") == 2
    fig, ax = plt.subplots()
    plot_relay_network(edges, label_edges=False, ax=ax)
    assert "7" not in [t.get_text() for t in ax.texts]


def test_a_corpus_scale_network_draws_a_bounded_number_of_lines():
    fig, ax = plt.subplots(figsize=(6.5, 5.5))
    plot_relay_network(_fan(), direct=False, ax=ax)
    assert len(ax.patches) <= 2 * 24 + 15 + 13  # two kinds of relay edge, plus "other" edges per node
