"""Read articles from CSV, JSONL, Parquet, text files, saved pages or a folder of them.

Every input row becomes a row of the articles table with a ``status``; broken
rows are kept as ``rejected`` rows that name their file and line.
"""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from analysis.io.checks import RAW_PREVIEW_CHARS, add_reason, assign_status, check_markup
from analysis.io.pages import HTML_SUFFIXES, html_frame
from analysis.io.write import unescape_formula
from analysis.schema import ARTICLES, MAX_TEXT_CHARS, STATUS_COLUMNS, validate_articles

#: A leading ``date YYYY-MM-DD`` line, as in saved wire copy.
_DATE_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\s+")
_TABLE_SUFFIXES = (".csv", ".jsonl", ".json", ".parquet", ".pq")
#: Article columns an input may provide (the status columns are ours).
INPUT_COLUMNS = tuple(c for c in ARTICLES if c not in STATUS_COLUMNS)
#: Metadata file beside ``.txt`` articles: one row per file stem.
METADATA_FILE = "metadata.csv"


def parse_columns(spec: str | None) -> dict[str, str]:
    """Parse a ``text=article_content,outlet=source`` mapping as given on the command line.

    >>> parse_columns("text=article_content,outlet=source")
    {'text': 'article_content', 'outlet': 'source'}
    """
    if not spec:
        return {}
    mapping = {}
    for part in spec.split(","):
        ours, sep, theirs = part.partition("=")
        if not sep or not ours.strip() or not theirs.strip():
            raise ValueError(f"column mapping {part!r} is not of the form ours=theirs")
        if ours.strip() not in INPUT_COLUMNS:
            raise ValueError(f"column mapping {part!r}: {ours.strip()!r} is not an article column {list(INPUT_COLUMNS)}")
        mapping[ours.strip()] = theirs.strip()
    return mapping


def split_date_header(raw: str) -> tuple[str | None, str]:
    """Split a leading ``date YYYY-MM-DD`` header off an article.

    Returns:
        The date (or ``None``) and the text without the header.

    >>> split_date_header(" date 2024-05-05 Talks ended.")
    ('2024-05-05', 'Talks ended.')
    """
    m = _DATE_HEADER.match(raw)
    if not m:
        return None, raw
    return m.group(1), raw[m.end():]


#: Lone surrogates: undecodable bytes after ``surrogateescape`` decoding, or ``\ud800`` escapes in JSON.
_ESCAPED = re.compile("[\ud800-\udfff]")
#: Columns the readers add; an input column of the same name is renamed ``<name>_input``.
_OWN_COLUMNS = ("status", "reason", "n_replaced_chars", "input_ref")


def decode_bytes(data: bytes, *, name: str = "input") -> str:
    """Decode a file's bytes as UTF-8, marking each undecodable byte.

    Undecodable bytes become lone surrogates (``surrogateescape``), which
    :func:`replace_undecodable` turns into U+FFFD and counts per row; a leading
    byte-order mark is dropped.

    >>> decode_bytes("Café".encode()) == "Café"
    True
    """
    text = data.decode("utf-8", errors="surrogateescape")
    return text[1:] if text.startswith("\ufeff") else text


def replace_undecodable(value: object) -> tuple[object, int]:
    r"""Replace the bytes :func:`decode_bytes` could not decode by U+FFFD; return the value and their count.

    Lone surrogates of other origins (a JSON ``"\ud800"`` escape) cannot be
    written as UTF-8 either, and are replaced and counted the same way.

    >>> replace_undecodable(b"Caf\xe9".decode("utf-8", errors="surrogateescape"))
    ('Caf\ufffd', 1)
    >>> replace_undecodable("Reuters said \ud800.")
    ('Reuters said \ufffd.', 1)
    """
    if not isinstance(value, str):
        return value, 0
    return _ESCAPED.subn("\ufffd", value)


