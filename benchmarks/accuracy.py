"""Score the attribution extractor against PolNeAR gold spans.

Usage::

    python benchmarks/accuracy.py [--split dev] [--with-train] [--convention polnear] [--json PATH] [--limit N]
                                  [--ggt-convention sourcescope] [--no-ggt]
                                  [--languages uk,ru,fr,nl,de] [--skip-polnear]

Loads the PolNeAR split (from ``analysis.config.POLNEAR_DIR``), runs
``analysis.extract.extract_attributions`` on its articles (by default with
``convention="polnear"``, the annotation's own notion of attribution and span
boundaries), and prints precision / recall / F1 per part (source, cue,
content, source+cue pair) and match mode (exact, overlap), a breakdown by
outlet, the most frequent missed and spurious cues, the extraction speed and
the speed of the whole pipeline (``analysis.pipeline.run_pipeline``: extract,
classify, score, summarise) in articles per second on one process, and a JSON
blob of the same numbers (also written to ``--json PATH`` if given).

Beside PolNeAR it scores GenderGapTracker's annotated Canadian news
(``analysis.config.GGT_DIR``, by default with the ``"sourcescope"``
convention) as GenderGapTracker scores its own extractor
(``analysis.evaluate.score_quotes``): quote precision, recall and F1 at 30% and
80% character coverage, speaker accuracy over the found quotes and the joint
F1, overall, by direct or indirect quote and by outlet. ``--no-ggt`` skips it.

Then, per language, the gold sets of ``../shared/gold`` (``analysis.io.read_gold``:
uk, ru, fr, nl dev; German Wikinews dev, its Direct, Indirect and Reported
quotations) beside English (PolNeAR dev): the articles are extracted and
classified in their language (``analysis.pipeline.attribute``) and scored by
``analysis.evaluate.score_attributions``, overlap matching one to one: source,
cue and content precision, recall and F1, and over the sources found the share
typed, named (canonical name) and traced (``via``) as the gold has them
(German Wikinews and PolNeAR carry no such labels: ``-``).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

# Run as a script from anywhere: make the repository importable.
_REPO = Path(__file__).resolve().parents[1]
if str(_REPO) not in sys.path:
    sys.path.insert(0, str(_REPO))

import pandas as pd  # noqa: E402

from _output import emit_json  # noqa: E402  (benchmarks/, the script's own folder)
from analysis.config import GGT_DIR, GOLD_DIR, POLNEAR_DIR  # noqa: E402

#: The languages scored on ../shared/gold by default, in the table's order.
GOLD_LANGUAGES = ("uk", "ru", "fr", "nl", "de")


def _score_split(split: str, *, limit: int | None, extract, convention: str) -> dict:
    from analysis.evaluate.spans import error_table, score_spans
    from analysis.io.polnear import read_polnear
    from analysis.pipeline import run_pipeline
    from analysis.schema import ATTRIBUTIONS, conform

    articles, gold = read_polnear(POLNEAR_DIR, split, limit=limit)
    # Load lexicons, model and the media index of this corpus's outlets once
    # (a one-off cost per corpus), so the timings measure the per-article work.
    run_pipeline(articles.assign(text=""), progress=False)
    t0 = time.perf_counter()
    pred = extract(articles, convention=convention)
    seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    run_pipeline(articles, progress=False)
    pipeline_seconds = time.perf_counter() - t0
    pred = conform(pred, ATTRIBUTIONS, table="predicted attributions")
    scores = score_spans(pred, gold)
    by_outlet = score_spans(
        pred, gold, parts=("source", "cue", "pair"), modes=("exact", "overlap"), by="outlet", articles=articles
    )
    errors = error_table(pred, gold, articles, part="cue", mode="overlap")
    common = {
        kind: errors.loc[errors["kind"] == kind, "span_text"].str.lower().value_counts().head(12).to_dict()
        for kind in ("miss", "false_positive")
    }
    return {
        "split": split,
        "convention": convention,
        "n_articles": int(len(articles)),
        "n_gold": int(len(gold)),
        "n_pred": int(len(pred)),
        "extract_seconds": round(seconds, 4),
        "articles_per_second": round(len(articles) / seconds, 2) if seconds > 0 else None,
        "pipeline_seconds": round(pipeline_seconds, 4),
        "pipeline_articles_per_second": round(len(articles) / pipeline_seconds, 2) if pipeline_seconds > 0 else None,
        "mean_article_chars": round(float(articles["text"].str.len().mean()), 1),
        "common_cue_errors": common,
        "scores": scores,
        "by_outlet": by_outlet,
    }


def _score_ggt(*, extract, convention: str) -> dict:
    from analysis.evaluate.quotes import read_ggt, score_quotes
    from analysis.sources import classify_sources

    articles, gold = read_ggt(GGT_DIR)
    t0 = time.perf_counter()
    pred = classify_sources(extract(articles, convention=convention), articles)
    seconds = time.perf_counter() - t0
    return {
        "corpus": "ggt-dev",
        "convention": convention,
        "n_articles": int(len(articles)),
        "n_gold": int(len(gold)),
        "n_pred": int(len(pred)),
        "seconds": round(seconds, 4),
        "scores": score_quotes(pred, gold),
        "by_kind": score_quotes(pred, gold, by="quote_kind"),
        "by_outlet": score_quotes(pred, gold, by="outlet", articles=articles, coverages=(0.3,)),
    }


_GGT_COLUMNS = ["coverage", "n_gold", "n_pred", "tp", "precision", "recall", "f1", "speaker_accuracy", "joint_f1"]


def _print_ggt(res: dict) -> None:
    print(f"\n== GenderGapTracker dev: {res['n_articles']} articles, {res['n_gold']} gold quotes, "
          f"{res['n_pred']} predicted attributions ({res['convention']} convention; extract and classify "
          f"{res['seconds']:.2f} s) ==")
    with pd.option_context("display.float_format", "{:.3f}".format, "display.width", 140):
        print(res["scores"][_GGT_COLUMNS].to_string(index=False))
        print("\nby gold quote kind (a prediction is direct when its quote_kind is direct or mixed):")
        print(res["by_kind"][["quote_kind", *_GGT_COLUMNS]].to_string(index=False))
        print("\nby outlet, 30% coverage:")
        print(res["by_outlet"][["outlet", *_GGT_COLUMNS[1:]]].to_string(index=False))


def _print_result(res: dict) -> None:
    print(f"\n== PolNeAR {res['split']}: {res['n_articles']} articles, "
          f"{res['n_gold']} gold / {res['n_pred']} predicted attributions ==")
    print(f"convention: {res['convention']}; articles of {res['mean_article_chars']:.0f} characters on average")
    print(f"extraction: {res['extract_seconds']:.3f} s, {res['articles_per_second']} articles/second")
    print(f"whole pipeline (extract, classify, score, summarise): {res['pipeline_seconds']:.3f} s, "
          f"{res['pipeline_articles_per_second']} articles/second")
    table = res["scores"].pivot(index="part", columns="mode", values=["precision", "recall", "f1"])
    table = table.reindex([p for p in ("source", "cue", "content", "pair") if p in table.index])
    table.columns = [f"{mode} {metric[0].upper()}" for metric, mode in table.columns]
    order = [f"{mode} {m}" for mode in ("exact", "overlap") for m in ("P", "R", "F")]
    table = table[[c for c in order if c in table.columns]]
    with pd.option_context("display.float_format", "{:.3f}".format, "display.width", 120):
        print(table.to_string())
        bo = res["by_outlet"].pivot(index="outlet", columns=["mode", "part"], values="f1")
        print("\nF1 by outlet:")
        print(bo.to_string())
    for kind, counts in res["common_cue_errors"].items():
        print(f"most frequent {kind.replace('_', ' ')} cues (overlap):", ", ".join(f"{k!r} {v}" for k, v in counts.items()))


def _jsonable(res: dict) -> dict:
    tables = ("scores", "by_outlet", "by_kind")
    out = {k: v for k, v in res.items() if k not in tables}
    for key in tables:
        if key in res:
            out[key] = json.loads(res[key].to_json(orient="records"))
    return out


def _score_language(language: str, *, limit: int | None) -> dict:
    """Extract, classify and score one language's gold dev set (English: PolNeAR dev)."""
    from analysis.evaluate import score_attributions
    from analysis.pipeline import attribute, run_pipeline

    if language == "en":
        from analysis.io.polnear import read_polnear

        articles, gold = read_polnear(POLNEAR_DIR, "dev", limit=limit)
        label = "PolNeAR dev"
    else:
        from analysis.io.gold import read_gold

        articles, gold = read_gold(language, "dev", limit=limit)
        label = "German Wikinews dev" if language == "de" else f"{language} dev"
    # Word lists, models and analysers load once, before the clock starts.
    attribute(articles.iloc[:2], progress=False)
    t0 = time.perf_counter()
    if language == "en":
        from analysis.extract import extract_attributions

        # PolNeAR is annotated by its own convention, and carries no types: the spans as the tables above.
        pred = extract_attributions(articles, convention="polnear")
    else:
        pred = attribute(articles, progress=False)
    seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    run_pipeline(articles, progress=False)
    pipeline_seconds = time.perf_counter() - t0
    row = score_attributions(pred, gold, articles=articles.assign(language=language)).iloc[0].to_dict()
    row.update(language=language, set=label, n_articles=len(articles), seconds=round(seconds, 3),
               pipeline_articles_per_second=round(len(articles) / pipeline_seconds, 1) if pipeline_seconds else None)
    return row


