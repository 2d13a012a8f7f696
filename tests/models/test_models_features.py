"""Token tables and hashed feature templates of the attribution model."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.text.tokens import parse
import analysis.models.features as features
from analysis.models.features import (
    PENN_TAGS, UNK, WordCodes, bucket, guess_tag, hash_templates, pos_lexicon, shape_code, token_table,
)

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


def _tag(name: str) -> int:
    return PENN_TAGS.index(name) + 1


@pytest.mark.parametrize(
    "word, expected",
    [("Kyiv", "NNP"), ("1,200", "CD"), ("scrolling", "VBG"), ("glorped", "VBD"), ("briskly", "RB"),
     ("podcasts", "NNS"), ("chess", "NN"), ("blog", "NN"), (",", ","), ("$", "$"), ("§", "SYM")],
)
def test_guess_tag(word, expected):
    assert guess_tag(word) == _tag(expected)


def test_word_codes_take_tags_from_the_lexicon_then_lower_case_then_a_guess():
    lexicon = {"Will": _tag("NNP"), "will": _tag("MD"), "said": _tag("VBD")}
    codes = WordCodes({"said": 3, "will": 4}, lexicon=lexicon)
    assert WordCodes.split(codes["Will"]) == (4, shape_code("Will"), _tag("NNP"))  # as written first
    assert WordCodes.split(codes["SAID"]) == (3, shape_code("SAID"), _tag("VBD"))  # then lower-cased
    assert WordCodes.split(codes["vlogging"]) == (UNK, shape_code("vlogging"), _tag("VBG"))  # then guessed
    # Without a lexicon every tag is 0 and the code is the id and shape alone.
    assert WordCodes.split(WordCodes({"said": 3})["said"]) == (3, shape_code("said"), 0)


@pytest.mark.parametrize(
    "word, reads_as",
    [
        ("He’s", "he"), ("they're", "they"), ("I'm", "i"), ("We’ll", "we"), ("you'd", "you"),
        # A possessive or another word with a clitic stays itself.
        ("Clinton's", "clinton's"), ("That’s", "that’s"), ("hers", "hers"),
    ],
)
def test_word_codes_read_a_pronoun_with_a_contracted_verb_as_the_pronoun(word, reads_as):
    lexicon = {"he": _tag("PRP"), "they": _tag("PRP"), "i": _tag("PRP"), "we": _tag("PRP"), "you": _tag("PRP")}
    vocab = {w: n for n, w in enumerate(["he", "they", "i", "we", "you", "clinton's", "that’s", "hers"], start=3)}
    wid, shape, tag = WordCodes.split(WordCodes(vocab, lexicon=lexicon)[word])
    assert wid == vocab[reads_as]
    assert shape == shape_code(word)  # the shape is the word's as written
    assert (tag == _tag("PRP")) == (reads_as in lexicon)


def test_word_codes_refuse_a_vocabulary_too_large_for_the_id_bits():
    with pytest.raises(ValueError, match="vocabulary"):
        WordCodes(dict.fromkeys(map(str, range(1 << 19)), 5))


def test_token_table_carries_tags_and_ids_apart():
    lexicon = {"He": _tag("PRP"), "said": _tag("VBD"), "it": _tag("PRP"), ".": _tag(".")}
    vocab = {**VOCAB, "it": (1 << 19) - 1}  # the largest id must not spill into the tag bits
    t = token_table([parse("He said it.")], WordCodes(vocab, lexicon=lexicon), np.zeros(1 << 19, dtype=np.int64))
    assert [PENN_TAGS[c - 1] for c in t.tag.tolist()] == ["PRP", "VBD", "PRP", "."]
    assert t.wid.tolist() == [UNK, 5, (1 << 19) - 1, UNK]


def test_pos_lexicon_reads_first_tags_and_skips_comments(tmp_path, monkeypatch):
    path = tmp_path / "en-lexicon.txt"
    path.write_text(";;; a comment line\nsaid VBD\nrecord NN|VB\nodd XYZ\nNew York NNP\n", encoding="utf-8")
    monkeypatch.setattr(features, "_lexicon_path", lambda: path)
    pos_lexicon.cache_clear()
    try:
        lexicon = pos_lexicon()
    finally:
        pos_lexicon.cache_clear()
    # Unknown tags are dropped; a word of several tags keeps its first.
    assert lexicon == {"said": _tag("VBD"), "record": _tag("NN"), "New York": _tag("NNP")}


def test_pos_lexicon_names_the_missing_package(monkeypatch):
    monkeypatch.setattr(features.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ImportError, match="pip install textblob"):
        features._lexicon_path()


def test_shipped_lexicon_tags_cue_words():
    lexicon = pos_lexicon()
    assert {w: PENN_TAGS[lexicon[w] - 1] for w in ("says", "told", "according")} == {"says": "VBZ", "told": "VBD", "according": "VBG"}
