"""Source-typing accuracy per type on the held-aside labelled spans.

Usage::

    python benchmarks/source_typing.py [--json PATH] [--all]

Reads ``data/labels/source-types.csv``, keeps the held-aside part (stratified,
fixed seed: :func:`analysis.sources.typer.split_type_labels`), types each span
as the pipeline does (registry and publisher, then the shipped typer; and the
lexicon rules alone for comparison), and prints per-type accuracy (the share
of spans of each gold type typed right), the overall accuracy, and the same
numbers as JSON (also written to ``--json PATH``). ``--all`` scores every
label (training part included; optimistic).
"""

# This file's name shadows the standard library's ``typing``: take the
# script's folder off the import path before anything imports it.
import sys

sys.path[:] = [p for p in sys.path if not p.rstrip("/").endswith("benchmarks")]

import argparse  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

_REPO = Path(__file__).resolve().parents[1]
if str(_REPO) not in sys.path:
    sys.path.insert(0, str(_REPO))

import pandas as pd  # noqa: E402

from analysis.config import SAMPLE_DIR  # noqa: E402
from analysis.io import read_articles  # noqa: E402
from analysis.sources.classify import type_sources  # noqa: E402
from analysis.sources.registry import default_index  # noqa: E402
from analysis.sources.typer import load_typer, read_type_labels, split_type_labels  # noqa: E402

#: Accuracy targets: overall and per type.
TARGETS = {"overall": 0.90, "anonymous": 0.85, "unnamed_official": 0.85}


def _publishers(labels: pd.DataFrame) -> list[str | None]:
    """The publisher of each labelled span (sample rows only; PolNeAR spans never cite their publisher)."""
    sample = read_articles(SAMPLE_DIR)
    media = default_index()
    outlets = {a: (media.resolve(o) or o) for a, o in zip(sample["article_id"], sample["outlet"]) if isinstance(o, str)}
    return [outlets.get(d) if c == "sample" else None for c, d in zip(labels["corpus"], labels["document"])]


def evaluate(labels: pd.DataFrame, *, typer: object) -> dict:
    """Per-type and overall accuracy of typing ``labels``' spans."""
    t0 = time.perf_counter()
    predicted = [kind for kind, _ in type_sources(labels["source_text"].tolist(), publishers=_publishers(labels), typer=typer)]
    seconds = time.perf_counter() - t0
    right = pd.Series(predicted, index=labels.index) == labels["source_type"]
    per_type = right.groupby(labels["source_type"]).agg(["mean", "size"])
    return {
        "overall": round(float(right.mean()), 4),
        "n": int(len(labels)),
        "per_type": {t: {"accuracy": round(float(r["mean"]), 4), "n": int(r["size"])} for t, r in per_type.iterrows()},
        "spans_per_second": round(len(labels) / seconds, 1) if seconds else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=None, help="also write the JSON here")
    parser.add_argument("--all", action="store_true", help="score every label, not only the held-aside part")
    args = parser.parse_args(argv)

    labels = read_type_labels()
    held = labels if args.all else split_type_labels(labels)[1]
    model = load_typer()
    results = {"held_aside": not args.all, "model": evaluate(held, typer=model), "rules": evaluate(held, typer=None)}

    types = sorted(results["model"]["per_type"])
    print(f"Source typing on {len(held)} {'held-aside ' if not args.all else ''}labelled spans")
    print(f"{'type':<20} {'n':>4} {'model':>7} {'rules':>7} {'target':>7}")
    for t in types:
        m, r = results["model"]["per_type"][t], results["rules"]["per_type"][t]
        target = f"{TARGETS[t]:.2f}" if t in TARGETS else ""
        print(f"{t:<20} {m['n']:>4} {m['accuracy']:>7.3f} {r['accuracy']:>7.3f} {target:>7}")
    print(f"{'overall':<20} {len(held):>4} {results['model']['overall']:>7.3f} {results['rules']['overall']:>7.3f} "
          f"{TARGETS['overall']:>7.2f}")
    met = {k: (results["model"]["overall"] if k == "overall" else results["model"]["per_type"][k]["accuracy"]) >= v
           for k, v in TARGETS.items()}
    results["targets"] = TARGETS
    results["targets_met"] = met
    blob = json.dumps(results, indent=1)
    print(blob)
    if args.json:
        args.json.write_text(blob + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
