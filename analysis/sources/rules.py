"""The lexicon rules that type and name one source span, beneath the learned typer.

Both :mod:`analysis.sources.classify` (which runs the rules and the typer over
a table) and :mod:`analysis.sources.typer` (whose features include the rules'
type) read these, so they live a floor below both.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.text.lexicons import Lexicons, load_lexicons
from analysis.sources.registry import MediaIndex, default_index

_WORD = re.compile(r"[\w][\w'’.&-]*")
_RELATIVE_TAIL = re.compile(r",\s+(?:who|whose|whom|which)\b.*$", re.DOTALL | re.IGNORECASE)
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


# Lower-case parts of names ("Walid al-Muallem", "Osama bin Laden", "Ursula von der Leyen").
_NAME_PARTICLE = re.compile(r"^(?:al|el|ad|as|ash|at|az|bin|ibn|bint|de|da|di|del|della|van|von|der|den|du|dos|le|la)(?:-\w|$)")


def _strip_titles(words: list[str], lex: Lexicons) -> list[str]:
    """The name after the last title or lower-case word, without a title's portfolio words.

    "Israeli Prime Minister Benjamin Netanyahu" -> "Benjamin Netanyahu";
    "Tourism Board director Lise Ambergast" -> "Lise Ambergast";
    "Minister of Foreign Affairs Walid al-Muallem" -> "Walid al-Muallem".
    """
    titles, roles = lex.person_titles, lex.official_roles
    # From the end: the last title found decides where the name starts.
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        particle = 0 < i < len(words) - 1 and _NAME_PARTICLE.match(w) is not None or (
            i == len(words) - 1 and i > 0 and _NAME_PARTICLE.match(w) is not None and "-" in w)
        for n in (3, 2, 1):
            form = " ".join(words[i: i + n])  # shorter at the end of the span, as is
            if form in titles or form.rstrip(".") in titles or (
                n == 1 and (w.lower() in roles or (not w[:1].isupper() and not particle))
            ):
                cut = i + n
                return _without_portfolio(words[cut:]) if cut < len(words) else []
    return words[:]


def _without_portfolio(words: list[str]) -> list[str]:
    """A name without the portfolio words a title such as "Minister of Foreign Affairs" leaves before it."""
    from analysis.sources.aliases import portfolio_words

    portfolio = portfolio_words()
    start = 0
    while len(words) - start > 2 and words[start] in portfolio:
        start += 1
    return words[start:]


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
    # "Councillor Tom Reyes, who chairs the housing board": the relative clause describes, it names nobody.
    stripped = _RELATIVE_TAIL.sub("", stripped) or stripped
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
    if head == lows[-1] and head in lex.media_heads:
        # "Syrian state TV", "the tabloid": a medium the registry lacks, named only by a capitalised qualifier.
        named = [w for w in words[:-1] if w[:1].isupper() and w.lower() not in _DETERMINERS]
        name = " ".join(w for w in words if w.lower() not in _DETERMINERS) if named else None
        return lex.media_heads[head], name, None
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
        or all(w in lex.places or w in lex.cities or w == "and"
               for w in lows if w[:1].isalpha() and w not in _DETERMINERS)
        or (len(words) == 1 and words[0].isupper() and len(words[0]) > 1)
        # "Ministry of Health", "Sarnow Mining Group": an organisation word in the name itself.
        or (not titled and any(w in lex.organization_heads for w in lows))
        or words[-1] in ("Inc", "Corp", "Ltd", "Group", "Motors", "Trust", "Foundation", "Institute")
        # "Ministry of Health": the name opens with an organisation word.
        or (bool(name_words) and name_words[0].lower() in lex.organization_heads)
    )
    if org_like:
        return "named_organization", name or None, None
    if not (words[-1][:1].isupper() or (len(words) > 1 and "-" in words[-1] and _NAME_PARTICLE.match(words[-1]))):
        return "unknown", None, None
    return "named_person", " ".join(person) or name, None
