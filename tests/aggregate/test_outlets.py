from __future__ import annotations

import pandas as pd
import pytest

from analysis.aggregate import summarize_outlets
from analysis.pipeline import run_pipeline


def test_counts_add_up_on_the_sample(sample_articles):
    result = run_pipeline(sample_articles)
    assert len(result.scored) == len(sample_articles)
    assert result.outlets["n_articles"].sum() == len(sample_articles)
    shares = [c for c in result.outlets.columns if c.startswith("share_")]
    values = result.outlets[shares]
    # A missing value (an interval one article cannot give) is no share out of range.
    assert (values.isna() | ((values >= 0) & (values <= 1))).all().all()


def test_sample_outlets_differ_as_written(sample_articles):
    outlets = run_pipeline(sample_articles).outlets.set_index("outlet")
    assert outlets["share_anonymous"].idxmax() == "Harbour Ledger"
    assert outlets["share_agency"].idxmax() == "Northgate Wire Review"
    assert outlets["share_relayed"].idxmax() == "Eastline Post"
    assert outlets["transparency_score"].idxmin() == "Harbour Ledger"


def test_missing_outlet_is_grouped_not_dropped():
    scored = pd.DataFrame({"outlet": ["A", None], "n_attributions": [1, 0], "transparency_score": [50.0, 0.0]})
    out = summarize_outlets(scored)
    assert out["n_articles"].sum() == 2
    assert "(unknown outlet)" in out["outlet"].tolist()


def test_missing_columns_are_named():
    with pytest.raises(ValueError, match="n_attributions"):
        summarize_outlets(pd.DataFrame({"outlet": ["A"]}))
