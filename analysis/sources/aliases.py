"""The alias table: one canonical name and one stable key per well-known source.

``data/sources/aliases.csv`` (see ``data/sources/README.md``) lists states and
their governments ("the United States", "the US", "Washington"),
international bodies, armed forces, ministries and well-known organisations,
each with its type, its kind and the descriptors that can refer back to it
("the monitoring group"). Ministries and armed forces of every state in the
table are also found from their usual phrasings ("Russia's defence ministry",
"the Syrian army") through ``portfolios.csv``. Media are in the registry, not
here. A researcher's own table (``--aliases my-aliases.csv``, same columns,
only ``name`` and ``aliases`` required) is laid over the shipped one: its
forms win.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.config import ALIASES_PATH, DESCRIPTORS_PATH, PORTFOLIOS_PATH
from analysis.schema import SOURCE_TYPES, require_columns

ALIAS_COLUMNS = ("id", "name", "aliases", "type", "kind", "country", "adjectives", "descriptors")
#: Kinds of entry the shipped table uses (a user's table may add others).
ALIAS_KINDS = ("state", "international_body", "armed_forces", "ministry", "organization", "armed_group", "company",
               "government_office")
_SPACES = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_NON_KEY = re.compile(r"[^0-9a-z]+")
# Short capitals ("US", "IS", "PA") are matched with their case only: "us" and "is" are words.
_EXACT_CASE = re.compile(r"^[A-Z]{2,4}$")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """A name folded for lookup: no quotes, no leading "the", one space between words, lower case.

    >>> fold(" the  United States ")
    'united states'
    """
    text = _SPACES.sub(" ", text.strip(" \t\n\"'“”‘’,.")).replace("’", "'")
    return _LEADING_THE.sub("", text).lower()


def slug(text: str) -> str:
    """A name as the tail of a ``source_id``: lower-case ASCII letters and digits joined by hyphens.

    >>> slug("Rami Abdel Rahman"), slug("Al-Qaeda")
    ('rami-abdel-rahman', 'al-qaeda')
    """
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_KEY.sub("-", ascii_text.lower()).strip("-") or "x"


@dataclass(frozen=True)
class Alias:
    """One entry of the alias table."""

    id: str
    name: str
    type: str
    kind: str
    country: str = ""
    descriptors: frozenset[str] = frozenset()
    user: bool = False


def _split(value: object) -> list[str]:
    if not isinstance(value, str):
        return []
    return [v.strip() for v in value.split("|") if v.strip()]


def read_alias_table(path: Path | str = ALIASES_PATH, *, user: bool = False) -> pd.DataFrame:
    """Read and check an alias table.

    A user's table needs only ``name`` (and usually ``aliases``); ``id``
    defaults to ``user:<name>``, ``type`` to ``named_organization``.

    Raises:
        ValueError: on a missing column, an empty name, an unknown type, or a
            form given to two entries, naming the file and row.

    >>> read_alias_table().set_index("id").loc["state:us", "name"]
    'United States'
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"alias table {path} not found")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    require_columns(table, ["name", "aliases"] if user else list(ALIAS_COLUMNS), table=path.name)
    table = table.copy()
    for column in ALIAS_COLUMNS:
        if column not in table.columns:
            table[column] = ""
    table["name"] = table["name"].str.strip()
    empty = table["name"] == ""
    if empty.any():
        raise ValueError(f"{path.name} row {int(empty.to_numpy().nonzero()[0][0]) + 2}: field 'name' is empty")
    table["id"] = [i.strip() or f"user:{slug(n)}" for i, n in zip(table["id"], table["name"])]
    table["type"] = [t.strip() or "named_organization" for t in table["type"]]
    bad = ~table["type"].isin(SOURCE_TYPES)
    if bad.any():
        row = int(bad.to_numpy().nonzero()[0][0])
        raise ValueError(f"{path.name} row {row + 2}: field 'type' is {table['type'].iloc[row]!r}, "
                         f"not one of {SOURCE_TYPES}")
    seen: dict[str, tuple[str, int]] = {}
    for row, (entry, name, aliases) in enumerate(zip(table["id"], table["name"], table["aliases"])):
        for form in [name, *_split(aliases)]:
            key = form if _EXACT_CASE.match(form) else fold(form)
            if key in seen and seen[key][0] != entry:
                raise ValueError(f"{path.name} row {row + 2}: field 'aliases' gives {form!r}, "
                                 f"already a form of {seen[key][0]!r} (row {seen[key][1] + 2})")
            seen[key] = (entry, row)
    return table


