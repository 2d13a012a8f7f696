"""Who the sources are: the media registry, source typing, canonical names and relay chains.

Public API: :func:`classify_sources`, :func:`type_source`, :func:`type_sources`,
:func:`relay_chains`, :func:`summarize_chains`, :func:`publisher_names`,
:func:`head_noun`, :func:`words_of`, :func:`load_registry`,
:class:`MediaIndex`, :func:`default_index`, :func:`normalize_name`,
:class:`SourceTyper`, :func:`load_typer`, :func:`train_typer`; naming:
:func:`name_mentions` (one name per source within an article),
:func:`load_aliases` and :class:`AliasTable` (the alias table),
:func:`merge_corpus_names` and :func:`source_id` (one key per source across a corpus),
:data:`NAME_METHODS`; in the kit's other languages :func:`type_in_language`
(their word lists) and :func:`nominative_name` (a person's name in the nominative).
"""

from analysis.sources.aliases import AliasTable, load_aliases
from analysis.sources.chains import relay_chains, summarize_chains
from analysis.sources.classify import classify_sources, head_noun, publisher_names, type_source, type_sources
from analysis.sources.identity import merge_corpus_names, source_id
from analysis.sources.languages import type_in_language
from analysis.sources.morphology import nominative_name
from analysis.sources.naming import NAME_METHODS, name_mentions
from analysis.sources.registry import MediaIndex, default_index, load_registry, normalize_name
from analysis.sources.rules import words_of
from analysis.sources.typer import SourceTyper, load_typer, train_typer

__all__ = [
    "NAME_METHODS",
    "AliasTable",
    "MediaIndex",
    "SourceTyper",
    "classify_sources",
    "default_index",
    "head_noun",
    "load_aliases",
    "load_registry",
    "load_typer",
    "merge_corpus_names",
    "name_mentions",
    "nominative_name",
    "normalize_name",
    "publisher_names",
    "relay_chains",
    "source_id",
    "summarize_chains",
    "train_typer",
    "type_in_language",
    "type_source",
    "type_sources",
    "words_of",
]
