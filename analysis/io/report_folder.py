"""A report folder that is the old report, the new one, or visibly incomplete: never a mix.

A run writes every file of its report into a staging folder inside the
output folder (``.staging/``), then swaps them in: it removes the old
``manifest.json`` (from then on the folder reads as incomplete), moves each new
file into place, removes the files of the old report the new one lacks, and
writes the new manifest last. The manifest lists every file with its row count,
size and SHA-256; :func:`check_report` verifies a folder against it. A run
killed before the swap leaves the old report whole (and its staging folder,
from which ``--resume`` continues); one killed during the swap, a folder
without a manifest, which :func:`check_report` refuses and the next run
replaces. Each run first removes the hidden ``.*.tmp`` files an interrupted
write left behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from analysis.io.write import atomic_write

#: The file that says which files make up the report; written last.
MANIFEST = "manifest.json"
#: Where a run writes its report before swapping it in (and what ``--resume`` continues).
STAGING = ".staging"
#: Files and folders a report of ours may hold; those the new report lacks are removed as stale.
REPORT_FILES = ("attributions.parquet", "chains.parquet", "articles_scored.csv", "articles_scored.parquet",
                "outlets.csv", "rejected.csv")


def clean_leftovers(out: Path | str) -> list[Path]:
    """Remove the hidden ``.*.tmp`` files interrupted writes left in ``out`` and ``out/figures``.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (out / ".outlets.csv.x1.tmp").write_text("half")
    >>> [p.name for p in clean_leftovers(out)]
    ['.outlets.csv.x1.tmp']
    """
    out = Path(out)
    removed = []
    for folder in (out, out / "figures"):
        if folder.is_dir():
            for tmp in sorted(folder.glob(".*.tmp")):
                if tmp.is_dir():
                    shutil.rmtree(tmp, ignore_errors=True)
                else:
                    tmp.unlink(missing_ok=True)
                removed.append(tmp)
    return removed


def _digest(path: Path) -> tuple[str, int]:
    """SHA-256 and size of a file, or of a folder's files in name order."""
    h = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    size = 0
    for f in files:
        if path.is_dir():
            h.update(str(f.relative_to(path)).encode())
        with f.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
                size += len(block)
    return h.hexdigest(), size


def manifest_entry(path: Path, rows: int | None) -> dict[str, object]:
    """What the manifest records of one file: rows (``None`` for a figure), bytes, SHA-256."""
    digest, size = _digest(path)
    return {"rows": rows, "bytes": size, "sha256": digest}


def commit_report(out: Path | str, staging: Path | str, files: Mapping[str, int | None],
                  *, info: Mapping[str, object] | None = None) -> dict[str, object]:
    """Swap the staged ``files`` (name relative to the folder -> rows) into ``out``; write the manifest last.

    Returns:
        The manifest written.
    """
    out, staging = Path(out), Path(staging)
    entries = {name: manifest_entry(staging / name, rows) for name, rows in files.items()}
    manifest = {"complete": True, "files": entries, **({"run": dict(info)} if info else {})}
    old = read_manifest(out)
    (out / MANIFEST).unlink(missing_ok=True)  # from here until the end the folder reads as incomplete
    stale = {*REPORT_FILES, *(old or {}).get("files", {})} - set(entries)
    for name in sorted(stale):
        _remove(out / name)
    for name in entries:
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_dir():
            shutil.rmtree(target)
        _move(staging / name, target)
    atomic_write(out / MANIFEST, lambda tmp: Path(tmp).write_text(json.dumps(manifest, indent=1, sort_keys=True),
                                                                   encoding="utf-8"))
    shutil.rmtree(staging, ignore_errors=True)
    return manifest


def _move(source: Path, target: Path) -> None:
    """Move one staged file into place (one rename on the same file system)."""
    os.replace(source, target)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def read_manifest(out: Path | str) -> dict | None:
    """The manifest of the report in ``out``, or ``None`` when there is none (or it is unreadable)."""
    try:
        manifest = json.loads((Path(out) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) and manifest.get("complete") is True else None


def check_report(out: Path | str, *, hashes: bool = True) -> dict:
    """Check that ``out`` holds one whole report: its manifest, and every file it lists unchanged.

    Args:
        out: the report folder.
        hashes: compare each file's SHA-256 (else only that it exists with its size).

    Returns:
        The manifest.

    Raises:
        ValueError: when the manifest is missing (a run was interrupted, or is
            still running: rerun it) or a file is missing or differs from it.
    """
    out = Path(out)
    manifest = read_manifest(out)
    if manifest is None:
        raise ValueError(f"{out}: no complete report here (no {MANIFEST}: a run was interrupted or is still "
                         "running); rerun the report")
    bad = []
    for name, entry in manifest["files"].items():
        path = out / name
        if not path.exists():
            bad.append(f"{name} is missing")
            continue
        digest, size = _digest(path) if hashes else (entry["sha256"], None)
        if (size is not None and size != entry["bytes"]) or digest != entry["sha256"]:
            bad.append(f"{name} differs from the one the report wrote")
    if bad:
        raise ValueError(f"{out}: the report is not the one its {MANIFEST} lists: {'; '.join(bad)}")
    return manifest
