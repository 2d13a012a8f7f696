"""Typing and naming cited sources.

Each attribution gets a ``source_type`` (:data:`analysis.schema.SOURCE_TYPES`)
and, where the source has one, a canonical ``source_name``: the registry name
of a medium ("AFP" for "Agence France-Presse"), a person's name without titles
("Benjamin Netanyahu" for "Israeli Prime Minister Benjamin Netanyahu"), an
organisation's name without "the"; nothing for unnamed officials, anonymous
sources and documents.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.config import FIRST_NAMES_PATH
from analysis.extract.lexicons import Lexicons, load_lexicons
from analysis.gc_pause import paused_gc
from analysis.schema import ATTRIBUTIONS, MEDIA_TYPES, conform, require_columns
from analysis.sources.languages import article_languages, type_in_languages
from analysis.sources.registry import MediaIndex, default_index, normalize_name

_WORD = re.compile(r"[\w][\w'’.&-]*")
#: What ``type_source`` strips from both ends of a span.
_QUOTES = " \"'“”‘’,."
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i"})
_GROUP_PRONOUNS = frozenset({"they", "we", "it", "you"})
_DETERMINERS = frozenset("a an the one two three several some many other another both".split())


def words_of(text: str) -> list[str]:
    """The words of a source span (hyphens, apostrophes and inner dots kept).

    >>> words_of("Mr. O'Neil, a D.C.-based aide")
    ['Mr.', "O'Neil", 'a', 'D.C.-based', 'aide']
    """
    return _WORD.findall(text)


_words = words_of


def _strip_titles(words: list[str], lex: Lexicons) -> list[str]:
    """The name after the last title or lower-case word.

    "Israeli Prime Minister Benjamin Netanyahu" -> "Benjamin Netanyahu";
    "Tourism Board director Lise Ambergast" -> "Lise Ambergast".
    """
    titles, roles = lex.person_titles, lex.official_roles
    # From the end: the last title found decides where the name starts.
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        for n in (3, 2, 1):
            form = " ".join(words[i: i + n])  # shorter at the end of the span, as is
            if form in titles or form.rstrip(".") in titles or (
                n == 1 and (w.lower() in roles or not w[:1].isupper())
            ):
                cut = i + n
                return words[cut:] if cut < len(words) else []
    return words[:]


@lru_cache(maxsize=65536)
def _parsed(stripped: str) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
    """A stripped span's words, the same lower-cased, and its :func:`_common_head`.

    The rules, the typer's features and the certainty check all read these;
    cached (as tuples, so no reader can change them) since sources repeat.
    """
    words = tuple(_words(stripped))
    return words, tuple(w.lower() for w in words), _common_head(words)


_POSTMODIFIER_START = frozenset("of for in at with on to about from familiar close briefed involved privy who".split())


def _common_head(words: list[str]) -> str | None:
    """The lower-case head noun before a post-modifier ("an official in the ministry" -> "official")."""
    for i, w in enumerate(words):
        if i and w.lower() in _POSTMODIFIER_START and words[i - 1].islower():
            return words[i - 1].lower()
    return None


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


def _rule_typing(stripped: str, media: MediaIndex | None, lex: Lexicons | None) -> tuple[str, str | None, str | None]:
    """``(source_type, source_name, medium)`` of a stripped span by the registry and the
    lexicon rules, the publisher aside; remembered for the shipped registry and lexicons.
    """
    if (media is None or media is default_index()) and (lex is None or lex is load_lexicons()):
        return _default_rule_typing(stripped)
    return _type_by_rules(stripped, media or default_index(), lex or load_lexicons())


@lru_cache(maxsize=65536)
def _default_rule_typing(stripped: str) -> tuple[str, str | None, str | None]:
    # Corpora repeat their sources ("he", "officials", "Trump"): type each wording once.
    return _type_by_rules(stripped, default_index(), load_lexicons())


def _type_by_rules(stripped: str, media: MediaIndex, lex: Lexicons) -> tuple[str, str | None, str | None]:
    """The rules behind :func:`type_source`; the third item is the medium the span names."""
    medium = media.resolve(stripped)
    if medium is not None:
        return media.type_of(medium) or "online_media", medium, medium
    low = stripped.lower()
    words, lows, head = _parsed(stripped)
    if not words:
        return "unknown", None, None
    head = head or lows[-1]
    if head != lows[-1]:
        # "a lawyer for Verrill", "people familiar with the matter": the head decides.
        if head in lex.anonymous_heads:
            return "anonymous", None, None
        if head in lex.document_heads:
            return "document", None, None
        if head in lex.official_roles:
            return "unnamed_official", None, None
        words = words[: lows.index(head) + 1]
        lows = lows[: len(words)]
    if low in _PERSON_PRONOUNS:
        return "named_person", None, None  # resolved against earlier sources by classify_sources
    if low in _GROUP_PRONOUNS:
        return "unknown", None, None
    if any(w in lex.anonymous_modifiers for w in lows) and not words[-1][:1].isupper() or head in lex.anonymous_heads:
        return "anonymous", None, None
    if head in lex.document_heads:
        return "document", None, None
    if head in lex.official_roles and not words[-1][:1].isupper():
        return "unnamed_official", None, None
    if head in lex.official_roles and words[-1][:1].isupper() and words[0].lower() in _DETERMINERS:
        return "unnamed_official", None, None
    name_words = [w for w in words if w.lower() not in _DETERMINERS]
    name = " ".join(name_words)
    if " and " in f" {low} " and any(w in lex.places or w in lex.organizations for w in lows):
        return "named_organization", None, None  # a group of actors has no single name
    person = _strip_titles(words, lex)
    titled = 0 < len(person) < len(name_words)
    org_like = (
        head in lex.organization_heads
        or low.removeprefix("the ") in lex.organizations
        or " ".join(lows[-2:]) in lex.organizations
        or all(w in lex.places or w == "and" for w in lows if w[:1].isalpha() and w not in _DETERMINERS)
        or (len(words) == 1 and words[0].isupper() and len(words[0]) > 1)
        # "Ministry of Health", "Sarnow Mining Group": an organisation word in the name itself.
        or (not titled and any(w in lex.organization_heads for w in lows))
        or words[-1] in ("Inc", "Corp", "Ltd", "Group", "Motors", "Trust", "Foundation", "Institute")
        # "Ministry of Health": the name opens with an organisation word.
        or (bool(name_words) and name_words[0].lower() in lex.organization_heads)
    )
    if org_like:
        return "named_organization", name or None, None
    if not words[-1][:1].isupper():
        return "unknown", None, None
    return "named_person", " ".join(person) or name, None


#: Source types the registry and the publisher decide; the typer never overrides them.
_REGISTRY_TYPES = frozenset((*MEDIA_TYPES, "self"))
_MALE_CUES = frozenset("mr mr. sir lord king prince spokesman chairman congressman father brother son husband".split())
_FEMALE_CUES = frozenset(
    "mrs mrs. ms ms. miss madam lady queen princess spokeswoman chairwoman congresswoman mother sister daughter wife".split()
)
_PRONOUN_GENDER = {"he": "male", "him": "male", "she": "female", "her": "female"}


@lru_cache(maxsize=2)
def load_first_names(path: Path | str = FIRST_NAMES_PATH) -> dict[str, str]:
    """First name -> ``"female"`` or ``"male"`` (see ``data/names/README.md``).

    >>> load_first_names()["Lena"]
    'female'
    """
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    require_columns(table, ["name", "gender"], table=Path(path).name)
    bad = ~table["gender"].isin(["female", "male"])
    if bad.any():
        row = int(bad.to_numpy().nonzero()[0][0])
        raise ValueError(f"{Path(path).name} row {row + 2}: field 'gender' is {table['gender'].iloc[row]!r}")
    return dict(zip(table["name"], table["gender"]))


def _gender(span: str, name: str | None) -> str | None:
    """The gender a person's span or name tells, if any: titles first, then the first name."""
    words = {w.lower() for w in _words(span)}
    if not _FEMALE_CUES.isdisjoint(words):
        return "female"
    if not _MALE_CUES.isdisjoint(words):
        return "male"
    if name:
        return load_first_names().get(name.split()[0])
    return None


