"""Input checks: the status of each article, markup in bodies, the rejected rows.

Every input row stays in the articles table with a ``status`` (see
:data:`analysis.schema.ARTICLE_STATUSES`) and a ``reason``, so that counts in
equal counts out.
"""

from __future__ import annotations

import re
import warnings

import pandas as pd

from analysis.io.language import add_languages
from analysis.schema import ARTICLE_STATUSES, MAX_TEXT_CHARS, REJECTED, SUPPORTED_LANGUAGES, conform, require_columns

#: An HTML tag: ``<p>``, ``</div>``, ``<a href="...">``, ``<br/>``.
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
#: A text with at least this many tags looks like markup rather than prose.
MARKUP_MIN_TAGS = 5
#: Characters of a rejected line kept in ``rejected.csv``.
RAW_PREVIEW_CHARS = 200


def add_reason(reasons: pd.Series, mask: pd.Series, note: str | pd.Series) -> pd.Series:
    """Append ``note`` to the ``reason`` of the rows in ``mask`` (``"; "``-separated, no repeats).

    >>> add_reason(pd.Series([pd.NA, "a"]), pd.Series([True, True]), "b").tolist()
    ['b', 'a; b']
    """
    notes = note if isinstance(note, pd.Series) else pd.Series(note, index=reasons.index)
    out = reasons.astype("string").copy()
    for i in mask[mask.fillna(False)].index:
        old, new = out.at[i], notes.at[i]
        if pd.isna(old) or not old:
            out.at[i] = new
        elif new not in old.split("; "):
            out.at[i] = f"{old}; {new}"
    return out


def count_tags(texts: pd.Series) -> pd.Series:
    """Number of HTML tags in each text.

    >>> count_tags(pd.Series(["<p>Hi</p>", "a < b > c", None])).tolist()
    [2, 0, 0]
    """
    return texts.map(lambda t: len(_TAG.findall(t)) if isinstance(t, str) else 0).astype("int64")


def check_markup(articles: pd.DataFrame, *, name: str = "articles") -> pd.DataFrame:
    """Warn about, and note in ``reason``, texts that look like HTML (many tags).

    Such a text was probably saved as a page rather than as its article text:
    tags hide cues and split names. :func:`analysis.io.read_html` extracts the
    article from saved pages.

    >>> import warnings
    >>> arts = pd.DataFrame({"article_id": ["a"], "text": ["<div><p>Hi</p><br/><b>x</b></div>"]})
    >>> with warnings.catch_warnings(record=True):
    ...     check_markup(arts)["reason"].tolist()
    ['text looks like HTML markup (7 tags)']
    """
    require_columns(articles, ["article_id", "text"], table=name)
    tags = count_tags(articles["text"])
    markup = tags >= MARKUP_MIN_TAGS
    reasons = articles["reason"] if "reason" in articles.columns else pd.Series(pd.NA, index=articles.index, dtype="string")
    out = articles.assign(reason=add_reason(reasons, markup, "text looks like HTML markup (" + tags.astype(str) + " tags)"))
    if markup.any():
        ids = articles.loc[markup, "article_id"].astype(str).tolist()
        warnings.warn(
            f"{name}: {len(ids)} text(s) look like HTML markup ({MARKUP_MIN_TAGS}+ tags), e.g. article_id "
            f"{ids[:5]}{' ...' if len(ids) > 5 else ''}; read saved pages with read_html to extract their article text",
            stacklevel=2,
        )
    return out


