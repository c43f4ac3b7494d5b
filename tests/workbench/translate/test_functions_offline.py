"""The functions allowed offline (translate/functions_offline.py) and the refusal of the rest.

A call runs offline only if its BigQuery name, as written, is in ``OFFLINE``; the rest are
refused (``function X is not supported offline: ...``) or, for a name BigQuery lacks, are
BigQuery's own error: "Function not found: X" (GoogleSQL's analyzer says so for any name
outside its catalog, https://cloud.google.com/bigquery/docs/reference/standard-sql/functions-all
lists BigQuery's functions).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlglot.dialects.bigquery import BigQuery

from tests.conftest import ROOT
from tests.workbench.conformance.harness import load_cases
from wbcore.errors import UnsupportedError, UserError
from workbench.translate import Context, translate
from workbench.translate.bigquery_functions import NAMES
from workbench.translate.call_names import written_calls
from workbench.translate.context import parse
from workbench.translate.functions_offline import DIRECT, NOT_FUNCTIONS, OFFLINE
from workbench.translate.registry import RULES


def _calls(sql: str) -> set[str]:
    return {c.base for c in written_calls(parse(sql))}


def _case_calls() -> dict[str, set[str]]:
    """Every function name a conformance case calls, with the ids of the cases that do (only
    cases that run: a case the workbench must refuse verifies nothing)."""
    found: dict[str, set[str]] = {}
    for case in load_cases():
        if case.offline == "refused":
            continue
        for name in _calls(case.sql):
            found.setdefault(name, set()).add(case.id)
    return found


CASE_CALLS = _case_calls()


@pytest.mark.parametrize("name", sorted(n for n, how in OFFLINE.items() if how == DIRECT))
def test_a_direct_function_is_called_by_a_conformance_case(name: str) -> None:
    """Removing the last case that calls a direct function fails here: the list cannot grow
    (or keep a name) without a case verified against BigQuery's documentation."""
    assert CASE_CALLS.get(name), f"{name} is 'direct' but no conformance case calls it"


def test_the_check_counts_the_cases_that_call_a_function() -> None:
    assert "functions_offline.tanh_inf" in CASE_CALLS["TANH"]
    assert "functions_offline.tanh_inf" not in CASE_CALLS.get("SINH", set())


def test_every_entry_is_a_bigquery_function_handled_by_a_named_rule_or_direct() -> None:
    rules = {rule.name for rule in RULES}
    for name, how in OFFLINE.items():
        assert name in NAMES, f"{name} is not a BigQuery function"
        assert name not in NOT_FUNCTIONS
        if how != DIRECT:
            assert how.startswith("rule: "), (name, how)
            assert set(how.removeprefix("rule: ").split(", ")) <= rules, (name, how)
    assert list(OFFLINE) == sorted(OFFLINE), "keep the registry in name order (easy merges)"


def _project_queries() -> list[tuple[str, str]]:
    queries = [(str(p.relative_to(ROOT)), p.read_text()) for p in ROOT.glob("queries/*/*.sql")]
    for notebook in sorted(ROOT.glob("notebooks/*.ipynb")):
        for i, cell in enumerate(json.loads(notebook.read_text())["cells"]):
            text = "".join(cell["source"])
            if cell["cell_type"] == "code" and text.startswith("%%bigquery"):
                queries.append((f"{notebook.name} cell {i}", text.split("\n", 1)[1]))
    return queries


def test_every_function_the_project_queries_call_may_run() -> None:
    queries = _project_queries()
    assert len(queries) >= 20
    for where, sql in queries:
        assert _calls(sql) <= set(OFFLINE) | NOT_FUNCTIONS, where


def test_the_written_name_is_the_one_checked() -> None:
    sql = (
        "SELECT IFNULL(1, 2), SUBSTR('ab', 1), SAFE.SUBSTR('ab', 1), NET.HOST('x'), "
        "HLL_COUNT.MERGE(s), MOD(5, 2), SAFE_CAST('1' AS INT64), FORMAT_DATE('%Y', d) FROM t"
    )
    names = [c.name for c in written_calls(parse(sql))]
    assert names == [
        "IFNULL",
        "SUBSTR",
        "SAFE.SUBSTR",
        "NET.HOST",
        "HLL_COUNT.MERGE",
        "MOD",
        "SAFE_CAST",
        "FORMAT_DATE",
    ]


# -- the attack corpus: calls sqlglot knows whose DuckDB meaning differs or that BigQuery lacks

