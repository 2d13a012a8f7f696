"""A learned attribution finder: cue words, cue and source boundaries, sources.

:class:`AttributionModel` is fitted on articles with gold attribution spans
(PolNeAR train). It works on the tokens of :func:`analysis.text.tokens.parse`
in four small steps, each a :class:`~analysis.models.linear.HashedLogit`
over hand-made features (word, shape, lexicon class, position relative to the
cue, punctuation, quotation state; see :mod:`analysis.models.features`; a
pronoun with a contracted verb, "He's", reads as its pronoun):

1. ``cue_``: is a candidate word part of a cue? Candidates are the words
   that open a cue often enough in training (``cue_vocab_``) plus ``:`` and
   dashes; adjacent accepted words form one cue.
2. ``cue_extend_``: grow the cue word by word to the left (auxiliaries,
   negation, adverbs: "has not said") and right (particles: "pointed to");
   cues that then touch merge ("has since" + "said").
3. ``anchor_``: which token ends the cue's source? Tokens of the cue's
   sentence within a window are scored (capitalised words, speaker words of
   the lexicons, words that end sources in training, and the word in subject
   position); the best one above ``source_threshold`` wins. Otherwise the cue
   has no source: it is kept, sourceless, when the cue classifier is sure of
   it (``sourceless_cue``; PolNeAR annotates "The veto is expected to come
   Friday"), and dropped when not.
4. ``source_extend_``: grow the source to the left from that token
   (determiners, titles, names, appositions: "Rep. Jim Clyburn (D-S.C.),
   the assistant leader,").

Each step is fitted on the inputs decoding gives it: cue growth starts from
the gold cue's words that the cue classifier accepts out of fold (fitted on
the other half of the articles), and source anchors are learned for a cue's
core as well as for its full span.

:meth:`AttributionModel.find_many` runs each step for a whole batch of
documents at once: features are built as numpy columns and scored with one
gather, and the greedy growth steps advance all cues of the batch together.
The work is split by responsibility: the features live in
:mod:`analysis.models.batch`, fitting in :mod:`analysis.models.fitting` and
decoding in :mod:`analysis.models.decoding`; this module holds the estimator
and its persistence. Content spans come from rules (:func:`analysis.extract.content.content_span`)
that follow the PolNeAR conventions: quotation marks are part of a direct
quote, a reported clause starts with its "that" and leaves out the sentence's
final period. Whether a reported clause ends at a comma, or at an "and"
after no comma, is learned (``content_break_``, asked through
:meth:`AttributionModel.comma_stop`).
"""


from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path

import pandas as pd
from sklearn.base import BaseEstimator

from analysis.config import MODELS_DIR
from analysis.text.tokens import Doc, parse  # noqa: F401  (parse: the doctests)
from analysis.models.batch import comma_clause_buckets, comma_token_buckets
from analysis.models.decoding import Found, find_batch
from analysis.models.features import BOS, EOS, UNK, WordCodes, pos_lexicon
from analysis.models.fitting import fit_model

__all__ = ["AttributionModel", "Found", "MODEL_PATH", "TRUSTED_TYPES", "load_model", "save_model"]

#: Where the fitted model ships.
MODEL_PATH = MODELS_DIR / "attribution.skops"
#: The types ``skops.io.load`` may build when reading :data:`MODEL_PATH`.
TRUSTED_TYPES = [
    "analysis.models.attribution.AttributionModel",
    "analysis.models.linear.HashedLogit",
]
#: Log-odds above which a comma ends a reported clause.
COMMA_LOGIT = 0.0
#: Documents per batch of :meth:`AttributionModel.find_many` (bounds its memory).
BATCH = 2000