def assign_status(articles: pd.DataFrame, *, max_chars: int = MAX_TEXT_CHARS) -> pd.DataFrame:
    """Set ``language``, ``status`` and ``reason`` of every article; rows already ``rejected`` stay so.

    The language is the input's or detected (:func:`analysis.io.add_languages`).
    The status is ``empty`` when the text is blank, ``unsupported_language``
    when it is in a language the kit does not read
    (:data:`~analysis.schema.SUPPORTED_LANGUAGES`: it is then neither extracted
    nor scored), ``too_long_truncated`` when it is longer than ``max_chars``
    (the extractor reads only its first ``max_chars`` characters), otherwise
    ``ok``. Calling it twice gives the same table.

    Args:
        articles: an articles table (``text``; ``language``, ``status``, ``reason`` optional).
        max_chars: the longest text extracted whole.

    >>> arts = pd.DataFrame({"article_id": ["a", "b", "c", "d"], "text": ["Hi.", "  ", "x" * 20, "Hola."],
    ...     "language": [None, None, None, "es"]})
    >>> out = assign_status(arts, max_chars=10)
    >>> out["status"].tolist()
    ['ok', 'empty', 'too_long_truncated', 'unsupported_language']
    >>> out["reason"].iloc[3]
    "language 'es' (given) is not one the kit reads (en, uk, ru, de, fr, nl)"
    """
    require_columns(articles, ["text"], table="articles")
    if max_chars < 1:
        raise ValueError(f"max_chars must be positive, got {max_chars}")
    articles = add_languages(articles)
    index = articles.index
    status = articles["status"] if "status" in articles.columns else pd.Series(pd.NA, index=index, dtype="string")
    reasons = articles["reason"] if "reason" in articles.columns else pd.Series(pd.NA, index=index, dtype="string")
    text = articles["text"].astype("string").fillna("")
    rejected = status.eq("rejected").fillna(False).astype(bool)
    empty = ~rejected & text.str.strip().eq("").astype(bool)
    language = articles["language"]
    foreign = ~rejected & ~empty & language.notna() & ~language.isin(SUPPORTED_LANGUAGES).fillna(False).astype(bool)
    length = text.str.len().astype("int64")
    long = ~rejected & ~empty & ~foreign & (length > max_chars)
    new = pd.Series("ok", index=index, dtype="string")
    new[empty] = "empty"
    new[foreign] = "unsupported_language"
    new[long] = "too_long_truncated"
    new[rejected] = "rejected"
    reasons = add_reason(reasons, empty, "empty text")
    how = articles["language_detected"].map({True: "detected", False: "given"}).astype("string")
    reasons = add_reason(
        reasons, foreign, "language '" + language.fillna("") + "' (" + how.fillna("given")
        + f") is not one the kit reads ({', '.join(SUPPORTED_LANGUAGES)})"
    )
    reasons = add_reason(
        reasons, long, length.map(lambda n: f"text of {n:,} characters: only the first {max_chars:,} are read")
    )
    out = articles.assign(status=new, reason=reasons)
    if "n_replaced_chars" in out.columns:
        out["n_replaced_chars"] = out["n_replaced_chars"].fillna(0).astype("Int64")
    return out


def rejected_rows(articles: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``articles`` whose status is ``rejected``, as :data:`analysis.schema.REJECTED`.

    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "text": ["Hi.", ""],
    ...     "status": ["ok", "rejected"], "reason": [None, "3 fields where the header has 2"],
    ...     "input_ref": ["c.csv line 2", "c.csv line 3"]})
    >>> rejected_rows(arts)[["input_ref", "reason"]].values.tolist()
    [['c.csv line 3', '3 fields where the header has 2']]
    """
    require_columns(articles, ["article_id", "status"], table="articles")
    rows = articles[articles["status"].eq("rejected").fillna(False).astype(bool)]
    rows = rows.rename(columns={"rejected_raw": "raw"})
    cols = [c for c in REJECTED if c in rows.columns]
    return conform(rows[cols], REJECTED, table="rejected rows").reset_index(drop=True)


def status_counts(articles: pd.DataFrame) -> dict[str, int]:
    """Rows per status, every status listed (0 when absent).

    >>> status_counts(pd.DataFrame({"status": ["ok", "ok", "rejected"]}))
    {'ok': 2, 'empty': 0, 'too_long_truncated': 0, 'rejected': 1, 'unsupported_language': 0}
    """
    require_columns(articles, ["status"], table="articles")
    counts = articles["status"].value_counts()
    return {s: int(counts.get(s, 0)) for s in ARTICLE_STATUSES}


def status_label(status: str) -> str:
    """How a status reads in the one-line account: ``truncated``, ``unsupported language``.

    >>> [status_label(s) for s in ARTICLE_STATUSES]
    ['ok', 'empty', 'truncated', 'rejected', 'unsupported language']
    """
    return status.replace("too_long_", "").replace("_", " ")


def status_line(counts: dict[str, int], n_rows: int) -> str:
    """``N rows read: A ok, B empty, C truncated, D rejected, E unsupported language``, from status counts.

    >>> status_line({"ok": 2, "unsupported_language": 3}, 5)
    '5 rows read: 2 ok, 0 empty, 0 truncated, 0 rejected, 3 unsupported language'
    """
    line = f"{n_rows} rows read: " + ", ".join(f"{counts.get(s, 0)} {status_label(s)}" for s in ARTICLE_STATUSES)
    counted = sum(counts.get(s, 0) for s in ARTICLE_STATUSES)
    if counted != n_rows:
        line += f" ({n_rows - counted} without a status)"
    return line


def status_summary(articles: pd.DataFrame) -> str:
    """One line accounting for every row: ``N rows read: A ok, B empty, C truncated, D rejected, E unsupported language``.

    >>> status_summary(pd.DataFrame({"status": ["ok", "empty", "rejected"]}))
    '3 rows read: 1 ok, 1 empty, 0 truncated, 1 rejected, 0 unsupported language'
    """
    return status_line(status_counts(articles), len(articles))