def read_text_file(path: Path | str, *, article_id: str | None = None) -> dict[str, object]:
    """Read one article from a ``.txt`` file; a leading date header becomes ``published``.

    Undecodable bytes are replaced (U+FFFD) rather than failing the corpus, and
    counted in ``n_replaced_chars``.

    >>> from analysis.config import EXAMPLE_ARTICLE
    >>> read_text_file(EXAMPLE_ARTICLE)["published"]
    '2024-05-05'
    """
    path = Path(path)
    raw, n_replaced = replace_undecodable(decode_bytes(path.read_bytes(), name=path.name))
    date, text = split_date_header(raw)
    return {"article_id": article_id or path.stem, "published": date, "text": text,
            "n_replaced_chars": n_replaced, "input_ref": path.name}


def _rejected(ref: str, reason: str, raw: str) -> dict[str, object]:
    return {"input_ref": ref, "status": "rejected", "reason": reason, "rejected_raw": raw[:RAW_PREVIEW_CHARS].rstrip("\r\n")}


def _own_safe(name: str) -> str:
    """An input column named like one the readers add gets ``_input`` appended."""
    return f"{name}_input" if name in (*_OWN_COLUMNS, "rejected_raw") else name


def _unique_header(fields: list[str]) -> list[str]:
    """Header names made unique the way pandas does: ``a``, ``a.1``, ``a.2``."""
    seen: dict[str, int] = {}
    out = []
    for f in fields:
        name = f.strip()
        if name in seen:
            seen[name] += 1
            name = f"{name}.{seen[name]}"
        else:
            seen[name] = 0
        out.append(_own_safe(name))
    return out


def _read_csv(path: Path, text: str) -> pd.DataFrame:
    """Parse CSV text line by line; broken records become ``rejected`` rows naming their line.

    A record whose field count differs from the header's, or that the csv
    module refuses (a stray quote), is rejected. When such a record spans
    several lines, only its first line is rejected and reading resumes on the
    next line, so that an unbalanced quote cannot swallow the rest of the file.
    """
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))  # 5 MB pages are fields too
    lines = list(io.StringIO(text, newline=""))
    n = len(lines)
    header: list[str] | None = None
    rows: list[dict[str, object]] = []
    pos = 0
    while pos < n:
        base = pos
        reader = csv.reader((lines[i] for i in range(base, n)), strict=True)
        restart = None
        try:
            for fields in reader:
                start, end = pos, base + reader.line_num
                ref = f"{path.name} line {start + 1}"
                if not fields or fields == [""] and not lines[start].strip():
                    pos = end  # a blank line is no row
                    continue
                if header is None:
                    header = _unique_header(fields)
                elif len(fields) == len(header):
                    row: dict[str, object] = {"input_ref": ref, "n_replaced_chars": 0}
                    for col, value in zip(header, fields):
                        value, k = replace_undecodable(unescape_formula(value))
                        row[col] = value if value != "" else None
                        row["n_replaced_chars"] += k
                    rows.append(row)
                else:
                    reason = f"line {start + 1}: {len(fields)} field(s) where the header has {len(header)}"
                    if end - start > 1:
                        # Probably a stray quote joined the lines after it: reject this line only.
                        rows.append(_rejected(ref, reason + " (an unbalanced quote?)", replace_undecodable(lines[start])[0]))
                        restart = start + 1
                        break
                    rows.append(_rejected(ref, reason, replace_undecodable(lines[start])[0]))
                pos = end
            else:
                pos = n
        except csv.Error as err:
            rows.append(_rejected(f"{path.name} line {pos + 1}", f"line {pos + 1}: unreadable CSV ({err})",
                                  replace_undecodable(lines[pos])[0]))
            restart = pos + 1
            if header is None:
                raise ValueError(f"{path.name} line {pos + 1}: the header line is unreadable CSV ({err})") from err
        if restart is not None:
            pos = restart
    if header is None:
        raise ValueError(f"{path.name} is empty: no header line")
    df = pd.DataFrame(rows)
    for col in header:
        if col not in df.columns:
            df[col] = None
    return df


#: JSON strings hold no raw line breaks, so a record ends at any of these (CR-only files included).
_JSON_LINE_END = re.compile(r"\r\n|\r|\n")


