"""CPU time of the scoring stage per article: everything after extraction and classification.

Usage::

    python benchmarks/scoring_speed.py [--articles N] [--repeats R] [--json PATH]

Reads the first ``--articles`` (default 400) PolNeAR train articles
(``analysis.io.read_polnear``), extracts and classifies their attributions
once, and then times, with those attributions fixed, on one chunk:

- ``score_articles``: :func:`analysis.scoring.score_articles` (relay chains included);
- ``relay_chains``: :func:`analysis.sources.relay_chains`;
- ``score_chunk``: :func:`analysis.pipeline.score_chunk` less extraction and
  classification (status checks, chains, scores, rejected rows);
- ``write_chunk_results``: writing the chunk as ``sourcescope report`` does,
  with the outlet summary (bootstrap intervals) at the end;
- ``final_summary``: that outlet summary alone (once per run, not per chunk);
- ``glue``: ``score_chunk`` and ``write_chunk_results`` together.

Figures are CPU milliseconds per article (``time.process_time``; the least of
``--repeats`` runs, after one warm-up run), steadier than wall time on a
shared machine. Printed as a table, then as JSON (also written to ``--json PATH``).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

# Run as a script from anywhere: make the repository importable.
_REPO = Path(__file__).resolve().parents[1]
if str(_REPO) not in sys.path:
    sys.path.insert(0, str(_REPO))

import pandas as pd  # noqa: E402

import analysis.pipeline as pipeline  # noqa: E402
from analysis.config import POLNEAR_DIR  # noqa: E402
from analysis.extract import extract_attributions  # noqa: E402
from analysis.io import read_polnear  # noqa: E402
from analysis.io.checks import assign_status  # noqa: E402
from analysis.schema import validate_articles  # noqa: E402
from analysis.sources import classify_sources, relay_chains  # noqa: E402


def cpu_ms(fn, repeats: int) -> float:
    """Least CPU milliseconds of ``repeats`` calls of ``fn`` (after one warm-up call)."""
    fn()
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return 1000 * best


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    raw, _ = read_polnear(POLNEAR_DIR, "train", limit=args.articles)
    articles = assign_status(validate_articles(raw))
    texts = pipeline.truncate_texts(articles)
    classified = classify_sources(extract_attributions(texts), texts)
    attributions = pipeline.attribute(articles, progress=False)
    n = len(articles)
    with tempfile.TemporaryDirectory() as tmp:
        timings = _time_parts(raw, articles, attributions, classified, Path(tmp), args.repeats)
    rows = [{"part": part, "cpu_ms": round(ms, 1), "cpu_ms_per_article": round(ms / n, 3)}
            for part, ms in timings.items()]
    print(f"{n} PolNeAR train articles, {len(attributions)} attributions, one chunk")
    print(pd.DataFrame(rows).to_string(index=False))
    report = {"articles": n, "attributions": len(attributions), "repeats": args.repeats, "parts": rows}
    print(json.dumps(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return report


def _time_parts(raw: pd.DataFrame, articles: pd.DataFrame, attributions: pd.DataFrame, classified: pd.DataFrame,
                out: Path, repeats: int) -> dict[str, float]:
    # Extraction and classification are fixed: the chunk functions get their result.
    with mock.patch.object(pipeline, "extract_attributions", lambda chunk: chunk), \
            mock.patch.object(pipeline, "classify_sources", lambda _attributions, _chunk: classified):
        result = pipeline.score_chunk(raw)
        runs = iter(range(10**6))
        timings = {
            "score_articles": cpu_ms(lambda: pipeline.score_articles(articles, attributions), repeats),
            "relay_chains": cpu_ms(lambda: relay_chains(attributions, articles), repeats),
            "score_chunk": cpu_ms(lambda: pipeline.score_chunk(raw), repeats),
            "write_chunk_results": cpu_ms(
                lambda: pipeline.write_chunk_results([result], out / f"w{next(runs)}"), repeats),
            "final_summary": cpu_ms(lambda: pipeline.summarize_read(result.scored), repeats),
            "glue": cpu_ms(lambda: pipeline.write_chunk_results([pipeline.score_chunk(raw)], out / f"g{next(runs)}"),
                           repeats),
        }
    return timings


if __name__ == "__main__":
    main()
