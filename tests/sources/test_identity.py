"""Across a corpus: one key per source, names merged within an outlet and period."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.extract import extract_attributions
from analysis.sources import classify_sources
from analysis.sources.identity import merge_corpus_names, merge_targets, source_id


def _frame(names, kinds=None, methods=None, ids=None):
    n = len(names)
    return pd.DataFrame({"article_id": ids or [f"a{i}" for i in range(n)],
                         "source_type": kinds or ["named_person"] * n, "source_name": names,
                         "name_method": methods or ["span"] * n})


@pytest.mark.parametrize(
    "names, expected",
    [
        (["Rami Abdel Rahman", "Abdel Rahman", "Rahman"], {"Abdel Rahman": "Rami Abdel Rahman", "Rahman": "Rami Abdel Rahman"}),
        # two people share the surname: no merge
        (["Ahmed Hassan", "Mohamed Hassan", "Hassan"], {}),
        (["Lena Varga", "Tomas Ruel"], {}),
    ],
)
def test_tails_of_exactly_one_longer_name_are_merged(names, expected):
    targets = merge_targets(["X"] * len(names), ["named_person"] * len(names), names)
    assert {name: target for (_, _, name), (target, _) in targets.items()} == expected


def test_acronyms_of_one_organisation_are_merged():
    targets = merge_targets(["X", "X"], ["named_organization"] * 2, ["Northern Grain Council", "NGC"])
    assert targets == {("X", "named_organization", "NGC"): ("Northern Grain Council", None)}


@pytest.mark.parametrize(
    "names, expected",
    [
        # one word of exactly one longer organisation name is that organisation
        (["Harbour Observatory for Tides", "Observatory"], {"Observatory": "Harbour Observatory for Tides"}),
        # two coalitions: "Coalition" could be either
        (["Northern Coalition", "Southern Farmers Coalition", "Coalition"], {}),
        # a lower-case word or a stopword names nobody
        (["Harbour Observatory for Tides", "for"], {}),
    ],
)
def test_one_word_of_one_organisation_is_merged(names, expected):
    targets = merge_targets(["X"] * len(names), ["named_organization"] * len(names), names)
    assert {name: target for (_, _, name), (target, _) in targets.items()} == expected


def test_a_short_form_takes_the_key_of_the_alias_table_entry_it_names():
    att = _frame(["Syrian Observatory for Human Rights", "Observatory"], kinds=["named_organization"] * 2,
                 methods=["alias_table", "span"]).assign(source_id=["org:sohr", None])
    att = pd.concat([att, _frame(["Observatory"], kinds=["unknown"], ids=["a2"]).assign(
        source_name=pd.NA, name_method=pd.NA)], ignore_index=True)  # a row without a name is left as it is
    arts = pd.DataFrame({"article_id": ["a0", "a1", "a2"], "outlet": ["X"] * 3, "published": ["2016-01-01"] * 3})
    out = merge_corpus_names(att, arts)
    assert out["source_name"].tolist()[:2] == ["Syrian Observatory for Human Rights"] * 2
    assert out["source_id"].tolist()[:2] == ["org:sohr"] * 2
    assert out["name_method"].tolist()[:2] == ["alias_table", "corpus_merge"]
    assert out["source_name"].isna().tolist()[2]


def test_merges_stay_within_outlet_and_period():
    att = _frame(["Rami Abdel Rahman", "Abdel Rahman", "Abdel Rahman", "Abdel Rahman"])
    arts = pd.DataFrame({"article_id": ["a0", "a1", "a2", "a3"], "outlet": ["X", "X", "Y", "X"],
                         "published": ["2016-01-01", "2016-06-01", "2016-06-01", "2017-01-01"]})
    out = merge_corpus_names(att, arts)
    assert out["source_name"].tolist() == ["Rami Abdel Rahman", "Rami Abdel Rahman", "Abdel Rahman", "Abdel Rahman"]
    assert out["name_method"].tolist() == ["span", "corpus_merge", "span", "span"]
    assert merge_corpus_names(att, arts, period=None)["source_name"].tolist()[3] == "Rami Abdel Rahman"
    assert att["name_method"].tolist() == ["span"] * 4  # the input is not changed


def test_names_from_the_alias_table_are_not_merged():
    att = _frame(["Rami Abdel Rahman", "Abdel Rahman"], methods=["span", "user_alias"])
    arts = pd.DataFrame({"article_id": ["a0", "a1"], "outlet": ["X", "X"]})
    assert merge_corpus_names(att, arts)["source_name"].tolist() == ["Rami Abdel Rahman", "Abdel Rahman"]


def test_source_ids_are_stable_keys():
    assert source_id("named_person", "Rami Abdel Rahman") == source_id("named_person", "Rami Abdel Rahman")
    assert source_id("named_organization", "Hamas", "org:hamas") == "org:hamas"
    assert source_id("broadcaster", "BBC") == "media:bbc"


def test_one_id_across_articles_of_an_outlet():
    texts = ["Rami Abdel Rahman, who heads the monitoring group, said 12 died.",
             "Abdel Rahman said the strikes went on.",
             "The US said it would send aid. Washington said more would follow."]
    arts = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["Wire"] * 3, "text": texts,
                         "published": ["2016-03-01"] * 3})
    out = classify_sources(extract_attributions(arts), arts, corpus_merge=True)
    by_article = out.groupby("article_id")["source_id"].apply(list).to_dict()
    assert by_article["a"] == by_article["b"] == ["person:rami-abdel-rahman"]
    assert set(by_article["c"]) == {"state:us"}
    assert out.loc[out["article_id"] == "b", "name_method"].tolist() == ["corpus_merge"]


def test_a_researchers_aliases_overrule_a_merge(tmp_path):
    path = tmp_path / "mine.csv"
    pd.DataFrame({"name": ["Abdel Rahman (Aleppo)"], "aliases": ["Abdel Rahman"], "type": ["named_person"]}).to_csv(path, index=False)
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["Wire"] * 2,
                         "text": ["Rami Abdel Rahman said 12 died.", "Abdel Rahman said the strikes went on."]})
    out = classify_sources(extract_attributions(arts), arts, aliases=path, corpus_merge=True)
    assert out["source_name"].tolist() == ["Rami Abdel Rahman", "Abdel Rahman (Aleppo)"]
    assert out["name_method"].tolist() == ["span", "user_alias"]