class AttributionModel(BaseEstimator):
    """Finds cues and their sources in parsed documents (see the module docstring).

    Args:
        C: regularisation of the five classifiers.
        min_cue_count: a word joins the cue vocabulary after this many cue uses in training ...
        min_cue_rate: ... and when at least this share of its uses are in a cue.
        cue_threshold: probability above which a candidate word is a cue.
        source_threshold: probability above which the best token ends a source.
        sure_cue: cue probability from which ``sure_cue_source_threshold`` applies instead.
        sure_cue_source_threshold: the source threshold of such cues.
        sourceless_cue: cue probability from which a cue keeps no source when
            none is found ("The veto is expected to come Friday"), rather than
            being dropped.
        n_bits: each classifier's weight table has ``2**n_bits`` buckets.
        random_state: seed for the solvers.
    """

    def __init__(
        self,
        C: float = 0.3,
        min_cue_count: int = 2,
        min_cue_rate: float = 0.05,
        cue_threshold: float = 0.55,
        source_threshold: float = 0.2,
        sure_cue: float = 0.9,
        sure_cue_source_threshold: float = 0.1,
        sourceless_cue: float = 0.7,
        n_bits: int = 22,
        random_state: int = 0,
    ):
        self.C = C
        self.min_cue_count = min_cue_count
        self.min_cue_rate = min_cue_rate
        self.cue_threshold = cue_threshold
        self.source_threshold = source_threshold
        self.sure_cue = sure_cue
        self.sure_cue_source_threshold = sure_cue_source_threshold
        self.sourceless_cue = sourceless_cue
        self.n_bits = n_bits
        self.random_state = random_state

    # -- vocabulary -----------------------------------------------------------
    @property
    def vocab(self) -> dict[str, int]:
        """Lower-case word -> id, built once from ``words_``."""
        vocab = self.__dict__.get("_vocab")
        if vocab is None:
            vocab = {w: n for n, w in enumerate(self.words_.tolist())}
            for special in (UNK, BOS, EOS):
                vocab.pop(self.words_[special], None)
            self.__dict__["_vocab"] = vocab
        return vocab

    @property
    def word_codes(self) -> WordCodes:
        """Word as written -> id and shape (a cache over :attr:`vocab`)."""
        codes = self.__dict__.get("_codes")
        if codes is None:
            codes = self.__dict__["_codes"] = WordCodes(self.vocab, lexicon=pos_lexicon())
        return codes

    def __getstate__(self) -> dict:
        state = super().__getstate__()
        state.pop("_vocab", None)  # caches, rebuilt after loading
        state.pop("_codes", None)
        state.pop("_comma_weights", None)
        state.pop("_comma_memo", None)
        return state

    # -- training -----------------------------------------------------------
    def fit(self, X: pd.DataFrame, y: pd.DataFrame) -> "AttributionModel":
        """Fit on articles ``X`` (``article_id``, ``text``) and gold attributions ``y``.

        ``y`` has one row per attribution with ``article_id`` and the
        ``cue_*``/``source_*`` character spans (NA source: no source).
        """
        return fit_model(self, X, y)

    def comma_stop(self, low: list[str], words: list[str], cue: int, j: int, t: int, k: int, last: bool, e: int
                   ) -> bool:
        """Whether a reported clause from token ``j`` ends before token ``t``: its ``k``-th comma, or an "and".

        The content rules (:func:`analysis.extract.content.content_span`)
        ask this at each comma outside quotations and at each "and" after no
        comma (``k`` then counts the commas before it); the answer is learned
        from where PolNeAR's reported clauses end.

        >>> from analysis.text.tokens import parse
        >>> doc, model = parse("She said the plan failed, saying it was late."), load_model()
        >>> low = [w.lower() for w in doc.words]
        >>> model.comma_stop(low, doc.words, 1, 2, 5, 1, True, 9)
        True
        """
        cached = self.__dict__.get("_comma_weights")
        if cached is None:
            m = self.content_break_
            cached = self.__dict__["_comma_weights"] = (dict(zip(m.buckets_.tolist(), m.coef_.tolist())), m.intercept_)
        weights, z = cached
        get = weights.get
        # The weights of token t's own features repeat for every clause that reaches it: summed once per
        # document (the cache holds the document's words, so it is never read for another one).
        memo = self.__dict__.get("_comma_memo")
        if memo is None or memo[0] is not low:
            memo = self.__dict__["_comma_memo"] = (low, {})
        token = memo[1].get((t, t + 2 <= e))
        if token is None:
            token = memo[1][t, t + 2 <= e] = sum(get(b, 0.0) for b in comma_token_buckets(self, low, words, t, e))
        for b in comma_clause_buckets(self, low, words, cue, j, t, k, last, e):
            z += get(b, 0.0)
        return z + token > COMMA_LOGIT

    # -- decoding -----------------------------------------------------------
    def find(self, doc: Doc) -> list[Found]:
        """Cues with their sources in one parsed document, in text order.

        >>> found = load_model().find(parse("The plan will fail, Senator Jane Doe said on Monday."))
        >>> [(f.source, f.cue) for f in found]
        [((5, 7), (8, 8))]
        """
        return self.find_many([doc])[0]

    def find_many(self, docs: list[Doc]) -> list[list[Found]]:
        """:meth:`find` for each of ``docs``, computed a batch of documents at a time.

        >>> docs = [parse("Jane Doe said it was late."), parse("No one spoke.")]
        >>> [[(f.source, f.cue) for f in found] for found in load_model().find_many(docs)]
        [[((0, 1), (2, 2))], []]
        """
        out: list[list[Found]] = []
        for at in range(0, len(docs), BATCH):
            out += find_batch(self, docs[at: at + BATCH])
        return out


# -- persistence ----------------------------------------------------------------
def save_model(model: AttributionModel, path: Path | str = MODEL_PATH) -> Path:
    """Write ``model`` with skops (compressed) and return the path.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = save_model(load_model(), Path(tmp) / "m.skops")
    ...     isinstance(load_model(path), AttributionModel)
    True
    """
    import zipfile

    import skops.io as sio

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    sio.dump(model, path, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    return path


@lru_cache(maxsize=4)
def _load(path: str) -> AttributionModel | None:
    from analysis.skops_files import load_skops

    return load_skops(path, trusted=TRUSTED_TYPES, expected=AttributionModel)


def load_model(path: Path | str = MODEL_PATH, *, warn: bool = True) -> AttributionModel | None:
    """The fitted model at ``path``, or ``None`` (with a warning) when the file is missing.

    Loading accepts only :data:`TRUSTED_TYPES` beyond skops's own safe types, an
    :class:`AttributionModel` and a file that inflates to at most
    :data:`analysis.skops_files.MAX_MODEL_BYTES` (a ``ValueError`` otherwise).

    >>> isinstance(load_model(warn=False), (AttributionModel, type(None)))
    True
    """
    path = Path(path)
    if not path.is_file():
        if warn:
            warnings.warn(
                f"no attribution model at {path}: the extractor falls back to its rules alone "
                "(lower recall); run `make model` to fit it",
                RuntimeWarning,
                stacklevel=2,
            )
        return None
    return _load(str(path))


