"""An article as HTML, with every cited source, cue and content coloured by source type."""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

import matplotlib as mpl
import pandas as pd

from analysis.plots.style import text_color_on, type_color, type_label
from analysis.schema import SOURCE_TYPES, require_columns

# Which part of an attribution styles a stretch of text covered by several:
# the source name wins over the cue, the cue over the content around them.
_PART_RANK = {"source": 0, "cue": 1, "content": 2}


@dataclass(frozen=True)
class HighlightedArticle:
    """An article rendered as HTML; notebooks display it, ``html`` holds the markup.

    >>> HighlightedArticle("<p>x</p>")._repr_html_()
    '<p>x</p>'
    """

    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def _tint(color: str, alpha: float) -> str:
    r, g, b = (round(255 * c) for c in mpl.colors.to_rgb(color))
    return f"rgba({r}, {g}, {b}, {alpha})"


def _value(row: Mapping, key: str) -> str | None:
    v = row.get(key)
    if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, pd.Timestamp):
        return v.strftime("%Y-%m-%d") if v == v.normalize() else v.isoformat()
    return str(v)


def _describe(row: Mapping, part: str) -> str:
    """The hover text of one attribution part: type, canonical name, relay."""
    stype = _value(row, "source_type") or "unknown"
    bits = [f"{part}: {type_label(stype)}"]
    name = _value(row, "source_name")
    if name:
        bits.append(name)
    elif part != "source" and _value(row, "source_text"):
        bits.append(f"“{_value(row, 'source_text')}”")
    via = _value(row, "via")
    if via:
        bits.append(f"via {via}")
    return " · ".join(bits)


def _spans(attributions: pd.DataFrame, length: int) -> list[tuple[int, int, str, int, Mapping]]:
    """``(start, end, part, position, row)`` of every span; one outside the text is an error naming its row."""
    spans = []
    for position, (k, row) in enumerate(zip(attributions.index, attributions.to_dict("records"))):
        for part in ("source", "cue", "content"):
            start, end = row.get(f"{part}_start"), row.get(f"{part}_end")
            if start is None or end is None or pd.isna(start) or pd.isna(end):
                continue
            start, end = int(start), int(end)
            if not 0 <= start < end <= length:
                raise ValueError(
                    f"attributions row {k}: field '{part}_start'/'{part}_end' [{start}, {end}) "
                    f"is outside the article text (length {length})"
                )
            spans.append((start, end, part, position, row))
    return spans


def _legend(types: list[str]) -> str:
    chips = "".join(
        f'<span style="background:{type_color(t)};color:{text_color_on(type_color(t))};'
        f'padding:0 4px;border-radius:3px;margin-right:4px;white-space:nowrap">{html.escape(type_label(t))}</span>'
        for t in types
    )
    return f'<div style="margin:4px 0 8px 0;font-size:85%">{chips}</div>'


def highlight(article: Mapping | pd.Series, attributions: pd.DataFrame) -> HighlightedArticle:
    """Render an article as HTML with its attributions marked.

    Source mentions get their type's colour, cues are bold and underlined,
    content gets a light tint of its source's type; hovering shows the type,
    canonical name and relay (``via``). Where spans overlap (content holding
    another attribution's source or cue), the source wins over the cue and the
    cue over the content, and the hover text lists every span there. All
    article text is HTML-escaped.

    Args:
        article: one article (a row of the articles table, or a mapping) with
            ``text``; ``title``, ``outlet``, ``published`` and ``article_id``
            are shown when present.
        attributions: its attributions (rows of other articles, by
            ``article_id``, are left out) with the span columns.

    Returns:
        An object notebooks display as HTML; its ``html`` attribute is the markup.

    Raises:
        ValueError: when a span lies outside the text (the message names the row).

    >>> art = {"article_id": "a", "text": "<b>Hi</b>, AFP said."}
    >>> att = pd.DataFrame({"article_id": ["a"], "source_start": [11], "source_end": [14],
    ...     "cue_start": [15], "cue_end": [19], "source_type": ["news_agency"], "source_name": ["AFP"]})
    >>> out = highlight(art, att).html
    >>> "&lt;b&gt;Hi&lt;/b&gt;" in out, 'title="source: news agency · AFP"' in out
    (True, True)
    """
    article = dict(article)
    if not isinstance(article.get("text"), str):
        raise ValueError("article has no 'text' to highlight")
    require_columns(attributions, ["source_start", "source_end", "cue_start", "cue_end"], table="attributions")
    text = article["text"]
    rows = attributions
    aid = _value(article, "article_id")
    if aid is not None and "article_id" in attributions.columns:
        rows = attributions[attributions["article_id"].astype(str) == aid]
    spans = _spans(rows, len(text))

    # Cut the text at every span edge; each piece is covered by a fixed set of spans.
    cuts = sorted({0, len(text)} | {s for s, *_ in spans} | {e for _, e, *_ in spans})
    # Sweep the cuts once, keeping the spans open at each: linear in the spans,
    # where testing every span at every piece was quadratic.
    opening: dict[int, list[int]] = defaultdict(list)
    closing: dict[int, list[int]] = defaultdict(list)
    for i, (start, end, *_) in enumerate(spans):
        opening[start].append(i)
        closing[end].append(i)
    described: dict[int, str] = {}
    open_spans: dict[int, tuple] = {}
    pieces = []
    for a, b in zip(cuts, cuts[1:]):
        for i in closing.get(a, ()):
            del open_spans[i]
        for i in opening.get(a, ()):
            open_spans[i] = spans[i]
        covering = sorted(open_spans.items(), key=lambda item: (_PART_RANK[item[1][2]], item[1][3]))
        chunk = html.escape(text[a:b])
        if not covering:
            pieces.append(chunk)
            continue
        for i, sp in covering:
            if i not in described:
                described[i] = _describe(sp[4], sp[2])
        titles = list(dict.fromkeys(described[i] for i, _ in covering))
        covering = [sp for _, sp in covering]
        _, _, part, _, row = covering[0]
        color = type_color(_value(row, "source_type") or "unknown")
        if part == "source":
            style = f"background:{color};color:{text_color_on(color)};border-radius:2px;padding:0 1px"
        elif part == "cue":
            style = f"font-weight:bold;text-decoration:underline;text-decoration-color:{color}"
            content = [sp for sp in covering if sp[2] == "content"]
            if content:
                style += f";background:{_tint(type_color(_value(content[0][4], 'source_type') or 'unknown'), 0.18)}"
        else:
            style = f"background:{_tint(color, 0.18)}"
        # One line per covering span, without repeats (two attributions can share a content span).
        title = html.escape("\n".join(titles), quote=True)
        pieces.append(f'<span class="ss-{part}" style="{style}" title="{title}">{chunk}</span>')

    head = []
    title_text = _value(article, "title")
    if title_text:
        head.append(f'<div style="font-weight:bold;font-size:110%">{html.escape(title_text)}</div>')
    meta = " · ".join(html.escape(v) for v in (_value(article, "outlet"), _value(article, "published"), aid) if v)
    if meta:
        head.append(f'<div style="color:#555;font-size:85%">{meta}</div>')
    present = sorted({_value(sp[4], "source_type") or "unknown" for sp in spans},
                     key=lambda t: SOURCE_TYPES.index(t) if t in SOURCE_TYPES else len(SOURCE_TYPES))
    if present:
        head.append(_legend(present))
    body = f'<div style="white-space:pre-wrap;line-height:1.6">{"".join(pieces)}</div>'
    return HighlightedArticle(f'<div class="sourcescope-article" style="max-width:48em">{"".join(head)}{body}</div>')
