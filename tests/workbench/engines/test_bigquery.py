"""BigQuery for real, against a local BigQuery API server (bqemulator in its own process).

Tests assert what BigQuery guarantees. Where bqemulator 1.4.0 falls short of BigQuery, the
test says so and asserts only what both do. Its known gaps:
- JSON Lines loads store BYTES as base64 text: the workbench loads Parquet anyway.
- Results sent to a destination table are not written: the workbench never does that.
- Dry runs report 0 bytes processed and no referenced tables.
- ``FROM t, UNNEST(x) AS x`` with ``x.field`` in the select list fails ("Ambiguous reference
  to column name"): class_usage, module_usage and site_count cannot run on it, so the
  engine comparison uses weekly_active_sites and stdlib_version_adoption (the latter does
  unnest ``modules AS modules``, filtered and grouped, and is accepted).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest

from tests.cli import main_in_process as run
from tests.conftest import ROOT
from tests.emulator import PROJECT, serving
from wbcore.errors import UserError
from workbench.cli import main
from workbench.engines import bigquery
from workbench.engines.base import DryRunResult
from workbench.workbench import Workbench

PROD = "bto-dataops-datalake-prod.dujour.community_metrics"
QUERIES = ROOT / "queries" / "dropsonde"


# -- fixtures: one emulator and one published table for the whole session ------------------


@pytest.fixture(scope="session")
def endpoint(tmp_path_factory: pytest.TempPathFactory):
    with serving(tmp_path_factory) as url:
        yield url


@pytest.fixture(scope="session")
def today_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small dataset as of today (UTC): BigQuery's clock and the offline pinned clock then
    agree on CURRENT_DATE(), and every report lies inside the queries' 84-day windows."""
    out = tmp_path_factory.mktemp("today")
    wb = Workbench(root=ROOT, db=out / "workbench.duckdb")
    today = dt.datetime.now(dt.UTC).date()
    wb.fake_data(wb.source("dropsonde"), out=out, sites=40, days=28, seed=11, as_of=today)
    wb.close()
    return out


@pytest.fixture(scope="session")
def published(endpoint: str, today_data: Path) -> dict[str, str]:
    """``workbench publish`` of the dataset to the production table name."""
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(bigquery.ENDPOINT_ENV, endpoint)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["publish", "--table", PROD, "--data", str(today_data)])
    assert code == 0, err.getvalue()
    return {"out": out.getvalue(), "err": err.getvalue()}


