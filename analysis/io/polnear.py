"""Read PolNeAR, the Politics News Attribution Relations corpus.

PolNeAR (Newell, Margolin & Ruths, LREC 2018) annotates who news articles
cite. Each split folder holds ``text/<stem>.txt`` and brat standoff files
``attributions/<stem>_<annotator>.ann`` whose ``E`` lines link a Source, a Cue
and a Content span. :func:`read_polnear` turns one split into an articles
table and a gold attributions table (the :data:`~analysis.schema.ATTRIBUTIONS`
contract), so the extractor can be scored against it.

The corpus sits beside the project (``analysis.config.POLNEAR_DIR``); nothing
from it is copied into the repository.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.config import POLNEAR_DIR
from analysis.schema import ARTICLES, ATTRIBUTIONS, conform

__all__ = ["read_polnear", "POLNEAR_SPLITS"]

#: The compartments (split folders) PolNeAR ships.
POLNEAR_SPLITS = ("train", "dev", "annotator-training")

# ``T12<TAB>Cue 100 104<TAB>said``; discontinuous spans are ``10 20;25 40``.
# Lines that do not match (continuations of a span text that held a newline,
# ``#`` notes) are ignored.
_T_LINE = re.compile(r"^(T\d+)\t([^\s]+) (\d+ \d+(?:;\d+ \d+)*)\t")
_E_LINE = re.compile(r"^(E(\d+))\t(.*)$")
_MISSING = {"", "None", "none", "NA", "nan"}


def _parse_spans(field: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (piece.split() for piece in field.split(";"))]


def _parse_ann(ann: str, stem: str, text: str) -> list[dict]:
    """Rows (one per ``E`` line with a Cue) from the text of one ``.ann`` file."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[tuple[int, str, list[tuple[str, str]]]] = []
    for line in ann.splitlines():
        m = _T_LINE.match(line)
        if m:
            spans[m.group(1)] = (m.group(2), _parse_spans(m.group(3)))
            continue
        m = _E_LINE.match(line)
        if m:
            args = [tuple(a.split(":", 1)) for a in m.group(3).split() if ":" in a]
            # The first argument is the trigger (``Attribution:T4`` or
            # ``Attribution-no-source:T4``); the rest are role:T-id pairs.
            events.append((int(m.group(2)), m.group(1), args[1:]))

    rows = []
    for _, eid, roles in sorted(events):
        by_role: dict[str, list[tuple[int, int]]] = {}
        for role, tid in roles:
            if tid not in spans:
                continue
            # ``Content2`` (a second content argument) joins ``Content``.
            key = "content" if role.startswith("Content") else role.lower()
            by_role.setdefault(key, []).extend(spans[tid][1])
        if not by_role.get("cue"):
            continue
        row: dict = {"article_id": stem, "attribution_id": f"{stem}:{eid}"}
        for part in ("source", "cue", "content"):
            pieces = by_role.get(part)
            start = min(s for s, _ in pieces) if pieces else pd.NA
            end = max(e for _, e in pieces) if pieces else pd.NA
            row[f"{part}_start"], row[f"{part}_end"] = start, end
            if part != "content":
                row[f"{part}_text"] = text[start:end] if pieces else pd.NA
        rows.append(row)
    return rows


def _read_metadata(root: Path) -> pd.DataFrame:
    path = root / "metadata.tsv"
    cols = ["filename", "publisher", "publication_date", "title"]
    if not path.is_file():
        return pd.DataFrame({c: pd.Series(dtype="string") for c in cols})
    meta = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, quoting=3)
    for c in cols:
        if c not in meta.columns:
            meta[c] = ""
    meta = meta[cols].drop_duplicates("filename")
    return meta.mask(meta.isin(_MISSING))


