"""Exact duplicate articles: the same text under the same outlet.

A corpus scraped twice, or a wire story filed four times, would count the
same article several times in an outlet's means. Each copy after the first
gets the status ``duplicate`` and ``duplicate_of`` (the ``article_id`` of the
first copy); it stays in the articles table and in ``articles_scored.csv``,
and is left out of outlet summaries and figures unless asked for.
"""

from __future__ import annotations

import hashlib

import pandas as pd

from analysis.io.checks import add_reason
from analysis.schema import require_columns

#: Statuses of rows that can be, or have, a duplicate: those with text that is read.
_READ_STATUSES = ("ok", "too_long_truncated")


def _key(outlet: object, text: str) -> bytes:
    # A digest, not the text: a run over millions of articles keeps 16 bytes per article.
    name = "" if outlet is None or outlet is pd.NA or outlet != outlet else str(outlet).strip()
    return hashlib.blake2b(f"{name}\0{text}".encode("utf-8", "surrogatepass"), digest_size=16).digest()


class DuplicateMarker:
    """Marks exact duplicates across successive chunks of one corpus.

    Call it on each chunk in input order; the first copy of a text under an
    outlet, in any earlier chunk, is the one the others point to.

    >>> marker = DuplicateMarker()
    >>> a = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "X"], "text": ["Hi.", "Hi."], "status": "ok"})
    >>> marker(a)[["status", "duplicate_of"]].values.tolist()
    [['ok', <NA>], ['duplicate', 'a']]
    >>> marker(a.assign(article_id=["c", "d"]))["duplicate_of"].tolist()
    ['a', 'a']
    """

    def __init__(self) -> None:
        self.first_ids: dict[bytes, str] = {}

    def __call__(self, articles: pd.DataFrame) -> pd.DataFrame:
        """``articles`` with ``status`` and ``duplicate_of`` set on the copies."""
        require_columns(articles, ["article_id", "text"], table="articles")
        index = articles.index
        status = articles["status"].astype("string") if "status" in articles.columns else \
            pd.Series("ok", index=index, dtype="string")
        outlets = articles["outlet"] if "outlet" in articles.columns else pd.Series(None, index=index, dtype="object")
        duplicate_of = pd.Series(pd.NA, index=index, dtype="string")
        if "duplicate_of" in articles.columns:
            duplicate_of = articles["duplicate_of"].astype("string")
        readable = status.isin(_READ_STATUSES).fillna(False).astype(bool)
        for i, article_id, outlet, text in zip(index, articles["article_id"].astype(str), outlets, articles["text"]):
            if not readable.at[i] or not isinstance(text, str):
                continue
            key = _key(outlet, text)
            first = self.first_ids.setdefault(key, article_id)
            if first != article_id:
                duplicate_of.at[i] = first
        copies = duplicate_of.notna() & readable
        if not copies.any() and "duplicate_of" in articles.columns:
            return articles
        reasons = articles["reason"] if "reason" in articles.columns else pd.Series(pd.NA, index=index, dtype="string")
        reasons = add_reason(reasons, copies, "same text and outlet as article " + duplicate_of.fillna(""))
        return articles.assign(status=status.mask(copies, "duplicate"), reason=reasons, duplicate_of=duplicate_of)


def mark_duplicates(articles: pd.DataFrame) -> pd.DataFrame:
    """Give every exact copy (same outlet, same text) after the first the status ``duplicate``.

    Only rows with text to read (status ``ok`` or ``too_long_truncated``)
    are compared; ``duplicate_of`` names the first copy's ``article_id``.

    >>> arts = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"],
    ...     "text": ["Hi.", "Hi.", "Hi."], "status": ["ok", "ok", "ok"]})
    >>> mark_duplicates(arts)[["status", "duplicate_of"]].values.tolist()
    [['ok', <NA>], ['duplicate', 'a'], ['ok', <NA>]]
    """
    return DuplicateMarker()(articles)
