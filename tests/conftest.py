"""Shared fixtures: the project root, its Dropsonde source, and a small real dataset in a
temporary DuckDB file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workbench import Workbench

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def dropsonde():
    from fakedata import load_source

    return load_source(ROOT / "schemas" / "dropsonde")


@pytest.fixture(scope="session")
def small_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small Dropsonde dataset (120 sites, 4 weeks) in a real DuckDB file; returns its dir.

    Large enough that rare features (Puppetfile Ruby methods: a few % of sites) appear.
    """
    out = tmp_path_factory.mktemp("data")
    wb = Workbench(root=ROOT, db=out / "workbench.duckdb")
    wb.fake_data(
        wb.source("dropsonde"), out=out, sites=120, days=28, seed=7, as_of=dt.date(2026, 11, 15)
    )
    return out


@pytest.fixture()
def wb(small_data: Path) -> Workbench:
    bench = Workbench(root=ROOT, db=small_data / "workbench.duckdb")
    yield bench
    bench.close()
