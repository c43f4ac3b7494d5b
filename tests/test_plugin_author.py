"""The plugin author's path, in a copy of the project, through the real CLI, the way
docs/fake-data.md (linked from the README's "Add a plugin") tells it: a partial schema in a
directory of its own, fake-data, a query scaffolded with `new`, `check`, `promote`, `drop`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

# The plugin of issue #18: a REPEATED RECORD {name STRING, count INTEGER} and a service name.
PLUGIN = [
    {
        "name": "chatops_service",
        "type": "STRING",
        "mode": "NULLABLE",
        "description": "The chat service the ChatOps integration talks to.",
    },
    {
        "name": "chatops_commands",
        "type": "RECORD",
        "mode": "REPEATED",
        "description": "ChatOps commands run since the last report.",
        "fields": [
            {"name": "name", "type": "STRING", "mode": "NULLABLE", "description": "Command."},
            {"name": "count", "type": "INTEGER", "mode": "NULLABLE", "description": "Runs."},
        ],
    },
]
QUERY = """\
-- Which chat services the sites with the ChatOps plugin use, per week.
-- question: which chat services do ChatOps sites use, week by week?
-- example: date=2026-11-15, week=2026-11-08, chatops_service=slack, sites=42
-- personal data: no, only counts of sites per service and week leave the private table
-- sanitization: site_id is only counted with COUNT(DISTINCT); groups under 5 sites are dropped
SELECT
  CURRENT_DATE() AS date,
  DATE_TRUNC(DATE(timestamp), WEEK) AS week,
  chatops_service,
  COUNT(DISTINCT site_id) AS sites
FROM chatops
WHERE chatops_service IS NOT NULL
GROUP BY week, chatops_service
HAVING COUNT(DISTINCT site_id) >= 5
ORDER BY week, sites DESC
"""
# What a fresh clone holds: nothing generated, no environment, no history.
NOT_IN_A_CLONE = shutil.ignore_patterns(
    ".git", ".venv", ".bqemu", ".tools", "data", "build", "__pycache__", "*_cache", "*.egg-info"
)


def workbench(project: Path, *argv: str) -> subprocess.CompletedProcess:
    """The copy's own CLI, from the copy's root (its code first on the path)."""
    env = {k: v for k, v in os.environ.items() if k != "WORKBENCH_DB"}
    env["PYTHONPATH"] = str(project)
    return subprocess.run(
        [sys.executable, "-m", "workbench.cli", *argv],
        capture_output=True,
        text=True,
        cwd=project,
        env=env,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )


def ok(proc: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return proc


def test_a_plugin_from_schema_to_promoted_query(tmp_path):
    project = tmp_path / "workbench"
    shutil.copytree(ROOT, project, ignore=NOT_IN_A_CLONE, symlinks=True)
    plugin = project / "plugins" / "chatops"
    plugin.mkdir(parents=True)
    (plugin / "chatops.json").write_text(json.dumps(PLUGIN, indent=2) + "\n")

    made = ok(workbench(project, "fake-data", "--source", "plugins/chatops", "--sites", "80"))
    assert "chatops:" in made.stderr and "table chatops" in made.stderr
    schema = json.loads(ok(workbench(project, "schema", "--source", "chatops")).stdout)
    system = json.loads((project / "schemas" / "dropsonde" / "_system.json").read_text())
    assert [f["name"] for f in schema] == [f["name"] for f in system] + [
        "chatops_service",
        "chatops_commands",
    ]

    # plausible values without any rule: chat services, command names once per list
    rows = json.loads(
        ok(
            workbench(
                project,
                "run",
                "--format",
                "json",
                "--sql",
                "SELECT COUNT(DISTINCT chatops_service) AS services, "
                "COUNTIF(ARRAY_LENGTH(chatops_commands) != (SELECT COUNT(DISTINCT c.name) "
                "FROM UNNEST(chatops_commands) AS c)) AS repeated, "
                "COUNTIF(chatops_service = 'slack') > COUNTIF(chatops_service = 'irc') AS slack_first, "
                "COUNTIF(site_id IS NULL OR timestamp IS NULL) AS no_system_fields "
                "FROM chatops",
            )
        ).stdout
    )
    assert rows == [
        {"services": rows[0]["services"], "repeated": 0, "slack_first": True, "no_system_fields": 0}
    ]
    assert rows[0]["services"] >= 5

    wrote = ok(workbench(project, "new", "chatops_services", "--source", "chatops"))
    query = project / "queries" / "chatops" / "chatops_services.sql"
    assert "queries/chatops/chatops_services.sql" in wrote.stdout and query.is_file()
    scaffold = workbench(project, "check", str(query))
    assert scaffold.returncode == 0, scaffold.stdout + scaffold.stderr  # TODO warnings only
    assert "0 error(s)" in scaffold.stderr

    query.write_text(QUERY)
    result = json.loads(ok(workbench(project, "run", str(query), "--format", "json")).stdout)
    assert result and {r["date"] for r in result} == {"2026-11-15"}  # the program's clock
    assert all(r["sites"] >= 5 for r in result)
    checked = ok(workbench(project, "check", "--strict", "queries/chatops"))
    assert "1 query checked: 0 error(s), 0 warning(s)" in checked.stderr

    target = tmp_path / "aggregation"
    ok(workbench(project, "promote", str(query), "--to", str(target)))
    promoted = (target / "chatops_services.sql").read_text()
    # the plugin's columns are in the program's table in production
    assert "FROM `bto-dataops-datalake-prod.dujour.community_metrics`" in promoted

    ok(workbench(project, "drop", "--source", "chatops"))
    assert not (project / "data" / "plugins").exists()
