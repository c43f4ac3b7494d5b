"""Writing a file whole or not at all, for the caches kept on disk (plans, verdicts)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(target: Path, text: str) -> None:
    """``text`` into ``target`` through a temporary file beside it, renamed over it: a reader
    never sees half a file, and a failed write leaves no temporary file. OSError as it comes
    (the caller decides what a failed write means)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
