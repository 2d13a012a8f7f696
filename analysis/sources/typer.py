"""A learned source typer: named, partly identified or anonymous, from the span alone.

:class:`SourceTyper` is a scikit-learn classifier over one source span ("a
senior administration official", "Craig Varoga, a Democratic strategist",
"people familiar with the matter"). Its features are the span's character
n-grams and what the lexicons (``data/lexicons``) and the media registry say
about it, including the type the hand-written rules give; so the model learns
where the rules go wrong rather than replacing them.

It is trained on ``data/labels/source-types.csv`` (see
``data/labels/README.md``) with ``make typing-model``, shipped fitted as
``models/source-typer.skops`` and loaded with :func:`load_typer`, which trusts
only the types in :data:`TRUSTED_TYPES`. Retrain after editing the lexicons or
the registry: the features read them.
"""

from __future__ import annotations

import argparse
import copy
import warnings
import zipfile
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.utils.validation import check_is_fitted

from analysis.config import POLNEAR_DIR, LABELS_DIR, MODELS_DIR
from analysis.text.lexicons import load_lexicons
from analysis.schema import require_columns
from analysis.skops_files import load_skops
from analysis.sources.rules import _QUOTES, _default_rule_typing, _parsed, words_of
from analysis.sources.registry import default_index

#: The labelled source spans the model learns from.
TYPE_LABELS_PATH = LABELS_DIR / "source-types.csv"
#: Where the fitted model is shipped.
TYPER_MODEL_PATH = MODELS_DIR / "source-typer.skops"
#: Share of the labels held aside for the benchmark, and the seed of the split.
HOLDOUT_SIZE = 0.3
HOLDOUT_SEED = 20240505

#: The only types :func:`load_typer` lets skops build.
TRUSTED_TYPES = [
    "analysis.sources.typer.SourceTyper",
    "sklearn.feature_extraction._dict_vectorizer.DictVectorizer",
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "builtins.float",
    "builtins.int",
    "builtins.str",
    "builtins.tuple",
    "builtins.list",
    "builtins.dict",
    "builtins.NoneType",
    "builtins.bool",
    "numpy.float64",
    "numpy.int64",
    "numpy.dtype",
    "numpy.ndarray",
    "numpy.str_",
]

_PRONOUNS = frozenset("he she him her i they we it you".split())
_DETERMINERS = frozenset("a an the one two three several some many other another both most few".split())


def _texts(X: object) -> list[str]:
    if isinstance(X, pd.DataFrame):
        require_columns(X, ["source_text"], table="source spans")
        X = X["source_text"]
    if isinstance(X, str):
        raise TypeError("SourceTyper takes a sequence of source spans, not one string")
    return ["" if v is None or v is pd.NA or v != v else str(v) for v in X]


def span_features(text: str) -> dict[str, float | str]:
    """What the lexicons and the registry say about one source span.

    >>> f = span_features("a senior Hamas official")
    >>> f["rule"], f["head_role"], f["first"]
    ('unnamed_official', 1.0, 'a')
    """
    # A copy: the cached dict must not be changed by callers.
    return dict(_span_features(text))


