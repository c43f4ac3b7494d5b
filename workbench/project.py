"""A project's sources: ``schemas/<name>/`` directories, loaded once each, and the directory
sources (a directory of plugin schemas anywhere, ``--source DIR``) whose datasets were made.

Plain data the engines, checks and promotion take instead of the whole ``Workbench``.
A directory source is a whole source: the system fields of its program (``[source]
program``, default ``dropsonde``) come first, unless it names its own ``system_fields`` or
its schema declares some of them itself.
Its dataset lives apart from the project's, under ``data/plugins/<name>/`` (its table in
the same database, so ``run``, ``check`` and ``promote`` find it), and ``workbench drop``
removes it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from fakedata.manifest import MANIFEST, PLUGINS
from fakedata.schema import load_schema, read_schema_file
from fakedata.source import SOURCE_FILE, Source, load_source
from wbcore.errors import UserError
from wbcore.tomlfile import read_toml

DEFAULT_SOURCE = "dropsonde"


@dataclass
class Project:
    """The project root and its sources (a source may also be any schema directory)."""

    root: Path
    data_dir: Path | None = None  # where datasets are written (default: root/data)
    _cache: dict[Path, Source] = field(default_factory=dict, repr=False)

    @property
    def schemas_dir(self) -> Path:
        return self.root / "schemas"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def plugins_dir(self) -> Path:
        return (self.data_dir or self.root / "data") / PLUGINS

    @property
    def source_names(self) -> list[str]:
        if not self.schemas_dir.is_dir():
            return []
        return sorted(
            p.name for p in self.schemas_dir.iterdir() if p.is_dir() and any(p.glob("*.json"))
        )

    def is_project_source(self, source: Source) -> bool:
        """Whether ``source`` is one of ``schemas/`` (not a directory source from elsewhere)."""
        return source.directory.resolve().parent == self.schemas_dir.resolve()

    def directory_sources(self) -> dict[str, Path]:
        """Directory sources with a dataset under ``data/plugins/``: name → schema directory."""
        found: dict[str, Path] = {}
        if not self.plugins_dir.is_dir():
            return found
        for manifest in sorted(self.plugins_dir.glob(f"*/{MANIFEST}")):
            try:
                where = json.loads(manifest.read_text(encoding="utf-8")).get("source_dir")
            except (OSError, ValueError, AttributeError):
                continue  # not ours, or half-written: `workbench drop` names it
            if isinstance(where, str) and where and Path(where).is_dir():
                found[manifest.parent.name] = Path(where)
        return found

    def source(self, name_or_dir: str | Path | None = None) -> Source:
        """A source by name (``schemas/<name>``, or a directory source's) or by directory."""
        ref = str(name_or_dir or DEFAULT_SOURCE)
        names = self.source_names
        if ref in names:
            return self.load(self.schemas_dir / ref)
        path = Path(ref)
        if path.is_dir():
            return self.load(path)
        plugins = self.directory_sources()
        if ref in plugins:
            return self.load(plugins[ref])
        known = ", ".join([*names, *plugins]) or "none"
        raise UserError(
            f"unknown source {ref!r} (known sources: {known}; or give a schema directory)"
        )

    def load(self, path: Path) -> Source:
        key = path.resolve()
        if key not in self._cache:
            if key.parent == self.schemas_dir.resolve():
                self._cache[key] = load_source(path)
            else:
                self._cache[key] = self._directory_source(path)
        return self._cache[key]

    def _directory_source(self, path: Path) -> Source:
        """A directory of plugin schemas outside ``schemas/``: with its program's system fields."""
        settings = read_toml(path / SOURCE_FILE) if (path / SOURCE_FILE).is_file() else {}
        section = settings.get("source") if isinstance(settings.get("source"), dict) else {}
        program = section.get("program", DEFAULT_SOURCE)
        parent = None
        if isinstance(program, str) and program and "system_fields" not in section:
            if program not in self.source_names:
                raise UserError(
                    f"source.program: {program!r} is not a program of this project "
                    f"(known: {', '.join(self.source_names) or 'none'})",
                    file=path / SOURCE_FILE,
                )
            parent = self.source(program)
            if parent.system_fields and _declares_system_fields(path, parent):
                parent = None  # a schema that declares them itself is a whole schema already
        source = load_source(path, parent)
        if parent is None:
            return source  # a whole schema of its own (a copy of a source, say): as it says
        clash = next(
            (
                n
                for n in self.source_names
                if source.name == n or source.table == self.source(n).table
            ),
            None,
        )
        if clash is not None:  # its table would replace the project's in the database
            raise UserError(
                f"the plugin directory's name or table {source.name!r} is taken by the "
                f'project\'s source {clash!r}; set [source] name = "..." in its {SOURCE_FILE}',
                file=path,
            )
        return source

    def sources(self) -> list[Source]:
        """The project's sources (``schemas/``), then the directory sources with a dataset."""
        found = [self.source(n) for n in self.source_names]
        for where in self.directory_sources().values():
            try:
                found.append(self.load(where))
            except UserError:
                continue  # a directory that changed since: `workbench drop` removes it
        return found


def _declares_system_fields(directory: Path, program: Source) -> bool:
    """Whether the directory's own schema files declare one of the program's system fields
    (a plugin never does: its program would refuse the duplicate column)."""
    system = {f.name.lower() for f in read_schema_file(program.directory / program.system_fields)}
    own = load_schema(directory).names
    return any(name.lower() in system for name in own)
