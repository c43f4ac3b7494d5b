"""Fixtures of the workbench tests: the shared small dataset's database file."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def small_db(small_data: Path) -> Path:
    """The DuckDB file of the session's small datasets, every source (tests/conftest.py)."""
    return small_data / "workbench.duckdb"
