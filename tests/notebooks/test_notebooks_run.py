"""The notebooks: committed clean and thin, and each runs from top to bottom."""

from __future__ import annotations

import ast
import re

import nbformat
import pytest

from analysis import config

NOTEBOOKS_DIR = config.PROJ_ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
NAMES = [p.stem for p in NOTEBOOKS]
#: What 03 writes on the sample: every figure in every format with its data, and the tables.
FIGURES = ["source-mix-by-outlet", "anonymous-share-by-outlet", "top-sources-by-outlet", "relay-network",
           "anonymous-share-by-month", "transparency-by-outlet"]
TABLES = ["table-outlet-summary", "table-top-sources-by-outlet", "table-relay-edges"]


def _code(path):
    nb = nbformat.read(path, as_version=4)
    return [c for c in nb.cells if c.cell_type == "code"]


def test_the_four_notebooks_are_there():
    assert NAMES == ["01-explore-an-article", "02-attribution-patterns-across-outlets", "03-report-figures",
                     "04-extractor-evaluation", "05-validate-on-your-corpus"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_named_nn_description(path):
    assert re.fullmatch(r"\d\d-[a-z0-9]+(-[a-z0-9]+)*\.ipynb", path.name)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in _code(path):
        assert cell.outputs == [], f"{path.name}: a cell has outputs"
        assert cell.execution_count is None, f"{path.name}: a cell has an execution count"
    assert nb.metadata.kernelspec.name == "python3"  # the kernel papermill, nbclient and `make lab` find in .venv


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_thin_notebooks(path):
    for cell in _code(path):
        tree = ast.parse(cell.source)
        defined = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
                                                                     | ast.Lambda)]
        assert not defined, f"{path.name}: functions and classes belong in the package, not the notebook"
        imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom) for a in n.names}
        modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert "warnings" not in imported | modules, f"{path.name}: warnings are not silenced"
        assert "sys.path" not in cell.source
        assert "../" not in cell.source and "..\\" not in cell.source, f"{path.name}: paths come from analysis.config"


@pytest.mark.parametrize("name", ["02-attribution-patterns-across-outlets", "03-report-figures", "04-extractor-evaluation",
                                  "05-validate-on-your-corpus"])
def test_parameters_cell_for_papermill(name):
    tagged = [c for c in _code(NOTEBOOKS_DIR / f"{name}.ipynb") if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1


def _run(name, tmp_path, **parameters):
    import papermill

    out = tmp_path / f"{name}.ipynb"
    papermill.execute_notebook(NOTEBOOKS_DIR / f"{name}.ipynb", out, parameters=parameters, kernel_name="python3",
                               cwd=NOTEBOOKS_DIR, progress_bar=False, log_output=False)
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    return outputs


def _texts(outputs, mime="text/html"):
    return "\n".join(str(o.get("data", {}).get(mime, "")) + str(o.get("text", "")) for o in outputs)


@pytest.mark.slow
def test_01_highlights_the_example(tmp_path):
    outputs = _run("01-explore-an-article", tmp_path)
    html = _texts(outputs)
    assert 'class="ss-source"' in html and "Agence France-Presse" in html and "Al Qahera News" in html


@pytest.mark.slow
def test_02_runs_on_the_sample(tmp_path):
    outputs = _run("02-attribution-patterns-across-outlets", tmp_path, DATASET="sample")
    assert sum("image/png" in o.get("data", {}) for o in outputs) == 7  # six figures and the forest plot
    assert "Harbour Ledger" in _texts(outputs)
    explorer = [o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert len(explorer) == 1
    # The static table is an output of its own, so an HTML export shows it.
    static = [o for o in outputs if "lowest-scoring per outlet" in str(o.get("data", {}).get("text/html", ""))]
    assert len(static) == 1 and "<table" in static[0]["data"]["text/html"]
    assert "application/vnd.jupyter.widget-view+json" not in static[0]["data"]


@pytest.mark.slow
def test_02_html_export_shows_the_static_table(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    _run("02-attribution-patterns-across-outlets", tmp_path, DATASET="sample")
    executed = tmp_path / "02-attribution-patterns-across-outlets.ipynb"
    jupyter = Path(sys.executable).with_name("jupyter")
    subprocess.run([str(jupyter), "nbconvert", "--to", "html", str(executed), "--output-dir", str(tmp_path)],
                   check=True, capture_output=True)
    html = (tmp_path / "02-attribution-patterns-across-outlets.html").read_text(encoding="utf-8")
    at = html.index("lowest-scoring per outlet")
    table = html[at: html.index("</table>", at)]
    assert "<table" in table and "transparency_score" in table and "Harbour Ledger" in table
    # The pairwise comparison's table is in the page too.
    assert "p_adjusted" in html


@pytest.mark.slow
@pytest.mark.shared
def test_02_runs_on_fakes(tmp_path, fakes_csv):
    outputs = _run("02-attribution-patterns-across-outlets", tmp_path, DATASET="fakes")
    assert "fakes: 804 articles" in _texts(outputs, "text/plain")


@pytest.mark.slow
def test_03_writes_every_figure_and_table(tmp_path):
    out_dir = tmp_path / "figures"
    _run("03-report-figures", tmp_path, OUTPUT_DIR=str(out_dir))
    expected = {f"{name}.{ext}" for name in FIGURES for ext in ("png", "svg", "pdf", "csv")}
    expected |= {f"{name}.csv" for name in TABLES}
    assert {p.name for p in out_dir.iterdir()} == expected
    assert all(p.stat().st_size > 0 for p in out_dir.iterdir())


@pytest.mark.slow
def test_04_skips_with_a_note_without_polnear(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCESCOPE_SHARED", str(tmp_path / "no-shared-data"))
    outputs = _run("04-extractor-evaluation", tmp_path)
    assert "PolNeAR is not available" in _texts(outputs, "text/markdown")
    assert len(outputs) == 1


@pytest.mark.slow
@pytest.mark.shared
def test_04_scores_polnear_dev(tmp_path, polnear_dir):
    outputs = _run("04-extractor-evaluation", tmp_path)
    html = _texts(outputs)
    assert "f1" in html and "false_positive" in html
    # Both conventions, each by its name.
    assert "sourcescope" in html and "polnear" in html
    # Error sentences whole: none cut with pandas' ellipsis.
    at = html.index("false_positive</td>", html.index("span_text"))
    examples = html[at:]
    assert "..." not in examples and "…" not in examples
    assert max(len(cell) for cell in re.findall(r"<td>([^<]*)</td>", examples)) > 60


def test_04_names_both_conventions_and_the_extractor():
    text = "\n".join(c.source for c in nbformat.read(NOTEBOOKS_DIR / "04-extractor-evaluation.ipynb", as_version=4).cells)
    assert "rule-based" not in text
    assert "**`sourcescope`**" in text and "**`polnear`**" in text
    assert 'extract_attributions(articles, convention=convention)' in text
    assert '"display.max_colwidth", None' in text


@pytest.mark.slow
def test_05_draws_a_sheet_and_reports_agreement(tmp_path):
    sheet = tmp_path / "coding-sheet.csv"
    outputs = _run("05-validate-on-your-corpus", tmp_path, SHEET=str(sheet))
    text = _texts(outputs, "text/plain")
    assert sheet.exists() and "found attributions" in text
    assert "precision of found sources" in text and "Krippendorff's alpha" in text
    assert "what these bear on in the report" in text
