"""Refit the shipped attribution model on PolNeAR train: ``python -m analysis.models.train``.

Reads ``analysis.config.POLNEAR_DIR``/train, fits
:class:`~analysis.models.attribution.AttributionModel` with a fixed seed and
writes it to :data:`~analysis.models.attribution.MODEL_PATH` (``make model``).
Only the train split is used for fitting. Where several annotators marked the
same train article, every annotation is a training example (PolNeAR's
doubly annotated articles add about 2,600 gold attributions).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from analysis.config import POLNEAR_DIR
from analysis.models.attribution import MODEL_PATH, AttributionModel, save_model

#: The seed of every solver.
SEED = 0


def train(polnear_dir: Path = POLNEAR_DIR, *, out: Path = MODEL_PATH, seed: int = SEED) -> AttributionModel:
    """Fit the model on ``polnear_dir``/train, save it to ``out`` and return it.

    >>> model = train(out=Path("models/attribution.skops"))  # doctest: +SKIP
    >>> sorted(model.n_training_examples_)  # doctest: +SKIP
    ['anchor', 'content_break', 'cue', 'cue_extend', 'source_extend']
    """
    from analysis.io.polnear import read_polnear

    # Every annotator's reading of a doubly annotated article is a valid
    # example; disagreements between them teach the model the boundary cases.
    articles, gold = read_polnear(polnear_dir, "train", annotators="all")
    model = AttributionModel(random_state=seed).fit(articles, gold)
    save_model(model, out)
    return model


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=MODEL_PATH, help=f"where to write the model (default {MODEL_PATH.name})")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    if not (POLNEAR_DIR / "train").is_dir():
        print(f"PolNeAR train is not available at {POLNEAR_DIR / 'train'}; put the corpus in ../shared/polnear "
              "or set SOURCESCOPE_SHARED", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    model = train(out=args.out, seed=args.seed)
    print(f"fitted in {time.perf_counter() - t0:.0f} s on {model.n_training_examples_} examples; "
          f"cue vocabulary {len(model.cue_vocab_)} words")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
