"""What one source span is, for naming: a name, a descriptor, a pronoun, or nothing to resolve.

The pieces :mod:`analysis.sources.naming` reads a span with: the cleaned
name (titles, portfolio words, "-based" modifiers and a state's adjective
out), the descriptors a span or an appositive gives, acronyms, the forms a
person is named again by, and a one-word name's fuller form where the text
spells it out. Every function here sees one span (and at most its article's
text); none keeps state.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.config import FIRST_NAMES_PATH
from analysis.text.lexicons import Lexicons, load_lexicons
from analysis.schema import MEDIA_TYPES, require_columns
from analysis.sources.aliases import Alias, fold, load_descriptors
from analysis.sources.rules import _DETERMINERS, _NAME_PARTICLE, _QUOTES, _strip_titles, _without_portfolio, words_of

_PERSON_PRONOUNS = {"he": "male", "him": "male", "she": "female", "her": "female", "i": None}
_THING_PRONOUNS = frozenset({"it"})
_GROUP_PRONOUNS = frozenset({"they", "we"})
_DEFINITE = frozenset({"the", "this", "that"})
# Words before a name that describe it and are no part of it ("Britain-based SOHR").
_MODIFIER_SUFFIX = re.compile(r"-(?:based|backed|led|funded|run|affiliated|linked|allied|controlled|held|aligned|owned)$",
                              re.IGNORECASE)
_STOPWORDS = frozenset("of for the and in on at to de al".split())
_POSTMODIFIERS = frozenset("of in at from for with across near inside outside".split())
# A name right after a description ("The opposition leader, Tom Ashby, said").
_NAME_AFTER = re.compile(r",\s+((?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’-]+)\s*,")
_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z.&-]{1,11})\)")
_ACRONYM_INSIDE = re.compile(r"\(([A-Z][A-Za-z.&-]{1,11})\)\s*$")
_APPOSITIVE = re.compile(r",\s+(?:a|an|the)\s+((?:[\w'’-]+\s+){0,3}?[a-z][\w-]*)(?=\s*(?:,|\.|;|\bsaid\b|\bwho\b|\bwhich\b|\bof\b|\bin\b|\bfor\b|$))")
_FEMALE = frozenset("mrs mrs. ms ms. miss madam lady queen princess spokeswoman chairwoman congresswoman".split())
_MALE = frozenset("mr mr. sir lord king prince spokesman chairman congressman".split())


@dataclass(frozen=True)
class _Mention:
    """What one source span is, for naming: a name, a descriptor, a pronoun or nothing to resolve."""

    form: str  # "name", "descriptor", "pronoun", "none"
    name: str | None = None
    head: str | None = None
    phrase: str | None = None
    descriptors: frozenset[str] = frozenset()
    gender: str | None = None
    plural: bool = False
    acronym: str | None = None
    only_known: bool = False  # a name that may refer back but introduces nobody ("al-Muallem")
    retype: str | None = None  # a description typed as a name ("Officials in Washington")


def _is_cap(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _person_name(name: str) -> str:
    """A person's name without the portfolio words a title leaves ("Foreign Affairs Walid Muallem")
    or a state's adjective before it ("Syrian Rami Abdel Rahman")."""
    from analysis.sources.aliases import load_aliases

    words = _without_portfolio(name.split())
    adjectives = load_aliases().adjectives
    while len(words) > 2 and words[0] in adjectives:
        words = words[1:]
    return " ".join(words)


def _organization_name(words: list[str]) -> tuple[str | None, list[str]]:
    """An organisation's name and the lower-case describing words before it.

    "Britain-based monitoring group SOHR" -> ("SOHR", ["monitoring", "group"]).
    """
    words = [w for w in words if w.lower() not in _DETERMINERS]
    based = [i for i, w in enumerate(words) if _MODIFIER_SUFFIX.search(w)]
    if based:
        words = words[based[-1] + 1:]  # "New York-based rights group": the place goes with "-based"
    described: list[str] = []
    while words and (not _is_cap(words[0]) or _MODIFIER_SUFFIX.search(words[0]) or words[0].lower() in _STOPWORDS):
        if not _MODIFIER_SUFFIX.search(words[0]):
            described.append(words[0].lower())
        words = words[1:]
    # Lower-case words after the name describe it ("Syrian Observatory for Human Rights monitor").
    tail: list[str] = []
    while len(words) > 1 and (words[-1].lower() in _STOPWORDS or not _is_cap(words[-1])):
        tail.insert(0, words[-1].lower())
        words = words[:-1]
    described += [w for w in tail if w not in _STOPWORDS]
    if not any(_is_cap(w) for w in words):
        return None, described + [w.lower() for w in words]
    return " ".join(words).removesuffix("'s").removesuffix("’s"), described


