"""CPU time of ``classify_sources`` per article on PolNeAR train.

Usage::

    python benchmarks/classify_speed.py [--articles 400] [--split train]

Extracts the attributions of the first ``--articles`` articles of the split
(``analysis.io.read_polnear``), loads the models and word lists on a few dev
articles, then times ``classify_sources`` on those attributions with
``time.process_time`` (CPU seconds: steadier than wall time on a shared
machine). *First call* is the first in the process, with the per-wording
caches empty; *again* repeats it with them filled, as later chunks of a
large corpus partly find them. The one-off load of the source-typing model
is timed apart.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

# Run as a script from anywhere: make the repository importable.
_REPO = Path(__file__).resolve().parents[1]
if str(_REPO) not in sys.path:
    sys.path.insert(0, str(_REPO))

from analysis.config import POLNEAR_DIR  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--split", default="train")
    args = parser.parse_args(argv)
    if not POLNEAR_DIR.exists():
        print(f"PolNeAR is not at {POLNEAR_DIR}; nothing to time.")
        return 0
    from analysis.extract import extract_attributions
    from analysis.io import read_polnear
    from analysis.sources import classify_sources
    from analysis.sources.typer import TYPER_MODEL_PATH, load_typer

    warnings.simplefilter("ignore")
    import skops.io  # noqa: F401  (its import is shared with the extractor's model; not counted)

    start = time.process_time()
    load_typer(TYPER_MODEL_PATH)
    load_seconds = time.process_time() - start
    articles = read_polnear(POLNEAR_DIR, args.split)[0].head(args.articles)
    attributions = extract_attributions(articles)
    dev = read_polnear(POLNEAR_DIR, "dev")[0].head(3)
    classify_sources(extract_attributions(dev), dev)  # word lists, registry index, first-call set-up
    timings = []
    for _ in range(2):
        start = time.process_time()
        classify_sources(attributions, articles)
        timings.append(time.process_time() - start)
    n = len(articles)
    print(f"classify_sources on {n} PolNeAR {args.split} articles ({len(attributions)} attributions, "
          f"{len(attributions) / n:.1f} per article), CPU time:")
    print(f"  first call  {timings[0] * 1000 / n:.3f} ms/article  ({n / timings[0]:,.0f} articles/s)")
    print(f"  again       {timings[1] * 1000 / n:.3f} ms/article  ({n / timings[1]:,.0f} articles/s)")
    print(f"  source-typing model load (once per process): {load_seconds:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
