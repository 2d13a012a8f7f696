"""Token tables and hashed features for the attribution model, built with numpy.

The model scores thousands of candidates per batch of articles (cue words,
source-boundary tokens, growth steps). Building a list of feature strings for
each of them in Python would cost far more than scoring, so the features are
built column-wise instead:

* :func:`token_table` turns a batch of parsed documents into one
  :class:`Tokens` table: parallel integer arrays over all their tokens (word
  id, shape, lexicon class, sentence bounds, inside a quotation, newline
  before, running counts of commas and quotation marks).
* A feature template is a tuple of integer "atoms" (say the previous word
  and this word); :func:`hash_templates` hashes each candidate's atoms, with
  the template's number, into a bucket of the weight table of a
  :class:`~analysis.models.linear.HashedLogit`.

Atoms of different kinds live in different ranges (:data:`SHAPE`,
:data:`CLASS`, ...) so that a template mixing them ("the class of the previous
word, or its shape when it has none") never confuses a class with a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import repeat

import numpy as np

from analysis.extract.text import QUOTE_CHARS, Doc

__all__ = ["BOS", "CLASS", "EOS", "FLAG", "OUT_BOS", "OUT_EOS", "SHAPE", "UNK", "Tokens", "bucket", "hash_templates", "shape_code", "token_table"]

#: Word ids of an unknown word and of the positions before and after a sentence.
UNK, BOS, EOS = 0, 1, 2
#: Offsets that keep atoms of different kinds apart.
SHAPE = 1 << 32
CLASS = 2 << 32
FLAG = 3 << 32
#: Shape (or class) atoms of the positions before and after a sentence.
OUT_BOS = SHAPE + (1 << 20)
OUT_EOS = SHAPE + (1 << 20) + 1

_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xBF58476D1CE4E5B9)
_DASHES = {"―": "—", "–": "—", "‒": "—"}
_BUCKET_EDGES = np.array([1, 2, 3, 4, 6, 9, 13])


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


_SHAPES: dict[str, int] = {}


def _shapes(words: list[str]) -> list[int]:
    """Shape codes of ``words``; words seen before cost one dictionary lookup."""
    if len(_SHAPES) > 500_000:
        _SHAPES.clear()  # bounded memory on endless streams
    out = list(map(_SHAPES.get, words))
    for n, code in enumerate(out):
        if code is None:
            out[n] = _SHAPES[words[n]] = shape_code(words[n])
    return out


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


def token_table(docs: list[Doc], vocab: dict[str, int], word_class: np.ndarray) -> Tokens:
    """One :class:`Tokens` table over ``docs``.

    Args:
        docs: parsed documents.
        vocab: lower-case word -> id (ids from 3; unknown words get :data:`UNK`);
            the comma and quotation marks must be in it for the running counts.
        word_class: lexicon class code of each word id (0: none).

    >>> from analysis.extract.text import parse
    >>> t = token_table([parse("He said: no."), parse('"Yes," she said.')], {"said": 3, ",": 4}, np.zeros(5, int))
    >>> t.wid.tolist(), t.lo.tolist(), t.in_quote.tolist()[4:7]
    ([0, 3, 0, 0, 0, 0, 0, 4, 0, 0, 3, 0], [0, 0, 0, 0, 0, 5, 5, 5, 5, 5, 5, 5], [False, True, True])
    """
    lower: list[str] = []
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    sent_firsts: list[int] = []
    sent_of: list[int] = []
    quotes: list[tuple[int, int]] = []
    breaks: list[int] = []
    sizes: list[int] = []
    char_offsets: list[int] = []
    sent_offsets: list[int] = []
    n_tokens = n_chars = n_sents = 0
    # Plain list concatenation per document; the arrays are built once for the
    # batch and shifted to batch offsets (tokens, sentences, characters) there.
    for doc in docs:
        n = len(doc.words)
        low = doc.lower if len(doc.lower) == n else [w.lower() for w in doc.words]
        if "―" in doc.text or "–" in doc.text or "‒" in doc.text:
            low = [_DASHES.get(w, w) for w in low]
        lower += low
        words += doc.words
        starts += doc.starts
        ends += doc.ends
        sent_of += doc.sent_of
        sizes.append(n)
        char_offsets.append(n_chars)
        sent_offsets.append(n_sents)
        sent_firsts += [a + n_tokens for a, _ in doc.sent_bounds]
        quotes += [(a + n_chars, b + n_chars) for a, b in doc.quotes]
        breaks += [m.start() + n_chars for m in _NEWLINE.finditer(doc.text)]
        n_tokens += n
        n_chars += len(doc.text) + 1  # one character apart, so no token touches the next document's
        n_sents += len(doc.sent_bounds)
    sizes_arr = np.asarray(sizes, dtype=np.int64)
    doc_end = np.cumsum(sizes_arr)
    doc_start = doc_end - sizes_arr
    doc_of = np.repeat(np.arange(len(docs)), sizes_arr)
    wid = np.fromiter(map(vocab.get, lower, repeat(UNK)), dtype=np.int64, count=n_tokens)
    char_shift = np.asarray(char_offsets, dtype=np.int64)[doc_of]
    start = np.fromiter(starts, dtype=np.int64, count=n_tokens) + char_shift
    end = np.fromiter(ends, dtype=np.int64, count=n_tokens) + char_shift
    firsts = np.asarray(sent_firsts + [n_tokens], dtype=np.int64)
    sent = np.fromiter(sent_of, dtype=np.int64, count=n_tokens) + np.asarray(sent_offsets, dtype=np.int64)[doc_of]
    if quotes:
        q = np.asarray(quotes, dtype=np.int64)
        k = np.searchsorted(q[:, 0], start, side="right") - 1
        in_quote = (k >= 0) & (start < q[np.maximum(k, 0), 1])
    else:
        in_quote = np.zeros(n_tokens, dtype=bool)
    # A newline between the end of the previous token and the start of this one;
    # the first token of each document counts as following one.
    nl_at = np.asarray(breaks, dtype=np.int64)
    prev_end = np.concatenate(([-1], end[:-1]))
    newline = np.searchsorted(nl_at, start) > np.searchsorted(nl_at, prev_end)
    newline[doc_start[sizes_arr > 0]] = True
    is_comma = wid == vocab.get(",", -1)
    is_quote = np.isin(wid, [vocab[q] for q in QUOTE_CHARS if q in vocab])
    return Tokens(
        wid=wid,
        shape=np.fromiter(_shapes(words), dtype=np.int64, count=n_tokens),
        cls=word_class[wid],
        lo=firsts[sent],
        hi=firsts[sent + 1],
        doc=doc_of,
        doc_start=doc_start,
        doc_end=doc_end,
        in_quote=in_quote,
        newline=newline,
        comma_before=np.concatenate(([0], np.cumsum(is_comma))),
        quote_before=np.concatenate(([0], np.cumsum(is_quote))),
        words=words,
    )


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
            h.fill(np.uint64(t + 1) * _M1)
            for atom in atoms:
                u = as_u64.get(id(atom))
                if u is None:
                    u = as_u64[id(atom)] = np.asarray(atom).astype(np.uint64)
                h += u
                h *= _M2
            # Mix the high bits into the low ones, then keep the top n_bits.
            np.right_shift(h, np.uint64(29), out=tmp)
            h ^= tmp
            h *= _M1
            h >>= shift
    return out.view(np.int64).T
