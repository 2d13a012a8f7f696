"""Page furniture: the parts of a web page that are no attribution.

News pages carry links and teasers ("READ MORE: Storm cuts power to
thousands", "WATCH: ..."), notices ("Article Continued Below", "Story
continues below advertisement") and photo credits ("(Adrian Wyld/Canadian
Press)"). A colon after "READ MORE" looks like a signed quotation and "Article
Continued" like a source with its cue, so :func:`drop_furniture` removes the
attributions whose source or cue lies in such a piece, and cuts a content
span before a photo credit that ends it. The labels and phrases are listed in
``data/lexicons/page_furniture.txt``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from analysis.config import LEXICON_DIR
from analysis.text.lexicons import read_word_list
from analysis.extract.rules import Candidate
from analysis.text.tokens import Doc

__all__ = ["FURNITURE_PATH", "drop_furniture", "furniture_spans"]

#: The labels and stand-alone phrases of page furniture.
FURNITURE_PATH = LEXICON_DIR / "page_furniture.txt"
# A photo credit: a bracketed "Name / Agency" or "... File Photo" ("(Adrian Wyld/Canadian Press)").
_CREDIT = re.compile(r"\(\s*[A-Z][^()\n/]{0,60}/[^()\n]{1,60}\)|\(\s*[^()\n]{0,60}\b(?:File )?Photo\s*\)")


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    words = sorted(read_word_list(FURNITURE_PATH), key=len, reverse=True)
    # Only spaces and tabs inside a line: a pattern free to cross lines would
    # scan a text of blank lines once per line.
    alternatives = "|".join(re.escape(w).replace(r"\ ", "[ \t]+") for w in words)
    # A label opening a line (after paragraph marks such as " ."), then ":" or "|": the whole
    # line; or a phrase alone on its line. One pattern, so the text is scanned once.
    return re.compile(rf"(?im)^[ \t.]*(?:{alternatives})(?:[ \t]*[:|][^\n]*|[ \t.]*$)")


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the page furniture in ``text``, in order.

    >>> text = "The storm hit at noon.\\nREAD MORE: Power cut to thousands\\nArticle Continued Below\\n"
    >>> [text[s:e].strip() for s, e in furniture_spans(text)]
    ['READ MORE: Power cut to thousands', 'Article Continued Below']
    """
    spans = [m.span() for m in _pattern().finditer(text)]
    if "/" in text or "Photo" in text:
        spans += [m.span() for m in _CREDIT.finditer(text)]
    return sorted(set(spans))


def _inside(span: tuple[int, int] | None, pieces: list[tuple[int, int]]) -> bool:
    return span is not None and any(s <= span[0] and span[1] <= e for s, e in pieces)


def drop_furniture(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """``found`` without the attributions that are page furniture, their contents cut before a photo credit.

    >>> from analysis.text.tokens import parse
    >>> doc = parse("READ MORE: Storm cuts power to thousands")
    >>> drop_furniture(doc, [Candidate((0, 9), (9, 10), (11, 40), "direct", 0)])
    []
    """
    pieces = furniture_spans(doc.text)
    if not pieces:
        return found
    out = []
    for c in found:
        if _inside(c.cue, pieces) or _inside(c.source, pieces):
            continue
        if c.content is not None:
            cs, ce = c.content
            for s, e in pieces:
                if cs < s < ce <= e + 2 and not doc.text[e:ce].strip(" .,"):
                    # The content runs into a credit at its end: it stops before it.
                    end = s
                    while end > cs and doc.text[end - 1] in " .":
                        end -= 1
                    c = replace(c, content=(cs, end))
                    break
            if _inside(c.content, pieces):
                continue
        out.append(c)
    return out
