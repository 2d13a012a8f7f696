"""Content spans by the PolNeAR conventions (analysis.extract.content).

Every case is a sentence written for this test: (text, cue, source, expected
content). The cue and the source are given as words of the text (the first
occurrence; ``cue`` may be several words), the expected content as the exact
text of the span, or ``None`` when the cue reports nothing.
"""

from __future__ import annotations

import pytest

from analysis.extract.content import content_span
from analysis.text.tokens import parse


def _find(doc, phrase: str, start: int = 0) -> tuple[int, int]:
    """Token range of the first occurrence of ``phrase`` at or after token ``start``."""
    n = len(parse(phrase).words)
    target = parse(phrase).words
    for i in range(start, len(doc.words) - n + 1):
        if doc.words[i: i + n] == target:
            return i, i + n - 1
    raise AssertionError(f"{phrase!r} not in {doc.text!r}")


def _content(text: str, cue: str, source: str | None) -> str | None:
    doc = parse(text)
    cue_tokens = _find(doc, cue)
    src = _find(doc, source) if source else None
    span = content_span(doc, cue_tokens, src)
    return None if span is None else text[span[0]: span[1]]


CASES = [
    # "quoted X as saying": the content follows the "as saying".
    ("The radio quoted the governor as saying that the dam had held.", "quoted", "The radio", "that the dam had held"),
    # A relayed source between the cue and its clause is an aside, not the content.
    ("The Cairo radio reported, citing a well-placed source, that the envoys would return.", "reported",
     "The Cairo radio", "that the envoys would return"),
    ("The agency wrote, quoting two officials, that the road had reopened.", "wrote", "The agency",
     "that the road had reopened"),
    # Reported clauses: "that" belongs to the content, the final period does not.
    ("The mayor said that the bridge would reopen in May.", "said", "The mayor",
     "that the bridge would reopen in May"),
    ("The mayor said the bridge would reopen in May.", "said", "The mayor", "the bridge would reopen in May"),
    # Addressees before the "that" stay out, however long.
    ("Ms. Ortiz told council members from three wards that the budget was short.", "told", "Ms. Ortiz",
     "that the budget was short"),
    ("The coach told the team: \"We play to win.\"", "told", "The coach", "\"We play to win.\""),
    ("The coach told reporters the season was over.", "told", "The coach", "the season was over"),
    # "warned", "urged", "asked": the addressee is part of what they report unless a "that" follows.
    ("The coach warned the players against complacency.", "warned", "The coach",
     "the players against complacency"),
    ("The coach warned the players that the season was long.", "warned", "The coach",
     "that the season was long"),
    # Content before the cue, with or without an adverbial after it.
    ("The season is over, the coach said.", "said", "the coach", "The season is over"),
    ("The season is over, the coach said on Sunday.", "said", "the coach", "The season is over"),
    ("The season is over, the coach said in an interview with Radio Nord.", "said", "the coach",
     "The season is over"),
    # "According to X, ...": the content follows the source.
    ("According to the report, the river rose by two meters.", "According to", "the report",
     "the river rose by two meters"),
    # One content in two pieces around the attribution.
    ("The river, the engineer said, rose by two meters.", "said", "the engineer",
     "The river, the engineer said, rose by two meters"),
    ("The river, as the engineer pointed out, rose by two meters.", "pointed out", "the engineer",
     "The river, as the engineer pointed out, rose by two meters"),
    # Direct quotations keep their marks; words before the mark belong to the content.
    ('"The dam is safe," the engineer said.', "said", "the engineer", '"The dam is safe,"'),
    ('The dam is "perfectly safe," the engineer said.', "said", "the engineer", 'The dam is "perfectly safe,"'),
    ("''The dam is safe,'' the engineer said.", "said", "the engineer", "''The dam is safe,''"),
    ('The water rose. "Who could have known?" the engineer asks as the crowd watches.', "asks", "the engineer",
     '"Who could have known?"'),
    # An interrupted quotation is one content, even after a long attribution ...
    ('"The dam is safe," the engineer said. "It will hold."', "said", "the engineer",
     '"The dam is safe," the engineer said. "It will hold."'),
    ('"The dam is safe," the engineer told reporters at the site on Friday. "It will hold."', "told",
     "the engineer",
     '"The dam is safe," the engineer told reporters at the site on Friday. "It will hold."'),
    ('"The dam is safe," the engineer said, "and it will hold."', "said", "the engineer",
     '"The dam is safe," the engineer said, "and it will hold."'),
    # ... but not when the second quotation has an attribution of its own.
    ('"The dam is safe," the engineer said. "It will hold," the mayor added.', "said", "the engineer",
     '"The dam is safe,"'),
    ('"The dam is safe," the engineer said. She added: "It will hold."', "said", "the engineer",
     '"The dam is safe,"'),
    ('"The dam is safe," the engineer said after the mayor called it "a risk."', "said", "the engineer",
     '"The dam is safe,"'),
    # ... nor after a whole sentence between the two.
    ('"The dam is safe," says the engineer, a local. She says the river is low. "It will hold."', "says",
     "the engineer", '"The dam is safe,"'),
    # A quotation running over paragraphs: each paragraph reopens it.
    ('The engineer said: "The dam is safe.\n\n"It will hold for years."\n\nThe mayor agreed.', "said",
     "The engineer", '"The dam is safe.\n\n"It will hold for years."'),
    # A participle after the source's own verb reports what follows it.
    ('"The dam is safe," the engineer said, adding that it would hold.', "adding", "the engineer",
     "that it would hold"),
    ('The dam is safe, the engineer said, adding that it would hold.', "said", "the engineer",
     "The dam is safe"),
    # A reported clause ends where another clause starts ...
    ("The engineer said the dam was safe, saying it had been inspected.", "said", "The engineer",
     "the dam was safe"),
    ("The engineer said the dam was safe, but the mayor disagreed.", "said", "The engineer",
     "the dam was safe"),
    ("The engineer said the dam was safe; the mayor disagreed.", "said", "The engineer", "the dam was safe"),
    ("The engineer said the dam was \"perfectly safe,\" adding nothing else.", "said", "The engineer",
     'the dam was "perfectly safe,"'),
    ("The engineer said the dam was safe and added that it would hold.", "said", "The engineer",
     "the dam was safe"),
    # ... but an aside between commas or dashes stays in.
    ("The engineer said the dam, which opened in 1960, was safe.", "said", "The engineer",
     "the dam, which opened in 1960, was safe"),
    ("The engineer said the dam — the oldest in the region — was safe.", "said", "The engineer",
     "the dam — the oldest in the region — was safe"),
    # "--" typed as two hyphens is one dash, whether it opens an aside or ends the clause.
    ("The engineer said the dam -- the oldest in the region -- was safe.", "said", "The engineer",
     "the dam -- the oldest in the region -- was safe"),
    ("The engineer said the dam was safe -- even as the river rose.", "said", "The engineer",
     "the dam was safe"),
    # A hyphen that is no dash ends nothing.
    ("The engineer said the dam has above- and below-ground sensors.", "said", "The engineer",
     "the dam has above- and below-ground sensors"),
    ("The engineer said the dam was safe, including the spillway.", "said", "The engineer",
     "the dam was safe, including the spillway"),
    # Relative pronouns open the content or stand for it.
    ("The plan, which the engineer opposed, failed.", "opposed", "the engineer", "which"),
    ('It was what the engineer called "a disaster."', "called", "the engineer", 'what the engineer called "a disaster."'),
    # A colon opens everything up to the end of its paragraph.
    ("MAYOR GARCIA: The bridge is closed. Use the ferry.\nREPORTER: Until when?", ":", "MAYOR GARCIA",
     "The bridge is closed. Use the ferry"),
    # An opening subordinate clause's comma leads on to the main clause.
    ("The mayor said that if the river rises, the bridge will close, citing the forecast.", "said", "The mayor",
     "that if the river rises, the bridge will close"),
    # A sentence in brackets: the brackets stay out.
    ("The dam held. (The engineer says it was built to last.)", "says", "The engineer", "it was built to last"),
    ("The dam held. (It was built to last, the engineer says.)", "says", "the engineer", "It was built to last"),
    # One word can be a whole content.
    ("The mayor endorsed Garcia.", "endorsed", "The mayor", "Garcia"),
    # Nothing reported.
    ("The mayor said.", "said", "The mayor", None),
    # The period of an abbreviation that ends the sentence is the abbreviation's own.
    ("He said he would ban them from the U.S. They left.", "said", "He", "he would ban them from the U.S."),
    ("She said the rally was held in Washington, D.C. Then it rained.", "said", "She",
     "the rally was held in Washington, D.C."),
    ("He said the deal was signed by Acme Inc. The shares rose.", "said", "He", "the deal was signed by Acme Inc."),
    ("He said the deal was signed in Paris. The shares rose.", "said", "He", "the deal was signed in Paris"),
]


