"""Streaming, local processes and Dask give the tables of the in-memory pipeline."""

from __future__ import annotations

from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool

import dask
import pandas as pd
import pytest

from analysis import config, pipeline
from analysis.cli import main
from analysis.io import check_report, read_articles
from analysis.io.write import to_csv
from analysis.pipeline import map_chunks, run_pipeline, stream_report
from analysis.plots import source_mix
from analysis.scale import dask_client, dask_report


def _in_memory(path, out, **options):
    """The reference: read everything, run_pipeline, write the tables as the CLI used to."""
    result = run_pipeline(read_articles(path, **options), progress=False)
    out.mkdir(parents=True, exist_ok=True)
    to_csv(result.scored, out / "articles_scored.csv")  # as every CSV of ours is written
    return result


def assert_same_report(out, result):
    """``out`` holds the tables of ``result``: attributions and scores exactly, outlet means to rounding."""
    pd.testing.assert_frame_equal(pd.read_parquet(out / "attributions.parquet"), result.attributions)
    scored = pd.read_csv(out / "articles_scored.csv", dtype={"article_id": str})
    expected = result.scored.assign(published=result.scored["published"].astype(str).replace("NaT", pd.NA))
    assert scored["article_id"].tolist() == expected["article_id"].tolist()
    pd.testing.assert_frame_equal(scored.drop(columns="published"), pd.read_csv(
        out / "expected" / "articles_scored.csv", dtype={"article_id": str}).drop(columns="published"))
    outlets = pd.read_csv(out / "outlets.csv")
    pd.testing.assert_frame_equal(outlets, result.outlets.astype({"outlet": object}), check_dtype=False)


@pytest.fixture(scope="module")
def sample_reference(tmp_path_factory):
    out = tmp_path_factory.mktemp("reference")
    return _in_memory(config.SAMPLE_DIR, out), out


def _expect(out, reference_dir):
    (out / "expected").mkdir(parents=True, exist_ok=True)
    (out / "expected" / "articles_scored.csv").write_bytes((reference_dir / "articles_scored.csv").read_bytes())


@pytest.mark.parametrize("chunk_size", [7, 1000])
def test_streamed_report_equals_in_memory_run(tmp_path, sample_reference, chunk_size):
    result, reference_dir = sample_reference
    report = stream_report(config.SAMPLE_DIR, tmp_path, chunk_size=chunk_size, progress=False)
    assert report.n_articles == len(result.articles) and report.n_attributions == len(result.attributions)
    # The scored CSV is byte for byte the one written from memory.
    assert (tmp_path / "articles_scored.csv").read_bytes() == (reference_dir / "articles_scored.csv").read_bytes()
    _expect(tmp_path, reference_dir)
    assert_same_report(tmp_path, result)


def test_streaming_pulls_chunks_as_it_goes():
    pulled = []

    def chunks():
        for i in range(5):
            pulled.append(i)
            yield pd.DataFrame({"article_id": [str(i)], "text": ["Reuters reported it."]})

    results = map_chunks(chunks())
    next(results)
    assert pulled == [0]  # one chunk read for one chunk scored: the corpus is never held whole
    assert len(list(results)) == 4


class _BreakingPool:
    """A stand-in pool that runs work in-process and breaks at the planned calls.

    ``breaks`` holds the numbers of the ``submit`` calls (counted across pools)
    that find the pool broken, as a real pool does once a worker died; a
    number below 0 breaks the result of that submit instead.
    """

    calls = 0
    breaks: set[int] = set()
    pools = 0

    def __init__(self, **_):
        type(self).pools += 1

    def submit(self, fn, chunk):
        cls = type(self)
        cls.calls += 1
        if cls.calls in cls.breaks:
            raise BrokenProcessPool("a worker died")
        future = Future()
        if -cls.calls in cls.breaks:
            future.set_exception(BrokenProcessPool("a worker died"))
        else:
            future.set_result(fn(chunk))
        return future

    def shutdown(self, **_):
        pass


@pytest.mark.parametrize("breaks", [{3}, {-2}, {2, -5}], ids=["on-submit", "on-result", "both"])
def test_a_broken_pool_is_replaced_and_every_chunk_comes_back_once_in_order(monkeypatch, breaks):
    monkeypatch.setattr(_BreakingPool, "calls", 0)
    monkeypatch.setattr(_BreakingPool, "pools", 0)
    monkeypatch.setattr(_BreakingPool, "breaks", breaks)
    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", _BreakingPool)
    chunks = [pd.DataFrame({"article_id": [str(i)], "text": ["Reuters reported it."]}) for i in range(6)]
    results = list(map_chunks(chunks, jobs=2))
    assert [r.scored["article_id"].tolist() for r in results] == [[str(i)] for i in range(6)]
    assert _BreakingPool.pools == 1 + len(breaks)


def test_a_pool_that_keeps_breaking_stops_the_run(monkeypatch):
    monkeypatch.setattr(_BreakingPool, "calls", 0)
    monkeypatch.setattr(_BreakingPool, "breaks", set(range(1, 100)))
    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", _BreakingPool)
    chunks = [pd.DataFrame({"article_id": ["a"], "text": ["Reuters reported it."]})]
    with pytest.raises(RuntimeError, match="worker processes died"):
        list(map_chunks(chunks, jobs=2))


