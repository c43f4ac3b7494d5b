"""The harness itself: an error case passes only with BigQuery's error, of BigQuery's kind.

A case that expects an error once passed whatever the workbench raised, a refusal or a raw
DuckDB message included. Each case below would pass that loose harness and must fail this one.
The kinds follow GoogleSQL: a statement its analyzer rejects (a mistyped argument, a literal
NULL operand) is an analysis error; division by zero is raised when the query runs
(https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.workbench.conformance.harness import (
    Case,
    error_outcome,
    load_cases,
    offline_workbench,
    run_offline,
)

SOURCE = "https://cloud.google.com/bigquery/docs/reference/standard-sql/operators"


@pytest.fixture(scope="module")
def wb(tmp_path_factory: pytest.TempPathFactory):
    bench = offline_workbench(Path(tmp_path_factory.mktemp("harness")))
    yield bench
    bench.close()


def case(sql: str, error: str, kind: str, offline_error: str | None = None) -> Case:
    return Case(
        id="t",
        area="t",
        sql=sql,
        source=SOURCE,
        error=error,
        error_kind=kind,
        offline_error=offline_error,
    )


def test_the_documented_error_passes(wb) -> None:
    outcome = run_offline(
        case("SELECT 1 / 0", "division by zero", "runtime", "division by zero"), wb
    )
    assert outcome.kind == "correct", outcome.detail


def test_an_error_of_another_kind_is_wrong(wb) -> None:
    # BigQuery rejects NULL = NULL before running; a case claiming a run-time error is not met
    outcome = run_offline(case("SELECT NULL = NULL", "division by zero", "runtime"), wb)
    assert outcome.kind == "wrong" and "analysis error" in outcome.detail
    # and a run-time error does not meet an analysis error case
    outcome = run_offline(case("SELECT 1 / 0", "No matching signature", "analysis"), wb)
    assert outcome.kind == "wrong"


def test_another_condition_of_the_same_kind_is_wrong(wb) -> None:
    sql = "SELECT SQRT(-1)"  # a run-time error, but not a division by zero
    outcome = run_offline(case(sql, "division by zero", "runtime", "division by zero"), wb)
    assert outcome.kind == "wrong" and "division by zero" in outcome.detail


def test_a_refusal_is_never_the_documented_error(wb) -> None:
    # TABLESAMPLE is refused offline; refusing is not raising BigQuery's error
    sql = "SELECT * FROM UNNEST([1]) AS x TABLESAMPLE SYSTEM (10 PERCENT)"
    outcome = run_offline(case(sql, "some error", "runtime"), wb)
    assert outcome.kind == "refused"


def test_a_raw_engine_message_is_never_the_documented_error() -> None:
    raw = "query: Binder Error: No function matches the given name and argument types"
    assert error_outcome(case("SELECT 1", "x", "analysis"), "analysis", raw).kind == "error"


def test_an_error_case_must_say_its_kind(tmp_path: Path) -> None:
    (tmp_path / "x.toml").write_text(
        '[[case]]\nid = "x"\narea = "x"\nsql = "SELECT 1 / 0"\n'
        f'error = "division by zero"\nsource = "{SOURCE}"\n'
    )
    with pytest.raises(ValueError, match="error_kind"):
        load_cases(tmp_path)


def test_every_error_case_of_the_suite_states_its_kind() -> None:
    errors = [c for c in load_cases() if c.error]
    assert len(errors) > 300
    assert all(c.error_kind in ("analysis", "runtime", "syntax") for c in errors)
