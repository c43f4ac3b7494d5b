"""Shared fixtures: the project root, its Dropsonde source, and a small real dataset of every
source in a temporary DuckDB file."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

# Every lookup in the translation's node index is compared with a fresh walk of the tree
# (workbench/translate/rules/_sql.nodes), in this process and the CLI processes tests start.
os.environ["WORKBENCH_CHECK_INDEX"] = "1"

from workbench import Workbench

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "tests" / "reference"  # a copy of shared/reference: see its README


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def dropsonde():
    from fakedata import load_source

    return load_source(ROOT / "schemas" / "dropsonde")


# Small datasets of every source, all with the same as-of date (the pinned clock), each large
# enough that every query in queries/ returns rows and passes `workbench check --strict`.
SMALL = {
    # rare features (Puppetfile Ruby methods: a few % of sites) appear
    "dropsonde": {"sites": 120, "days": 28},
    # enough persistent systems per day for the deployment averages (k = 5)
    "pulp": {"sites": 80, "days": 35},
    # every command run on at least 5 installs, some uploads with a previous one
    "pace": {"sites": 120, "days": 42},
}
AS_OF = dt.date(2026, 11, 15)


@pytest.fixture(scope="session")
def small_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small dataset of every source (see SMALL) in one real DuckDB file; returns its dir."""
    out = tmp_path_factory.mktemp("data")
    wb = Workbench(root=ROOT, db=out / "workbench.duckdb")
    for name, size in SMALL.items():
        wb.fake_data(wb.source(name), out=out, seed=7, as_of=AS_OF, **size)
    return out


@pytest.fixture()
def wb(small_data: Path) -> Workbench:
    bench = Workbench(root=ROOT, db=small_data / "workbench.duckdb")
    yield bench
    bench.close()
