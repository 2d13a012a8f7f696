"""Quotations without a cue of their own: given to the speaker they continue (sourcescope convention)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.extract import extract_attributions


def rows(text: str, convention: str = "sourcescope") -> list[tuple[str | None, str | None, str | None, str]]:
    """(source, cue, content, quote_kind) of each attribution of ``text``."""
    arts = pd.DataFrame({"article_id": ["a"], "text": [text]})
    att = extract_attributions(arts, convention=convention)
    out = []
    for r in att.itertuples():
        content = text[int(r.content_start): int(r.content_end)] if not pd.isna(r.content_start) else None
        out.append((r.source_text if not pd.isna(r.source_text) else None,
                    r.cue_text if not pd.isna(r.cue_text) else None, content, r.quote_kind))
    return out


@pytest.mark.parametrize("text, expected", [
    # "A," she said. "B." -- two rows, the second without a cue.
    ('"The bridge will reopen in May," Ana Diaz said. "We have the money and the crews to do it."',
     [("Ana Diaz", "said", '"The bridge will reopen in May,"', "direct"),
      ("Ana Diaz", None, '"We have the money and the crews to do it."', "direct")]),
    # A new paragraph opening with a quotation after one attributed to the same person.
    ('"Nobody expected the flood," the mayor said.\n\n"We lost three houses on the river road in one night."',
     [("the mayor", "said", '"Nobody expected the flood,"', "direct"),
      ("the mayor", None, '"We lost three houses on the river road in one night."', "direct")]),
    # A chain of paragraphs: each continues the one before.
    ('"The season was long," Coach Lena Park said.\n\n"My players gave everything they had."\n\n'
     '"I could not ask for more from them."',
     [("Coach Lena Park", "said", '"The season was long,"', "direct"),
      ("Coach Lena Park", None, '"My players gave everything they had."', "direct"),
      ("Coach Lena Park", None, '"I could not ask for more from them."', "direct")]),
    # A quotation that goes on in the next paragraph leaves its closing mark off.
    ('“The process is flawed,” Tom Reed said. “Nobody had the papers in time to read them.\n\n'
     '“So people decide with bad information.”',
     [("Tom Reed", "said", '“The process is flawed,”', "direct"),
      ("Tom Reed", None, '“Nobody had the papers in time to read them.', "direct"),
      ("Tom Reed", None, '“So people decide with bad information.”', "direct")]),
    # The sentence before names the speaker without a cue of its own.
    ('"The work is new every night," says Jeanine Durning. Durning did not need much coaxing.\n\n'
     '“I am thankful for the invitation and for this chance to explore.”',
     [("Jeanine Durning", "says", '"The work is new every night,"', "direct"),
      ("Durning", None, "“I am thankful for the invitation and for this chance to explore.”", "direct")]),
    # "explained the risk" reports no clause, so it is no row of its own; it still names the speaker.
    ('Jane Roe, a researcher at the institute, explained the risk. "Nobody had measured the water before."',
     [("Jane Roe", None, '"Nobody had measured the water before."', "direct")]),
    ('Jane Roe, a researcher at the institute, explained that the risk was new. "Nobody had measured the water."',
     [("Jane Roe", "explained", "that the risk was new", "indirect"),
      ("Jane Roe", None, '"Nobody had measured the water."', "direct")]),
])
def test_continuations_get_their_speaker(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text, absent", [
    # A sentence of the article's own between the speaker and the quotation breaks the chain.
    ('"The bridge will reopen in May," Ana Diaz said.\n\nThe river rose again on Tuesday.\n\n'
     '"Nobody can cross it now that the water is high."', '"Nobody can cross it now that the water is high."'),
    # A phrase quoted in passing is no continuation.
    ('"The plan is ready," Ana Diaz said. "Soon."', '"Soon."'),
    # A quotation inside the narrative, not opening its sentence.
    ('"The plan is ready," Ana Diaz said. Critics called it "a plan with no money behind it at all".',
     '"a plan with no money behind it at all"'),
])
def test_no_continuation_without_a_speaker_right_before(text, absent):
    assert all(content != absent for _, _, content, _ in rows(text))


def test_a_quotation_before_its_speaker_is_that_speakers_content():
    text = '"Who cares about the Arctic when you live in Ohio?" Moore said in a lecture.'
    assert rows(text) == [("Moore", "said", '"Who cares about the Arctic when you live in Ohio?"', "direct")]


def test_polnear_convention_keeps_an_interrupted_quotation_whole():
    text = '"The bridge will reopen in May," Ana Diaz said. "We have the money and the crews to do it."'
    got = rows(text, convention="polnear")
    assert len(got) == 1 and got[0][1] == "said"
    assert got[0][2].startswith('"The bridge') and got[0][2].endswith('do it."')


@pytest.mark.parametrize("text, expected", [
    # Words of speech inside a quotation are the quoted speaker's, not a second attribution.
    ('"I thought it was time to write to the police about the cameras," she said.',
     [("she", "said", '"I thought it was time to write to the police about the cameras,"', "direct")]),
    ('"I can tell you this looks like a very serious case," the prosecutor said.',
     [("the prosecutor", "said", '"I can tell you this looks like a very serious case,"', "direct")]),
])
def test_speech_inside_a_quotation_is_no_row(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text, expected", [
    # A reporting participle after an attribution is a second row of the same source.
    ('"The police came later," he said, adding that the guards had fired back.',
     [("he", "said", '"The police came later,"', "direct"),
      ("he", "adding", "that the guards had fired back", "indirect")]),
    ("Each charge carries a long sentence, the prosecutor said, adding that more charges are possible.",
     [("the prosecutor", "said", "Each charge carries a long sentence", "indirect"),
      ("the prosecutor", "adding", "that more charges are possible", "indirect")]),
    # The comma that closes a quotation counts.
    ('The mayor said she is a "long way from a decision," noting that she has served for 20 years.',
     [("The mayor", "said", 'she is a "long way from a decision,"', "mixed"),
      ("The mayor", "noting", "that she has served for 20 years", "indirect")]),
    # A participle with no comma before it, or none after an attribution, gives no row.
    ("The mayor said the vote was close noting the turnout.",
     [("The mayor", "said", "the vote was close noting the turnout", "indirect")]),
    ("Adding that the road was closed, the crews left.", []),
])
def test_reporting_participles_are_rows_of_their_own(text, expected):
    assert rows(text) == expected


def _best_cpu_seconds(text: str) -> float:
    """The best of three CPU times of finding the unclosed quotations of ``text``."""
    import gc
    import time

    from analysis.extract.continuation import _unclosed
    from analysis.text.tokens import parse

    doc = parse(text)
    best = float("inf")
    for _ in range(3):
        gc.collect()
        began = time.process_time()
        _unclosed(doc)
        best = min(best, time.process_time() - began)
    return best


def test_a_line_of_opening_marks_costs_linear_time():
    # Each unpaired mark used to slice its line again: a line of marks took quadratic time.
    # No absolute time is asserted: 8 times the input must take well under 8**2 = 64 times as long.
    small, large = _best_cpu_seconds("“" * 25_000), _best_cpu_seconds("“" * 200_000)
    assert large / small < 8 * 3, f"8 times the marks took {large / small:.1f} times as long"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He spoke.\n"We will rebuild the school\n', [(10, 36)]),  # open to the line's end
        ('He spoke. "We will rebuild," she said.\n', []),  # closed on its line
        ('The mayor "plans" more.\n', []),  # inside a sentence
        ('... "Not yet  \n', [(4, 11)]),  # after dots only, trailing spaces left out
    ],
)
def test_unclosed_quotations(text, expected):
    from analysis.extract.continuation import _unclosed
    from analysis.text.tokens import parse

    assert _unclosed(parse(text)) == expected
