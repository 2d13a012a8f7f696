"""Score the extractor of the other languages on their gold dev sets, and time it.

Usage::

    python benchmarks/extract_languages.py [--language uk,ru,fr,nl,de] [--split dev] [--json PATH]

For each language, reads the gold split (``analysis.io.read_gold``; German
Wikinews counts its Direct, Indirect and Reported quotations), runs
``analysis.extract.extract_attributions`` on the articles, and prints span
precision, recall and F1 (overlap matching, one to one within an article) for
source, cue and content, then the extraction speed on one process: the dev
articles repeated to at least 300, timed after one warm-up call. Needs ../shared.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

# Run as a script from anywhere: make the repository importable.
_REPO = Path(__file__).resolve().parents[1]
if str(_REPO) not in sys.path:
    sys.path.insert(0, str(_REPO))

import pandas as pd  # noqa: E402

from _output import emit_json  # noqa: E402  (benchmarks/, the script's own folder)
from analysis.config import GOLD_DIR  # noqa: E402

LANGUAGES = ("uk", "ru", "fr", "nl", "de")


def _speed(articles: pd.DataFrame, extract) -> float:
    """Articles per second of ``extract`` over the articles repeated to 300 or more."""
    reps = max(1, -(-300 // len(articles)))
    many = pd.concat([articles.assign(article_id=articles["article_id"] + f"#{n}") for n in range(reps)],
                     ignore_index=True)
    extract(many.iloc[:5])  # resources load once per process
    start = time.perf_counter()
    extract(many)
    return len(many) / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--language", default=",".join(LANGUAGES), help="comma-separated language codes")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    if not GOLD_DIR.is_dir():
        print(f"no gold sets at {GOLD_DIR}: nothing to score", file=sys.stderr)
        return 1

    from analysis.evaluate.attributions import score_attributions
    from analysis.extract import extract_attributions
    from analysis.io import read_gold

    rows = []
    for language in args.language.split(","):
        articles, gold = read_gold(language, args.split)
        articles = articles.assign(language=language)
        pred = extract_attributions(articles)
        score = score_attributions(pred, gold, articles=articles).iloc[0]
        row = {"language": language, "articles": len(articles), "gold": int(score["n_gold"]),
               "predicted": int(score["n_pred"])}
        for part in ("source", "cue", "content"):
            for metric in ("precision", "recall", "f1"):
                row[f"{part}_{metric}"] = round(float(score[f"{part}_{metric}"]), 3)
        row["articles_per_second"] = round(_speed(articles, extract_attributions))
        rows.append(row)
    table = pd.DataFrame(rows).set_index("language")
    print(f"== extraction on the {args.split} gold sets (overlap matching, one to one) ==")
    print(table.to_string())
    emit_json({"benchmark": "extract-languages", "split": args.split, "rows": rows}, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
