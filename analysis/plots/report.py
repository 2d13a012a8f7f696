"""Every report figure and table of one pipeline run, at report size, in the house style."""

from __future__ import annotations

from typing import NamedTuple

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from analysis.pipeline import PipelineResult, summarized
from analysis.plots.outlets import plot_anonymous_share, plot_score_distribution, plot_source_mix, source_mix
from analysis.plots.relay import plot_relay_network, relay_edges
from analysis.plots.sources import plot_source_heatmap, top_sources
from analysis.plots.style import house_style
from analysis.plots.time import FREQUENCIES, plot_shares_over_time, shares_over_time
from analysis.sources.identity import merge_corpus_names

#: Width of a report figure in inches: a page's text width.
REPORT_WIDTH = 6.5


class ReportFigure(NamedTuple):
    """One report figure and the data it plots."""

    name: str
    figure: Figure
    data: pd.DataFrame


def period_for(published: pd.Series) -> str:
    """The period (a key of :data:`~analysis.plots.time.FREQUENCIES`) that suits the span of ``published``.

    >>> period_for(pd.Series(pd.to_datetime(["2024-01-03", "2024-06-29"])))
    'month'
    """
    dates = pd.to_datetime(published, errors="coerce").dropna()
    if dates.empty:
        return "month"
    days = (dates.max() - dates.min()).days
    if days <= 120:
        return "week"
    if days <= 3 * 365:
        return "month"
    return "quarter" if days <= 5 * 365 else "year"


def _counts(outlets: pd.DataFrame) -> pd.Series | None:
    """Articles per outlet, by outlet, from an outlet summary."""
    if not {"outlet", "n_articles"} <= set(outlets.columns):
        return None
    return outlets.set_index(outlets["outlet"].astype(str))["n_articles"]


def _height(n_rows: int, *, per_row: float = 0.27, extra: float = 0.9) -> float:
    return extra + per_row * max(n_rows, 1)


def counted(result: PipelineResult, *, keep_duplicates: bool = False) -> PipelineResult:
    """The run's tables cut to the articles the outlet summary counts (no duplicates, no unread rows).

    >>> from analysis.pipeline import run_pipeline
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "X"], "text": ["Reuters said so."] * 2})
    >>> len(counted(run_pipeline(arts)).scored)
    1
    """
    articles = summarized(result.articles, keep_duplicates=keep_duplicates)
    ids = set(articles["article_id"].astype(str))
    attributions = result.attributions[result.attributions["article_id"].astype(str).isin(ids)]
    scored = result.scored[result.scored["article_id"].astype(str).isin(ids)]
    return PipelineResult(articles, attributions, scored, result.outlets)


