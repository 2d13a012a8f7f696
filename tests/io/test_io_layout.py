"""The modules of ``analysis.io`` import one way: no module reaches back up, not even inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

import analysis.io

IO_DIR = Path(analysis.io.__file__).parent


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("analysis.io."):
            names.add(node.module.split(".")[2])
        elif isinstance(node, ast.Import):
            names |= {a.name.split(".")[2] for a in node.names if a.name.startswith("analysis.io.")}
    return names


def test_io_modules_have_no_import_cycle():
    graph = {p.stem: _imports(p) for p in IO_DIR.glob("*.py") if p.stem != "__init__"}
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, f"import cycle: {' -> '.join((*path, module))}"
        if module in done:
            return
        for other in graph.get(module, ()):
            visit(other, (*path, module))
        done.add(module)

    for module in graph:
        visit(module, ())