def read_polnear(
    root: Path | str = POLNEAR_DIR,
    split: str = "train",
    *,
    limit: int | None = None,
    annotators: str = "first",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read one PolNeAR split as (articles, gold attributions).

    Some articles were annotated by several annotators
    (``<stem>_<annotator>.ann``). By default only the first file in sorted
    order is read, so each article is one row scored against one annotation.
    With ``annotators="all"`` every further file becomes an extra article row
    ``<stem>#<annotator>`` holding the same text: more training examples for a
    model, but not a fair test set (the same article counts several times).
    Each ``E`` line becomes one gold
    row; lines without a Cue are dropped. A missing Source gives NA
    ``source_start``/``source_end``/``source_text``. A discontinuous span (and
    the union of ``Content`` and ``Content2``) is reduced to its minimum start
    and maximum end; ``source_text``/``cue_text`` are always the article text
    between those offsets.

    Args:
        root: The PolNeAR folder (holding ``metadata.tsv`` and the split
            folders). Defaults to :data:`analysis.config.POLNEAR_DIR`.
        split: ``"train"``, ``"dev"`` or ``"annotator-training"``.
        limit: Read only the first ``limit`` articles (sorted by file name).
        annotators: ``"first"`` (one annotation per article) or ``"all"``
            (one article row per annotation file).

    Returns:
        ``(articles, gold)``: ``articles`` in the
        :data:`~analysis.schema.ARTICLES` contract (``outlet`` is the
        publisher, ``published`` the publication date, ``language`` ``"en"``,
        ``url`` NA), ``gold`` in the :data:`~analysis.schema.ATTRIBUTIONS`
        contract with ``attribution_id`` ``"<stem>:E<n>"``. Both are sorted by
        ``article_id`` (gold then by ``E`` number) with a fresh index.

    Raises:
        FileNotFoundError: If ``root/split`` (or its ``text`` or
            ``attributions`` folder) does not exist.
        ValueError: If ``limit`` is negative or ``annotators`` is not
            ``"first"`` or ``"all"``.

    Example:
        >>> articles, gold = read_polnear(split="dev")  # doctest: +SKIP
        >>> len(articles), bool(gold["cue_start"].notna().all())  # doctest: +SKIP
        (84, True)
    """
    root = Path(root)
    folder = root / split
    text_dir, ann_dir = folder / "text", folder / "attributions"
    for d in (folder, text_dir, ann_dir):
        if not d.is_dir():
            raise FileNotFoundError(
                f"PolNeAR split {split!r} not found: no folder {d} "
                f"(expected {root}/<split>/text and <split>/attributions; splits are {', '.join(POLNEAR_SPLITS)})"
            )
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be >= 0, got {limit}")
    if annotators not in ("first", "all"):
        raise ValueError(f"annotators must be 'first' or 'all', got {annotators!r}")

    ann_files: dict[str, list[Path]] = {}
    for path in sorted(ann_dir.glob("*.ann")):
        stem = path.stem.rsplit("_", 1)[0]
        ann_files.setdefault(stem, []).append(path)

    text_paths = sorted(text_dir.glob("*.txt"))
    if limit is not None:
        text_paths = text_paths[:limit]

    records, gold_rows = [], []
    for path in text_paths:
        stem = path.stem
        # newline="" keeps "\r\n" so offsets stay Python str offsets.
        with path.open(encoding="utf-8", newline="") as fh:
            text = fh.read()
        records.append({"article_id": stem, "text": text, "filename": stem})
        paths = ann_files.get(stem, [])
        for i, ann_path in enumerate(paths if annotators == "all" else paths[:1]):
            article_id = stem
            if i:
                article_id = f"{stem}#{ann_path.stem.rsplit('_', 1)[1]}"
                records.append({"article_id": article_id, "text": text, "filename": stem})
            with ann_path.open(encoding="utf-8", newline="") as fh:
                gold_rows.extend(_parse_ann(fh.read(), article_id, text))

    articles = pd.DataFrame.from_records(records, columns=["article_id", "text", "filename"])
    meta = _read_metadata(root)
    articles = articles.merge(meta, how="left", on="filename")
    articles = pd.DataFrame(
        {
            "article_id": articles["article_id"],
            "outlet": articles["publisher"],
            "published": pd.to_datetime(articles["publication_date"], errors="coerce"),
            "title": articles["title"],
            "text": articles["text"],
            "url": pd.Series(pd.NA, index=articles.index, dtype="string"),
            "language": "en",
        }
    )
    articles["published"] = articles["published"].astype("datetime64[ns]")
    articles = conform(articles, ARTICLES, table="articles").reset_index(drop=True)

    span_cols = [c for c in ATTRIBUTIONS if c.endswith(("_start", "_end", "_text"))]
    gold = pd.DataFrame.from_records(gold_rows, columns=["article_id", "attribution_id", *span_cols])
    gold = conform(gold, ATTRIBUTIONS, table="gold attributions").reset_index(drop=True)
    return articles, gold
