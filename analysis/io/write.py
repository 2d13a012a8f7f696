"""Writing outputs atomically: a temporary file beside the target, then a rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd


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
        return atomic_write(path, lambda tmp: df.to_csv(tmp, index=False))
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
