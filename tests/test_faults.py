"""Faults: a report killed at any point leaves the old report, the new one, or a folder that says it is incomplete.

The runs here are real ``sourcescope report`` processes, killed with SIGKILL
or SIGTERM while they work; each test waits for events (files appearing),
never on speed, and is bounded by timeouts.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pandas as pd
import pytest

from analysis import config
from analysis.cli import main
from analysis.io import check_report, read_articles, read_manifest
from analysis.io.report_folder import MANIFEST, STAGING
from analysis.io.write import to_csv

#: Seconds any one run may take here before the test fails (far above what it needs).
RUN_LIMIT = 240


def _corpus(tmp_path: Path, copies: int, name: str = "corpus.csv") -> Path:
    """The bundled sample, ``copies`` times over with distinct ids, as one CSV."""
    sample = read_articles(config.SAMPLE_DIR)[["article_id", "outlet", "title", "text"]]
    table = pd.concat([sample.assign(article_id=sample["article_id"] + f"-{i}") for i in range(copies)],
                      ignore_index=True)
    path = tmp_path / name
    to_csv(table, path)
    return path


def _start(args: list[str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "analysis.cli", "report", *args, "--no-progress"],
                            cwd=config.PROJ_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _run(args: list[str]) -> None:
    proc = _start(args)
    _, err = proc.communicate(timeout=RUN_LIMIT)
    assert proc.returncode == 0, err.decode()


def _wait_for(condition, proc: subprocess.Popen | None = None, *, limit: float = RUN_LIMIT) -> bool:
    """Poll until ``condition()``; False when ``proc`` ended first."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if condition():
            return True
        if proc is not None and proc.poll() is not None:
            return False
        time.sleep(0.01)
    raise TimeoutError("the awaited state never came")


def _done_chunks(out: Path) -> int:
    return len(list((out / STAGING / "chunks").glob("*.scored.parquet")))


def _files(manifest: dict) -> dict:
    return {name: entry["sha256"] for name, entry in manifest["files"].items()}


def _state(out: Path, old: dict, new: dict) -> str:
    """``old``, ``new`` or ``incomplete``; fails on anything else (a mix)."""
    manifest = read_manifest(out)
    if manifest is None:
        with pytest.raises(ValueError, match="no complete report"):
            check_report(out)
        return "incomplete"
    check_report(out)  # every listed file is the one written
    files = _files(manifest)
    assert files in (old, new), "the folder holds a report that is neither the old nor the new one"
    # No file of one report beside the other's: what is there and not listed is no report file.
    listed = set(files)
    for name in ("attributions.parquet", "chains.parquet", "articles_scored.csv", "outlets.csv", "rejected.csv"):
        assert (name in listed) == (out / name).exists(), name
    return "old" if files == old else "new"


# -- resume -------------------------------------------------------------------------------------