@lru_cache(maxsize=65536)
def _span_features(text: str) -> dict[str, float | str]:
    # Cached by text: corpora repeat their sources ("he", "officials", "the ministry") many times.
    lex = load_lexicons()
    stripped = text.strip(_QUOTES)
    # The rules' type and the medium the span names, shared with type_source.
    rule, _, medium = _default_rule_typing(stripped)
    words, lows, head = _parsed(stripped)
    head = head or (lows[-1] if lows else "")
    caps = [w for w in words if w[:1].isupper()]
    first_clause = stripped.split(",")[0]
    clause_caps = sum(w[:1].isupper() for w in words_of(first_clause)) if first_clause != stripped else len(caps)
    low = stripped.lower()
    return {
        "rule": rule,
        "head": head,
        "first": lows[0] if lows else "",
        "n_words": float(min(len(words), 8)),
        "n_caps": float(min(len(caps), 4)),
        "share_caps": len(caps) / len(words) if words else 0.0,
        "caps_in_first_clause": float(min(clause_caps, 4)),
        "last_capitalised": float(bool(words) and words[-1][:1].isupper()),
        "has_comma": float("," in stripped),
        "has_and": float(" and " in f" {low} "),
        "has_digit": float(any(map(str.isdigit, stripped))),
        "possessive": float("'s" in stripped or "’s" in stripped),
        "pronoun": float(low in _PRONOUNS),
        "determiner": float(bool(lows) and lows[0] in _DETERMINERS),
        "plural_head": float(head.endswith("s") and not head.endswith("ss")),
        "head_anonymous": float(head in lex.anonymous_heads),
        "any_anonymous_modifier": float(not lex.anonymous_modifiers.isdisjoint(lows)),
        "head_role": float(head in lex.official_roles),
        "any_role": float(not lex.official_roles.isdisjoint(lows)),
        "head_document": float(head in lex.document_heads),
        "any_document": float(not lex.document_heads.isdisjoint(lows)),
        "head_organization": float(head in lex.organization_heads),
        "any_organization": float(not (lex.organizations.isdisjoint(lows) and lex.organization_heads.isdisjoint(lows))),
        "any_place": float(not lex.places.isdisjoint(lows)),
        # "Egypt and Qatar": governments named by their countries.
        "places_joined": float(" and " in f" {low} " and sum(w in lex.places for w in lows) >= 2),
        "any_title": float(not (lex.person_titles.isdisjoint(words)
                                and lex.person_titles.isdisjoint([w.rstrip(".") for w in words]))),
        "medium_inside": float(bool(default_index().find(stripped))),
        "medium": float(medium is not None),
    }


def _char_matrix(vectorizer: TfidfVectorizer, texts: list[str]) -> sp.csr_matrix:
    """``vectorizer.transform(texts)`` for a plain ``char_wb`` vectoriser, its n-grams looked up with numpy.

    ``char_wb`` cuts each word, padded with a space each side, into every
    window of ``ngram_range`` lengths that fits. Windows never cross words, so
    each distinct word is cut once (spans share most of their words) and a
    text's counts are the sum of its words' counts. The windows are packed
    into integers, 16 bits a character, and found in the vocabulary packed alike.
    """
    low, high = vectorizer.ngram_range
    plain = vectorizer.input == "content" and vectorizer.preprocessor is None and not vectorizer.strip_accents
    # A padded word has 3 or more characters: with low <= 3 none is shorter than
    # the shortest window (which char_wb would count once whole).
    if vectorizer.analyzer != "char_wb" or not plain or vectorizer.binary or low > 3 or high > 4 or not texts:
        return vectorizer.transform(texts)
    vocabulary = vectorizer.vocabulary_
    # The analyser lower-cases, then splits at white space.
    split = [(t.lower() if vectorizer.lowercase else t).split() for t in texts]
    word_ids: dict[str, int] = {}
    tokens = [word_ids.setdefault(w, len(word_ids)) for words in split for w in words]
    padded = [f" {w} " for w in word_ids]
    lengths = np.array([len(w) for w in padded], dtype=np.intp)
    offsets = np.cumsum(lengths) - lengths
    alphabet, packed = _packed_vocabulary(vectorizer)
    if len(alphabet) >= 1 << 16:
        return vectorizer.transform(texts)
    # Characters as small numbers, 0 for one that no n-gram of the vocabulary holds.
    codes = np.frombuffer("".join(padded).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    at = np.minimum(np.searchsorted(alphabet, codes), len(alphabet) - 1)
    chars = np.where(alphabet[at] == codes, at + 1, 0).astype(np.uint64)
    hit_words, hit_columns = [], []
    for n in range(low, high + 1):
        # Every window of n characters: its word and its packed characters.
        windows = np.where(lengths >= n, lengths - n + 1, 0)
        window_word = np.repeat(np.arange(len(padded)), windows)
        starts = np.repeat(offsets, windows) + np.arange(windows.sum()) - np.repeat(np.cumsum(windows) - windows, windows)
        keys = _pack([chars[starts + k] for k in range(n)])
        known, columns = packed.get(n, (np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.intp)))
        at = np.minimum(np.searchsorted(known, keys), max(len(known) - 1, 0))
        hit = (known[at] == keys) if len(known) else np.zeros(len(keys), dtype=bool)
        hit_words.append(window_word[hit])
        hit_columns.append(columns[at[hit]])
    hit_words, hit_columns = np.concatenate(hit_words), np.concatenate(hit_columns)
    # Duplicate entries add up: n-gram counts per word, then per text.
    per_word = sp.csr_matrix((np.ones(len(hit_words)), (hit_words, hit_columns)),
                             shape=(len(padded), len(vocabulary)), dtype=vectorizer.dtype)
    text_of_token = np.repeat(np.arange(len(texts)), [len(words) for words in split])
    per_text = sp.csr_matrix((np.ones(len(tokens)), (text_of_token, np.asarray(tokens, dtype=np.intp))),
                             shape=(len(texts), len(padded)), dtype=vectorizer.dtype)
    counts = sp.csr_matrix(per_text @ per_word)
    counts.sort_indices()
    return vectorizer._tfidf.transform(counts, copy=False)


