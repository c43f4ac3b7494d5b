"""The rule registry: its order is by phase, names are unique, refusals come from it."""

from __future__ import annotations

import pytest

from wbcore.errors import UnsupportedError, UserError
from workbench.translate import RULES, Context, translate
from workbench.translate.registry import HANDLED_FUNCTIONS, Phase


def test_rules_run_in_phase_order_with_unique_names() -> None:
    phases = [r.phase for r in RULES]
    assert phases == sorted(phases)
    assert len({r.name for r in RULES}) == len(RULES)
    assert {r.phase for r in RULES} == set(Phase)


def test_single_rule_phases() -> None:
    by_phase = {p: [r.name for r in RULES if r.phase is p] for p in Phase}
    assert by_phase[Phase.QUALIFY] == ["qualify-columns"]
    assert by_phase[Phase.REFUSE] == ["unknown-functions"]
    assert by_phase[Phase.SAFE] == ["safe-prefix"]
    assert by_phase[Phase.PARAMETERS] == ["query-parameters"]


def test_handles_are_bigquery_function_names() -> None:
    for rule in RULES:
        # a dotted family function as written: HLL_COUNT.MERGE
        assert all(
            h == h.upper() and h.replace("_", "").replace(".", "").isalnum() for h in rule.handles
        ), rule


def test_refusals_follow_the_registry() -> None:
    # IEEE_DIVIDE is not a sqlglot function: a rule handles it, so it passes the refusal
    assert "IEEE_DIVIDE" in HANDLED_FUNCTIONS
    # not a BigQuery function at all: BigQuery's error, before any rule (functions-all)
    with pytest.raises(UserError) as info:
        translate("SELECT NO_SUCH_FUNCTION(1)", Context())
    assert info.value.message == "Function not found: NO_SUCH_FUNCTION"
    assert info.value.construct == "function NO_SUCH_FUNCTION"


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT SAFE_ADD(1, 2)",
        "SELECT RANGE_BUCKET(20, [0, 10, 20])",
        "SELECT TO_CODE_POINTS('ab')",
        "SELECT ARRAY_FIRST([1, 2])",
    ],
)
def test_a_handled_function_does_not_reach_duckdb_unrewritten(sql: str) -> None:
    import sqlglot
    from sqlglot import exp

    name = sql.split("(")[0].removeprefix("SELECT ").strip()
    assert name in HANDLED_FUNCTIONS
    out = sqlglot.parse_one(translate(sql, Context()).duckdb, read="duckdb")
    assert not [f for f in out.find_all(exp.Anonymous) if f.name.upper() == name]


@pytest.mark.parametrize(
    "name", ["HOST", "REG_DOMAIN", "PUBLIC_SUFFIX", "IP_FROM_STRING", "SAFE_IP_FROM_STRING"]
)
def test_net_functions_are_refused_known_to_sqlglot_or_not(name: str) -> None:
    # DuckDB has no NET functions: NET.HOST reached it as host() and failed at run time
    with pytest.raises(UnsupportedError) as info:
        translate(f"SELECT\n  NET.{name}('https://example.com/a')", Context())
    assert info.value.construct == f"function NET.{name}"
    assert info.value.line == 2
