"""The workbench command end to end: each command, each kind of bad input."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli import main_in_process as run
from tests.conftest import REFERENCE, ROOT
from tests.fakedata.test_schema import reference_columns, reference_merged
from workbench.cli import main

PROD = "`bto-dataops-datalake-prod.dujour.community_metrics`"
PUBLIC = "`dataops-puppet-public-data.community.community_metrics`"


def db_args(small_data: Path) -> list[str]:
    return ["--db", str(small_data / "workbench.duckdb")]


# -- schema ---------------------------------------------------------------------------


def test_schema_prints_the_merged_reference_schema(capsys):
    code, out, err = run(capsys, "schema", "--source", "dropsonde")
    assert code == 0 and err == ""
    assert reference_columns(json.loads(out), reference_merged()) == reference_merged()


def test_schema_defaults_to_dropsonde_and_accepts_a_directory(capsys):
    default = json.loads(run(capsys, "schema")[1])
    assert reference_columns(default, reference_merged()) == reference_merged()
    code, out, _ = run(capsys, "schema", "--source", str(ROOT / "schemas" / "dropsonde"))
    assert code == 0 and json.loads(out) == default


@pytest.mark.parametrize(
    ("name", "file"), [("pulp", "analytics-schema.json"), ("pace", "telemetry-schema.json")]
)
def test_schema_of_pulp_and_pace_is_their_reference_schema(capsys, name, file):
    code, out, err = run(capsys, "schema", "--source", name)
    assert code == 0 and err == ""
    copy = ROOT / "schemas" / name / file
    reference = json.loads(copy.read_text())
    assert reference_columns(json.loads(out), reference) == reference  # a new plugin may add
    assert copy.read_text() == (REFERENCE / name / file).read_text()


def test_schema_of_an_unknown_source(capsys):
    code, out, err = run(capsys, "schema", "--source", "nosuch")
    assert code == 1 and out == ""
    assert (
        err
        == "workbench: error: unknown source 'nosuch' (known sources: dropsonde, pace, pulp; or give a schema directory)\n"
    )


def test_schema_of_an_invalid_plugin_directory_names_the_field(capsys, tmp_path):
    (tmp_path / "p.json").write_text(
        json.dumps([{"name": "n", "type": "RECORD", "description": "d"}])
    )
    code, _, err = run(capsys, "schema", "--source", str(tmp_path))
    assert code == 1
    assert (
        err.startswith("workbench: error: ")
        and "p.json: field 'n' is a RECORD but has no 'fields'" in err
    )


@pytest.mark.parametrize(
    ("toml", "where"),
    [
        ("[population]\nsites = 'many'\n", "population.sites: must be an integer, not a string"),
        ("[source]\ncolour = 'red'\n", "source.colour: unknown key (expected one of: name, "),
        (
            "[rules.site_id]\nnull_rate = 'x'\n",
            "rules.site_id.null_rate: must be a number, not a string",
        ),
    ],
)
@pytest.mark.parametrize("command", ["schema", "fake-data"])
def test_a_bad_source_toml_is_one_line_naming_file_and_field(
    capsys, tmp_path, toml, where, command
):
    source = tmp_path / "src"
    source.mkdir()
    (source / "p.json").write_text(
        json.dumps([{"name": "site_id", "type": "STRING", "mode": "NULLABLE", "description": "d"}])
    )
    (source / "source.toml").write_text(toml)
    out_args = ["--out", str(tmp_path / "out")] if command == "fake-data" else []
    code, out, err = run(capsys, command, "--source", str(source), *out_args)
    assert code == 1 and out == ""
    assert err.startswith(f"workbench: error: {source / 'source.toml'}: {where}"), err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "out").exists()  # nothing half-written


HEAVY = (
    "pydantic",
    "tqdm",
    "IPython",
    "duckdb",
    "sqlglot",
    "pyarrow",
    "numpy",
    "pandas",
    "google",
    "zetasql",
    "wasmtime",
)


def heavy_modules_loaded_by(code: str) -> list[str]:
    """The heavy libraries a fresh interpreter has loaded after running ``code``."""
    script = f"import sys\n{code}\nprint(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return ast.literal_eval(proc.stdout.strip().splitlines()[-1])


def test_start_up_imports_no_validation_progress_or_ipython_library():
    """`workbench --help` stays instant: no heavy library loads before a command needs it."""
    code = (
        "from workbench.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass"
    )
    assert heavy_modules_loaded_by(code) == []


def test_reading_a_source_loads_no_engine_or_data_library():
    """`workbench schema` builds a Workbench and reads a source: only pydantic (validation)."""
    code = "from workbench.workbench import Workbench\nWorkbench().source('dropsonde')"
    assert heavy_modules_loaded_by(code) == ["pydantic"]


# -- fake-data ------------------------------------------------------------------------


def test_fake_data_writes_parquet_and_loads_duckdb(capsys, tmp_path):
    code, out, err = run(
        capsys, "fake-data", "--sites", "12", "--days", "21", "--seed", "3", "--out", str(tmp_path)
    )
    assert code == 0, err
    assert (tmp_path / "dropsonde" / "part-00000.parquet").is_file()
    manifest = json.loads((tmp_path / "dropsonde" / "dataset.json").read_text())
    assert manifest["sites"] == 12 and manifest["seed"] == 3
    assert "12 sites" in err and "dropsonde" in err
    code, out, err = run(
        capsys,
        "run",
        "--db",
        str(tmp_path / "workbench.duckdb"),
        "--format",
        "json",
        "--sql",
        "SELECT COUNT(*) AS n, COUNT(DISTINCT site_id) AS sites FROM community_metrics",
    )
    assert code == 0, err
    [row] = json.loads(out)
    assert row["n"] == manifest["rows"] and row["sites"] == 12


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--sites", "0"], "--sites must be at least 1"),
        (["--days", "x"], "argument --days: 'x' is not an integer"),
        (["--as-of", "2026-02-30"], "'2026-02-30' is not a YYYY-MM-DD date"),
        (["--source", "nosuch"], "unknown source 'nosuch'"),
        (["--bogus"], "unrecognized arguments: --bogus"),
    ],
)
def test_fake_data_bad_options(capsys, tmp_path, argv, message):
    code, out, err = run(capsys, "fake-data", "--out", str(tmp_path), *argv)
    assert code != 0 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "dropsonde").exists()


# -- run ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query", sorted((ROOT / "queries" / "dropsonde").glob("*.sql")), ids=lambda p: p.stem
)
def test_every_dropsonde_query_runs(capsys, small_data, query):
    code, out, err = run(capsys, "run", str(query), *db_args(small_data), "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    if query.stem != "module_usage_dp":
        assert rows, f"{query.name} returned no rows on the test dataset"
    # else: its groups need 67 units (the threshold of epsilon 4, delta 1e-5, 10 groups per
    # site) and the 120 sites of the test dataset give under 67 to every slug once each
    # keeps 10 of its modules: whether one passes depends on the noise, as in BigQuery
    # the pinned clock, in the date column every Dropsonde query reports (`workbench new`
    # scaffolds it: CURRENT_DATE() AS date)
    assert all(r.get("date") == "2026-11-15" for r in rows), f"{query.name}: no pinned date"


@pytest.mark.parametrize(
    "query",
    sorted((ROOT / "queries" / "pulp").glob("*.sql"))
    + sorted((ROOT / "queries" / "pace").glob("*.sql")),
    ids=lambda p: f"{p.parent.name}-{p.stem}",
)
def test_every_pulp_and_pace_query_runs(capsys, small_data, query):
    code, out, err = run(capsys, "run", str(query), *db_args(small_data), "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert rows, f"{query.name} returned no rows on the test dataset"
    for row in rows:
        # daily (Pulp) and weekly (PACE) summaries lie before the pinned clock's date
        when = row.get("day") or row.get("week") or row.get("date")
        assert when and when <= "2026-11-15"
        assert all(v is None or v >= 0 for k, v in row.items() if isinstance(v, int | float))


def test_pace_counter_differences_are_never_negative_offline(capsys, small_data):
    """Runs come from differences of cumulative counters: on the loaded table, through the
    BigQuery LAG translation, none of them is negative (a recreated file is a new id)."""
    sql = (
        "SELECT COUNTIF(d < 0) AS negative, COUNT(*) AS pairs FROM ("
        " SELECT p.cumulative_count - LAG(p.cumulative_count) OVER ("
        "  PARTITION BY id, p.command_path, p.exit_code ORDER BY timestamp) AS d"
        " FROM pace_telemetry, UNNEST(metric_points) AS p)"
    )
    code, out, err = run(capsys, "run", "--sql", sql, *db_args(small_data), "--format", "json")
    assert code == 0, err
    (row,) = json.loads(out)
    assert row["negative"] == 0 and row["pairs"] > 1000


def test_table_names_production_public_and_local_read_the_same_table(capsys, small_data):
    counts = set()
    for table in (PROD, PUBLIC, "community_metrics"):
        code, out, err = run(
            capsys,
            "run",
            *db_args(small_data),
            "--format",
            "csv",
            "--sql",
            f"SELECT COUNT(*) FROM {table}",
        )
        assert code == 0, err
        counts.add(out)
    assert len(counts) == 1 and counts.pop().startswith("f0_\n")


def test_unnest_alias_equal_to_the_column_name(capsys, small_data):
    sql = f"""
        SELECT modules.slug, COUNT(DISTINCT site_id) AS sites
        FROM {PROD}, UNNEST(modules) AS modules
        GROUP BY modules.slug ORDER BY sites DESC, slug LIMIT 3"""
    code, out, err = run(capsys, "run", *db_args(small_data), "--format", "json", "--sql", sql)
    assert code == 0, err
    rows = json.loads(out)
    assert list(rows[0]) == ["slug", "sites"]
    assert rows[0]["sites"] >= rows[-1]["sites"] > 0


def test_json_output_types(capsys, small_data):
    sql = """SELECT 1 AS i, CAST(1.5 AS FLOAT64) AS f, 'a' AS s, DATE '2026-01-02' AS d,
        TIMESTAMP '2026-01-02 03:04:05+00' AS ts, b'\\x01\\xff' AS b, [1, 2] AS arr,
        STRUCT(1 AS x, 'y' AS y) AS st, NULL AS n, TRUE AS t"""
    code, out, err = run(capsys, "run", "--format", "json", "--sql", sql)
    assert code == 0, err
    assert json.loads(out) == [
        {
            "i": 1,
            "f": 1.5,
            "s": "a",
            "d": "2026-01-02",
            "ts": "2026-01-02T03:04:05+00:00",
            "b": "Af8=",
            "arr": [1, 2],
            "st": {"x": 1, "y": "y"},
            "n": None,
            "t": True,
        }
    ]


def test_table_and_csv_formats(capsys):
    code, out, _ = run(
        capsys, "run", "--sql", "SELECT 'a' AS name, 10 AS n UNION ALL SELECT 'bb', 2"
    )
    assert code == 0
    assert out.splitlines() == [
        "| name |  n |",
        "|------|----|",
        "| a    | 10 |",
        "| bb   |  2 |",
        "(2 rows)",
    ]
    code, out, _ = run(capsys, "run", "--format", "csv", "--sql", "SELECT 'a,b' AS name, NULL AS n")
    assert out == 'name,n\n"a,b",\n'


def test_a_query_without_tables_runs_without_any_dataset(capsys, tmp_path):
    code, out, err = run(
        capsys,
        "run",
        "--db",
        str(tmp_path / "none.duckdb"),
        "--format",
        "json",
        "--sql",
        "SELECT 6 * 7 AS answer",
    )
    assert code == 0, err
    assert json.loads(out) == [{"answer": 42}]
    assert not (tmp_path / "none.duckdb").exists()


def test_query_parameters(capsys):
    code, out, err = run(
        capsys,
        "run",
        "--format",
        "json",
        "--param",
        "n=3",
        "--param",
        "s=hi",
        "--sql",
        "SELECT @n + 1 AS m, @s AS s",
    )
    assert code == 0, err
    assert json.loads(out) == [{"m": 4, "s": "hi"}]
    code, _, err = run(capsys, "run", "--sql", "SELECT @n")
    assert code == 1 and "no value for query parameter(s) @n" in err


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("SELEC 1", "syntax error"),
        ("SELECT (1 FROM x", "query:1:"),
        ("SELECT * FROM nosuch", "unknown table 'nosuch'; known tables: "),
        (
            "SELECT * FROM `other-project.dujour.community_metrics`",
            "unknown table 'other-project.dujour.community_metrics'",
        ),
        (f"SELECT nosuch_column FROM {PROD}", "unknown column 'nosuch_column'"),
        (
            "DELETE FROM community_metrics WHERE TRUE",
            "only queries (SELECT / WITH) can run; this statement is DELETE",
        ),
        ("INSERT INTO community_metrics (product) VALUES ('x')", "this statement is INSERT"),
        ("DROP TABLE community_metrics", "this statement is DROP"),
        ("CREATE TABLE t AS SELECT 1 AS x", "this statement is CREATE"),
        ("UPDATE community_metrics SET product = 'x' WHERE TRUE", "this statement is UPDATE"),
        ("SELECT 1; SELECT 2", "2 statements found; one query per file"),
        ("-- just a comment", "no SQL statement"),
        ("   ", "--sql: empty query"),
    ],
)
def test_bad_sql(capsys, small_data, sql, message):
    code, out, err = run(capsys, "run", *db_args(small_data), "--sql", sql)
    assert code == 1 and out == ""
    assert message in err, err
    assert err.startswith("workbench: error: ") and err.count("\n") == 1


def test_statements_cannot_change_the_database(capsys, small_data):
    db = small_data / "workbench.duckdb"
    before = db.stat().st_mtime_ns, db.stat().st_size
    for sql in (
        "DELETE FROM community_metrics WHERE TRUE",
        "SELECT 1; DROP TABLE community_metrics",
    ):
        assert run(capsys, "run", "--db", str(db), "--sql", sql)[0] == 1
    code, out, _ = run(
        capsys,
        "run",
        "--db",
        str(db),
        "--format",
        "csv",
        "--sql",
        "SELECT COUNT(*) > 0 AS ok FROM community_metrics",
    )
    assert code == 0 and out == "ok\ntrue\n"
    assert (db.stat().st_mtime_ns, db.stat().st_size) == before


def test_missing_empty_and_directory_files(capsys, tmp_path):
    assert "nope.sql: file not found" in run(capsys, "run", str(tmp_path / "nope.sql"))[2]
    (tmp_path / "empty.sql").write_text("\n  \n")
    assert "empty.sql: empty file" in run(capsys, "run", str(tmp_path / "empty.sql"))[2]
    (tmp_path / "dir.sql").mkdir()
    assert "is a directory" in run(capsys, "run", str(tmp_path / "dir.sql"))[2]


def test_bad_sql_in_a_file_names_file_and_line(capsys, tmp_path):
    path = tmp_path / "q.sql"
    path.write_text("-- a query\nSELECT\n  nosuch_column\nFROM community_metrics\n")
    code, _, err = run(capsys, "run", str(path))
    assert code == 1 and f"{path}: line 3: unknown column 'nosuch_column'" in err


def test_no_dataset_yet_is_a_clear_message(capsys, tmp_path):
    code, _, err = run(
        capsys,
        "run",
        "--db",
        str(tmp_path / "none.duckdb"),
        "--sql",
        f"SELECT COUNT(*) FROM {PROD}",
    )
    assert code == 1 and "no dataset at" in err and "fake-data" in err


def test_bad_options(capsys):
    code, _, err = run(capsys, "run", "--format", "xml", "--sql", "SELECT 1")
    assert code == 2 and "invalid choice: 'xml'" in err and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "run")
    assert code == 2 and "one of the arguments file --sql is required" in err
    code, _, err = run(capsys, "nosuchcommand")
    assert code == 2 and "invalid choice: 'nosuchcommand'" in err


@pytest.mark.parametrize("command", [["run", "--sql", "SELECT 1"], ["check"]])
def test_engine_option_is_the_same_on_run_and_check(capsys, command):
    code, _, err = run(capsys, *command, "--engine", "bigframes")
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "argument --engine: invalid choice: 'bigframes' (choose from 'local', 'bigquery')" in err


def test_translate_prints_duckdb_sql_and_rules(capsys):
    sql = f"SELECT modules.slug FROM {PROD}, UNNEST(modules) AS modules"
    code, out, err = run(capsys, "translate", "--sql", sql)
    assert code == 0
    assert "UNNEST(community_metrics.modules)" in out and "bto-dataops" not in out
    assert "table-names" in err and "qualify-columns" in err


def test_translate_prints_the_approximate_notice(capsys):
    sql = f"SELECT APPROX_COUNT_DISTINCT(site_id) AS n FROM {PROD}"
    code, out, err = run(capsys, "translate", "--sql", sql)
    assert code == 0 and "COUNT(DISTINCT" in out
    assert "approximate-exact (approximate on BigQuery: exact offline)" in err


def test_installed_command_reports_errors_without_traceback(tmp_path):
    """The real console script: one line on stderr, exit 1, no traceback."""
    exe = Path(sys.executable).parent / "workbench"
    proc = subprocess.run(
        [str(exe), "run", "--db", str(tmp_path / "x.duckdb"), "--sql", "SELECT FROM WHERE"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ},
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stderr.startswith("workbench: error: ") and "Traceback" not in proc.stderr
    help_ = subprocess.run([str(exe), "--help"], capture_output=True, text=True, check=True)
    assert "fake-data" in help_.stdout


def test_pace_runs_from_lag_add_up_to_each_counters_growth(capsys, small_data):
    """Summed consecutive differences (LAG over each install's uploads, as the PACE queries
    compute runs) equal last minus first count of every counter: the LAG partitions and
    ordering survive translation."""
    table = "`pace-telemetry-prod.cli.pace_telemetry`"
    by_lag = (
        "SELECT SUM(runs) AS runs FROM ("
        " SELECT p.cumulative_count - LAG(p.cumulative_count) OVER ("
        "  PARTITION BY id, p.command_path, p.exit_code ORDER BY timestamp) AS runs"
        f" FROM {table}, UNNEST(metric_points) AS p)"
    )
    by_growth = (
        "SELECT SUM(last - first) AS runs FROM ("
        " SELECT MAX(p.cumulative_count) AS last, MIN(p.cumulative_count) AS first"
        f" FROM {table}, UNNEST(metric_points) AS p"
        " GROUP BY id, p.command_path, p.exit_code)"
    )
    answers = []
    for sql in (by_lag, by_growth):
        code, out, err = run(capsys, "run", "--sql", sql, *db_args(small_data), "--format", "json")
        assert code == 0, err
        answers.append(json.loads(out)[0]["runs"])
    assert answers[0] == answers[1] > 1000


def test_run_says_when_a_query_would_fail_check(capsys):
    """The rows of a leaky draft are printed (it is the user's own fake data), with one
    line on stderr saying that `check` would refuse it; a clean query gets none."""
    code = main(["run", "--sql", "SELECT TO_HEX(site_id) AS s FROM community_metrics LIMIT 1"])
    out, err = capsys.readouterr()
    assert code == 0 and out
    assert err.splitlines() == [
        "workbench: note: this query would fail `workbench check` (identifier-output, "
        "identifier-use, row-level); do not publish its output"
    ]
    code = main(["run", str(ROOT / "queries" / "dropsonde" / "site_count.sql")])
    out, err = capsys.readouterr()
    assert code == 0 and out and err == ""


def test_top_level_help_has_examples(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "examples:" in out and "workbench check queries/dropsonde" in out


# -- differential privacy: noise seeded, --dp-noise off marked ---------------------------------

DP_SQL = (
    "SELECT WITH DIFFERENTIAL_PRIVACY OPTIONS (epsilon = 4, delta = 1e-5,"
    " max_groups_contributed = 1, privacy_unit_column = site_id)"
    " product, SUM(environment_count, contribution_bounds_per_group => (0, 1000)) AS envs"
    " FROM community_metrics GROUP BY product"
)


def test_a_dp_query_is_deterministic_and_noise_off_is_said_on_stderr(capsys, small_data):
    """The noise is keyed by the dataset's seed and the query text (notebooks stay the same
    from run to run); without it the bounded sum is shown, with one note on stderr."""
    noisy = [run(capsys, "run", "--sql", DP_SQL, *db_args(small_data), "--format", "json")]
    noisy.append(run(capsys, "run", "--sql", DP_SQL, *db_args(small_data), "--format", "json"))
    assert noisy[0] == noisy[1] and noisy[0][0] == 0 and noisy[0][2] == ""
    code, out, err = run(
        capsys,
        "run",
        "--dp-noise",
        "off",
        "--sql",
        DP_SQL,
        *db_args(small_data),
        "--format",
        "json",
    )
    assert code == 0
    assert err.splitlines() == [
        "workbench: note: differential privacy noise is OFF (--dp-noise off): these are the "
        "bounded values without noise, groups kept by their exact unit count; never publish them"
    ]
    (row,) = json.loads(out)
    (noisy_row,) = json.loads(noisy[0][1])
    assert row["product"] == noisy_row["product"] == "dropsonde"
    assert isinstance(row["envs"], int) and row["envs"] != noisy_row["envs"]


def test_dp_noise_off_is_offline_only(capsys):
    code, _out, err = run(
        capsys, "run", "--engine", "bigquery", "--dp-noise", "off", "--sql", DP_SQL
    )
    assert code != 0 and err.startswith("workbench: error: ") and "--dp-noise off" in err
