"""The pipeline on Dask: the articles staged as partitioned Parquet, each partition scored on a worker.

Three steps, each in bounded memory, inside the run's staging folder
(:mod:`analysis.io.report_folder`):

1. :func:`stage_articles` reads the input once, chunk by chunk
   (:func:`analysis.io.iter_articles`: same column mapping, dates and
   ``<id>~2`` renaming as :func:`analysis.io.read_articles`) and writes the
   checked articles as a partitioned Parquet dataset, one file per chunk.
2. :func:`score_partitions` scores each partition on a worker
   (:func:`analysis.pipeline.score_chunk`), which writes the partition's
   tables (attributions, chains, rejected rows, scores) beside it.
3. The client joins them, in order, into the report files of the pandas
   engine (:func:`analysis.pipeline.finish_report`) and swaps them in with
   their manifest. A partition that failed leaves the old report in place;
   ``resume`` scores only the partitions still missing.

The tables equal those of :func:`analysis.pipeline.run_pipeline` (outlet means
up to floating-point rounding). On a cluster of several machines, the input
and the output folder must sit on storage every worker can reach.

>>> sorted(__all__)
['dask_client', 'dask_report', 'score_partitions', 'stage_articles']
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import dask
import pandas as pd

from analysis.io.stream import CHUNK_SIZE, iter_articles
from analysis.aggregate.outlets import MIN_ARTICLES
from analysis.io.duplicates import DuplicateMarker
from analysis.pipeline import (
    StreamedReport,
    chunk_done,
    finish_report,
    score_chunk,
    start_run,
    write_chunk,
)
from analysis.schema import ARTICLES, MAX_TEXT_CHARS, empty_frame
from analysis.scoring import ScoringConfig

__all__ = ["dask_client", "dask_report", "score_partitions", "stage_articles"]


@contextmanager
def dask_client(*, scheduler: str | None = None, n_workers: int | None = None) -> Iterator["distributed.Client"]:  # noqa: F821
    """A ``distributed.Client``: to ``scheduler`` if given, else to a local cluster of processes.

    The local cluster has ``n_workers`` single-threaded worker processes
    (default: one per core) and no dashboard; it is shut down on exit.

    Args:
        scheduler: address of a running scheduler, e.g. ``"tcp://10.0.0.5:8786"``.
        n_workers: worker processes of the local cluster.

    >>> with dask_client(n_workers=1) as client:  # doctest: +SKIP
    ...     len(client.scheduler_info()["workers"])
    1
    """
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        yield client


def stage_articles(
    path: Path | str | pd.DataFrame,
    folder: Path | str,
    *,
    columns: dict[str, str] | None = None,
    outlet: str | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Path:
    """Read ``path`` (or an articles table) chunk by chunk and write it as a partitioned Parquet dataset.

    Returns:
        ``folder``, holding ``part-00000.parquet``... (one per chunk; one
        empty partition when the input has no rows).

    >>> import tempfile
    >>> from analysis.config import SAMPLE_DIR
    >>> staged = stage_articles(SAMPLE_DIR, tempfile.mkdtemp(), chunk_size=30)
    >>> sorted(p.name for p in staged.iterdir())
    ['part-00000.parquet', 'part-00001.parquet']
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    if isinstance(path, pd.DataFrame):
        chunks = (path.iloc[i: i + chunk_size] for i in range(0, len(path), chunk_size))
    else:
        chunks = iter_articles(path, columns=columns, outlet=outlet, chunk_size=chunk_size)
    # Exact copies are marked here, in input order, as the pandas engine marks them.
    for n, chunk in enumerate(map(DuplicateMarker(), chunks), start=1):
        chunk.to_parquet(folder / f"part-{n - 1:05d}.parquet", index=False)
    if n == 0:
        empty_frame(ARTICLES).to_parquet(folder / "part-00000.parquet", index=False)
    return folder


def _score_partition(part: str, number: int, staging: str, config: ScoringConfig | None, max_chars: int,
                     aliases: str | None = None) -> int:
    """Score one staged partition and write its tables into the staging folder (runs on a worker)."""
    result = score_chunk(pd.read_parquet(part), config=config, max_chars=max_chars, aliases=aliases)
    write_chunk(staging, number, result)
    return len(result.scored)


def _clear(path: Path) -> None:
    """Remove an earlier output of either kind (single file or folder)."""
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def score_partitions(
    parts: list[Path | str], staging: Path | str, *, config: ScoringConfig | None = None,
    max_chars: int = MAX_TEXT_CHARS, aliases: Path | str | None = None,
) -> int:
    """Score each staged partition of articles on the current Dask scheduler; write its tables into ``staging``.

    Partitions a run already scored there (:func:`analysis.pipeline.chunk_done`) are skipped.

    Returns:
        The articles scored now.

    >>> import tempfile
    >>> folder = stage_articles(pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"],
    ...     "text": ["Reuters reported it.", "Nobody said."]}), tempfile.mkdtemp(), chunk_size=1)
    >>> with dask.config.set(scheduler="synchronous"):
    ...     score_partitions(sorted(folder.glob("part-*.parquet")), folder)
    2
    """
    aliases = str(Path(aliases).resolve()) if aliases is not None else None
    tasks = [dask.delayed(_score_partition)(str(part), number, str(staging), config, max_chars, aliases)
             for number, part in enumerate(parts) if not chunk_done(staging, number)]
    return int(sum(dask.compute(*tasks)))


def dask_report(
    path: Path | str,
    out: Path | str,
    *,
    columns: dict[str, str] | None = None,
    outlet: str | None = None,
    config: ScoringConfig | None = None,
    chunk_size: int = CHUNK_SIZE,
    max_chars: int = MAX_TEXT_CHARS,
    resume: bool = False,
    extra: Callable[[StreamedReport, Path], Mapping[str, int | None]] | None = None,
    aliases: Path | str | None = None,
    min_articles: int = MIN_ARTICLES,
    keep_duplicates: bool = False,
) -> StreamedReport:
    """The report of :func:`analysis.pipeline.stream_report`, scored on Dask.

    Call it inside :func:`dask_client` (or with any Dask scheduler set). The
    files are those of the pandas engine (``attributions.parquet``,
    ``chains.parquet``, ``articles_scored.csv``, ``outlets.csv``,
    ``rejected.csv``), swapped into ``out`` with their manifest once every
    partition is scored: a run that fails or is killed leaves the old report,
    and ``resume`` continues it from the partitions already scored.

    >>> import tempfile
    >>> from analysis.config import SAMPLE_DIR
    >>> with dask.config.set(scheduler="synchronous"):
    ...     dask_report(SAMPLE_DIR, tempfile.mkdtemp(), chunk_size=20).n_articles
    41
    """
    out, info, staging = start_run(path, out, engine="dask", resume=resume, aliases=aliases, columns=columns,
                                   outlet=outlet, config=config, chunk_size=chunk_size, max_chars=max_chars,
                                   min_articles=min_articles, keep_duplicates=keep_duplicates)
    articles = staging / "articles"
    done = staging / "articles.done"
    if not done.exists():
        _clear(articles)
        stage_articles(path, articles, columns=columns, outlet=outlet, chunk_size=chunk_size)
        done.touch()
    parts = sorted(articles.glob("part-*.parquet"))
    score_partitions(parts, staging, config=config, max_chars=max_chars, aliases=aliases)
    return finish_report(out, staging, len(parts), info=info, extra=extra, min_articles=min_articles,
                         keep_duplicates=keep_duplicates)
