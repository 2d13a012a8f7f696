from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from analysis.config import EXAMPLE_ARTICLE
from analysis.pipeline import attribute
from analysis.plots import highlight
from analysis.plots.style import TYPE_COLORS

TEXT = 'Talks ended, a senior official told AFP on Sunday. <script>alert("x")</script> & more.'


def _att(**overrides):
    row = {
        "article_id": "a",
        "source_text": "a senior official", "source_start": 13, "source_end": 30,
        "cue_text": "told", "cue_start": 31, "cue_end": 35,
        "content_start": 0, "content_end": 50,
        "source_type": "unnamed_official", "source_name": None, "via": "AFP",
    }
    row.update(overrides)
    return pd.DataFrame([row])


def _plain(markup: str) -> str:
    """The text a reader sees: the article body without tags, unescaped."""
    body = markup.split('white-space:pre-wrap;line-height:1.6">', 1)[1].rsplit("</div></div>", 1)[0]
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def _span_of(markup: str, text: str) -> str:
    match = re.search(r'<span class="ss-(\w+)"[^>]*>' + re.escape(html.escape(text)) + "</span>", markup)
    return match.group(1) if match else ""


def test_article_text_is_escaped():
    out = highlight({"article_id": "a", "text": TEXT, "title": "<b>Title</b>"}, _att()).html
    assert "<script>" not in out and "<b>Title" not in out
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in out and "&amp; more" in out


def test_hover_titles_are_escaped():
    out = highlight({"article_id": "a", "text": TEXT}, _att(source_name='"><script>x</script>')).html
    assert "<script>x" not in out


def test_text_survives_unchanged():
    out = highlight({"article_id": "a", "text": TEXT}, _att()).html
    assert _plain(out) == TEXT


def test_overlapping_spans_source_over_cue_over_content():
    out = highlight({"article_id": "a", "text": TEXT}, _att()).html
    assert _span_of(out, "a senior official") == "source"
    assert _span_of(out, "told") == "cue"
    assert _span_of(out, "Talks ended, ") == "content"
    assert _span_of(out, " AFP on Sunday.") == "content"
    assert TYPE_COLORS["unnamed_official"] in out


def test_hover_shows_type_name_and_relay():
    att = pd.concat([_att(), _att(source_text="AFP", source_start=36, source_end=39, cue_start=31, cue_end=35,
                                  source_type="news_agency", source_name="AFP", via=None)], ignore_index=True)
    out = highlight({"article_id": "a", "text": TEXT}, att).html
    assert 'title="source: unnamed official · via AFP\n' in out
    assert 'title="source: news agency · AFP\n' in out
    # The shared cue lists both attributions it belongs to.
    cue_title = re.search(r'<span class="ss-cue"[^>]*title="([^"]*)">told<', out).group(1)
    assert "unnamed official" in cue_title and "news agency" in cue_title


def test_attributions_of_other_articles_are_left_out():
    out = highlight({"article_id": "b", "text": TEXT}, _att()).html
    assert "ss-source" not in out


def test_span_outside_the_text_names_the_row():
    with pytest.raises(ValueError, match=r"row 7.*source_start"):
        highlight({"article_id": "a", "text": "short"}, _att().set_axis([7]))


def test_displays_in_notebooks():
    shown = highlight({"article_id": "a", "text": TEXT}, _att())
    assert shown._repr_html_() == shown.html == str(shown)


def test_example_article_highlights_every_source(sample_articles):
    example = sample_articles[sample_articles["article_id"] == EXAMPLE_ARTICLE.stem]
    attributions = attribute(example)
    out = highlight(example.iloc[0], attributions).html
    assert out.count('class="ss-source"') >= len(attributions)
    assert _plain(out) == example.iloc[0]["text"]
    assert "UNN · 2024-05-05" in out


def test_highlight_of_thousands_of_attributions_does_not_hang():
    import signal

    # 20,000 attributions: the sweep takes a few seconds; testing every span at
    # every piece (quadratic) took minutes. Only runaway cost reaches the bound.
    n = 20_000
    unit = "Reuters said it rained. "
    text = unit * n
    starts = [i * len(unit) for i in range(n)]
    att = pd.DataFrame({"article_id": "a", "source_start": starts, "source_end": [s + 7 for s in starts],
                        "cue_start": [s + 8 for s in starts], "cue_end": [s + 12 for s in starts],
                        "content_start": [s + 13 for s in starts], "content_end": [s + 23 for s in starts],
                        "source_type": "news_agency", "source_name": "Reuters"})

    def fail(signum, frame):
        raise TimeoutError("highlight still running after 60 s: super-linear cost")

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(60)
    try:
        out = highlight({"article_id": "a", "text": text}, att).html
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert out.count('class="ss-source"') == n and out.count('class="ss-cue"') == n
