"""How much recall the greedy decoding of the attribution model leaves on the table.

Usage::

    python benchmarks/decoder_headroom.py [--split dev] [--json PATH]

Runs the extractor (``convention="polnear"``) on a PolNeAR split three ways
and prints cue and source+cue pair precision / recall / F1 (exact and
overlap) for each:

1. the shipped model, decoded greedily as it ships;
2. the same, keeping every cue the cue classifier accepts whatever the later
   greedy steps (growth, source anchoring) decide: the recall those steps lose;
3. every cue word scored at 0.3 or more kept, sources at any probability: the
   recall within reach of a decoder that chose among less certain cues
   (an upper bound, at the precision shown).

A structured decoder could gain at most the recall between (1) and (3).
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

_REPO = Path(__file__).resolve().parents[1]
if str(_REPO) not in sys.path:
    sys.path.insert(0, str(_REPO))

from _output import emit_json  # noqa: E402
from analysis.config import POLNEAR_DIR  # noqa: E402

VARIANTS = {
    "greedy (shipped)": {},
    "every accepted cue kept": {"sourceless_cue": 0.0},
    "every cue word at p >= 0.3 kept": {"cue_threshold": 0.3, "sourceless_cue": 0.0, "source_threshold": 0.0,
                                        "sure_cue_source_threshold": 0.0},
}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return the process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev", help="PolNeAR split to score (default: dev)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the JSON results here")
    args = parser.parse_args(argv)
    if not POLNEAR_DIR.is_dir():
        print(f"PolNeAR is not available: {POLNEAR_DIR} does not exist.", file=sys.stderr)
        return 2
    from analysis.evaluate import score_spans
    from analysis.extract import extract_attributions
    from analysis.io.polnear import read_polnear
    from analysis.models import load_model

    base = load_model(warn=False)
    if base is None:
        print("no fitted attribution model: run `make model`", file=sys.stderr)
        return 2
    articles, gold = read_polnear(POLNEAR_DIR, args.split)
    results = []
    for label, params in VARIANTS.items():
        model = copy.copy(base)
        for name, value in params.items():
            setattr(model, name, value)
        pred = extract_attributions(articles, convention="polnear", model=model)
        scores = score_spans(pred, gold, parts=("cue", "pair"), modes=("exact", "overlap"))
        print(f"\n{label}:")
        print(scores[["part", "mode", "precision", "recall", "f1"]].round(3).to_string(index=False))
        results.append({"variant": label, "params": params, "scores": scores.to_dict(orient="records")})
    emit_json({"benchmark": "decoder-headroom", "split": args.split, "results": results}, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
