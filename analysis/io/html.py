"""Read saved web pages into the articles table (the extraction itself is in :mod:`analysis.io.pages`)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.io.articles import read_articles
from analysis.io.pages import HTML_SUFFIXES


def read_html(path: Path | str, *, outlet: str | None = None, duplicate_ids: str = "suffix") -> pd.DataFrame:
    """Read saved web pages (a ``.html`` file or a folder of them) into the articles table.

    The article text is extracted with trafilatura, offline; ``article_id`` is the
    file stem, and ``title``, ``published``, ``outlet`` (the site name) and ``url``
    come from the page's metadata where trafilatura finds them. Each page is one
    row with a ``status`` like every loader's (:func:`analysis.io.read_articles`).

    Args:
        path: a saved page or a folder of them.
        outlet: outlet of pages whose metadata names none.
        duplicate_ids: as for :func:`analysis.io.read_articles`.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a1.html").write_text("<html><body><article><p>Talks ended without a deal, "
    ...     "according to Reuters.</p></article></body></html>", encoding="utf-8")
    >>> read_html(folder, outlet="UNN")[["article_id", "outlet", "status"]].values.tolist()
    [['a1', 'UNN', 'ok']]
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no such file or folder: {path}")
    if path.is_file() and path.suffix.lower() not in HTML_SUFFIXES:
        raise ValueError(f"{path.name}: not a saved page; use .html or .htm (read_articles reads tables and text)")
    if path.is_dir() and not any(p.suffix.lower() in HTML_SUFFIXES for p in path.iterdir()):
        raise ValueError(f"{path} holds no saved pages (.html, .htm)")
    return read_articles(path, outlet=outlet, duplicate_ids=duplicate_ids)