@pytest.fixture()
def client(endpoint: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(bigquery.ENDPOINT_ENV, endpoint)
    return bigquery.connect()


def manifest_rows(directory: Path) -> int:
    return json.loads((directory / "dropsonde" / "dataset.json").read_text())["rows"]


# -- publish ------------------------------------------------------------------------------


@pytest.mark.bigquery
def test_publish_loads_every_row_with_the_exact_schema(published, client, today_data):
    rows = manifest_rows(today_data)
    assert f"published {rows:,} rows to {PROD}" in published["out"]
    assert (
        "/projects/bto-dataops-datalake-prod/datasets/dujour/tables/community_metrics"
        in (published["out"])
    )
    assert "creating dataset bto-dataops-datalake-prod.dujour in US" in published["err"]
    assert "uploading" in published["err"] and "load job" in published["err"]

    table = client.get_table(PROD)
    assert table.num_rows == rows
    assert table.description.startswith("Randomized example data, not real reports. Puppet")
    count = client.query(f"SELECT COUNT(*) AS n FROM `{PROD}`").result()
    assert next(iter(count))["n"] == rows

    expected = Workbench(root=ROOT).source("dropsonde").schema
    got = [f.to_api_repr() for f in table.schema]
    want = [f.to_api_repr() for f in bigquery.schema_fields(expected)]
    assert got == want  # names, types, modes, descriptions, nesting
    by_name = {f.name: f for f in table.schema}
    assert (by_name["site_id"].field_type, by_name["site_id"].mode) == ("BYTES", "NULLABLE")
    assert by_name["timestamp"].field_type == "TIMESTAMP"
    modules = by_name["modules"]
    assert (modules.field_type, modules.mode) == ("RECORD", "REPEATED")
    assert [(f.name, f.field_type) for f in modules.fields] == [
        ("name", "STRING"),
        ("slug", "STRING"),
        ("version", "STRING"),
    ]


@pytest.mark.bigquery
def test_bytes_and_arrays_arrive_intact(published, client, today_data):
    """BYTES stay 64-byte digests (a JSON Lines load would make them base64 text on the
    emulator) and every array element arrives: checked against the offline engine."""
    sql = (
        f"SELECT COUNT(DISTINCT site_id) AS sites, MIN(BYTE_LENGTH(site_id)) AS shortest, "
        f"SUM(ARRAY_LENGTH(modules)) AS modules, SUM(ARRAY_LENGTH(classes)) AS classes "
        f"FROM `{PROD}`"
    )
    online = bigquery.run(sql, client).to_pylist()
    offline = Workbench(root=ROOT, db=today_data / "workbench.duckdb").arrow(sql).to_pylist()
    assert online == offline
    assert online[0]["shortest"] == 64


@pytest.mark.bigquery
def test_publish_again_replaces_the_table(published, client, today_data):
    wb = Workbench(root=ROOT, db=today_data / "workbench.duckdb")
    messages: list[str] = []
    result = bigquery_publish(wb, client, today_data, messages.append)
    rows = manifest_rows(today_data)
    assert result.rows == rows and client.get_table(PROD).num_rows == rows  # not appended
    assert not any("creating dataset" in m for m in messages)  # it exists now


@pytest.mark.bigquery
def test_publish_into_a_dataset_of_another_location_is_refused(published, client, today_data):
    from workbench.publish import parse_table_id, publish

    wb = Workbench(root=ROOT, db=today_data / "workbench.duckdb")
    with pytest.raises(
        UserError, match=r"dataset bto-dataops-datalake-prod\.dujour is in US, not EU"
    ):
        publish(
            wb.source("dropsonde"), today_data / "dropsonde", parse_table_id(PROD), client, "EU"
        )


def bigquery_publish(wb, client, data, progress):
    from workbench.publish import parse_table_id, publish

    source = wb.source("dropsonde")
    return publish(source, data / "dropsonde", parse_table_id(PROD), client, progress=progress)


# -- dry run ------------------------------------------------------------------------------


@pytest.mark.bigquery
def test_dry_run_of_a_valid_query(published, client):
    result = bigquery.dry_run((QUERIES / "weekly_active_sites.sql").read_text(), client)
    assert result.valid and result.error is None
    assert result.statement_type == "SELECT"
    assert result.columns == (("date", "DATE"), ("week", "DATE"), ("sites", "INTEGER"))
    # BigQuery reports the bytes the query would scan and the production table it reads;
    # emulator gap: it reports 0 bytes and no referenced tables.
    assert isinstance(result.bytes_processed, int) and result.bytes_processed >= 0
    assert set(result.referenced_tables) <= {PROD}
    assert result.summary().startswith("valid on BigQuery: SELECT would process")


@pytest.mark.bigquery
@pytest.mark.parametrize(
    ("sql", "culprit"),
    [
        (f"SELECT no_such_column FROM `{PROD}`", "no_such_column"),
        ("SELECT 1 FROM `bto-dataops-datalake-prod.dujour.no_such_table`", "no_such_table"),
        ("SELEC 1", "SELEC"),
    ],
)
def test_dry_run_of_an_invalid_query(published, client, sql, culprit):
    result = bigquery.dry_run(sql, client)
    assert not result.valid
    assert culprit in result.error and "\n" not in result.error
    assert result.summary().startswith("invalid on BigQuery: ")


@pytest.mark.bigquery
def test_require_valid_names_the_file(published, client):
    path = QUERIES / "weekly_active_sites.sql"
    result = bigquery.require_valid(path.read_text(), client, str(path), allowed_tables=(PROD,))
    assert result.valid
    with pytest.raises(UserError, match=r"^bad\.sql: invalid on BigQuery: .*no_such_column"):
        bigquery.require_valid(f"SELECT no_such_column FROM `{PROD}`", client, "bad.sql")


def test_tables_outside_the_allowed_ones():
    result = DryRunResult(
        valid=True, referenced_tables=(PROD, "other-project.x.secret_table", PROD.upper())
    )
    # BigQuery table names are case-sensitive: another case is another table.
    assert result.unexpected_tables((PROD,)) == ["other-project.x.secret_table", PROD.upper()]
    assert result.foreign_tables((PROD,)) == (
        f"reads other-project.x.secret_table, {PROD.upper()} on BigQuery; only {PROD} may be read"
    )
    assert DryRunResult(valid=True, referenced_tables=(PROD,)).foreign_tables((PROD,)) is None


# -- run: the same query on both engines ---------------------------------------------------


@pytest.mark.bigquery
@pytest.mark.parametrize("name", ["weekly_active_sites.sql", "stdlib_version_adoption.sql"])
def test_run_on_bigquery_matches_the_offline_result(
    published, endpoint, today_data, capsys, monkeypatch, name
):
    path = str(QUERIES / name)
    monkeypatch.setenv(bigquery.ENDPOINT_ENV, endpoint)
    code, online, err = run(capsys, "run", path, "--engine", "bigquery", "--format", "json")
    assert code == 0, err
    db = str(today_data / "workbench.duckdb")
    code, offline, err = run(capsys, "run", path, "--db", db, "--format", "json")
    assert code == 0, err
    rows = json.loads(online)
    assert rows, "the query returned nothing: the comparison would prove nothing"
    assert rows == json.loads(offline)
    assert rows[0]["date"] == dt.datetime.now(dt.UTC).date().isoformat()


@pytest.mark.bigquery
def test_run_on_bigquery_with_a_parameter_prints_a_table(published, endpoint, capsys, monkeypatch):
    monkeypatch.setenv(bigquery.ENDPOINT_ENV, endpoint)
    code, out, err = run(
        capsys,
        "run",
        "--engine",
        "bigquery",
        "--sql",
        f"SELECT COUNT(*) AS reports FROM `{PROD}` WHERE environment_count >= @min",
        "--param",
        "min=0",
    )
    assert code == 0, err
    assert out.splitlines()[0] == "| reports |" and out.rstrip().endswith("(1 row)")


@pytest.mark.bigquery
def test_run_on_bigquery_reports_bigquery_error_in_one_line(
    published, endpoint, capsys, monkeypatch
):
    monkeypatch.setenv(bigquery.ENDPOINT_ENV, endpoint)
    code, out, err = run(
        capsys, "run", "--engine", "bigquery", "--sql", f"SELECT nope FROM `{PROD}`"
    )
    assert code == 1 and out == ""
    assert err.startswith("workbench: error: query: BigQuery: ") and "nope" in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_engine_bigquery_refuses_local_only_options(capsys):
    code, _, err = run(capsys, "run", "--engine", "bigquery", "--sql", "SELECT 1", "--today")
    assert code == 1 and err == (
        "workbench: error: --db, --today and --dp-noise off apply to --engine local only\n"
    )


# -- %%bigquery --engine bigquery -------------------------------------------------------------


@pytest.fixture()
def ip(endpoint, today_data, monkeypatch):
    from IPython import get_ipython
    from IPython.testing.globalipapp import start_ipython

    import workbench

    shell = start_ipython() or get_ipython()
    shell.run_line_magic("load_ext", "workbench")
    bench = Workbench(root=ROOT, db=today_data / "workbench.duckdb")
    monkeypatch.setattr(workbench, "_default", bench)
    monkeypatch.setenv(bigquery.ENDPOINT_ENV, endpoint)
    yield shell
    bench.close()


@pytest.mark.bigquery
def test_magic_on_bigquery_gives_the_offline_dataframe(published, ip):
    import pandas as pd

    cell = (
        f"SELECT m.slug AS slug, COUNT(DISTINCT site_id) AS sites\n"
        f"FROM `{PROD}`, UNNEST(modules) AS m\n"
        "GROUP BY slug HAVING sites >= @min_sites ORDER BY sites DESC, slug"
    )
    ip.run_cell_magic("bigquery", 'online --engine bigquery --params {"min_sites": 2}', cell)
    ip.run_cell_magic("bigquery", 'offline --params {"min_sites": 2}', cell)
    online, offline = ip.user_ns["online"], ip.user_ns["offline"]
    assert isinstance(online, pd.DataFrame) and len(online) > 0
    assert online["sites"].min() >= 2
    pd.testing.assert_frame_equal(online, offline)  # values and dtypes (Int64)


@pytest.mark.bigquery
def test_magic_on_bigquery_max_results_and_display(published, ip):
    sql = "SELECT x FROM UNNEST(GENERATE_ARRAY(1, @n)) AS x ORDER BY x"
    result = ip.run_cell_magic(
        "bigquery", "--engine bigquery --max_results 2 --params {'n': 5}", sql
    )
    assert result["x"].tolist() == [1, 2]


@pytest.mark.bigquery
def test_magic_dry_run_on_bigquery_reports_bytes(published, ip, capsys):
    sql = f"SELECT COUNT(*) AS n FROM `{PROD}`"
    assert ip.run_cell_magic("bigquery", "job --engine bigquery --dry_run", sql) is None
    assert "Query validated on BigQuery. This query will process " in capsys.readouterr().err
    assert ip.user_ns["job"].valid and ip.user_ns["job"].columns == (("n", "INTEGER"),)


@pytest.mark.bigquery
def test_magic_on_bigquery_errors_are_one_message(published, ip, capsys):
    ip.run_cell_magic("bigquery", "--engine bigquery --dry_run", f"SELECT nope FROM `{PROD}`")
    err = capsys.readouterr().err
    assert "ERROR:" in err and "query is invalid on BigQuery" in err and "Traceback" not in err
    ip.run_cell_magic("bigquery", "--engine bigquery --destination_table d.t", "SELECT 1")
    assert "--destination_table is not supported" in capsys.readouterr().err


# -- query parameters -------------------------------------------------------------------------


def test_query_parameter_types_are_inferred_like_bigquery_magics():
    from decimal import Decimal

    params = bigquery.query_parameters(
        {
            "n": 3,
            "x": 1.5,
            "s": "puppetlabs-stdlib",
            "b": True,
            "d": dt.date(2026, 11, 15),
            "ts": dt.datetime(2026, 11, 15, tzinfo=dt.UTC),
            "naive": dt.datetime(2026, 11, 15),
            "dec": Decimal("1.25"),
            "raw": b"\x00",
            "arr": [1, 2],
        }
    )
    types = {p.name: p.to_api_repr()["parameterType"] for p in params}
    assert {k: v.get("type") for k, v in types.items()} == {
        "n": "INT64",
        "x": "FLOAT64",
        "s": "STRING",
        "b": "BOOL",
        "d": "DATE",
        "ts": "TIMESTAMP",
        "naive": "DATETIME",
        "dec": "NUMERIC",
        "raw": "BYTES",
        "arr": "ARRAY",
    }
    assert types["arr"]["arrayType"] == {"type": "INT64"}


def test_a_parameter_without_a_type_is_one_clear_error():
    with pytest.raises(UserError, match=r"@missing: cannot infer a BigQuery type from a NoneType"):
        bigquery.query_parameters({"missing": None})


@pytest.mark.bigquery
def test_magic_bigquery_api_endpoint_option(published, ip, endpoint, today_data, monkeypatch):
    """bigquery-magics' --bigquery_api_endpoint; a server on this machine gets no real token."""
    monkeypatch.delenv(bigquery.ENDPOINT_ENV)
    result = ip.run_cell_magic(
        "bigquery",
        f"--engine bigquery --bigquery_api_endpoint {endpoint} --project {PROJECT}",
        f"SELECT COUNT(*) AS n FROM `{PROD}`",
    )
    assert result["n"].tolist() == [manifest_rows(today_data)]


# -- check and promote with BigQuery dry runs -----------------------------------------------


@pytest.mark.bigquery
def test_check_with_the_bigquery_engine_dry_runs_each_query(
    published, endpoint, today_data, capsys, monkeypatch
):
    monkeypatch.setenv(bigquery.ENDPOINT_ENV, endpoint)
    good = QUERIES / "weekly_active_sites.sql"
    code, out, err = run(
        capsys, "check", str(good), "--engine", "bigquery", "--db", str(today_data / "none.duckdb")
    )
    assert code == 0, out + err
    assert "bigquery: info: valid on BigQuery: " in out and "would process" in out


@pytest.mark.bigquery
def test_check_with_the_bigquery_engine_reports_an_invalid_query(
    published, endpoint, tmp_path, capsys, monkeypatch
):
    monkeypatch.setenv(bigquery.ENDPOINT_ENV, endpoint)
    bad = tmp_path / "bad.sql"
    # statically fine (tables, columns, privacy, GoogleSQL's analyzer: the public table is a
    # name the source allows): only BigQuery knows that table is not there
    bad.write_text(
        "SELECT product, COUNT(*) AS n\n"
        "FROM `dataops-puppet-public-data.community.community_metrics` GROUP BY product\n"
    )
    code, out, _ = run(capsys, "check", str(bad), "--engine", "bigquery")
    assert code == 1
    assert "bad.sql:1: bigquery: invalid on BigQuery: " in out
    assert "bigquery-analyzer" not in out
    unknown = tmp_path / "unknown.sql"
    # the reference analyzer refuses an unknown function before any job is sent
    unknown.write_text(
        f"SELECT NO_SUCH_FUNCTION(product) AS p, COUNT(*) AS n FROM `{PROD}` GROUP BY p\n"
    )
    code, out, _ = run(capsys, "check", str(unknown), "--engine", "bigquery")
    assert code == 1
    assert "unknown.sql:1: bigquery-analyzer: column 8: Function not found" in out


@pytest.mark.bigquery
def test_promote_with_bigquery_dry_run(
    published, endpoint, today_data, tmp_path, capsys, monkeypatch
):
    monkeypatch.setenv(bigquery.ENDPOINT_ENV, endpoint)
    target = tmp_path / "aggregation"
    db = str(today_data / "workbench.duckdb")
    code, out, err = run(
        capsys,
        "promote",
        str(QUERIES / "weekly_active_sites.sql"),
        "--to",
        str(target),
        "--db",
        db,
        "--bigquery-dry-run",
    )
    assert code == 0, out + err
    assert "valid on BigQuery" in out and (target / "weekly_active_sites.sql").is_file()
    # a query BigQuery rejects: nothing is written
    bad = tmp_path / "bad_query.sql"
    bad.write_text(
        (QUERIES / "weekly_active_sites.sql")
        .read_text()
        .replace("DATE(timestamp)", "DATE(no_such_column)")
    )
    code, out, err = run(
        capsys, "promote", str(bad), "--to", str(target), "--db", db, "--bigquery-dry-run"
    )
    assert code == 1
    assert not (target / "bad_query.sql").exists()


@pytest.mark.bigquery
def test_check_on_bigquery_counts_small_groups_on_the_real_table(
    published, endpoint, today_data, tmp_path, capsys, monkeypatch
):
    """The group-size measure runs where the table is and returns only counts: the same
    counts as offline, since the published table is the very dataset loaded here."""
    monkeypatch.setenv(bigquery.ENDPOINT_ENV, endpoint)
    query = tmp_path / "private_keys.sql"
    # (plain column keys: bqemulator cannot run ARRAY_CONCAT_AGG under GROUP BY ARRAY_LENGTH())
    query.write_text(
        "SELECT environment_count, version, COUNT(*) AS reports\n"
        f"FROM `{PROD}`\nGROUP BY environment_count, version\n"
    )
    db = str(today_data / "workbench.duckdb")
    code, offline, _ = run(capsys, "check", str(query), "--db", db)
    assert code == 1
    code, online, _ = run(capsys, "check", str(query), "--engine", "bigquery", "--db", db)
    assert code == 1
    measured = re.compile(r"k-anonymity: (\d+) of (\d+) output rows are backed by fewer than k=5")
    local = measured.search(offline)
    remote = measured.search(online)
    assert local and remote, offline + online
    assert remote.groups() == local.groups()
    assert "on the BigQuery table" in online and "on the fake data" in offline
    sites = Workbench(root=ROOT, db=today_data / "workbench.duckdb").arrow(
        "SELECT DISTINCT TO_HEX(site_id) FROM community_metrics"
    )
    assert not [s for s in sites.column(0).to_pylist() if s in online]