class AliasTable:
    """Forms -> :class:`Alias`, with the ministries and armed forces of the table's states.

    >>> table = load_aliases()
    >>> [table.lookup(s).name for s in ("the US", "Washington", "Russia's defence ministry", "SOHR")]
    ['United States', 'United States', 'Russian Ministry of Defence', 'Syrian Observatory for Human Rights']
    >>> table.lookup("us") is None, table.lookup("Russias defence ministry").id
    (True, 'ministry:ru-defence')
    """

    def __init__(self, entries: dict[str, Alias], folded: dict[str, str], exact: dict[str, str],
                 adjectives: frozenset[str] = frozenset()) -> None:
        self.entries = entries
        self._folded = folded
        self._exact = exact
        #: The states' adjectives ("Syrian", "US"): before a name they describe it and are no part of it.
        self.adjectives = adjectives

    @classmethod
    def from_frame(cls, table: pd.DataFrame, *, user: bool = False,
                   portfolios: pd.DataFrame | None = None) -> "AliasTable":
        """Build the index of an alias table (as :func:`read_alias_table` gives)."""
        entries: dict[str, Alias] = {}
        folded: dict[str, str] = {}
        exact: dict[str, str] = {}
        generated: list[tuple[str, str, Alias]] = []
        adjectives: set[str] = set()
        for row in table.itertuples(index=False):
            alias = Alias(row.id, row.name, row.type, row.kind or "organization", row.country,
                          frozenset(d.lower() for d in _split(row.descriptors)), user)
            entries[alias.id] = alias
            for form in [row.name, *_split(row.aliases)]:
                (exact if _EXACT_CASE.match(form) else folded)[form if _EXACT_CASE.match(form) else fold(form)] = alias.id
            if row.kind == "state":
                adjectives.update(_split(row.adjectives))
            if row.kind == "state" and portfolios is not None:
                generated += _state_forms(row, _split(row.adjectives), portfolios)
        # Generated phrasings fill gaps only: a row of the table wins.
        for form, entry_id, alias in generated:
            entries.setdefault(entry_id, alias)
            folded.setdefault(fold(form), entry_id)
        return cls(entries, folded, exact, frozenset(adjectives))

    def lookup(self, text: str) -> Alias | None:
        """The entry a phrase names, or ``None``."""
        if not text:
            return None
        stripped = _LEADING_THE.sub("", text.strip(" \t\n\"'“”‘’,."))
        entry = self._exact.get(stripped) or self._folded.get(fold(stripped))
        if entry is None:
            # A possessive whose apostrophe a corpus dropped: "Russias defence ministry".
            first, _, rest = stripped.partition(" ")
            if rest and first.endswith("s") and fold(first[:-1]) in self._folded:
                entry = self._folded.get(fold(f"{first[:-1]}'s {rest}"))
        return self.entries[entry] if entry else None

    def overlaid(self, other: "AliasTable") -> "AliasTable":
        """This table with ``other``'s entries and forms on top (``other`` wins)."""
        return AliasTable({**self.entries, **other.entries}, {**self._folded, **other._folded},
                          {**self._exact, **other._exact}, self.adjectives | other.adjectives)

    def __len__(self) -> int:
        return len(self.entries)