def test_resume_after_a_kill_at_a_random_chunk_gives_the_uninterrupted_report(tmp_path):
    corpus = _corpus(tmp_path, 1)
    args = [str(corpus), "--chunk-size", "4"]
    _run([*args, "--out", str(tmp_path / "whole")])
    whole = read_manifest(tmp_path / "whole")
    n_chunks = -(-41 // 4)
    out = tmp_path / "killed"
    stop_after = random.Random(os.getpid()).randint(1, n_chunks - 2)
    proc = _start([*args, "--out", str(out)])
    reached = _wait_for(lambda: _done_chunks(out) >= stop_after, proc)
    proc.kill()
    proc.wait(timeout=30)
    assert reached, "the run ended before the chunk it was to be killed at"
    done = sorted((out / STAGING / "chunks").glob("*.scored.parquet"))
    stamps = {p.name: p.stat().st_mtime_ns for p in done}
    assert read_manifest(out) is None and done
    assert main(["report", *args, "--out", str(out), "--no-progress", "--resume"]) == 0
    assert _files(check_report(out)) == _files(whole)
    for name in ("articles_scored.csv", "outlets.csv", "attributions.parquet", "chains.parquet"):
        assert (out / name).read_bytes() == (tmp_path / "whole" / name).read_bytes(), name
    assert not (out / STAGING).exists()
    assert len(stamps) >= stop_after  # the chunks done before the kill were not scored again (their files stayed)


def test_resume_refuses_a_staged_run_of_other_options(tmp_path, capsys):
    corpus = _corpus(tmp_path, 1)
    out = tmp_path / "out"
    proc = _start([str(corpus), "--chunk-size", "2", "--out", str(out)])
    reached = _wait_for(lambda: _done_chunks(out) >= 1, proc)
    proc.kill()
    proc.wait(timeout=30)
    assert reached
    assert main(["report", str(corpus), "--chunk-size", "3", "--out", str(out), "--no-progress", "--resume"]) == 2
    assert "cannot resume" in capsys.readouterr().err


# -- the report folder --------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("kill", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_report_killed_at_a_random_point_is_the_old_or_the_new_one(tmp_path, kill):
    out = tmp_path / "out"
    _run([str(_corpus(tmp_path, 1, "old.csv")), "--chunk-size", "10", "--out", str(out)])
    old = _files(read_manifest(out))
    new_input = _corpus(tmp_path, 2, "new.csv")
    _run([str(new_input), "--chunk-size", "10", "--out", str(tmp_path / "reference")])
    new = _files(read_manifest(tmp_path / "reference"))
    rng = random.Random(os.getpid() + kill)
    seen = []
    for _ in range(2):
        proc = _start([str(new_input), "--chunk-size", "10", "--out", str(out)])
        # A random moment between the first chunk scored and the end.
        _wait_for(lambda: _done_chunks(out) >= 1 or read_manifest(out) is None, proc)
        time.sleep(rng.uniform(0, 1.5))
        proc.send_signal(kill)
        proc.wait(timeout=60)
        state = _state(out, old, new)
        seen.append(state)
        if kill == signal.SIGTERM:
            assert not list(out.glob(".*.tmp")) and not list((out / "figures").glob(".*.tmp"))
            assert not list((out / STAGING).glob(".*.tmp")) if (out / STAGING).exists() else True
        if state == "new":
            old = new  # the next kill interrupts a rerun of the same input
    # A rerun always ends in the new report, whatever the kill left.
    _run([str(new_input), "--chunk-size", "10", "--out", str(out)])
    assert _state(out, old, new) == "new"


def test_a_swap_interrupted_half_way_leaves_a_folder_that_says_so_and_a_rerun_mends(tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert main(["report", str(config.SAMPLE_DIR), "--out", str(out), "--no-progress"]) == 0
    import analysis.io.report_folder as folder

    real = folder._move
    moves = []

    def failing(src, dst):
        moves.append(dst)
        if len(moves) == 3:
            raise OSError("disk gone")
        return real(src, dst)

    monkeypatch.setattr(folder, "_move", failing)
    with pytest.raises(OSError, match="disk gone"):
        main(["report", str(_corpus(tmp_path, 1)), "--out", str(out), "--no-progress"])
    monkeypatch.setattr(folder, "_move", real)
    assert not (out / MANIFEST).exists()
    with pytest.raises(ValueError, match="no complete report"):
        check_report(out)
    assert main(["report", str(config.SAMPLE_DIR), "--out", str(out), "--no-progress"]) == 0
    check_report(out)


def test_a_changed_file_fails_the_check(tmp_path):
    out = tmp_path / "out"
    assert main(["report", str(config.EXAMPLE_ARTICLE), "--out", str(out), "--no-progress"]) == 0
    check_report(out)
    with (out / "outlets.csv").open("a", encoding="utf-8") as fh:
        fh.write("X,1\r\n")
    with pytest.raises(ValueError, match="outlets.csv differs"):
        check_report(out)


def test_a_rerun_removes_leftover_tmp_files_and_stale_tables(tmp_path, capsys):
    out = tmp_path / "out"
    broken = Path(__file__).parent / "data" / "broken-corpus.csv"
    assert main(["report", str(broken), "--out", str(out), "--no-progress"]) == 0
    assert "warning: broken-corpus.csv" in capsys.readouterr().err  # the command prints its warnings plainly
    assert (out / "rejected.csv").exists()
    for leftover in (out / ".articles_scored.csv.k2j3.tmp", out / "figures" / ".source-mix-by-outlet.png.x.tmp"):
        leftover.write_text("half written")
    assert main(["report", str(config.EXAMPLE_ARTICLE), "--out", str(out), "--no-progress"]) == 0
    assert not list(out.glob(".*.tmp")) and not list((out / "figures").glob(".*.tmp"))
    assert not (out / "rejected.csv").exists()  # the new report rejects nothing
    assert set(check_report(out)["files"]) >= {"chains.parquet", "attributions.parquet", "outlets.csv"}


def test_dask_failure_keeps_the_old_report_and_resume_completes_it(tmp_path, monkeypatch):
    import dask

    import analysis.scale as scale

    out = tmp_path / "out"
    broken = Path(__file__).parent / "data" / "broken-corpus.csv"
    real = scale._score_partition

    def dies_on_third(part, number, *args):
        if number == 2:
            raise MemoryError("worker lost")
        return real(part, number, *args)

    with dask.config.set(scheduler="synchronous"), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the broken corpus's own warnings
        scale.dask_report(config.EXAMPLE_ARTICLE, out)
        old = _files(check_report(out))
        monkeypatch.setattr(scale, "_score_partition", dies_on_third)
        with pytest.raises(MemoryError):
            scale.dask_report(broken, out, chunk_size=2)
        assert _files(check_report(out)) == old  # the old report, untouched
        assert not (out / "rejected.csv").exists()
        monkeypatch.setattr(scale, "_score_partition", real)
        report = scale.dask_report(broken, out, chunk_size=2, resume=True)
        expected = read_articles(broken)
    manifest = check_report(out)
    assert manifest["files"]["articles_scored.csv"]["rows"] == report.n_articles == len(expected)
    assert {"rejected.csv", "chains.parquet"} <= set(manifest["files"])
    assert pd.read_csv(out / "rejected.csv")["input_ref"].tolist() == expected.loc[
        expected["status"] == "rejected", "input_ref"].tolist()


# -- local processes ----------------------------------------------------------------------------


def _children() -> dict[int, int]:
    """pid -> parent pid of every process."""
    out = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            out[int(entry.name)] = int(stat.rpartition(")")[2].split()[1])
    return out


def _descendants(pid: int) -> set[int]:
    parents = _children()
    found, frontier = set(), {pid}
    while frontier:
        frontier = {p for p, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")
def test_workers_die_with_their_killed_parent(tmp_path):
    corpus = _corpus(tmp_path, 6)
    out = tmp_path / "out"
    proc = _start([str(corpus), "--chunk-size", "5", "--jobs", "2", "--out", str(out)])
    assert _wait_for(lambda: _done_chunks(out) >= 1, proc), "the run ended before its workers were seen"
    family = _descendants(proc.pid)
    assert len(family) >= 2  # the forkserver and its workers (and the resource tracker)
    proc.kill()
    proc.wait(timeout=30)
    end = time.monotonic() + 30
    while time.monotonic() < end and any(_alive(p) for p in family):
        time.sleep(0.1)
    assert not [p for p in family if _alive(p)], "processes outlived the killed report"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")
def test_a_killed_worker_costs_only_its_chunks(tmp_path):
    # Enough chunks that the workers are still at work when the first is done.
    corpus = _corpus(tmp_path, 12)
    out = tmp_path / "out"
    _run([str(corpus), "--chunk-size", "5", "--out", str(tmp_path / "reference")])
    proc = _start([str(corpus), "--chunk-size", "5", "--jobs", "2", "--out", str(out)])
    assert _wait_for(lambda: _done_chunks(out) >= 1, proc)
    parents = _children()
    workers = [p for p in _descendants(proc.pid) if parents.get(parents.get(p)) == proc.pid]
    assert workers, "no worker process found"
    os.kill(workers[0], signal.SIGKILL)
    _, err = proc.communicate(timeout=RUN_LIMIT)
    assert proc.returncode == 0, err.decode()
    assert _files(check_report(out)) == _files(read_manifest(tmp_path / "reference"))
