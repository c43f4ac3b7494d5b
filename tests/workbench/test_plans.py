"""Run plans (workbench/plans.py): the second run of an unchanged query skips translation, the
reference analyzer and the privacy analysis, and any change to what they read is a new plan.

The attacks: a plan used after its inputs changed (the schema, the source settings, the
dataset, the workbench's code, the engine's switches, the statement's text) would be a wrong
answer; a plan that DuckDB fails on, a corrupt plan file, and a statement BigQuery rejects must
all end as they would without plans.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from workbench import Workbench
from workbench.plans import KEEP, OFF, PLANS, Plan, PlanStore, code_key_of

QUERY = ROOT / "queries" / "dropsonde" / "module_usage.sql"


@pytest.fixture()
def data(small_data: Path, tmp_path: Path) -> Path:
    """A data directory of its own (the small dataset's database), with no plans yet."""
    out = tmp_path / "data"
    out.mkdir()
    shutil.copy(small_data / "workbench.duckdb", out / "workbench.duckdb")
    return out


def _bench(data: Path, **options: object) -> Workbench:
    return Workbench(root=ROOT, db=data / "workbench.duckdb", **options)


def _plans(data: Path) -> list[Path]:
    return sorted((data / PLANS).glob("*.json"))


def _no_translation(monkeypatch: pytest.MonkeyPatch, wb: Workbench) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("translated although a plan was kept")

    monkeypatch.setattr(wb.engine, "translate", refuse)
    monkeypatch.setattr(wb, "refuse_what_bigquery_rejects", refuse)


def test_second_run_uses_the_plan_and_gives_the_same_rows(data, monkeypatch):
    wb = _bench(data)
    first = wb.rows(QUERY)
    assert len(_plans(data)) == 1
    wb.close()
    again = _bench(data)
    _no_translation(monkeypatch, again)
    assert again.rows(QUERY) == first
    # the Arrow path (notebooks, Workbench.query) keeps its own kind of result from the plan
    assert again.arrow(QUERY).num_rows == len(first[1])
    again.close()


def test_the_plan_holds_what_the_run_needs(data):
    wb = _bench(data)
    wb.rows(QUERY)
    plan = PlanStore(wb.project, wb.db_path, {"today": False, "dp_noise": True}).get(
        wb.plans.key(QUERY.read_text(encoding="utf-8"), str(QUERY))
    )
    wb.close()
    assert plan is not None
    tr = _bench(data).translate(QUERY)
    assert plan.duckdb == tr.duckdb
    assert plan.parameters == tuple(tr.parameters)


@pytest.mark.parametrize(
    "change",
    ["statement", "file name", "today", "dp noise", "schema file", "source.toml", "database"],
)
def test_any_changed_input_is_another_plan(data, tmp_path, change):
    sql = QUERY.read_text(encoding="utf-8")
    root = tmp_path / "root"
    shutil.copytree(ROOT / "schemas", root / "schemas")
    wb = Workbench(root=root, db=data / "workbench.duckdb")
    store = wb.plans
    before = store.key(sql, "q.sql")
    if change == "statement":
        after = store.key(sql + "\n-- another line", "q.sql")
    elif change == "file name":
        after = store.key(sql, "other.sql")
    elif change == "today":
        after = Workbench(root=root, db=data / "workbench.duckdb", today=True).plans.key(
            sql, "q.sql"
        )
    elif change == "dp noise":
        after = Workbench(root=root, db=data / "workbench.duckdb", dp_noise=False).plans.key(
            sql, "q.sql"
        )
    else:
        target = {
            "schema file": root / "schemas" / "dropsonde" / "puppetfiles.json",
            "source.toml": root / "schemas" / "dropsonde" / "source.toml",
            "database": data / "workbench.duckdb",
        }[change]
        assert target.is_file()
        stat = target.stat()
        os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
        after = store.key(sql, "q.sql")
    assert after != before
    wb.close()


def test_a_change_to_the_workbench_code_is_another_plan(tmp_path):
    for package in ("workbench", "wbcore", "fakedata"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("", encoding="utf-8")
    before = code_key_of(tmp_path)
    (tmp_path / "workbench" / "rule.py").write_text("X = 1\n", encoding="utf-8")
    added = code_key_of(tmp_path)
    (tmp_path / "workbench" / "rule.py").write_text("X = 22\n", encoding="utf-8")
    edited = code_key_of(tmp_path)
    assert len({before, added, edited}) == 3
    # bytecode is not code: compiling does not change the key
    (tmp_path / "workbench" / "__pycache__").mkdir()
    (tmp_path / "workbench" / "__pycache__" / "rule.cpython-311.pyc").write_bytes(b"x")
    assert code_key_of(tmp_path) == edited


def test_a_plan_duckdb_fails_on_is_not_trusted(data):
    wb = _bench(data)
    expected = wb.rows(QUERY)
    (path,) = _plans(data)
    plan = json.loads(path.read_text(encoding="utf-8"))
    plan["duckdb"] = "SELECT no_such_column FROM no_such_table"
    path.write_text(json.dumps(plan), encoding="utf-8")
    wb.close()
    again = _bench(data)
    assert again.rows(QUERY) == expected
    # and the plan is made again from the run in full
    assert json.loads(path.read_text(encoding="utf-8"))["duckdb"] != plan["duckdb"]
    again.close()


@pytest.mark.parametrize("content", ["", "{", "[]", '{"duckdb": 1}', "\x00\xff"])
def test_a_corrupt_plan_file_is_ignored(data, content):
    wb = _bench(data)
    expected = wb.rows(QUERY)
    (path,) = _plans(data)
    path.write_text(content, encoding="utf-8", errors="surrogateescape")
    wb.close()
    again = _bench(data)
    assert again.rows(QUERY) == expected
    again.close()


def test_a_statement_bigquery_rejects_is_never_planned(data):
    from wbcore.errors import UserError

    wb = _bench(data)
    for _ in range(2):
        with pytest.raises(UserError, match="BigQuery rejects this query"):
            wb.rows("SELECT NULL = NULL AS v")
    assert _plans(data) == []
    wb.close()


def test_a_missing_parameter_is_the_same_error_with_a_plan(data):
    from wbcore.errors import UserError

    sql = "SELECT @n + 1 AS v"
    wb = _bench(data)
    assert wb.rows(sql, {"n": 1})[1] == [(2,)]
    assert len(_plans(data)) == 1
    with pytest.raises(UserError, match="no value for query parameter"):
        wb.rows(sql)
    assert wb.rows(sql, {"n": 41})[1] == [(42,)]
    wb.close()


def test_the_privacy_note_is_kept_with_the_plan(data, monkeypatch):
    leaky = "SELECT site_id FROM community_metrics"
    wb = _bench(data)
    wb.rows(leaky)
    broken = wb.privacy_errors(leaky)
    assert broken  # a row per site: the gate refuses it
    wb.close()
    again = _bench(data)
    import workbench.privacy

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("privacy analysis ran although the plan holds its result")

    monkeypatch.setattr(workbench.privacy, "analyze", refuse)
    assert again.privacy_errors(leaky) == broken
    again.close()


def test_switched_off_plans_are_neither_read_nor_kept(data, monkeypatch):
    monkeypatch.setenv(OFF, "1")
    wb = _bench(data)
    wb.rows(QUERY)
    assert _plans(data) == []
    wb.close()


def test_the_oldest_plans_go_past_the_limit(data, monkeypatch):
    monkeypatch.setattr("workbench.plans.KEEP", 3)
    wb = _bench(data)
    store = wb.plans
    for i in range(5):
        store.put(f"k{i}", Plan(duckdb=f"SELECT {i}", functions=(), parameters=(), dp_noise=None))
        path = data / PLANS / f"k{i}.json"
        os.utime(path, ns=(0, (i + 1) * 1_000_000_000))
    assert [p.stem for p in _plans(data)] == ["k2", "k3", "k4"]
    assert KEEP >= 1000
    wb.close()


def test_a_planned_cli_run_loads_neither_sqlglot_nor_the_sources(data):
    """The point of plans: `workbench run` of an unchanged query goes straight to DuckDB."""
    script = (
        "import sys\n"
        "from workbench import cli\n"
        "sys.argv = ['workbench', 'run', sys.argv[1]]\n"
        "try:\n"
        "    cli.main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('sqlglot', 'pydantic', 'pyarrow', 'numpy', 'zetasql', 'workbench.privacy')\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    env = {**os.environ, "WORKBENCH_DB": str(data / "workbench.duckdb")}

    def run() -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-c", script, str(QUERY)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=120,
            check=True,
        )

    first, second = run(), run()
    assert "sqlglot" in first.stderr.splitlines()[-1]
    assert second.stderr.splitlines()[-1] == "[]"
    assert second.stdout == first.stdout


def test_a_planted_plan_cannot_read_the_disk(data):
    """A plan file is DuckDB SQL run as it is: the sandboxed connection still refuses a file
    read (enable_external_access off), the plan is distrusted and the query runs in full."""
    wb = _bench(data)
    expected = wb.rows(QUERY)
    (path,) = _plans(data)
    plan = json.loads(path.read_text(encoding="utf-8"))
    plan["duckdb"] = "SELECT * FROM read_text('/etc/hostname')"
    path.write_text(json.dumps(plan), encoding="utf-8")
    wb.close()
    again = _bench(data)
    assert again.rows(QUERY) == expected
    again.close()


def test_another_parameter_type_is_another_plan(data):
    # the translation types @p by its value (BigQuery's parameters are typed): a plan made
    # for an INT64 @p must not serve a FLOAT64 one (SUM of INT64 is INT64, of FLOAT64 FLOAT64,
    # aggregate_functions#sum)
    sql = "SELECT SUM(z - @p) AS s FROM UNNEST([1, 2, 3]) AS z"
    wb = _bench(data)
    assert wb.arrow(sql, {"p": 2}).schema.field("s").type == "int64"
    assert len(_plans(data)) == 1
    assert wb.arrow(sql, {"p": 2.5}).schema.field("s").type == "double"
    assert len(_plans(data)) == 2
    assert wb.rows(sql, {"p": 1})[1] == [(3,)]  # the INT64 plan again, another value
    assert len(_plans(data)) == 2
    wb.close()
