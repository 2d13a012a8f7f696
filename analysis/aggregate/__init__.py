"""From per-article scores to per-outlet (and per-period) summaries with bootstrap intervals.

Public API: :func:`summarize_outlets`, :func:`bootstrap_mean_ci`, :func:`compare_outlets` (pairwise
differences with bootstrap intervals and Holm-adjusted p-values); for chunked runs
:func:`outlet_totals`, :func:`add_totals`, :func:`outlets_from_totals`,
:func:`source_mix_from_totals`.
"""

from analysis.aggregate.compare import compare_outlets
from analysis.aggregate.outlets import bootstrap_mean_ci, summarize_outlets
from analysis.aggregate.running import add_totals, outlet_totals, outlets_from_totals, source_mix_from_totals

__all__ = [
    "add_totals",
    "bootstrap_mean_ci",
    "compare_outlets",
    "outlet_totals",
    "outlets_from_totals",
    "source_mix_from_totals",
    "summarize_outlets",
]