def test_repeated_ids_across_chunks_reach_the_output(tmp_path):
    path = tmp_path / "dupes.csv"
    pd.DataFrame({"article_id": ["x", "y", "x", "x"], "text": ["Reuters said so."] * 4}).to_csv(path, index=False)
    with pytest.warns(UserWarning, match="renamed"):
        stream_report(path, tmp_path / "out", chunk_size=1, progress=False)
    scored = pd.read_csv(tmp_path / "out" / "articles_scored.csv")
    assert scored["article_id"].tolist() == ["x", "y", "x~2", "x~3"]
    assert scored["n_sources"].tolist() == [1, 1, 1, 1]


@pytest.mark.slow
def test_local_processes_give_the_same_report(tmp_path, sample_reference):
    result, reference_dir = sample_reference
    stream_report(config.SAMPLE_DIR, tmp_path, chunk_size=10, jobs=2, progress=False)
    _expect(tmp_path, reference_dir)
    assert_same_report(tmp_path, result)


def test_dask_partitions_give_the_same_report(tmp_path, sample_reference):
    result, reference_dir = sample_reference
    with dask.config.set(scheduler="synchronous"):
        report = dask_report(config.SAMPLE_DIR, tmp_path, chunk_size=9)
    # The files of the pandas engine, whole: no partitioned folder a reader could take for the whole.
    assert (tmp_path / "attributions.parquet").is_file() and (tmp_path / "chains.parquet").is_file()
    assert report.n_articles == len(result.articles)
    assert not (tmp_path / ".staging").exists()
    assert check_report(tmp_path)["files"]["articles_scored.csv"]["rows"] == len(result.articles)
    _expect(tmp_path, reference_dir)
    assert_same_report(tmp_path, result)


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_report(tmp_path, sample_reference):
    result, reference_dir = sample_reference
    with dask_client(n_workers=2) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        dask_report(config.SAMPLE_DIR, tmp_path, chunk_size=10)
    _expect(tmp_path, reference_dir)
    assert_same_report(tmp_path, result)


@pytest.mark.slow
@pytest.mark.shared
def test_fakes_slice_is_the_same_on_every_engine(fakes_csv, tmp_path):
    # A slice of FA-KES (kept in the test's temporary folder) with its repeated ids.
    path = tmp_path / "fakes-slice.csv"
    pd.read_csv(fakes_csv, dtype=str, keep_default_na=False, encoding="utf-8", nrows=600).iloc[400:].to_csv(path, index=False)
    with pytest.warns(UserWarning, match="renamed"):
        result = _in_memory(path, tmp_path / "memory", columns=config.FAKES_COLUMNS)
    runs = {
        "stream": lambda out: stream_report(path, out, columns=config.FAKES_COLUMNS, chunk_size=64, progress=False),
        "processes": lambda out: stream_report(path, out, columns=config.FAKES_COLUMNS, chunk_size=64, jobs=2,
                                               progress=False),
    }
    for name, run in runs.items():
        with pytest.warns(UserWarning, match="renamed"):
            run(tmp_path / name)
        _expect(tmp_path / name, tmp_path / "memory")
        assert_same_report(tmp_path / name, result)
    with dask_client(n_workers=2), pytest.warns(UserWarning, match="renamed"):
        dask_report(path, tmp_path / "dask", columns=config.FAKES_COLUMNS, chunk_size=64)
    _expect(tmp_path / "dask", tmp_path / "memory")
    assert_same_report(tmp_path / "dask", result)


@pytest.mark.parametrize(
    "options",
    [
        ["--chunk-size", "5"],
        pytest.param(["--chunk-size", "5", "--engine", "dask", "--jobs", "1"], marks=pytest.mark.slow),
    ],
    ids=["pandas", "dask"],
)
def test_cli_options(tmp_path, sample_reference, options, capsys, monkeypatch):
    result, reference_dir = sample_reference
    if "dask" in options:
        # Keep the test fast: the in-process scheduler instead of a cluster.
        monkeypatch.setattr("analysis.scale.dask_client", _synchronous_client)
    assert main(["report", str(config.SAMPLE_DIR), "--out", str(tmp_path), "--no-progress", *options]) == 0
    assert "41 articles read, 41 scored" in capsys.readouterr().out
    _expect(tmp_path, reference_dir)
    assert_same_report(tmp_path, result)
    # The figures, drawn from running totals, plot the in-memory figures' data.
    mix = pd.read_csv(tmp_path / "figures" / "source-mix-by-outlet.csv").set_index("outlet")
    expected = source_mix(result.attributions, result.articles)
    pd.testing.assert_frame_equal(mix, expected, check_dtype=False, check_index_type=False, check_names=False)


class _SynchronousClient:
    def scheduler_info(self):
        return {"workers": {"in-process": {}}}


def _synchronous_client(**_):
    import contextlib

    @contextlib.contextmanager
    def client():
        with dask.config.set(scheduler="synchronous"):
            yield _SynchronousClient()

    return client()


@pytest.mark.parametrize(
    "options, message",
    [(["--jobs", "0"], "--jobs and --chunk-size must be at least 1"), (["--scheduler", "tcp://x:1"], "needs --engine dask")],
)
def test_cli_refuses_bad_options(tmp_path, options, message, capsys):
    assert main(["report", str(config.SAMPLE_DIR), "--out", str(tmp_path), *options]) == 2
    assert message in capsys.readouterr().err
