"""Load the word lists in ``data/lexicons`` once per process."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analysis.config import LEXICON_DIR


def read_word_list(path: Path) -> frozenset[str]:
    """Read a one-entry-per-line list, skipping blank lines and ``#`` comments."""
    with path.open(encoding="utf-8") as fh:
        return frozenset(s for line in fh if (s := line.strip()) and not s.startswith("#"))


@dataclass(frozen=True)
class Lexicons:
    """Every list the extractor and classifier use (see ``data/lexicons/README.md``)."""

    cue_verbs: dict[str, str]  # form -> kind
    cue_lemmas: dict[str, str]  # form -> lemma
    cue_phrases: dict[str, str]  # phrase -> kind
    anonymous_heads: frozenset[str]
    anonymous_modifiers: frozenset[str]
    official_roles: frozenset[str]
    person_titles: frozenset[str]
    document_heads: frozenset[str]
    source_modifiers: frozenset[str]
    organization_heads: frozenset[str]
    places: frozenset[str]  # lower-cased
    organizations: frozenset[str]  # lower-cased
    connectives: frozenset[str]  # lower-cased
    non_source_openers: frozenset[str]  # lower-cased
    participles: frozenset[str]  # lower-cased: "adding", "noting"
    cities: frozenset[str] = frozenset()  # lower-cased: places that speak for their authorities, typing only
    media_heads: dict[str, str] = field(default_factory=dict)  # "tv" -> "broadcaster": a medium the registry lacks


@lru_cache(maxsize=2)
def load_lexicons(folder: Path | str = LEXICON_DIR) -> Lexicons:
    """Load the lexicons from ``folder``.

    >>> load_lexicons().cue_verbs["said"]
    'speech'
    """
    folder = Path(folder)
    with (folder / "cue_verbs.csv").open(encoding="utf-8") as fh:
        verbs = list(csv.DictReader(fh))
    with (folder / "cue_phrases.csv").open(encoding="utf-8") as fh:
        phrases = list(csv.DictReader(fh))
    media_heads: dict[str, str] = {}
    if (folder / "media_heads.csv").is_file():
        with (folder / "media_heads.csv").open(encoding="utf-8") as fh:
            media_heads = {r["head"].strip().lower(): r["type"].strip() for r in csv.DictReader(fh)}

    def words(name: str, *, lower: bool = True) -> frozenset[str]:
        items = read_word_list(folder / name)
        return frozenset(w.lower() for w in items) if lower else items

    return Lexicons(
        cue_verbs={r["form"]: r["kind"] for r in verbs},
        cue_lemmas={r["form"]: r["lemma"] for r in verbs},
        cue_phrases={r["phrase"]: r["kind"] for r in phrases},
        anonymous_heads=words("anonymous_heads.txt"),
        anonymous_modifiers=words("anonymous_modifiers.txt"),
        official_roles=words("official_roles.txt"),
        person_titles=words("person_titles.txt", lower=False),
        document_heads=words("document_heads.txt"),
        source_modifiers=words("source_modifiers.txt"),
        organization_heads=words("organization_heads.txt"),
        places=words("places.txt"),
        organizations=words("organizations.txt"),
        connectives=words("connectives.txt"),
        non_source_openers=words("non_source_openers.txt"),
        participles=words("participles.txt"),
        cities=words("cities.txt"),
        media_heads=media_heads,
    )
