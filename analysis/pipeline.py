"""The whole flow in one call: articles -> attributions -> scores -> outlet summary.

:func:`run_pipeline` works in memory; :func:`stream_report` reads, scores and
writes a corpus chunk by chunk, in memory that does not grow with its size,
optionally over several local processes (``jobs``).
"""

from __future__ import annotations

import multiprocessing
import shutil
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import NamedTuple

import pandas as pd
from tqdm.auto import tqdm

from analysis.aggregate import add_totals, outlet_totals, summarize_outlets
from analysis.extract import extract_attributions
from analysis.gc_pause import paused_gc
from analysis.io.checks import assign_status, rejected_rows
from analysis.io.stream import TableWriter, iter_articles
from analysis.io.write import write_table
from analysis.schema import (
    ATTRIBUTIONS,
    CHAINS,
    MAX_TEXT_CHARS,
    REJECTED,
    conform,
    empty_frame,
    validate_articles,
    validate_attributions,
)
from analysis.scoring import ScoringConfig, score_articles
from analysis.scoring.articles import SCORE_COLUMNS
from analysis.sources import classify_sources, relay_chains

#: Articles per chunk; the progress bar advances by chunk.
CHUNK_SIZE = 1000


class PipelineResult(NamedTuple):
    """The tables one run produces."""

    articles: pd.DataFrame
    attributions: pd.DataFrame
    scored: pd.DataFrame
    outlets: pd.DataFrame


def attribute(articles: pd.DataFrame, *, progress: bool | None = None, max_chars: int = MAX_TEXT_CHARS,
              aliases: Path | str | None = None) -> pd.DataFrame:
    """Extract and classify the attributions of ``articles``, chunk by chunk.

    Args:
        articles: the articles table.
        progress: show a progress bar; by default only for more than one chunk
            on an interactive terminal or notebook.
        max_chars: only the first ``max_chars`` characters of a longer text are
            read (such articles get the status ``too_long_truncated``); offsets
            stay offsets into the whole text.
        aliases: a researcher's alias table (CSV) laid over the shipped one
            (:func:`analysis.sources.aliases.load_aliases`).

    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["UNN"],
    ...     "text": ["Earlier, UNN reported that talks ended, according to Reuters."]})
    >>> attribute(arts)["source_type"].tolist()
    ['self', 'news_agency']
    """
    return _attribute(validate_articles(articles), progress=progress, max_chars=max_chars, aliases=aliases)


def _attribute(articles: pd.DataFrame, *, progress: bool | None, max_chars: int,
               aliases: Path | str | None = None) -> pd.DataFrame:
    """:func:`attribute` of an articles table already validated."""
    articles = truncate_texts(articles, max_chars=max_chars)
    chunks = range(0, len(articles), CHUNK_SIZE)
    # tqdm's disable=None means: show only on a terminal.
    disable = (not progress) if progress is not None else (len(chunks) <= 1 or None)
    parts = []
    for start in tqdm(chunks, desc=f"{len(articles)} articles", unit="chunk", disable=disable):
        chunk = articles.iloc[start: start + CHUNK_SIZE]
        parts.append(classify_sources(extract_attributions(chunk), chunk, aliases=aliases))
    if not parts:
        return conform(pd.DataFrame(columns=list(ATTRIBUTIONS)), ATTRIBUTIONS)
    return validate_attributions(pd.concat(parts, ignore_index=True))


def truncate_texts(articles: pd.DataFrame, *, max_chars: int = MAX_TEXT_CHARS) -> pd.DataFrame:
    """``articles`` with each text cut to its first ``max_chars`` characters, for extraction.

    >>> truncate_texts(pd.DataFrame({"text": ["abcdef", "ab"]}), max_chars=3)["text"].tolist()
    ['abc', 'ab']
    """
    long = articles["text"].str.len() > max_chars
    if not long.any():
        return articles
    return articles.assign(text=articles["text"].where(~long, articles["text"].str.slice(0, max_chars)))


def summarize_read(scored: pd.DataFrame) -> pd.DataFrame:
    """The outlet summary of the articles that had text to read (status ``ok`` or ``too_long_truncated``).

    >>> scored = pd.DataFrame({"outlet": ["A", "A"], "n_attributions": [1, 0],
    ...     "status": ["ok", "rejected"], "transparency_score": [50.0, None]})
    >>> summarize_read(scored)["n_articles"].tolist()
    [1]
    """
    if "status" in scored.columns:
        scored = scored[scored["status"].isin(("ok", "too_long_truncated")).fillna(False).astype(bool)]
    return summarize_outlets(scored)


