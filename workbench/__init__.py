"""Telemetry aggregation query workbench: BigQuery SQL offline on schema-exact fake data.

``workbench.query(sql_or_path)`` runs a BigQuery-dialect query against the local dataset
and returns a DataFrame; ``%load_ext workbench`` registers the ``%%bigquery`` magic.
Heavy modules are imported lazily so the CLI starts instantly.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.workbench import Workbench

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Workbench", "default", "load_ipython_extension", "load_query", "query"]

_default: Workbench | None = None


def default() -> Workbench:
    """The process-wide Workbench for the current project (created on first use)."""
    global _default
    if _default is None:
        _default = Workbench()
    return _default


def query(sql_or_path: str | Path, params: dict[str, Any] | None = None) -> pd.DataFrame:
    """Run one BigQuery-dialect query (SQL text or a .sql path) offline → DataFrame."""
    return default().query(sql_or_path, params)


def load_query(path: str | Path) -> str:
    """The SQL text of a query file (relative paths resolve from the project root too).

    Notebooks use it to run the exact file that gets promoted:
    ``sql = workbench.load_query("queries/dropsonde/site_count.sql")`` then ``%%bigquery df`` / ``$sql``.
    """
    from wbcore.sqlfile import read_sql

    return read_sql(Path(path))[0]


def load_ipython_extension(ipython: Any) -> None:
    from workbench.magic import load_ipython_extension as load

    load(ipython)