# https://cloud.google.com/bigquery/docs/reference/standard-sql/functions-all: not BigQuery
# functions at all (DuckDB's or other dialects' names sqlglot maps to a DuckDB function)
NOT_BIGQUERY = {
    "LIST_VALUE(1, 2)": "LIST_VALUE",
    "STRFTIME(CURRENT_TIMESTAMP(), '%Y')": "STRFTIME",
    "EPOCH(CURRENT_TIMESTAMP())": "EPOCH",
    "LEN('abc')": "LEN",
    "STRUCT_PACK(a := 1)": "STRUCT_PACK",
    "NVL(NULL, 1)": "NVL",
    "TRY_CAST('1' AS INT64)": "TRY_CAST",
    "DATEADD(day, 1, CURRENT_DATE())": "DATEADD",
    "ARRAY_SIZE([1, 2])": "ARRAY_SIZE",
    "WB_DP_DRAW(1)": "WB_DP_DRAW",  # a function the DP plan calls, not the user's to call
    "SAFE.DIVIDE(1, 2)": "SAFE.DIVIDE",
}


@pytest.mark.parametrize("call", sorted(NOT_BIGQUERY))
def test_a_name_bigquery_lacks_is_function_not_found(call: str) -> None:
    with pytest.raises(UserError) as info:
        translate(f"SELECT\n  {call} AS x", Context())
    assert not isinstance(info.value, UnsupportedError)
    assert info.value.message == f"Function not found: {NOT_BIGQUERY[call]}"
    assert (info.value.line, info.value.column) == (2, 3)


# BigQuery functions sqlglot translates to a DuckDB function that differs or does not exist.
# Each of the first ones ran offline before, unverified, and differed from GoogleSQL's
# reference evaluator (zetasql 0.1.5) or BigQuery's documentation:
UNVERIFIED = {
    # utility-functions#typeof: 'INT64'; DuckDB's typeof said 'INTEGER'
    "TYPEOF(1)": "TYPEOF",
    # array_functions#array_sum: INT64 for INT64 elements; offline NUMERIC '3'
    "ARRAY_SUM([1, 2])": "ARRAY_SUM",
    # distance_functions#cosine_distance: a zero vector is an error; offline NaN
    "COSINE_DISTANCE([0.0, 0.0], [1.0, 1.0])": "COSINE_DISTANCE",
    # json_functions#to_json: a JSON value; offline the STRING '1'
    "TO_JSON(1)": "TO_JSON",
    # security_functions#session_user: the caller's email; offline the string 'duckdb'
    "SESSION_USER()": "SESSION_USER",
    # ran offline unverified (same answer on a first probe, never checked against the reference)
    "ARRAY_MAX([1, 2])": "ARRAY_MAX",
    "ARRAY_MIN([1, 2])": "ARRAY_MIN",
    "EDIT_DISTANCE('a', 'b')": "EDIT_DISTANCE",
    "EUCLIDEAN_DISTANCE([1.0, 2.0], [3.0, 4.0])": "EUCLIDEAN_DISTANCE",
    "JSON_ARRAY(1)": "JSON_ARRAY",
    "JSON_OBJECT('a', 'b')": "JSON_OBJECT",
    "JSON_STRIP_NULLS(JSON '{\"a\": 1}')": "JSON_STRIP_NULLS",
    # refused before already, now by the allowlist too
    "ML.DISTANCE([1.0], [2.0])": "ML.DISTANCE",
    "KEYS.NEW_KEYSET('AEAD_AES_GCM_256')": "KEYS.NEW_KEYSET",
    "SAFE.TYPEOF(1)": "SAFE.TYPEOF",
    "NET.REG_DOMAIN('a.b.com')": "NET.REG_DOMAIN",
}


@pytest.mark.parametrize("call", sorted(UNVERIFIED))
def test_an_unverified_bigquery_function_is_refused_by_its_written_name(call: str) -> None:
    name = UNVERIFIED[call].removeprefix("SAFE.")
    if name in OFFLINE:  # verified since (another branch): a rule, or a case that calls it
        assert OFFLINE[name] != DIRECT or CASE_CALLS.get(name)
        return
    with pytest.raises(UnsupportedError) as info:
        translate(f"SELECT\n  {call} AS x", Context())
    assert info.value.message.startswith(f"function {UNVERIFIED[call]} is not supported offline: ")
    assert info.value.line == 2


def test_the_generic_refusal_says_not_verified() -> None:
    with pytest.raises(UnsupportedError, match="not verified against BigQuery's semantics"):
        translate("SELECT TYPEOF(1)", Context())


