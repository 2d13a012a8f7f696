"""One colour per source type across every figure, outlet colours, and the house style."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import matplotlib as mpl

# Paul Tol's "muted" and Okabe-Ito palettes: distinguishable with the common
# colour-vision deficiencies. Related types get related hues.
TYPE_COLORS: dict[str, str] = {
    "news_agency": "#332288",
    "broadcaster": "#88CCEE",
    "newspaper": "#44AA99",
    "online_media": "#117733",
    "social_media": "#999933",
    "named_person": "#DDCC77",
    "named_organization": "#E69F00",
    "document": "#AA4499",
    "unnamed_official": "#CC6677",
    "anonymous": "#882255",
    "self": "#7F7F7F",
    "unknown": "#DDDDDD",
}

#: Colour of things that are not a source type (publishers, relaying media, plain marks).
NEUTRAL_COLOR = "#4D4D4D"

# Okabe-Ito without black and yellow (too light on white): one colour per
# outlet in line plots, which show at most this many outlets.
OUTLET_COLORS: tuple[str, ...] = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000")
OUTLET_MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P", "X")

HOUSE_STYLE: dict[str, object] = {
    "figure.dpi": 100,
    "savefig.dpi": 300,
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 9,
    "xtick.labelsize": 8.5,
    "ytick.labelsize": 8.5,
    "legend.fontsize": 8,
    "legend.title_fontsize": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,  # grid lines behind bars and dots
    "grid.alpha": 0.3,
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "figure.constrained_layout.use": True,
}

#: Settings read when a figure is saved; :func:`analysis.plots.save_figure` applies
#: them itself, so a file does not depend on the style active while saving.
SAVE_STYLE: dict[str, object] = {
    "svg.hashsalt": "sourcescope",  # stable SVG ids, so reruns give identical files
    "svg.fonttype": "none",  # text stays text in SVG: searchable, editable
    "pdf.fonttype": 42,  # TrueType in PDF: editable in Illustrator/Inkscape
    "pdf.compression": 6,
}
HOUSE_STYLE.update(SAVE_STYLE)


@contextmanager
def house_style() -> Iterator[None]:
    """Apply the house style inside a ``with`` block, leaving global settings untouched.

    >>> import matplotlib as mpl
    >>> with house_style():
    ...     mpl.rcParams["savefig.dpi"]
    300.0
    """
    # pyplot sets up its backend (in a notebook: the inline one, which turns
    # interactive mode on) the first time it is used; when that happens inside
    # the block, interactive mode must survive the restore, or later figures
    # are never shown.
    interactive = []
    try:
        with mpl.rc_context(HOUSE_STYLE):
            try:
                yield
            finally:
                interactive.append(mpl.is_interactive())
    finally:
        if interactive and interactive[0] != mpl.is_interactive():
            mpl.interactive(interactive[0])


def type_label(source_type: str) -> str:
    """A source type as a reader would write it.

    >>> type_label("unnamed_official")
    'unnamed official'
    """
    return str(source_type).replace("_", " ")


def type_color(source_type: str) -> str:
    """The colour of ``source_type`` (light grey for anything unknown).

    >>> type_color("anonymous")
    '#882255'
    """
    return TYPE_COLORS.get(str(source_type), TYPE_COLORS["unknown"])


def outlet_styles(outlets: Sequence[str]) -> dict[str, tuple[str, str]]:
    """A ``(colour, marker)`` per outlet, in the order given; at most seven outlets.

    >>> outlet_styles(["A", "B"])["B"]
    ('#D55E00', 's')
    """
    if len(outlets) > len(OUTLET_COLORS):
        raise ValueError(f"at most {len(OUTLET_COLORS)} outlets can be told apart by colour, got {len(outlets)}")
    return {o: (OUTLET_COLORS[i], OUTLET_MARKERS[i]) for i, o in enumerate(outlets)}


def text_color_on(background: str) -> str:
    """Black or white, whichever reads better on ``background``.

    >>> text_color_on("#332288"), text_color_on("#DDCC77")
    ('white', 'black')
    """
    r, g, b = mpl.colors.to_rgb(background)
    # Relative luminance (sRGB, roughly): light backgrounds get black text.
    return "black" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.45 else "white"