def report_figures(result: PipelineResult, *, freq: str | None = None, top_n: int = 12,
                   keep_duplicates: bool = False) -> list[ReportFigure]:
    """Draw every report figure of a run; save them with :func:`analysis.plots.save_figure`.

    The figures count the articles the outlet summary counts: those with
    text to read, exact duplicates only with ``keep_duplicates``.

    Args:
        result: the tables of one run (:func:`analysis.pipeline.run_pipeline`).
        freq: period of the time plot (``"week"``, ``"month"``, ...); chosen
            from the span of the dates when omitted.
        top_n: sources in the outlet x source heatmap.
        keep_duplicates: count exact duplicate articles too.

    Returns:
        The figures, each with its name and the data it plots.

    >>> from analysis.io import read_articles
    >>> from analysis.pipeline import run_pipeline
    >>> from analysis.config import SAMPLE_DIR
    >>> figures = report_figures(run_pipeline(read_articles(SAMPLE_DIR)))
    >>> [f.name for f in figures][:2]
    ['source-mix-by-outlet', 'anonymous-share-by-outlet']
    """
    result = counted(result, keep_duplicates=keep_duplicates)
    freq = freq or period_for(result.scored["published"] if "published" in result.scored.columns else pd.Series())
    if freq not in FREQUENCIES:
        raise ValueError(f"freq must be one of {list(FREQUENCIES)}, got {freq!r}")
    n_outlets = max(len(result.outlets), 1)
    figures = []
    with house_style():
        mix = source_mix(result.attributions, result.articles)
        fig, ax = plt.subplots(figsize=(REPORT_WIDTH, _height(n_outlets, extra=1.5)))
        plot_source_mix(mix, n_articles=_counts(result.outlets), ax=ax)
        ax.set_title("Source-type mix by outlet")
        figures.append(ReportFigure("source-mix-by-outlet", fig, mix))

        fig, ax = plt.subplots(figsize=(REPORT_WIDTH * 0.8, _height(n_outlets, per_row=0.3)))
        plot_anonymous_share(result.outlets, ax=ax)
        ax.set_title("Anonymous and unnamed-official sources by outlet")
        cols = [c for c in result.outlets.columns
                if c in ("outlet", "n_articles", "small_sample")
                or c.startswith(("share_anonymous", "share_unnamed_official"))]
        figures.append(ReportFigure("anonymous-share-by-outlet", fig, result.outlets[cols]))

        # Over the whole corpus: one name per source across its articles, then the most cited.
        sources = top_sources(merge_corpus_names(result.attributions, result.articles), result.articles, n=top_n)
        fig, ax = plt.subplots(figsize=(REPORT_WIDTH, _height(n_outlets, per_row=0.3, extra=1.9)))
        plot_source_heatmap(sources, n_articles=_counts(result.outlets), ax=ax)
        ax.set_title(f"The {sources.shape[1]} most-cited sources, attributions by outlet")
        figures.append(ReportFigure("top-sources-by-outlet", fig, sources))

        edges = relay_edges(result.attributions, result.articles)
        layer_sizes = [edges.loc[edges["from_layer"] == "publisher", "from_node"].nunique(),
                       edges.loc[edges["to_layer"] == "origin", "to_node"].nunique(),
                       min(edges.loc[edges["to_layer"] == "relay", "to_node"].nunique(), 12)]
        fig, ax = plt.subplots(figsize=(REPORT_WIDTH, max(3.2, 0.6 + 0.34 * max(layer_sizes))))
        # Direct citations are the source-type mix's; here only what reached the publisher through other media.
        plot_relay_network(edges, direct=False, n_articles=_counts(result.outlets), ax=ax)
        ax.set_title("Relay network: sources cited through other media (edge labels = attributions)")
        figures.append(ReportFigure("relay-network", fig, edges))

        over_time = shares_over_time(result.scored, measure="share_anonymous", freq=freq)
        fig, ax = plt.subplots(figsize=(REPORT_WIDTH, 3.0))
        plot_shares_over_time(over_time, measure="share_anonymous", ax=ax)
        ax.set_title(f"Anonymous sources by {freq}")
        figures.append(ReportFigure(f"anonymous-share-by-{freq}", fig, over_time))

        fig, ax = plt.subplots(figsize=(REPORT_WIDTH * 0.8, _height(n_outlets, per_row=0.3)))
        plot_score_distribution(result.scored, measure="transparency_score", ax=ax)
        ax.set_title("Transparency score by outlet")
        cols = [c for c in ("outlet", "article_id", "transparency_score") if c in result.scored.columns]
        figures.append(ReportFigure("transparency-by-outlet", fig, result.scored[cols]))
    return figures


def report_tables(result: PipelineResult, *, top_n: int = 12) -> dict[str, pd.DataFrame]:
    """The report's tables by file name (without suffix): outlet summary, top sources, relay edges.

    >>> from analysis.io import read_articles
    >>> from analysis.pipeline import run_pipeline
    >>> from analysis.config import SAMPLE_DIR
    >>> sorted(report_tables(run_pipeline(read_articles(SAMPLE_DIR))))
    ['table-outlet-summary', 'table-relay-edges', 'table-top-sources-by-outlet']
    """
    return {
        "table-outlet-summary": result.outlets,
        "table-top-sources-by-outlet": top_sources(merge_corpus_names(result.attributions, result.articles),
                                                   result.articles, n=top_n).reset_index(),
        "table-relay-edges": relay_edges(result.attributions, result.articles),
    }
