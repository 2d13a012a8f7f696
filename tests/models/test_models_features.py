"""Token tables and hashed feature templates of the attribution model."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.extract.text import parse
from analysis.models.features import UNK, WordCodes, bucket, hash_templates, shape_code, token_table

VOCAB = {",": 3, '"': 4, "said": 5, "she": 6}


@pytest.mark.parametrize("word, expected", [("Trump", 1), ("NATO", 2), ("said", 3), ("2016", 4), ("“", 5), (":", 16 + ord(":"))])
def test_shape_code(word, expected):
    assert shape_code(word) == expected


@pytest.mark.parametrize("distance, expected", [(0, 0), (1, 1), (3, 3), (4, 4), (5, 4), (6, 5), (8, 5), (9, 6), (12, 6), (13, 7), (99, 7)])
def test_bucket(distance, expected):
    assert bucket(np.array([distance])).tolist() == [expected]


def test_token_table_shifts_each_document_to_batch_offsets():
    docs = [parse("He said it. She left."), parse('"No," she said.\nThen, more.')]
    t = token_table(docs, WordCodes(VOCAB), np.zeros(7, dtype=np.int64))
    n0 = len(docs[0].words)
    assert len(t) == n0 + len(docs[1].words)
    assert t.doc_start.tolist() == [0, n0]
    # Sentence bounds of the second document are its own, shifted by the first's length.
    for g in range(n0, len(t)):
        local = docs[1].sent_bounds[docs[1].sent_of[g - n0]]
        assert (t.lo[g], t.hi[g]) == (local[0] + n0, local[1] + n0)
    # Quotation state and newlines come from the second document's own text.
    assert t.in_quote[n0: n0 + 4].tolist() == [True, True, True, False]  # the closing mark is outside
    assert not t.in_quote[:n0].any()
    then = n0 + docs[1].words.index("Then")
    assert t.newline[then] and t.newline[0] and t.newline[n0] and not t.newline[then + 1]
    assert t.wid[n0 + docs[1].words.index("she")] == 6
    assert t.wid[0] == UNK
    # Running counts of commas: two in the batch, both in the second document.
    assert t.comma_before[-1] == 2 and t.comma_before[n0] == 0


def test_hash_templates_separates_templates_and_values():
    a = np.array([7, 7, 8, 7])
    b = np.array([1, 1, 1, 2])
    ids = hash_templates([(), (a,), (a, b), (b, a)], 4, 20)
    assert ids.shape == (4, 4)
    assert len(set(ids[:, 0].tolist())) == 1  # the bias is one feature
    assert ids[0, 1] == ids[1, 1] != ids[2, 1]
    assert ids[0, 2] == ids[1, 2] != ids[3, 2]
    assert ids[0, 2] != ids[0, 3]  # same atoms, other template
    assert ((ids >= 0) & (ids < 1 << 20)).all()


def test_hash_templates_is_stable_across_calls():
    a = np.arange(50)
    assert (hash_templates([(a,)], 50, 22) == hash_templates([(a.copy(),)], 50, 22)).all()


def test_word_codes_stay_bounded():
    codes = WordCodes({"said": 3}, max_size=3)
    for w in ["a", "b", "c", "d", "Said"]:
        codes[w]
    assert len(codes) <= 3
    assert codes["Said"] >> 21 == 3
