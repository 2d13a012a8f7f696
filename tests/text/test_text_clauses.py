"""Telling a reported clause from a noun phrase (analysis.text.clauses)."""

from __future__ import annotations

import pytest

from analysis.text.clauses import is_clause, is_open_ended, opens_on_verb, takes_object


@pytest.mark.parametrize("text, expected", [
    ("three more unanswered goals before the end of the period", False),
    ("responsibility for the attack", False),
    ("a 30 per cent drop in operating profit in the last quarter", False),
    ("0.5 per cent to close at $61.54 a barrel", False),
    ("at one debate", False),
    ("the infrastructure program would raise GDP", True),
    ("that the plan failed", True),
    ("whether the bridge opens", True),
    ("he's able to immerse himself in the moment", True),
    ("there’s misinformation on both sides", True),
    ("they include hikers and campers", True),
    ("the eurozone economy grew only 0.2 per cent", True),
    ("the debt load rose to $267 million", True),
    ("the company reported a loss", True),
    ('"We will rebuild."', True),
    ("", True),
])
def test_is_clause(text, expected):
    assert is_clause(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("That is a key reason why", True),
    ("Prices rose, and", True),
    ("Prices rose", False),
    ("", False),
])
def test_is_open_ended(text, expected):
    assert is_open_ended(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("was armed", True),
    ("stepped down on Monday", True),
    ("the vote was close", False),
    ("70 per cent of adults eat badly", False),
])
def test_opens_on_verb(text, expected):
    assert opens_on_verb(text) is expected


@pytest.mark.parametrize("verb, expected", [("added", True), ("Claimed", True), ("reports", True),
                                            ("said", False), ("told", False)])
def test_takes_object(verb, expected):
    assert takes_object(verb) is expected
