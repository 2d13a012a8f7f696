"""From an articles table to an attributions table."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

import pandas as pd

from analysis.extract.hybrid import CONVENTIONS, merge
from analysis.extract.languages import load_language, supported_languages
from analysis.extract.multilingual import Engine, Found
from analysis.text.lexicons import load_lexicons
from analysis.extract.rules import Candidate, RuleExtractor
from analysis.text.tokens import parse
from analysis.gc_pause import paused_gc
from analysis.schema import ATTRIBUTIONS, conform, require_columns, validate_articles
from analysis.sources.registry import default_index

if TYPE_CHECKING:  # the model module imports this package's parser: no import at run time
    from analysis.models.attribution import AttributionModel

#: Articles parsed and scored together by :func:`extract_attributions`.
BATCH = 500


@lru_cache(maxsize=8)
def _extractor(outlets: frozenset[str]) -> RuleExtractor:
    """An extractor whose media index also knows the corpus's own outlets."""
    base = default_index()
    extra = {o: "online_media" for o in outlets if base.resolve(o) is None}
    media = base if not extra else base.with_extra(extra)
    return RuleExtractor(load_lexicons(), media)


def _model():
    """The shipped learned model, or ``None`` (rules only) with a warning, once per process."""
    from analysis.models.attribution import load_model

    return load_model()


def _find(doc, rules: RuleExtractor, model, convention: str) -> list[Candidate]:
    return merge(doc, rules.find(doc), model, rules, convention=convention)


def find_attributions(text: str, *, outlets: Iterable[str] = (), convention: str = "sourcescope") -> list[Candidate]:
    """The attributions in one text, as :class:`~analysis.extract.rules.Candidate` records.

    Args:
        text: the article text.
        outlets: publisher names the text may cite itself by.
        convention: ``"sourcescope"`` or ``"polnear"`` (see :mod:`analysis.extract.hybrid`).

    >>> [c.source for c in find_attributions("A senior official told Reuters the talks failed.")]
    [(0, 17)]
    """
    if convention not in CONVENTIONS:
        raise ValueError(f"convention must be one of {CONVENTIONS}, got {convention!r}")
    return _find(parse(text), _extractor(frozenset(outlets)), _model(), convention)


#: The columns :func:`_add_rows` fills, in the order of :data:`analysis.schema.ATTRIBUTIONS`.
_ROW_COLUMNS = ("article_id", "attribution_id", "source_text", "source_start", "source_end", "cue_text", "cue_start",
                "cue_end", "content_start", "content_end", "quote_kind", "via", "sentence_index")


def _add_rows(columns: dict[str, list], article_id: str, text: str, candidates: list[Candidate]) -> None:
    """Append one article's attributions to ``columns`` (column name -> values).

    Built column by column: a frame is made from lists much faster than from a dict per row.
    """
    for n, c in enumerate(candidates):
        columns["article_id"].append(article_id)
        columns["attribution_id"].append(f"{article_id}:{n}")
        source = c.source
        columns["source_text"].append(text[source[0]: source[1]] if source else None)
        columns["source_start"].append(source[0] if source else None)
        columns["source_end"].append(source[1] if source else None)
        cue = c.cue  # None: a quotation continuing its speaker's, with no cue of its own
        columns["cue_text"].append(text[cue[0]: cue[1]] if cue else None)
        columns["cue_start"].append(cue[0] if cue else None)
        columns["cue_end"].append(cue[1] if cue else None)
        columns["content_start"].append(c.content[0] if c.content else None)
        columns["content_end"].append(c.content[1] if c.content else None)
        columns["quote_kind"].append(c.quote_kind)
        columns["via"].append(c.via)
        columns["sentence_index"].append(c.sentence)


@lru_cache(maxsize=16)
def _engine(language: str, outlets: frozenset[str]) -> Engine:
    """The rule engine of one language other than English, with the corpus's outlets as media."""
    return Engine(load_language(language), _extractor(outlets).media)


def _add_found(columns: dict[str, list], article_id: str, text: str, found: list[Found]) -> None:
    """Append one article's attributions found by the rule engine (a row may have no cue)."""
    for n, f in enumerate(found):
        columns["article_id"].append(article_id)
        columns["attribution_id"].append(f"{article_id}:{n}")
        for name, span in (("source", f.source), ("cue", f.cue)):
            columns[f"{name}_text"].append(text[span[0]: span[1]] if span else None)
            columns[f"{name}_start"].append(span[0] if span else None)
            columns[f"{name}_end"].append(span[1] if span else None)
        columns["content_start"].append(f.content[0] if f.content else None)
        columns["content_end"].append(f.content[1] if f.content else None)
        columns["quote_kind"].append(f.quote_kind)
        columns["via"].append(f.via)
        columns["sentence_index"].append(f.sentence)


