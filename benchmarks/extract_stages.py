"""CPU time per article of the extractor's stages: parsing, rules, merging.

Usage::

    python benchmarks/extract_stages.py [--articles 400] [--repeats 3] [--json PATH]

Runs on the first ``--articles`` PolNeAR train articles
(``analysis.io.read_polnear``) and prints milliseconds of CPU time
(``time.process_time``, steadier than wall time on a shared machine) per
article for:

* ``parse`` -- :func:`analysis.text.tokens.parse`;
* ``rules.find`` -- :meth:`analysis.extract.rules.RuleExtractor.find`;
* ``model.find_many`` -- the learned model over all the articles at once, as
  :func:`analysis.extract.extract_attributions` runs it (a batch at a time);
* ``merge overhead`` -- :func:`analysis.extract.hybrid.merge` without the
  model's ``find`` (its results are computed beforehand and replayed), under
  each span convention.

Each figure is the best of ``--repeats`` passes over the articles. Every pass
uses a new rule extractor, so that what it remembers of one pass (noun phrases
already scanned for media names) does not speed up the next.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

# Run as a script from anywhere: make the repository importable.
_REPO = Path(__file__).resolve().parents[1]
if str(_REPO) not in sys.path:
    sys.path.insert(0, str(_REPO))

from analysis.config import POLNEAR_DIR  # noqa: E402


class _Replay:
    """Stands in for the model: returns ``find`` results computed beforehand."""

    def __init__(self, found: dict[int, list]):
        self.found = found

    def find(self, doc):
        return self.found[id(doc)]


def _best(passes: int, run) -> float:
    """Least CPU seconds of ``passes`` calls of ``run()``."""
    best = float("inf")
    for _ in range(passes):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def _new_rules():
    """A rule extractor with nothing remembered yet (over the shared media index)."""
    from analysis.text.lexicons import load_lexicons
    from analysis.extract.rules import RuleExtractor
    from analysis.sources.registry import default_index

    return RuleExtractor(load_lexicons(), default_index())


def measure(texts: list[str], *, repeats: int = 3) -> dict[str, float]:
    """Milliseconds of CPU time per text of each stage."""
    from analysis.extract.attributions import _model
    from analysis.extract.hybrid import merge
    from analysis.text.tokens import parse

    model = _model()
    if model is None:
        raise SystemExit("the shipped attribution model is missing; run `make model`")
    # One-off tables (character classes, fuzzy-match pools) are built outside the clock.
    parse("Warm up.")
    _new_rules().media.resolve("Agence France Presse")
    docs = [parse(t) for t in texts]
    per_article = 1000 / len(texts)

    def find_all():
        rules = _new_rules()
        start = time.process_time()
        for d in docs:
            rules.find(d)
        return time.process_time() - start

    out = {
        "parse": _best(repeats, lambda: [parse(t) for t in texts]),
        "rules.find": min(find_all() for _ in range(repeats)),
        "model.find_many": _best(repeats, lambda: model.find_many(docs)),
    }
    replay = _Replay({id(d): found for d, found in zip(docs, model.find_many(docs))})
    for convention in ("sourcescope", "polnear"):
        best = float("inf")
        for _ in range(repeats):
            # merge updates the rule candidates in place: fresh ones each pass, made outside the clock.
            rules = _new_rules()
            rule_found = [rules.find(d) for d in docs]
            start = time.process_time()
            for d, found in zip(docs, rule_found):
                merge(d, found, replay, rules, convention=convention)
            best = min(best, time.process_time() - start)
        out[f"merge overhead ({convention})"] = best
    return {stage: round(seconds * per_article, 3) for stage, seconds in out.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=400, help="first N PolNeAR train articles (default 400)")
    parser.add_argument("--repeats", type=int, default=3, help="passes per stage; the best counts (default 3)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    if not (POLNEAR_DIR / "train").is_dir():
        print(f"PolNeAR not found at {POLNEAR_DIR}; the benchmark needs it", file=sys.stderr)
        return 2
    from analysis.io import read_polnear

    articles, _ = read_polnear(POLNEAR_DIR, "train")
    texts = list(articles["text"].iloc[: args.articles])
    figures = measure(texts, repeats=args.repeats)
    print(f"CPU ms per article, {len(texts)} PolNeAR train articles, best of {args.repeats}\n")
    print("| stage | ms/article |\n|---|---|")
    for stage, ms in figures.items():
        print(f"| {stage} | {ms} |")
    result = {"articles": len(texts), "repeats": args.repeats, "ms_per_article": figures,
              "command": "python benchmarks/extract_stages.py " + " ".join(argv or sys.argv[1:])}
    print("\n" + json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
