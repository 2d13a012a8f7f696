"""Output shared by the benchmark scripts."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def emit_json(blob: dict, path: Path | None) -> None:
    """Print ``blob`` as indented JSON under a "JSON:" header; also write it to ``path`` when given."""
    text = json.dumps(blob, indent=2, default=float)
    print("\nJSON:")
    print(text)
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
        print(f"wrote {path}", file=sys.stderr)
