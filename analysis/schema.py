"""Table contracts, stated once and checked where tables cross module boundaries.

Each table is a mapping of column name to dtype. ``validate_*`` functions check
a frame against its contract and raise ``ValueError`` naming the offending
column (and row, where one is at fault); ``empty_*`` give a typed empty frame.

>>> list(ARTICLES)[:3]
['article_id', 'outlet', 'published']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

#: Articles: one row per input article.
ARTICLES: dict[str, str] = {
    "article_id": "string",
    "outlet": "string",
    "published": "datetime64[ns]",
    "title": "string",
    "text": "string",
    "url": "string",
    # ISO 639-1 code, given by the input or detected (``language_detected``).
    "language": "string",
    "language_detected": "boolean",
    # What became of the row (one of ARTICLE_STATUSES), why, and where it came from.
    "status": "string",
    "reason": "string",
    "n_replaced_chars": "Int64",
    "input_ref": "string",
}
ARTICLES_REQUIRED = ("article_id", "text")

#: What became of each input article: read and extracted (``ok``), no text
#: (``empty``), extracted from its first :data:`MAX_TEXT_CHARS` characters only
#: (``too_long_truncated``), unreadable (``rejected``: a broken line, a
#: non-text body), or in a language the kit does not read
#: (``unsupported_language``: not extracted, not scored).
ARTICLE_STATUSES = ("ok", "empty", "too_long_truncated", "rejected", "unsupported_language")
#: Statuses of articles whose text was read and scored, and of those that were not
#: (these have no score: missing, never 0).
READ_STATUSES = ("ok", "too_long_truncated")
UNREAD_STATUSES = ("empty", "rejected", "unsupported_language")
#: The languages the kit reads (ISO 639-1), its default first.
SUPPORTED_LANGUAGES = ("en", "uk", "ru", "de", "fr", "nl")
#: The status columns the articles table carries through to ``articles_scored``
#: (after ``language``): whether the language was detected, ``n_replaced_chars``
#: counts undecodable bytes replaced by U+FFFD, ``input_ref`` says where the row
#: was read (``corpus.csv line 7``).
STATUS_COLUMNS = ("language_detected", "status", "reason", "n_replaced_chars", "input_ref")
#: Longest text extracted, in characters (about 150,000 words); longer texts are
#: cut there for extraction and get the status ``too_long_truncated``.
MAX_TEXT_CHARS = 1_000_000

#: Rejected input rows, as written to ``rejected.csv``: where the row was
#: (``input_ref``: file and line or row), the id it was given, why it was
#: rejected, and the start of its raw line.
REJECTED: dict[str, str] = {
    "input_ref": "string",
    "article_id": "string",
    "reason": "string",
    "raw": "string",
}

#: Quote kinds an attribution can have.
QUOTE_KINDS = ("direct", "indirect", "mixed", "according_to")

#: Source types, from most to least identified.
SOURCE_TYPES = (
    "news_agency",
    "broadcaster",
    "newspaper",
    "online_media",
    "social_media",
    "named_person",
    "named_organization",
    "document",
    "unnamed_official",
    "anonymous",
    "self",
    "unknown",
)
#: Source types that are media (a relay chain runs through them).
MEDIA_TYPES = ("news_agency", "broadcaster", "newspaper", "online_media", "social_media")

#: Attributions: one row per cited source. Under the extractor's "polnear"
#: convention a row may also be a cue with no source in its sentence ("A
#: curfew was announced"): its ``source_*`` fields are empty and
#: ``classify_sources`` types it ``unknown``.
ATTRIBUTIONS: dict[str, str] = {
    "article_id": "string",
    "attribution_id": "string",
    "source_text": "string",
    "source_start": "Int64",
    "source_end": "Int64",
    "cue_text": "string",
    "cue_start": "Int64",
    "cue_end": "Int64",
    "content_start": "Int64",
    "content_end": "Int64",
    "quote_kind": "string",
    "source_type": "string",
    "source_name": "string",
    "via": "string",
    "sentence_index": "Int64",
}
# Columns the extractor fills; the rest are filled by ``classify_sources``.
ATTRIBUTIONS_REQUIRED = (
    "article_id",
    "source_text",
    "source_start",
    "source_end",
    "cue_text",
    "cue_start",
    "cue_end",
)


#: Relay chains: one row per attribution, publisher -> relaying media -> origin
#: (:func:`analysis.sources.relay_chains`). ``depth`` is 1 when the publisher
#: cites the origin directly, 2 through one medium, and so on.
CHAINS: dict[str, str] = {
    "article_id": "string",
    "attribution_id": "string",
    "publisher": "string",
    "chain": "string",  # "UNN > AFP > a senior Hamas official"
    "chain_parts": "object",  # the same as a list
    "depth": "Int64",
    "origin": "string",
    "origin_type": "string",
    "relays": "object",  # the media between publisher and origin, nearest the publisher first
    "second_hand_anonymous": "boolean",  # an anonymous origin reached through another medium
}

#: Relay chains per article (:func:`analysis.sources.summarize_chains`).
CHAINS_PER_ARTICLE: dict[str, str] = {
    "article_id": "string",
    "chain_depth_max": "Int64",
    "share_on_other_media": "Float64",
    "n_second_hand_anonymous": "Int64",
}


def require_columns(df: pd.DataFrame, columns: Iterable[str], *, table: str = "table") -> None:
    """Raise ``ValueError`` if ``df`` lacks any of ``columns``.

    The message lists the missing columns and the ones that were found.

    >>> require_columns(pd.DataFrame({"a": [1]}), ["a", "b"], table="articles")
    Traceback (most recent call last):
    ...
    ValueError: articles is missing required column(s) ['b']; found ['a']
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{table} must be a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(
            f"{table} is missing required column(s) {missing}; found {list(map(str, df.columns))}"
        )


