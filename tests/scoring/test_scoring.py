from __future__ import annotations

import pandas as pd
import pytest

from analysis.scoring import SCORE_COLUMNS, ScoringConfig, attribution_transparency, score_articles


def _att(rows):
    return pd.DataFrame(rows, columns=["article_id", "source_text", "source_type", "source_name", "via"])


def test_every_article_gets_a_row_also_without_attributions():
    arts = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"]})
    att = _att([("a", "Reuters", "news_agency", "Reuters", None), ("c", "a source", "anonymous", None, None)])
    out = score_articles(arts, att)
    assert out["article_id"].tolist() == ["a", "b", "c"]
    b = out.set_index("article_id").loc["b"]
    assert b["n_attributions"] == 0 and b["transparency_score"] == 0 and pd.isna(b["share_anonymous"])
    assert set(SCORE_COLUMNS) <= set(out.columns)


def test_shares_counts_and_depth():
    arts = pd.DataFrame({"article_id": ["a"]})
    att = _att([
        ("a", "AFP", "news_agency", "AFP", None),
        ("a", "a senior official", "unnamed_official", None, "AFP"),
        ("a", "he", "named_person", "Lena Varga", None),
        ("a", "Varga", "named_person", "Lena Varga", None),
    ])
    row = score_articles(arts, att).iloc[0]
    assert row["n_attributions"] == 4
    assert row["n_sources"] == 3  # the pronoun and the surname are one person
    assert row["share_named"] == pytest.approx(0.75)
    assert row["share_unnamed_official"] == pytest.approx(0.25)
    assert row["share_agency"] == pytest.approx(0.25)
    assert row["share_relayed"] == pytest.approx(0.25)
    assert row["relay_depth_max"] == 2
    assert 0 <= row["transparency_score"] <= 100


def test_named_sources_score_above_anonymous_ones():
    arts = pd.DataFrame({"article_id": ["named", "anon"]})
    att = _att([
        ("named", "Lena Varga", "named_person", "Lena Varga", None),
        ("named", "Reuters", "news_agency", "Reuters", None),
        ("anon", "a source", "anonymous", None, None),
        ("anon", "another source", "anonymous", None, None),
    ])
    s = score_articles(arts, att).set_index("article_id")["transparency_score"]
    assert s["named"] > s["anon"]


def test_relay_lowers_transparency():
    att = _att([("a", "x", "unnamed_official", None, None), ("a", "x", "unnamed_official", None, "AFP")])
    direct, relayed = attribution_transparency(att)
    assert relayed < direct


def test_weights_file_is_checked(tmp_path):
    bad = tmp_path / "w.yaml"
    bad.write_text("type_transparency: {named_person: 1.0}\nweights: {}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="type_transparency lacks"):
        ScoringConfig.from_yaml(bad)


def test_inputs_not_mutated():
    arts = pd.DataFrame({"article_id": ["a"]})
    att = _att([("a", "AFP", "news_agency", "AFP", None)])
    before = att.copy()
    score_articles(arts, att)
    pd.testing.assert_frame_equal(att, before)


def test_missing_columns_are_named():
    with pytest.raises(ValueError, match="source_type"):
        score_articles(pd.DataFrame({"article_id": ["a"]}), pd.DataFrame({"article_id": ["a"], "source_text": ["x"]}))


def test_a_chunk_citing_nobody_still_gets_every_row():
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", None], "status": ["ok", "empty"]})
    out = score_articles(arts, _att([]))
    assert out["article_id"].tolist() == ["a", "b"]
    assert out["n_attributions"].tolist() == [0, 0] and not out["anonymous_cited"].any()
    assert out["transparency_score"].iloc[0] == 0 and pd.isna(out["transparency_score"].iloc[1])


def test_chains_given_or_computed_score_the_same(sample_articles):
    from analysis.pipeline import attribute
    from analysis.sources import relay_chains

    attributions = attribute(sample_articles, progress=False)
    given = score_articles(sample_articles, attributions, chains=relay_chains(attributions, sample_articles))
    pd.testing.assert_frame_equal(given, score_articles(sample_articles, attributions))


@pytest.mark.parametrize("weights", ["{source_transparency: 1.5, source_count: -0.5, source_diversity: 0}",
                                     "{source_transparency: 1.0, source_count: 0.5, source_diversity: -0.5}"])
def test_negative_weights_are_refused_even_when_they_add_up_to_one(tmp_path, weights):
    shipped = ScoringConfig.from_yaml()
    path = tmp_path / "w.yaml"
    path.write_text(f"type_transparency: {dict(shipped.type_transparency)}\nweights: {weights}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"w\.yaml: weights must not be negative"):
        ScoringConfig.from_yaml(path)


def test_scores_stay_within_0_and_100_whatever_the_weights():
    import dataclasses

    # Built directly, past the file checks: the score itself stays on its scale.
    odd = dataclasses.replace(ScoringConfig.from_yaml(), weights={"source_transparency": 1.5, "source_count": -0.5,
                                                                  "source_diversity": 0.0})
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "X"]})
    att = _att([("a", "a source", "anonymous", None, None), *[("b", f"P{i}", "named_person", f"P{i}", None)
                                                               for i in range(1)]])
    scores = score_articles(arts, att, config=odd)["transparency_score"]
    assert scores.between(0, 100).all()


@pytest.mark.parametrize("content", ["!!python/object/apply:os.system ['echo hi']\n", "weights: [unclosed\n",
                                     "- a list\n- of things\n"])
def test_unsafe_or_broken_weights_give_one_line_naming_the_file(tmp_path, capsys, content):
    from analysis.cli import main

    path = tmp_path / "evil.yaml"
    path.write_text(content, encoding="utf-8")
    assert main(["report", "data/sample", "--weights", str(path), "--out", str(tmp_path / "o"), "--no-progress"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("sourcescope: error: evil.yaml: ") and "\n" not in err and "Traceback" not in err
