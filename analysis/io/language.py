"""The language of each article: given by the input, or detected offline.

Detection uses py3langid (a naive Bayes model over byte n-grams, shipped in
the package: no download) on a sample of the text.
A language the input gives is kept, in the form of its ISO 639-1 code
(``"en-GB"`` → ``"en"``, ``"Ukrainian"`` → ``"uk"``; the names read are in
``data/languages/languages.csv``). ``language_detected`` says which of the two
it was.

Short or garbled texts say little about their language, so the verdict is
guarded (runs of one repeated character are read as one):

* a text mostly in a script none of the kit's languages uses (Arabic, Greek,
  Chinese...) takes the model's first choice: it is in another language;
* with fewer than :data:`MIN_LETTERS` letters, a text in Cyrillic is ranked
  between Ukrainian and Russian, and one in Latin letters is taken as
  English, the kit's default;
* otherwise the model's first choice among its 97 languages is taken when it
  is one of the kit's; another language only with at least
  :data:`MIN_LETTERS_UNSUPPORTED` letters and a confidence of one half or
  more, else the best of the kit's languages: a Spanish article is turned
  away (status ``unsupported_language``, :func:`analysis.io.assign_status`),
  a short or doubtful English one is not.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

import pandas as pd

from analysis.config import LANGUAGES_DIR
from analysis.schema import SUPPORTED_LANGUAGES

__all__ = [
    "MIN_LETTERS",
    "MIN_LETTERS_UNSUPPORTED",
    "SAMPLE_CHARS",
    "add_languages",
    "detect_language",
    "normalize_language",
]

#: Characters read to detect a language (a longer sample when the first is unsure).
SAMPLE_CHARS = 240
_LONG_SAMPLE_CHARS = 1000
#: Below this confidence in the first sample, a longer one is read.
_SURE = 0.95
#: Fewer letters than this: the language is told by script alone.
MIN_LETTERS = 20
#: Fewer letters than this: only the languages the kit reads are candidates.
MIN_LETTERS_UNSUPPORTED = 60

_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_KIT_SCRIPT = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff]")
_RUN = re.compile(r"(.)\1{3,}", re.DOTALL)
#: Below this confidence a text is not turned away as in another language.
_UNSUPPORTED_SURE = 0.5
# "en", "en-GB", "uk_UA", "pt-BR": the primary subtag.
_TAG = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]+)*$")


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    """Language names and codes read as ISO 639-1 codes (``data/languages/languages.csv``, docs/languages.md)."""
    out: dict[str, str] = {}
    with (LANGUAGES_DIR / "languages.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = row["code"].strip()
            out[code] = code
            for alias in row["aliases"].split(";"):
                if alias.strip():
                    out[alias.strip().casefold()] = code
    return out


@lru_cache(maxsize=1)
def _identifier():
    """The py3langid model, loaded once per process (about a second)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def normalize_language(value) -> str | None:
    """The ISO 639-1 code of a language the input gives (``None`` when it gives none).

    Codes the kit does not know are kept in lower case, so that such an
    article is reported as in an unsupported language rather than guessed.

    >>> [normalize_language(v) for v in ["EN", "uk-UA", "Ukrainian", "русский", " nl_BE ", "es", "", None]]
    ['en', 'uk', 'uk', 'ru', 'nl', 'es', None, None]
    """
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip().casefold()
    if not text:
        return None
    aliases = _aliases()
    if text in aliases:
        return aliases[text]
    m = _TAG.match(text)
    if m:
        return aliases.get(m.group(1), m.group(1))
    return text


def _best(ranked: list[tuple[str, float]], allowed: tuple[str, ...]) -> str:
    for lang, _ in ranked:
        if lang in allowed:
            return lang
    return allowed[0]


def _sample(text: str, n: int) -> str:
    """The first ``n`` characters of ``text``, runs of one character cut to one (padding says nothing)."""
    return _RUN.sub(r"\1", text[: 4 * n]).lstrip()[:n]


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in; ``None`` for a text without letters.

    >>> detect_language("Переговори завершилися в Каїрі, повідомляє УНН з посиланням на VRT та Agence France-Presse.")
    'uk'
    >>> detect_language("Die Verhandlungen in Kairo sind ohne Ergebnis zu Ende gegangen, berichtet die dpa.")
    'de'
    >>> detect_language("Talks ended."), detect_language("12:30")
    ('en', None)
    """
    if not isinstance(text, str):
        return None
    sample = _sample(text, SAMPLE_CHARS)
    letters = len(_LETTER.findall(sample))
    if letters == 0:
        return None
    # Letters of the scripts the kit reads (Latin, Cyrillic); others cannot be in its languages.
    own_script = len(_KIT_SCRIPT.findall(sample))
    ident = _identifier()
    if 2 * own_script < letters:
        return ident.classify(sample)[0]
    if letters < MIN_LETTERS:
        if 2 * len(_CYRILLIC.findall(sample)) < own_script:
            return SUPPORTED_LANGUAGES[0]
        return _best(ident.rank(sample), ("uk", "ru"))
    lang, confidence = ident.classify(sample)
    if confidence < _SURE and len(text) > len(sample):
        sample = _sample(text, _LONG_SAMPLE_CHARS)
        lang, confidence = ident.classify(sample)
    if lang in SUPPORTED_LANGUAGES:
        return lang
    if letters >= MIN_LETTERS_UNSUPPORTED and confidence >= _UNSUPPORTED_SURE:
        return lang
    return _best(ident.rank(sample), SUPPORTED_LANGUAGES)


def add_languages(articles: pd.DataFrame) -> pd.DataFrame:
    """``articles`` with ``language`` given or detected, and ``language_detected`` saying which.

    A language the input gives is normalised (:func:`normalize_language`) and
    kept; a missing one is detected from the text (:func:`detect_language`).
    Rows detected before keep their verdict, so calling this twice gives the
    same table at no cost. A text without letters has no language (NA).

    Args:
        articles: an articles table with ``text`` (``language`` and
            ``language_detected`` optional).

    Returns:
        A copy with ``language`` (string) and ``language_detected`` (boolean).

    Raises:
        ValueError: if ``text`` is missing.

    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "language": ["EN", None],
    ...     "text": ["Talks ended.", "Les négociations se sont terminées au Caire sans accord, selon l'AFP."]})
    >>> add_languages(arts)[["language", "language_detected"]].values.tolist()
    [['en', False], ['fr', True]]
    """
    if "text" not in articles.columns:
        raise ValueError(f"articles is missing required column(s) ['text']; found {list(map(str, articles.columns))}")
    index = articles.index
    given = articles["language"] if "language" in articles.columns else pd.Series(pd.NA, index=index, dtype="string")
    detected = (articles["language_detected"].astype("boolean") if "language_detected" in articles.columns
                else pd.Series(pd.NA, index=index, dtype="boolean"))
    codes = [normalize_language(v) for v in given.tolist()]
    flags = [bool(f) if c is not None and f is not pd.NA else False for c, f in zip(codes, detected.tolist())]
    for i, (code, text) in enumerate(zip(codes, articles["text"].tolist())):
        if code is None:
            codes[i] = detect_language(text)
            flags[i] = codes[i] is not None
    return articles.assign(language=pd.Series(codes, index=index, dtype="string"),
                           language_detected=pd.Series(flags, index=index, dtype="boolean"))
