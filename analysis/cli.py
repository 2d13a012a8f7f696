"""The ``sourcescope`` command: ``report`` and ``extract``.

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
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # the command draws files, never windows

import matplotlib.pyplot as plt  # noqa: E402

import pandas as pd  # noqa: E402

from analysis.aggregate import source_mix_from_totals  # noqa: E402
from analysis.config import REPORTS_DIR  # noqa: E402
from analysis.io import TableWriter, iter_articles, parse_columns, write_rejected, write_table  # noqa: E402
from analysis.io.checks import status_line  # noqa: E402
from analysis.io.stream import CHUNK_SIZE  # noqa: E402
from analysis.pipeline import PipelineResult, map_chunks, stream_report  # noqa: E402
from analysis.plots import house_style, plot_anonymous_share, plot_source_mix, save_figure, source_mix  # noqa: E402
from analysis.schema import ATTRIBUTIONS, MAX_TEXT_CHARS, READ_STATUSES, empty_frame  # noqa: E402
from analysis.scoring import ScoringConfig  # noqa: E402
from analysis.sources import relay_chains  # noqa: E402


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
        plot_source_mix(mix, ax=ax)
        ax.set_title("Source-type mix by outlet")
        written += save_figure(fig, "source-mix-by-outlet", formats=formats, data=mix.reset_index(), directory=figures)
        plt.close(fig)
        fig, ax = plt.subplots(figsize=(7, 1.2 + 0.45 * max(len(outlets), 1)))
        plot_anonymous_share(outlets, ax=ax)
        ax.set_title("Anonymous and unnamed-official sources by outlet")
        cols = [c for c in outlets.columns if c == "outlet" or c.startswith(("share_anonymous", "share_unnamed"))]
        written += save_figure(fig, "anonymous-share-by-outlet", formats=formats, data=outlets[cols], directory=figures)
        plt.close(fig)
    return written


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sourcescope", description="Who a news story stands on: extract, type and score cited sources.")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("input", type=Path, help="a .csv, .jsonl, .parquet or .txt file, or a folder of them")
        p.add_argument("--columns", default=None, help="map our columns to yours: text=article_content,outlet=source,...")
        p.add_argument("--outlet", default=None, help="outlet of articles whose input names none")
        p.add_argument("--no-progress", action="store_true", help="no progress bar")
        p.add_argument("--jobs", type=int, default=None,
                       help="local processes scoring chunks in parallel (default 1; with --engine dask one per core)")
        p.add_argument("--chunk-size", type=int, default=CHUNK_SIZE,
                       help=f"articles read, scored and written at a time (default {CHUNK_SIZE})")
        p.add_argument("--max-chars", type=int, default=MAX_TEXT_CHARS, help="read only this many characters of longer texts")

    rep = sub.add_parser("report", help="tables and figures for a corpus")
    common(rep)
    rep.add_argument("--out", type=Path, default=REPORTS_DIR, help="output folder (default: reports/)")
    rep.add_argument("--weights", type=Path, default=None, help="a scoring weights YAML (see docs/scoring.md)")
    rep.add_argument("--ratings", type=Path, default=None, help="a domain,pc1 CSV of domain-quality ratings")
    rep.add_argument("--grades", type=Path, default=None, help="a name,grade CSV of Admiralty grades (A-F) per source")
    rep.add_argument("--engine", choices=("pandas", "dask"), default="pandas",
                     help="pandas: one machine, --jobs processes; dask: a Dask cluster (see docs/scaling.md)")
    rep.add_argument("--scheduler", default=None,
                     help="with --engine dask: address of a running Dask scheduler (default: a local cluster of --jobs workers)")
    ext = sub.add_parser("extract", help="only the attributions table")
    common(ext)
    ext.add_argument("--out", type=Path, required=True, help="output file, .parquet or .csv")
    return parser


def _extract(args: argparse.Namespace) -> int:
    chunks = iter_articles(args.input, columns=parse_columns(args.columns), outlet=args.outlet, chunk_size=args.chunk_size)
    with TableWriter(args.out, empty=empty_frame(ATTRIBUTIONS)) as out:
        n = 0
        for result in map_chunks(chunks, jobs=args.jobs or 1, max_chars=args.max_chars):
            out.write(result.attributions)
            n += len(result.scored)
    print(f"{n} articles -> {args.out}")
    return 0


def _report(args: argparse.Namespace, progress: bool | None) -> int:
    config = ScoringConfig.from_yaml(args.weights) if args.weights else None
    if args.ratings or args.grades:
        config = (config or ScoringConfig.from_yaml()).with_sources(ratings=args.ratings, grades=args.grades)
    options = dict(columns=parse_columns(args.columns), outlet=args.outlet, config=config, chunk_size=args.chunk_size)
    if args.engine == "dask":
        from analysis.scale import dask_client, dask_report

        with dask_client(scheduler=args.scheduler, n_workers=args.jobs) as client:
            print(f"dask: {len(client.scheduler_info()['workers'])} workers")
            report = dask_report(args.input, args.out, **options)
    else:
        if args.scheduler:
            raise ValueError("--scheduler needs --engine dask")
        report = stream_report(args.input, args.out, jobs=args.jobs or 1, progress=progress, max_chars=args.max_chars,
                               **options)
    written = report.written + write_figures(source_mix_from_totals(report.totals), report.outlets, args.out)
    counts = report.status_counts
    print(status_line(counts, report.n_articles))
    n_scored = sum(counts.get(s, 0) for s in READ_STATUSES)
    print(f"{report.n_articles} articles read, {n_scored} scored, {report.n_attributions} attributions, "
          f"{len(report.outlets)} outlets")
    print(f"reliability: {report.n_unrated} of {report.n_attributions} attributions had no rating")
    for path in written:
        print(f"  wrote {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    progress = False if args.no_progress else None
    try:
        if (args.jobs is not None and args.jobs < 1) or args.chunk_size < 1:
            raise ValueError("--jobs and --chunk-size must be at least 1")
        if args.command == "extract":
            return _extract(args)
        return _report(args, progress)
    except (FileNotFoundError, ValueError) as err:
        print(f"sourcescope: error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
