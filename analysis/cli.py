"""The ``sourcescope`` command: ``report``, ``extract``, ``sample`` and ``agreement``.

Both stream: the input is read, scored and written a chunk of articles at a
time, so memory does not grow with the corpus. ``--jobs N`` scores chunks in N
local processes; ``report --engine dask`` runs on a Dask cluster (a local one
by default, ``--scheduler ADDRESS`` for a running one).

Examples::

    sourcescope report data/sample --out reports
    sourcescope report FA-KES-Dataset.csv \\
        --columns text=article_content,outlet=source,published=date,title=article_title,article_id=unit_id
    sourcescope report archive.parquet --engine dask --jobs 8 --out reports/archive
    sourcescope extract data/sample --out attributions.parquet
    sourcescope sample data/sample --n 50 --out coding-sheet.csv
    sourcescope agreement coding-sheet.csv
"""

from __future__ import annotations

import argparse
import sys
import warnings
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # the command draws files, never windows

import matplotlib.pyplot as plt  # noqa: E402

import pandas as pd  # noqa: E402

from analysis.aggregate import source_mix_from_totals  # noqa: E402
from analysis.aggregate.outlets import MIN_ARTICLES  # noqa: E402
from analysis.cli_validate import add_agreement_commands, run_agreement_command  # noqa: E402
from analysis.config import REPORTS_DIR  # noqa: E402
from analysis.io import TableWriter, iter_articles, parse_columns, write_rejected, write_table  # noqa: E402
from analysis.io.articles import INPUT_COLUMNS  # noqa: E402
from analysis.io.checks import status_line  # noqa: E402
from analysis.io.stream import CHUNK_SIZE  # noqa: E402
from analysis.pipeline import PipelineResult, map_chunks, stream_report  # noqa: E402
from analysis.plots import house_style, plot_anonymous_share, plot_source_mix, save_figure, source_mix  # noqa: E402
from analysis.schema import ATTRIBUTIONS, MAX_TEXT_CHARS, READ_STATUSES, empty_frame  # noqa: E402
from analysis.scoring import ScoringConfig  # noqa: E402
from analysis.sources import relay_chains  # noqa: E402
from analysis.sources.aliases import load_aliases  # noqa: E402


def write_report(result: PipelineResult, out: Path, *, formats: tuple[str, ...] = ("png", "svg")) -> list[Path]:
    """Write the tables and figures of one in-memory run into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written = [
        write_table(result.attributions, out / "attributions.parquet"),
        write_table(result.scored, out / "articles_scored.csv"),
        write_table(result.outlets, out / "outlets.csv"),
        write_table(relay_chains(result.attributions, result.articles), out / "chains.parquet"),
        *filter(None, [write_rejected(result.articles, out / "rejected.csv")]),
    ]
    return written + write_figures(source_mix(result.attributions, result.articles), result.outlets, out, formats=formats)


def write_figures(
    mix: pd.DataFrame, outlets: pd.DataFrame, out: Path, *, formats: tuple[str, ...] = ("png", "svg")
) -> list[Path]:
    """Draw the source-type mix and the anonymous share by outlet into ``out/figures``."""
    written: list[Path] = []
    figures = out / "figures"
    with house_style():
        n = max(len(mix), 1)
        fig, ax = plt.subplots(figsize=(8, 1.2 + 0.45 * n))
        counts = outlets.set_index("outlet")["n_articles"] if {"outlet", "n_articles"} <= set(outlets.columns) else None
        plot_source_mix(mix, n_articles=counts, ax=ax)
        ax.set_title("Source-type mix by outlet")
        written += save_figure(fig, "source-mix-by-outlet", formats=formats, data=mix.reset_index(), directory=figures)
        plt.close(fig)
        fig, ax = plt.subplots(figsize=(7, 1.2 + 0.45 * max(len(outlets), 1)))
        plot_anonymous_share(outlets, ax=ax)
        ax.set_title("Anonymous and unnamed-official sources by outlet")
        cols = [c for c in outlets.columns
                if c in ("outlet", "n_articles", "small_sample") or c.startswith(("share_anonymous", "share_unnamed"))]
        written += save_figure(fig, "anonymous-share-by-outlet", formats=formats, data=outlets[cols], directory=figures)
        plt.close(fig)
    return written


def _figures_of(report, staging: Path) -> dict[str, None]:
    """The report's figures, drawn into the staging folder so that they are swapped in with its tables."""
    paths = write_figures(source_mix_from_totals(report.totals), report.outlets, staging)
    return {str(p.relative_to(staging)): None for p in paths}