def run_pipeline(
    articles: pd.DataFrame,
    *,
    config: ScoringConfig | None = None,
    progress: bool | None = None,
    max_chars: int = MAX_TEXT_CHARS,
    aliases: Path | str | None = None,
) -> PipelineResult:
    """Run every step on ``articles``.

    Every article gets a ``status`` (:func:`analysis.io.assign_status`) and a
    row in ``scored``; the outlet summary covers the articles with text to read.

    >>> from analysis.io import read_articles
    >>> from analysis.config import SAMPLE_DIR
    >>> result = run_pipeline(read_articles(SAMPLE_DIR))
    >>> len(result.scored) == len(result.articles)
    True
    """
    articles = assign_status(validate_articles(articles), max_chars=max_chars)
    attributions = attribute(articles, progress=progress, max_chars=max_chars, aliases=aliases)
    scored = score_articles(articles, attributions, config=config)
    return PipelineResult(articles, attributions, scored, summarize_read(scored))


class ChunkResult(NamedTuple):
    """What one chunk of articles gives."""

    attributions: pd.DataFrame
    scored: pd.DataFrame
    chains: pd.DataFrame
    rejected: pd.DataFrame


@paused_gc()
def score_chunk(
    articles: pd.DataFrame, *, config: ScoringConfig | None = None, max_chars: int = MAX_TEXT_CHARS,
    aliases: Path | str | None = None,
) -> ChunkResult:
    """Check, extract, classify and score one chunk of articles (all of each article's rows stay in it).

    >>> arts = pd.DataFrame({"article_id": ["a"], "text": ["The talks failed, Reuters reported."]})
    >>> score_chunk(arts).scored[["status", "n_sources"]].values.tolist()
    [['ok', 1]]
    """
    articles = assign_status(validate_articles(articles), max_chars=max_chars)
    attributions = _attribute(articles, progress=False, max_chars=max_chars, aliases=aliases)
    chains = relay_chains(attributions, articles)
    # Most chunks reject nothing: their rejected table is the empty one.
    rejected = rejected_rows(articles) if articles["status"].eq("rejected").any() else empty_frame(REJECTED)
    return ChunkResult(
        attributions,
        score_articles(articles, attributions, config=config, chains=chains),
        chains,
        rejected,
    )


