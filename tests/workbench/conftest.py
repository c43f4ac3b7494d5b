"""Shared fixtures: the project's Workbench over a small fake dataset made once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.workbench import Workbench

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real DuckDB dataset of the Dropsonde source, small enough to build in a second."""
    out = tmp_path_factory.mktemp("dataset")
    wb = Workbench(root=ROOT, db=out / "workbench.duckdb")
    wb.fake_data(wb.source("dropsonde"), out=out, sites=40, days=21, seed=7)
    wb.close()
    return out / "workbench.duckdb"


@pytest.fixture
def wb(small_db: Path):
    bench = Workbench(root=ROOT, db=small_db)
    yield bench
    bench.close()
