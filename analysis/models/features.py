"""Token tables and hashed features for the attribution model, built with numpy.

The model scores thousands of candidates per batch of articles (cue words,
source-boundary tokens, growth steps). Building a list of feature strings for
each of them in Python would cost far more than scoring, so the features are
built column-wise instead:

* :func:`token_table` turns a batch of parsed documents into one
  :class:`Tokens` table: parallel integer arrays over all their tokens (word
  id, shape, part-of-speech tag, lexicon class, sentence bounds, inside a
  quotation, newline before, running counts of commas and quotation marks).
* A word's part-of-speech tag is the one a lexicon gives it out of context
  (:func:`pos_lexicon`: Brill's tagger lexicon, as TextBlob ships it), or a
  guess from its shape and suffix (:func:`guess_tag`). Out of context,
  "support" is a noun and "calls" a verb; the model weighs that against the
  words around it. The tag generalises across words the annotated articles
  seldom show ("contends" is a VBZ like "says").
* A feature template is a tuple of integer "atoms" (say the previous word
  and this word); :func:`hash_templates` hashes each candidate's atoms, with
  the template's number, into a bucket of the weight table of a
  :class:`~analysis.models.linear.HashedLogit`.

Atoms of different kinds live in different ranges (:data:`SHAPE`,
:data:`CLASS`, ...) so that a template mixing them ("the class of the previous
word, or its shape when it has none") never confuses a class with a word.
"""

from __future__ import annotations

import importlib.util
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from analysis.text.tokens import QUOTE_CHARS, Doc

__all__ = ["BOS", "CLASS", "DASHES", "EOS", "FLAG", "OUT_BOS", "OUT_EOS", "PENN_TAGS", "SHAPE", "TAG", "UNK", "Tokens", "WordCodes",
           "bucket", "guess_tag", "hash_templates", "pos_lexicon", "shape_code", "token_table"]

#: Word ids of an unknown word and of the positions before and after a sentence.
UNK, BOS, EOS = 0, 1, 2
#: Offsets that keep atoms of different kinds apart.
SHAPE = 1 << 32
CLASS = 2 << 32
FLAG = 3 << 32
TAG = 4 << 32
#: Shape (or class) atoms of the positions before and after a sentence.
OUT_BOS = SHAPE + (1 << 20)
OUT_EOS = SHAPE + (1 << 20) + 1

_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xBF58476D1CE4E5B9)
#: One dash for all: "―", "–" and "‒" read as "—" (they sign quotations and tweets alike).
DASHES = {"―": "—", "–": "—", "‒": "—"}
_BUCKET_EDGES = np.array([1, 2, 3, 4, 6, 9, 13])

#: The Penn Treebank part-of-speech tags; a tag's code is its place here plus one (0: none).
PENN_TAGS = (
    "CC", "CD", "DT", "EX", "FW", "IN", "JJ", "JJR", "JJS", "LS", "MD", "NN", "NNS", "NNP", "NNPS", "PDT", "POS",
    "PRP", "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO", "UH", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "WDT",
    "WP", "WP$", "WRB", "#", "$", "''", "``", "(", ")", ",", ".", ":",
)
_TAG_CODE = {tag: n + 1 for n, tag in enumerate(PENN_TAGS)}
# Word ids take the bits from 21 to 39 of a word code, its tag those from 40.
_WID_BITS = 19
_WID_MASK = (1 << _WID_BITS) - 1
_TAG_SHIFT = 21 + _WID_BITS
#: A subject pronoun with a contracted verb ("he's", "they're", "I'm"), either apostrophe.
_PRONOUN_CLITIC = re.compile(r"(he|she|it|they|we|you|i)[’'](?:s|re|ll|ve|d|m)\Z")


def _lexicon_path() -> Path:
    """Where TextBlob keeps Brill's lexicon (found without importing TextBlob, which loads NLTK)."""
    spec = importlib.util.find_spec("textblob")
    path = Path(next(iter(spec.submodule_search_locations or ()), "")) / "en" / "en-lexicon.txt" if spec else None
    if path is None or not path.is_file():
        raise ImportError("the part-of-speech lexicon of the attribution model comes with TextBlob: "
                          "pip install textblob (or run `make install`)")
    return path


