"""Tell a reported clause from a noun phrase, without a tagger.

A reporting verb that can also take a noun object reports nothing when it
does: "Carolina added three more goals", "al-Shabaab claimed responsibility",
"the company reported a 30 per cent drop in profit". A reader hears an
attribution only when a clause follows ("the coach added that the team was
tired"). The words that decide are listed in ``data/lexicons/clauses.csv``:

* ``finite``: auxiliaries, modals and common irregular past forms ("would",
  "was", "rose"); a run of words holding one is a clause;
* ``opener``: words that open a clause whatever follows ("whether", "how");
* ``subject``: pronouns whose next word is a verb ("he hid", "they include"),
  also when the verb is clitic ("he's", "there's");
* ``object_verb``: the reporting verbs that also take a noun object;
* ``joiner``: conjunctions that, like the openers, leave a clause open when
  it ends on them ("That's why, according to the agency, ...").

A regular past form ("hid" aside) counts as finite unless a determiner or a
number comes right before it ("three unanswered goals").
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from analysis.config import LEXICON_DIR

__all__ = ["is_clause", "is_open_ended", "opens_on_verb", "takes_object"]

_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d.,]*")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})
_QUOTES = "\"“”‘’'«»„"
# Words before an -ed form that make it an adjective ("the injured man", "more unanswered goals").
_BEFORE_ADJECTIVE = frozenset("a an the this these those more most very his her its their our my your some any no "
                              "another every each newly well".split())


@lru_cache(maxsize=1)
def _roles() -> dict[str, frozenset[str]]:
    roles: dict[str, set[str]] = {}
    with (LEXICON_DIR / "clauses.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            roles.setdefault(row["role"], set()).add(row["word"].lower())
    return {role: frozenset(words) for role, words in roles.items()}


def takes_object(verb: str) -> bool:
    """Whether the reporting verb ``verb`` can also take a noun object ("added three goals").

    >>> takes_object("added"), takes_object("said")
    (True, False)
    """
    return verb.lower() in _roles()["object_verb"]


def is_clause(text: str) -> bool:
    """Whether ``text`` reads as a clause (or a quotation) rather than a noun phrase.

    >>> is_clause("three more unanswered goals before the end of the period")
    False
    >>> is_clause("the infrastructure program would raise GDP")
    True
    >>> is_clause("he's able to immerse himself in the moment")
    True
    """
    text = text.strip()
    if not text or text[0] in _QUOTES:
        return True
    words = [w.lower() for w in _WORD.findall(text.translate(_APOSTROPHES))]
    if not words:
        return True
    roles = _roles()
    finite, subject = roles["finite"], roles["subject"]
    if words[0] in roles["opener"]:
        return True
    for i, word in enumerate(words):
        if word in finite:
            return True
        if "'" in word and word.split("'")[0] in subject:
            return True  # "he's", "there's", "they'd"
        if i == 0:
            continue
        before = words[i - 1]
        if before in subject and before != "that":
            return True  # "they include", "he hid"
        if (word.endswith("ed") and len(word) > 3 and before not in _BEFORE_ADJECTIVE
                and not before[0].isdigit()):
            return True
    return False


def is_open_ended(text: str) -> bool:
    """Whether ``text`` ends on a word that opens a clause still to come ("That's a key reason why").

    >>> is_open_ended("That is why"), is_open_ended("Prices rose")
    (True, False)
    """
    words = _WORD.findall(text.translate(_APOSTROPHES))
    if not words:
        return False
    roles = _roles()
    last = words[-1].lower()
    return last in roles["opener"] or last in roles["joiner"]


def opens_on_verb(text: str) -> bool:
    """Whether ``text`` starts with a finite verb, so its subject came before it ("[The man,] was armed").

    >>> opens_on_verb("was armed"), opens_on_verb("the vote was close")
    (True, False)
    """
    words = _WORD.findall(text.translate(_APOSTROPHES))
    if not words:
        return False
    first = words[0].lower()
    return first in _roles()["finite"] or (first.endswith("ed") and len(first) > 3)