@pytest.mark.parametrize("text, cue, source, expected", CASES)
def test_content_span(text, cue, source, expected):
    assert _content(text, cue, source) == expected


def test_content_span_without_source():
    text = "Officials said on Friday that the road was closed."
    doc = parse(text)
    span = content_span(doc, _find(doc, "said"), None)
    assert text[span[0]: span[1]] == "that the road was closed"


def test_content_span_stays_in_its_neighbourhood():
    # A cue's content never reaches into quotations far away in the document.
    filler = " ".join(["The council met again."] * 200)
    text = 'The mayor said the plan failed. ' + filler + ' "It was late," he said.'
    doc = parse(text)
    span = content_span(doc, _find(doc, "said"), _find(doc, "The mayor"))
    assert text[span[0]: span[1]] == "the plan failed"


@pytest.mark.parametrize(
    "text, stop_at, expected",
    [
        # A learned decision at each comma outside quotations replaces the word lists.
        ("The mayor said the bridge, old as it is, would reopen in May.", 1, "the bridge"),
        ("The mayor said the bridge, old as it is, would reopen in May.", 2, "the bridge, old as it is"),
        ("The mayor said the bridge, old as it is, would reopen in May.", None,
         "the bridge, old as it is, would reopen in May"),
        # Commas inside a quotation are not asked about.
        ('The mayor said the bridge was "old, tired, done" and closed it.', 1,
         'the bridge was "old, tired, done" and closed it'),
        # An "and" after no comma is asked about too ("and" stands for it here).
        ("The mayor said the bridge would reopen and praised the crew.", "and", "the bridge would reopen"),
        ("The mayor said the bridge would reopen and praised the crew.", None,
         "the bridge would reopen and praised the crew"),
        ("The mayor said the bridge, old as it is, would reopen, and praised the crew.", 3,
         "the bridge, old as it is, would reopen"),
    ],
)
def test_content_span_asks_stop_at_commas(text, stop_at, expected):
    doc = parse(text)
    asked: list[int] = []

    def stop(low, words, cue, j, t, k, last, e):
        assert words[t] in (",", "and") and low == [w.lower() for w in words] and words[cue] == "said"
        if words[t] == "and":
            assert words[t - 1] != ","  # ", and" is the comma's decision
            return stop_at == "and"
        asked.append(k)
        return k == stop_at

    span = content_span(doc, _find(doc, "said"), _find(doc, "The mayor"), stop=stop)
    assert text[span[0]: span[1]] == expected
    assert asked == list(range(1, len(asked) + 1))


