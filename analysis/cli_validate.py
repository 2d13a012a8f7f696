"""The ``sourcescope sample`` and ``sourcescope agreement`` commands: validating the kit on one's own corpus."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from analysis.evaluate.agreement import agreement, coding_sheet, read_coding_sheet
from analysis.io import parse_columns, read_articles, write_table
from analysis.pipeline import run_pipeline


def add_agreement_commands(sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add ``sample`` and ``agreement`` to the command's subparsers."""
    sample = sub.add_parser("sample", help="a seeded, outlet-stratified coding sheet to validate the kit by hand")
    common(sample)
    sample.add_argument("--n", type=int, default=50, help="articles to draw (default 50)")
    sample.add_argument("--seed", type=int, default=0, help="random seed; the same seed draws the same sheet (default 0)")
    sample.add_argument("--out", type=Path, default=Path("coding-sheet.csv"),
                        help="the coding sheet, CSV (default coding-sheet.csv)")
    agree = sub.add_parser("agreement", help="precision, recall, type accuracy and Krippendorff's alpha of a coded sheet")
    agree.add_argument("sheet", type=Path, help="a coding sheet written by 'sourcescope sample' and filled in by a coder")
    agree.add_argument("--confusion", type=Path, default=None, help="also write the type confusion table here (CSV)")


def run_agreement_command(args: argparse.Namespace) -> int:
    """Run ``sample`` or ``agreement``; returns the exit status."""
    if args.command == "sample":
        if args.n < 1:
            raise ValueError("--n must be at least 1")
        articles = read_articles(args.input, columns=parse_columns(args.columns), outlet=args.outlet,
                                 max_chars=args.max_chars)
        result = run_pipeline(articles, progress=False if args.no_progress else None, max_chars=args.max_chars)
        sheet = coding_sheet(result.articles, result.attributions, n=args.n, random_state=args.seed)
        write_table(sheet, args.out)
        n_found = int((sheet["row_kind"] == "found").sum())
        print(f"{sheet['article_id'].nunique()} articles, {n_found} found attributions -> {args.out}")
        print("fill in coder_is_source (yes/no) and coder_source_type on each found row, and the sources the kit "
              "missed on the missed rows (copy a row for each), then run: sourcescope agreement " + str(args.out))
        return 0
    if not args.sheet.exists():
        raise FileNotFoundError(f"{args.sheet}: no such coding sheet")
    result = agreement(read_coding_sheet(args.sheet))
    print(result.summary())
    print("")
    print("source type, coder (rows) x kit (columns):")
    print(result.confusion.to_string() if result.confusion.size else "  (no typed sources)")
    if args.confusion is not None:
        write_table(result.confusion.reset_index(), args.confusion)
        print(f"  wrote {args.confusion}")
    return 0