@lru_cache(maxsize=65536)
def _mention(span: str, kind: str, name: str | None) -> _Mention:
    """How one typed span takes part in naming (cached: corpora repeat their sources)."""
    stripped = span.strip(_QUOTES)
    low = stripped.lower()
    if low in _PERSON_PRONOUNS:
        return _Mention("pronoun", head=low, gender=_PERSON_PRONOUNS[low])
    if low in _THING_PRONOUNS or low in _GROUP_PRONOUNS:
        return _Mention("pronoun", head=low)
    words = words_of(stripped.split(",")[0])
    if not words:
        return _Mention("none")
    lows = [w.lower() for w in words]
    definite = lows[0] in _DEFINITE
    lex = load_lexicons()
    if kind in MEDIA_TYPES or kind == "self":
        return _Mention("name", name=name)
    start = 1 if definite else 0
    if (len(words) > start + 1 and lows[start + 1] in _POSTMODIFIERS and lows[start] not in lex.organization_heads
            and (lows[start].endswith("s") or not _is_cap(words[start]))):
        # "Officials in Washington", "Doctors at the hospital": a description of people, not a name.
        head = lows[start]
        bare = head[:-1] if head.endswith("s") else head
        retype = ("unnamed_official" if head in lex.official_roles or bare in lex.official_roles
                  else "anonymous" if head in lex.anonymous_heads or bare in lex.anonymous_heads else None)
        if retype or head.endswith("s"):
            return _Mention("none", plural=head.endswith("s"), retype=retype)
    if name is None and len(words) == 1 and _NAME_PARTICLE.match(words[0]) and "-" in words[0]:
        return _Mention("name", name=words[0], only_known=True)
    if kind == "named_person" and name:
        titles = frozenset(_titles(words, lex))
        gender = "female" if titles & _FEMALE else "male" if titles & _MALE else None
        return _Mention("name", name=_person_name(name), descriptors=titles, gender=gender)
    if kind == "named_organization" or (kind == "unknown" and name):
        # A group of actors ("Mediators Egypt and Qatar") has no name of its own.
        if not name:
            return _descriptor(lows[1:]) if definite and not any(_is_cap(w) for w in words[1:]) else _Mention("none")
        inside = _ACRONYM_INSIDE.search(stripped)
        if inside and name.endswith(" " + inside.group(1)):
            name = name[: -len(inside.group(1)) - 1]  # "the Syrian Observatory for Human Rights (SOHR)"
        org, described = _organization_name(words_of(name))
        if org and " " not in org and org in _state_adjectives():
            org = None  # "Syrian" alone names nobody
        if org:
            return _Mention("name", name=org, descriptors=frozenset(_phrases(described)),
                            acronym=inside.group(1) if inside else None)
        if definite and described:
            return _descriptor(described)
        return _Mention("none")
    # Roles, anonymous and unknown spans: only a definite singular description may refer back.
    if definite and not any(_is_cap(w) for w in words[1:]) and len(words) <= 5:
        return _descriptor(lows[1:])
    return _Mention("none", plural=lows[-1].endswith("s") and not lows[-1].endswith("ss"))


def _state_adjectives() -> frozenset[str]:
    from analysis.sources.aliases import load_aliases

    return load_aliases().adjectives


def _descriptor(words: list[str]) -> _Mention:
    words = [w for w in words if not _MODIFIER_SUFFIX.search(w)]
    if not words:
        return _Mention("none")
    head = words[-1]
    phrase = " ".join(words[-2:]) if len(words) > 1 else head
    return _Mention("descriptor", head=head, phrase=phrase, plural=head.endswith("s") and not head.endswith("ss"))


def _phrases(words: list[str]) -> list[str]:
    """The head and the last two words of a lower-case description ("monitoring group", "group")."""
    words = [w for w in words if w.isalpha() or "-" not in w]
    if not words:
        return []
    return list(dict.fromkeys([words[-1], " ".join(words[-2:])]))