def map_chunks(
    chunks: Iterable[pd.DataFrame],
    *,
    config: ScoringConfig | None = None,
    jobs: int = 1,
    max_chars: int = MAX_TEXT_CHARS,
    aliases: Path | str | None = None,
) -> Iterator[ChunkResult]:
    """:func:`score_chunk` over ``chunks``, results in input order.

    With ``jobs`` > 1 the chunks go to that many local processes
    (``concurrent.futures.ProcessPoolExecutor``); at most ``2 * jobs`` chunks
    are in flight, so memory stays bounded however long ``chunks`` is.

    >>> arts = pd.DataFrame({"article_id": ["a"], "text": ["Reuters reported it."]})
    >>> [len(r.scored) for r in map_chunks([arts, arts.assign(article_id="b")])]
    [1, 1]
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    work = partial(score_chunk, config=config, max_chars=max_chars, aliases=aliases)
    if jobs == 1:
        yield from map(work, chunks)
        return
    # forkserver: forking this process, whose pyarrow thread pools may be running, is unsafe.
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("forkserver")) as pool:
        pending: deque = deque()
        for chunk in chunks:
            pending.append(pool.submit(work, chunk))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


@dataclass
class StreamedReport:
    """Counts, running outlet totals, the outlet summary and files of a streamed run."""

    n_articles: int
    n_attributions: int
    totals: pd.DataFrame
    outlets: pd.DataFrame
    status_counts: dict[str, int]
    n_unrated: int
    written: list[Path]


def summarize_scored_file(path: Path | str) -> tuple[pd.DataFrame, dict[str, int], int]:
    """Outlet summary (with bootstrap intervals), status counts and unrated sources of a written ``articles_scored.csv``.

    Per-article scores are a few numbers each, so even a large corpus's fit in
    memory once the texts are gone.
    """
    scored = pd.read_csv(path, dtype={"article_id": "string", "outlet": "string"}, keep_default_na=False,
                         na_values=[""])
    counts = scored["status"].value_counts().to_dict() if "status" in scored.columns else {"ok": len(scored)}
    n_unrated = int(scored["n_unrated"].sum()) if "n_unrated" in scored.columns else 0
    return summarize_read(scored), {str(k): int(v) for k, v in counts.items()}, n_unrated


def empty_scored() -> pd.DataFrame:
    """A zero-row scored-articles table with the columns :func:`score_articles` gives."""
    return pd.DataFrame(columns=["article_id", "outlet", "published", "title", *SCORE_COLUMNS])


@lru_cache(maxsize=None)
def _empty_table(name: str) -> pd.DataFrame:
    """The zero-row attributions or chains table, built once (typed empty frames are slow to build); read-only."""
    return empty_frame({"attributions": ATTRIBUTIONS, "chains": CHAINS}[name])


def write_chunk_results(
    results: Iterable[ChunkResult], out: Path | str, *, progress: bool | None = None
) -> StreamedReport:
    """Write ``attributions.parquet``, ``articles_scored.csv`` and ``outlets.csv`` into ``out`` as results arrive.

    Attributions become row groups of one Parquet file, scored articles are
    appended to the CSV, and the outlet summary comes from running totals.

    >>> import tempfile
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": ["Reuters reported it."]})
    >>> write_chunk_results([score_chunk(arts)], tempfile.mkdtemp()).outlets["n_articles"].tolist()
    [1]
    """
    out = Path(out)
    for stale in ("attributions.parquet", "articles_scored.parquet"):
        # A partitioned folder left by an earlier Dask run would shadow the new file.
        if (out / stale).is_dir():
            shutil.rmtree(out / stale)
    totals = None
    rejected: list[pd.DataFrame] = []
    n_articles = n_attributions = 0
    # tqdm's disable=None means: show only on a terminal.
    bar = tqdm(desc="articles", unit=" articles", disable=(not progress) if progress is not None else None)
    with TableWriter(out / "attributions.parquet", empty=_empty_table("attributions")) as attributions, \
            TableWriter(out / "articles_scored.csv", empty=empty_scored()) as scored, \
            TableWriter(out / "chains.parquet", empty=_empty_table("chains")) as chains:
        for result in results:
            attributions.write(result.attributions)
            scored.write(result.scored)
            chains.write(result.chains)
            if len(result.rejected):
                rejected.append(result.rejected)
            totals = add_totals(totals, outlet_totals(result.scored, result.attributions))
            n_articles += len(result.scored)
            n_attributions += len(result.attributions)
            bar.update(len(result.scored))
    bar.close()
    totals = add_totals(totals)
    outlets, counts, n_unrated = summarize_scored_file(scored.path)
    written = [attributions.path, scored.path, chains.path, write_table(outlets, out / "outlets.csv")]
    if rejected:
        written.append(write_table(conform(pd.concat(rejected, ignore_index=True), REJECTED), out / "rejected.csv"))
    else:
        (out / "rejected.csv").unlink(missing_ok=True)
    return StreamedReport(n_articles, n_attributions, totals, outlets, counts, n_unrated, written)


def stream_report(
    path: Path | str,
    out: Path | str,
    *,
    columns: dict[str, str] | None = None,
    outlet: str | None = None,
    config: ScoringConfig | None = None,
    chunk_size: int = CHUNK_SIZE,
    jobs: int = 1,
    progress: bool | None = None,
    max_chars: int = MAX_TEXT_CHARS,
    aliases: Path | str | None = None,
) -> StreamedReport:
    """Read ``path`` chunk by chunk, score it, and write the report tables into ``out``.

    Memory holds a few chunks, never the corpus; the tables equal those of
    :func:`run_pipeline` (outlet means up to floating-point rounding).

    Args:
        path: input file or folder, as for :func:`analysis.io.iter_articles`.
        out: output folder.
        columns: maps our column names to the input's.
        outlet: outlet for articles whose input names none.
        config: score weights; the shipped defaults when omitted.
        chunk_size: articles per chunk.
        jobs: local processes scoring chunks in parallel.
        progress: show a progress bar; by default only on a terminal.
        aliases: a researcher's alias table (CSV) laid over the shipped one.

    >>> import tempfile
    >>> from analysis.config import SAMPLE_DIR
    >>> stream_report(SAMPLE_DIR, tempfile.mkdtemp(), progress=False).n_articles
    41
    """
    chunks = iter_articles(path, columns=columns, outlet=outlet, chunk_size=chunk_size)
    results = map_chunks(chunks, config=config, jobs=jobs, max_chars=max_chars, aliases=aliases)
    return write_chunk_results(results, out, progress=progress)
