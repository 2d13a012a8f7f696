"""The whole flow in one call: articles -> attributions -> scores -> outlet summary.

:func:`run_pipeline` works in memory; :func:`stream_report` reads, scores and
writes a corpus chunk by chunk, in memory that does not grow with its size,
optionally over several local processes (``jobs``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import multiprocessing
import shutil
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import pyarrow as pa
from tqdm.auto import tqdm

from analysis.aggregate import add_totals, outlet_totals, summarize_outlets
from analysis.aggregate.outlets import MIN_ARTICLES
from analysis.extract import extract_attributions
from analysis.gc_pause import paused_gc
from analysis.io.checks import assign_status, rejected_rows
from analysis.io.report_folder import STAGING, clean_leftovers, commit_report
from analysis.io.duplicates import DuplicateMarker, mark_duplicates
from analysis.io.language import add_languages
from analysis.io.stream import TableWriter, iter_articles
from analysis.io.write import atomic_write, write_table
from analysis.schema import (
    ATTRIBUTIONS,
    CHAINS,
    MAX_TEXT_CHARS,
    READ_STATUSES,
    REJECTED,
    SUPPORTED_LANGUAGES,
    conform,
    empty_frame,
    validate_articles,
    validate_attributions,
)
from analysis.scoring import ScoringConfig, score_articles
from analysis.scoring.articles import SCORE_COLUMNS
from analysis.sources import classify_sources, relay_chains
from analysis.sources.identity import (
    apply_corpus_merge,
    corpus_groups,
    merge_candidates,
    merge_corpus_names,
    merge_targets,
)

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
    # The extractor reads each article in its language; one the kit does not read is not extracted.
    articles = add_languages(truncate_texts(articles, max_chars=max_chars))
    articles = articles[articles["language"].isna() | articles["language"].isin(SUPPORTED_LANGUAGES).fillna(False)]
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


def summarized(scored: pd.DataFrame, *, keep_duplicates: bool = False) -> pd.DataFrame:
    """The rows of ``scored`` (or articles) that outlet summaries and figures count.

    Those with text to read (status ``ok`` or ``too_long_truncated``), and
    with ``keep_duplicates`` the exact copies (``duplicate``) too.

    >>> scored = pd.DataFrame({"status": ["ok", "duplicate", "empty"]})
    >>> len(summarized(scored)), len(summarized(scored, keep_duplicates=True))
    (1, 2)
    """
    if "status" not in scored.columns:
        return scored
    counted = READ_STATUSES + ("duplicate",) if keep_duplicates else READ_STATUSES
    return scored[scored["status"].isin(counted).fillna(False).astype(bool)]


def summarize_read(scored: pd.DataFrame, *, min_articles: int = MIN_ARTICLES,
                   keep_duplicates: bool = False) -> pd.DataFrame:
    """The outlet summary of the articles that were read (status ``ok`` or ``too_long_truncated``).

    Articles that were not (empty, rejected, in an unsupported language) are
    left out, so an outlet is never ranked on zeros it did not earn.

    Exact duplicates are left out unless ``keep_duplicates``; outlets with
    fewer than ``min_articles`` articles are not ranked.

    >>> scored = pd.DataFrame({"outlet": ["A", "A"], "n_attributions": [1, 0],
    ...     "status": ["ok", "rejected"], "transparency_score": [50.0, None]})
    >>> summarize_read(scored)["n_articles"].tolist()
    [1]
    """
    return summarize_outlets(summarized(scored, keep_duplicates=keep_duplicates), min_articles=min_articles)


def run_pipeline(
    articles: pd.DataFrame,
    *,
    config: ScoringConfig | None = None,
    progress: bool | None = None,
    max_chars: int = MAX_TEXT_CHARS,
    min_articles: int = MIN_ARTICLES,
    keep_duplicates: bool = False,
    aliases: Path | str | None = None,
) -> PipelineResult:
    """Run every step on ``articles``.

    Every article gets a ``status`` (:func:`analysis.io.assign_status`, exact
    copies ``duplicate``: :func:`analysis.io.mark_duplicates`) and a row in
    ``scored``; the outlet summary covers the articles with text to read, the
    duplicates only with ``keep_duplicates``, and ranks outlets with at least
    ``min_articles`` articles.

    >>> from analysis.io import read_articles
    >>> from analysis.config import SAMPLE_DIR
    >>> result = run_pipeline(read_articles(SAMPLE_DIR))
    >>> len(result.scored) == len(result.articles)
    True
    """
    articles = mark_duplicates(assign_status(validate_articles(articles), max_chars=max_chars))
    attributions = attribute(articles, progress=progress, max_chars=max_chars, aliases=aliases)
    scored = score_articles(articles, attributions, config=config)
    # Names merged across the corpus after scoring, as the streamed report merges them when it joins its chunks.
    attributions = merge_corpus_names(attributions, articles)
    return PipelineResult(articles, attributions, scored,
                          summarize_read(scored, min_articles=min_articles, keep_duplicates=keep_duplicates))


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


#: Times the worker processes may die before a run gives up (each time the pool restarts).
MAX_POOL_RESTARTS = 3


def _watch_parent(pid: int, interval: float = 1.0) -> None:
    """Worker initializer: end this worker when the process that started the pool is gone.

    A worker's parent is the forkserver, not the main process; if the main
    process is killed (SIGKILL leaves it no time to stop its pool), nothing
    else would stop the workers and the memory they hold.
    """
    import os
    import threading
    import time

    def alive() -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        try:  # a killed process its own parent has not reaped yet is a zombie: gone too
            with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
                return fh.read().rpartition(")")[2].split()[0] != "Z"
        except OSError:
            return True

    def watch() -> None:
        while alive():
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def _succeeded(future: Future | None) -> bool:
    """Whether ``future`` ran to a result (not cancelled, no exception)."""
    return future is not None and future.done() and not future.cancelled() and future.exception() is None


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
    are in flight, so memory stays bounded however long ``chunks`` is. The
    workers end when the calling process does, even when it is killed; a
    worker that dies (killed, out of memory) costs only its chunks, which
    a new pool scores again (up to :data:`MAX_POOL_RESTARTS` times).

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
    import os
    from concurrent.futures.process import BrokenProcessPool

    def new_pool() -> ProcessPoolExecutor:
        # forkserver: forking this process, whose pyarrow thread pools may be running, is unsafe.
        return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("forkserver"),
                                   initializer=_watch_parent, initargs=(os.getpid(),))

    pool = new_pool()
    restarts = 0
    pending: deque = deque()  # [chunk, future or None], in input order
    source = iter(chunks)
    try:
        while True:
            try:
                # A pool breaks at any moment: submit() as well as result() then raises.
                for entry in pending:
                    if entry[1] is None:
                        entry[1] = pool.submit(work, entry[0])
                while len(pending) < 2 * jobs:
                    chunk = next(source, None)
                    if chunk is None:
                        break
                    pending.append([chunk, None])
                    pending[-1][1] = pool.submit(work, chunk)
                if not pending:
                    return
                result = pending[0][1].result()
            except BrokenProcessPool:
                restarts += 1
                if restarts > MAX_POOL_RESTARTS:
                    raise RuntimeError(f"worker processes died {restarts} times (out of memory?); the chunks "
                                       "scored so far are kept: rerun with --resume, or with fewer --jobs") from None
                pool.shutdown(wait=False, cancel_futures=True)
                pool = new_pool()
                for entry in pending:  # chunks finished before the break keep their results
                    if not _succeeded(entry[1]):
                        entry[1] = None
                continue
            pending.popleft()
            yield result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


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


def empty_scored() -> pd.DataFrame:
    """A zero-row scored-articles table with the columns :func:`score_articles` gives."""
    return pd.DataFrame(columns=["article_id", "outlet", "published", "title", "language", *SCORE_COLUMNS])


@lru_cache(maxsize=None)
def _empty_table(name: str) -> pd.DataFrame:
    """The zero-row attributions or chains table, built once (typed empty frames are slow to build); read-only."""
    return empty_frame({"attributions": ATTRIBUTIONS, "chains": CHAINS}[name])


def _arrow_schema(name: str) -> pa.Schema:
    """The Parquet schema of every chunk of a table; the list columns of chains hold text.

    Fixed up front: a chunk whose chains are all missing would otherwise give
    a schema later chunks' lists do not fit.
    """
    schema = pa.Schema.from_pandas(_empty_table(name), preserve_index=False)
    for i, field in enumerate(schema):
        if pa.types.is_null(field.type):
            schema = schema.set(i, pa.field(field.name, pa.list_(pa.string())))
    return schema


# -- a run's chunks in the staging folder ------------------------------------------------------
#: The tables of one scored chunk, in the order they are written; ``scored`` last marks the chunk done.
_PARTS = ("attributions", "chains", "rejected", "scored")


def _part(staging: Path, number: int, kind: str) -> Path:
    return staging / "chunks" / f"{number:06d}.{kind}.parquet"


def chunk_done(staging: Path | str, number: int) -> bool:
    """Whether chunk ``number`` of the run staged in ``staging`` was scored and written whole."""
    return _part(Path(staging), number, "scored").exists()


def write_chunk(staging: Path | str, number: int, result: ChunkResult) -> None:
    """Write the tables of chunk ``number`` into ``staging`` (each atomically; ``scored`` last)."""
    for kind in _PARTS:
        write_table(getattr(result, kind), _part(Path(staging), number, kind))


def read_chunk(staging: Path | str, number: int) -> ChunkResult:
    """The tables :func:`write_chunk` wrote."""
    return ChunkResult(**{kind: pd.read_parquet(_part(Path(staging), number, kind)) for kind in _PARTS})


def run_info(path: Path | str, **options: object) -> dict:
    """What identifies a run: its input (path, size, time of change) and every option that changes the output.

    ``--resume`` continues a staged run only when this is the same.
    """
    path = Path(path).resolve()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    state = [(str(p.relative_to(path)) if path.is_dir() else p.name, p.stat().st_size, p.stat().st_mtime_ns)
             for p in files]
    config = options.pop("config", None)
    config_text = "default" if config is None else json.dumps(
        dataclasses.asdict(config), sort_keys=True, default=lambda o: sorted(o) if isinstance(o, (set, frozenset)) else str(o))
    info = {"input": str(path), "input_files": state, "options": options,
            "config": hashlib.sha256(config_text.encode()).hexdigest()}
    return json.loads(json.dumps(info, default=str))


def alias_state(aliases: Path | str | None) -> str | None:
    """What identifies a researcher's alias table for ``--resume``: its path and its contents' hash."""
    if aliases is None:
        return None
    path = Path(aliases).resolve()
    return f"{path}:{hashlib.sha256(path.read_bytes()).hexdigest()}"


def start_run(path: Path | str, out: Path | str, *, engine: str, resume: bool = False,
              aliases: Path | str | None = None, **options: object) -> tuple[Path, dict, Path]:
    """Make ``out``, clear a killed run's leftovers, and open the staging folder of this run.

    Returns:
        ``out`` as a path, what identifies the run (:func:`run_info`, the
        alias table by its contents) and its staging folder (:func:`open_staging`).
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    clean_leftovers(out)
    info = run_info(path, engine=engine, aliases=alias_state(aliases), **options)
    return out, info, open_staging(out, info, resume=resume)


