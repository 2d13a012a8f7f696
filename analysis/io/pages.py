"""Saved web pages as raw rows: the article text and metadata, extracted offline with trafilatura.

:func:`analysis.io.read_articles` reads these rows like any other input's,
and :func:`analysis.io.read_html` is the loader for pages alone.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd

#: File suffixes read as saved web pages.
HTML_SUFFIXES = (".html", ".htm")


def html_article(path: Path | str) -> dict[str, object]:
    """Extract one article from a saved page: its text, title, date, outlet (site name) and URL.

    ``article_id`` is the file stem. A page where trafilatura finds no main
    text gives an empty ``text`` (the article then has the status ``empty``).

    >>> import tempfile, pathlib
    >>> page = pathlib.Path(tempfile.mkdtemp()) / "talks.html"
    >>> _ = page.write_text("<html><head><title>Talks end</title></head><body><article>"
    ...     "<p>The talks ended on Sunday without a deal, a senior official told Reuters.</p>"
    ...     "</article></body></html>", encoding="utf-8")
    >>> html_article(page)["text"]
    'The talks ended on Sunday without a deal, a senior official told Reuters.'
    """
    import trafilatura  # imported here: it is slow to import and only pages need it

    path = Path(path)
    raw = path.read_bytes()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lxml's FutureWarnings about element truth-testing
        doc = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False, include_tables=False)
    meta = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    text = meta.get("text") or ""
    title = meta.get("title") or None
    # trafilatura puts the headline on the first line of the text; the title column has it.
    if title and text.startswith(title + "\n"):
        text = text[len(title) + 1:]
    return {
        "article_id": path.stem,
        "outlet": meta.get("sitename") or None,
        "published": meta.get("date") or None,
        "title": title,
        "url": meta.get("url") or None,
        "text": text,
        "n_replaced_chars": text.count("\ufffd"),
        "input_ref": path.name,
        "reason": None if text.strip() else "no article text found in the page",
    }


def html_frame(path: Path | str) -> pd.DataFrame:
    """One row per saved page in ``path`` (a page, or a folder of them), before checks."""
    path = Path(path)
    pages = [path] if path.is_file() else sorted(p for p in path.iterdir() if p.suffix.lower() in HTML_SUFFIXES)
    if not pages:
        raise ValueError(f"{path} holds no saved pages (.html, .htm)")
    return pd.DataFrame([html_article(p) for p in pages])
