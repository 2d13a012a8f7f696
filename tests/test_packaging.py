"""pyproject.toml and environment.yml must list the same packages."""

from __future__ import annotations

import re
import tomllib

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
