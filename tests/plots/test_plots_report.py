from __future__ import annotations

import pytest

from analysis.pipeline import run_pipeline
from analysis.plots import report_figures, report_tables


@pytest.fixture(scope="module")
def result(sample_articles):
    return run_pipeline(sample_articles)


def test_every_report_figure_has_its_data(result):
    figures = report_figures(result)
    names = [f.name for f in figures]
    assert names == ["source-mix-by-outlet", "anonymous-share-by-outlet", "top-sources-by-outlet", "relay-network",
                     "anonymous-share-by-month", "transparency-by-outlet"]
    for figure in figures:
        assert len(figure.data) > 0
        assert figure.figure.axes[0].get_title(loc="left")


def test_time_figure_follows_freq(result):
    assert "anonymous-share-by-week" in [f.name for f in report_figures(result, freq="week")]
    with pytest.raises(ValueError, match="freq"):
        report_figures(result, freq="decade")


def test_report_tables_keep_every_outlet(result):
    tables = report_tables(result)
    assert len(tables["table-outlet-summary"]) == result.articles["outlet"].nunique(dropna=False)
    assert len(tables["table-top-sources-by-outlet"]) == len(tables["table-outlet-summary"])