def _pack(chars: list[np.ndarray]) -> np.ndarray:
    """Character numbers (below 2**16), one array per position, packed into one integer each."""
    packed = np.zeros(len(chars[0]) if chars else 0, dtype=np.uint64)
    for k, column in enumerate(chars):
        packed |= column.astype(np.uint64) << np.uint64(16 * k)
    return packed


@lru_cache(maxsize=4)
def _packed_vocabulary(vectorizer: TfidfVectorizer) -> tuple[np.ndarray, dict[int, tuple[np.ndarray, np.ndarray]]]:
    """The characters of a fitted vectoriser's n-grams (sorted code points) and, per
    n-gram length, the n-grams packed as in :func:`_char_matrix` (sorted) with their columns.

    Cached per vectoriser: :class:`SourceTyper` fits a new one rather than refitting.
    """
    grams = list(vectorizer.vocabulary_)
    alphabet = np.unique(np.frombuffer("".join(grams).encode("utf-32-le", "surrogatepass"), dtype=np.uint32))
    lengths = np.array([len(g) for g in grams])
    chars = np.searchsorted(alphabet, np.frombuffer("".join(grams).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)) + 1
    starts = np.cumsum(lengths) - lengths
    columns = np.array([vectorizer.vocabulary_[g] for g in grams])
    packed = {}
    for n in np.unique(lengths).tolist():
        keys = _pack([chars[starts[lengths == n] + k] for k in range(n)])
        order = np.argsort(keys)
        packed[n] = keys[order], columns[lengths == n][order]
    return alphabet, packed


def _feature_matrix(vectorizer: DictVectorizer, rows: list[dict[str, float | str]]) -> sp.csr_matrix:
    """``vectorizer.transform(rows)`` for rows of strings and numbers with the same keys, a feature at a time.

    A feature with string values is one-hot (``"rule=anonymous"``), one with
    numbers is taken as is; rows that differ in their keys, or a feature with
    both, go to the vectoriser.
    """
    keys = rows[0].keys() if rows else {}
    if len(keys) < 2 or any(row.keys() != keys for row in rows):
        return vectorizer.transform(rows)
    vocabulary, separator = vectorizer.vocabulary_, vectorizer.separator
    columns, values = [], []
    for name, column in zip(keys, zip(*map(itemgetter(*keys), rows))):
        strings = [issubclass(t, str) for t in set(map(type, column))]
        if all(strings):
            columns.append(np.array([vocabulary.get(f"{name}{separator}{v}", -1) for v in column], dtype=np.intc))
            values.append(np.ones(len(rows), dtype=vectorizer.dtype))
        elif any(strings):
            return vectorizer.transform(rows)
        elif name in vocabulary:
            columns.append(np.full(len(rows), vocabulary[name], dtype=np.intc))
            values.append(np.array(column, dtype=vectorizer.dtype))
    # Row by row, the features the vectoriser knows, in column order (its sorted indices).
    columns, values = np.stack(columns, axis=1), np.stack(values, axis=1)
    order = np.argsort(columns, axis=1, kind="stable")
    columns, values = np.take_along_axis(columns, order, 1), np.take_along_axis(values, order, 1)
    known = columns >= 0
    indptr = np.concatenate([[0], np.cumsum(known.sum(axis=1))])
    return sp.csr_matrix((values[known], columns[known], indptr), shape=(len(rows), len(vocabulary)))


