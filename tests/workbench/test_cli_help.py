"""The CLI's help teaches: every option says what it does and its default, every command
shows examples that parse, and fake-data shows each source's own defaults (issue 19)."""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys

import pytest

from fakedata.source import load_source, population_defaults
from tests.cli import workbench
from tests.conftest import ROOT
from tests.workbench.test_cli import heavy_modules_loaded_by
from workbench.cli import build_parser


def subcommands() -> dict[str, argparse.ArgumentParser]:
    """Every subcommand's parser, from the parser itself (a new command is covered at once)."""
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def examples(parser: argparse.ArgumentParser) -> list[str]:
    """The command lines of a parser's ``examples:`` epilog (comment lines left out)."""
    epilog = parser.format_help().split("examples:\n", 1)[1]
    lines = [ln.strip() for ln in epilog.splitlines()]
    return [ln for ln in lines if ln.startswith("workbench ")]


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_every_option_says_what_it_does_and_its_default(name):
    parser = subcommands()[name]
    # `FILE | --sql TEXT`: one of them is required, so neither has a default
    either = {
        id(a) for g in parser._mutually_exclusive_groups if g.required for a in g._group_actions
    }
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction) or id(action) in either:
            continue
        assert action.help, f"{name} {action.option_strings or action.dest}: no help text"
        if action.option_strings and not action.required:
            assert "default" in action.help, f"{name} {action.option_strings}: no default"


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_every_command_shows_examples_that_parse(name):
    found = examples(subcommands()[name])
    assert any(shlex.split(line)[1] == name for line in found), f"{name}: no example of it"
    for line in found:  # a step before it (compare: publish first) parses too
        build_parser().parse_args(shlex.split(line)[1:])  # argparse exits on a bad option


def test_top_level_examples_parse_and_walk_the_path():
    found = examples(build_parser())
    commands = [shlex.split(line)[1] for line in found]
    for line in found:
        build_parser().parse_args(shlex.split(line)[1:])
    # the contributor's path, in order: explore, generate, draft, scaffold, check, promote
    assert commands == ["schema", "fake-data", "run", "new", "check", "promote"]


def test_fake_data_help_shows_each_sources_own_defaults():
    proc = workbench("fake-data", "--help")
    assert proc.returncode == 0, proc.stderr
    for directory in sorted(p for p in (ROOT / "schemas").iterdir() if p.is_dir()):
        pop = load_source(directory).population  # the validated reading of source.toml
        expected = [directory.name, "--sites", str(pop.sites), "--days", str(pop.days)]
        expected += ["--seed", str(pop.seed), "--as-of", str(pop.as_of)]
        assert expected in [line.split() for line in proc.stdout.splitlines()], proc.stdout


def test_population_defaults_agree_with_the_validated_source():
    for directory in sorted(p for p in (ROOT / "schemas").iterdir() if p.is_dir()):
        assert population_defaults(directory) == load_source(directory).population


def test_population_defaults_of_a_directory_without_source_toml(tmp_path):
    # a directory of plugin schemas alone: the Population defaults, as load_source gives
    (tmp_path / "plugin.json").write_text(
        '[{"name": "count", "type": "INTEGER", "mode": "NULLABLE", "description": "n"}]',
        encoding="utf-8",
    )
    assert population_defaults(tmp_path) == load_source(tmp_path).population


def test_fake_data_help_loads_no_heavy_library():
    code = (
        "from workbench.cli import main\ntry:\n    main(['fake-data', '--help'])\n"
        "except SystemExit:\n    pass"
    )
    assert heavy_modules_loaded_by(code) == []


def test_a_broken_source_toml_does_not_break_help(tmp_path):
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    (tmp_path / "schemas" / "broken").mkdir(parents=True)
    (tmp_path / "schemas" / "broken" / "source.toml").write_text("[population\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "workbench.cli", "fake-data", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "WORKBENCH_ROOT": str(tmp_path)},
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 0 and "broken  (unreadable:" in proc.stdout, proc.stdout
    assert "Traceback" not in proc.stderr


def test_top_level_help_lists_each_command_on_one_line():
    text = build_parser().format_help()
    action = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    for choice in action._choices_actions:
        assert f"{choice.dest}  " in text and any(
            line.split() == [choice.dest, *choice.help.split()] for line in text.splitlines()
        ), choice.dest
