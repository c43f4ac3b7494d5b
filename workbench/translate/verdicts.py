"""The reference analyzer's verdicts, kept on disk per statement, read without the analyzer.

Loading GoogleSQL's analyzer (``translate.analyzer``: zetasql's protocol buffers and the
WebAssembly module) costs about a second; a verdict already on disk costs a file read. Every
offline run asks for one (``Workbench.refuse_what_bigquery_rejects``), so an unchanged query
is analyzed once and never loads the analyzer again. A verdict is keyed by the statement, the
table names and column types, zetasql's version and the text of the analyzer's code.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wbcore.files import write_atomic

if TYPE_CHECKING:
    from fakedata.schema import Schema

# The analyzer's catalog: each table's names (local, production, public) and its schema.
Tables = tuple[tuple[tuple[str, ...], "Schema"], ...]
# ``(name, BigQuery type)`` of the query parameters whose types are known (wbcore/parameters.py)
Parameters = tuple[tuple[str, str], ...]
CRASHED = "GoogleSQL's analyzer failed on this statement (an internal error): it is not checked"


@dataclass(frozen=True)
class Rejection:
    """Why the reference analyzer refuses a statement, and where (1-based)."""

    line: int
    column: int
    message: str
    # the analyzer itself failed (a wasm trap): nothing is known of the statement
    crashed: bool = False


def cache_dir() -> Path:
    """Where the compiled module and the verdicts are kept (never inside the project)."""
    given = os.environ.get("WORKBENCH_CACHE_DIR")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "workbench"


@cache
def _versions() -> str:
    """zetasql's version and the analyzer's code (catalog, options, reading of messages): a
    change to either makes the verdicts of the old ones unused."""
    here = Path(__file__).resolve().parent
    code = hashlib.sha256()
    for name in ("analyzer.py", "verdicts.py"):
        code.update((here / name).read_bytes())
    return f"{importlib.metadata.version('zetasql')}\0{code.hexdigest()[:16]}"


def schema_key(tables: Tables) -> str:
    """What the verdict depends on besides the text: every table's names and column types."""
    shape = [[list(names), [[f.name, f.sql_type()] for f in schema]] for names, schema in tables]
    return json.dumps(shape, sort_keys=True)


def _file(sql: str, tables: Tables, parameters: Parameters = ()) -> Path:
    key = schema_key(tables)
    parts = (_versions(), key, sql) + ((json.dumps(parameters),) if parameters else ())
    digest = hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()
    return cache_dir() / "verdicts" / digest[:2] / f"{digest}.json"


def stored(
    sql: str, tables: Tables, parameters: Parameters = ()
) -> tuple[bool, Rejection | None]:
    """(True, the verdict) when one is on disk for this statement, else (False, None)."""
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        text = _file(sql, tables, parameters).read_text(encoding="utf-8")
        data: dict[str, Any] = json.loads(text)
        if data["ok"]:
            return True, None
        return True, Rejection(int(data["line"]), int(data["column"]), str(data["message"]))
    return False, None


def store(
    sql: str, tables: Tables, verdict: Rejection | None, parameters: Parameters = ()
) -> None:
    """Keep a verdict (written to a temporary file, then renamed: never half a verdict)."""
    path = _file(sql, tables, parameters)
    record = {"ok": True} if verdict is None else {"ok": False, **verdict.__dict__}
    with contextlib.suppress(OSError):
        write_atomic(path, json.dumps(record))
