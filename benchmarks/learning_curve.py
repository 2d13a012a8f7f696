"""How the learned extractor's PolNeAR dev scores grow with its training articles.

Usage::

    python benchmarks/learning_curve.py [--fractions 0.125 0.25 0.5 1] [--repeats 3] [--json PATH]

Refits the attribution model on shares of PolNeAR train (drawn by article,
smaller shares inside larger ones; see ``analysis.evaluate.learning_curve``),
extracts attributions from PolNeAR dev with each fit (``convention="polnear"``)
and prints exact F1 of source, cue and content spans and overlap F1 of
source+cue pairs: per share, the mean and the range over the repeats, then
the gain per doubling of the training articles, and a JSON blob of every
score (also written to ``--json PATH`` if given).

The training set of the shipped model is the whole of train (share 1), so the
last row is the shipped model's score.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

# Run as a script from anywhere: make the repository importable.
_REPO = Path(__file__).resolve().parents[1]
if str(_REPO) not in sys.path:
    sys.path.insert(0, str(_REPO))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from _output import emit_json  # noqa: E402  (benchmarks/, the script's own folder)
from analysis.config import POLNEAR_DIR  # noqa: E402

#: (part, mode) pairs shown, as the project's targets name them.
SHOWN = (("source", "exact"), ("cue", "exact"), ("content", "exact"), ("pair", "overlap"))


def summarise(curve: pd.DataFrame) -> pd.DataFrame:
    """Mean, lowest and highest F1 over the repeats, one row per share and (part, mode)."""
    keep = pd.Series(list(zip(curve["part"], curve["mode"])), index=curve.index).isin(SHOWN)
    grouped = curve[keep].groupby(["fraction", "n_train_articles", "part", "mode"], sort=True)["f1"]
    return grouped.agg(f1="mean", low="min", high="max", repeats="size").reset_index()


def per_doubling(summary: pd.DataFrame) -> pd.DataFrame:
    """Least-squares slope of mean F1 against log2 of the number of training articles, per (part, mode)."""
    rows = []
    for (part, mode), g in summary.groupby(["part", "mode"], sort=False):
        x = np.log2(g["n_train_articles"].to_numpy(dtype=float))
        slope = float(np.polyfit(x, g["f1"].to_numpy(), 1)[0]) if len(g) > 1 else float("nan")
        rows.append({"part": part, "mode": mode, "f1_gain_per_doubling": slope})
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return the process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fractions", type=float, nargs="+", default=[0.125, 0.25, 0.5, 1.0],
                        help="shares of PolNeAR train to fit on (default: 0.125 0.25 0.5 1)")
    parser.add_argument("--repeats", type=int, default=3, help="draws of each share below 1 (default: 3)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the draws and of the model (default: 0)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the JSON results here")
    args = parser.parse_args(argv)

    from analysis.evaluate import learning_curve
    from analysis.io.polnear import read_polnear

    try:
        train, train_gold = read_polnear(POLNEAR_DIR, "train")
        dev, dev_gold = read_polnear(POLNEAR_DIR, "dev")
    except FileNotFoundError as err:
        print(f"PolNeAR is not available ({err}).\nPut the corpus in ../shared/polnear beside the project, "
              "or set SOURCESCOPE_SHARED to the folder that holds polnear/.", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    try:
        curve = learning_curve(train, train_gold, dev, dev_gold, fractions=args.fractions, repeats=args.repeats,
                               random_state=args.seed)
    except ValueError as err:
        print(str(err), file=sys.stderr)
        return 2
    seconds = time.perf_counter() - t0
    summary = summarise(curve)
    slopes = per_doubling(summary)

    print(f"== PolNeAR dev ({len(dev)} articles, {len(dev_gold)} gold attributions), fitted on shares of "
          f"train ({len(train)} articles); {args.repeats} draws per share below 1, {seconds:.0f} s ==")
    table = summary.assign(label=summary["part"] + " " + summary["mode"])
    wide = table.pivot_table(index=["fraction", "n_train_articles"], columns="label", values="f1", sort=False)
    spread = table.pivot_table(index=["fraction", "n_train_articles"], columns="label",
                               values=["low", "high"], sort=False)
    print("mean F1:")
    print(wide.round(3).to_string())
    print("lowest / highest F1 over the draws:")
    print(spread.round(3).to_string())
    print("F1 gained per doubling of the training articles (least squares over the shares):")
    print(slopes.round(4).to_string(index=False))

    blob = {"benchmark": "polnear-learning-curve", "python": platform.python_version(), "pandas": pd.__version__,
            "seconds": round(seconds, 1), "seed": args.seed, "repeats": args.repeats,
            "summary": summary.to_dict(orient="records"), "per_doubling": slopes.to_dict(orient="records"),
            "scores": curve.to_dict(orient="records")}
    emit_json(blob, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
