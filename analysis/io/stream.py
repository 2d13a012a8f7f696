"""Reading articles and writing tables chunk by chunk, in bounded memory.

:func:`iter_articles` yields the same rows as :func:`analysis.io.read_articles`
(same column mapping, date parsing, ``<id>~2`` renaming of repeated ids, same
statuses and reasons), but a chunk at a time: Parquet in row batches
(pyarrow), the text formats read whole first so that every line is accounted
for. :class:`TableWriter` appends chunks to one Parquet or CSV file and moves
it into place when closed, so an interrupted run leaves no truncated output.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.io.articles import _own_safe, _plain_values, finish_articles, read_articles, settle_ids, warn_dates
from analysis.io.write import to_csv

#: Articles per chunk unless told otherwise.
CHUNK_SIZE = 1000


def _iter_parquet(
    path: Path, *, columns: Mapping[str, str] | None, outlet: str | None, chunk_size: int, duplicate_ids: str
) -> Iterator[pd.DataFrame]:
    """A Parquet file's articles a batch at a time, with what :func:`read_articles` gives each row.

    The id column alone is read first (a column of a column store is cheap),
    so that repeated and missing ids get the names they get in one pass; the
    other columns are then read a batch at a time.
    """
    # Without pre-buffering and with a buffered stream, pyarrow reads pages as
    # needed: memory stays flat even for one huge row group (pre-buffering
    # keeps what it read until the file is closed).
    parquet = pq.ParquetFile(path, pre_buffer=False, buffer_size=1 << 20)
    n_rows = parquet.metadata.num_rows
    if not n_rows:
        raise ValueError(f"{path.name} holds no rows")
    raw_names = {_own_safe(str(c)): str(c) for c in parquet.schema_arrow.names}
    id_name = (columns or {}).get("article_id", "article_id")
    refs = pd.Series([f"{path.name} row {i + 1}" for i in range(n_rows)], dtype="string")
    head = pd.DataFrame({"input_ref": refs})
    if id_name in raw_names:
        head["article_id"] = _plain_values(parquet.read(columns=[raw_names[id_name]]).to_pandas()).iloc[:, 0]
    ids = settle_ids(head, name=path.name, duplicate_ids=duplicate_ids)
    dates: list[str] = []
    first = 0
    for batch in parquet.iter_batches(batch_size=chunk_size):
        df = batch.to_pandas()
        df.columns = [_own_safe(str(c)) for c in df.columns]
        stop = first + len(df)
        df = df.assign(input_ref=refs.iloc[first:stop].to_numpy(), n_replaced_chars=0)
        yield finish_articles(df, name=path.name, columns=columns, outlet=outlet, duplicate_ids=duplicate_ids,
                              ids=tuple(part.iloc[first:stop] for part in ids), dates=dates)
        first = stop
    if dates:
        warn_dates(path.name, dates)


def iter_articles(
    path: Path | str,
    *,
    columns: Mapping[str, str] | None = None,
    outlet: str | None = None,
    chunk_size: int = CHUNK_SIZE,
    duplicate_ids: str = "suffix",
) -> Iterator[pd.DataFrame]:
    """Read articles chunk by chunk; the chunks together equal :func:`~analysis.io.read_articles`.

    A Parquet file is read a batch of rows at a time (memory holds one chunk
    and the file's ids); other inputs are read whole by
    :func:`~analysis.io.read_articles`, which accounts for every line, and
    handed out in chunks. Every row gets the same status, reason, id and
    warnings in either way.

    Args:
        path: a ``.csv``, ``.jsonl``, ``.parquet`` or ``.txt`` file, or a folder of them.
        columns: maps our column names to the file's, e.g. ``{"text": "article_content"}``.
        outlet: outlet to use where the input gives none.
        chunk_size: rows per chunk.
        duplicate_ids: ``"suffix"`` (rename repeats ``<id>~2``..., with one
            warning naming the rows) or ``"error"``.

    Yields:
        Articles tables following :data:`analysis.schema.ARTICLES`.

    Raises:
        FileNotFoundError: if ``path`` does not exist.
        ValueError: on a missing ``text`` column or repeated ids (with
            ``duplicate_ids="error"``), naming the file.

    >>> from analysis.config import SAMPLE_DIR
    >>> [len(chunk) for chunk in iter_articles(SAMPLE_DIR, chunk_size=30)]
    [30, 11]
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no such file or folder: {path}")
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1, got {chunk_size}")
    if duplicate_ids not in ("suffix", "error"):
        raise ValueError(f"duplicate_ids must be 'suffix' or 'error', got {duplicate_ids!r}")
    if path.is_file() and path.suffix.lower() in (".parquet", ".pq"):
        yield from _iter_parquet(path, columns=columns, outlet=outlet, chunk_size=chunk_size,
                                 duplicate_ids=duplicate_ids)
        return
    # Corpora larger than memory: use Parquet.
    articles = read_articles(path, columns=columns, outlet=outlet, duplicate_ids=duplicate_ids)
    for start in range(0, len(articles), chunk_size):
        yield articles.iloc[start: start + chunk_size]


class TableWriter:
    """Append DataFrame chunks to one ``.parquet`` or ``.csv`` file.

    Rows go to a temporary file beside ``path``, which replaces ``path`` on
    :meth:`close` (or on leaving a ``with`` block without error); an error
    removes it. Parquet chunks become row groups of one file (pyarrow
    ``ParquetWriter``, schema from the first chunk); CSV chunks are appended
    after one header.

    Args:
        path: the output file.
        empty: the zero-row table to write if no chunk arrives (gives the
            columns and, for Parquet, the schema).
        schema: the Parquet schema of every chunk; by default the first
            chunk's (give it when a column can be all missing in one chunk and
            hold lists or text in another).

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> with TableWriter(target) as out:
    ...     out.write(pd.DataFrame({"a": [1]}))
    ...     out.write(pd.DataFrame({"a": [2]}))
    >>> target.read_text().split()
    ['a', '1', '2']
    """

    def __init__(self, path: Path | str, *, empty: pd.DataFrame | None = None, schema: pa.Schema | None = None) -> None:
        self.path = Path(path)
        self.kind = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv"}.get(self.path.suffix.lower())
        if self.kind is None:
            raise ValueError(f"{self.path.name}: write .csv or .parquet")
        self.empty = empty if empty is not None else pd.DataFrame()
        self.rows = 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self._tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
        os.close(fd)
        self._parquet: pq.ParquetWriter | None = None
        self._schema: pa.Schema | None = schema
        self._started = False

    def write(self, df: pd.DataFrame) -> None:
        """Append the rows of ``df``."""
        if self.kind == "parquet":
            if self._parquet is None:
                if self._schema is None:
                    self._schema = pa.Schema.from_pandas(df, preserve_index=False)
                self._parquet = pq.ParquetWriter(self._tmp, self._schema)
            # One thread: chunks are small, and parallel runs already use every core.
            self._parquet.write_table(pa.Table.from_pandas(df, schema=self._schema, preserve_index=False, nthreads=1))
        else:
            to_csv(df, self._tmp, append=self._started)
        self._started = True
        self.rows += len(df)

    def close(self) -> Path:
        """Finish the file and move it onto ``path``."""
        if not self._started:
            self.write(self.empty)
        if self._parquet is not None:
            self._parquet.close()
        os.replace(self._tmp, self.path)
        # mkstemp made the file private; give it the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.path, 0o666 & ~umask)
        return self.path

    def abort(self) -> None:
        """Drop what was written; ``path`` is left as it was."""
        if self._parquet is not None:
            self._parquet.close()
        if os.path.exists(self._tmp):
            os.remove(self._tmp)

    def __enter__(self) -> "TableWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()