def _antecedent(pronoun: str, earlier: list[tuple[str, str | None]]) -> str | None:
    """The person a pronoun source refers to: the nearest earlier one of its gender.

    Without one of its gender, the nearest person whose gender is unknown; a
    person of the other gender is never taken.
    """
    want = _PRONOUN_GENDER.get(pronoun.strip().lower())
    if want is None:
        return earlier[-1][0] if earlier else None
    for name, gender in reversed(earlier):
        if gender == want:
            return name
    for name, gender in reversed(earlier):
        if gender is None:
            return name
    return None


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
            if person and all(w[:1].isupper() for w in person):
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
    stand for their governments; and the anonymous-source formula whose head
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
        from analysis.sources.typer import load_typer

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
                     typer: object = "default") -> pd.DataFrame:
    """Fill ``source_type`` and ``source_name`` and settle relays.

    Types come from :func:`type_sources` (registry, then the learned typer
    with the lexicon rules as fallback). Pronoun sources ("he") take the name
    of the nearest earlier named person of fitting gender in the same article
    (gender from titles such as "Mrs." and ``data/names/first-names.csv``). When the publisher credits itself as the relay of other
    sources ("UNN reports with reference to VRT and AFP" in a UNN article), the
    credit line is not a source: that row is dropped and the relayed sources
    count as cited directly (``via`` empty).

    Args:
        attributions: the extractor's output.
        articles: the articles table; its ``outlet`` tells who the publisher is.
        typer: a fitted :class:`~analysis.sources.typer.SourceTyper`, ``"default"``
            for the shipped one, or ``None`` for the lexicon rules alone.

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
    # Sources of articles in the kit's other languages: typed and named by that language's word lists.
    languages = article_languages(articles)
    if languages:
        typed = type_in_languages(spans, [languages.get(a) for a in article_ids], typed,
                                  publishers=[publishers.get(a) for a in article_ids], media=media,
                                  texts=[texts.get(a) for a in article_ids])
    types, names = [], []
    people: dict[str, list[tuple[str, str | None]]] = {}  # article -> (name, gender) in order
    by_surname: dict[str, dict[str, str]] = {}  # article -> last word of a name -> latest such name
    genders: dict[tuple[str, str], str | None] = {}
    for article_id, text, (kind, name) in zip(article_ids, spans, typed):
        earlier = people.setdefault(article_id, [])
        surnames = by_surname.setdefault(article_id, {})
        if kind == "named_person" and name is None:
            name = _antecedent(text, earlier)
        elif kind == "named_person" and " " not in name:
            # A surname alone ("Varga said") names the person introduced earlier.
            name = surnames.get(name, name)
        if kind == "named_person" and name:
            if (text, name) not in genders:
                genders[text, name] = _gender(text, name)
            earlier.append((name, genders[text, name]))
            surnames[name.split()[-1]] = name
        types.append(kind)
        names.append(name)
    out["source_type"] = pd.array(types, dtype="string")
    out["source_name"] = pd.array(names, dtype="string")
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
    return out.reset_index(drop=True)