@lru_cache(maxsize=1)
def pos_lexicon() -> dict[str, int]:
    """Word as written -> tag code (see :data:`PENN_TAGS`), from Brill's tagger lexicon.

    The lexicon (Brill 1992, trained on the Brown corpus and the Penn
    Treebank, with words added from CMU's Twitter part-of-speech data) gives
    each of about 94,000 words its most frequent tag; it ships with TextBlob
    (MIT licence). Where it lists several tags ("NN|JJ") the first is taken.

    >>> lexicon = pos_lexicon()
    >>> [PENN_TAGS[lexicon[w] - 1] for w in ("said", "contends", "officials", "Reuters")]
    ['VBD', 'VBZ', 'NNS', 'NNP']
    """
    lexicon: dict[str, int] = {}
    with _lexicon_path().open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith(";;;"):
                continue
            word, _, tags = line.rstrip("\n").rpartition(" ")
            code = _TAG_CODE.get(tags.split("|")[0])
            if word and code:
                lexicon[word] = code
    return lexicon


def guess_tag(word: str) -> int:
    """The tag code of a word the lexicon lacks, from its shape and suffix (as Brill's tagger guesses).

    >>> [PENN_TAGS[guess_tag(w) - 1] for w in ("Zelenskyy", "2024", "tweeting", "blorfed", "slowly", "memes", "vlog", "%")]
    ['NNP', 'CD', 'VBG', 'VBD', 'RB', 'NNS', 'NN', 'SYM']
    """
    c = word[:1]
    if c.isdigit():
        tag = "CD"
    elif c.isupper():
        tag = "NNP"
    elif not c.isalpha():
        tag = word if word in _TAG_CODE else "SYM"
    elif word.endswith("ing"):
        tag = "VBG"
    elif word.endswith("ed"):
        tag = "VBD"
    elif word.endswith("ly"):
        tag = "RB"
    elif word.endswith("s") and not word.endswith("ss"):
        tag = "NNS"
    else:
        tag = "NN"
    return _TAG_CODE[tag]


def shape_code(word: str) -> int:
    """A coarse word shape as a stable integer: ``Xx``, ``X``, ``x``, ``d``, a quotation mark, or the character.

    >>> [shape_code(w) for w in ["Trump", "FBI", "said", "2016", "“"]]
    [1, 2, 3, 4, 5]
    >>> shape_code(",") == 16 + ord(",")
    True
    """
    c = word[0]
    if c.isupper():
        return 2 if len(word) > 1 and word.isupper() else 1
    if c.islower():
        return 3
    if c.isdigit():
        return 4
    if c in "\"“”'‘’":
        return 5
    return 16 + ord(c)


class WordCodes(dict):
    """Word as written -> ``tag << 40 | word id << 21 | shape code``, filled on first sight.

    One lookup per token gives the id of its lower-cased form in ``vocab``,
    its shape and, given a ``lexicon`` (word as written -> tag code), its
    part-of-speech tag: the lexicon's for the word as written, else for its
    lower-case form, else :func:`guess_tag`'s (without a lexicon: 0). A
    pronoun with a contracted verb ("He's", "they're") takes the id and tag
    of its pronoun, and keeps its own shape. The table is emptied when it
    grows past ``max_size`` words, so endless streams keep a bounded memory.

    >>> codes = WordCodes({"said": 3, "he": 4}, lexicon={"said": 28, "he": 19})
    >>> [WordCodes.split(codes[w]) for w in ("Said", "FBI", "He's")]
    [(3, 1, 28), (0, 2, 14), (4, 1, 19)]
    """

    def __init__(self, vocab: dict[str, int], max_size: int = 500_000, *, lexicon: dict[str, int] | None = None):
        if len(vocab) >= 1 << _WID_BITS:
            raise ValueError(f"a vocabulary of {len(vocab)} words does not fit the {_WID_BITS} bits of a word id")
        super().__init__()
        self.vocab = vocab
        self.max_size = max_size
        self.lexicon = lexicon

    def __missing__(self, word: str) -> int:
        if len(self) >= self.max_size:
            self.clear()
        low = word.lower()
        # "He's", "they're" read as their pronoun: the source they end is cut
        # before the contracted verb later (analysis.extract.hybrid).
        contracted = _PRONOUN_CLITIC.match(low)
        as_written = word
        if contracted:
            low = as_written = contracted.group(1)
        tag = 0
        if self.lexicon is not None:
            tag = self.lexicon.get(as_written) or self.lexicon.get(low) or guess_tag(as_written)
        code = self[word] = tag << _TAG_SHIFT | self.vocab.get(DASHES.get(low, low), UNK) << 21 | shape_code(word)
        return code

    @staticmethod
    def split(code: int) -> tuple[int, int, int]:
        """``(word id, shape code, tag code)`` of a word code."""
        return (code >> 21) & _WID_MASK, code & 0x1FFFFF, code >> _TAG_SHIFT


