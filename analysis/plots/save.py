"""Saving a figure together with the data it plots."""

from __future__ import annotations

import os
import re
from pathlib import Path

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure

from analysis.config import FIGURES_DIR
from analysis.io.write import atomic_write, to_csv
from analysis.plots.style import SAVE_STYLE

#: Formats :func:`save_figure` writes.
FORMATS = ("png", "svg", "pdf")

# No timestamps or software versions in the files, so reruns are byte-identical.
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
}
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def _readable(path: Path) -> Path:
    """Give ``path`` the usual permissions (the temporary file it came from is private)."""
    umask = os.umask(0)
    os.umask(umask)
    path.chmod(0o666 & ~umask)
    return path


def _plain_table(data: pd.DataFrame) -> pd.DataFrame:
    """``data`` with a meaningful index (a named one, or labels) turned into columns."""
    index = data.index
    if isinstance(index, pd.RangeIndex) and index.name is None:
        return data
    return data.reset_index(names=[n if n is not None else f"index_{k}" if index.nlevels > 1 else "index"
                                   for k, n in enumerate(index.names)])


def save_figure(
    fig: Figure,
    name: str,
    *,
    formats: tuple[str, ...] = FORMATS,
    data: pd.DataFrame | None = None,
    directory: Path | str = FIGURES_DIR,
    dpi: int = 300,
) -> list[Path]:
    """Write ``fig`` as ``<name>.<format>`` for each format, and ``data`` as ``<name>.csv``.

    PNG is written at ``dpi`` (300 by default). The files carry no dates or
    software versions, and SVG element ids come from a fixed salt, so saving
    the same figure again gives byte-identical files. The figure is cropped to
    its contents (``bbox_inches="tight"``), so labels and legends outside the
    axes are kept. A frame whose index carries labels (such as an outlet x
    type table) is written with the index as its first column(s). Files are
    written atomically (temporary file, then rename).

    Args:
        fig: the figure.
        name: the file name without suffix (letters, digits, ``.``, ``_``, ``-``).
        formats: any of ``"png"``, ``"svg"``, ``"pdf"``.
        data: the data the figure plots, written beside it as CSV.
        directory: where to write; :data:`analysis.config.FIGURES_DIR` by default.
        dpi: resolution of raster formats.

    Returns:
        The paths written, figures first, then the CSV.

    Raises:
        ValueError: on an unknown format or a name that is not a plain file name.

    >>> import matplotlib.pyplot as plt, tempfile
    >>> fig, ax = plt.subplots()
    >>> paths = save_figure(fig, "demo", formats=("png",), data=pd.DataFrame({"x": [1]}),
    ...                     directory=tempfile.mkdtemp())
    >>> [p.suffix for p in paths]
    ['.png', '.csv']
    """
    if not _NAME.match(name):
        raise ValueError(f"figure name {name!r} must be a plain file name (letters, digits, '.', '_', '-'), no folders")
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ValueError(f"formats must be some of {list(FORMATS)}, got {list(formats)}")
    if data is not None and not isinstance(data, pd.DataFrame):
        raise TypeError(f"data must be a pandas DataFrame, got {type(data).__name__}")
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    # A fixed salt makes SVG element ids the same on every run.
    with mpl.rc_context(SAVE_STYLE):
        for fmt in dict.fromkeys(formats):
            path = directory / f"{name}.{fmt}"
            atomic_write(path, lambda tmp, fmt=fmt: fig.savefig(
                tmp, format=fmt, dpi=dpi, metadata=_METADATA[fmt], bbox_inches="tight", pad_inches=0.05))
            written.append(_readable(path))
    if data is not None:
        path = directory / f"{name}.csv"
        table = _plain_table(data)
        atomic_write(path, lambda tmp: to_csv(table, tmp))
        written.append(_readable(path))
    return written
