"""Relay wording of wire copy: via, relay chains, and what a credit formula credits."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.extract import extract_attributions
from analysis.sources import classify_sources, relay_chains


def read(text: str) -> pd.DataFrame:
    arts = pd.DataFrame({"article_id": ["a"], "text": [text], "outlet": ["Daily Ledger"]})
    att = classify_sources(extract_attributions(arts), arts)
    chains = relay_chains(att, arts)
    content = [text[int(s): int(e)] if not pd.isna(s) else None for s, e in zip(att["content_start"], att["content_end"])]
    return att.assign(content=content, chain=chains["chain"].to_numpy(), depth=chains["depth"].to_numpy())


@pytest.mark.parametrize("text, source, via, content, depth", [
    ("The talks stalled over the weekend, according to Reuters, citing two people familiar with the matter.",
     "two people familiar with the matter", "Reuters", "The talks stalled over the weekend", 2),
    ("The convoy was hit near the border, according to AFP, which quoted a senior official.",
     "a senior official", "AFP", "The convoy was hit near the border", 2),
    ("The convoy was hit near the border, according to AFP, which cited a senior official.",
     "a senior official", "AFP", "The convoy was hit near the border", 2),
    ("The minister said the plan had failed, the BBC reported.", "The minister", "BBC", "the plan had failed", 2),
    ("The ceasefire will hold, a Hamas official told Al Jazeera, as quoted by AFP.",
     "a Hamas official", "Al Jazeera", "The ceasefire will hold", 3),
    ("So far, no progress has been made in the talks, UNN reports with reference to VRT.",
     "VRT", "UNN", "So far, no progress has been made in the talks", 2),
    # "X reported, citing Y, that ...": Y's content is X's clause, after the formula.
    ("The Cairo radio Al Qahera News reported, citing a well-informed source, that the envoys would return.",
     "a well-informed source", "Al Qahera News", "that the envoys would return", 2),
])
def test_relay_wording(text, source, via, content, depth):
    got = read(text)
    row = got[got["source_text"] == source]
    assert len(row) == 1, got[["source_text", "cue_text", "via"]]
    r = row.iloc[0]
    assert (r["via"], r["content"], r["depth"]) == (via, content, depth)


def test_two_media_make_one_chain():
    got = read("The ceasefire will hold, a Hamas official told Al Jazeera, as quoted by AFP.")
    chain = got.loc[got["source_text"] == "a Hamas official", "chain"].iloc[0]
    assert chain == "Daily Ledger > AFP > Al Jazeera > a Hamas official"
    # AFP is a row of its own, cited directly.
    afp = got[got["source_text"] == "AFP"]
    assert len(afp) == 1 and pd.isna(afp["via"].iloc[0])


@pytest.mark.parametrize("text, source, content", [
    # The content of a formula after its clause is the clause.
    ("So far, no progress has been made in the talks, UNN reports with reference to VRT.", "UNN",
     "So far, no progress has been made in the talks"),
    ('The group will return on Tuesday, Al Qahera News reported, citing a "well-informed source."',
     "well-informed source", "The group will return on Tuesday"),
    ("The minister said the plan had failed, the BBC reported.", "BBC", "The minister said the plan had failed"),
])
def test_credit_formula_content_is_the_clause(text, source, content):
    got = read(text)
    assert got.loc[got["source_text"] == source, "content"].tolist() == [content]


@pytest.mark.parametrize("text, source, content", [
    # What comes before the formula is no clause of its own: the formula credits what follows.
    ("That is why, according to federal data, 70 per cent of adults eat too much salt.",
     "federal data", "70 per cent of adults eat too much salt"),
    ("In the long run, according to the central bank, prices will settle.",
     "the central bank", "prices will settle"),
    # A clause before the formula is what it credits.
    ("Prices rose in March, according to the agency, and the market fell.", "the agency", "Prices rose in March"),
    # A subject before the formula and its verb after: the clause is the subject's.
    ("The driver, according to police, was not hurt.", "police", "The driver"),
    # A possessive before the source's head, a phrase after it, an aside on it.
    ("According to the union's survey, most members back the strike.", "the union's survey",
     "most members back the strike"),
    ("According to a review of the 2019 accounts, the city overspent.", "a review", "the city overspent"),
    ("According to the study — which drew on two databases — retail is the largest employer of students.",
     "the study", "retail is the largest employer of students"),
    ("According to the study, which drew on two databases, retail is the largest employer of students.",
     "the study", "retail is the largest employer of students"),
])
def test_what_a_credit_formula_credits(text, source, content):
    got = read(text)
    row = got[got["source_text"] == source]
    assert len(row) == 1, got[["source_text", "cue_text", "content"]]
    assert row.iloc[0]["content"] == content
