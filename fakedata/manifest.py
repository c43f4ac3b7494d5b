"""What a generated dataset directory holds: its file names and its manifest (dataset.json).

Light on purpose (no pyarrow, no NumPy): the engines and the CLI read manifests and file
names on every start, the writers (``fakedata.write``) are loaded only to generate.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wbcore.errors import UserError

__all__ = ["JSONL", "MANIFEST", "PARQUET", "PLUGINS", "Manifest"]

MANIFEST = "dataset.json"
PARQUET = "part-00000.parquet"
JSONL = "part-00000.jsonl"
# Under the data directory: the datasets of directory sources (schema directories outside
# schemas/), apart from the project's own.
PLUGINS = "plugins"


@dataclass(frozen=True)
class Manifest:
    """What a dataset directory holds and how it was made."""

    source: str
    table: str
    seed: int
    as_of: str
    sites: int
    days: int
    rows: int
    files: list[str]
    elements: int = 0  # rows plus list items: the unit of the fake-data benchmark
    arguments: dict[str, Any] = field(default_factory=dict)  # everything that made the data
    source_dir: str = ""  # the schema directory it was made from (a directory source's home)
    schema_fingerprint: str = ""  # Schema.fingerprint() when it was made ("" before it was kept)

    @classmethod
    def read(cls, directory: Path) -> Manifest:
        path = Path(directory) / MANIFEST
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(**data)
        except FileNotFoundError:
            raise UserError(
                "no generated dataset here (run `workbench fake-data`)", file=path
            ) from None
        except (OSError, ValueError, TypeError) as exc:
            raise UserError(f"unreadable dataset manifest ({exc})", file=path) from None
