"""The pipeline on Dask: partitioned Parquet in, partitioned Parquet out.

Three steps, each in bounded memory:

1. :func:`stage_articles` reads the input once, chunk by chunk
   (:func:`analysis.io.iter_articles`: same column mapping, dates and
   ``<id>~2`` renaming as :func:`analysis.io.read_articles`) and writes the
   checked articles as a partitioned Parquet dataset, one file per chunk.
2. :func:`score_partitions` opens that dataset as a Dask DataFrame and scores
   each partition on a worker (:func:`analysis.pipeline.score_chunk`); each
   worker writes its partition of ``attributions.parquet/`` and
   ``articles_scored.parquet/`` and sends back only the small per-outlet
   totals.
3. The client adds the totals into ``outlets.csv`` and appends the scored
   partitions, in order, into ``articles_scored.csv``.

The tables equal those of :func:`analysis.pipeline.run_pipeline` (outlet means
up to floating-point rounding). On a cluster of several machines, the input
and the output folder must sit on storage every worker can reach.

>>> sorted(__all__)
['dask_client', 'dask_report', 'score_partitions', 'stage_articles']
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dask
import dask.dataframe as dd
import pandas as pd
import pyarrow.parquet as pq

from analysis.aggregate import add_totals
from analysis.aggregate.running import outlet_totals
from analysis.io.duplicates import DuplicateMarker
from analysis.io.stream import CHUNK_SIZE, TableWriter, iter_articles
from analysis.io.write import write_table
from analysis.pipeline import StreamedReport, empty_scored, score_chunk, summarize_scored_file, summarized
from analysis.schema import ARTICLES, empty_frame
from analysis.scoring import ScoringConfig

__all__ = ["dask_client", "dask_report", "score_partitions", "stage_articles"]

#: Partitioned outputs beside the single-file ones.
ATTRIBUTIONS_DIR = "attributions.parquet"
SCORED_DIR = "articles_scored.parquet"


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
    path: Path | str,
    folder: Path | str,
    *,
    columns: dict[str, str] | None = None,
    outlet: str | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Path:
    """Read ``path`` chunk by chunk and write it as a partitioned Parquet dataset of checked articles.

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
    # Exact duplicates are found here, in input order, before the partitions are scored apart.
    marker = DuplicateMarker()
    for n, chunk in enumerate(iter_articles(path, columns=columns, outlet=outlet, chunk_size=chunk_size), start=1):
        marker(chunk).to_parquet(folder / f"part-{n - 1:05d}.parquet", index=False)
    if n == 0:
        empty_frame(ARTICLES).to_parquet(folder / "part-00000.parquet", index=False)
    return folder


def _score_partition(articles: pd.DataFrame, number: int, out: str, config: ScoringConfig | None) -> pd.DataFrame:
    """Score one partition, write its two output partitions, return its outlet totals (runs on a worker)."""
    result = score_chunk(articles, config=config)
    name = f"part-{number:05d}.parquet"
    write_table(result.attributions, Path(out) / ATTRIBUTIONS_DIR / name)
    write_table(result.scored, Path(out) / SCORED_DIR / name)
    return outlet_totals(summarized(result.scored), result.attributions)


def _clear(path: Path) -> None:
    """Remove an earlier output of either kind (single file or partitioned folder)."""
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def score_partitions(articles: dd.DataFrame, out: Path | str, *, config: ScoringConfig | None = None) -> pd.DataFrame:
    """Score every partition of a Dask DataFrame of articles; write partitioned outputs into ``out``.

    Runs on the current Dask scheduler (the ``distributed.Client`` in use, if any).

    Returns:
        The per-outlet totals (:func:`analysis.aggregate.outlet_totals`) of the whole corpus.

    >>> import tempfile
    >>> arts = dd.from_pandas(pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"],
    ...     "text": ["Reuters reported it.", "Nobody said."]}), npartitions=2)
    >>> score_partitions(arts, tempfile.mkdtemp())["n_articles"].tolist()
    [1.0, 1.0]
    """
    out = Path(out)
    for name in (ATTRIBUTIONS_DIR, SCORED_DIR):
        _clear(out / name)
        (out / name).mkdir(parents=True)
    tasks = [dask.delayed(_score_partition)(part, i, str(out), config) for i, part in enumerate(articles.to_delayed())]
    return add_totals(*dask.compute(*tasks))


def dask_report(
    path: Path | str,
    out: Path | str,
    *,
    columns: dict[str, str] | None = None,
    outlet: str | None = None,
    config: ScoringConfig | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> StreamedReport:
    """The report tables of :func:`analysis.pipeline.stream_report`, computed on Dask.

    Call it inside :func:`dask_client` (or with any Dask scheduler set).
    Writes into ``out``: ``attributions.parquet/`` and
    ``articles_scored.parquet/`` (partitioned Parquet, one part per
    ``chunk_size`` articles), ``articles_scored.csv`` and ``outlets.csv``.

    >>> import tempfile
    >>> from analysis.config import SAMPLE_DIR
    >>> with dask.config.set(scheduler="synchronous"):
    ...     dask_report(SAMPLE_DIR, tempfile.mkdtemp(), chunk_size=20).n_articles
    41
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    staging = out / ".articles-staging"
    _clear(staging)
    try:
        stage_articles(path, staging, columns=columns, outlet=outlet, chunk_size=chunk_size)
        # One partition per staged file, read with pandas as the in-memory path reads Parquet.
        articles = dd.from_map(pd.read_parquet, sorted(staging.glob("part-*.parquet")))
        totals = score_partitions(articles, out, config=config)
    finally:
        _clear(staging)
    parts = sorted((out / SCORED_DIR).glob("part-*.parquet"))
    # The one-file CSV, appended partition by partition in input order.
    with TableWriter(out / "articles_scored.csv", empty=empty_scored()) as scored:
        for part in parts:
            scored.write(pq.read_table(part).to_pandas())
    n_attributions = sum(pq.ParquetFile(p).metadata.num_rows for p in (out / ATTRIBUTIONS_DIR).glob("part-*.parquet"))
    outlets, counts, n_unrated = summarize_scored_file(scored.path)
    written = [out / ATTRIBUTIONS_DIR, out / SCORED_DIR, scored.path, write_table(outlets, out / "outlets.csv")]
    n_articles = int(totals["n_articles"].sum()) if len(totals) else 0
    return StreamedReport(n_articles, n_attributions, totals, outlets, counts, n_unrated, written)