@pytest.mark.parametrize(
    "sql",
    [
        # operators-like#like_operator_quantified, arrays#unnest: syntax, not function calls
        "SELECT 'a' LIKE ANY ('a', 'b')",
        "SELECT 'a' LIKE ALL ('a', 'b')",
        "SELECT 'a' LIKE SOME ('a', 'b')",
        "SELECT 'a' LIKE ANY UNNEST(['a'])",
        "SELECT x FROM UNNEST([1]) AS x WHERE EXISTS(SELECT 1)",
        "SELECT [1, 2][SAFE_OFFSET(0)]",
    ],
)
def test_syntax_parsed_like_a_call_is_not_checked(sql: str) -> None:
    from workbench.translate.rules.refusals import function_allowlist

    assert function_allowlist(parse(sql), sql) is False


def test_a_persistent_udf_is_refused() -> None:
    with pytest.raises(UnsupportedError, match=r"function PROJ\.DS\.F is not supported offline"):
        translate("SELECT proj.ds.f(1)", Context())


def _sqlglot_names() -> list[str]:
    """Every function name sqlglot's BigQuery parser knows (builders and special parsers)."""
    parser = BigQuery.Parser
    return sorted(set(parser.FUNCTIONS) | set(parser.FUNCTION_PARSERS))


_ARGUMENTS = ("(1)", "('a')", "(1, 2)", "('a', 'b')", "()", "(1, 2, 3)")


def _attack(name: str) -> str | None:
    """``SELECT NAME(args)`` with the first argument list sqlglot parses, or None."""
    for args in _ARGUMENTS:
        sql = f"SELECT {name}{args}"
        try:
            tree = parse(sql)
        except Exception:  # a syntax error, or a sqlglot builder's crash (MAP(1))
            continue
        if name in {c.name for c in written_calls(tree)}:
            return sql
    return None


ATTACKS = [
    (name, sql)
    for name in _sqlglot_names()
    if name not in OFFLINE and name not in NOT_FUNCTIONS and (sql := _attack(name))
]


def test_the_attack_corpus_covers_sqlglots_functions() -> None:
    assert len(ATTACKS) >= 450  # of sqlglot's some 900 names for BigQuery


@pytest.mark.parametrize(("name", "sql"), ATTACKS, ids=[n for n, _ in ATTACKS])
def test_no_function_outside_the_registry_runs(name: str, sql: str) -> None:
    """Each name sqlglot knows but the registry lacks is refused or BigQuery's error."""
    with pytest.raises(UserError) as info:
        translate(sql, Context())
    message = info.value.message
    if name in NAMES:
        assert message.startswith(f"function {name} is not supported offline: "), message
    else:
        assert message == f"Function not found: {name}" or "is not supported offline" in message


def test_every_bigquery_function_a_rule_handles_is_in_the_registry() -> None:
    from workbench.translate.registry import HANDLED_FUNCTIONS

    assert {n for n in HANDLED_FUNCTIONS if n in NAMES} <= set(OFFLINE)


def test_a_table_function_is_refused_too() -> None:
    # DuckDB's range() table function would answer; BigQuery's RANGE is a constructor
    with pytest.raises(UnsupportedError, match="function RANGE is not supported offline"):
        translate("SELECT * FROM range(10)", Context())
    # a call where a table goes: the table-function refusal, which says why
    with pytest.raises(UnsupportedError, match="table function READ_CSV is not supported"):
        translate("SELECT * FROM read_csv('/etc/passwd')", Context())


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("SELECT\n  VAR_MAP(1)", "Function not found: VAR_MAP"),  # sqlglot's builder: IndexError
        ("SELECT\n  MAP(1)", "Function not found: MAP"),
    ],
)
def test_a_call_sqlglot_cannot_build_is_an_error_not_a_traceback(sql: str, message: str) -> None:
    with pytest.raises(UserError) as info:
        translate(sql, Context(), "q.sql")
    assert (info.value.message, info.value.file, info.value.line) == (message, "q.sql", 2)


def test_rules_may_call_duckdb_functions_of_their_own() -> None:
    """The check reads the calls as written: HLL_COUNT.MERGE's translation calls DuckDB's
    LIST_DISTINCT and FLATTEN, which no user may call (neither is a BigQuery function)."""
    sql = "SELECT HLL_COUNT.MERGE(s) FROM (SELECT HLL_COUNT.INIT(x) AS s FROM UNNEST([1]) AS x)"
    assert "LIST_DISTINCT" in translate(sql, Context()).duckdb
    with pytest.raises(UserError, match="Function not found: LIST_DISTINCT"):
        translate("SELECT LIST_DISTINCT([1])", Context())


def test_the_names_are_the_reference_analyzers(tmp_path: Path) -> None:
    """workbench/translate/bigquery_functions.py is what tools/bigquery_functions.py writes."""
    from tools import bigquery_functions

    assert bigquery_functions.render(bigquery_functions.names()) == (
        ROOT / "workbench" / "translate" / "bigquery_functions.py"
    ).read_text(encoding="utf-8")