def empty_frame(contract: Mapping[str, str]) -> pd.DataFrame:
    """A zero-row frame with the contract's columns and dtypes.

    >>> empty_frame(ATTRIBUTIONS).shape
    (0, 15)
    """
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in contract.items()})


def conform(df: pd.DataFrame, contract: Mapping[str, str], *, table: str = "table") -> pd.DataFrame:
    """Return a copy of ``df`` with the contract's columns first, cast to their dtypes.

    Missing optional columns are added as nulls; extra columns are kept after them.

    >>> str(conform(pd.DataFrame({"article_id": [1], "text": ["x"]}), ARTICLES).dtypes["article_id"])
    'string'
    """
    out = df.copy()
    for col, dtype in contract.items():
        if col not in out.columns:
            out[col] = pd.Series(pd.NA, index=out.index, dtype=dtype)
        elif str(out[col].dtype) != dtype:
            try:
                if dtype.startswith("datetime"):
                    out[col] = pd.to_datetime(out[col], errors="raise")
                else:
                    out[col] = out[col].astype(dtype)
            except (TypeError, ValueError) as err:
                raise ValueError(f"{table}: column {col!r} cannot be read as {dtype}: {err}") from err
    extra = [c for c in out.columns if c not in contract]
    return out[list(contract) + extra]


def validate_articles(df: pd.DataFrame) -> pd.DataFrame:
    """Check an articles table and return it conformed to :data:`ARTICLES`.

    Raises:
        ValueError: on missing ``article_id``/``text`` columns, a missing or
            duplicate ``article_id``, or a ``text`` that is not a string;
            the message names the row.

    ``language`` stays missing where the input gives none: the language is
    detected by :func:`analysis.io.assign_status`.

    >>> validate_articles(pd.DataFrame({"article_id": ["a"], "text": ["Hi."], "language": ["uk"]})).language[0]
    'uk'
    """
    require_columns(df, ARTICLES_REQUIRED, table="articles")
    ids = df["article_id"]
    if ids.isna().any():
        row = int(ids.isna().to_numpy().nonzero()[0][0])
        raise ValueError(f"articles row {row}: field 'article_id' is missing")
    ids = ids.astype(str)
    dup = ids.duplicated(keep=False)
    if dup.any():
        first = ids[dup].iloc[0]
        rows = [int(i) for i in dup.to_numpy().nonzero()[0][:5]]
        raise ValueError(f"articles rows {rows}: field 'article_id' is duplicated ({first!r})")
    bad = df["text"].map(lambda v: not (isinstance(v, str) or v is None or v is pd.NA or v != v))
    if bad.any():
        row = int(bad.to_numpy().nonzero()[0][0])
        kind = type(df["text"].iloc[row]).__name__
        raise ValueError(f"articles row {row} (article_id {ids.iloc[row]!r}): field 'text' is {kind}, not text")
    out = conform(df.assign(article_id=ids), ARTICLES, table="articles")
    out["text"] = out["text"].fillna("")
    out["n_replaced_chars"] = out["n_replaced_chars"].fillna(0)
    bad_status = out["status"].notna() & ~out["status"].isin(ARTICLE_STATUSES)
    if bad_status.any():
        row = int(bad_status.to_numpy().nonzero()[0][0])
        raise ValueError(f"articles row {row} (article_id {ids.iloc[row]!r}): field 'status' is {out['status'].iloc[row]!r}, "
                         f"not one of {ARTICLE_STATUSES}")
    return out


def validate_attributions(df: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Check an attributions table and return it conformed to :data:`ATTRIBUTIONS`.

    With ``articles``, also checks the span invariant
    ``text[source_start:source_end] == source_text`` (likewise for the cue).

    >>> validate_attributions(empty_frame(ATTRIBUTIONS)).shape[0]
    0
    """
    require_columns(df, ATTRIBUTIONS_REQUIRED, table="attributions")
    out = conform(df, ATTRIBUTIONS, table="attributions")
    kinds = out["quote_kind"].dropna()
    bad_kind = ~kinds.isin(QUOTE_KINDS)
    if bad_kind.any():
        raise ValueError(f"attributions row {bad_kind.idxmax()}: field 'quote_kind' is {kinds[bad_kind].iloc[0]!r}")
    types = out["source_type"].dropna()
    bad_type = ~types.isin(SOURCE_TYPES)
    if bad_type.any():
        raise ValueError(f"attributions row {bad_type.idxmax()}: field 'source_type' is {types[bad_type].iloc[0]!r}")
    if articles is not None and len(out):
        texts = dict(zip(articles["article_id"].astype(str), articles["text"]))
        for row in out.itertuples():
            text = texts.get(row.article_id)
            if text is None:
                raise ValueError(f"attributions row {row.Index}: article_id {row.article_id!r} is not in articles")
            for part in ("source", "cue"):
                start, end, said = getattr(row, f"{part}_start"), getattr(row, f"{part}_end"), getattr(row, f"{part}_text")
                empty = [name for name, value in (("start", start), ("end", end), ("text", said)) if pd.isna(value)]
                if part == "source" and len(empty) == 3:
                    continue  # no source: a sourceless cue (the "polnear" convention)
                if empty:
                    raise ValueError(f"attributions row {row.Index} (article {row.article_id!r}): field "
                                     f"'{part}_{empty[0]}' is empty")
                if text[start:end] != said:
                    raise ValueError(
                        f"attributions row {row.Index} (article {row.article_id!r}): field '{part}_text' "
                        f"{said!r} != text[{start}:{end}] {text[start:end]!r}"
                    )
    return out
