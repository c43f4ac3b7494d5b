"""Directory sources (`--source DIR`): whole sources with their program's system fields, a
dataset apart from the project's, and `workbench drop` removing only what fake-data wrote."""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import pytest

from fakedata.source import load_source
from tests.cli import one_error, workbench
from tests.conftest import ROOT
from wbcore.errors import UserError
from workbench import Workbench
from workbench.project import Project

PLUGIN = [
    {"name": "chatops_service", "type": "STRING", "mode": "NULLABLE", "description": "d"},
    {
        "name": "chatops_commands",
        "type": "RECORD",
        "mode": "REPEATED",
        "description": "d",
        "fields": [
            {"name": "name", "type": "STRING", "mode": "NULLABLE", "description": "d"},
            {"name": "count", "type": "INTEGER", "mode": "NULLABLE", "description": "d"},
        ],
    },
]
# Dropsonde's system fields, as its own schema file declares them (the reference copy).
SYSTEM = json.loads((ROOT / "tests/reference/dropsonde/schemas/_system.json").read_text())


def plugin_dir(tmp_path: Path, name: str = "chatops", toml: str | None = None) -> Path:
    directory = tmp_path / name
    directory.mkdir()
    (directory / "chatops.json").write_text(json.dumps(PLUGIN))
    if toml is not None:
        (directory / "source.toml").write_text(toml)
    return directory


def test_a_directory_gets_its_programs_system_fields(tmp_path):
    source = Project(ROOT).source(plugin_dir(tmp_path))
    dropsonde = load_source(ROOT / "schemas" / "dropsonde")
    assert source.schema.names == [f["name"] for f in SYSTEM] + [
        "chatops_service",
        "chatops_commands",
    ]
    assert source.program == "dropsonde" and source.table == "chatops"
    assert source.entity == "site_id"
    assert set(source.identifiers) == {"site_id", "message_id", "ip"}
    assert {"timestamp", "message_id"} <= set(source.per_report)
    assert source.production_table == dropsonde.production_table
    assert source.cadence_days == dropsonde.cadence_days
    assert source.population.seed == zlib.crc32(b"chatops")  # from its name, not 0
    assert source.population.as_of == dropsonde.population.as_of  # the project's clock
    assert set(source.field_rules) <= {p.lower() for p, _ in source.schema.walk()}


def test_own_settings_win_and_lists_are_joined(tmp_path):
    toml = '[source]\nidentifiers = ["chatops_service"]\nk_anonymity = 10\n[population]\nseed = 3\n'
    source = Project(ROOT).source(plugin_dir(tmp_path, toml=toml))
    assert set(source.identifiers) == {"site_id", "message_id", "ip", "chatops_service"}
    assert (source.k_anonymity, source.population.seed) == (10, 3)


def test_declared_system_fields_replace_the_programs(tmp_path):
    directory = plugin_dir(
        tmp_path, toml='[source]\nsystem_fields = "_sys.json"\nentity = "node"\n'
    )
    (directory / "_sys.json").write_text(
        json.dumps([{"name": "node", "type": "STRING", "mode": "REQUIRED", "description": "d"}])
    )
    source = Project(ROOT).source(directory)
    assert source.schema.names == ["node", "chatops_service", "chatops_commands"]
    assert source.program is None and source.entity == "node"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[source]\nprogram = "nosuch"\n', "source.program: 'nosuch' is not a program"),
        ('[source]\nname = "pulp"\n', "taken by the project's source 'pulp'"),
        ('[source]\ntable = "community_metrics"\n', "taken by the project's source 'dropsonde'"),
    ],
)
def test_bad_directory_sources_are_named(tmp_path, toml, message):
    with pytest.raises(UserError, match=message):
        Project(ROOT).source(plugin_dir(tmp_path, toml=toml))


def test_fake_data_run_and_drop(tmp_path):
    """Its dataset lives apart (data/plugins/NAME), its table beside the program's; drop
    removes the table and the files fake-data wrote, and only those."""
    data = tmp_path / "data"
    directory = plugin_dir(tmp_path)
    made = workbench(
        "fake-data", "--source", str(directory), "--sites", "30", "--days", "14", db=data
    )
    assert made.returncode == 0, made.stderr
    home = data / "plugins" / "chatops"
    assert sorted(p.name for p in home.iterdir()) == ["dataset.json", "part-00000.parquet"]
    manifest = json.loads((home / "dataset.json").read_text())
    assert manifest["source_dir"] == str(directory.resolve())
    assert (
        workbench(
            "fake-data", "--source", "pulp", "--sites", "20", "--days", "7", db=data
        ).returncode
        == 0
    )
    wb = Workbench(root=ROOT, db=data / "workbench.duckdb")
    try:
        assert list(wb.datasets) == ["pulp_analytics"]  # the project's listing is unchanged
        assert list(wb.directory_datasets) == ["chatops"]
        assert wb.now().date().isoformat() == "2026-11-15"
    finally:
        wb.close()
    ran = workbench(
        "run", "--format", "json", "--sql",
        "SELECT COUNT(DISTINCT site_id) AS sites, COUNTIF(site_id IS NULL) AS missing FROM chatops",
        db=data,
    )  # fmt: skip
    assert json.loads(ran.stdout) == [{"sites": 30, "missing": 0}], ran.stderr
    (home / "notes.txt").write_text("mine")
    dropped = workbench("drop", "--source", "chatops", db=data)
    assert dropped.returncode == 0, dropped.stderr
    assert sorted(p.name for p in home.iterdir()) == ["notes.txt"]  # not fake-data's: kept
    one_error(
        workbench("run", "--sql", "SELECT COUNT(*) FROM chatops", db=data),
        "unknown table 'chatops'",
    )
    one_error(
        workbench("drop", "--source", "chatops", db=data), "no source 'chatops' is loaded", "pulp"
    )
    (home / "notes.txt").unlink()
    assert (
        workbench(
            "fake-data", "--source", str(directory), "--sites", "5", "--days", "7", db=data
        ).returncode
        == 0
    )
    assert workbench("drop", "--source", "chatops", db=data).returncode == 0
    assert not (data / "plugins").exists()  # made by fake-data, empty again
    assert (data / "pulp" / "part-00000.parquet").is_file()


def test_a_plugin_query_before_its_dataset_says_what_to_run(tmp_path):
    query = tmp_path / "queries" / "chatops" / "services.sql"
    query.parent.mkdir(parents=True)
    query.write_text("SELECT COUNT(DISTINCT site_id) AS sites FROM chatops\n")
    (tmp_path / "schemas").symlink_to(ROOT / "schemas")
    wb = Workbench(root=tmp_path, db=tmp_path / "data" / "workbench.duckdb")
    (finding,) = wb.check([query]).findings
    assert (finding.rule, finding.severity) == ("source", "error")
    assert "queries/chatops/ names no source" in finding.message
    assert "`workbench fake-data --source DIR`" in finding.message
