"""One name per source within an article: surnames, acronyms, short forms, descriptors, pronouns.

:func:`name_mentions` walks each article's sources in order and keeps a small
memory of the sources named so far. A later mention takes the canonical name
of the source it refers back to:

- a surname or the end of a name ("Abdel Rahman", "Mr. Varga", "President Assad");
- an acronym, introduced in parentheses or made of the name's initials ("SOHR");
- a short form whose words are all in an earlier name ("the Observatory");
- a definite descriptor ("the monitoring group", "the watchdog", "the governor")
  that fits an earlier source: a word of its name, a title or appositive the
  text gave it ("Andrew Cuomo, the governor of New York"), a descriptor of its
  alias-table entry, or one its type allows (``data/sources/descriptors.csv``);
- a pronoun: "he"/"she" the nearest earlier person of fitting gender, "it" the
  nearest earlier organisation, medium or document, "they" the nearest earlier
  organisation or group of people.

An indefinite mention ("a senior Hamas official", "an agency") introduces a
new source and is never merged into a named one. Each lookup is a dictionary
access, so an article is named in time linear in its number of sources.

Every name says how it was found (``name_method``, :data:`NAME_METHODS`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.config import FIRST_NAMES_PATH
from analysis.extract.lexicons import Lexicons, load_lexicons
from analysis.schema import MEDIA_TYPES, require_columns
from analysis.sources.aliases import Alias, AliasTable, fold, load_descriptors, slug
from analysis.sources.registry import default_index
from analysis.sources.rules import _DETERMINERS, _NAME_PARTICLE, _QUOTES, _strip_titles, _without_portfolio, words_of

#: How a ``source_name`` was found: the media registry (or the publisher), the
#: shipped alias table, the researcher's own alias table, the span itself, an
#: earlier mention in the same article, a pronoun's antecedent, a merge of
#: names across the corpus (:func:`analysis.sources.identity.merge_corpus_names`).
NAME_METHODS = ("registry", "alias_table", "user_alias", "span", "antecedent", "pronoun", "corpus_merge")

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


@dataclass
class _Entity:
    """A source named in an article."""

    name: str
    type: str
    method: str
    key: str | None = None  # alias-table or registry id when it has one
    gender: str | None = None
    alias: Alias | None = None


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


@dataclass
class _Memory:
    """What one article has named so far; every lookup is a dictionary access."""

    keys: dict[str, _Entity] = field(default_factory=dict)
    by_word: dict[str, _Entity] = field(default_factory=dict)
    by_descriptor: dict[str, tuple[_Entity, bool]] = field(default_factory=dict)  # (entity, is a person)
    by_gender: dict[str | None, _Entity] = field(default_factory=dict)
    thing: tuple[str, _Entity | None] | None = None  # nearest organisation, medium or document
    group: tuple[str, _Entity | None] | None = None  # nearest organisation or group of people


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


class _Namer:
    """The in-article naming of one table's rows."""

    def __init__(self, aliases: AliasTable, normalize: Callable[[str, str], str] | None) -> None:
        self.aliases = aliases
        self.normalize = normalize

    def article(self, rows: list[int], spans: Sequence[str], kinds: list[str], names: list[str | None],
                methods: list[str | None], keys: list[str | None], text: str | None,
                ends: Sequence[object], language: str, starts: Sequence[object] | None = None) -> None:
        memory = _Memory()
        for i in rows:
            kind, name = kinds[i], names[i]
            mention = _mention(spans[i], kind, name)
            end = ends[i]
            after = text[end: end + 120] if text and end is not None else ""
            start = starts[i] if starts is not None else None
            opens = start is not None and bool(text) and (start < 2 or text[max(start - 2, 0): start].strip() in ".!?\"”")
            alias = None
            if mention.form != "pronoun" and kind not in MEDIA_TYPES and kind != "self":
                # The whole span may be a form of the table ("Human Rights Watch", "The OPCW").
                alias = self.aliases.lookup(spans[i].strip(_QUOTES).split(",")[0])
                if alias is not None:
                    mention = _Mention("name", name=alias.name)
            if (mention.form in ("none", "descriptor") and text and start is not None and start >= 2
                    and text[start - 2: start] == ", " and spans[i][:2].lower() in ("a ", "an")
                    and kind in ("named_organization", "unknown")):
                # "the Syrian Observatory for Human Rights, a monitoring group": an appositive
                # describes the name before it ("Hamas, a senior official said" stays a role).
                entity = self._named_before(text[max(start - 120, 0): start - 2], memory)
                if entity is not None:
                    described = [w.lower() for w in words_of(spans[i]) if w.lower() not in _DETERMINERS]
                    self._remember(entity, [], frozenset(_phrases(described)), memory,
                                   person=entity.type == "named_person")
                    self._assign(i, entity, "antecedent", kinds, names, methods, keys)
                    continue
            if mention.form == "descriptor" and (named := _NAME_AFTER.match(after)):
                person = kind in ("unnamed_official", "named_person")
                kinds[i] = "named_person" if person else "named_organization"
                mention = _Mention("name", name=named.group(1),
                                   descriptors=frozenset(_phrases([mention.phrase or mention.head or ""])))
            if mention.retype:
                kinds[i] = mention.retype
            if mention.form == "pronoun":
                self._pronoun(i, mention, memory, kinds, names, methods, keys)
            elif mention.form == "descriptor":
                self._descriptor(i, mention, memory, kinds, names, methods, keys, text)
            elif mention.form == "name" and mention.name:
                self._name(i, mention, memory, kinds, names, methods, keys, after, language, alias, text, opens)
            else:
                if kind not in MEDIA_TYPES and kind != "self":
                    names[i] = None
                if kind in ("anonymous", "unnamed_official") and mention.plural:
                    memory.group = (kind, None)
                elif kind == "document":
                    memory.thing = (kind, None)
            if names[i] is None:
                methods[i] = keys[i] = None

    def _name(self, i: int, mention: _Mention, memory: _Memory, kinds: list[str], names: list[str | None],
              methods: list[str | None], keys: list[str | None], after: str, language: str,
              alias: Alias | None = None, text: str | None = None, opens: bool = False) -> None:
        kind, name = kinds[i], mention.name
        if self.normalize is not None and alias is None:
            name = self.normalize(name, language)
        if mention.only_known:
            known = memory.keys.get(fold(name))
            if known is None:
                names[i] = None
            else:
                self._assign(i, known, "antecedent", kinds, names, methods, keys)
            return
        if kind in MEDIA_TYPES or kind == "self":
            entity = memory.keys.get(fold(name)) or _Entity(name, kind, "registry", f"media:{slug(name)}")
            self._remember(entity, [fold(name)], _type_descriptors(kind, None), memory, person=False)
            self._assign(i, entity, "registry", kinds, names, methods, keys)
            return
        alias = alias or self.aliases.lookup(name)
        medium = default_index().resolve(name) if alias is None and kind != "named_person" else None
        if medium is not None:
            # "SANA news agency" once its description is off.
            kind = default_index().type_of(medium) or "online_media"
            entity = memory.keys.get(fold(medium)) or _Entity(medium, kind, "registry", f"media:{slug(medium)}")
            self._remember(entity, [fold(name), fold(medium)], _type_descriptors(kind, None), memory, person=False)
            self._assign(i, entity, "registry", kinds, names, methods, keys)
            return
        known = None
        if alias is None:
            known = memory.keys.get(name) or memory.keys.get(fold(name))
            if known is None and kind != "named_person":
                known = self._by_words(name, memory)
            if known is None and " " not in name:
                found = memory.by_descriptor.get(name.lower())
                known = found[0] if found is not None and found[1] == (kind == "named_person") else None
            if known is None and text and " " not in name:
                # Named in full elsewhere in the text, not as a source ("President Bashar al-Assad").
                fuller = _fuller_name(name, kind, text, after)
                if isinstance(fuller, Alias):
                    alias = fuller
                elif fuller is not None:
                    name = fuller
                elif fuller is None and (_occurrences(text, name.lower()) or (
                        opens and name.endswith("s") and not name.endswith("ss") and not name.isupper())):
                    # "Rebels said" with "rebels" elsewhere, "Activists said" opening a sentence:
                    # a common noun, not a name.
                    names[i] = None
                    return
        if alias is not None:
            entity = memory.keys.get(alias.id) or _Entity(alias.name, kind if kind in MEDIA_TYPES else alias.type,
                                                          "alias_table", alias.id, alias=alias)
            method = "user_alias" if alias.user else "alias_table"
        elif known is not None:
            entity, method = known, ("span" if known.name == name else "antecedent")
        else:
            method = "span" if name == mention.name else "antecedent"
            entity = _Entity(name, kind, method, gender=mention.gender)
        person = entity.type == "named_person"
        found = [fold(name)]
        if person:
            found += _person_keys(entity.name)
            if entity.gender is None:
                entity.gender = mention.gender or _first_name_gender(entity.name)
        else:
            found.append(fold(entity.name))
            acronym = _acronym(entity.name)
            inside = _ACRONYM_AFTER.match(after)
            found += [a for a in (acronym, inside.group(1) if inside else None, mention.acronym) if a]
        if entity.key:
            found.append(entity.key)
        descriptors = set(mention.descriptors) | _type_descriptors(entity.type, entity.alias)
        appositive = _APPOSITIVE.match(after)
        if appositive:
            descriptors.update(_phrases(appositive.group(1).lower().split()))
        if not person:
            descriptors.update(w.lower() for w in entity.name.split() if w.lower() not in _STOPWORDS)
        self._remember(entity, found, frozenset(descriptors), memory, person=person)
        self._assign(i, entity, method, kinds, names, methods, keys)

    def _named_before(self, before: str, memory: _Memory) -> _Entity | None:
        """The source the last words of ``before`` name (the longest that the article or the table knows)."""
        words = before.split()[-8:]
        for k in range(len(words), 0, -1):
            phrase = " ".join(words[-k:])
            if not _is_cap(words[-k]) and words[-k].lower() != "the":
                continue
            known = memory.keys.get(fold(phrase)) or memory.keys.get(phrase)
            if known is not None:
                return known
            alias = self.aliases.lookup(phrase)
            if alias is not None:
                entity = memory.keys.get(alias.id) or _Entity(alias.name, alias.type, "alias_table", alias.id, alias=alias)
                self._remember(entity, [alias.id, fold(phrase)], _type_descriptors(entity.type, alias), memory,
                               person=entity.type == "named_person")
                return entity
        return None

    @staticmethod
    def _by_words(name: str, memory: _Memory) -> _Entity | None:
        """The latest organisation whose name holds every word of a short form ("the Observatory")."""
        words = {w.lower() for w in name.split() if w.lower() not in _STOPWORDS}
        if not words or len(words) > 3:
            return None
        candidates = {id(e): e for w in words if (e := memory.by_word.get(w)) is not None}
        fitting = [e for e in candidates.values() if words <= {w.lower() for w in e.name.split()}]
        return fitting[-1] if len(fitting) == 1 else None

    def _remember(self, entity: _Entity, found: list[str], descriptors: frozenset[str], memory: _Memory,
                  *, person: bool) -> None:
        for key in found:
            memory.keys[key] = entity
        if not person:
            for w in entity.name.split():
                if w.lower() not in _STOPWORDS:
                    memory.by_word[w.lower()] = entity
        for d in descriptors:
            memory.by_descriptor[d] = (entity, person)
        if person:
            memory.by_gender[entity.gender] = entity
            memory.by_gender["any"] = entity
        else:
            memory.thing = memory.group = (entity.type, entity)

    @staticmethod
    def _assign(i: int, entity: _Entity, method: str, kinds: list[str], names: list[str | None],
                methods: list[str | None], keys: list[str | None]) -> None:
        kinds[i], names[i], methods[i], keys[i] = entity.type, entity.name, method, entity.key

    def _descriptor(self, i: int, mention: _Mention, memory: _Memory, kinds: list[str], names: list[str | None],
                    methods: list[str | None], keys: list[str | None], text: str | None = None) -> None:
        kind = kinds[i]
        wants_person = kind in ("unnamed_official", "named_person")
        for d in (mention.phrase, mention.head):
            found = memory.by_descriptor.get(d) if d else None
            if found is not None and found[1] == wants_person:
                self._assign(i, found[0], "antecedent", kinds, names, methods, keys)
                return
        if text and mention.head and not wants_person and not mention.plural:
            # Named in full elsewhere in the text, not as a source: "the army" of the "Syrian Arab Army".
            fuller = _fuller_name(mention.head.capitalize(), "named_organization", text)
            if isinstance(fuller, Alias):
                entity = memory.keys.get(fuller.id) or _Entity(fuller.name, fuller.type, "alias_table", fuller.id,
                                                               alias=fuller)
                self._remember(entity, [fuller.id], _type_descriptors(entity.type, fuller), memory, person=False)
                self._assign(i, entity, "antecedent", kinds, names, methods, keys)
                return
        names[i] = None
        if mention.plural:
            memory.group = (kind, None)
        elif kind == "document":
            memory.thing = (kind, None)

    def _pronoun(self, i: int, mention: _Mention, memory: _Memory, kinds: list[str], names: list[str | None],
                 methods: list[str | None], keys: list[str | None]) -> None:
        word = mention.head
        if word in _PERSON_PRONOUNS:
            want = mention.gender
            # The nearest of its gender, else the nearest of unknown gender; never the other gender.
            entity = memory.by_gender.get(want) or memory.by_gender.get(None) if want else memory.by_gender.get("any")
            if entity is not None:
                self._assign(i, entity, "pronoun", kinds, names, methods, keys)
                kinds[i] = "named_person"
            else:
                names[i] = None
            return
        nearest = memory.thing if word in _THING_PRONOUNS else memory.group
        if nearest is None:
            names[i] = None
            return
        kind, entity = nearest
        if entity is None:
            kinds[i], names[i] = kind, None
        else:
            self._assign(i, entity, "pronoun", kinds, names, methods, keys)


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


