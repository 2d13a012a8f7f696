"""Properties of extraction on generated and hostile text: it never raises, spans
are slices of the text, output is deterministic, and time stays near-linear."""

from __future__ import annotations

import importlib.util
import signal
from contextlib import contextmanager

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import config
from analysis.extract import extract_attributions, find_attributions
from analysis.pipeline import attribute
from analysis.schema import validate_attributions

# Words that make the rules fire, and characters that tend to break text code.
CUE_WORDS = ["said", "told", "says", "reported", "according to", "citing", "with reference to", "quoting",
             "added", "announced", "cited"]
SOURCE_WORDS = ["Reuters", "AFP", "Agence France-Presse", "UNN", "Al Qahera News", "a senior official",
                "a well-informed source", "sources familiar with the matter", "Benjamin Netanyahu", "Netanyahu",
                "the ministry", "He", "they", "Mr.", "Dr", "the", "and", "of", "spokesman", "Varga"]
PUNCTUATION = ['"', "“", "”", "‘", "’", "'", ",", ".", ":", ";", "!", "?", "…", "-", "–", "—", "(", ")", "\n", "\n\n"]
ODD = ["\u202e", "\u200f", "\u200b", "\ufeff", "\x00", "\x07", "\x1b", "\r", "\t", "\ufffd",
       "قال مسؤول", "אמר", "Москва", "北京", "🙂", "e\u0301", "ǅ", "ß", "İ", "ﬁ"]

_token = st.one_of(
    st.sampled_from(CUE_WORDS),
    st.sampled_from(SOURCE_WORDS),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(ODD),
    st.text(max_size=12),
    # very long tokens: plain, capitalised, hyphenated
    st.integers(min_value=50, max_value=3000).map(lambda n: "a" * n),
    st.integers(min_value=10, max_value=400).map(lambda n: "Word-" * n),
    st.integers(min_value=10, max_value=400).map(lambda n: "Alpha " * n),
)
TEXTS = st.one_of(
    st.lists(_token, max_size=60).map(" ".join),
    st.lists(_token, max_size=60).map("".join),
    st.text(max_size=300),
)

def _settings(n: int) -> settings:
    # derandomize: the same examples on every run; database=None: nothing written to disk.
    return settings(max_examples=n, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _check_spans(text: str, att: pd.DataFrame) -> None:
    for row in att.itertuples():
        for part in ("source", "cue"):
            start, end = getattr(row, f"{part}_start"), getattr(row, f"{part}_end")
            assert 0 <= start < end <= len(text), (part, start, end)
            assert text[start:end] == getattr(row, f"{part}_text")
        if not pd.isna(row.content_start):
            assert 0 <= row.content_start <= row.content_end <= len(text)


def _check_candidates(text: str) -> None:
    found = find_attributions(text, outlets=("UNN",))
    for c in found:
        for start, end in (c.source, c.cue):
            assert 0 <= start < end <= len(text)
        if c.content is not None:
            assert 0 <= c.content[0] <= c.content[1] <= len(text)
    assert find_attributions(text, outlets=("UNN",)) == found  # deterministic


def _check_corpus(texts: list[str]) -> None:
    arts = pd.DataFrame({"article_id": [f"a{i}" for i in range(len(texts))], "outlet": "UNN", "text": texts})
    extracted = extract_attributions(arts)
    for article_id, text in zip(arts["article_id"], texts):
        _check_spans(text, extracted[extracted["article_id"] == article_id])
    classified = attribute(arts, progress=False)
    validate_attributions(classified, arts)  # span invariant, known types and kinds
    pd.testing.assert_frame_equal(classified, attribute(arts, progress=False))  # same rows, same order


# One text at a time through the rules (no tables: cheap, so many examples).
@_settings(300)
@given(TEXTS)
def test_rules_never_raise_and_spans_lie_in_the_text(text):
    _check_candidates(text)


# Batches of texts through extract_attributions and attribute.
@_settings(6)
@given(st.lists(TEXTS, min_size=1, max_size=25))
def test_extraction_never_raises_and_spans_are_slices(texts):
    _check_corpus(texts)


@pytest.mark.slow
@_settings(4000)
@given(TEXTS)
def test_rules_thorough(text):
    _check_candidates(text)


@pytest.mark.slow
@_settings(120)
@given(st.lists(TEXTS, min_size=10, max_size=30))
def test_extraction_thorough(texts):
    _check_corpus(texts)


@_settings(4)
@given(st.lists(TEXTS, min_size=2, max_size=6))
def test_extraction_of_a_corpus_is_per_article(texts):
    """An article's attributions do not depend on the articles around it."""
    arts = pd.DataFrame({"article_id": [f"a{i}" for i in range(len(texts))], "text": texts})
    together = extract_attributions(arts)
    alone = pd.concat([extract_attributions(arts.iloc[[i]]) for i in range(len(texts))], ignore_index=True)
    pd.testing.assert_frame_equal(together, alone, check_index_type=False)


@pytest.mark.parametrize(
    "text",
    [
        "!" * 5000,  # sentence marks: once quadratic in the run's length
        "." * 5000 + " A said.",
        '“He said “she said “' * 200,
        '"' * 3001,
        "\u202e" + "said " * 500,
        "\x00" * 100 + "Reuters said\x00.",
        "a" * 100_000 + " said Reuters.",
    ],
)
def test_hostile_texts_regression(text):
    _check_candidates(text)
    _check_corpus([text])


# -- hang guard -------------------------------------------------------------------------------------------------

_spec = importlib.util.spec_from_file_location("adversarial", config.PROJ_ROOT / "benchmarks" / "adversarial.py")
adversarial = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(adversarial)

#: Seconds an adversarial text may take before it counts as a hang. Far above the
#: time it needs (see benchmarks/adversarial.py); only runaway (super-linear)
#: cost reaches it.
HANG_LIMIT = 60


@contextmanager
def hang_guard(seconds: int):
    """Raise if the block runs longer than ``seconds`` (Unix: SIGALRM)."""
    if not hasattr(signal, "SIGALRM"):
        pytest.skip("the hang guard needs SIGALRM")

    def fail(signum, frame):
        raise TimeoutError(f"still running after {seconds} s: runaway (super-linear) cost")

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize("case", sorted(adversarial.CASES))
def test_adversarial_input_does_not_hang(case):
    text = adversarial.CASES[case](50_000)
    with hang_guard(HANG_LIMIT):
        found = adversarial.run_case(text)
    assert found >= 0


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(adversarial.CASES))
def test_adversarial_200kb_input_does_not_hang(case):
    text = adversarial.CASES[case](200_000)
    assert len(text) == 200_000
    with hang_guard(HANG_LIMIT):
        adversarial.run_case(text)