def _titles(words: Sequence[str], lex: Lexicons) -> list[str]:
    """The titles and role words of a person's span, lower-cased ("Governor Andrew Cuomo" -> governor)."""
    out = []
    for w in words:
        bare = w.rstrip(".")
        if w in lex.person_titles or bare in lex.person_titles or w.lower() in lex.official_roles:
            out.append(w.lower())
    joined = " ".join(words)
    for title in ("prime minister", "foreign minister", "defence minister", "defense minister", "opposition leader",
                  "secretary of state", "secretary-general", "vice president"):
        if title in joined.lower():
            out.append(title)
    return out


# Capitalised words before a surname that are no first names.
_NOT_NAMES = _DETERMINERS | frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december on in at but and meanwhile when while after before since".split())
_CAP_BEFORE = re.compile(r"((?:[A-Z][\w'’.-]*\s+(?:(?:al|el|bin|ibn|de|van|von|der|for|of|the)[\s-]+)*){1,5})(?:al-|el-)?$")
_CAP_AFTER = re.compile(r"(?:\s+(?:(?:for|of|the|and)\s+)*[A-Z][\w'’-]*){0,5}")
#: How many times a one-word name is looked for in its text.
_MAX_LOOKS = 8


def _occurrences(text: str, word: str) -> list[int]:
    """Where ``word`` stands as a whole word in ``text`` (its first few places; no regex built per word)."""
    out, at = [], text.find(word)
    while at >= 0 and len(out) < _MAX_LOOKS:
        end = at + len(word)
        if (at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_")) and (
                end == len(text) or not (text[end].isalnum() or text[end] == "_")):
            out.append(at)
        at = text.find(word, end)
    return out


def _fuller_name(name: str, kind: str, text: str, after: str = "") -> "Alias | str | None":
    """A one-word name's fuller form where the text spells it out: a person's first names
    before it ("Bashar al-Assad" for "Assad"), or a form of the alias table holding the word
    ("Syrian Observatory for Human Rights" for "Observatory"). ``None`` when the text has none.
    """
    from analysis.sources.aliases import load_aliases

    lex = load_lexicons()
    table = load_aliases()
    for at in _occurrences(text, name):
        before = _CAP_BEFORE.search(text[max(at - 80, 0): at])
        if kind == "named_person":
            if before is None:
                continue
            start = at - len(before.group(0))
            words = [w for w in text[start: at + len(name)].split() if w.lower() not in _NOT_NAMES]
            words = _strip_titles(words, lex)
            if len(words) >= 2 and all(_is_cap(w) or _NAME_PARTICLE.match(w) for w in words):
                return " ".join(words)
            continue
        rest = _CAP_AFTER.match(text, at + len(name)).group(0)
        if rest.strip() and after.startswith(rest):
            # The span itself stops short of the name ("The United" of "The United States"):
            # a cut the extractor made, left visible rather than counted twice.
            continue
        head = before.group(0) if before else ""
        for phrase in (head + name + rest, head + name, name + rest):
            if phrase != name and (alias := table.lookup(phrase)) is not None:
                return alias
    return None


def _acronym(name: str) -> str | None:
    """The initials of a name of two or more capitalised words ("Syrian Observatory for Human Rights" -> SOHR)."""
    words = [w for w in name.replace("-", " ").split() if w.lower() not in _STOPWORDS]
    if len(words) < 2 or not all(_is_cap(w) for w in words):
        return None
    return "".join(w[0].upper() for w in words)


def _person_keys(name: str) -> list[str]:
    """The forms that name a person later: the name, and every tail of it ("Abdel Rahman", "Rahman")."""
    words = name.split()
    keys = [fold(name)]
    # Tails of up to four words: names are short, and a run of capitalised words must stay linear.
    for i in range(max(1, len(words) - 4), len(words)):
        keys.append(fold(" ".join(words[i:])))
    # "al-Assad" is also "Assad".
    keys += [k.split("-", 1)[1] for k in keys if k.startswith(("al-", "el-")) and "-" in k]
    return keys


def _type_descriptors(kind: str, alias: Alias | None) -> frozenset[str]:
    """The descriptors a source's type allows; an alias-table entry's own and its kind's instead."""
    table = load_descriptors()
    if alias is not None:
        return frozenset(alias.descriptors | table.get(alias.kind, set()))
    return frozenset(table.get(kind, ()))


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


def _first_name_gender(name: str) -> str | None:
    return load_first_names().get(name.split()[0])