def _json_row(obj: object, name: str, where: str, raw: str) -> dict[str, object]:
    """One decoded JSON value (``where``: "line 3", "item 2") as a row; anything but an object is ``rejected``."""
    ref = f"{name} {where}"
    if not isinstance(obj, dict):
        kind = {list: "array", str: "string", bool: "boolean", type(None): "null"}.get(type(obj), "number")
        return _rejected(ref, f"{where}: a JSON {kind}, not an object", replace_undecodable(raw)[0])
    row: dict[str, object] = {}
    n_replaced = 0
    for key, value in obj.items():
        name, k = replace_undecodable(str(key))
        row[_own_safe(name)], k2 = replace_undecodable(value)
        n_replaced += k + k2
    return {**row, "input_ref": ref, "n_replaced_chars": n_replaced}


def _read_jsonl(path: Path, text: str) -> pd.DataFrame:
    """One JSON object per line; a line that is not one becomes a ``rejected`` row naming the line.

    A ``.json`` file may instead hold one array of objects (each item a row,
    named ``item N``) or a single object.
    """
    if path.suffix.lower() == ".json":
        try:
            whole = json.loads(text)
        except json.JSONDecodeError:
            whole = None  # not one JSON value: read it as JSON lines
        if isinstance(whole, dict):
            return pd.DataFrame([_json_row(whole, path.name, "line 1", text[:RAW_PREVIEW_CHARS])])
        if isinstance(whole, list):
            return pd.DataFrame([_json_row(obj, path.name, f"item {i}", json.dumps(obj)[:RAW_PREVIEW_CHARS])
                                 for i, obj in enumerate(whole, start=1)])
    rows: list[dict[str, object]] = []
    for lineno, line in enumerate(_JSON_LINE_END.split(text), start=1):
        if not line.strip():
            continue
        ref = f"{path.name} line {lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            rows.append(_rejected(ref, f"line {lineno}: not valid JSON ({err.msg})", replace_undecodable(line)[0]))
            continue
        rows.append(_json_row(obj, path.name, f"line {lineno}", line))
    return pd.DataFrame(rows)


def _read_table(path: Path) -> pd.DataFrame:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".jsonl", ".json"):
        data = path.read_bytes()
        text = decode_bytes(data, name=path.name)
        if not text.strip():
            raise ValueError(f"{path.name} is empty")
        df = _read_csv(path, text) if suffix == ".csv" else _read_jsonl(path, text)
        if not len(df):
            raise ValueError(f"{path.name} holds no rows")
        return df
    if suffix in (".parquet", ".pq"):
        df = pd.read_parquet(path)
        df = df.rename(columns={c: _own_safe(str(c)) for c in df.columns})
        if not len(df):
            raise ValueError(f"{path.name} holds no rows")
        return df.assign(input_ref=[f"{path.name} row {i + 1}" for i in range(len(df))], n_replaced_chars=0)
    if suffix in HTML_SUFFIXES:
        return html_frame(path)
    raise ValueError(f"{path.name}: unsupported file type {suffix!r}; use .csv, .jsonl, .parquet, .html or .txt")


def _read_folder(folder: Path) -> pd.DataFrame:
    frames = []
    texts = sorted(folder.glob("*.txt"))
    if texts:
        txt = pd.DataFrame([read_text_file(p) for p in texts])
        meta_path = folder / METADATA_FILE
        if meta_path.exists():
            meta = pd.read_csv(meta_path, dtype=str, keep_default_na=False, na_values=[""])
            if "article_id" not in meta.columns:
                raise ValueError(f"{meta_path.name} is missing required column(s) ['article_id']; found {list(meta.columns)}")
            meta = meta.set_index("article_id")
            for col in meta.columns:
                # The file's own date header wins over metadata only when metadata has none.
                txt[col] = txt["article_id"].map(meta[col]).combine_first(txt.get(col, pd.Series(index=txt.index)))
        frames.append(txt)
    for p in sorted(folder.iterdir()):
        if p.suffix.lower() in _TABLE_SUFFIXES and p.name != METADATA_FILE:
            frames.append(_read_table(p))
    if any(p.suffix.lower() in HTML_SUFFIXES for p in folder.iterdir()):
        frames.append(html_frame(folder))
    if not frames:
        raise ValueError(f"{folder} holds no articles (.txt, .html, .csv, .jsonl or .parquet files)")
    return pd.concat(frames, ignore_index=True)


