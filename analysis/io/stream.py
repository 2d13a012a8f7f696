"""Reading articles and writing tables chunk by chunk, in bounded memory.

:func:`iter_articles` yields the same rows as :func:`analysis.io.read_articles`
(same column mapping, date parsing, ``<id>~2`` renaming of repeated ids, same
validation), but a chunk at a time: Parquet in row-group batches (pyarrow),
CSV with pandas ``chunksize``, JSONL line by line, ``.txt`` folders a batch of
files at a time. :class:`TableWriter` appends chunks to one Parquet or CSV file
and moves it into place when closed, so an interrupted run leaves no truncated
output.
"""

from __future__ import annotations

import codecs
import json
import os
import tempfile
import warnings
from collections.abc import Iterator, Mapping
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.io.articles import _TABLE_SUFFIXES, METADATA_FILE, read_articles, read_text_file
from analysis.io.checks import assign_status
from analysis.schema import validate_articles

#: Articles per chunk unless told otherwise.
CHUNK_SIZE = 1000

_CSV_OPTIONS = {"dtype": str, "keep_default_na": False, "na_values": [""]}


def _csv_encoding(path: Path) -> str:
    """``"utf-8"`` when the whole file decodes as UTF-8, else ``"latin-1"`` (as read_articles falls back)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                decoder.decode(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "latin-1"
    return "utf-8"


def _iter_csv(path: Path, chunk_size: int) -> Iterator[pd.DataFrame]:
    with pd.read_csv(path, chunksize=chunk_size, encoding=_csv_encoding(path), **_CSV_OPTIONS) as reader:
        yield from reader


def _iter_jsonl(path: Path, chunk_size: int) -> Iterator[pd.DataFrame]:
    rows: list[dict] = []
    with path.open(encoding="utf-8", errors="replace") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise ValueError(f"{path.name} line {lineno}: not valid JSON ({err.msg})") from err
            if len(rows) == chunk_size:
                yield pd.DataFrame(rows)
                rows = []
    if rows:
        yield pd.DataFrame(rows)


def _iter_parquet(path: Path, chunk_size: int) -> Iterator[pd.DataFrame]:
    # Without pre-buffering and with a buffered stream, pyarrow reads pages as
    # needed: memory stays flat even for one huge row group (pre-buffering
    # keeps what it read until the file is closed).
    parquet = pq.ParquetFile(path, pre_buffer=False, buffer_size=1 << 20)
    for batch in parquet.iter_batches(batch_size=chunk_size):
        yield batch.to_pandas()


def _iter_table(path: Path, chunk_size: int) -> Iterator[pd.DataFrame]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _iter_csv(path, chunk_size)
    if suffix in (".jsonl", ".json"):
        return _iter_jsonl(path, chunk_size)
    if suffix in (".parquet", ".pq"):
        return _iter_parquet(path, chunk_size)
    raise ValueError(f"{path.name}: unsupported file type {suffix!r}; use .csv, .jsonl, .parquet or .txt")


def _iter_text_files(folder: Path, chunk_size: int) -> Iterator[pd.DataFrame]:
    """``.txt`` articles of a folder, ``chunk_size`` files at a time, with ``metadata.csv`` joined."""
    texts = sorted(folder.glob("*.txt"))
    meta = None
    meta_path = folder / METADATA_FILE
    if texts and meta_path.exists():
        meta = pd.read_csv(meta_path, **_CSV_OPTIONS)
        if "article_id" not in meta.columns:
            raise ValueError(f"{meta_path.name} is missing required column(s) ['article_id']; found {list(meta.columns)}")
        meta = meta.set_index("article_id")
    for start in range(0, len(texts), chunk_size):
        txt = pd.DataFrame([read_text_file(p) for p in texts[start: start + chunk_size]])
        for col in [] if meta is None else meta.columns:
            # As in read_articles: metadata wins, the file's own date header fills its gaps.
            txt[col] = txt["article_id"].map(meta[col]).combine_first(txt.get(col, pd.Series(index=txt.index)))
        yield txt


def _iter_raw(path: Path, chunk_size: int) -> Iterator[pd.DataFrame]:
    """Raw frames of at most ``chunk_size`` rows, in the order read_articles concatenates them."""
    if path.is_dir():
        found = False
        for frame in _iter_text_files(path, chunk_size):
            found = True
            yield frame
        for p in sorted(path.iterdir()):
            if p.suffix.lower() in _TABLE_SUFFIXES and p.name != METADATA_FILE:
                found = True
                yield from _iter_table(p, chunk_size)
        if not found:
            raise ValueError(f"{path} holds no articles (.txt, .csv, .jsonl or .parquet files)")
    elif path.suffix.lower() == ".txt":
        yield pd.DataFrame([read_text_file(path)])
    else:
        yield from _iter_table(path, chunk_size)


class _IdRenamer:
    """Renames repeated ``article_id``s ``<id>~2``, ``<id>~3``... across chunks, as read_articles does at once."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}
        self.renamed_rows: list[int] = []

    def __call__(self, ids: pd.Series, *, first_row: int) -> pd.Series:
        out = []
        for i, value in enumerate(ids.astype("string")):
            if value is pd.NA:
                out.append(value)
                continue
            n = self.seen.get(value, 0) + 1
            self.seen[value] = n
            if n > 1:
                self.renamed_rows.append(first_row + i)
            out.append(value if n == 1 else f"{value}~{n}")
        return pd.Series(out, index=ids.index, dtype="string")


