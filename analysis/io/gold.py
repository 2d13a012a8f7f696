"""Read the annotated attribution sets beyond English (``../shared/gold``).

Two layouts are read, both JSONL with one article a line (``article_id``,
``text``, ``attributions``), every span ``[start, end]`` in Python str offsets
or ``null``:

* the project's own ("sourcescope") sets, ``uk``, ``ru``, ``fr`` and ``nl``:
  each attribution has ``source``, ``cue``, ``content``, ``quote_kind``,
  ``source_type``, ``canonical`` and ``via``;
* German Wikinews (``de-wikinews``, Petersen-Frey & Biemann 2024): each
  attribution has ``source``, ``cue``, ``content`` (the first piece of a
  discontinuous role, the pieces in ``*_spans``), ``speaker_name``, ``type``
  (Direct, Indirect, Reported, FreeIndirect, IndirectFreeIndirect),
  ``medium`` and ``is_nested``.

:func:`read_gold` returns an articles table (the
:data:`~analysis.schema.ARTICLES` contract) and a gold attributions table in
the project's column names (the :data:`~analysis.schema.ATTRIBUTIONS`
contract: ``source_start``/``source_end``, ``cue_start``/``cue_end``,
``content_start``/``content_end``, ``source_type``, ``source_name`` for the
canonical name, ``via``, ``quote_kind``), so that predictions are scored with
:mod:`analysis.evaluate`. Nothing from these sets is copied into the
repository.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from analysis.config import GOLD_DIR
from analysis.schema import ARTICLES, ATTRIBUTIONS, QUOTE_KINDS, SOURCE_TYPES, conform

__all__ = ["GOLD_SETS", "DE_COUNTED_TYPES", "DE_TYPES", "gold_path", "read_gold", "read_gold_jsonl"]

#: The gold sets by language: the folder under ``GOLD_DIR`` and its splits.
GOLD_SETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "uk": ("uk", ("dev",)),
    "ru": ("ru", ("dev",)),
    "fr": ("fr", ("dev",)),
    "nl": ("nl", ("dev",)),
    "de": ("de-wikinews", ("train", "dev")),
}
#: German Wikinews quotation types.
DE_TYPES = ("Direct", "Indirect", "Reported", "FreeIndirect", "IndirectFreeIndirect")
#: The German types the project's convention counts as attributions (free
#: indirect speech has no cue; it is kept only with ``de_types=DE_TYPES``).
DE_COUNTED_TYPES = ("Direct", "Indirect", "Reported")

_PARTS = ("source", "cue", "content")
# "11969 - Viktoriasee in Uganda ... (2005-09-06)": Wikinews titles end in their date.
_DE_TITLE = re.compile(r"^\s*\d+\s*-\s*(?P<title>.*?)\s*\((?P<date>\d{4}-\d{2}-\d{2})\)\s*$")
_ARTICLE_FIELDS = ["article_id", "outlet", "published", "title", "text", "url", "language", "input_ref"]
# Extra gold columns, in order, after the contract's.
_EXTRA = {
    "gold_type": "string",
    "medium": "string",
    "is_nested": "boolean",
    "speaker_name": "string",
    "source_spans": "object",
    "cue_spans": "object",
    "content_spans": "object",
}


def gold_path(language: str, split: str = "dev", *, root: Path | str = GOLD_DIR) -> Path:
    """The JSONL file of one language's gold split.

    >>> gold_path("de", "train", root="gold").as_posix()
    'gold/de-wikinews/train.jsonl'

    Raises:
        ValueError: For a language or split with no gold set.
    """
    if language not in GOLD_SETS:
        raise ValueError(f"no gold set for language {language!r}; there are {sorted(GOLD_SETS)}")
    folder, splits = GOLD_SETS[language]
    if split not in splits:
        raise ValueError(f"gold set {language!r} has no split {split!r}; it has {list(splits)}")
    return Path(root) / folder / f"{split}.jsonl"


def _span(value, *, where: str, field: str, n: int) -> tuple[int, int] | None:
    """A checked ``[start, end]`` span (or ``None``) within a text of ``n`` characters."""
    if value is None:
        return None
    ok = (isinstance(value, (list, tuple)) and len(value) == 2
          and all(isinstance(v, int) and not isinstance(v, bool) for v in value))
    if not ok:
        raise ValueError(f"{where}: field {field!r} is {value!r}, not [start, end] or null")
    start, end = value
    if not 0 <= start < end <= n:
        raise ValueError(f"{where}: field {field!r} {value!r} is not a span of the text (0 <= start < end <= {n})")
    return start, end


def _pieces(value, *, where: str, field: str, n: int) -> list[tuple[int, int]] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise ValueError(f"{where}: field {field!r} is {value!r}, not a list of spans")
    return [_span(v, where=where, field=field, n=n) for v in value]


def _label(value, allowed: Sequence[str] | None, *, where: str, field: str):
    if value is None:
        return pd.NA
    if not isinstance(value, str) or (allowed is not None and value not in allowed):
        wanted = f"one of {list(allowed)}" if allowed is not None else "text"
        raise ValueError(f"{where}: field {field!r} is {value!r}, not {wanted}")
    return value


def _published(value, *, where: str):
    if value is None:
        return pd.NaT
    try:
        # "2016" (a year) and "2012-07-02" both read.
        stamp = pd.Timestamp(str(value))
    except (TypeError, ValueError) as err:
        raise ValueError(f"{where}: field 'published' is {value!r}, not a date") from err
    # A placeholder date ("0001-01-01") is no date.
    return stamp if pd.Timestamp.min <= stamp <= pd.Timestamp.max else pd.NaT


def _attribution_row(a: dict, *, article_id: str, text: str, where: str, de: bool) -> dict:
    if not isinstance(a, dict):
        raise ValueError(f"{where}: an attribution is {type(a).__name__}, not an object")
    row: dict = {"article_id": article_id}
    for part in _PARTS:
        span = _span(a.get(part), where=where, field=part, n=len(text))
        row[f"{part}_start"], row[f"{part}_end"] = span if span else (pd.NA, pd.NA)
        if part != "content":
            row[f"{part}_text"] = text[span[0]:span[1]] if span else pd.NA
    if de:
        row["gold_type"] = _label(a.get("type"), DE_TYPES, where=where, field="type")
        row["medium"] = _label(a.get("medium"), None, where=where, field="medium")
        row["is_nested"] = bool(a.get("is_nested", False))
        row["speaker_name"] = _label(a.get("speaker_name"), None, where=where, field="speaker_name")
        for part in _PARTS:
            row[f"{part}_spans"] = _pieces(a.get(f"{part}_spans"), where=where, field=f"{part}_spans", n=len(text))
    else:
        row["quote_kind"] = _label(a.get("quote_kind"), QUOTE_KINDS, where=where, field="quote_kind")
        row["source_type"] = _label(a.get("source_type"), SOURCE_TYPES, where=where, field="source_type")
        row["source_name"] = _label(a.get("canonical"), None, where=where, field="canonical")
        row["via"] = _label(a.get("via"), None, where=where, field="via")
    return row


def read_gold_jsonl(
    path: Path | str,
    *,
    language: str | None = None,
    de_types: Iterable[str] = DE_COUNTED_TYPES,
    nested: bool = True,
    limit: int | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read one gold JSONL file as (articles, gold attributions).

    The layout is told by the rows: an attribution with a ``type`` field is
    German Wikinews, otherwise the project's own. Attribution ids are
    ``"<article_id>:<n>"`` with ``n`` the attribution's position in its line,
    counted before any filtering, so they are stable across options.

    Args:
        path: The JSONL file.
        language: The language of its articles when the rows do not say
            (``language`` or ``lang`` fields win).
        de_types: German Wikinews types to keep (default
            :data:`DE_COUNTED_TYPES`; pass :data:`DE_TYPES` for all).
        nested: Keep German attributions nested inside another quotation.
        limit: Read only the first ``limit`` articles.

    Returns:
        ``(articles, gold)``: ``articles`` in the
        :data:`~analysis.schema.ARTICLES` contract (``status`` NA, ``title``
        and ``published`` from a Wikinews title "<id> - <title> (<date>)" when
        there is no ``published`` field, ``outlet`` from the rows or
        ``"Wikinews (de)"``); ``gold`` in the
        :data:`~analysis.schema.ATTRIBUTIONS` contract with ``source_text``
        and ``cue_text`` cut from the text (NA with no span), then the extra
        columns ``gold_type``, ``medium``, ``is_nested``, ``speaker_name`` and
        ``source_spans``/``cue_spans``/``content_spans`` (German Wikinews
        only; NA otherwise).

    Raises:
        FileNotFoundError: If ``path`` does not exist.
        ValueError: On a line that is not JSON or not an object, a missing
            ``article_id``/``text``, a duplicate ``article_id``, a span that
            is not ``[start, end]`` inside the text, or a label outside the
            schema; the message names the file, line and field.

    Example:
        >>> articles, gold = read_gold_jsonl(gold_path("uk"))  # doctest: +SKIP
        >>> gold[["source_text", "source_type", "source_name"]].head(1)  # doctest: +SKIP
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"gold file not found: {path}")
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be >= 0, got {limit}")
    keep_types = set(de_types)
    unknown = keep_types - set(DE_TYPES)
    if unknown:
        raise ValueError(f"de_types has unknown type(s) {sorted(unknown)}; the types are {list(DE_TYPES)}")

    articles, rows, seen = [], [], set()
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if limit is not None and len(articles) >= limit:
                break
            if not line.strip():
                continue
            where = f"{path.parent.name}/{path.name} line {lineno}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as err:
                raise ValueError(f"{where}: not valid JSON ({err.msg} at column {err.colno})") from err
            if not isinstance(rec, dict):
                raise ValueError(f"{where}: a line must be a JSON object, got {type(rec).__name__}")
            for field in ("article_id", "text"):
                if not isinstance(rec.get(field), str) or (field == "article_id" and not rec[field]):
                    raise ValueError(f"{where}: field {field!r} is missing or not text")
            article_id, text = rec["article_id"], rec["text"]
            if article_id in seen:
                raise ValueError(f"{where}: field 'article_id' {article_id!r} is duplicated")
            seen.add(article_id)
            attributions = rec.get("attributions", [])
            if not isinstance(attributions, list):
                raise ValueError(f"{where}: field 'attributions' is not a list")
            de = any(isinstance(a, dict) and "type" in a for a in attributions) or "lang" in rec

            title, published = rec.get("title"), rec.get("published")
            m = _DE_TITLE.match(title) if isinstance(title, str) else None
            if m:
                title = m.group("title")
                published = published or m.group("date")
            lang = rec.get("language") or rec.get("lang") or language
            articles.append({
                "article_id": article_id,
                "outlet": rec.get("outlet") or ("Wikinews (de)" if de else pd.NA),
                "published": _published(published, where=where),
                "title": title if isinstance(title, str) else pd.NA,
                "text": text,
                "url": rec.get("url") if isinstance(rec.get("url"), str) else pd.NA,
                "language": lang if isinstance(lang, str) else pd.NA,
                "input_ref": where,
            })
            for i, a in enumerate(attributions):
                row = _attribution_row(a, article_id=article_id, text=text, where=f"{where}, attribution {i}", de=de)
                if de and (row["gold_type"] not in keep_types or (not nested and row["is_nested"])):
                    continue
                row["attribution_id"] = f"{article_id}:{i}"
                rows.append(row)

    arts = pd.DataFrame.from_records(articles, columns=_ARTICLE_FIELDS)
    arts["published"] = pd.to_datetime(arts["published"]).astype("datetime64[ns]")
    arts = conform(arts, ARTICLES, table="gold articles").reset_index(drop=True)
    gold = pd.DataFrame.from_records(rows, columns=[*ATTRIBUTIONS, *_EXTRA])
    gold = conform(gold, {**ATTRIBUTIONS, **_EXTRA}, table="gold attributions")
    return arts, gold.reset_index(drop=True)


def read_gold(
    language: str,
    split: str = "dev",
    *,
    root: Path | str = GOLD_DIR,
    de_types: Iterable[str] = DE_COUNTED_TYPES,
    nested: bool = True,
    limit: int | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read one language's gold split as (articles, gold attributions).

    Args:
        language: ``"uk"``, ``"ru"``, ``"fr"``, ``"nl"`` or ``"de"``.
        split: ``"dev"`` (every language) or ``"train"`` (German only).
        root: The folder holding the sets (:data:`analysis.config.GOLD_DIR`).
        de_types, nested, limit: As in :func:`read_gold_jsonl`.

    Returns:
        ``(articles, gold)`` as :func:`read_gold_jsonl` gives them, with
        ``language`` filled in.

    Raises:
        ValueError: For a language or split with no gold set, or bad rows.
        FileNotFoundError: If the file is absent (``../shared`` not there).

    Example:
        >>> articles, gold = read_gold("ru")  # doctest: +SKIP
        >>> articles["language"].unique().tolist()  # doctest: +SKIP
        ['ru']
    """
    path = gold_path(language, split, root=root)
    articles, gold = read_gold_jsonl(path, language=language, de_types=de_types, nested=nested, limit=limit)
    articles["language"] = articles["language"].fillna(language)
    return articles, gold
