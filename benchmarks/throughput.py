"""Speed and memory of the pipeline: per stage, by corpus size, and by worker count.

Usage::

    python benchmarks/throughput.py [--quick] [--articles N] [--sizes 1000,10000,100000]
                                    [--workers 1,2] [--worker-articles N] [--skip-fakes]
                                    [--skip-stages] [--skip-scaling] [--skip-workers]
                                    [--profile] [--json PATH] [--language xx]

Prints, as tables and then as one JSON blob (also written to ``--json PATH``):

1. **Stages** -- the whole pipeline (extract, classify, score, chunk by chunk
   as ``sourcescope report`` does) and each stage alone, on PolNeAR train texts
   (``analysis.io.read_polnear``) replicated to ``--articles`` articles
   (default 20,000), and on FA-KES (``analysis.config.FAKES_CSV``) replicated
   likewise: articles/s, words/s, MB/s (UTF-8 text), CPU seconds and peak
   RSS. Each row runs in a fresh process, so its peak RSS is its own; that
   process holds the whole replicated corpus in memory (as a notebook would)
   and runs its stage once on 20 articles before the clock starts, so that
   loading models and word lists (start-up) is not counted.
   Peak RSS is the process's own ``VmHWM``.
2. **Scaling** -- ``sourcescope report`` (the streaming path) on a Parquet
   file of 1k, 10k and 100k replicated PolNeAR articles, each in a fresh
   process: wall time, articles/s, peak RSS, and the median and largest
   resident memory over the second half of the run (sampled every half
   second). Time should grow linearly and memory stay flat.
3. **Workers** -- ``sourcescope report`` on the 10k file with 1 and 2 local
   workers: ``--jobs N`` (processes) and ``--engine dask --jobs N`` (a Dask
   LocalCluster; its start-up is included in the time). Peak RSS is that of
   the main process (workers hold a chunk each).

``--language xx`` (uk, ru, fr, nl, de) measures the stage table on that
language's gold dev texts of ``../shared/gold`` (``analysis.io.read_gold``; for
``de`` German Wikinews dev) replicated to ``--articles`` articles, without
their ``language`` field, so that the pipeline row includes detecting it; the
other stages are given the detected language. Nothing of those texts is
written into the repository. ``--language en`` is the default table (PolNeAR
and FA-KES); scaling and worker runs are PolNeAR's and are skipped for another
language.

``--quick`` uses 2,000 articles, sizes 500/2,000/5,000 and the 2,000 file for
the worker runs. ``--profile`` prints a pyinstrument profile of the whole
pipeline on 1,000 PolNeAR articles. Wall-clock figures depend on what else
runs on the machine; CPU seconds are steadier.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Run as a script from anywhere: make the repository importable.
_REPO = Path(__file__).resolve().parents[1]
if str(_REPO) not in sys.path:
    sys.path.insert(0, str(_REPO))

import pandas as pd  # noqa: E402

from analysis.config import FAKES_COLUMNS, FAKES_CSV, POLNEAR_DIR  # noqa: E402

STAGES = ("pipeline", "extract", "classify", "score")
CHUNK = 1000  # as analysis.pipeline.CHUNK_SIZE


# -- corpora -------------------------------------------------------------------------------


def base_corpus(name: str) -> pd.DataFrame:
    """PolNeAR train, FA-KES, or ``gold-<xx>`` (one language's gold dev texts), as an articles table."""
    if name.startswith("gold-"):
        from analysis.io.gold import read_gold

        articles, _ = read_gold(name.removeprefix("gold-"), "dev")
        # The pipeline detects the language, as it does for a corpus that does not give it.
        return articles.drop(columns=["language"])
    if name == "polnear":
        from analysis.io import read_polnear

        articles, _ = read_polnear(POLNEAR_DIR, "train")
        return articles
    import warnings

    from analysis.io import read_articles

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # FA-KES repeats some ids; read_articles renames them
        return read_articles(FAKES_CSV, columns=FAKES_COLUMNS)


def replicate(base: pd.DataFrame, n: int, *, start: int = 0) -> pd.DataFrame:
    """Rows ``start`` .. ``start + n`` of ``base`` repeated end to end, with unique ids ``<id>#<copy>``."""
    positions = [(start + i) % len(base) for i in range(n)]
    copies = [(start + i) // len(base) for i in range(n)]
    out = base.iloc[positions].reset_index(drop=True)
    out["article_id"] = [f"{a}#{c}" for a, c in zip(out["article_id"], copies)]
    return out


def write_corpus(base: pd.DataFrame, n: int, path: Path) -> Path:
    """Write ``n`` replicated articles to one Parquet file, a chunk at a time."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    writer = None
    for start in range(0, n, 10_000):
        table = pa.Table.from_pandas(replicate(base, min(10_000, n - start), start=start), preserve_index=False)
        writer = writer or pq.ParquetWriter(path, table.schema)
        writer.write_table(table)
    writer.close()
    return path


def text_size(articles: pd.DataFrame) -> tuple[int, int]:
    """Words (whitespace-separated) and UTF-8 bytes of the texts."""
    texts = articles["text"].fillna("")
    # Counted without materialising word lists, which would dominate peak memory.
    return int(texts.str.count(r"\S+").sum()), int(sum(len(t.encode("utf-8")) for t in texts))


# -- one measurement, in a fresh process ----------------------------------------------------


def _peak_rss_mb() -> float:
    """This process's own peak resident memory (``VmHWM``).

    Not ``ru_maxrss``: on Linux that carries over the parent's peak across
    fork and exec, so a small child of a large benchmark process would look large.
    """
    with open("/proc/self/status", encoding="ascii") as fh:
        kb = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
    return kb / 1024


# ``sourcescope report`` in a child that prints its own peak memory at the end.
_REPORT = (
    "import sys; from analysis.cli import main; rc = main(sys.argv[1:]); "
    "from benchmarks.throughput import _peak_rss_mb; print('PEAK_RSS_MB', _peak_rss_mb()); sys.exit(rc)"
)


def measure_stage(corpus: str, n: int, stage: str, tmp: Path) -> dict:
    """Time one stage over ``n`` replicated articles, chunk by chunk; runs in its own process."""
    from analysis.extract import extract_attributions
    from analysis.pipeline import score_chunk
    from analysis.schema import validate_articles
    from analysis.scoring import score_articles
    from analysis.sources import classify_sources

    articles = validate_articles(replicate(base_corpus(corpus), n))
    if stage != "pipeline":
        # The stages alone read each article in its language, detected once here; the pipeline detects it itself.
        from analysis.io.language import add_languages

        articles = add_languages(articles)
    raw_path, classified_path = tmp / f"{corpus}-{n}-raw.parquet", tmp / f"{corpus}-{n}-classified.parquet"
    raw = pd.read_parquet(raw_path) if stage == "classify" else None
    classified = pd.read_parquet(classified_path) if stage == "score" else None
    chunks = [articles.iloc[i: i + CHUNK] for i in range(0, n, CHUNK)]
    if stage == "classify":
        parts = [raw[raw["article_id"].isin(chunk["article_id"])] for chunk in chunks]
    # Load the models, lexicons and registry before the clock starts: their
    # one-off cost is start-up, which the scaling table shows separately.
    warm = articles.iloc[:20]
    if stage in ("pipeline", "extract"):
        score_chunk(warm) if stage == "pipeline" else extract_attributions(warm)
    elif stage == "classify":
        classify_sources(raw[raw["article_id"].isin(warm["article_id"])], warm)
    outputs = []
    wall, cpu = time.perf_counter(), time.process_time()
    if stage == "pipeline":
        outputs = [score_chunk(chunk).attributions for chunk in chunks]
    elif stage == "extract":
        outputs = [extract_attributions(chunk) for chunk in chunks]
    elif stage == "classify":
        outputs = [classify_sources(part, chunk) for part, chunk in zip(parts, chunks)]
    elif stage == "score":
        outputs = [score_articles(articles, classified)]
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if stage == "extract":
        pd.concat(outputs, ignore_index=True).to_parquet(raw_path, index=False)
    elif stage == "classify":
        pd.concat(outputs, ignore_index=True).to_parquet(classified_path, index=False)
    words, size = text_size(articles)
    return {
        "corpus": corpus, "stage": stage, "articles": n, "seconds": round(wall, 2), "cpu_seconds": round(cpu, 2),
        "articles_per_s": round(n / wall, 1), "articles_per_cpu_s": round(n / cpu, 1),
        "words_per_s": round(words / wall), "mb_per_s": round(size / 1e6 / wall, 2),
        "peak_rss_mb": round(_peak_rss_mb()),
    }


def _rss_mb(pid: int) -> float | None:
    """The current resident memory (``VmRSS``) of process ``pid``, or None when unreadable."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            return next((int(line.split()[1]) / 1024 for line in fh if line.startswith("VmRSS:")), None)
    except OSError:
        return None


def run_child(args: list[str], *, rss_samples: list[float] | None = None) -> tuple[float, float, str]:
    """Run a command; return its wall seconds, CPU seconds and stdout.

    CPU time is the child's own plus that of the processes it started and
    waited for (not of Dask or forkserver workers, which it does not reap).
    With ``rss_samples``, the child's resident memory is appended to it every
    half second while it runs.
    """
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(args, stdout=out, stderr=err, cwd=_REPO)
        if rss_samples is None:
            _, status, usage = os.wait4(proc.pid, 0)
        else:
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if (rss := _rss_mb(proc.pid)) is not None:
                    rss_samples.append(rss)
                time.sleep(0.5)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({proc.returncode}):\n{stderr[-3000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, stdout


def stage_rows(corpus: str, n: int, tmp: Path) -> list[dict]:
    rows = []
    for stage in STAGES:
        *_, stdout = run_child([sys.executable, __file__, "_stage", corpus, str(n), stage, str(tmp)])
        rows.append(json.loads(stdout.strip().splitlines()[-1]))
        print_row(rows[-1], ("corpus", "stage", "articles", "seconds", "cpu_seconds", "articles_per_s",
                             "articles_per_cpu_s", "words_per_s", "mb_per_s", "peak_rss_mb"))
    return rows


def report_row(path: Path, n: int, out: Path, *extra: str, label: str) -> dict:
    command = [sys.executable, "-c", _REPORT, "report", str(path), "--out", str(out), "--no-progress", *extra]
    samples: list[float] = []
    seconds, cpu, stdout = run_child(command, rss_samples=samples)
    rss = float(stdout.rsplit("PEAK_RSS_MB", 1)[1].split()[0])
    # The peak is one moment; the resident memory over the second half of the
    # run (past start-up and the first chunks) shows whether it keeps growing.
    late = sorted(samples[len(samples) // 2:])
    return {"run": label, "articles": n, "seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1),
            "articles_per_s": round(n / seconds, 1), "articles_per_cpu_s": round(n / cpu, 1),
            "peak_rss_mb": round(rss),
            "late_rss_median_mb": round(late[len(late) // 2]) if late else None,
            "late_rss_max_mb": round(late[-1]) if late else None,
            "command": "sourcescope report <corpus.parquet> " + " ".join(extra)}


# -- printing --------------------------------------------------------------------------------

_printed_headers: set[tuple[str, ...]] = set()


def print_row(row: dict, keys: tuple[str, ...]) -> None:
    if keys not in _printed_headers:
        _printed_headers.add(keys)
        print("| " + " | ".join(keys) + " |")
        print("|" + "---|" * len(keys))
    print("| " + " | ".join(str(row.get(k, "")) for k in keys) + " |", flush=True)


def profile(n: int = 1000) -> None:
    from pyinstrument import Profiler

    from analysis.pipeline import score_chunk

    articles = replicate(base_corpus("polnear"), n)
    score_chunk(articles.iloc[:10])  # load lexicons and registry outside the profile
    profiler = Profiler(interval=0.001)
    profiler.start()
    score_chunk(articles)
    profiler.stop()
    print(profiler.output_text(color=False, unicode=False, show_all=False))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_stage":
        corpus, n, stage, tmp = argv[1], int(argv[2]), argv[3], Path(argv[4])
        print(json.dumps(measure_stage(corpus, n, stage, tmp)))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a run of a few minutes")
    parser.add_argument("--articles", type=int, default=None, help="articles for the stage table (default 20000)")
    parser.add_argument("--sizes", default=None, help="corpus sizes of the scaling table (default 1000,10000,100000)")
    parser.add_argument("--workers", default="1,2", help="local worker counts to compare (default 1,2)")
    parser.add_argument("--worker-articles", type=int, default=None, help="corpus size of the worker runs (default 10000)")
    parser.add_argument("--skip-fakes", action="store_true", help="no FA-KES rows")
    parser.add_argument("--skip-stages", action="store_true", help="no stage table")
    parser.add_argument("--skip-scaling", action="store_true", help="no scaling table")
    parser.add_argument("--skip-workers", action="store_true", help="no worker table")
    parser.add_argument("--profile", action="store_true", help="print a pyinstrument profile of the pipeline")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--language", default="en", choices=("en", "uk", "ru", "fr", "nl", "de"),
                        help="measure on this language's gold dev texts, replicated (default en: PolNeAR, FA-KES)")
    args = parser.parse_args(argv)
    if args.language != "en":
        return _language_stages(args, argv)
    if not (POLNEAR_DIR / "train").is_dir():
        print(f"PolNeAR not found at {POLNEAR_DIR}; the benchmark needs it", file=sys.stderr)
        return 2
    n = args.articles or (2000 if args.quick else 20_000)
    sizes = [int(s) for s in (args.sizes or ("500,2000,5000" if args.quick else "1000,10000,100000")).split(",")]
    workers = [int(w) for w in args.workers.split(",")]
    worker_size = args.worker_articles or (2000 if args.quick else 10_000)
    results: dict = {
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_average_at_start": [round(x, 2) for x in os.getloadavg()]},
        "command": "python benchmarks/throughput.py " + " ".join(argv),
    }
    if args.profile:
        profile()
    with tempfile.TemporaryDirectory(prefix="sourcescope-bench-") as tmp_name:
        tmp = Path(tmp_name)
        if not args.skip_stages:
            print(f"\n## Stages, one process, {n} articles (chunks of {CHUNK})\n")
            results["stages"] = stage_rows("polnear", n, tmp)
            if not args.skip_fakes and FAKES_CSV.exists():
                results["stages"] += stage_rows("fakes", n, tmp)
        polnear = base_corpus("polnear")
        words, size = text_size(polnear)
        results["polnear_article"] = {"words_mean": round(words / len(polnear)), "bytes_mean": round(size / len(polnear))}
        if not args.skip_scaling:
            print("\n## Scaling: sourcescope report (streaming), one process\n")
            results["scaling"] = []
            for size_n in sizes:
                corpus = write_corpus(polnear, size_n, tmp / f"polnear-{size_n}.parquet")
                row = report_row(corpus, size_n, tmp / f"out-{size_n}", label=f"{size_n} articles")
                results["scaling"].append(row)
                print_row(row, ("run", "articles", "seconds", "cpu_seconds", "articles_per_s", "articles_per_cpu_s",
                                     "peak_rss_mb", "late_rss_median_mb", "late_rss_max_mb"))
                corpus.unlink()
        if not args.skip_workers:
            corpus = write_corpus(polnear, worker_size, tmp / f"polnear-{worker_size}.parquet")
            print(f"\n## Local workers, sourcescope report on {worker_size} articles\n")
            results["workers"] = []
            for engine in ("pandas", "dask"):
                for w in workers:
                    extra = ["--jobs", str(w)] + (["--engine", "dask"] if engine == "dask" else [])
                    row = report_row(corpus, worker_size, tmp / f"out-{engine}-{w}", *extra,
                                     label=f"{engine}, {w} worker(s)")
                    results["workers"].append(row)
                    print_row(row, ("run", "articles", "seconds", "articles_per_s", "peak_rss_mb", "command"))
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    print("\n" + json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


def _language_stages(args: argparse.Namespace, argv: list[str]) -> int:
    """The stage table on one language's gold dev texts, replicated."""
    from analysis.config import GOLD_DIR
    from analysis.io.gold import gold_path

    path = gold_path(args.language, "dev", root=GOLD_DIR)
    if not path.is_file():
        print(f"{path} not found; --language {args.language} needs ../shared/gold", file=sys.stderr)
        return 2
    n = args.articles or (2000 if args.quick else 20_000)
    results: dict = {
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_average_at_start": [round(x, 2) for x in os.getloadavg()]},
        "command": "python benchmarks/throughput.py " + " ".join(argv),
    }
    corpus = f"gold-{args.language}"
    words, size = text_size(base_corpus(corpus))
    results["article"] = {"words_mean": round(words / len(base_corpus(corpus))),
                          "bytes_mean": round(size / len(base_corpus(corpus)))}
    with tempfile.TemporaryDirectory(prefix="sourcescope-bench-") as tmp_name:
        print(f"\n## Stages, one process, {n} articles of {args.language} dev texts (chunks of {CHUNK})\n")
        results["stages"] = stage_rows(corpus, n, Path(tmp_name))
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    print("\n" + json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