def _stop_on_sigterm():
    """SIGTERM ends the command as Ctrl-C does, so that partly written files are removed on the way out.

    Returns the handler it replaced (``None`` off the main thread, where none can be set).
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    return signal.signal(signal.SIGTERM, stop)


def _version() -> str:
    try:
        return version("sourcescope")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


#: What the ``input`` argument of every command accepts.
INPUT_HELP = "a .csv, .jsonl, .parquet, .txt or .html file, or a folder of them"
#: The ``--columns`` help: every key it accepts.
COLUMNS_HELP = ("map our columns to yours, ours=theirs,...: text=article_content,outlet=source; "
                f"our keys: {', '.join(INPUT_COLUMNS)}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sourcescope", description="Who a news story stands on: extract, type and score cited sources.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser, *, jobs_help: str = "local processes scoring chunks in parallel (default 1)") -> None:
        p.add_argument("input", type=Path, help=INPUT_HELP)
        p.add_argument("--columns", default=None, help=COLUMNS_HELP)
        p.add_argument("--outlet", default=None, help="outlet of articles whose input names none")
        p.add_argument("--no-progress", action="store_true", help="no progress bar")
        p.add_argument("--jobs", type=int, default=None, help=jobs_help)
        p.add_argument("--chunk-size", type=int, default=CHUNK_SIZE,
                       help=f"articles read, scored and written at a time (default {CHUNK_SIZE})")
        p.add_argument("--max-chars", type=int, default=MAX_TEXT_CHARS,
                       help=f"read only this many characters of longer texts (default {MAX_TEXT_CHARS:,})")
        p.add_argument("--aliases", type=Path, default=None,
                       help="a name,aliases CSV of your own source names, laid over data/sources/aliases.csv")

    rep = sub.add_parser("report", help="tables and figures for a corpus")
    common(rep, jobs_help="local processes scoring chunks in parallel (default 1; with --engine dask one per core)")
    rep.add_argument("--out", type=Path, default=REPORTS_DIR, help="output folder (default: reports/)")
    rep.add_argument("--weights", type=Path, default=None, help="a scoring weights YAML (see docs/scoring.md)")
    rep.add_argument("--ratings", type=Path, default=None, help="a domain,pc1 CSV of domain-quality ratings")
    rep.add_argument("--grades", type=Path, default=None, help="a name,grade CSV of Admiralty grades (A-F) per source")
    rep.add_argument("--engine", choices=("pandas", "dask"), default="pandas",
                     help="pandas: one machine, --jobs processes; dask: a Dask cluster (see docs/scaling.md)")
    rep.add_argument("--resume", action="store_true",
                     help="continue an interrupted run of the same input and options from its last complete chunk")
    rep.add_argument("--scheduler", default=None,
                     help="with --engine dask: address of a running Dask scheduler (default: a local cluster of --jobs workers)")
    rep.add_argument("--min-articles", type=int, default=MIN_ARTICLES,
                     help=f"fewest articles an outlet needs to be ranked; smaller ones are marked small_sample "
                          f"(default {MIN_ARTICLES})")
    rep.add_argument("--keep-duplicates", action="store_true",
                     help="count exact duplicate articles (same text, same outlet) in the outlet summary and figures")
    ext = sub.add_parser("extract", help="only the attributions table")
    common(ext)
    ext.add_argument("--out", type=Path, required=True, help="output file, .parquet or .csv")
    add_agreement_commands(sub, common)
    return parser


def _extract(args: argparse.Namespace) -> int:
    chunks = iter_articles(args.input, columns=parse_columns(args.columns), outlet=args.outlet, chunk_size=args.chunk_size)
    with TableWriter(args.out, empty=empty_frame(ATTRIBUTIONS)) as out:
        n = 0
        for result in map_chunks(chunks, jobs=args.jobs or 1, max_chars=args.max_chars, aliases=args.aliases):
            out.write(result.attributions)
            n += len(result.scored)
    print(f"{n} articles -> {args.out}")
    return 0


def _report(args: argparse.Namespace, progress: bool | None) -> int:
    config = ScoringConfig.from_yaml(args.weights) if args.weights else None
    if args.ratings or args.grades:
        config = (config or ScoringConfig.from_yaml()).with_sources(ratings=args.ratings, grades=args.grades)
    options = dict(columns=parse_columns(args.columns), outlet=args.outlet, config=config, chunk_size=args.chunk_size,
                   max_chars=args.max_chars, resume=args.resume, extra=_figures_of, aliases=args.aliases,
                   min_articles=args.min_articles, keep_duplicates=args.keep_duplicates)
    if args.engine == "dask":
        from analysis.scale import dask_client, dask_report

        with dask_client(scheduler=args.scheduler, n_workers=args.jobs) as client:
            print(f"dask: {len(client.scheduler_info()['workers'])} workers")
            report = dask_report(args.input, args.out, **options)
    else:
        if args.scheduler:
            raise ValueError("--scheduler needs --engine dask")
        report = stream_report(args.input, args.out, jobs=args.jobs or 1, progress=progress, **options)
    written = report.written
    counts = report.status_counts
    print(status_line(counts, report.n_articles))
    n_scored = sum(counts.get(s, 0) for s in READ_STATUSES)
    print(f"{report.n_articles} articles read, {n_scored} scored, {report.n_attributions} attributions, "
          f"{len(report.outlets)} outlets")
    print(f"reliability: {report.n_unrated} of {report.n_attributions} attributions had no rating")
    for path in written:
        print(f"  wrote {path}")
    return 0


def _plain_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Print a warning as one line, ``warning: <message>``, without the Python file and source line."""
    text = " ".join(str(message).split())
    print(f"warning: {text}", file=file if file is not None else sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    progress = False if getattr(args, "no_progress", False) else None
    previous = _stop_on_sigterm()
    shown = warnings.showwarning
    warnings.showwarning = _plain_warning
    try:
        if args.command in ("sample", "agreement"):
            return run_agreement_command(args)
        if (args.jobs is not None and args.jobs < 1) or args.chunk_size < 1:
            raise ValueError("--jobs and --chunk-size must be at least 1")
        if args.aliases is not None:
            load_aliases(args.aliases)  # a bad table fails here, naming its row, before any work
        if args.command == "extract":
            return _extract(args)
        if args.min_articles < 1:
            raise ValueError("--min-articles must be at least 1")
        return _report(args, progress)
    except (FileNotFoundError, ValueError, RuntimeError) as err:
        print(f"sourcescope: error: {err}", file=sys.stderr)
        return 2
    finally:
        warnings.showwarning = shown
        if previous is not None:
            import signal

            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    raise SystemExit(main())
