"""Merging rules and the learned model; span conventions; the rules-only fallback."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.extract import attributions as attributions_module
from analysis.extract import extract_attributions, find_attributions
from analysis.extract.hybrid import _signatures, _split_clitic, _transcript_turns, merge, name_span, quote_kind_of, quote_marks
from analysis.extract.rules import Candidate
from analysis.text.tokens import parse
from analysis.models.attribution import Found


@pytest.mark.parametrize(
    "text, span, expected",
    [
        ('He said "no," and left.', (8, 13), "direct"),
        ('She said it was "far from final".', (12, 33), "mixed"),
        ("She said it was over.", (9, 20), "indirect"),
        ("''No,'' he said.", (0, 7), "direct"),
    ],
)
def test_quote_kind_of(text, span, expected):
    assert quote_kind_of(parse(text), span) == expected


@pytest.mark.parametrize(
    "text, source, cue, expected",
    [
        ("He’s expecting a win.", "He’s", "expecting", ("He", "’s expecting")),
        ("They're sure of it.", "They're", "sure", ("They", "'re sure")),
        ("That's what she thinks.", "That's", "what", ("That", "'s what")),
        # A possessive stays with its source.
        ("Clinton's assertion stands.", "Clinton's", "assertion", ("Clinton's", "assertion")),
        ("Mr. Trump’s claims were false.", "Mr. Trump’s", "claims", ("Mr. Trump’s", "claims")),
        # Not right before the cue, or no clitic: unchanged.
        ("He’s, they say, sure.", "He’s", "say", ("He’s", "say")),
        ("Trump’s aide said so.", "Trump’s aide", "said", ("Trump’s aide", "said")),
        ("Its said.", "Its", "said", ("Its", "said")),
    ],
)
def test_split_clitic(text, source, cue, expected):
    s, c = text.index(source), text.index(cue)
    cand = Candidate((s, s + len(source)), (c, c + len(cue)), None, "indirect", 0)
    _split_clitic(text, cand)
    assert (text[cand.source[0]: cand.source[1]], text[cand.cue[0]: cand.cue[1]]) == expected


@pytest.mark.parametrize(
    "text, phrase, expected",
    [
        ("the BBC reported", "the BBC", "BBC"),
        ("Mara Quennell, the chief executive, said", "Mara Quennell, the chief executive,", "Mara Quennell"),
        ("the campaign said", "the campaign", "the campaign"),
        ('a "well-placed source" said', '"well-placed source"', "well-placed source"),
    ],
)
def test_name_span(text, phrase, expected):
    rules = attributions_module._extractor(frozenset())
    start = text.index(phrase)
    s, e = name_span(parse(text), (start, start + len(phrase)), rules)
    assert text[s:e] == expected


def test_unknown_convention_is_an_error():
    with pytest.raises(ValueError, match="convention"):
        extract_attributions(pd.DataFrame({"article_id": ["a"], "text": ["Reuters said so."]}), convention="x")
    with pytest.raises(ValueError, match="convention"):
        find_attributions("Reuters said so.", convention="x")


def test_without_model_the_rules_work_alone(monkeypatch):
    monkeypatch.setattr(attributions_module, "_model", lambda: None)
    got = extract_attributions(pd.DataFrame({"article_id": ["a"], "text": ["The talks failed, Reuters reported."]}))
    assert got["source_text"].tolist() == ["Reuters"]
    doc = parse("The talks failed, Reuters reported.")
    rules = attributions_module._extractor(frozenset())
    assert merge(doc, rules.find(doc), None, rules) == rules.find(doc)


def _blorf_model():
    """A model fitted on a toy corpus whose made-up cue word ("blorfed") neither the rules nor the shipped model know."""
    from analysis.models import AttributionModel

    texts = [f"Senator {n} blorfed the plan would fail. The sky was {w}." for n, w in
             zip(["Ames", "Bolt", "Cray", "Dunn", "Egan", "Ford"], ["blue", "grey", "dark", "pale", "red", "clear"])]
    rows = [{"article_id": f"a{i}", "source_start": 0, "source_end": t.index(" blorfed"),
             "cue_start": t.index("blorfed"), "cue_end": t.index("blorfed") + 7} for i, t in enumerate(texts)]
    articles = pd.DataFrame({"article_id": [f"a{i}" for i in range(len(texts))], "text": texts})
    return AttributionModel(C=10.0, min_cue_count=1, min_cue_rate=0.0).fit(articles, pd.DataFrame(rows))


def test_a_given_model_replaces_the_shipped_one():
    arts = pd.DataFrame({"article_id": ["a"], "text": ["Senator Gray blorfed the bridge would open."]})
    assert "blorfed" not in extract_attributions(arts, convention="polnear")["cue_text"].tolist()
    got = extract_attributions(arts, convention="polnear", model=_blorf_model())
    assert got[["source_text", "cue_text"]].values.tolist() == [["Senator Gray", "blorfed"]]


def test_an_unfitted_model_is_refused():
    from analysis.models import AttributionModel

    arts = pd.DataFrame({"article_id": ["a"], "text": ["Reuters said so."]})
    with pytest.raises(ValueError, match="not fitted"):
        extract_attributions(arts, model=AttributionModel())


def test_every_row_is_a_slice_under_both_conventions():
    text = ('"We lost," said Rep. Jim Clyburn, the assistant leader. He said the vote was fair, '
            "according to the Associated Press. Voters, who believe the count, stayed home.")
    arts = pd.DataFrame({"article_id": ["a"], "text": [text]})
    for convention in ("sourcescope", "polnear"):
        got = extract_attributions(arts, convention=convention)
        assert len(got) >= 2
        for r in got.itertuples():
            assert text[r.source_start: r.source_end] == r.source_text
            assert text[r.cue_start: r.cue_end] == r.cue_text
            if not pd.isna(r.content_start):
                assert 0 <= r.content_start < r.content_end <= len(text)


POLNEAR_CASES = [
    # (text, [(source, cue, content)]) under convention="polnear", with the shipped model
    ("He said the vote was fair.", [("He", "said", "the vote was fair")]),
    ("The senator, who said the vote was fair, left early.", [("who", "said", "the vote was fair")]),
    ('"We will win," said Rep. Jim Clyburn, the assistant leader.',
     [("Rep. Jim Clyburn, the assistant leader", "said", '"We will win,"')]),
    ('"It is over," she said. "We lost."', [("she", "said", '"It is over," she said. "We lost."')]),
    ("The plan will fail, according to the New York Post.", [("the New York Post", "according to", "The plan will fail")]),
    ("A spokesman for the campaign told CNN that the plan had failed.",
     [("A spokesman for the campaign", "told", "that the plan had failed")]),
    ("Mara Quennell, the company's chief executive, said the deal was done.",
     [("Mara Quennell, the company's chief executive,", "said", "the deal was done")]),
    ('"We deserve better." ― Jane Doe\nMore text here.', [("Jane Doe", "―", '"We deserve better."')]),
    ("Sanders believes the system is rigged.", [("Sanders", "believes", "the system is rigged")]),
    # Where rules and model disagree on a source that is no medium, the model's reading stands.
    ("Jones, talking with reporters at the airport, objected to a quick audit of the city's books and said "
     "the council would wait.",
     [("Jones, talking with reporters at the airport,", "said", "the council would wait")]),
]


@pytest.mark.parametrize("text, expected", POLNEAR_CASES)
def test_polnear_convention(text, expected):
    if attributions_module._model() is None:
        pytest.skip("no shipped model")
    got = extract_attributions(pd.DataFrame({"article_id": ["a"], "text": [text]}), convention="polnear")
    rows = [(r.source_text, r.cue_text, text[r.content_start: r.content_end]) for r in got.itertuples()]
    assert rows == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The plan will fail, according to the New York Post.", "New York Post"),
        ("Mara Quennell, the company's chief executive, said the deal was done.", "Mara Quennell"),
    ],
)
def test_sourcescope_convention_spans_names(text, expected):
    got = extract_attributions(pd.DataFrame({"article_id": ["a"], "text": [text]}))
    assert got["source_text"].tolist() == [expected]


@pytest.mark.parametrize("content, expected", [
    ((8, 13), "direct"), ((28, 50), "mixed"), ((28, 33), "indirect"), ((7, 14), "direct"), ((0, 2), "indirect"),
    ((33, 36), "mixed"), ((35, 36), "indirect"), ((14, 14), "indirect"),
])
def test_quote_kind_with_and_without_precomputed_marks(content, expected):
    doc = parse('He said "no," and she said it was "far from final".')
    assert quote_kind_of(doc, content) == expected
    assert quote_kind_of(doc, content, marks=quote_marks(doc)) == expected


TRANSCRIPT = ('Asked about the debate, the governor was blunt. A partial transcript:\n\n'
              '"MORGAN: Will you debate him?\n\n'
              '"GOV. ELLA VANCE: Yes, as often as he likes.  \n\n'
              '"MORGAN: Even on Sunday?\n\n'
              '"GOV. ELLA VANCE: Even then.\n')


@pytest.mark.parametrize(
    "text, expected",
    [
        (TRANSCRIPT, [("MORGAN", "Will you debate him?"), ("GOV. ELLA VANCE", "Yes, as often as he likes."),
                      ("MORGAN", "Even on Sunday?"), ("GOV. ELLA VANCE", "Even then.")]),
        # One speaker alone, however often: a heading or a quoted statement, not a dialogue.
        ("KELLER: We will.\nKELLER: We must.\nKELLER: We can.\n", []),
        # A label seen once is no turn; the others still are.
        ("UPDATE: the vote moved.\nLEE: Why?\nPAK: Rain.\nLEE: Ok.\nPAK: Yes.\n",
         [("LEE", "Why?"), ("PAK", "Rain."), ("LEE", "Ok."), ("PAK", "Yes.")]),
        # Question-and-answer letters name no one; mixed-case labels are headings.
        ("Q: Why?\nA: Rain.\nQ: When?\nA: Soon.\n", []),
        ("Video: the rally.\nPhoto: the crowd.\nVideo: the speech.\nPhoto: the stage.\n", []),
        # Not at the start of a line.
        ("He said LEE: yes and PAK: no, then LEE: maybe and PAK: never.", []),
    ],
)
def test_transcript_turns(text, expected):
    doc = parse(text)
    got = _transcript_turns(doc, [])
    assert [(text[c.source[0]:c.source[1]], text[c.content[0]:c.content[1]]) for c in got] == expected
    assert all(text[c.cue[0]:c.cue[1]] == ":" and c.quote_kind == "direct" for c in got)


def test_transcript_turns_leave_a_found_colon_alone():
    doc = parse(TRANSCRIPT)
    first_colon = TRANSCRIPT.index(":", TRANSCRIPT.index("MORGAN"))
    found = [Candidate((0, 1), (first_colon, first_colon + 1), None, "direct", 0)]
    assert [TRANSCRIPT[c.source[0]:c.source[1]] for c in _transcript_turns(doc, found)] == [
        "GOV. ELLA VANCE", "MORGAN", "GOV. ELLA VANCE"]


@pytest.mark.parametrize("convention", ["sourcescope", "polnear"])
def test_transcript_turns_are_attributions_under_both_conventions(convention):
    if attributions_module._model() is None:
        pytest.skip("the turns are added where rules and model merge")
    got = extract_attributions(pd.DataFrame({"article_id": ["a"], "text": [TRANSCRIPT]}), convention=convention)
    turns = got[got["cue_text"] == ":"]
    assert turns["source_text"].tolist() == ["MORGAN", "GOV. ELLA VANCE", "MORGAN", "GOV. ELLA VANCE"]
    assert (turns["quote_kind"] == "direct").all()


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"We deserve better." ― Jane Doe\nMore text.', [("Jane Doe", "―", '"We deserve better."')]),
        ('"We deserve better." — Jane Doe, a voter in Ohio.', [("Jane Doe", "—", '"We deserve better."')]),
        # A hyphen signs from the start of the line after the quotation ...
        ('"Taxes will rise."\n\n- Ann Lee.\n\nShe is wrong.', [("Ann Lee", "-", '"Taxes will rise."')]),
        ('"Great speech."\n-President Obama, tweeting.\n', [("President Obama", "-", '"Great speech."')]),
        # ... not inside a line, and not before words that make no name at a line or sentence end.
        ('"Taxes will rise." - Ann Lee.', []),
        ('"Taxes will rise."\n- and then some.', []),
        ('"Taxes will rise."\n– An immigrant himself –.\n', []),
        ('No quotation here.\n- Ann Lee.', []),
    ],
)
def test_signatures(text, expected):
    doc = parse(text)
    got = _signatures(doc, [])
    assert [(text[c.source[0]:c.source[1]], text[c.cue[0]:c.cue[1]], text[c.content[0]:c.content[1]]) for c in got] == expected


@pytest.fixture
def model():
    """The shipped model (without one, :func:`merge` returns the rules' rows alone); the test is skipped without it."""
    shipped = attributions_module._model()
    if shipped is None:
        pytest.skip("merging needs a fitted model")
    return shipped


@pytest.mark.parametrize(
    "found_p, released_p, expected",
    [
        # "found" has a source holding the cue "released": the surer of the two stays.
        (0.9, 0.6, ["found"]),
        (0.6, 0.9, ["released"]),
    ],
)
def test_clashing_model_rows_keep_the_surer_cue(found_p, released_p, expected, model):
    text = "A poll released in August found that voters were split."
    doc = parse(text)
    found = [
        Found(cue=(2, 2), source=(0, 1), sentence=0, cue_p=released_p, source_p=0.5),
        Found(cue=(5, 5), source=(0, 4), sentence=0, cue_p=found_p, source_p=0.5),
    ]
    rules = attributions_module._extractor(frozenset())
    got = merge(doc, [], model, rules, convention="polnear", found=found)
    assert [text[c.cue[0]:c.cue[1]] for c in got] == expected


CURFEW = "A curfew was announced from midnight to 6 a.m."
#: The model's reading of CURFEW: "was announced", with no source in its sentence.
SOURCELESS = Found(cue=(2, 3), source=None, sentence=0, cue_p=0.9, source_p=0.0)


@pytest.mark.parametrize("convention, expected", [("polnear", [(None, "was announced")]), ("sourcescope", [])])
def test_a_sourceless_cue_is_a_row_only_under_polnear(convention, expected, model):
    doc = parse(CURFEW)
    got = merge(doc, [], model, attributions_module._extractor(frozenset()), convention=convention, found=[SOURCELESS])
    assert [(c.source, CURFEW[c.cue[0]:c.cue[1]]) for c in got] == expected
    if got:
        assert CURFEW[got[0].content[0]:got[0].content[1]] == "from midnight to 6 a.m."


def test_a_sourceless_cue_inside_another_row_is_left_out(model):
    doc = parse(CURFEW)
    # A row whose source covers "A curfew was announced" already reads the words.
    other = Found(cue=(4, 4), source=(0, 3), sentence=0, cue_p=0.9, source_p=0.9)
    got = merge(doc, [], model, attributions_module._extractor(frozenset()), convention="polnear",
                found=[SOURCELESS, other])
    assert [CURFEW[c.cue[0]:c.cue[1]] for c in got] == ["from"]


def test_sourceless_rows_have_empty_source_columns(monkeypatch):
    row = Candidate(None, (9, 22), None, "indirect", 0)
    monkeypatch.setattr(attributions_module, "merge", lambda doc, *a, **k: [row])
    got = extract_attributions(pd.DataFrame({"article_id": ["a"], "text": [CURFEW]}), convention="polnear")
    assert got[["source_text", "source_start", "source_end"]].isna().all(axis=None)
    assert got["cue_text"].tolist() == ["was announced"]


@pytest.mark.parametrize("text, source", [
    ('"We had the fire out within the hour," fire chief Maria Lopez told reporters.', "fire chief Maria Lopez"),
    ('"This is the proudest day of my career," he wrote on Facebook.', "he"),
    ('"Nobody was hurt and nobody will be," the minister said in a statement.', "the minister"),
])
def test_a_whole_quotation_is_a_direct_quote(text, source):
    got = extract_attributions(pd.DataFrame({"article_id": ["a"], "text": [text]}))
    row = got[got["source_text"] == source]
    assert len(row) == 1
    r = row.iloc[0]
    assert text[int(r["content_start"]): int(r["content_end"])].startswith('"')
    assert r["quote_kind"] == "direct"


@pytest.mark.parametrize("text, expected", [
    ("The United States said it would send more aid to the region.", [("The United States", "said")]),
    ("The United States says the border stays open.", [("The United States", "says")]),
    ("Royal Dutch Shell said profits rose in the third quarter.", [("Royal Dutch Shell", "said")]),
    ("The Wall Street Journal reported that the deal was close.", [("Wall Street Journal", "reported")]),
    ("Secretary of State Antony Blinken said the talks would resume.",
     [("Secretary of State Antony Blinken", "said")]),
])
def test_multi_word_names_stay_whole(text, expected):
    got = extract_attributions(pd.DataFrame({"article_id": ["a"], "text": [text]}))
    assert list(zip(got["source_text"], got["cue_text"])) == expected


@pytest.mark.parametrize("text, expected", [
    ("Rival candidate Bruce Hayne joked, “It was a twinkle in some engineer’s eye years ago.”",
     ("Rival candidate Bruce Hayne", "joked")),
    ("Catherine, the target of the line, retorted, “I’m a good swimmer and I always was.”", ("Catherine", "retorted")),
    ("The crowd chanted “lock her up” for several minutes.", ("The crowd", "chanted")),
    ("Donald Tusk urged the British government to clarify its intentions.", ("Donald Tusk", "urged")),
    ("Hannah confessed that she had wanted to wait.", ("Hannah", "confessed")),
])
def test_stance_and_speech_verbs_of_features(text, expected):
    got = extract_attributions(pd.DataFrame({"article_id": ["a"], "text": [text]}))
    assert expected in list(zip(got["source_text"], got["cue_text"]))


@pytest.mark.parametrize("text, expected", [
    ("Officers found the fourth victim in the bedroom.", []),
    ("After her diagnosis, she found herself without work.", []),
    ("The study found that most drivers slowed down.", [("The study", "found")]),
])
def test_find_is_a_finding_only_with_a_clause(text, expected):
    got = extract_attributions(pd.DataFrame({"article_id": ["a"], "text": [text]}))
    assert list(zip(got["source_text"], got["cue_text"])) == expected


def _rows(text: str) -> list[tuple[str, str, str | None]]:
    arts = pd.DataFrame({"article_id": ["a"], "text": [text]})
    att = extract_attributions(arts)
    return [(r.source_text, r.cue_text, text[int(r.content_start): int(r.content_end)]
             if not pd.isna(r.content_start) else None) for r in att.itertuples()]


@pytest.mark.parametrize("text, expected", [
    # A reporting verb with a noun object reports nothing.
    ("Carolina added three more goals before the end of the period.", []),
    ("The militant group claimed responsibility for the attack.", []),
    ("The province denied a request by the school district to replace the building.", []),
    ("Samsung Electronics reported a near 30 per cent drop in operating profit.", []),
    # With a clause it reports it.
    ("The coach added that the team was tired.", [("The coach", "added", "that the team was tired")]),
    ("The company reported its profit fell by a third.", [("The company", "reported", "its profit fell by a third")]),
    ("The militant group claimed it had planted the bomb.",
     [("The militant group", "claimed", "it had planted the bomb")]),
    # A medium reporting stays a row whatever follows.
    ("The talks stalled, Reuters reported.", [("Reuters", "reported", "The talks stalled")]),
])
def test_a_verb_with_a_noun_object_is_no_attribution(text, expected):
    assert _rows(text) == expected
