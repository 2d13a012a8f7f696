"""Writing outputs atomically: a temporary file beside the target, then a rename.

Every CSV we write goes through :func:`to_csv`: each record ends in ``\r\n``
(RFC 4180), so that a field holding a lone ``\r`` or ``\n`` is quoted, and a
text cell that a spreadsheet would run as a formula (one starting with ``=``,
``+``, ``-`` or ``@``) gets a leading ``'`` (:func:`escape_formula`), which
:func:`analysis.io.read_articles` removes again.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

#: A cell a spreadsheet reads as a formula, after any quotes an earlier escape added.
_FORMULA = re.compile(r"\A'*[=+\-@]")
#: What :func:`escape_formula` adds in front of such a cell.
_ESCAPED_FORMULA = re.compile(r"\A'(?='*[=+\-@])")
#: The record separator of our CSV files: fields holding ``\r`` or ``\n`` are then quoted.
CSV_LINE_END = "\r\n"


def escape_formula(value: object) -> object:
    """``value`` with a leading ``'`` when a spreadsheet would run it as a formula (OWASP's advice).

    A value that already starts with quotes before such a character gets one
    more, so that :func:`unescape_formula` gives back every value unchanged.

    >>> [escape_formula(v) for v in ["=SUM(A1)", "-2 dead", "'=x", "Reuters", 3]]
    ["'=SUM(A1)", "'-2 dead", "''=x", 'Reuters', 3]
    """
    if isinstance(value, str) and _FORMULA.match(value):
        return "'" + value
    return value


def unescape_formula(value: object) -> object:
    """Undo :func:`escape_formula`.

    >>> [unescape_formula(v) for v in ["'=SUM(A1)", "''=x", "'quoted'", None]]
    ['=SUM(A1)', "'=x", "'quoted'", None]
    """
    if isinstance(value, str) and value.startswith("'"):
        return _ESCAPED_FORMULA.sub("", value, count=1)
    return value


def csv_cells(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with its text cells escaped for CSV by :func:`escape_formula` (numbers stay numbers).

    >>> csv_cells(pd.DataFrame({"id": ["=1+1", "a"], "n": [-1, 2]})).values.tolist()
    [["'=1+1", -1], ['a', 2]]
    """
    out = None
    for col in df.columns:
        series = df[col]
        if series.dtype == object or isinstance(series.dtype, (pd.StringDtype, pd.CategoricalDtype)):
            values = series.astype(object)
            changed = values.map(lambda v: isinstance(v, str) and _FORMULA.match(v) is not None).astype(bool)
            if changed.any():
                out = df.copy() if out is None else out
                out[col] = values.where(~changed, "'" + values[changed].astype(str))
    return df if out is None else out


def to_csv(df: pd.DataFrame, path: Path | str, *, append: bool = False) -> None:
    """Write (or append) ``df`` as our CSV files are written: quoted as needed, formula cells escaped.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> to_csv(pd.DataFrame({"title": ["a\\rb", "=cmd"]}), p)
    >>> p.read_bytes().split(b"\\r\\n")
    [b'title', b'"a\\rb"', b"'=cmd", b'']
    """
    csv_cells(df).to_csv(path, mode="a" if append else "w", header=not append, index=False,
                         lineterminator=CSV_LINE_END)


def atomic_write(path: Path | str, write: Callable[[str], object]) -> Path:
    """Call ``write(tmp_path)`` and move the result onto ``path``.

    An interrupted run leaves the old file (or none), never a truncated one.
    The file gets the permissions the user's umask gives a new file (the
    temporary file it was written to is private).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> atomic_write(p, lambda tmp: pathlib.Path(tmp).write_text("hi")).read_text()
    'hi'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(tmp)
        # mkstemp made the file private; give it the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return path


def write_table(df: pd.DataFrame, path: Path | str) -> Path:
    """Write ``df`` as CSV or Parquet by the file's suffix, atomically."""
    path = Path(path)
    if path.suffix.lower() in (".parquet", ".pq"):
        return atomic_write(path, lambda tmp: df.to_parquet(tmp, index=False))
    if path.suffix.lower() == ".csv":
        return atomic_write(path, lambda tmp: to_csv(df, tmp))
    raise ValueError(f"{path.name}: write .csv or .parquet")


def write_rejected(articles: pd.DataFrame, path: Path | str) -> Path | None:
    """Write the ``rejected`` rows of ``articles`` to ``path`` (CSV), or remove a stale file when there are none.

    Each row gives where it was (``input_ref``: file and line), the id it was
    given, the reason and the start of its raw line (:data:`analysis.schema.REJECTED`).

    Returns:
        The path written, or ``None`` when nothing was rejected.

    >>> import tempfile, pathlib
    >>> arts = pd.DataFrame({"article_id": ["a"], "text": [""], "status": ["rejected"],
    ...     "reason": ["line 2: 3 field(s) where the header has 2"], "input_ref": ["c.csv line 2"]})
    >>> write_rejected(arts, pathlib.Path(tempfile.mkdtemp()) / "rejected.csv").name
    'rejected.csv'
    """
    from analysis.io.checks import rejected_rows

    path = Path(path)
    rows = rejected_rows(articles)
    if not len(rows):
        path.unlink(missing_ok=True)
        return None
    return write_table(rows, path)
