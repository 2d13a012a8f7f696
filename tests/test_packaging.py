"""pyproject.toml and environment.yml must list the same packages."""

from __future__ import annotations

import re
import tomllib

import pytest
import yaml

from analysis.config import PROJ_ROOT


def _name(requirement: str) -> str:
    name = re.split(r"[<>=!\[ ;]", requirement.strip(), maxsplit=1)[0].lower()
    # conda's "dask" is pip's "dask[dataframe]"
    return name


def test_environment_matches_pyproject():
    project = tomllib.loads((PROJ_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pip_names = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]}
    env = yaml.safe_load((PROJ_ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda_names = {_name(d) for d in env["dependencies"] if isinstance(d, str)} - {"python", "pip"}
    assert pip_names == conda_names, f"only in pyproject: {pip_names - conda_names}; only in environment.yml: {conda_names - pip_names}"


def test_console_script_points_at_main():
    project = tomllib.loads((PROJ_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"]["sourcescope"] == "analysis.cli:main"


def test_license_is_an_spdx_string_with_a_setuptools_that_reads_it():
    # A table (license = {text = ...}) makes setuptools print a deprecation warning on every install.
    data = tomllib.loads((PROJ_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["project"]["license"] == "MIT"
    (setuptools,) = [r for r in data["build-system"]["requires"] if r.startswith("setuptools")]
    assert tuple(int(p) for p in re.search(r">=\s*([\d.]+)", setuptools).group(1).split(".")[:1]) >= (77,)


def test_make_lab_allows_root_only_as_root():
    import os
    import subprocess

    out = subprocess.run(["make", "-n", "lab"], cwd=PROJ_ROOT, capture_output=True, text=True, check=True).stdout
    (line,) = [line for line in out.splitlines() if "jupyter lab" in line]
    assert ("--allow-root" in line) == (os.geteuid() == 0)


def test_readme_gives_the_real_fakes_path():
    readme = (PROJ_ROOT / "README.md").read_text(encoding="utf-8")
    relative = "../shared/fa-kes/FA-KES-Dataset.csv"
    assert relative in readme
    assert " FA-KES-Dataset.csv " not in readme.replace("\n", " ")


def test_make_figures_filters_only_the_kernel_tcp_notice():
    import subprocess

    out = subprocess.run(["make", "-n", "figures", "OUT=/nonexistent"], cwd=PROJ_ROOT, capture_output=True, text=True,
                         check=True).stdout
    assert "pipefail" in out  # a failing notebook still fails the target
    assert 'grep -v "Kernel is running over TCP without encryption"' in out


@pytest.mark.slow
def test_make_figures_prints_no_tcp_notice(tmp_path):
    import subprocess

    run = subprocess.run(["make", "figures", f"OUT={tmp_path}"], cwd=PROJ_ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "WARNING | Kernel is running over TCP" not in run.stdout + run.stderr
    assert (tmp_path / "figures" / "relay-network.png").exists()
    failing = subprocess.run(["make", "figures", f"OUT={tmp_path / 'bad'}", "INPUT=/no/such/corpus.csv"], cwd=PROJ_ROOT,
                             capture_output=True, text=True)
    assert failing.returncode != 0