def test_shipped_model_stops_a_clause_at_a_participle():
    from analysis.models import load_model

    model = load_model(warn=False)
    if model is None or getattr(model, "content_break_", None) is None:
        pytest.skip("no shipped model with a comma decision (run `make model`)")
    doc = parse("The mayor said the bridge would reopen in May, saying the repairs were done.")
    span = content_span(doc, _find(doc, "said"), _find(doc, "The mayor"), stop=model.comma_stop)
    assert doc.text[span[0]: span[1]] == "the bridge would reopen in May"


@pytest.mark.parametrize(("n_ands", "asked"), [(3, 3), (12, 12), (40, 12)])
def test_the_learned_stop_is_asked_about_a_dozen_ands_at_most(n_ands, asked):
    # "according to Reuters and AFP and ...": a long list is one phrase, and asking at each "and" cost most of the time.
    from analysis.extract.content import MAX_ANDS, _cut_at_break

    doc = parse("She said " + " and ".join(["Reuters"] * (n_ands + 1)) + " agreed.")
    low = [w.lower() for w in doc.words]
    calls = []

    def stop(*args):
        calls.append(args)
        return False

    _cut_at_break(doc, low, 2, len(doc.words) - 2, stop=stop, cue=1)
    assert MAX_ANDS == 12 and len(calls) == asked
