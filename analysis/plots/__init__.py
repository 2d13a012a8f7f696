"""Report figures, seaborn-style (``plot_x(data, *, ..., ax=None) -> Axes``), and article highlighting.

Public API:

* data for plots: :func:`source_mix`, :func:`top_sources`, :func:`relay_edges`, :func:`shares_over_time`;
* axes-level plots: :func:`plot_source_mix`, :func:`plot_anonymous_share`, :func:`plot_source_heatmap`,
  :func:`plot_relay_network`, :func:`plot_shares_over_time`, :func:`plot_score_distribution`,
  :func:`plot_outlet_differences`;
* report: :func:`report_figures`, :func:`report_tables`, :func:`save_figure`;
* style: :func:`house_style`, :data:`TYPE_COLORS`;
* notebooks: :func:`highlight`, :func:`explore_articles`, :func:`articles_table`.
"""

from analysis.plots.compare import plot_outlet_differences
from analysis.plots.explorer import ArticleExplorer, articles_table, explore_articles
from analysis.plots.highlight import HighlightedArticle, highlight
from analysis.plots.outlets import plot_anonymous_share, plot_score_distribution, plot_source_mix, source_mix
from analysis.plots.relay import plot_relay_network, relay_edges
from analysis.plots.report import ReportFigure, period_for, report_figures, report_tables
from analysis.plots.save import save_figure
from analysis.plots.sources import plot_source_heatmap, top_sources
from analysis.plots.style import TYPE_COLORS, house_style
from analysis.plots.time import plot_shares_over_time, shares_over_time

__all__ = [
    "TYPE_COLORS",
    "ArticleExplorer",
    "HighlightedArticle",
    "ReportFigure",
    "articles_table",
    "explore_articles",
    "highlight",
    "house_style",
    "period_for",
    "plot_anonymous_share",
    "plot_outlet_differences",
    "plot_relay_network",
    "plot_score_distribution",
    "plot_shares_over_time",
    "plot_source_heatmap",
    "plot_source_mix",
    "relay_edges",
    "report_figures",
    "report_tables",
    "save_figure",
    "shares_over_time",
    "source_mix",
    "top_sources",
]
