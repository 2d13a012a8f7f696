"""Pausing Python's cyclic garbage collector while a chunk of articles is worked on.

Extraction, typing and scoring allocate millions of short-lived lists, tuples
and dicts. None of them form reference cycles that outlive the work, so
reference counting frees them, but each allocation counts towards the
collector's thresholds: it ran hundreds of times per 1,000 articles, each
time walking every long-lived object (models, word lists, caches), about a
tenth of the pipeline's CPU time. Paused for a chunk, it catches up on its
own schedule afterwards.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0  # nested or concurrent pauses: the outermost one restores the collector
_was_enabled = False


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic garbage collector inside the block (or decorated function).

    >>> import gc
    >>> with paused_gc():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
