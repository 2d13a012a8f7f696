"""Reliability priors: domain ratings, Admiralty grades, unrated counts, the CLI options."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import config
from analysis.cli import main
from analysis.scoring import ScoringConfig, attribution_reliability, read_grades, read_ratings, score_reliability


def _att(rows):
    return pd.DataFrame(rows, columns=["article_id", "source_text", "source_type", "source_name", "via"])


def test_shipped_ratings_cover_registry_domains():
    from analysis.sources import load_registry

    ratings = read_ratings()
    assert len(ratings) >= 150
    assert all(0 <= v <= 1 for v in ratings.values())
    assert set(ratings) <= set(load_registry()["domain"])


def test_shipped_ratings_agree_with_the_shared_table():
    if not config.DOMAIN_RATINGS_CSV.exists():
        pytest.skip("the domain-quality ratings are not available (../shared or SOURCESCOPE_SHARED)")
    full = read_ratings(config.DOMAIN_RATINGS_CSV)
    for domain, value in read_ratings().items():
        assert full[domain] == pytest.approx(value, abs=1e-4)


def test_grades_beat_domain_ratings_and_f_is_unrated(tmp_path):
    grades = tmp_path / "grades.csv"
    grades.write_text("name,grade\nReuters,C\nLena Varga,A\na source,F\n", encoding="utf-8")
    cfg = ScoringConfig.from_yaml().with_sources(grades=grades)
    att = _att([
        ("a", "Reuters", "news_agency", "Reuters", None),
        ("a", "Finance Minister Lena Varga", "named_person", "Lena Varga", None),
        ("a", "a source", "anonymous", None, None),
        ("a", "AP", "news_agency", "AP", None),
    ])
    values = attribution_reliability(att, config=cfg).tolist()
    assert values[:2] == [0.6, 1.0]
    assert pd.isna(values[2])
    assert values[3] == pytest.approx(read_ratings()["apnews.com"])
    row = score_reliability(pd.DataFrame({"article_id": ["a"]}), att, config=cfg).iloc[0]
    assert (row["n_rated"], row["n_unrated"]) == (3, 1)
    assert row["reliability"] == pytest.approx((0.6 + 1.0 + read_ratings()["apnews.com"]) / 3)


def test_relayed_source_takes_the_relay_rating_only_when_configured(tmp_path):
    att = _att([("a", "an aide", "unnamed_official", None, "Reuters")])
    assert attribution_reliability(att).iloc[0] == pytest.approx(read_ratings()["reuters.com"])
    path = tmp_path / "w.yaml"
    text = (config.PROJ_ROOT / "analysis/scoring/default_weights.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("relayed_takes_relay_rating: true", "relayed_takes_relay_rating: false"), encoding="utf-8")
    assert pd.isna(attribution_reliability(att, config=ScoringConfig.from_yaml(path)).iloc[0])


def test_users_ratings_replace_the_shipped_ones(tmp_path):
    ratings = tmp_path / "r.csv"
    ratings.write_text("domain,pc1\nwww.reuters.com,0.25\n", encoding="utf-8")
    att = _att([("a", "Reuters", "news_agency", "Reuters", None), ("a", "AP", "news_agency", "AP", None)])
    values = attribution_reliability(att, config=ScoringConfig.from_yaml().with_sources(ratings=ratings)).tolist()
    assert values[0] == 0.25 and pd.isna(values[1])


@pytest.mark.parametrize(
    "reader, content, message",
    [
        (read_ratings, "domain,pc1\nx.com,1.5\n", "row 2: field 'pc1'"),
        (read_ratings, "site,score\nx.com,0.5\n", "missing required column"),
        (read_grades, "name,grade\nReuters,Z\n", "row 2: field 'grade'"),
    ],
)
def test_bad_rating_files_name_the_row(tmp_path, reader, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        reader(path)


def test_cli_takes_ratings_and_grades(tmp_path, capsys):
    grades = tmp_path / "grades.csv"
    grades.write_text("name,grade\nAl Qahera News,D\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["report", str(config.EXAMPLE_ARTICLE), "--outlet", "UNN", "--out", str(out), "--grades", str(grades),
                 "--no-progress"]) == 0
    scored = pd.read_csv(out / "articles_scored.csv")
    # Al Qahera News and the source it relayed are now rated.
    assert scored["n_rated"].iloc[0] == 4
    assert "attributions had no rating" in capsys.readouterr().out
    chains = pd.read_parquet(out / "chains.parquet")
    assert "UNN > Al Qahera News > well-informed source" in chains["chain"].tolist()
    bad = tmp_path / "nope.csv"
    assert main(["report", str(config.EXAMPLE_ARTICLE), "--out", str(out), "--ratings", str(bad)]) == 2
