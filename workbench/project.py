"""A project's sources: ``schemas/<name>/`` directories, loaded once each.

Plain data the engines, checks and promotion take instead of the whole ``Workbench``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fakedata.source import Source, load_source
from wbcore.errors import UserError

DEFAULT_SOURCE = "dropsonde"


@dataclass
class Project:
    """The project root and its sources (a source may also be any schema directory)."""

    root: Path
    _cache: dict[Path, Source] = field(default_factory=dict, repr=False)

    @property
    def schemas_dir(self) -> Path:
        return self.root / "schemas"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def source_names(self) -> list[str]:
        if not self.schemas_dir.is_dir():
            return []
        return sorted(
            p.name for p in self.schemas_dir.iterdir() if p.is_dir() and any(p.glob("*.json"))
        )

    def source(self, name_or_dir: str | Path | None = None) -> Source:
        """A source by name (``schemas/<name>``) or by directory path."""
        ref = str(name_or_dir or DEFAULT_SOURCE)
        names = self.source_names
        if ref in names:
            return self.load(self.schemas_dir / ref)
        path = Path(ref)
        if path.is_dir():
            return self.load(path)
        known = ", ".join(names) or "none"
        raise UserError(
            f"unknown source {ref!r} (known sources: {known}; or give a schema directory)"
        )

    def load(self, path: Path) -> Source:
        key = path.resolve()
        if key not in self._cache:
            self._cache[key] = load_source(path)
        return self._cache[key]

    def sources(self) -> list[Source]:
        return [self.source(n) for n in self.source_names]
