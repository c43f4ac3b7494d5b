"""Loading a generated dataset into DuckDB: exact types, atomic replacement, metadata."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from fakedata import UserError
from tests.conftest import AS_OF
from workbench import Workbench
from workbench.engines.dataset import LEGACY_METADATA_TABLE, METADATA_SCHEMA, METADATA_TABLE

TYPES = [
    "STRING",
    "BYTES",
    "INTEGER",
    "FLOAT",
    "NUMERIC",
    "BOOLEAN",
    "TIMESTAMP",
    "DATE",
    "TIME",
    "DATETIME",
    "GEOGRAPHY",
    "JSON",
]
EXPECTED = [
    "VARCHAR",
    "BLOB",
    "BIGINT",
    "DOUBLE",
    "DECIMAL(38,9)",
    "BOOLEAN",
    "TIMESTAMP WITH TIME ZONE",
    "DATE",
    "TIME",
    "TIMESTAMP",
    "VARCHAR",
    "JSON",
]


@pytest.fixture()
def every_type_source(tmp_path: Path) -> Path:
    src = tmp_path / "alltypes"
    src.mkdir()
    fields = [
        {"name": f"c_{t.lower()}", "type": t, "mode": "NULLABLE", "description": t} for t in TYPES
    ]
    fields += [
        {"name": "req", "type": "INTEGER", "mode": "REQUIRED", "description": "required"},
        {"name": "tags", "type": "STRING", "mode": "REPEATED", "description": "repeated scalar"},
        {
            "name": "maybe",
            "type": "RECORD",
            "mode": "NULLABLE",
            "description": "nullable record",
            "fields": [{"name": "n", "type": "INTEGER", "mode": "NULLABLE", "description": "n"}],
        },
        {
            "name": "items",
            "type": "RECORD",
            "mode": "REPEATED",
            "description": "nested repeated",
            "fields": [
                {"name": "name", "type": "STRING", "mode": "NULLABLE", "description": "name"},
                {
                    "name": "parts",
                    "type": "RECORD",
                    "mode": "REPEATED",
                    "description": "inner",
                    "fields": [
                        {"name": "count", "type": "INTEGER", "mode": "NULLABLE", "description": "c"}
                    ],
                },
            ],
        },
    ]
    (src / "plugin.json").write_text(json.dumps(fields))
    return src


def test_every_type_and_mode_loads_with_the_mirroring_duckdb_type(
    tmp_path, every_type_source, root
):
    wb = Workbench(root=root, db=tmp_path / "out" / "workbench.duckdb")
    source = wb.source(str(every_type_source))
    manifest = wb.fake_data(
        source, out=tmp_path / "out", sites=20, days=14, seed=1, as_of=dt.date(2026, 1, 31)
    )
    con = duckdb.connect(str(tmp_path / "out" / "workbench.duckdb"), read_only=True)
    described = dict(
        con.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'alltypes'"
        ).fetchall()
    )
    for t, expected in zip(TYPES, EXPECTED, strict=True):
        assert described[f"c_{t.lower()}"] == expected
    assert described["tags"] == "VARCHAR[]"
    assert described["maybe"] == "STRUCT(n BIGINT)"
    assert described["items"] == 'STRUCT("name" VARCHAR, parts STRUCT(count BIGINT)[])[]'
    assert con.execute("SELECT COUNT(*) FROM alltypes").fetchone()[0] == manifest.rows
    assert (
        con.execute(
            "SELECT COUNT(*) FROM alltypes WHERE req IS NULL OR tags IS NULL OR items IS NULL"
        ).fetchone()[0]
        == 0
    )
    con.close()
    # and it is queryable in BigQuery SQL, nested arrays included
    df = wb.query(
        "SELECT COUNT(*) AS n FROM alltypes, UNNEST(items) AS it, UNNEST(it.parts) AS p WHERE p.count >= 0"
    )
    assert int(df.n[0]) > 0
    wb.close()


def test_reloading_replaces_the_table_and_records_the_manifest(tmp_path, root):
    wb = Workbench(root=root, db=tmp_path / "workbench.duckdb")
    source = wb.source("dropsonde")
    first = wb.fake_data(source, out=tmp_path, sites=5, days=14, seed=1)
    second = wb.fake_data(source, out=tmp_path, sites=9, days=14, seed=2, as_of=dt.date(2026, 3, 1))
    assert first.rows != second.rows or first.sites != second.sites
    df = wb.query(
        "SELECT COUNT(DISTINCT site_id) AS sites, COUNT(*) AS n, CURRENT_DATE() AS today FROM community_metrics"
    )
    assert int(df.sites[0]) == 9 and int(df.n[0]) == second.rows
    assert str(df.today[0]) == "2026-03-01"  # pinned to the newest dataset's as-of date
    wb.close()
    con = duckdb.connect(str(tmp_path / "workbench.duckdb"), read_only=True)
    [(manifest,)] = con.execute(
        f"SELECT manifest FROM {METADATA_TABLE} WHERE source = 'dropsonde'"
    ).fetchall()
    assert json.loads(manifest)["seed"] == 2


def test_a_failed_load_leaves_data_and_clock_consistent(tmp_path, root, monkeypatch):
    """The table is a view over the dataset directory, which is swapped whole (Parquet and
    dataset.json): whatever step fails, rows and the pinned clock come from one dataset."""
    wb = Workbench(root=root, db=tmp_path / "workbench.duckdb")
    source = wb.source("dropsonde")
    wb.fake_data(source, out=tmp_path, sites=5, days=14, seed=1, as_of=dt.date(2026, 1, 10))
    wb.close()
    import workbench.engines.dataset as dataset

    real = dataset.create_view_sql
    monkeypatch.setattr(
        dataset, "create_view_sql", lambda t, s, p: real(t, s, p).replace("SELECT", "SELEC", 1)
    )
    with pytest.raises(duckdb.Error):
        wb.fake_data(source, out=tmp_path, sites=8, days=14, seed=2, as_of=dt.date(2026, 2, 20))
    monkeypatch.undo()
    fresh = Workbench(root=root, db=tmp_path / "workbench.duckdb")
    df = fresh.query(
        "SELECT COUNT(*) AS n, COUNT(DISTINCT site_id) AS s, CURRENT_DATE() AS d FROM community_metrics"
    )
    manifest = json.loads((tmp_path / "dropsonde" / "dataset.json").read_text())
    assert (int(df.n[0]), int(df.s[0]), str(df.d[0])) == (
        manifest["rows"],
        manifest["sites"],
        manifest["as_of"],
    )
    fresh.close()


def test_query_returns_bigquery_like_dtypes(wb):
    df = wb.query(
        "SELECT 1 AS i, CAST(NULL AS INT64) AS n, TRUE AS b, 'x' AS s, DATE '2026-01-02' AS d, "
        "TIME '01:02:03' AS t, TIMESTAMP '2026-01-02 03:04:05+00' AS ts"
    )
    assert str(df.i.dtype) == "Int64" and str(df.n.dtype) == "Int64" and df.n.isna().all()
    assert str(df.b.dtype) == "boolean"
    assert str(df.d.dtype) == "dbdate" and str(df.t.dtype) == "dbtime"
    assert str(df.ts.dtype) == "datetime64[us, UTC]"


def test_a_locked_database_is_a_clear_message(tmp_path, root):
    db = tmp_path / "workbench.duckdb"
    writer = duckdb.connect(str(db))
    writer.execute("CREATE TABLE x (i INT)")
    try:
        code = (
            "import sys; from workbench import Workbench; from fakedata import UserError\n"
            f"wb = Workbench(root={str(root)!r}, db={str(db)!r})\n"
            "try:\n    wb.fake_data(wb.source('dropsonde'), out=None, sites=2, days=7)\n"
            "except UserError as e:\n    print(e); sys.exit(3)\n"
        )
        proc = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=False
        )
    finally:
        writer.close()
    assert proc.returncode == 3, proc.stderr
    assert "in use by another process" in proc.stdout


def test_unknown_source_table_not_loaded(tmp_path, root):
    db = tmp_path / "workbench.duckdb"
    duckdb.connect(str(db)).close()
    wb = Workbench(root=root, db=db)
    with pytest.raises(UserError, match="table 'community_metrics' is not loaded"):
        wb.query("SELECT COUNT(*) FROM community_metrics")
    wb.close()


def test_engine_errors_hide_quoted_data_values():
    from workbench.engines.errors import redact_values

    message = "Conversion Error: Could not convert string '10.1.2.3' to INT64 near 'x'"
    assert redact_values(message, "SELECT CAST(ip AS INT64) FROM t WHERE y = 'x'") == (
        "Conversion Error: Could not convert string '<value>' to INT64 near 'x'"
    )


def test_every_source_loads_into_one_database_listed_by_source_name(wb):
    """The shared test database holds every source (loaded dropsonde, pulp, pace); they are
    listed by source name, not load order, so notebook outputs do not depend on the latter."""
    assert [m["source"] for m in wb.datasets.values()] == ["dropsonde", "pace", "pulp"]
    assert list(wb.datasets) == ["community_metrics", "pace_telemetry", "pulp_analytics"]
    assert {m["as_of"] for m in wb.datasets.values()} == {"2026-11-15"}


def test_missing_dataset_files_are_a_clear_message(tmp_path, root):
    wb = Workbench(root=root, db=tmp_path / "workbench.duckdb")
    wb.fake_data(wb.source("dropsonde"), out=tmp_path, sites=3, days=7, seed=1)
    wb.close()
    (tmp_path / "dropsonde" / "part-00000.parquet").unlink()
    fresh = Workbench(root=root, db=tmp_path / "workbench.duckdb")
    with pytest.raises(UserError, match="dataset files of table 'community_metrics' are missing"):
        fresh.query("SELECT COUNT(*) AS n FROM community_metrics")
    fresh.close()


def test_an_older_database_keeps_working_and_its_metadata_moves_out_of_main(tmp_path, root):
    """Databases written before the metadata had its own schema kept it in ``main``: they
    are read as they are, and the next load moves the table (nothing else stays in main)."""
    db = tmp_path / "workbench.duckdb"
    wb = Workbench(root=root, db=db)
    wb.fake_data(wb.source("dropsonde"), out=tmp_path, sites=3, days=7, seed=1, as_of=AS_OF)
    wb.close()
    writer = duckdb.connect(str(db))
    writer.execute(f"CREATE TABLE {LEGACY_METADATA_TABLE} AS SELECT * FROM {METADATA_TABLE}")
    writer.execute(f"DROP SCHEMA {METADATA_SCHEMA} CASCADE")
    writer.close()
    older = Workbench(root=root, db=db)
    assert older.query("SELECT CURRENT_DATE() AS d").d[0] == AS_OF  # the clock still pinned
    assert int(older.query("SELECT COUNT(*) AS n FROM community_metrics").n[0]) > 0
    older.fake_data(older.source("pulp"), out=tmp_path, sites=3, days=7, seed=1, as_of=AS_OF)
    older.close()
    con = duckdb.connect(str(db), read_only=True)
    tables = con.execute("SELECT schema_name, table_name FROM duckdb_tables()").fetchall()
    assert tables == [tuple(METADATA_TABLE.split("."))]
    sources = con.execute(f"SELECT source FROM {METADATA_TABLE} ORDER BY source").fetchall()
    assert sources == [("dropsonde",), ("pulp",)]
    con.close()
