"""Time extraction on hostile texts: does it stay roughly linear in the text's size?

Usage::

    python benchmarks/adversarial.py [--sizes 0.1,0.25,0.5,1] [--cases quotes,capitals] [--step extract]

Builds each adversarial text (long runs of capitalised words, quotation marks,
spaces, sentence marks, nested or unbalanced quotes, long hyphenated tokens,
many cue words...) at several sizes (in MB of characters), runs
``analysis.pipeline.attribute`` (``--step attribute``, the default: extraction
plus source typing), ``analysis.extract.find_attributions``
(``--step extract``) or ``analysis.plots.highlight`` on the attributions
found (``--step highlight``, the rendering alone timed) on it, and prints seconds and seconds per MB. Roughly equal
seconds per MB across sizes means linear time; a figure that grows with the
size means the cost is super-linear (typically regex backtracking or a scan
per match).

The generators are importable (``CASES``) so that the tests can guard against
hangs on the same inputs.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

# Run as a script from anywhere: make the repository importable.
_REPO = Path(__file__).resolve().parents[1]
if str(_REPO) not in sys.path:
    sys.path.insert(0, str(_REPO))


def _repeat(unit: str, suffix: str = "") -> Callable[[int], str]:
    """A generator: ``unit`` repeated to ``n`` characters, then ``suffix``."""

    def make(n: int) -> str:
        body = unit * (max(n - len(suffix), 0) // len(unit) + 1)
        return body[: max(n - len(suffix), 0)] + suffix

    return make


#: name -> function(n_chars) -> text of about n characters.
CASES: dict[str, Callable[[int], str]] = {
    # Noun-phrase walks: a source with no determiner to stop at.
    "capitalised_words": _repeat("Alpha Beta Gamma Delta ", " said."),
    "capitalised_then_cues": _repeat("Alpha Beta, Gamma said "),
    "capitalised_and": _repeat("Alpha and ", " said."),
    "possessives": _repeat("Alpha's ", " said."),
    "prepositions": _repeat("the spokesman of the ministry of ", " said."),
    "postmodifiers": _repeat("sources familiar with ", " said."),
    # Quotation pairing and quote/cue interplay.
    "straight_quotes": _repeat('"'),
    "curly_quotes": _repeat("“"),
    "unbalanced_quotes": _repeat('“a "b ”c "d '),
    "nested_quotes": _repeat("“He said “she said “they "),
    "open_quote_per_cue": _repeat('He said "a '),
    "quoted_then_said": _repeat('"a," said Reuters. '),
    # Sentence boundaries.
    "spaces": _repeat(" ", "A said."),
    "newlines": _repeat("\n"),
    "newline_spaces": _repeat("\n "),
    "periods": _repeat("."),
    "exclamations": _repeat("!"),
    "abbreviations": _repeat("Mr. "),
    "commas": _repeat(",", " said"),
    # Tokens.
    "long_word": _repeat("a"),
    "long_hyphenated": _repeat("well-informed-", "source said."),
    "apostrophes": _repeat("a'"),
    # Cues and relays.
    "cue_words": _repeat("said told reported according to citing "),
    "according_to_media": _repeat("according to Reuters and AFP and "),
    "relay_chain": _repeat("an official said AFP reported it "),
    "citing_chain": _repeat("citing an official Reuters reported "),
    "dash_said": _repeat("x - said Alpha "),
    # The publisher (the outlet is "UNN") crediting itself, and surnames.
    "self_credits": _repeat("UNN reports with reference to VRT and AFP that Varga said. "),
    "surnames": _repeat("John Varga said, Varga said, "),
    # Pronoun sources, each looking back for the nearest earlier person; none fits the last one,
    # so the antecedent search must not rescan them all.
    "pronoun_antecedents": _repeat("John Smith said a. She said b. "),
    # Thousands of attributions in one article (``--step highlight`` renders them).
    "many_attributions": _repeat("Reuters said it rained. "),
    # Scripts and control characters.
    "rtl_cues": _repeat("قال مسؤول \u200f"),
    "control_chars": _repeat("said\x00\x07\x1b\u202e\ufeff Reuters "),
}


def time_case(text: str, *, step: str = "attribute") -> tuple[int, float]:
    """Seconds one step takes on ``text``, and the attributions found.

    ``highlight`` times :func:`analysis.plots.highlight` alone, on the
    attributions found beforehand.
    """
    if step != "highlight":
        t0 = time.perf_counter()
        found = run_case(text, step=step)
        return found, time.perf_counter() - t0
    import pandas as pd

    from analysis.pipeline import attribute
    from analysis.plots import highlight

    article = {"article_id": "x", "outlet": "UNN", "text": text}
    attributions = attribute(pd.DataFrame([article]), progress=False)
    t0 = time.perf_counter()
    highlight(article, attributions)
    return len(attributions), time.perf_counter() - t0


def run_case(text: str, *, step: str = "attribute") -> int:
    """Run one step on ``text`` (an article of the outlet UNN); returns the number of attributions found."""
    if step == "highlight":
        return time_case(text, step=step)[0]
    if step == "extract":
        from analysis.extract import find_attributions

        return len(find_attributions(text))
    import pandas as pd

    from analysis.pipeline import attribute

    articles = pd.DataFrame({"article_id": ["x"], "outlet": ["UNN"], "text": [text]})
    return len(attribute(articles, progress=False))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.1,0.25,0.5,1", help="text sizes in MB of characters, comma-separated")
    parser.add_argument("--cases", default=None, help="comma-separated case names (default: all)")
    parser.add_argument("--step", choices=("attribute", "extract", "highlight"), default="attribute")
    args = parser.parse_args(argv)
    sizes = [float(s) for s in args.sizes.split(",")]
    names = args.cases.split(",") if args.cases else list(CASES)
    unknown = sorted(set(names) - set(CASES))
    if unknown:
        parser.error(f"unknown case(s) {unknown}; known: {sorted(CASES)}")
    run_case("Warm-up: Reuters said so.", step=args.step)  # load lexicons and registry once
    print(f"# {args.step} on adversarial texts; python {platform.python_version()}, {platform.machine()}")
    header = "".join(f"{s:>10g}MB" for s in sizes)
    print(f"{'case':<24}{header}   (seconds per MB; found at largest size)")
    worst = 0.0
    for name in names:
        cells = []
        found = 0
        for size in sizes:
            text = CASES[name](int(size * 1_000_000))
            found, seconds = time_case(text, step=args.step)
            per_mb = seconds / (len(text) / 1_000_000)
            worst = max(worst, per_mb)
            cells.append(f"{per_mb:>12.2f}")
        print(f"{name:<24}{''.join(cells)}   {found}", flush=True)
    print(f"# worst: {worst:.2f} s per MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
