"""``workbench compare`` input and refusals that are decided before BigQuery is asked.

A local endpoint nothing listens on is set: any API call would fail loudly, and none may
be made for these.
"""

from __future__ import annotations

import pytest

from tests.cli import one_error, workbench
from tests.conftest import ROOT
from workbench.cli import build_parser
from workbench.compare import ULPS

QUERIES = ROOT / "queries"


@pytest.fixture(autouse=True)
def nowhere(monkeypatch):
    monkeypatch.setenv("WORKBENCH_BIGQUERY_ENDPOINT", "http://127.0.0.1:9")


def test_a_query_that_fails_the_privacy_gate_is_not_compared(small_data, tmp_path):
    """Its rows would be printed in a diff: refused before anything runs, no value shown."""
    leaky = tmp_path / "leaky.sql"
    leaky.write_text(
        "SELECT TO_HEX(site_id) AS site, COUNT(*) AS reports\n"
        "FROM `bto-dataops-datalake-prod.dujour.community_metrics`\nGROUP BY site\n"
    )
    proc = workbench("compare", str(leaky), db=small_data)
    one_error(
        proc, "leaky.sql: fails `workbench check` (", "identifier-output", "pass the privacy gate"
    )
    assert proc.stdout == ""
    assert "127.0.0.1:9" not in proc.stderr  # BigQuery was never asked


def test_a_source_without_a_public_table_needs_table(small_data):
    proc = workbench("compare", str(QUERIES / "pace" / "command_runs.sql"), db=small_data)
    one_error(
        proc,
        "source pace has no public example table (public_tables in source.toml); pass --table "
        "PROJECT.DATASET.TABLE, where `workbench publish --source pace` loaded its dataset",
    )


def test_a_bad_table_name_says_which_part(small_data):
    proc = workbench(
        "compare", str(QUERIES / "dropsonde" / "site_count.sql"), "--table", "p.d", db=small_data
    )
    one_error(proc, "--table 'p.d': has 2 part(s) where PROJECT.DATASET.TABLE has three")


def test_a_missing_file(small_data, tmp_path):
    one_error(workbench("compare", str(tmp_path / "nope.sql"), db=small_data), "nope.sql")


def test_help_states_the_tolerance_and_an_example():
    sub = build_parser()._subparsers._group_actions[0].choices["compare"]
    text = sub.format_help()
    assert f"FLOAT64 values within {ULPS} ULPs are equal" in " ".join(text.split())
    examples = text.split("examples:\n", 1)[1]
    assert "  workbench publish --table" in examples
    assert "  workbench compare queries/dropsonde/weekly_active_sites.sql" in examples