@paused_gc()
def extract_attributions(articles: pd.DataFrame, *, convention: str = "sourcescope",
                         model: AttributionModel | None = None) -> pd.DataFrame:
    """Find every cited source in every article, in the article's ``language``.

    English (``"en"``, the default when the column is missing) goes to the
    English extractor: rules propose the wire formulas and a model learned from annotated news
    (PolNeAR) finds the other cues and sets span boundaries; without the
    model file the rules work alone (with a warning).

    Args:
        articles: an articles table (needs ``article_id`` and ``text``; ``outlet``
            lets the extractor recognise the publisher naming itself).
        convention: ``"sourcescope"`` (default) counts cited sources and spans
            them by name ("BBC", "Mara Quennell"); ``"polnear"`` follows the
            PolNeAR annotation: stance and action cues too, and whole noun
            phrases ("the BBC", "Mara Quennell, the chief executive,"), and
            cues whose sentence names no source ("A curfew was announced"),
            with empty ``source_*`` fields. See :mod:`analysis.extract.hybrid`.
        model: a fitted :class:`~analysis.models.attribution.AttributionModel`
            to use instead of the shipped one (say, one refitted on your own
            annotation, or on part of PolNeAR train for
            :func:`analysis.evaluate.learning_curve`); English only.

    Returns:
        The attributions table (:data:`analysis.schema.ATTRIBUTIONS`), one row per
        cited source; ``source_type`` and ``source_name`` are left empty for
        :func:`analysis.sources.classify_sources`. ``via`` holds the canonical name
        of a relaying medium where the text names one.

    >>> arts = pd.DataFrame({"article_id": ["a1"], "text": ["The talks failed, Reuters reported."]})
    >>> extract_attributions(arts)[["source_text", "cue_text", "quote_kind"]].values.tolist()
    [['Reuters', 'reported', 'indirect']]
    >>> uk = pd.DataFrame({"article_id": ["u1"], "language": ["uk"],
    ...                    "text": ["Переговори зірвалися, повідомляє Reuters."]})
    >>> extract_attributions(uk)[["source_text", "cue_text", "quote_kind"]].values.tolist()
    [['Reuters', 'повідомляє', 'indirect']]
    """
    require_columns(articles, ["article_id", "text"], table="articles")
    if convention not in CONVENTIONS:
        raise ValueError(f"convention must be one of {CONVENTIONS}, got {convention!r}")
    articles = validate_articles(articles)
    outlets = frozenset(articles["outlet"].dropna().astype(str)) if "outlet" in articles else frozenset()
    extractor = _extractor(outlets)
    if model is None:
        model = _model()
    else:
        from sklearn.utils.validation import check_is_fitted

        check_is_fitted(model, "cue_")  # NotFittedError (a ValueError) before any work
    columns: dict[str, list] = {name: [] for name in _ROW_COLUMNS}
    # A missing language is read as English, as before languages were told apart.
    languages = articles["language"].fillna("en").astype(str).tolist()
    english = [n for n, lang in enumerate(languages) if lang == "en"]
    ids = [articles["article_id"].iloc[n] for n in english]
    texts = [articles["text"].iloc[n] for n in english]
    # A batch of articles at a time: the model scores a whole batch in one go,
    # and only one batch of parsed documents is held in memory.
    for at in range(0, len(texts), BATCH):
        docs = [parse(text) for text in texts[at: at + BATCH]]
        found = model.find_many(docs) if model is not None else [None] * len(docs)
        for article_id, doc, learned in zip(ids[at: at + BATCH], docs, found):
            _add_rows(columns, article_id, doc.text, merge(doc, extractor.find(doc), model, extractor,
                                                           convention=convention, found=learned))
    if len(english) < len(languages):
        # The other languages, article by article; a language without resources gives no rows.
        readable = set(supported_languages())
        publishers = articles["outlet"].tolist() if "outlet" in articles else [None] * len(languages)
        for article_id, text, lang, outlet in zip(articles["article_id"].tolist(), articles["text"].tolist(), languages,
                                                  publishers):
            if lang != "en" and lang in readable:
                outlet = None if pd.isna(outlet) else str(outlet)
                _add_found(columns, article_id, text, _engine(lang, outlets).find(text, outlet=outlet))
        if english:
            # Rows in the order of the articles, as for an English corpus.
            order = {a: n for n, a in enumerate(articles["article_id"].tolist())}
            rank = sorted(range(len(columns["article_id"])), key=lambda r: order[columns["article_id"][r]])
            columns = {name: [values[r] for r in rank] for name, values in columns.items()}
    return conform(pd.DataFrame(columns, columns=list(ATTRIBUTIONS)), ATTRIBUTIONS, table="attributions")
