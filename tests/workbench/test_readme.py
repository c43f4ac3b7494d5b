"""The README cannot drift from the command: its command table is the parser's list of
subcommands and their help lines, and the contributor's path it walks (every ```console
block, in order) prints what the README shows, on the default dataset (issue 19)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.workbench.test_cli_help import subcommands
from workbench.cli import build_parser

README = (ROOT / "README.md").read_text(encoding="utf-8")
DEFAULT_DB = ROOT / "data" / "workbench.duckdb"  # what `make fake-data` generates


def section(title: str) -> str:
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def command_table() -> dict[str, str]:
    rows = re.findall(r"^\| `([\w-]+)` \| (.+?) \|$", section("Commands"), re.M)
    return dict(rows)


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", README, re.M | re.S)


def test_the_command_table_lists_every_subcommand_with_its_help():
    parser = build_parser()
    action = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    helps = {a.dest: a.help for a in action._choices_actions}
    assert command_table() == helps
    assert set(helps) == set(subcommands())


@pytest.fixture(scope="module")
def walk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project copy to walk the README's path in (`new` and `promote` write into it), its
    `workbench` this checkout's, reading the default dataset."""
    root = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "schemas", root / "schemas")
    shutil.copytree(ROOT / "queries", root / "queries")
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    shutil.copy(ROOT / "privacy-exemptions.toml", root / "privacy-exemptions.toml")
    (root / "bin").mkdir()
    script = root / "bin" / "workbench"
    script.write_text(f'#!/bin/sh\nexec {sys.executable} -m workbench.cli "$@"\n')
    script.chmod(0o755)
    return root


def shell(root: Path, command: str) -> str:
    env = {
        **os.environ,
        "PATH": f"{root / 'bin'}{os.pathsep}{os.environ['PATH']}",
        "WORKBENCH_DB": str(DEFAULT_DB),
        "PYTHONUNBUFFERED": "1",  # stdout and stderr interleaved as on a terminal
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    env.pop("WORKBENCH_ROOT", None)
    proc = subprocess.run(
        ["bash", "-c", f"{{ {command}; }} 2>&1"],
        capture_output=True,
        text=True,
        cwd=root,
        env=env,
        timeout=300,
    )
    assert "Traceback" not in proc.stdout, proc.stdout
    return proc.stdout


def test_the_path_prints_what_the_readme_shows(walk: Path):
    """Every ```console block from the walk, in order: `$ command`, then its output exactly.
    A ```sql block is the file the prose names, written when the walk reaches it."""
    sql = {
        "queries/dropsonde/sites_per_version.sql": next(
            b for b in blocks("sql") if "Dropsonde version in the last week" in b
        ),
        "old_sites.sql": next(b for b in blocks("sql") if "TO_HEX(site_id)" in b),
    }
    consoles = blocks("console")
    assert len(consoles) >= 6
    for block in consoles:
        command, *expected = block.rstrip("\n").split("\n")
        assert command.startswith("$ workbench "), command
        command = command[2:]
        for name, text in sql.items():
            if name in command and not command.startswith("workbench new"):
                path = walk / name
                if not path.exists() or path.read_text() != text:
                    path.write_text(text, encoding="utf-8")
        got = shell(walk, command).rstrip("\n").split("\n")
        assert got == expected, f"{command}\n" + "\n".join(got)
    promoted = walk / "build" / "aggregation" / "dropsonde" / "sites_per_version.sql"
    assert promoted.is_file()


def test_the_run_example_uses_a_query_of_the_project():
    first = blocks("console")[1].split("\n")[0]
    path = first.split()[3]
    assert (ROOT / path).is_file() and path.startswith("queries/")


def quoted(message: str) -> str:
    """A troubleshooting message as the README writes it (wrapped, `.../` for the root)."""
    return " ".join(message.split())


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["run", "--sql", "SELECT COUNT(DISTINCT site) AS sites FROM community_metrics"],
            "workbench: error: query: line 1: unknown column 'site'; `workbench schema "
            "--source SOURCE` lists the columns",
        ),
        (
            ["run", "--sql", "SELECT COUNT(*) FROM metrics"],
            "unknown table 'metrics'; known tables: "
            "bto-dataops-datalake-prod.dujour.community_metrics, community_metrics,",
        ),
        (
            ["run", "--sql", "SELECT COUNT(*) AS n\nFROM community_metrics\nWHERE"],
            "workbench: error: query:3:1: syntax error: an incomplete WHERE (a part is "
            "missing) near 'WHERE'",
        ),
    ],
)
def test_troubleshooting_quotes_real_messages(walk: Path, argv, message):
    out = shell(walk, "workbench " + " ".join(shlex.quote(a) for a in argv))
    assert message in out, out
    assert quoted(message) in quoted(section("Troubleshooting"))


def test_troubleshooting_no_dataset_and_todo_header(walk: Path, tmp_path: Path):
    out = shell(
        walk,
        f"WORKBENCH_DB={tmp_path}/workbench.duckdb workbench run queries/dropsonde/site_count.sql",
    )
    message = out.strip().replace(str(tmp_path), ".../data")
    assert message.startswith("workbench: error: queries/dropsonde/site_count.sql: no dataset at")
    assert quoted(message) in quoted(section("Troubleshooting"))
    shell(walk, "rm -f queries/dropsonde/todo_header.sql && workbench new todo_header")
    out = shell(walk, "workbench promote queries/dropsonde/todo_header.sql --to build/todo")
    last = out.strip().split("\n")[-1].replace("todo_header", "sites_per_version")
    assert quoted(last) in quoted(section("Troubleshooting")), last
    assert not (walk / "build" / "todo").exists()