def _print_languages(rows: list[dict]) -> None:
    if not rows:
        return
    table = pd.DataFrame(rows).set_index("language")
    cols = {"set": "set", "n_articles": "articles", "n_gold": "gold", "n_pred": "pred",
            "source_precision": "src P", "source_recall": "src R", "source_f1": "src F1",
            "cue_precision": "cue P", "cue_recall": "cue R", "cue_f1": "cue F1", "content_f1": "content F1",
            "n_found": "found", "type_accuracy": "type", "name_accuracy": "name", "via_accuracy": "via",
            "pipeline_articles_per_second": "pipeline art/s"}
    table = table[list(cols)].rename(columns=cols)
    print("\n== Per language, overlap matching one to one (type, name, via: share of the sources found) ==")
    with pd.option_context("display.float_format", "{:.3f}".format, "display.width", 200,
                           "display.max_columns", 30):
        print(table.to_string(na_rep="-"))


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return the process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev", help="PolNeAR split to score (default: dev)")
    parser.add_argument("--with-train", action="store_true", help="also score the train split, for reference")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the JSON results here")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles of each split")
    parser.add_argument("--convention", default="polnear", choices=("polnear", "sourcescope"),
                        help="span convention of the extractor (default: polnear, as the corpus is annotated)")
    parser.add_argument("--ggt-convention", default="sourcescope", choices=("polnear", "sourcescope"),
                        help="span convention on GenderGapTracker's articles (default: sourcescope)")
    parser.add_argument("--no-ggt", action="store_true", help="do not score GenderGapTracker's articles")
    parser.add_argument("--languages", default=",".join(GOLD_LANGUAGES),
                        help="gold sets of ../shared/gold to score per language, beside English "
                             f"(default: {','.join(GOLD_LANGUAGES)}; empty for none)")
    parser.add_argument("--skip-polnear", action="store_true", help="no PolNeAR tables, only the per-language one")
    args = parser.parse_args(argv)
    languages = [lang.strip() for lang in args.languages.split(",") if lang.strip()]
    unknown = [lang for lang in languages if lang not in GOLD_LANGUAGES]
    if unknown:
        print(f"no gold set for language(s) {unknown}; there are {list(GOLD_LANGUAGES)}", file=sys.stderr)
        return 2

    have_polnear = POLNEAR_DIR.is_dir()
    if not have_polnear and not (languages and GOLD_DIR.is_dir()):
        print(
            f"PolNeAR is not available: {POLNEAR_DIR} does not exist.\n"
            "Put the corpus in ../shared/polnear beside the project, or set SOURCESCOPE_SHARED "
            "to the folder that holds polnear/.",
            file=sys.stderr,
        )
        return 2
    try:
        from analysis.extract import extract_attributions
    except ImportError as err:
        print(f"cannot import analysis.extract.extract_attributions: {err}", file=sys.stderr)
        return 3

    results = []
    if have_polnear and not args.skip_polnear:
        splits = [args.split] + (["train"] if args.with_train and args.split != "train" else [])
        for split in splits:
            try:
                res = _score_split(split, limit=args.limit, extract=extract_attributions, convention=args.convention)
            except FileNotFoundError as err:
                print(str(err), file=sys.stderr)
                return 2
            _print_result(res)
            results.append(_jsonable(res))

    per_language = []
    for language in (["en"] if have_polnear and languages else []) + languages:
        try:
            per_language.append(_score_language(language, limit=args.limit))
        except FileNotFoundError as err:
            print(f"{language}: skipped ({err})", file=sys.stderr)
    _print_languages(per_language)

    ggt = None
    if not args.no_ggt:
        if (GGT_DIR / "articles.jsonl").is_file():
            res = _score_ggt(extract=extract_attributions, convention=args.ggt_convention)
            _print_ggt(res)
            ggt = _jsonable(res)
        else:
            print(f"\nGenderGapTracker dev articles not scored: {GGT_DIR / 'articles.jsonl'} does not exist.",
                  file=sys.stderr)

    blob = {"benchmark": "polnear-accuracy", "python": platform.python_version(),
            "pandas": pd.__version__, "results": results, "ggt": ggt,
            "languages": json.loads(pd.DataFrame(per_language).to_json(orient="records")) if per_language else []}
    emit_json(blob, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
