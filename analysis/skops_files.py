"""Loading a skops file with its type and size checked before anything is built.

A ``.skops`` file is a zip archive; one that inflates far beyond what a model
of ours holds (a few MB) is refused before it is read, and what it builds must
be of the type asked for.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

#: The most a model file may inflate to (the shipped ones hold 2 to 6 MB).
MAX_MODEL_BYTES = 64 * 2**20


def load_skops(path: Path | str, *, trusted: list[str], expected: type, max_bytes: int = MAX_MODEL_BYTES) -> object:
    """Load ``path`` with skops, accepting only ``trusted`` types, a ``expected`` object and ``max_bytes`` inflated.

    Raises:
        ValueError: naming the file, when it is no skops archive, would
            inflate beyond ``max_bytes``, holds untrusted types or builds
            something other than an ``expected``.

    >>> import tempfile, pathlib
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "m.skops"
    >>> _ = bad.write_bytes(b"not a zip")
    >>> load_skops(bad, trusted=[], expected=dict)
    Traceback (most recent call last):
    ...
    ValueError: m.skops is not a skops model file (not a zip archive)
    """
    import skops.io as sio

    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            inflated = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ValueError(f"{path.name} is not a skops model file (not a zip archive)") from None
    if inflated > max_bytes:
        raise ValueError(f"{path.name} would inflate to {inflated:,} bytes, more than the {max_bytes:,} "
                         "a model file may hold; refused")
    untrusted = [t for t in sio.get_untrusted_types(file=path) if t not in trusted]
    if untrusted:
        raise ValueError(f"{path.name} holds types that are not trusted: {untrusted}")
    obj = sio.load(path, trusted=trusted)
    if not isinstance(obj, expected):
        raise ValueError(f"{path.name} holds a {type(obj).__module__}.{type(obj).__qualname__}, "
                         f"not a {expected.__qualname__}")
    return obj