def _refs(df: pd.DataFrame, mask: pd.Series, *, limit: int = 10) -> str:
    """Where the rows in ``mask`` came from: ``c.csv line 3, c.csv line 5 ...``."""
    refs = df.loc[mask, "input_ref"].astype(str).tolist()
    return ", ".join(refs[:limit]) + (" ..." if len(refs) > limit else "")


def _suffix_duplicates(ids: pd.Series, *, name: str, refs: pd.Series | None = None) -> pd.Series:
    """Rename repeated ids ``<id>~2``, ``<id>~3``..., warning with the rows concerned."""
    ids = ids.astype("string")
    repeat = ids.groupby(ids, dropna=False).cumcount()
    dup = (repeat > 0) & ids.notna()
    if not dup.any():
        return ids
    rows = [int(i) for i in dup.to_numpy().nonzero()[0]]
    where = ""
    if refs is not None:
        where = "; " + ", ".join(refs[dup].astype(str).tolist()[:10])
    warnings.warn(
        f"{name}: {len(rows)} row(s) repeat an earlier article_id and were renamed <id>~N "
        f"(rows {rows[:10]}{' ...' if len(rows) > 10 else ''}{where})",
        stacklevel=3,
    )
    # Suffixes skip ids the input already holds ("a~2" given twice stays distinct).
    taken = set(ids.dropna())
    out = ids.copy()
    for i in dup[dup].index:
        k = int(repeat[i]) + 1
        while f"{ids[i]}~{k}" in taken:
            k += 1
        out[i] = f"{ids[i]}~{k}"
        taken.add(out[i])
    return out


def _non_text(value: object) -> bool:
    """True for a value that is neither text nor missing (a number, bytes, a list or array)."""
    if isinstance(value, str) or value is None or value is pd.NA:
        return False
    return not (isinstance(value, float) and value != value)


