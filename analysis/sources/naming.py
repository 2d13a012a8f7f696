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

In the kit's other languages a later mention may also be a first name
("пан Степан", "Ольга Петрівна"), a role word the article gave a person
("директора"), a kin word ("Мама") or a span opening on a pronoun ("Згодом
він"); a role followed by a name set off by commas is that name's bearer.

An indefinite mention ("a senior Hamas official", "an agency") introduces a
new source and is never merged into a named one. Each lookup is a dictionary
access, so an article is named in time linear in its number of sources.

Every name says how it was found (``name_method``, :data:`NAME_METHODS`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from analysis.schema import MEDIA_TYPES
from analysis.sources.aliases import Alias, AliasTable, fold, slug
from analysis.sources.mentions import (
    _ACRONYM_AFTER,
    _APPOSITIVE,
    _NAME_AFTER,
    _PERSON_PRONOUNS,
    _STOPWORDS,
    _THING_PRONOUNS,
    _Mention,
    _acronym,
    _first_name_gender,
    _fuller_name,
    _is_cap,
    _mention,
    _occurrences,
    _person_keys,
    _phrases,
    _type_descriptors,
)
from analysis.sources.languages import (TYPING_LANGUAGES, full_names_by_first, load_typing_lexicon, people_by_role,
                                       person_cue)
from analysis.sources.morphology import is_first_name, nominative_name
from analysis.sources.registry import default_index
from analysis.sources.rules import _DETERMINERS, _QUOTES, words_of

#: How a ``source_name`` was found: the media registry (or the publisher), the
#: shipped alias table, the researcher's own alias table, the span itself, an
#: earlier mention in the same article, a pronoun's antecedent, a merge of
#: names across the corpus (:func:`analysis.sources.identity.merge_corpus_names`).
NAME_METHODS = ("registry", "alias_table", "user_alias", "span", "antecedent", "pronoun", "corpus_merge")

@dataclass
class _Entity:
    """A source named in an article."""

    name: str
    type: str
    method: str
    key: str | None = None  # alias-table or registry id when it has one
    gender: str | None = None
    alias: Alias | None = None


@dataclass
class _Memory:
    """What one article has named so far; every lookup is a dictionary access."""

    keys: dict[str, _Entity] = field(default_factory=dict)
    by_word: dict[str, _Entity] = field(default_factory=dict)
    by_descriptor: dict[str, tuple[_Entity, bool]] = field(default_factory=dict)  # (entity, is a person)
    by_gender: dict[str | None, _Entity] = field(default_factory=dict)
    thing: tuple[str, _Entity | None] | None = None  # nearest organisation, medium or document
    group: tuple[str, _Entity | None] | None = None  # nearest organisation or group of people
    medium: _Entity | None = None  # the medium named last (read in the kit's other languages)


#: A name of two to four words right after a span, in any script: ", Jean Dupont,", ", Олег Бондар —".
_NAME_AFTER_ANY = re.compile(r",\s+((?:[^\W\d_][\w'’.-]*\s+){1,3}[^\W\d_][\w'’-]+)\s*[,—–(]")
#: An appositive right after a span: ", депутат міської ради,".
_ASIDE = re.compile(r",\s+([^,.;:!?()«»\"“”]{3,60}?)\s*[,—–)]")

#: How a pronoun of another language's list (``data/languages/<xx>/typing/pronouns.csv``) is read:
#: a person pronoun as the nearest earlier person of any gender, a group one as "they".
_AS_ENGLISH = {"person": "i", "group": "they"}


def _mention_in(span: str, kind: str, name: str | None, language: str) -> _Mention:
    """:func:`_mention` of a span in another language: its pronouns ("він", "sie", "il") read as English ones."""
    pronoun = load_typing_lexicon(language).pronouns.get(span.strip(_QUOTES).lower()) if language in TYPING_LANGUAGES else None
    return _mention(_AS_ENGLISH[pronoun] if pronoun in _AS_ENGLISH else span, kind, name)


def _remember_first_name(entity: _Entity, memory: _Memory, language: str) -> None:
    """Let a person's first name alone name them later ("пан Степан" after "Степан Гнатюк")."""
    words = entity.name.split()
    if len(words) >= 2 and is_first_name(words[0], language):
        memory.keys["first:" + fold(words[0])] = entity


class _Namer:
    """The in-article naming of one table's rows."""

    def __init__(self, aliases: AliasTable, normalize: Callable[[str, str], str] | None) -> None:
        self.aliases = aliases
        self.normalize = normalize

    def article(self, rows: list[int], spans: Sequence[str], kinds: list[str], names: list[str | None],
                methods: list[str | None], keys: list[str | None], text: str | None,
                ends: Sequence[object], language: str, starts: Sequence[object] | None = None) -> None:
        memory = _Memory()
        other = language != "en" and language in TYPING_LANGUAGES
        for i in rows:
            if other and self._refers_back(i, spans[i], language, memory, kinds, names, methods, keys, text, ends[i],
                                           starts[i] if starts is not None else None):
                continue
            self._row(i, spans, kinds, names, methods, keys, text, ends, language, starts, memory)
            if other:
                self._note(i, spans[i], language, memory, kinds, names, keys, text, ends[i])

    def _row(self, i: int, spans: Sequence[str], kinds: list[str], names: list[str | None],
             methods: list[str | None], keys: list[str | None], text: str | None,
             ends: Sequence[object], language: str, starts: Sequence[object] | None, memory: _Memory) -> None:
        """Name row ``i`` from its span and what ``memory`` holds."""
        kind, name = kinds[i], names[i]
        mention = _mention(spans[i], kind, name) if language == "en" else _mention_in(spans[i], kind, name, language)
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
                return
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

    def _refers_back(self, i: int, span: str, language: str, memory: _Memory, kinds: list[str],
                     names: list[str | None], methods: list[str | None], keys: list[str | None],
                     text: str | None = None, end: object = None, start: object = None) -> bool:
        """Name a span of another language that refers back to a person named before; whether it did.

        A first name alone ("пан Степан", "Ольга Петрівна") is the person
        of that first name; a role word without a name ("директор", "мера",
        "Лікар") the person the article gave that role; a kin or life-role
        word ("Мама", "чоловік", "Гість") the person named last, unless a
        possessive makes it someone else's ("haar moeder"); a span that opens
        or ends on a person pronoun ("Згодом він") the person named last.
        """
        kind, name = kinds[i], names[i]
        if kind in MEDIA_TYPES and name is None and memory.medium is not None:
            # "издание", "видання", "de krant" without a name: the medium named last.
            self._assign(i, memory.medium, "antecedent", kinds, names, methods, keys)
            return True
        if kind not in ("named_person", "unnamed_official", "anonymous", "unknown"):
            return False
        cue = person_cue(span, language)
        entity, method = None, "antecedent"
        named = (_NAME_AFTER_ANY.match(text, end) if kind == "unnamed_official" and name is None and text
                 and isinstance(end, int) else None)
        if named and all(w[:1].isupper() for w in named.group(1).split()):
            # "L'ancien porte-parole de la mission, Jean Dupont, a dit": the name after the role is its bearer's.
            self._assign(i, self._person(nominative_name(named.group(1), language), memory, language, "span"),
                         "span", kinds, names, methods, keys)
            return True
        if cue.first_name and kind == "named_person":
            entity = memory.keys.get("first:" + fold(cue.first_name))
            full = full_names_by_first(text, language).get(cue.first_name) if entity is None and text else None
            if full is not None:
                entity = self._person(full, memory, language)  # named in full elsewhere in the text, not as a source
        elif name is None and cue.role and not cue.plural:
            found = memory.by_descriptor.get("role:" + cue.role)
            entity = found[0] if found is not None and found[1] else None
            if entity is None and cue.kind != "people" and text:
                entity = self._role_in_text(cue.role, text, language, start, memory)
            if entity is None and cue.kind == "people" and not cue.possessive:
                entity = memory.by_gender.get("any")
        elif cue.pronoun and not cue.role and kind in ("named_person", "unknown") and (
                name is None or fold(name) not in memory.keys):
            entity, method = memory.by_gender.get("any"), "pronoun"
            if entity is None:
                kinds[i], names[i], methods[i], keys[i] = "named_person", None, None, None
                return True
        if entity is None:
            return False
        self._assign(i, entity, method, kinds, names, methods, keys)
        return True

    def _role_in_text(self, role: str, text: str, language: str, start: object, memory: _Memory) -> _Entity | None:
        """The person the text names right after ``role`` outside any attribution ("мер міста Геннадій Бондар").

        The last one before the span; with none before, the only one the text gives that role.
        """
        named = [(at, name) for at, r, name in people_by_role(text, language) if r == role]
        before = [name for at, name in named if isinstance(start, int) and at < start]
        if before:
            name = before[-1]
        elif len({name for _, name in named}) == 1:
            name = named[0][1]
        else:
            return None
        return self._person(name, memory, language)

    def _person(self, name: str, memory: _Memory, language: str, method: str = "antecedent") -> _Entity:
        """The person of full name ``name``, remembered (anew, if the article named nobody so) as the one named last."""
        entity = memory.keys.get(fold(name)) or _Entity(name, "named_person", method, gender=_first_name_gender(name))
        self._remember(entity, _person_keys(entity.name), frozenset(), memory, person=True)
        _remember_first_name(entity, memory, language)
        return entity

    @staticmethod
    def _note(i: int, span: str, language: str, memory: _Memory, kinds: list[str], names: list[str | None],
              keys: list[str | None], text: str | None, end: object) -> None:
        """Remember the medium, or the role and first name of the person, just named, for :meth:`_refers_back`."""
        name = names[i]
        if kinds[i] in MEDIA_TYPES and name:
            memory.medium = memory.keys.get(fold(name)) or _Entity(name, kinds[i], "registry", keys[i])
            return
        if kinds[i] != "named_person" or not name:
            return
        entity = memory.keys.get(fold(name))
        if entity is None or entity.type != "named_person":
            return
        _remember_first_name(entity, memory, language)
        cues = [person_cue(span, language)]
        if text and isinstance(end, int):
            # "Олег Бондар, депутат міської ради, ...": the appositive gives the role too.
            aside = _ASIDE.match(text, end)
            if aside:
                cues.append(person_cue(aside.group(1), language))
        for cue in cues:
            # Kin words tell how a person stands to another ("De vader van Anna Jansen"), not a role of theirs.
            if cue.role and cue.kind != "people":
                memory.by_descriptor["role:" + cue.role] = (entity, True)

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
