from __future__ import annotations

import pandas as pd
import pytest

from analysis.pipeline import run_pipeline
from analysis.plots import articles_table, explore_articles


@pytest.fixture(scope="module")
def result(sample_articles):
    return run_pipeline(sample_articles)


def test_static_view_lists_the_lowest_scores_per_outlet(result):
    table = articles_table(result.scored, max_rows=2)
    assert table.groupby("outlet").size().max() == 2
    assert set(table["outlet"]) == set(result.scored["outlet"].fillna("(unknown outlet)"))
    for _, group in table.groupby("outlet"):
        assert group["transparency_score"].is_monotonic_increasing


def test_static_explorer_shows_a_table_only(result):
    explorer = explore_articles(result.articles, result.attributions, result.scored, interactive=False)
    bundle = explorer._repr_mimebundle_()
    assert explorer.widget is None
    assert set(bundle) == {"text/plain", "text/html"} and "<table" in bundle["text/html"]


def test_interactive_explorer_carries_the_static_table_too(result):
    explorer = explore_articles(result.articles, result.attributions, result.scored, interactive=True)
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle and "<table" in bundle["text/html"]


def test_choosing_an_outlet_lists_its_articles_and_shows_one(result):
    explorer = explore_articles(result.articles, result.attributions, result.scored, interactive=True)
    (outlet_box, article_box), view = explorer.widget.children[0].children, explorer.widget.children[1]
    outlet_box.value = "Harbour Ledger"
    ids = [value for _, value in article_box.options]
    assert ids and all(i.startswith("syn-harbour-") for i in ids)
    assert 'class="ss-source"' in view.value and "transparency_score" in view.value


def test_unknown_article_is_a_key_error(result):
    explorer = explore_articles(result.articles, result.attributions, result.scored, interactive=False)
    with pytest.raises(KeyError, match="nope"):
        explorer.show("nope")


def test_explorer_checks_columns(result):
    with pytest.raises(ValueError, match="text"):
        explore_articles(result.articles.drop(columns="text"), result.attributions, result.scored, interactive=False)
    with pytest.raises(ValueError, match="cue_start"):
        explore_articles(result.articles, result.attributions.drop(columns="cue_start"), result.scored,
                         interactive=False)
    assert isinstance(articles_table(pd.DataFrame({"article_id": [], "outlet": []})), pd.DataFrame)