def bucket(d: np.ndarray) -> np.ndarray:
    """Distance buckets 0, 1, 2, 3, 4-5, 6-8, 9-12, 13+ as 0..7.

    >>> bucket(np.array([0, 3, 5, 8, 12, 40])).tolist()
    [0, 3, 4, 5, 6, 7]
    """
    return np.searchsorted(_BUCKET_EDGES, d, side="right")


@dataclass
class Tokens:
    """The tokens of a batch of documents, as parallel arrays (one entry per token).

    Token ``g`` of the batch is token ``g - doc_start[d]`` of document ``d``.
    ``lo``/``hi`` are the batch indices of the first token of its sentence and
    one past its last.
    """

    wid: np.ndarray
    shape: np.ndarray
    tag: np.ndarray
    cls: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    doc: np.ndarray
    doc_start: np.ndarray
    doc_end: np.ndarray
    in_quote: np.ndarray
    newline: np.ndarray
    comma_before: np.ndarray
    quote_before: np.ndarray
    words: list[str]

    def __len__(self) -> int:
        return len(self.wid)

    def at(self, values: np.ndarray, index: np.ndarray, valid: np.ndarray, fill: int) -> np.ndarray:
        """``values[index]`` where ``valid``, else ``fill`` (``index`` may run off the ends)."""
        safe = np.clip(index, 0, max(len(values) - 1, 0))
        return np.where(valid, values[safe], fill)


_NEWLINE = re.compile("\n")