def open_staging(out: Path, info: dict, *, resume: bool = False) -> Path:
    """The staging folder of a run into ``out``: kept to resume the same run, else emptied.

    Raises:
        ValueError: when ``resume`` is asked but the staged run read another
            input or had other options.
    """
    staging = out / STAGING
    if staging.exists():
        try:
            staged = json.loads((staging / "run.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            staged = None
        if resume and staged == info:
            return staging
        if resume and staged is not None:
            raise ValueError(f"{out}: cannot resume: the interrupted run there read another input or had other "
                             "options; rerun without --resume")
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    atomic_write(staging / "run.json", lambda tmp: Path(tmp).write_text(json.dumps(info), encoding="utf-8"))
    return staging


def score_into(
    staging: Path,
    chunks: Iterable[pd.DataFrame],
    *,
    config: ScoringConfig | None = None,
    jobs: int = 1,
    max_chars: int = MAX_TEXT_CHARS,
    progress: bool | None = None,
    aliases: Path | str | None = None,
) -> int:
    """Score each chunk not yet done in ``staging`` and write its tables there; returns the number of chunks."""
    numbers: deque[int] = deque()
    seen = [0]

    def todo() -> Iterator[pd.DataFrame]:
        for number, chunk in enumerate(chunks):
            seen[0] = number + 1
            if chunk_done(staging, number):
                continue  # scored by the run this one resumes
            numbers.append(number)
            yield chunk

    # tqdm's disable=None means: show only on a terminal.
    bar = tqdm(desc="articles", unit=" articles", disable=(not progress) if progress is not None else None)
    for result in map_chunks(todo(), config=config, jobs=jobs, max_chars=max_chars, aliases=aliases):
        write_chunk(staging, numbers.popleft(), result)
        bar.update(len(result.scored))
    bar.close()
    return seen[0]


#: Scored columns the outlet summary needs; the rest (titles) are not kept in memory.
_SUMMARY_DROP = ("title", "published")


def finish_report(
    out: Path | str,
    staging: Path | str,
    n_chunks: int,
    *,
    info: dict | None = None,
    extra: Callable[[StreamedReport, Path], Mapping[str, int | None]] | None = None,
    min_articles: int = MIN_ARTICLES,
    keep_duplicates: bool = False,
) -> StreamedReport:
    """Join the staged chunks into the report tables, then swap the report into ``out`` with its manifest.

    Names are merged across the corpus as they are joined
    (:func:`analysis.sources.identity.merge_corpus_names`, per outlet and
    year), so the report's names do not depend on how it was chunked.

    The outlet summary is computed from the scores as they are joined, never
    from a file read back. ``extra(report, staging)`` may write more files
    (figures) into the staging folder; it returns their names (relative to the
    folder) and row counts, and they join the report.
    """
    out, staging = Path(out), Path(staging)
    # The corpus-level merge of names: one pass over the chunks' distinct names, then applied as they are joined.
    group_of: dict[str, tuple[str, str]] = {}
    candidates: tuple[list, ...] = ([], [], [], [], [])
    for number in range(n_chunks):
        groups = corpus_groups(pd.read_parquet(_part(staging, number, "scored")), period="Y")
        group_of.update(groups)
        cited = pd.read_parquet(_part(staging, number, "attributions"),
                                columns=["article_id", "source_type", "source_name", "name_method", "source_id"])
        for kept_list, more in zip(candidates, merge_candidates(cited, groups)):
            kept_list.extend(more)
    targets = merge_targets(*candidates)
    totals = None
    kept: list[pd.DataFrame] = []
    rejected: list[pd.DataFrame] = []
    n_articles = n_attributions = 0
    with TableWriter(staging / "attributions.parquet", empty=_empty_table("attributions"),
                     schema=_arrow_schema("attributions")) as attributions, \
            TableWriter(staging / "articles_scored.csv", empty=empty_scored()) as scored, \
            TableWriter(staging / "chains.parquet", empty=_empty_table("chains"), schema=_arrow_schema("chains")) as chains:
        for number in range(n_chunks):
            result = read_chunk(staging, number)
            if targets:
                result = result._replace(attributions=apply_corpus_merge(result.attributions, group_of, targets))
            attributions.write(result.attributions)
            scored.write(result.scored)
            chains.write(result.chains)
            if len(result.rejected):
                rejected.append(result.rejected)
            counted = summarized(result.scored, keep_duplicates=keep_duplicates)
            totals = add_totals(totals, outlet_totals(counted, result.attributions))
            kept.append(result.scored.drop(columns=[c for c in _SUMMARY_DROP if c in result.scored.columns]))
            n_articles += len(result.scored)
            n_attributions += len(result.attributions)
    totals = add_totals(totals)
    all_scored = pd.concat(kept, ignore_index=True) if kept else empty_scored()
    outlets = summarize_read(all_scored, min_articles=min_articles, keep_duplicates=keep_duplicates)
    counts = all_scored["status"].value_counts().to_dict() if "status" in all_scored.columns else {}
    n_unrated = int(pd.to_numeric(all_scored.get("n_unrated", pd.Series(dtype=float))).sum())
    write_table(outlets, staging / "outlets.csv")
    files: dict[str, int | None] = {"attributions.parquet": n_attributions, "articles_scored.csv": n_articles,
                                    "chains.parquet": chains.rows, "outlets.csv": len(outlets)}
    if rejected:
        table = conform(pd.concat(rejected, ignore_index=True), REJECTED)
        write_table(table, staging / "rejected.csv")
        files["rejected.csv"] = len(table)
    report = StreamedReport(n_articles, n_attributions, totals, outlets,
                            {str(k): int(v) for k, v in counts.items()}, n_unrated, [])
    if extra is not None:
        files.update(extra(report, staging))
    commit_report(out, staging, files, info=info)
    report.written = [out / name for name in files]
    return report


def write_chunk_results(results: Iterable[ChunkResult], out: Path | str, *, min_articles: int = MIN_ARTICLES,
                        keep_duplicates: bool = False) -> StreamedReport:
    """Write the report of already scored chunks into ``out`` (staged, then swapped in with its manifest).

    The outlet summary leaves exact duplicates out unless ``keep_duplicates``, and
    ranks outlets with at least ``min_articles`` articles.

    >>> import tempfile
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": ["Reuters reported it."]})
    >>> write_chunk_results([score_chunk(arts)], tempfile.mkdtemp()).outlets["n_articles"].tolist()
    [1]
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    clean_leftovers(out)
    staging = open_staging(out, {"input": "chunk results"})
    n_chunks = 0
    for n_chunks, result in enumerate(results, start=1):
        write_chunk(staging, n_chunks - 1, result)
    return finish_report(out, staging, n_chunks, min_articles=min_articles, keep_duplicates=keep_duplicates)


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
    resume: bool = False,
    extra: Callable[[StreamedReport, Path], Mapping[str, int | None]] | None = None,
    min_articles: int = MIN_ARTICLES,
    keep_duplicates: bool = False,
    aliases: Path | str | None = None,
) -> StreamedReport:
    """Read ``path`` chunk by chunk, score it, and write the report tables into ``out``.

    Memory holds a few chunks and the per-article scores, never the corpus;
    the tables equal those of :func:`run_pipeline` (outlet means up to
    floating-point rounding). Each scored chunk is kept in a staging folder
    inside ``out``, and the finished report is swapped in with its manifest
    (:mod:`analysis.io.report_folder`), so that ``out`` holds the old report or
    the new one, or, killed during the swap, none that passes
    :func:`analysis.io.check_report`.

    Args:
        path: input file or folder, as for :func:`analysis.io.iter_articles`.
        out: output folder.
        columns: maps our column names to the input's.
        outlet: outlet for articles whose input names none.
        config: score weights; the shipped defaults when omitted.
        chunk_size: articles per chunk.
        jobs: local processes scoring chunks in parallel.
        progress: show a progress bar; by default only on a terminal.
        max_chars: only this many characters of a longer text are read.
        resume: continue an interrupted run of the same input and options
            from its last complete chunk (the output is the one an
            uninterrupted run gives).
        extra: writes more files into the staging folder before the swap
            (see :func:`finish_report`).
        min_articles: fewest articles an outlet needs to be ranked.
        keep_duplicates: count exact duplicates in the outlet summary.
        aliases: a researcher's alias table (CSV) laid over the shipped one.

    >>> import tempfile
    >>> from analysis.config import SAMPLE_DIR
    >>> stream_report(SAMPLE_DIR, tempfile.mkdtemp(), progress=False).n_articles
    41
    """
    out, info, staging = start_run(path, out, engine="pandas", resume=resume, aliases=aliases, columns=columns,
                                   outlet=outlet, config=config, chunk_size=chunk_size, max_chars=max_chars,
                                   min_articles=min_articles, keep_duplicates=keep_duplicates)
    chunks = iter_articles(path, columns=columns, outlet=outlet, chunk_size=chunk_size)
    # Duplicates are found here, in input order, so a copy in a later chunk points at the first
    # (a resumed run reads every chunk again, so the marks are the same).
    chunks = map(DuplicateMarker(), chunks)
    n_chunks = score_into(staging, chunks, config=config, jobs=jobs, max_chars=max_chars, progress=progress,
                          aliases=aliases)
    return finish_report(out, staging, n_chunks, info=info, extra=extra, min_articles=min_articles,
                         keep_duplicates=keep_duplicates)
