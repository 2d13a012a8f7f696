"""Loading articles and gold annotations, checking them, writing outputs.

Public API: :func:`read_articles`, :func:`read_html`, :func:`parse_columns`,
:func:`read_polnear`, :func:`read_gold` (the annotated sets beyond English),
:func:`read_gold_jsonl`, :func:`write_table`, :func:`atomic_write`,
:func:`assign_status`, :func:`check_markup`, :func:`rejected_rows`,
:func:`status_summary`, :func:`status_line`, :func:`write_rejected`, the
language of each article (:func:`add_languages`, :func:`detect_language`,
:func:`normalize_language`); for corpora larger than memory
:func:`iter_articles` (chunks) and :class:`TableWriter` (appending output).
"""

from analysis.io.articles import parse_columns, read_articles, split_date_header
from analysis.io.checks import (
    assign_status,
    check_markup,
    rejected_rows,
    status_counts,
    status_line,
    status_summary,
)
from analysis.io.gold import read_gold, read_gold_jsonl
from analysis.io.html import read_html
from analysis.io.language import add_languages, detect_language, normalize_language
from analysis.io.polnear import read_polnear
from analysis.io.stream import TableWriter, iter_articles
from analysis.io.write import atomic_write, write_rejected, write_table

__all__ = [
    "TableWriter",
    "add_languages",
    "assign_status",
    "atomic_write",
    "check_markup",
    "detect_language",
    "iter_articles",
    "normalize_language",
    "parse_columns",
    "read_articles",
    "read_gold",
    "read_gold_jsonl",
    "read_html",
    "read_polnear",
    "rejected_rows",
    "split_date_header",
    "status_counts",
    "status_line",
    "status_summary",
    "write_rejected",
    "write_table",
]