def _offset(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


def name_mentions(article_ids: Sequence[str], spans: Sequence[str], kinds: Sequence[str],
                  names: Sequence[str | None], *, texts: dict[str, str] | None = None,
                  ends: Sequence[object] | None = None, starts: Sequence[object] | None = None,
                  aliases: AliasTable,
                  languages: dict[str, str] | None = None,
                  normalize: Callable[[str, str], str] | None = None
                  ) -> tuple[list[str], list[str | None], list[str | None], list[str | None]]:
    """Resolve each source to one canonical name within its article.

    Rows are taken in the given order (the extractor's, which is the text's)
    within each article.

    Args:
        article_ids, spans, kinds, names: per row, its article, source span,
            type and the name typing gave (``type_sources``).
        texts: article id -> text, to read acronyms and appositives after a span.
        ends, starts: per row, where its span ends and starts in the text.
        aliases: the alias table (:func:`analysis.sources.aliases.load_aliases`).
        languages: article id -> language code, passed to ``normalize``.
        normalize: ``(name, language) -> name``, called on every name a span
            gives before it is looked up (put an inflected name in the
            nominative); none by default.

    Returns:
        ``(types, names, methods, keys)`` per row; ``keys`` holds the alias
        table's or the registry's id where the source has one.

    >>> from analysis.sources.aliases import load_aliases
    >>> t, n, m, k = name_mentions(["a"] * 3, ["The Syrian Observatory for Human Rights", "the monitoring group", "It"],
    ...     ["named_organization", "named_organization", "unknown"], ["Syrian Observatory for Human Rights", None, None],
    ...     aliases=load_aliases())
    >>> n, m
    (['Syrian Observatory for Human Rights', 'Syrian Observatory for Human Rights', 'Syrian Observatory for Human Rights'], ['alias_table', 'antecedent', 'pronoun'])
    """
    kinds, names = list(kinds), list(names)
    methods: list[str | None] = [None] * len(kinds)
    keys: list[str | None] = [None] * len(kinds)
    by_article: dict[str, list[int]] = {}
    for i, article in enumerate(article_ids):
        by_article.setdefault(article, []).append(i)
    ends = list(ends) if ends is not None else [None] * len(kinds)
    ends = [_offset(e) for e in ends]
    starts = [_offset(e) for e in starts] if starts is not None else [None] * len(kinds)
    texts = texts or {}
    languages = languages or {}
    namer = _Namer(aliases, normalize)
    for article, rows in by_article.items():
        namer.article(rows, spans, kinds, names, methods, keys, texts.get(article), ends, languages.get(article, "en"),
                      starts)
    return kinds, names, methods, keys