def _state_forms(row: object, adjectives: list[str], portfolios: pd.DataFrame) -> list[tuple[str, str, Alias]]:
    """The ministry and armed-forces phrasings of one state row."""
    name, code = row.name, row.country.lower()
    adjectives = adjectives or [name]
    adjective = adjectives[0]
    out: list[tuple[str, str, Alias]] = []
    for portfolio, forms in zip(portfolios["portfolio"], portfolios["forms"]):
        entry_id = f"ministry:{code}-{slug(portfolio)}"
        alias = Alias(entry_id, f"{adjective} Ministry of {portfolio}", "named_organization", "ministry", row.country,
                      frozenset({"ministry"}))
        for form in _split(forms):
            phrases = [f"{name}'s {form} ministry", f"{name} {form} ministry", f"ministry of {form} of {name}",
                       f"{name}'s ministry of {form}"]
            for adj in adjectives:
                phrases += [f"{adj} {form} ministry", f"{adj} ministry of {form}"]
            out += [(phrase, entry_id, alias) for phrase in phrases]
    entry_id = f"forces:{code}"
    alias = Alias(entry_id, f"{adjective} Armed Forces", "named_organization", "armed_forces", row.country,
                  frozenset({"army", "military", "forces"}))
    for adj in adjectives:
        out += [(f"{adj} {noun}", entry_id, alias) for noun in ("army", "military", "armed forces", "forces", "troops")]
    out += [(f"{name}'s {noun}", entry_id, alias) for noun in ("army", "military", "armed forces")]
    return out


@lru_cache(maxsize=8)
def _shipped(path: str) -> AliasTable:
    portfolios = pd.read_csv(PORTFOLIOS_PATH, dtype=str, keep_default_na=False)
    require_columns(portfolios, ["portfolio", "forms"], table=PORTFOLIOS_PATH.name)
    return AliasTable.from_frame(read_alias_table(path), portfolios=portfolios)


@lru_cache(maxsize=8)
def _user(path: str, mtime: float) -> AliasTable:
    return AliasTable.from_frame(read_alias_table(path, user=True), user=True)


def load_aliases(extra: Path | str | None = None, *, path: Path | str = ALIASES_PATH) -> AliasTable:
    """The shipped alias table, with a researcher's own table laid over it.

    Args:
        extra: a CSV with ``name`` and ``aliases`` (``|``-separated), and
            optionally ``id``, ``type``, ``kind``, ``descriptors``; its forms
            win over the shipped ones (``--aliases`` on the command line).
        path: the shipped table.

    >>> len(load_aliases()) > 100
    True
    """
    table = _shipped(str(path))
    if extra is None:
        return table
    extra = Path(extra)
    if not extra.is_file():
        raise FileNotFoundError(f"alias table {extra} not found")
    return table.overlaid(_user(str(extra.resolve()), extra.stat().st_mtime))


@lru_cache(maxsize=2)
def load_descriptors(path: Path | str = DESCRIPTORS_PATH) -> dict[str, frozenset[str]]:
    """Kind or source type -> the descriptors that can refer back to it ("the agency" to a news agency).

    >>> "agency" in load_descriptors()["news_agency"]
    True
    """
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    require_columns(table, ["descriptor", "applies_to"], table=Path(path).name)
    out: dict[str, set[str]] = {}
    for descriptor, applies in zip(table["descriptor"], table["applies_to"]):
        out.setdefault(applies.strip(), set()).add(descriptor.strip().lower())
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=2)
def portfolio_words(path: Path | str = PORTFOLIOS_PATH) -> frozenset[str]:
    """The capitalised words of ministerial portfolios ("Foreign", "Affairs", "State"): never a person's name.

    >>> "Affairs" in portfolio_words()
    True
    """
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    words = {w.capitalize() for forms in table["forms"] for form in _split(forms) for w in form.split()
             if w not in ("and", "of")}
    return frozenset(words | {"State", "Home", "Foreign", "Affairs", "Public", "Security", "Defense"})
