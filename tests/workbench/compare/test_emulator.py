"""``workbench compare`` against a local BigQuery API server (bqemulator, tests/emulator.py).

The default dataset of every source is generated (byte-identical to ``make fake-data``'s),
published with ``workbench publish`` (dropsonde to its public example table, the default of
``compare``; pace and pulp, which have none yet, to a table named with --table), and every
query in queries/ is compared. Each must be identical, except where bqemulator 1.4.0 is
not BigQuery: ``EMULATOR_GAPS`` names each such query with the symptom and why, and each
entry must still differ, so the list cannot go stale.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cli import main_in_process as run
from tests.conftest import ROOT
from tests.emulator import serving
from workbench.cli import main
from workbench.engines import bigquery
from workbench.workbench import Workbench

TABLES = {
    "dropsonde": None,  # compare's default: the public example table of source.toml
    "pace": "workbench-test.examples.pace_telemetry",
    "pulp": "workbench-test.examples.pulp_analytics",
}
PUBLIC = "dataops-puppet-public-data.community.community_metrics"

# query → (what the comparison prints, why bqemulator differs from BigQuery there)
EMULATOR_GAPS = {
    "dropsonde/class_usage": (
        'Ambiguous reference to column name "classes"',
        "bqemulator cannot resolve `FROM t, UNNEST(classes) AS classes` (alias equal to the "
        "column name); BigQuery's UNNEST alias hides the column (see test_bigquery.py)",
    ),
    "dropsonde/module_usage": (
        'Ambiguous reference to column name "modules"',
        "the same gap with UNNEST(modules) AS modules",
    ),
    "dropsonde/site_count": (
        'Ambiguous reference to column name "modules"',
        "the same gap with UNNEST(modules) AS modules",
    ),
    "pulp/component_minor_versions": (
        "5,883 on BigQuery",
        "bqemulator's GROUP BY version groups by the struct field component.version, not the "
        "SELECT alias version (the x.y REGEXP_EXTRACT): BigQuery's GROUP BY resolves a name "
        "that is no column of the FROM clause to the SELECT list's alias, so it gives one row "
        "per (day, component, x.y); the emulator gives as many as the x.y.z query",
    ),
    "pulp/deployment_stats": (
        '"avg_content_app_processes": 2.78',
        "ROUND(AVG(...), 2) of 444/160 (the double below 2.775): bqemulator (DuckDB) scales by "
        "100 in double, which rounds the product up to 277.5 and gives 2.78; GoogleSQL's "
        "RoundDecimal scales in long double and gives 2.77 (conformance case "
        "math.round_binary_tie_2_775, from zetasql's math.cc)",
    ),
}


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory):
    with serving(tmp_path_factory) as url:
        yield url


@pytest.fixture(scope="module")
def default_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every source's default dataset (source.toml's population), as `make fake-data` makes it."""
    out = tmp_path_factory.mktemp("default")
    wb = Workbench(root=ROOT, db=out / "workbench.duckdb")
    for name in TABLES:
        wb.fake_data(wb.source(name), out=out, processes=1)
    wb.close()
    return out


@pytest.fixture(scope="module")
def published(endpoint: str, default_data: Path) -> Path:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(bigquery.ENDPOINT_ENV, endpoint)
        for name, table in TABLES.items():
            argv = ["publish", "--source", name, "--table", table or PUBLIC]
            assert main([*argv, "--data", str(default_data)]) == 0
    return default_data


@pytest.fixture()
def on_emulator(endpoint: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(bigquery.ENDPOINT_ENV, endpoint)


# compare refuses a differentially private query (tests/workbench/compare/test_cli.py)
QUERIES = sorted(
    p for p in (ROOT / "queries").glob("*/*.sql") if "DIFFERENTIAL_PRIVACY" not in p.read_text()
)


def test_every_gap_names_a_query():
    names = {f"{p.parent.name}/{p.stem}" for p in QUERIES}
    assert set(EMULATOR_GAPS) <= names


@pytest.mark.bigquery
@pytest.mark.parametrize("path", QUERIES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_query_is_identical_on_the_emulator(published, on_emulator, capsys, path: Path):
    name = f"{path.parent.name}/{path.stem}"
    table = TABLES[path.parent.name]
    argv = ["compare", str(path), "--db", str(published / "workbench.duckdb")]
    code, out, err = run(capsys, *argv, *(["--table", table] if table else []))
    assert "Traceback" not in err
    if name in EMULATOR_GAPS:
        symptom, _why = EMULATOR_GAPS[name]
        assert code == 1, f"{name} is now identical: remove it from EMULATOR_GAPS\n{out}"
        assert symptom in out + err
        return
    assert code == 0, out + err
    found = re.fullmatch(r".*: identical \(([\d,]+) rows?\)\n", out)
    assert found, out
    assert int(found[1].replace(",", "")) > 0, "an empty result would prove nothing"
    assert err == (
        f"workbench compare: compared with {table or PUBLIC}; CURRENT_* read 2026-11-15 00:00 "
        "UTC (the dataset's as-of date) on both; FLOAT64 within 4 ULPs\n"
    )


@pytest.mark.bigquery
def test_a_difference_prints_a_few_rows_and_exits_1(published, on_emulator, capsys):
    path = ROOT / "queries" / "pulp" / "component_minor_versions.sql"
    db = str(published / "workbench.duckdb")
    code, out, _ = run(capsys, "compare", str(path), "--db", db, "--table", TABLES["pulp"])
    assert code == 1
    lines = out.splitlines()
    assert lines[0].endswith(
        f"component_minor_versions.sql: differs from BigQuery ({TABLES['pulp']}):"
    )
    assert lines[1].startswith("  row count: ") and "offline, 5,883 on BigQuery" in lines[1]
    assert sum(line.startswith("    - ") for line in lines) == 5
    assert sum(line.startswith("    + ") for line in lines) == 5
    assert len(lines) <= 2 + 2 * 6


@pytest.mark.bigquery
def test_a_table_of_another_dataset_is_refused(published, on_emulator, tmp_path, capsys):
    """Comparing with a table published from other data would only show data differences."""
    other = tmp_path / "other"
    wb = Workbench(root=ROOT, db=other / "workbench.duckdb")
    wb.fake_data(wb.source("dropsonde"), out=other, sites=6, days=14, seed=3)
    wb.close()
    table = "workbench-test.other.community_metrics"
    assert main(["publish", "--table", table, "--data", str(other)]) == 0
    capsys.readouterr()
    path = ROOT / "queries" / "dropsonde" / "weekly_active_sites.sql"
    db = str(published / "workbench.duckdb")
    code, out, err = run(capsys, "compare", str(path), "--db", db, "--table", table)
    assert code == 1 and out == ""
    assert re.fullmatch(
        rf"workbench: error: .*weekly_active_sites\.sql: {table} does not hold the local "
        r"dropsonde dataset \([\d,]+ reports from 6 site_id there, 3,246 reports from 300 "
        rf"site_id here, or another time span\); publish it first: `workbench publish "
        rf"--source dropsonde --table {table}`\n",
        err,
    ), err