def read_articles(
    path: Path | str,
    *,
    columns: Mapping[str, str] | None = None,
    outlet: str | None = None,
    duplicate_ids: str = "suffix",
    max_chars: int = MAX_TEXT_CHARS,
) -> pd.DataFrame:
    """Read articles into the articles table, accounting for every input row.

    Args:
        path: A ``.csv``, ``.jsonl``, ``.parquet``, ``.html`` or ``.txt`` file, or a folder
            of them. In a folder, each ``.txt`` file is one article (``article_id`` is
            the file stem; an optional ``metadata.csv`` beside them adds outlet,
            title...), and so is each saved page (``.html``, see
            :func:`analysis.io.read_html`). A leading ``date YYYY-MM-DD`` header
            becomes ``published`` and is removed from ``text``.
        columns: Maps our column names to the file's, e.g. ``{"text": "article_content"}``.
        outlet: Outlet to use where the input gives none.
        duplicate_ids: ``"suffix"`` keeps every row of a repeated ``article_id``,
            renaming the repeats ``<id>~2``, ``<id>~3``... with a warning naming
            the file and rows; ``"error"`` refuses them.
        max_chars: texts longer than this get the status ``too_long_truncated``.

    Returns:
        A frame following :data:`analysis.schema.ARTICLES`, one row per input row.
        ``status`` says what became of each (``ok``, ``empty``,
        ``too_long_truncated``, ``rejected``), ``reason`` why, ``input_ref`` where it
        came from (``corpus.csv line 7``). A broken CSV or JSON line, or a row whose
        ``text`` is not text, is kept as a ``rejected`` row with an empty text (its
        raw line in ``rejected_raw``). Undecodable bytes are replaced by U+FFFD and
        counted in ``n_replaced_chars``. Unparseable dates become missing (``NaT``),
        noted in ``reason`` and counted in a warning. A missing ``article_id`` column
        is filled with row numbers, a missing id with the row's ``input_ref``.

    Raises:
        FileNotFoundError: if ``path`` does not exist.
        ValueError: on an empty file, a missing ``text`` column (listing the columns
            found), or duplicate ids with ``duplicate_ids="error"``, naming the file.

    >>> from analysis.config import SAMPLE_DIR
    >>> read_articles(SAMPLE_DIR).columns[:3].tolist()
    ['article_id', 'outlet', 'published']
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no such file or folder: {path}")
    if duplicate_ids not in ("suffix", "error"):
        raise ValueError(f"duplicate_ids must be 'suffix' or 'error', got {duplicate_ids!r}")
    if path.is_dir():
        df = _read_folder(path)
    elif path.suffix.lower() == ".txt":
        df = pd.DataFrame([read_text_file(path)])
    else:
        df = _read_table(path)
    return finish_articles(df, name=path.name, columns=columns, outlet=outlet, duplicate_ids=duplicate_ids,
                           max_chars=max_chars)


def settle_ids(df: pd.DataFrame, *, name: str, duplicate_ids: str = "suffix") -> tuple[pd.Series, pd.Series, pd.Series]:
    """The final ``article_id`` of each raw row, as :func:`read_articles` gives it.

    A missing id is replaced by the row's ``input_ref``; with ``"suffix"`` a
    repeated one is renamed ``<id>~2``... (with one warning naming the rows).

    Returns:
        The ids, which rows had none, and the id each renamed row had (NA elsewhere).

    >>> ids, no_id, _ = settle_ids(pd.DataFrame({"article_id": ["x", None], "input_ref": ["t line 2", "t line 3"]}),
    ...     name="t")
    >>> ids.tolist(), no_id.tolist()
    (['x', 't line 3'], [False, True])
    """
    if "article_id" not in df.columns:
        ids = pd.Series([str(i) for i in range(len(df))], index=df.index, dtype="string")
    else:
        ids = df["article_id"].map(lambda v: v if v is None or v is pd.NA or isinstance(v, str) or v == v else None)
        ids = ids.map(lambda v: replace_undecodable(v)[0] if isinstance(v, str) else v).astype("string")
    no_id = ids.isna()
    if no_id.any():
        # Rows without an id (rejected lines among them) are named after where they came from.
        refs = df["input_ref"] if "input_ref" in df.columns else pd.Series(pd.NA, index=df.index)
        fallback = refs.astype("string").fillna(pd.Series([f"row {i}" for i in range(len(df))], index=df.index,
                                                          dtype="string"))
        ids = ids.fillna(fallback)
    before = pd.Series(pd.NA, index=df.index, dtype="string")
    if duplicate_ids == "suffix":
        new = _suffix_duplicates(ids, name=name, refs=df["input_ref"] if "input_ref" in df.columns else None)
        renamed = (new != ids).fillna(False).astype(bool)
        before = ids.where(renamed, pd.NA)
        ids = new
    else:
        dup = ids.duplicated(keep=False)
        if dup.any():
            raise ValueError(f"{name}: field 'article_id' is duplicated ({ids[dup].iloc[0]!r}) in "
                             f"{_refs(df, dup) if 'input_ref' in df.columns else list(dup[dup].index[:10])}")
    return ids, no_id, before


def _plain_values(df: pd.DataFrame) -> pd.DataFrame:
    """Categorical (dictionary-encoded) columns as plain values, as CSV and JSONL give them."""
    cats = [c for c in df.columns if isinstance(df[c].dtype, pd.CategoricalDtype)]
    return df.assign(**{c: df[c].astype(object).where(df[c].notna(), None) for c in cats}) if cats else df


def finish_articles(
    df: pd.DataFrame,
    *,
    name: str,
    columns: Mapping[str, str] | None = None,
    outlet: str | None = None,
    duplicate_ids: str = "suffix",
    max_chars: int = MAX_TEXT_CHARS,
    ids: tuple[pd.Series, pd.Series, pd.Series] | None = None,
    dates: list[str] | None = None,
) -> pd.DataFrame:
    """Turn the raw rows of one input (or one chunk of it) into the articles table.

    Every loader ends here, so that each format gives the same statuses,
    reasons, renamed ids and warnings (:func:`read_articles` describes them).

    Args:
        df: raw rows; ``input_ref``, ``status``, ``reason``, ``n_replaced_chars``
            and ``rejected_raw`` are the readers' own columns when present.
        name: the file's name, for messages.
        ids: the rows' settled ids (:func:`settle_ids`), when the whole input's
            were settled beforehand (a chunk of a larger file).
        dates: when given, the refs of unparseable dates are appended to it
            instead of warned about (a chunked reader warns once at the end).
    """
    df = _plain_values(df)
    for col in ("status", "reason", "input_ref", "n_replaced_chars", "rejected_raw"):
        if col not in df.columns:
            df[col] = pd.NA
    found = [c for c in df.columns if c not in _OWN_COLUMNS and c != "rejected_raw"]
    if columns:
        missing = {ours: theirs for ours, theirs in columns.items() if theirs not in df.columns}
        if missing:
            raise ValueError(f"{name}: mapped column(s) {sorted(missing.values())} not found; found {found}")
        df = df.rename(columns={theirs: ours for ours, theirs in columns.items()})
    if "text" not in df.columns:
        detail = ""
        if not found and df["status"].eq("rejected").any():
            # Nothing readable: say what the rows were instead of listing no columns.
            reasons = df["reason"].dropna().astype(str)
            detail = f" ({len(reasons)} row(s), none readable: {'; '.join(reasons.head(3))}{' ...' if len(reasons) > 3 else ''})"
        raise ValueError(f"{name} is missing required column(s) ['text']; found {found}{detail}")
    rejected = df["status"].eq("rejected").fillna(False).astype(bool)
    # A body that is not text (a number, bytes, a list) cannot be read: reject the row.
    non_text = ~rejected & df["text"].map(_non_text).astype(bool)
    if non_text.any():
        kinds = df["text"].map(lambda v: type(v).__name__)
        df["reason"] = add_reason(df["reason"], non_text, "field 'text' is " + kinds + ", not text")
        df["rejected_raw"] = df["rejected_raw"].astype("object").where(~non_text, df["text"].map(lambda v: repr(v)[:RAW_PREVIEW_CHARS]))
        df["status"] = df["status"].astype("object").where(~non_text, "rejected")
        df["text"] = df["text"].astype("object").where(~non_text, None)
        rejected = rejected | non_text
    if ids is None:
        ids = settle_ids(df, name=name, duplicate_ids=duplicate_ids)
    df["article_id"], no_id, before = ids[0].set_axis(df.index), ids[1].set_axis(df.index), ids[2].set_axis(df.index)
    df["reason"] = add_reason(df["reason"], no_id & ~rejected, "no article_id; named after its input line")
    renamed = before.notna()
    if renamed.any():
        df["reason"] = add_reason(df["reason"], renamed, "article_id " + before.map(repr) + " repeats an earlier row; renamed")
    if outlet is not None:
        df["outlet"] = df["outlet"].fillna(outlet) if "outlet" in df.columns else outlet
    if "published" in df.columns:
        given = df["published"].notna() & df["published"].astype("string").str.strip().ne("").fillna(False)
        df["published"] = pd.to_datetime(df["published"], errors="coerce", format="mixed")
        bad_date = given & df["published"].isna() & ~rejected
        if bad_date.any():
            df["reason"] = add_reason(df["reason"], bad_date, "unparseable date in field 'published' (kept as missing)")
            if dates is not None:
                dates.extend(df.loc[bad_date, "input_ref"].astype(str))
            else:
                warn_dates(name, df.loc[bad_date, "input_ref"].astype(str).tolist())
    n_replaced = pd.to_numeric(df["n_replaced_chars"], errors="coerce").fillna(0)
    if n_replaced.any():
        warnings.warn(f"{name}: {int(n_replaced.sum())} undecodable byte(s) replaced by U+FFFD in "
                      f"{int((n_replaced > 0).sum())} row(s) ({_refs(df, n_replaced > 0)}); is the input UTF-8?",
                      stacklevel=3)
    df = check_markup(df, name=name)
    if "rejected_raw" in df.columns and df["rejected_raw"].isna().all():
        df = df.drop(columns="rejected_raw")
    return assign_status(validate_articles(df), max_chars=max_chars)


def warn_dates(name: str, refs: list[str], *, limit: int = 10) -> None:
    """Warn that the rows at ``refs`` had unparseable dates, kept as missing."""
    shown = ", ".join(refs[:limit]) + (" ..." if len(refs) > limit else "")
    warnings.warn(f"{name}: {len(refs)} unparseable date(s) in field 'published' kept as missing ({shown})",
                  stacklevel=4)
