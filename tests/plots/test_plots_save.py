from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis.plots import house_style, plot_source_mix, save_figure

MIX = pd.DataFrame({"anonymous": [0.2, 0.6], "news_agency": [0.8, 0.4]},
                   index=pd.Index(["Harbour Ledger", "Eastline Post"], name="outlet"))


def _draw():
    with house_style():
        fig, ax = plt.subplots(figsize=(5, 2))
        plot_source_mix(MIX, ax=ax)
        ax.set_title("Source-type mix by outlet")
    return fig


def test_writes_every_format_and_the_data(tmp_path):
    paths = save_figure(_draw(), "mix", data=MIX, directory=tmp_path)
    assert [p.name for p in paths] == ["mix.png", "mix.svg", "mix.pdf", "mix.csv"]
    assert all(p.stat().st_size > 0 for p in paths)
    assert all(p.stat().st_mode & 0o044 for p in paths)  # readable by others, like any other output


def test_png_is_300_dpi(tmp_path):
    (path,) = save_figure(_draw(), "mix", formats=("png",), directory=tmp_path)
    data = path.read_bytes()
    # The pHYs chunk: pixels per metre on x and y, then the unit (1 = metre).
    at = data.index(b"pHYs") + 4
    x, y, unit = int.from_bytes(data[at:at + 4], "big"), int.from_bytes(data[at + 4:at + 8], "big"), data[at + 8]
    assert unit == 1 and round(x * 0.0254) == round(y * 0.0254) == 300


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_reruns_are_byte_identical(tmp_path, fmt):
    # Two figures drawn separately, saved with and without the house style active.
    (first,) = save_figure(_draw(), "mix", formats=(fmt,), directory=tmp_path / "a")
    with house_style():
        (second,) = save_figure(_draw(), "mix", formats=(fmt,), directory=tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("fmt, marker", [("svg", b"<dc:date>"), ("pdf", b"/CreationDate"), ("png", b"Software")])
def test_no_dates_or_software_versions(tmp_path, fmt, marker):
    (path,) = save_figure(_draw(), "mix", formats=(fmt,), directory=tmp_path)
    assert marker not in path.read_bytes()


def test_svg_keeps_text_as_text(tmp_path):
    (path,) = save_figure(_draw(), "mix", formats=("svg",), directory=tmp_path)
    assert "Harbour Ledger" in path.read_text(encoding="utf-8")


def test_csv_keeps_a_labelled_index(tmp_path):
    paths = save_figure(_draw(), "mix", formats=("png",), data=MIX, directory=tmp_path)
    written = pd.read_csv(paths[-1])
    assert written.columns.tolist() == ["outlet", "anonymous", "news_agency"]
    assert written["outlet"].tolist() == ["Harbour Ledger", "Eastline Post"]
    plain = pd.DataFrame({"x": [1, 2]})
    paths = save_figure(_draw(), "plain", formats=("png",), data=plain, directory=tmp_path)
    assert pd.read_csv(paths[-1]).columns.tolist() == ["x"]


@pytest.mark.parametrize("name, formats, match", [
    ("../escape", ("png",), "plain file name"),
    ("sub/dir", ("png",), "plain file name"),
    ("", ("png",), "plain file name"),
    ("ok", ("gif",), "formats"),
    ("ok", (), "formats"),
])
def test_bad_names_and_formats_are_refused(tmp_path, name, formats, match):
    with pytest.raises(ValueError, match=match):
        save_figure(_draw(), name, formats=formats, directory=tmp_path)
    assert not any(tmp_path.iterdir())


def test_data_must_be_a_frame(tmp_path):
    with pytest.raises(TypeError, match="DataFrame"):
        save_figure(_draw(), "mix", formats=("png",), data=[1, 2], directory=tmp_path)


_SAVE_REPORT = """
import sys
import matplotlib
matplotlib.use("Agg")
from analysis.config import SAMPLE_DIR
from analysis.io import read_articles
from analysis.pipeline import run_pipeline
from analysis.plots import report_figures, save_figure
for name, fig, data in report_figures(run_pipeline(read_articles(SAMPLE_DIR))):
    save_figure(fig, name, formats=("svg", "pdf"), data=data, directory=sys.argv[1])
"""


@pytest.mark.slow
def test_report_figures_are_byte_identical_between_processes(tmp_path):
    # Separate processes with different string hashing: no set or dict order may leak into the files.
    import os
    import subprocess
    import sys

    for run, seed in (("a", "1"), ("b", "2")):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", _SAVE_REPORT, str(tmp_path / run)], check=True, env=env)
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert any(n.endswith(".svg") for n in names) and any(n.endswith(".pdf") for n in names)
    differ = [n for n in names if (tmp_path / "a" / n).read_bytes() != (tmp_path / "b" / n).read_bytes()]
    assert differ == []