class SourceTyper(ClassifierMixin, BaseEstimator):
    """Type source spans with logistic regression over n-grams and lexicon features.

    Args:
        C: inverse regularisation strength of the logistic regression.
        ngram_range: character n-gram lengths (within word boundaries).
        max_features: keep this many most frequent n-grams (a small model file).
        feature_weight: scale of the lexicon and rule features against the
            n-grams (larger: the lexicons count for more).
        class_weight: passed to :class:`~sklearn.linear_model.LogisticRegression`;
            ``"balanced"`` keeps rare types from being swamped.
        random_state: seed of the solver.

    Attributes:
        classes_: the source types seen in training.
        char_vectorizer_: the fitted character n-gram vectoriser.
        feature_vectorizer_: the fitted vectoriser of :func:`span_features`.
        model_: the fitted logistic regression.

    >>> typer = SourceTyper(random_state=0).fit(
    ...     ["a source", "sources close to him", "an official", "two officials", "Lena Varga", "Tom Ruel"],
    ...     ["anonymous", "anonymous", "unnamed_official", "unnamed_official", "named_person", "named_person"])
    >>> typer.predict(["a senior source"]).tolist()
    ['anonymous']
    """

    def __init__(self, C: float = 4.0, ngram_range: tuple[int, int] = (2, 4), max_features: int | None = 4000,
                 feature_weight: float = 1.0, class_weight: str | None = "balanced",
                 random_state: int | None = None) -> None:
        self.C = C
        self.feature_weight = feature_weight
        self.ngram_range = ngram_range
        self.max_features = max_features
        self.class_weight = class_weight
        self.random_state = random_state

    def _design(self, texts: list[str]) -> sp.csr_matrix:
        chars = _char_matrix(self.char_vectorizer_, texts)
        feats = _feature_matrix(self.feature_vectorizer_, [_span_features(t) for t in texts]) * self.feature_weight
        return sp.hstack([chars, feats], format="csr")

    def fit(self, X: object, y: object = None) -> "SourceTyper":
        """Learn from source spans ``X`` (strings, or a frame with ``source_text``) and their types ``y``.

        Raises:
            ValueError: without ``y``, or with as many labels as spans.
        """
        if y is None:
            raise ValueError("SourceTyper.fit needs the source types y")
        texts = _texts(X)
        y = np.asarray(list(y), dtype=object)
        if len(texts) != len(y):
            raise ValueError(f"SourceTyper.fit: {len(texts)} spans but {len(y)} labels")
        self.char_vectorizer_ = TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(self.ngram_range),
                                                lowercase=True, sublinear_tf=True, min_df=2,
                                                max_features=self.max_features, dtype=np.float64)
        self.char_vectorizer_.fit(texts)
        self.feature_vectorizer_ = DictVectorizer(sparse=True)
        self.feature_vectorizer_.fit([span_features(t) for t in texts])
        self.model_ = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=5000,
                                         random_state=self.random_state)
        self.model_.fit(self._design(texts), y)
        self.classes_ = self.model_.classes_
        return self

    def predict_proba(self, X: object) -> np.ndarray:
        """Probability of each type in :attr:`classes_` for each span."""
        check_is_fitted(self, "model_")
        texts = _texts(X)
        if not texts:
            return np.zeros((0, len(self.classes_)))
        return self.model_.predict_proba(self._design(texts))

    def predict(self, X: object) -> np.ndarray:
        """The most likely type of each span."""
        check_is_fitted(self, "model_")
        texts = _texts(X)
        if not texts:
            return np.array([], dtype=object)
        return self.model_.predict(self._design(texts))


def read_type_labels(path: Path | str = TYPE_LABELS_PATH, *, polnear_root: Path | str | None = None) -> pd.DataFrame:
    """The labelled source spans (``source_text``, ``source_type`` and where each comes from).

    PolNeAR rows are stored as offsets only (no article text is kept in the
    project); their ``source_text`` is read from the corpus at ``polnear_root``
    (default :data:`analysis.config.POLNEAR_DIR`). When the corpus is absent
    those rows are left out, with a warning, and only the sample's labels remain.

    >>> read_type_labels().columns[:4].tolist()
    ['corpus', 'split', 'document', 'source_start']
    """
    labels = pd.read_csv(path, dtype={"document": str}, keep_default_na=False)
    require_columns(labels, ["corpus", "document", "source_start", "source_end", "source_text", "source_type"],
                    table=Path(path).name)
    root = Path(polnear_root) if polnear_root is not None else POLNEAR_DIR
    polnear = labels["corpus"] == "polnear"
    if not polnear.any():
        return labels
    if not root.exists():
        warnings.warn(f"{Path(path).name}: PolNeAR is not at {root}; its {int(polnear.sum())} labelled spans "
                      "(stored as offsets only) are left out", stacklevel=2)
        return labels[~polnear].reset_index(drop=True)
    texts: dict[tuple[str, str], str] = {}
    spans = []
    for row in labels[polnear].itertuples():
        key = (row.split, row.document)
        if key not in texts:
            texts[key] = (root / row.split / "text" / f"{row.document}.txt").read_text(encoding="utf-8")
        spans.append(texts[key][int(row.source_start): int(row.source_end)])
    labels = labels.copy()
    labels.loc[polnear, "source_text"] = spans
    return labels


