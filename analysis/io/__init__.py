"""Loading articles and gold annotations, checking them, writing outputs.

Public API: :func:`read_articles`, :func:`read_html`, :func:`parse_columns`,
:func:`read_polnear`, :func:`write_table`, :func:`atomic_write`,
:func:`assign_status`, :func:`check_markup`, :func:`rejected_rows`,
:func:`status_summary`, :func:`write_rejected`, :func:`mark_duplicates`; for corpora larger than memory
:func:`iter_articles` (chunks) and :class:`TableWriter` (appending output); for
report folders :func:`check_report`, :func:`read_manifest` and
:func:`clean_leftovers`.
"""

from analysis.io.articles import parse_columns, read_articles, split_date_header
from analysis.io.checks import assign_status, check_markup, rejected_rows, status_counts, status_summary
from analysis.io.duplicates import DuplicateMarker, mark_duplicates
from analysis.io.html import read_html
from analysis.io.polnear import read_polnear
from analysis.io.report_folder import check_report, clean_leftovers, read_manifest
from analysis.io.stream import TableWriter, iter_articles
from analysis.io.write import atomic_write, write_rejected, write_table

__all__ = [
    "DuplicateMarker",
    "TableWriter",
    "assign_status",
    "atomic_write",
    "check_markup",
    "check_report",
    "clean_leftovers",
    "iter_articles",
    "mark_duplicates",
    "parse_columns",
    "read_articles",
    "read_html",
    "read_manifest",
    "read_polnear",
    "rejected_rows",
    "split_date_header",
    "status_counts",
    "status_summary",
    "write_rejected",
    "write_table",
]
