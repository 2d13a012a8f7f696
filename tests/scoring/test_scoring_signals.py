"""W3C sourcing signals, IMI-style classes and the weights file."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.scoring import ScoringConfig, imi_class, score_articles
from analysis.scoring.config import DEFAULT_WEIGHTS_PATH


def _att(rows):
    return pd.DataFrame(rows, columns=["article_id", "source_text", "source_type", "source_name", "via"])


@pytest.mark.parametrize(
    "text, kind, name, expected",
    [
        ("Lena Varga", "named_person", "Lena Varga", "identified"),
        ("Reuters", "news_agency", "Reuters", "identified"),
        ("a ministry report", "document", None, "identified"),
        ("a senior Hamas official", "unnamed_official", None, "dubious"),
        ("experts", "unnamed_official", None, "dubious"),
        ("eyewitnesses", "anonymous", None, "dubious"),
        ("local media", "unknown", None, "dubious"),
        ("the media", "named_organization", None, "dubious"),
        ("a well-informed source", "anonymous", None, "anonymous"),
        ("people familiar with the matter", "anonymous", None, "anonymous"),
        ("they", "unknown", None, "dubious"),
    ],
)
def test_imi_class(text, kind, name, expected):
    df = pd.DataFrame({"source_text": [text], "source_type": [kind], "source_name": [name]})
    assert imi_class(df).iloc[0] == expected


@pytest.mark.parametrize(
    "rows, single",
    [
        ([("a source", "anonymous", None)], True),
        ([("a source", "anonymous", None), ("the source", "anonymous", None), ("Lena Varga", "named_person", "Lena Varga")], False),
        ([("a source", "anonymous", None), ("a source", "anonymous", None), ("Lena Varga", "named_person", "Lena Varga")], True),
        ([("a source", "anonymous", None), ("AFP", "news_agency", "AFP"), ("Lena Varga", "named_person", "Lena Varga")], False),
        ([("Lena Varga", "named_person", "Lena Varga")], False),
    ],
)
def test_single_anonymous_source_materially_cited(rows, single):
    att = _att([("a", t, k, n, None) for t, k, n in rows])
    row = score_articles(pd.DataFrame({"article_id": ["a"]}), att).iloc[0]
    assert bool(row["single_anonymous_source"]) is single
    assert bool(row["anonymous_cited"]) is any(k == "anonymous" for _, k, _ in rows)


def test_wire_service_counts_also_as_relay():
    arts = pd.DataFrame({"article_id": ["direct", "relayed", "none"]})
    att = _att([
        ("direct", "AFP", "news_agency", "AFP", None),
        ("relayed", "a diplomat", "unnamed_official", None, "Reuters"),
        ("none", "a diplomat", "unnamed_official", None, "BBC"),
    ])
    out = score_articles(arts, att).set_index("article_id")["cites_wire_service"]
    assert out.to_dict() == {"direct": True, "relayed": True, "none": False}


def test_articles_without_sources_have_false_flags_and_zero_counts():
    out = score_articles(pd.DataFrame({"article_id": ["x"]}), _att([])).iloc[0]
    assert not out["anonymous_cited"] and not out["cites_wire_service"] and not out["single_anonymous_source"]
    assert out["n_anonymous"] == 0 and out["n_rated"] == 0 and out["n_unrated"] == 0
    assert pd.isna(out["anonymous_dependency"]) and pd.isna(out["reliability"])


def test_imi_shares_add_up():
    att = _att([
        ("a", "AFP", "news_agency", "AFP", None),
        ("a", "experts", "unnamed_official", None, None),
        ("a", "a source", "anonymous", None, None),
        ("a", "an aide", "unnamed_official", None, None),
    ])
    row = score_articles(pd.DataFrame({"article_id": ["a"]}), att).iloc[0]
    total = row["share_imi_identified"] + row["share_imi_dubious"] + row["share_imi_anonymous"]
    assert total == pytest.approx(1.0)
    assert row["share_imi_dubious"] == pytest.approx(0.5)


def test_material_share_is_configurable(tmp_path):
    text = DEFAULT_WEIGHTS_PATH.read_text(encoding="utf-8").replace("material_share: 0.5", "material_share: 0.25")
    path = tmp_path / "w.yaml"
    path.write_text(text, encoding="utf-8")
    att = _att([("a", "a source", "anonymous", None, None)] + [("a", f"P{i}", "named_person", f"P{i}", None) for i in range(3)])
    arts = pd.DataFrame({"article_id": ["a"]})
    assert not score_articles(arts, att).iloc[0]["single_anonymous_source"]
    assert score_articles(arts, att, config=ScoringConfig.from_yaml(path)).iloc[0]["single_anonymous_source"]


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("unnamed_official: dubious", "unnamed_official: doubtful", "imi_classes values"),
        ("material_share: 0.5", "material_share: 1.5", "material_share"),
        ("A: 1.0,", "G: 1.0,", "grade_values"),
        ("  unknown: dubious\n", "\n", "imi_classes lacks"),
    ],
)
def test_bad_weights_are_named(tmp_path, old, new, message):
    text = DEFAULT_WEIGHTS_PATH.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "w.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        ScoringConfig.from_yaml(path)


def test_old_weights_files_still_load(tmp_path):
    # A weights file written before the IMI and reliability keys takes their defaults.
    text = DEFAULT_WEIGHTS_PATH.read_text(encoding="utf-8").split("# IMI-style classes")[0]
    path = tmp_path / "w.yaml"
    path.write_text(text, encoding="utf-8")
    cfg = ScoringConfig.from_yaml(path)
    assert cfg.imi_classes["anonymous"] == "anonymous" and cfg.grade_values["A"] == 1.0


def test_depth_follows_relays_through_the_article():
    arts = pd.DataFrame({"article_id": ["a"], "outlet": ["Eastline Post"]})
    att = _att([
        ("a", "Al Arabiya", "broadcaster", "Al Arabiya", "Sky News Arabia"),
        ("a", "a source", "anonymous", None, "Al Arabiya"),
    ])
    row = score_articles(arts, att).iloc[0]
    assert row["relay_depth_max"] == 3
    assert row["n_second_hand_anonymous"] == 1
    assert row["share_on_other_media"] == pytest.approx(1.0)