def split_type_labels(labels: pd.DataFrame, *, test_size: float = HOLDOUT_SIZE,
                      random_state: int = HOLDOUT_SEED) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split the labels into (training, held aside), stratified by type with a fixed seed.

    >>> train, held = split_type_labels(read_type_labels())
    >>> len(set(train.index) & set(held.index))
    0
    """
    require_columns(labels, ["source_type"], table="labels")
    # A type seen once cannot be stratified; it stays in training.
    counts = labels["source_type"].value_counts()
    rare = labels["source_type"].map(counts) < 2
    train, held = train_test_split(labels[~rare], test_size=test_size, random_state=random_state,
                                   stratify=labels.loc[~rare, "source_type"])
    return pd.concat([train, labels[rare]]).sort_index(), held.sort_index()


def train_typer(labels: pd.DataFrame | None = None, *, random_state: int = 0) -> SourceTyper:
    """Fit a :class:`SourceTyper` on the training part of the labels (``self`` rows left out).

    ``self`` depends on the publisher, not on the span, so the registry and
    the publisher decide it.

    >>> labels = read_type_labels()
    >>> small = labels[labels["source_type"].isin(["anonymous", "named_person"])].groupby("source_type").head(10)
    >>> train_typer(small).classes_.tolist()
    ['anonymous', 'named_person']
    """
    labels = read_type_labels() if labels is None else labels
    train, _ = split_type_labels(labels)
    train = train[train["source_type"] != "self"]
    return SourceTyper(random_state=random_state).fit(train["source_text"], train["source_type"])


def save_typer(model: SourceTyper, path: Path | str = TYPER_MODEL_PATH) -> Path:
    """Write a fitted typer with skops (compressed).

    >>> import tempfile
    >>> typer = SourceTyper(random_state=0).fit(["a source", "Lena Varga"], ["anonymous", "named_person"])
    >>> save_typer(typer, Path(tempfile.mkdtemp()) / "t.skops").suffix
    '.skops'
    """
    import skops.io as sio

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if hasattr(model, "char_vectorizer_"):
        # The n-gram vocabulary maps to numpy integers, which skops writes one
        # file each (thousands, slow to load); plain ints are the same columns.
        model = copy.deepcopy(model)
        vectorizer = model.char_vectorizer_
        vectorizer.vocabulary_ = {gram: int(column) for gram, column in vectorizer.vocabulary_.items()}
    sio.dump(model, path, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    return path


@lru_cache(maxsize=2)
def load_typer(path: Path | str = TYPER_MODEL_PATH) -> SourceTyper | None:
    """The shipped typer, or ``None`` with a warning when its file is missing.

    Only the types in :data:`TRUSTED_TYPES` are loaded, the result must be a
    :class:`SourceTyper` and the file inflate to at most
    :data:`analysis.skops_files.MAX_MODEL_BYTES`; anything else is refused.

    >>> load_typer().classes_.tolist()[:2]
    ['anonymous', 'broadcaster']
    """
    path = Path(path)
    if not path.is_file():
        warnings.warn(f"source-typing model {path.name} not found; typing sources by the lexicon rules only "
                      "(run `make typing-model`)", stacklevel=2)
        return None
    return load_skops(path, trusted=TRUSTED_TYPES, expected=SourceTyper)


def main(argv: list[str] | None = None) -> int:
    """Train the typer on the labels and write it (``make typing-model``)."""
    parser = argparse.ArgumentParser(description="Train the source-typing model.")
    parser.add_argument("--labels", type=Path, default=TYPE_LABELS_PATH)
    parser.add_argument("--out", type=Path, default=TYPER_MODEL_PATH)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    # Through the package, so the saved class is analysis.sources.typer.SourceTyper even under ``-m``.
    from analysis.sources.typer import save_typer, train_typer

    model = train_typer(read_type_labels(args.labels), random_state=args.seed)
    path = save_typer(model, args.out)
    print(f"trained on {len(split_type_labels(read_type_labels(args.labels))[0])} labelled spans -> {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