def token_table(docs: list[Doc], codes: WordCodes, word_class: np.ndarray) -> Tokens:
    """One :class:`Tokens` table over ``docs``.

    Args:
        docs: parsed documents.
        codes: the word codes over a vocabulary (lower-case word -> id from 3;
            unknown words get :data:`UNK`); the comma and quotation marks must
            be in it for the running counts.
        word_class: lexicon class code of each word id (0: none).

    >>> from analysis.text.tokens import parse
    >>> t = token_table([parse("He said: no."), parse('"Yes," she said.')], WordCodes({"said": 3, ",": 4}), np.zeros(5, int))
    >>> t.wid.tolist(), t.lo.tolist(), t.in_quote.tolist()[4:7]
    ([0, 3, 0, 0, 0, 0, 0, 4, 0, 0, 3, 0], [0, 0, 0, 0, 0, 5, 5, 5, 5, 5, 5, 5], [False, True, True])
    """
    words: list[str] = []
    sent_firsts: list[int] = []
    sent_sizes: list[int] = []
    quote_marks: list[int] = []  # +1 where a quotation starts (token), -1 where it ends
    quote_at: list[int] = []
    line_starts: list[int] = []
    sizes: list[int] = []
    n_tokens = 0
    # Plain list work per document (a few calls, plus one bisect per quotation
    # and line break); the arrays are built once for the whole batch.
    for doc in docs:
        n = len(doc.words)
        words += doc.words
        sizes.append(n)
        sent_firsts += [a + n_tokens for a, _ in doc.sent_bounds]
        sent_sizes += [b - a for a, b in doc.sent_bounds]
        starts = doc.starts
        # Tokens from the one at a quotation's opening mark to the one before its closing mark.
        for open_at, close_at in doc.quotes:
            quote_at += [bisect_left(starts, open_at) + n_tokens, bisect_left(starts, close_at) + n_tokens]
            quote_marks += [1, -1]
        # No token holds a line break, so the token after one starts a line.
        if "\n" in doc.text:
            line_starts += [bisect_left(starts, m.start()) + n_tokens for m in _NEWLINE.finditer(doc.text)]
        if n:
            line_starts.append(n_tokens)  # a document's first token starts a line
        n_tokens += n
    sizes_arr = np.asarray(sizes, dtype=np.int64)
    doc_end = np.cumsum(sizes_arr)
    doc_start = doc_end - sizes_arr
    code = np.fromiter(map(codes.__getitem__, words), dtype=np.int64, count=n_tokens)
    wid = (code >> 21) & _WID_MASK
    firsts = np.asarray(sent_firsts, dtype=np.int64)
    lengths = np.asarray(sent_sizes, dtype=np.int64)
    depth = np.zeros(n_tokens + 1, dtype=np.int64)
    np.add.at(depth, np.asarray(quote_at, dtype=np.int64), np.asarray(quote_marks, dtype=np.int64))
    newline = np.zeros(n_tokens + 1, dtype=bool)
    newline[np.asarray(line_starts, dtype=np.int64)] = True
    vocab = codes.vocab
    is_comma = wid == vocab.get(",", -1)
    is_quote = np.isin(wid, [vocab[q] for q in QUOTE_CHARS if q in vocab])
    return Tokens(
        wid=wid,
        shape=code & 0x1FFFFF,
        tag=code >> _TAG_SHIFT,
        cls=word_class[wid],
        lo=np.repeat(firsts, lengths),
        hi=np.repeat(firsts + lengths, lengths),
        doc=np.repeat(np.arange(len(docs)), sizes_arr),
        doc_start=doc_start,
        doc_end=doc_end,
        in_quote=np.cumsum(depth[:-1]) > 0,
        newline=newline[:-1],
        comma_before=np.concatenate(([0], np.cumsum(is_comma))),
        quote_before=np.concatenate(([0], np.cumsum(is_quote))),
        words=words,
    )


def _as_u64(atom: np.ndarray | int) -> np.ndarray:
    """``atom`` as unsigned 64-bit integers; an int64 array is reinterpreted in place
    (the same bits as a cast), not copied."""
    a = np.asarray(atom)
    return a.view(np.uint64) if a.dtype == np.int64 else a.astype(np.uint64)


def hash_templates(templates: list[tuple[np.ndarray | int, ...]], n: int, n_bits: int) -> np.ndarray:
    """Bucket ids, shape ``(n, len(templates))``: column ``t`` hashes template ``t``'s atoms.

    Each template is a tuple of atoms, each an integer array of length ``n``
    (or a scalar shared by all rows); the empty tuple is the bias.

    >>> a = np.array([7, 7, 8])
    >>> ids = hash_templates([(), (a,), (a, np.array([1, 2, 1]))], 3, 10)
    >>> ids.shape, bool(ids[0, 1] == ids[1, 1]), bool(ids[0, 2] == ids[1, 2])
    ((3, 3), True, False)
    """
    out = np.empty((len(templates), n), dtype=np.uint64)
    shift = np.uint64(64 - n_bits)
    as_u64: dict[int, np.ndarray] = {}  # atoms shared by several templates are converted once
    tmp = np.empty(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for t, atoms in enumerate(templates):
            h = out[t]
            seed = np.uint64(t + 1) * _M1
            if not atoms:
                h.fill(seed)
            for k, atom in enumerate(atoms):
                u = as_u64.get(id(atom))
                if u is None:
                    u = as_u64[id(atom)] = _as_u64(atom)
                # The first atom is added to the seed straight into the row: no separate fill.
                np.add(u, seed if k == 0 else h, out=h)
                h *= _M2
            # Mix the high bits into the low ones, then keep the top n_bits.
            np.right_shift(h, np.uint64(29), out=tmp)
            h ^= tmp
            h *= _M1
            h >>= shift
    return out.view(np.int64).T
