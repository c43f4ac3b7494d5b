"""A dataset older than its schema: one line naming the command that regenerates it, from
`run`, `check` and the %%bigquery magic, instead of DuckDB's binder error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import workbench
from tests.cli import one_error
from tests.cli import workbench as cli
from tests.conftest import ROOT

PLUGIN = [{"name": "chatops_service", "type": "STRING", "mode": "NULLABLE", "description": "d"}]
QUERY = "SELECT COUNT(DISTINCT site_id) AS sites FROM chatops"


@pytest.fixture()
def made(tmp_path: Path) -> tuple[Path, Path]:
    """A directory source's dataset (tmp/data), then a new column in its schema."""
    directory = tmp_path / "chatops"
    directory.mkdir()
    (directory / "chatops.json").write_text(json.dumps(PLUGIN))
    data = tmp_path / "data"
    proc = cli("fake-data", "--source", str(directory), "--sites", "12", "--days", "7", db=data)
    assert proc.returncode == 0, proc.stderr
    assert cli("run", "--sql", QUERY, db=data).returncode == 0
    grown = [
        *PLUGIN,
        {"name": "foo_count", "type": "INTEGER", "mode": "NULLABLE", "description": "d"},
    ]
    (directory / "chatops.json").write_text(json.dumps(grown))
    return directory, data


def test_run_says_the_dataset_is_older_than_the_schema(made):
    directory, data = made
    proc = cli("run", "--sql", "SELECT SUM(foo_count) AS n FROM chatops", db=data)
    one_error(
        proc, "older than its schema", str(directory), "`workbench fake-data --source chatops`"
    )
    assert "Binder" not in proc.stderr
    one_error(cli("run", "--sql", QUERY, db=data), "older than its schema")  # any query of it
    again = cli("fake-data", "--source", "chatops", "--sites", "12", "--days", "7", db=data)
    assert again.returncode == 0, again.stderr  # the command it names works, by name
    fixed = cli(
        "run",
        "--format",
        "json",
        "--sql",
        "SELECT COUNT(foo_count) > 0 AS ok FROM chatops",
        db=data,
    )
    assert json.loads(fixed.stdout) == [{"ok": True}], fixed.stderr


def test_check_names_it_as_a_finding(made, tmp_path):
    _, data = made
    query = tmp_path / "q.sql"
    query.write_text(QUERY + "\n")
    proc = cli("check", str(query), db=data)
    assert proc.returncode == 1
    (line,) = [x for x in proc.stdout.splitlines() if ": metadata: " not in x]  # no header
    assert line.startswith(
        f"{query}:1: run: the dataset of table 'chatops' is older than its schema"
    )
    assert line.endswith("run `workbench fake-data --source chatops`")


def test_the_magic_says_it_in_one_message(made, monkeypatch, capsys):
    from IPython import get_ipython
    from IPython.testing.globalipapp import start_ipython

    _, data = made
    shell = start_ipython() or get_ipython()
    shell.run_line_magic("load_ext", "workbench")
    bench = workbench.Workbench(root=ROOT, db=data / "workbench.duckdb")
    monkeypatch.setattr(workbench, "_default", bench)
    try:
        shell.run_cell_magic("bigquery", "df", QUERY)
    finally:
        bench.close()
    err = capsys.readouterr().err
    assert err.startswith("\nERROR:\n") and "older than its schema" in err, err
    assert "Traceback" not in err and "Binder" not in err


def test_a_description_is_not_a_change(tmp_path):
    directory = tmp_path / "chatops"
    directory.mkdir()
    (directory / "chatops.json").write_text(json.dumps(PLUGIN))
    data = tmp_path / "data"
    assert (
        cli(
            "fake-data", "--source", str(directory), "--sites", "5", "--days", "7", db=data
        ).returncode
        == 0
    )
    (directory / "chatops.json").write_text(json.dumps([{**PLUGIN[0], "description": "new words"}]))
    proc = cli("run", "--sql", QUERY, db=data)
    assert proc.returncode == 0, proc.stderr