def iter_articles(
    path: Path | str,
    *,
    columns: Mapping[str, str] | None = None,
    outlet: str | None = None,
    chunk_size: int = CHUNK_SIZE,
    duplicate_ids: str = "suffix",
) -> Iterator[pd.DataFrame]:
    """Read articles chunk by chunk; the chunks together equal :func:`~analysis.io.read_articles`.

    Memory holds one chunk at a time plus the set of ids seen so far (to
    rename repeats across chunks).

    Args:
        path: a ``.csv``, ``.jsonl``, ``.parquet`` or ``.txt`` file, or a folder of them.
        columns: maps our column names to the file's, e.g. ``{"text": "article_content"}``.
        outlet: outlet to use where the input gives none.
        chunk_size: rows per chunk (a chunk never spans two files).
        duplicate_ids: ``"suffix"`` (rename repeats ``<id>~2``..., with one
            warning at the end naming the rows) or ``"error"``.

    Yields:
        Articles tables following :data:`analysis.schema.ARTICLES`.

    Raises:
        FileNotFoundError: if ``path`` does not exist.
        ValueError: on a missing ``text`` column, bad rows or repeated ids
            (with ``duplicate_ids="error"``); the message names the row
            counted from the start of the input.

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
    if not (path.is_file() and path.suffix.lower() in (".parquet", ".pq")):
        # Text formats go through read_articles, which accounts for every line
        # (broken rows rejected with their line, replaced bytes counted); only
        # Parquet is read a row group at a time. Corpora larger than memory: use Parquet.
        articles = read_articles(path, columns=columns, outlet=outlet, duplicate_ids=duplicate_ids)
        for start in range(0, len(articles), chunk_size):
            yield articles.iloc[start: start + chunk_size]
        return
    rename = _IdRenamer()
    first_row = 0
    for df in _iter_raw(path, chunk_size):
        if columns:
            missing = sorted(theirs for theirs in columns.values() if theirs not in df.columns)
            if missing:
                raise ValueError(f"{path.name}: mapped column(s) {missing} not found; found {list(df.columns)}")
            df = df.rename(columns={theirs: ours for ours, theirs in columns.items()})
        if "article_id" not in df.columns:
            df["article_id"] = [str(first_row + i) for i in range(len(df))]
        if duplicate_ids == "suffix":
            df["article_id"] = rename(df["article_id"], first_row=first_row)
        if outlet is not None:
            df["outlet"] = df["outlet"].fillna(outlet) if "outlet" in df.columns else outlet
        if "published" in df.columns:
            df["published"] = pd.to_datetime(df["published"], errors="coerce", format="mixed")
        try:
            chunk = assign_status(validate_articles(df))
        except ValueError as err:
            raise ValueError(f"{path.name}, chunk starting at input row {first_row}: {err}") from err
        if duplicate_ids == "error":
            # Within a chunk validate_articles already refused repeats.
            for i, value in enumerate(chunk["article_id"]):
                if value in rename.seen:
                    raise ValueError(f"articles row {first_row + i}: field 'article_id' is duplicated ({value!r})")
                rename.seen[value] = 1
        first_row += len(chunk)
        yield chunk
    rows = rename.renamed_rows
    if rows:
        warnings.warn(
            f"{path.name}: {len(rows)} row(s) repeat an earlier article_id and were renamed <id>~N "
            f"(rows {rows[:10]}{' ...' if len(rows) > 10 else ''})",
            stacklevel=2,
        )


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

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> with TableWriter(target) as out:
    ...     out.write(pd.DataFrame({"a": [1]}))
    ...     out.write(pd.DataFrame({"a": [2]}))
    >>> target.read_text().split()
    ['a', '1', '2']
    """

    def __init__(self, path: Path | str, *, empty: pd.DataFrame | None = None) -> None:
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
        self._schema: pa.Schema | None = None
        self._started = False

    def write(self, df: pd.DataFrame) -> None:
        """Append the rows of ``df``."""
        if self.kind == "parquet":
            if self._parquet is None:
                self._schema = pa.Schema.from_pandas(df, preserve_index=False)
                self._parquet = pq.ParquetWriter(self._tmp, self._schema)
            # One thread: chunks are small, and parallel runs already use every core.
            self._parquet.write_table(pa.Table.from_pandas(df, schema=self._schema, preserve_index=False, nthreads=1))
        else:
            df.to_csv(self._tmp, mode="a" if self._started else "w", header=not self._started, index=False)
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
