"""Reading a TOML settings file: its mistakes end as one UserError naming the file."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from wbcore.errors import UserError


def read_toml(path: Path) -> dict[str, Any]:
    """The parsed file; an unreadable file or invalid TOML is a UserError on ``path``."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot read ({exc})", file=path) from None
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"invalid TOML: {exc}", file=path) from None
