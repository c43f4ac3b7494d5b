"""Run plans: what an offline run of an unchanged statement needs, kept on disk.

Running a query offline means loading its sources (TOML, JSON schemas, validation), translating
it (sqlglot: about a fifth of a second to import), asking the reference analyzer and, for
``workbench run``, the privacy gate. None of that changes while the query, the sources, the
dataset and the workbench's code stay as they are, so the second run of a query reads a plan
(the DuckDB SQL, the runtime functions it calls, its parameters, its privacy note) and goes
straight to DuckDB.

A plan is keyed by everything those steps read: the statement and its file name, the engine's
switches (``--today``, ``--dp-noise``), the code of the workbench's packages and the installed
sqlglot, DuckDB and zetasql, the source files (``schemas/``, the directory sources named by
``data/plugins/*/manifest.json``) and the database file, each file by path, size and
modification time. A changed input is another key: a plan is never stale, only unused. Only a
run that succeeded is kept, and a plan DuckDB fails on is not trusted: the run is redone in
full, whose error is the one shown. Plans live in ``data/.cache/plans/`` (a source name never
starts with a dot), written to a temporary file and renamed; the oldest are removed past
``KEEP``. ``WORKBENCH_NO_PLANS=1`` turns them off (every run in full: a benchmark's first run).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
from dataclasses import asdict, dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fakedata.manifest import MANIFEST
from fakedata.source import SOURCE_FILE
from wbcore.files import write_atomic

if TYPE_CHECKING:
    from workbench.project import Project

PLANS = Path(".cache") / "plans"
KEEP = 2000  # plans kept per data directory; the oldest go first
_PACKAGES = ("workbench", "wbcore", "fakedata")
_LIBRARIES = ("sqlglot", "duckdb", "zetasql")
_FORMAT = 1  # bumped when Plan's fields change
OFF = "WORKBENCH_NO_PLANS"  # set (to anything): plans are neither read nor kept


@dataclass(frozen=True)
class Plan:
    """A translated statement ready to run, and what the run reports besides its rows."""

    duckdb: str
    functions: tuple[str, ...]  # BigQuery's runtime functions it calls (translate.functions)
    parameters: tuple[str, ...]
    dp_noise: str | None  # "on"/"off" for a differentially private statement
    privacy: tuple[str, ...] | None = None  # the gate's broken rules, once asked


def _stat(path: Path) -> list[Any]:
    try:
        st = path.stat()
    except OSError:
        return [str(path), None]
    return [str(path), st.st_mtime_ns, st.st_size]


def _tree(directory: Path) -> list[list[Any]]:
    """Every file below ``directory`` (not bytecode), by path, time and size."""
    found = []
    for where, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        found.extend(_stat(Path(where) / name) for name in sorted(files))
    return found


@cache
def code_key() -> str:
    """The workbench's own code and the libraries whose behaviour a plan depends on."""
    return code_key_of(Path(__file__).resolve().parent.parent)


def code_key_of(root: Path) -> str:
    """``code_key`` of the packages under ``root``."""
    shape: list[Any] = [_FORMAT]
    for package in _PACKAGES:
        shape.extend(_tree(root / package))
    for library in _LIBRARIES:
        spec = importlib.util.find_spec(library)  # found, not imported
        origin = Path(spec.origin) if spec is not None and spec.origin else None
        shape.append([library, _stat(origin) if origin is not None else None])
    return hashlib.sha256(json.dumps(shape).encode()).hexdigest()


def _source_files(directory: Path) -> list[list[Any]]:
    """What loading a source reads: its ``source.toml`` and its schema files."""
    files = [directory / SOURCE_FILE, *sorted(directory.glob("*.json"))]
    return [_stat(p) for p in files]


def inputs_key(project: Project, db_path: Path) -> list[Any]:
    """The files a run's sources, translation and checks are read from."""
    shape: list[Any] = [str(project.root), _stat(db_path)]
    if project.schemas_dir.is_dir():
        for directory in sorted(p for p in project.schemas_dir.iterdir() if p.is_dir()):
            shape.append(_source_files(directory))
    if project.plugins_dir.is_dir():
        for manifest in sorted(project.plugins_dir.glob(f"*/{MANIFEST}")):
            shape.append(_stat(manifest))
        for where in project.directory_sources().values():
            shape.append(_source_files(where))
    return shape


class PlanStore:
    """The plans of one project's data directory, for one engine's switches."""

    def __init__(self, project: Project, db_path: Path, switches: dict[str, Any]) -> None:
        self.project = project
        self.db_path = db_path
        self.switches = switches
        self.directory = db_path.parent / PLANS

    def key(self, sql: str, where: str, parameters: tuple[tuple[str, str], ...] = ()) -> str:
        """``parameters``: the query parameters' BigQuery types (the translation types
        ``@name`` by them, so another type is another plan; the values are bound at run)."""
        shape = [
            code_key(),
            inputs_key(self.project, self.db_path),
            sorted(self.switches.items()),
            where,
            sql,
            [list(p) for p in parameters],
        ]
        return hashlib.sha256(json.dumps(shape).encode()).hexdigest()

    def _file(self, key: str) -> Path:
        return self.directory / f"{key}.json"

    def get(self, key: str) -> Plan | None:
        if os.environ.get(OFF):
            return None
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            data = json.loads(self._file(key).read_text(encoding="utf-8"))
            privacy = data["privacy"]
            return Plan(
                duckdb=str(data["duckdb"]),
                functions=tuple(map(str, data["functions"])),
                parameters=tuple(map(str, data["parameters"])),
                dp_noise=None if data["dp_noise"] is None else str(data["dp_noise"]),
                privacy=None if privacy is None else tuple(map(str, privacy)),
            )
        return None

    def put(self, key: str, plan: Plan) -> None:
        """Keep ``plan`` (never half-written); a data directory that cannot take it keeps none."""
        if os.environ.get(OFF) or not self.db_path.parent.is_dir():
            return
        with contextlib.suppress(OSError):
            write_atomic(self._file(key), json.dumps(asdict(plan)))
            self._prune()

    def with_privacy(self, key: str, plan: Plan, broken: list[str]) -> None:
        self.put(key, replace(plan, privacy=tuple(broken)))

    def _prune(self) -> None:
        plans = list(self.directory.glob("*.json"))
        if len(plans) <= KEEP:
            return
        plans.sort(key=lambda p: _stat(p)[1] or 0)
        for old in plans[: len(plans) - KEEP]:
            with contextlib.suppress(OSError):
                old.unlink()
