"""Typing and naming cited sources.

Each attribution gets a ``source_type`` (:data:`analysis.schema.SOURCE_TYPES`)
and, where the source has one, a canonical ``source_name``: the registry name
of a medium ("AFP" for "Agence France-Presse"), a person's name without titles
("Benjamin Netanyahu" for "Israeli Prime Minister Benjamin Netanyahu"), an
organisation's name without "the"; nothing for unnamed officials, anonymous
sources and documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.text.lexicons import Lexicons, load_lexicons
from analysis.gc_pause import paused_gc
from analysis.schema import ATTRIBUTIONS, MEDIA_TYPES, conform, require_columns
from analysis.sources.languages import article_languages, type_in_languages
from analysis.sources.registry import MediaIndex, default_index, normalize_name
from analysis.sources.rules import (
    _DETERMINERS,
    _GROUP_PRONOUNS,
    _NAME_PARTICLE,
    _PERSON_PRONOUNS,
    _QUOTES,
    _common_head,
    _parsed,
    _rule_typing,
    _strip_titles,
    _words,
)
from analysis.sources.aliases import AliasTable, load_aliases
from analysis.sources.identity import merge_corpus_names
from analysis.sources.naming import name_mentions
from analysis.sources.typer import load_typer

def type_source(text: str, *, publisher: str | None = None, media: MediaIndex | None = None,
                lexicons: Lexicons | None = None) -> tuple[str, str | None]:
    """Type and canonical name of one source span.

    Args:
        text: the source span, e.g. ``"A senior Hamas official"``.
        publisher: canonical name of the publishing outlet, to recognise ``self``.

    Returns:
        ``(source_type, source_name)``.

    >>> type_source("Agence France-Presse")
    ('news_agency', 'AFP')
    >>> type_source("A senior Hamas official")
    ('unnamed_official', None)
    >>> type_source("Israeli Prime Minister Benjamin Netanyahu")
    ('named_person', 'Benjamin Netanyahu')
    """
    stripped = text.strip(_QUOTES)
    kind, name, medium = _rule_typing(stripped, media, lexicons)
    if publisher and (medium == publisher or normalize_name(stripped) == normalize_name(publisher)):
        return "self", publisher
    return kind, name


#: Source types the registry and the publisher decide; the typer never overrides them.
_REGISTRY_TYPES = frozenset((*MEDIA_TYPES, "self"))
def _name_for(kind: str, text: str, lex: Lexicons) -> str | None:
    """A canonical name for a span the typer typed differently from the rules."""
    stripped = text.strip(" \"'“”‘’,.")
    if kind == "named_person":
        if stripped.lower() in _PERSON_PRONOUNS:
            return None
        # "Craig Varoga, a Democratic strategist": the name is the capitalised part.
        for part in stripped.split(","):
            words = _words(part)
            person = _strip_titles(words, lex)
            if person and all(w[:1].isupper() or _NAME_PARTICLE.match(w) for w in person):
                return " ".join(person)
        return None
    if kind == "named_organization" or kind in MEDIA_TYPES:
        words = [w for w in _words(stripped) if w.lower() not in _DETERMINERS]
        # Only a capitalised name is a name ("the Civil Defence", not "the board").
        return " ".join(words) if words and words[-1][:1].isupper() else None
    return None


def head_noun(text: str) -> str:
    """The head noun of a source span, lower-cased: the common noun before a
    post-modifier ("a source at the ministry" -> "source"), else the last word.

    >>> head_noun("A source at Damascus Police Command"), head_noun("Israeli media")
    ('source', 'media')
    """
    words = _words(text)
    return _common_head(words) or (words[-1].lower() if words else "")


def _rule_is_certain(span: str, lex: Lexicons) -> bool:
    """Spans whose rule type the typer does not second-guess.

    Pronouns; countries joined by "and" ("Mediators Egypt and Qatar"), which
    stand for their governments; a medium the registry lacks, by its head
    word ("Syrian state TV"); and the anonymous-source formula whose head
    is a lower-case anonymous noun ("A source at Damascus Police Command",
    "sources close to the ministry"), where capitalised words after the head
    name the place, not the source.
    """
    stripped = span.strip(_QUOTES)
    low = stripped.lower()
    if low in _PERSON_PRONOUNS or low in _GROUP_PRONOUNS:
        return True
    _, lows, head = _parsed(stripped)
    if " and " in f" {low} " and sum(w in lex.places for w in lows) >= 2:
        return True
    if lows and lows[-1] in lex.media_heads and (head is None or head == lows[-1]):
        return True  # "Syrian state TV": a medium, whatever the capitals say
    return head is not None and head in lex.anonymous_heads


def type_sources(spans: Sequence[str], *, publishers: Sequence[str | None] | None = None,
                 typer: object = "default", media: MediaIndex | None = None,
                 lexicons: Lexicons | None = None) -> list[tuple[str, str | None]]:
    """Type and name many source spans: registry and publisher first, then the typer.

    The learned :class:`~analysis.sources.typer.SourceTyper` decides between
    named, partly identified (``unnamed_official``), anonymous, document and
    the rest for every span that is not a registered medium or the publisher;
    where it disagrees with the lexicon rules its type wins and the name is
    derived again. Without a model file the rules decide alone (with a warning).

    Args:
        spans: source spans.
        publishers: the publisher of each span's article (for ``self``).
        typer: a fitted typer, ``"default"`` for the shipped model, or ``None``.

    >>> type_sources(["Craig Varoga, a Democratic strategist", "AFP"])
    [('named_person', 'Craig Varoga'), ('news_agency', 'AFP')]
    """
    lex = lexicons or load_lexicons()
    publishers = list(publishers) if publishers is not None else [None] * len(spans)
    if typer == "default":
        typer = load_typer()
    # Corpora repeat their sources ("he", "officials", "Trump"): each wording is
    # typed once, and only the publisher check runs row by row.
    by_rules = {span: _rule_typing(span.strip(_QUOTES), media, lexicons) for span in dict.fromkeys(spans)}
    # Whether a span names its article's publisher: once per wording and publisher.
    folded = {publisher: normalize_name(publisher) for publisher in set(publishers) if publisher}
    is_publisher = {}
    for span, publisher in dict.fromkeys(zip(spans, publishers)):
        if publisher:
            medium = by_rules[span][2]
            is_publisher[span, publisher] = medium == publisher or normalize_name(span.strip(_QUOTES)) == folded[publisher]
    ruled = [("self", publisher) if is_publisher.get((span, publisher)) else by_rules[span][:2]
             for span, publisher in zip(spans, publishers)]
    if typer is None:
        return ruled
    open_spans = {span: kind not in _REGISTRY_TYPES and not _rule_is_certain(span, lex)
                  for span, (kind, _, _) in by_rules.items()}
    open_rows = [i for i, (kind, _) in enumerate(ruled) if kind != "self" and open_spans[spans[i]]]
    if not open_rows:
        return ruled
    unique = list(dict.fromkeys(spans[i] for i in open_rows))
    predicted = dict(zip(unique, typer.predict(unique)))
    renamed: dict[tuple[str, str], str | None] = {}
    out = list(ruled)
    for i in open_rows:
        kind = str(predicted[spans[i]])
        if kind != ruled[i][0]:
            if (kind, spans[i]) not in renamed:
                renamed[kind, spans[i]] = _name_for(kind, spans[i], lex)
            out[i] = (kind, renamed[kind, spans[i]])
    return out


def _with_article(span: str, text: str | None, start: object, media: MediaIndex) -> str:
    """``span`` with the "the" before it in ``text`` when only that makes it a medium.

    Spans of media leave "the" out, but "Independent" alone is a word and
    "the Independent" a newspaper.
    """
    if text is None or start is None or start is pd.NA or not isinstance(start, (int, np.integer)):
        return span
    before = text[max(int(start) - 4, 0): int(start)]
    if before.lower() == "the " and media.resolve(span) is None and media.resolve(before + span) is not None:
        return before + span
    return span


def publisher_names(articles: pd.DataFrame | None, *, media: MediaIndex | None = None) -> dict[str, str]:
    """Article id -> canonical name of its publisher (the registry's name of
    its ``outlet`` where the registry knows it, else the outlet as given).

    Articles without an outlet are left out.

    >>> publisher_names(pd.DataFrame({"article_id": ["a", "b"], "outlet": ["reuters", "Harbour Ledger"]}))
    {'a': 'Reuters', 'b': 'Harbour Ledger'}
    """
    if articles is None or "outlet" not in articles.columns:
        return {}
    media = media or default_index()
    names: dict[str, str] = {}  # a corpus has few outlets
    out = {}
    for article_id, outlet in zip(articles["article_id"].astype(str).tolist(), articles["outlet"].tolist()):
        if isinstance(outlet, str) and outlet.strip():
            if outlet not in names:
                names[outlet] = media.resolve_outlet(outlet) or outlet.strip()
            out[article_id] = names[outlet]
    return out


@paused_gc()
def classify_sources(attributions: pd.DataFrame, articles: pd.DataFrame | None = None, *,
                     typer: object = "default", aliases: AliasTable | Path | str | None = None,
                     corpus_merge: bool = False, merge_period: str | None = "Y") -> pd.DataFrame:
    """Fill ``source_type``, ``source_name``, ``source_id`` and ``name_method``, and settle relays.

    Types come from :func:`type_sources` (registry, then the learned typer
    with the lexicon rules as fallback). Names are then settled within each
    article (:func:`analysis.sources.naming.name_mentions`: surnames,
    acronyms, short forms, descriptors and pronouns take the name of the
    source they refer back to; the alias table gives well-known sources their
    canonical name), and with ``corpus_merge`` across the articles of one
    outlet and period (:func:`analysis.sources.identity.merge_corpus_names`). When the publisher credits itself as the relay of other
    sources ("UNN reports with reference to VRT and AFP" in a UNN article), the
    credit line is not a source: that row is dropped and the relayed sources
    count as cited directly (``via`` empty).

    Args:
        attributions: the extractor's output.
        articles: the articles table; its ``outlet`` tells who the publisher is.
        typer: a fitted :class:`~analysis.sources.typer.SourceTyper`, ``"default"``
            for the shipped one, or ``None`` for the lexicon rules alone.
        aliases: a researcher's alias table (CSV path) laid over the shipped
            one, or a ready :class:`~analysis.sources.aliases.AliasTable`.
        corpus_merge: also merge names across the given articles of one outlet
            and period (:func:`analysis.sources.identity.merge_corpus_names`).
            Off in the pipeline, whose chunks must not change the result: run
            ``merge_corpus_names`` on the whole attributions table instead.
        merge_period: the period within which an outlet's names are merged
            ("Y", "M"; ``None``: all its articles).

    Returns:
        A new attributions table; the input is not changed.

    >>> from analysis.extract import extract_attributions
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["UNN"],
    ...     "text": ["A senior Hamas official told AFP the talks failed."]})
    >>> classify_sources(extract_attributions(arts), arts)[["source_type", "via"]].values.tolist()
    [['unnamed_official', 'AFP']]
    """
    require_columns(attributions, ["article_id", "source_text"], table="attributions")
    media = default_index()
    lex = load_lexicons()
    out = conform(attributions, ATTRIBUTIONS, table="attributions")
    publishers = publisher_names(articles, media=media)
    texts: dict[str, str] = {}
    if articles is not None and "text" in articles.columns:
        texts = {str(a): t for a, t in zip(articles["article_id"], articles["text"]) if isinstance(t, str)}
    # Plain lists: one pass over Python objects instead of pandas' per-item access.
    article_ids = out["article_id"].tolist()
    # A row without a source (a cue PolNeAR's convention keeps sourceless) types as "unknown".
    spans = [_with_article(text, texts.get(article_id), start, media) if isinstance(text, str) else ""
             for article_id, text, start in zip(article_ids, out["source_text"].tolist(), out["source_start"].tolist())]
    typed = type_sources(spans, publishers=[publishers.get(a) for a in article_ids],
                         typer=typer, media=media, lexicons=lex)
    # Sources of articles in the kit's other languages: typed by that language's word lists.
    languages = article_languages(articles)
    if languages:
        typed = type_in_languages(spans, [languages.get(a) for a in article_ids], typed,
                                  publishers=[publishers.get(a) for a in article_ids], media=media,
                                  texts=[texts.get(a) for a in article_ids])
    table = aliases if isinstance(aliases, AliasTable) else load_aliases(aliases)
    types, names, methods, keys = name_mentions(
        article_ids, spans, [kind for kind, _ in typed], [name for _, name in typed], texts=texts,
        ends=out["source_end"].tolist(), starts=out["source_start"].tolist(), aliases=table, languages=languages)
    out["source_type"] = pd.array(types, dtype="string")
    out["source_name"] = pd.array(names, dtype="string")
    out["name_method"] = pd.array(methods, dtype="string")
    out["source_id"] = pd.array(keys, dtype="string")
    # Publisher self-credits that relay other sources are not sources themselves.
    # Rows grouped by (article, relay, sentence), so each self-credit finds the
    # rows it relays without scanning the table (an article may credit itself
    # thousands of times); a group is settled once.
    relayed_by: dict[tuple, list] = {}
    relays = out[out["article_id"].notna() & out["via"].notna() & out["sentence_index"].notna()]
    for idx, key in zip(relays.index, zip(*(relays[c].tolist() for c in ("article_id", "via", "sentence_index")))):
        relayed_by.setdefault(key, []).append(idx)
    drop, cleared = [], []
    self_rows = out[(out["source_type"] == "self").fillna(False) & out["article_id"].notna()
                    & out["source_name"].notna() & out["sentence_index"].notna()]
    for idx, key in zip(self_rows.index, zip(*(self_rows[c].tolist() for c in ("article_id", "source_name", "sentence_index")))):
        relayed = relayed_by.pop(key, None)
        if relayed:
            cleared += relayed
            drop.append(idx)
    out.loc[cleared, "via"] = pd.NA
    out = out.drop(index=drop)
    # A medium relaying its own name adds nothing; a source that spoke to the
    # publisher ("told the Harbour Ledger") reached it directly.
    publisher = out["article_id"].map(publishers).astype("string")
    same = out["via"].notna() & ((out["via"] == out["source_name"]) | (out["via"] == publisher)).fillna(False)
    out.loc[same, "via"] = pd.NA
    # Without the corpus merge, only the stable keys are set.
    return merge_corpus_names(out.reset_index(drop=True), articles if corpus_merge else None, period=merge_period)
