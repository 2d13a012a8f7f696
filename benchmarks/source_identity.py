"""Who is cited: are mentions of one source counted under one name?

Usage::

    python benchmarks/source_identity.py [--json PATH] [--no-fakes] [--top 50]

On our labelled articles (``data/labels/source-identity.jsonl``: wire,
broadcaster and paper styles; the ``held_out`` ones were written after the
naming rules were settled and never tuned on) it runs extraction and source
classification and prints, per part and overall:

- mention accuracy: the share of labelled mentions found as a source and named
  as their entity (a mention of no entity, "a senior Hamas official", must
  get no name);
- B-cubed precision, recall and F1 of the clusters the ``source_id`` values
  make, against the labelled entities.

On FA-KES (``../shared/fa-kes``; skipped with a note when absent) it runs the
pipeline, then the corpus merge (``merge_corpus_names``), and prints the
``--top`` most-cited named sources (counted by ``source_id``), how many
distinct names they carry, how many are pronouns or look like a split name
(a name that is the first or last words of another one among them, or a word
of a longer alias-table name), and the share of attributions of named types
(``named_person``, ``named_organization``) that carry no ``source_name``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

_REPO = Path(__file__).resolve().parents[1]
if str(_REPO) not in sys.path:
    sys.path.insert(0, str(_REPO))


from analysis.config import FAKES_CSV, IDENTITY_LABELS_PATH  # noqa: E402
from analysis.evaluate.identity import read_identity_labels, score_identity  # noqa: E402
from analysis.extract import extract_attributions  # noqa: E402
from analysis.sources import classify_sources  # noqa: E402
from benchmarks._output import emit_json  # noqa: E402

#: What the naming must reach on our labelled set.
TARGETS = {"mention_accuracy": 0.90, "b_cubed_f1": 0.90}
FAKES_COLUMNS = {"text": "article_content", "outlet": "source", "published": "date", "title": "article_title",
                 "article_id": "unit_id"}
_PRONOUNS = frozenset("he she it they we i him her them us you".split())


def labelled_set() -> dict:
    """Scores on our labelled articles, per part (``tuned``, ``held_out``) and overall."""
    articles, mentions = read_identity_labels()
    parts = {}
    for line in IDENTITY_LABELS_PATH.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            parts[item["id"]] = item.get("split", "tuned")
    attributions = classify_sources(extract_attributions(articles), articles)
    out = {}
    for part in ("tuned", "held_out", "all"):
        rows = mentions if part == "all" else mentions[mentions["article_id"].map(parts) == part]
        if len(rows):
            scores = score_identity(rows, attributions)
            matched = scores.pop("matched")
            scores["n_articles"] = int(rows["article_id"].nunique())
            if part == "all":
                wrong = matched[~matched["right"]]
                scores["wrong"] = [f"{r.article_id}: {r.mention!r} -> {r.source_name!r} (want {r.entity!r})"
                                   for r in wrong.itertuples()]
            out[part] = scores
    return out


def _split_like(names: list[str]) -> list[str]:
    """Names that are the first or last words of another name in ``names``, or one word of a table name."""
    from analysis.sources.aliases import load_aliases

    table = load_aliases()
    long_names = {e.name for e in table.entries.values() if " " in e.name}
    out = []
    for name in names:
        words = name.split()
        others = [o.split() for o in names if o != name]
        partial = any(len(o) > len(words) and (o[: len(words)] == words or o[-len(words):] == words) for o in others)
        if partial or (len(words) == 1 and table.lookup(name) is None
                       and any(name in n.split() for n in long_names)):
            out.append(name)
    return out


def fakes(top: int) -> dict | None:
    """Most-cited named sources on FA-KES and the share of named-type rows without a name, or None when absent."""
    if not FAKES_CSV.exists():
        return None
    from analysis.io import read_articles
    from analysis.pipeline import attribute
    from analysis.sources import merge_corpus_names

    articles = read_articles(FAKES_CSV, columns=FAKES_COLUMNS)
    t0 = time.perf_counter()
    attributions = merge_corpus_names(attribute(articles, progress=False), articles)
    seconds = time.perf_counter() - t0
    named = attributions[attributions["source_id"].notna()]
    counts = named.groupby("source_id").size().sort_values(ascending=False, kind="stable")
    top_ids = counts.index[:top].tolist()
    label = named.groupby("source_id")["source_name"].agg(lambda s: s.value_counts().index[0])
    names = [str(label[i]) for i in top_ids]
    typed = attributions[attributions["source_type"].isin(["named_person", "named_organization"])]
    return {
        "n_articles": int(len(articles)),
        "n_attributions": int(len(attributions)),
        "seconds": round(seconds, 1),
        "top": [{"source_id": i, "name": n, "n": int(counts[i])} for i, n in zip(top_ids, names)],
        "distinct_names_in_top": len({n.lower() for n in names}),
        "pronouns_in_top": [n for n in names if n.lower() in _PRONOUNS],
        "split_like_in_top": _split_like(names),
        "share_named_types_without_name": round(float(typed["source_name"].isna().mean()), 4) if len(typed) else 0.0,
        "name_methods": {str(k): int(v) for k, v in attributions["name_method"].value_counts().items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--no-fakes", action="store_true", help="only our labelled set")
    parser.add_argument("--top", type=int, default=50, help="how many most-cited FA-KES sources to read")
    args = parser.parse_args(argv)
    blob: dict = {"labelled": labelled_set(), "targets": TARGETS}
    print("Source identity on our labelled articles")
    print(f"{'part':<10}{'articles':>9}{'mentions':>9}{'found':>8}{'accuracy':>10}{'B3 P':>8}{'B3 R':>8}{'B3 F1':>8}")
    for part, s in blob["labelled"].items():
        print(f"{part:<10}{s['n_articles']:>9}{s['n_mentions']:>9}{s['found']:>8.3f}{s['mention_accuracy']:>10.3f}"
              f"{s['b_cubed_precision']:>8.3f}{s['b_cubed_recall']:>8.3f}{s['b_cubed_f1']:>8.3f}")
    for line in blob["labelled"]["all"].get("wrong", []):
        print(f"  wrong: {line}")
    overall = blob["labelled"]["all"]
    blob["targets_met"] = {k: overall[k] >= v for k, v in TARGETS.items()}
    if not args.no_fakes:
        result = fakes(args.top)
        if result is None:
            print(f"\nFA-KES: skipped, {FAKES_CSV} is absent")
        else:
            blob["fakes"] = result
            print(f"\nFA-KES: {result['n_articles']} articles, {result['n_attributions']} attributions "
                  f"({result['seconds']} s)")
            print(f"the {args.top} most-cited named sources carry {result['distinct_names_in_top']} distinct names; "
                  f"pronouns among them: {result['pronouns_in_top'] or 'none'}; "
                  f"split-like names: {result['split_like_in_top'] or 'none'}")
            print(f"share of named-type attributions without a source_name: "
                  f"{result['share_named_types_without_name']:.3f}")
            for rank, row in enumerate(result["top"], start=1):
                print(f"{rank:>3}. {row['name']:<45} {row['n']:>5}  {row['source_id']}")
    emit_json(blob, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
