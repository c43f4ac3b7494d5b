"""A query that fails on the data is told which call failed, where, and how, never with a value.

Every case fails on the small dataset: the message must name the file, the line and column of
the failing call in the BigQuery text, the function as written and the kind of failure, and
hold no value of any identifier of the dataset (read straight from the Parquet files).
"""

from __future__ import annotations

import math
from pathlib import Path

import duckdb
import pytest

from fakedata.manifest import PARQUET
from tests.cli import one_error, workbench
from tests.conftest import ROOT
from wbcore.errors import UnsupportedError, UserError
from workbench.engines.errors import NOT_SHOWN
from workbench.engines.locate import failing_calls, locate
from workbench.translate import Context, parse, translate

MARK = "^"  # in a case, marks where the failing call is written (its name, or its operator)
# The failing call stands on line 4, from column 3 on.
TEMPLATE = """-- the failing call is on line 4
SELECT
  COUNT(*) OVER () AS n,
  {call} AS x
FROM {table}
"""
LINE, COLUMN = 4, 3


def case(call: str, name: str, kind: str, table: str = "community_metrics") -> tuple:
    return pytest.param(call, name, kind, table, id=call.replace(MARK, ""))


CASTS = [
    case("^CAST(ip AS INT64)", "CAST", "cannot be converted to INT64"),
    case("^CAST(TO_HEX(site_id) AS INT64)", "CAST", "cannot be converted to INT64"),
    case("^CAST(LENGTH(ip) * 1e300 AS INT64)", "CAST", "cannot be converted to INT64"),
    case("^CAST(ip AS FLOAT64)", "CAST", "cannot be converted to FLOAT64"),
    case("^CAST(version AS NUMERIC)", "CAST", "cannot be converted to NUMERIC"),
    case("^CAST(LENGTH(ip) * 1e300 AS NUMERIC)", "CAST", "cannot be converted to NUMERIC"),
    case("^cast(ip AS BOOL)", "cast", "cannot be converted to BOOL"),
    case("^CAST(message_id AS DATE)", "CAST", "cannot be converted to DATE"),
    case("^CAST(ip AS DATETIME)", "CAST", "cannot be converted to DATETIME"),
    case("^CAST(ip AS TIME)", "CAST", "cannot be converted to TIME"),
    case("^CAST(message_id AS TIMESTAMP)", "CAST", "cannot be converted to TIMESTAMP"),
    case("^CAST(ip AS INTERVAL)", "CAST", "cannot be converted to INTERVAL"),
    case("^CAST(system_id AS INT64)", "CAST", "cannot be converted to INT64", "pulp_analytics"),
    case("^CAST(id AS DATE)", "CAST", "cannot be converted to DATE", "pace_telemetry"),
    case("LENGTH(CAST(^CAST(ip AS INT64) AS STRING))", "CAST", "to INT64"),  # the inner one
    case("^CAST(CAST(LENGTH(ip) AS STRING) AS DATE)", "CAST", "to DATE"),  # the outer one
]
PARSING = [
    case("^PARSE_DATE('%Y-%m-%d', message_id)", "PARSE_DATE", "does not match the format"),
    case("^PARSE_DATETIME('%Y', ip)", "PARSE_DATETIME", "does not match the format"),
    case("^PARSE_TIME('%H', ip)", "PARSE_TIME", "does not match the format"),
    case("^PARSE_TIMESTAMP('%Y', ip)", "PARSE_TIMESTAMP", "does not match the format"),
    case("^parse_timestamp('%Y', id)", "parse_timestamp", "format", "pace_telemetry"),
    case("^PARSE_JSON(ip)", "PARSE_JSON", "not valid JSON"),
    case("^PARSE_JSON(system_id)", "PARSE_JSON", "not valid JSON", "pulp_analytics"),
    case("JSON_TYPE(^PARSE_JSON(ip))", "PARSE_JSON", "not valid JSON"),
    case("^FROM_BASE64(ip)", "FROM_BASE64", "not valid base64"),
    case("^FROM_BASE64(CONCAT(message_id, '='))", "FROM_BASE64", "not valid base64"),
    case("^FROM_HEX(ip)", "FROM_HEX", "not valid hexadecimal"),
    case("^FROM_HEX(CONCAT(message_id, 'g'))", "FROM_HEX", "not valid hexadecimal"),
]
JSON = [
    # an IP address is no JSON: NULL (GoogleSQL's reference evaluator); JSON followed by
    # more text (which GoogleSQL's lenient reader may take) is an error offline
    case(f"^{f}(CONCAT('{{\"a\": 1}} ', ip), '$.a')", f, "JSON argument or JSON path is not valid")
    for f in (
        "JSON_VALUE",
        "JSON_QUERY",
        "JSON_EXTRACT",
        "JSON_EXTRACT_SCALAR",
        "JSON_VALUE_ARRAY",
        "JSON_QUERY_ARRAY",
        "JSON_EXTRACT_ARRAY",
        "JSON_EXTRACT_STRING_ARRAY",
    )
] + [
    case("^JSON_QUERY('{\"a\": 1}', CONCAT('$', ip))", "JSON_QUERY", "JSON path is not valid"),
    case("^INT64(PARSE_JSON(CONCAT('\"', ip, '\"')))", "INT64", "JSON input is not an integer"),
]
REGEXPS = [
    # patterns from the data: an IP address with an unbalanced parenthesis or bracket
    case(f"^{f}('x', CONCAT({pattern}))", f, "regular expression is not valid")
    for f, pattern in (
        ("REGEXP_CONTAINS", "ip, '('"),
        ("REGEXP_EXTRACT", "'(', ip"),
        ("REGEXP_EXTRACT_ALL", "ip, '('"),
        ("REGEXP_INSTR", "ip, '['"),
        ("REGEXP_SUBSTR", "ip, '('"),
    )
] + [case("^REGEXP_REPLACE('x', CONCAT(ip, '['), 'y')", "REGEXP_REPLACE", "not valid")]
ARITHMETIC = [
    case("LENGTH(ip) ^/ (LENGTH(ip) - LENGTH(ip))", "/", "division by zero"),
    case("^DIV(LENGTH(ip), LENGTH(ip) - LENGTH(ip))", "DIV", "division by zero"),
    case("^MOD(LENGTH(ip), LENGTH(ip) - LENGTH(ip))", "MOD", "division by zero"),
    case("IEEE_DIVIDE(1, 0) + LENGTH(ip) ^/ 0", "/", "division by zero"),
    case("LENGTH(ip) ^* 9223372036854775807", "*", "out of range (an overflow)"),
    case("9223372036854775807 ^+ LENGTH(ip)", "+", "out of range (an overflow)"),
    case("LENGTH(ip) - 9223372036854775807 ^- 100", "-", "out of range (an overflow)"),
    case("^-(LENGTH(ip) - LENGTH(ip) - 9223372036854775807 - 1)", "-", "overflow"),
    case("LENGTH(ip) ^<< -LENGTH(ip)", "<<", "shift count must be non-negative"),
    case("^SQRT(-LENGTH(ip))", "SQRT", "argument out of range"),
    case("^LN(LENGTH(ip) - LENGTH(ip))", "LN", "argument out of range"),
    case("^LOG10(-LENGTH(ip))", "LOG10", "argument out of range"),
    case("^ACOS(LENGTH(ip))", "ACOS", "argument out of range"),
    case("^POW(-LENGTH(ip), 0.5)", "POW", "argument out of range"),
    case("^TIMESTAMP_SECONDS(LENGTH(ip) * 922337203685)", "TIMESTAMP_SECONDS", "range"),
    case("^DATE_FROM_UNIX_DATE(LENGTH(ip) * 100000000)", "DATE_FROM_UNIX_DATE", "range"),
    case("TIMESTAMP_MICROS(LENGTH(ip) ^* 9223372036854775807)", "*", "overflow"),
]
CONSTRUCTORS = [
    case("^DATE(message_id)", "DATE", "do not make a valid DATE"),
    case("^DATE(2026, LENGTH(ip), 1)", "DATE", "do not make a valid DATE"),
    case("^DATETIME(ip)", "DATETIME", "do not make a valid DATETIME"),
    case("^DATETIME(2026, 1, 1, LENGTH(ip) * 10, 0, 0)", "DATETIME", "valid DATETIME"),
    case("^TIME(ip)", "TIME", "do not make a valid TIME"),
    case("^TIME(LENGTH(ip) * 10, 0, 0)", "TIME", "do not make a valid TIME"),
    case("^TIMESTAMP(ip)", "TIMESTAMP", "do not make a valid TIMESTAMP"),
    case("^TIMESTAMP(CONCAT('2026-01-01 ', ip))", "TIMESTAMP", "valid TIMESTAMP"),
    # the zone check of FORMAT_TIMESTAMP: the call written, not sqlglot's TS_OR_DS_TO_TIMESTAMP
    case(
        "^FORMAT_TIMESTAMP('%F', TIMESTAMP '2026-01-01', ip)",
        "FORMAT_TIMESTAMP",
        "Invalid time zone",
    ),
    case("^DATE(id)", "DATE", "do not make a valid DATE", "pace_telemetry"),
]
ARRAYS_AND_STRINGS = [
    case("SPLIT(ip, '.')[^OFFSET(LENGTH(ip))]", "OFFSET", "array index is out of bounds"),
    case("SPLIT(ip, '.')[^ORDINAL(LENGTH(ip))]", "ORDINAL", "array index is out of bounds"),
    case("SPLIT(ip, '.')^[LENGTH(ip)]", "array subscript", "array index is out of bounds"),
    case("[1, 2][^OFFSET(LENGTH(ip))]", "OFFSET", "array index is out of bounds"),
    case(
        "^ARRAY_FIRST(ARRAY(SELECT p FROM UNNEST(SPLIT(ip, '.')) AS p WHERE p = 'none'))",
        "ARRAY_FIRST",
        "the array is empty",
    ),
    case("^SUBSTR(ip, 1, -LENGTH(ip))", "SUBSTR", "the length must not be negative"),
    case("^CODE_POINTS_TO_STRING([-LENGTH(ip)])", "CODE_POINTS_TO_STRING", "code point"),
    case("^RANGE_BUCKET(1, [LENGTH(ip), 1])", "RANGE_BUCKET", "sorted in ascending order"),
    case("^DATE_ADD(DATE '2026-01-01', INTERVAL LENGTH(ip) * 100000000 DAY)", "DATE_ADD", ""),
    # BigQuery's functions run in Python (translate/functions.py): their constant messages
    case("^LPAD(CAST(ip AS BYTES), -LENGTH(ip))", "LPAD", "the return length must not be negative"),
    case("^REPEAT(CAST(ip AS BYTES), -LENGTH(ip))", "REPEAT", "the repetitions must not be negative"),
    case("^POW(CAST(LENGTH(ip) AS NUMERIC), 40)", "POW", "numeric overflow"),
]
RAISED = [
    case("IF(LENGTH(ip) > 0, ^ERROR('no address is this long'), 'ok')", "ERROR", ""),
    case("IF(LENGTH(ip) > 0, ^ERROR(CONCAT('bad: ', ip)), 'ok')", "ERROR", "from the data"),
    case("IF(LENGTH(id) > 0, ^error(id), 'ok')", "error", "from the data", "pace_telemetry"),
]
CASES = CASTS + PARSING + JSON + REGEXPS + ARITHMETIC + CONSTRUCTORS + ARRAYS_AND_STRINGS + RAISED


@pytest.fixture(scope="module")
def values(small_data: Path) -> list[str]:
    """Every identifier value of every source (and Dropsonde's versions), as stored and as
    hex and base64 text, read with DuckDB straight from the dataset's Parquet files."""
    from workbench import Workbench

    bench = Workbench(root=ROOT, db=small_data / "workbench.duckdb")
    columns = [(s.name, c) for s in bench.sources() for c in s.identifiers]
    bench.close()
    conn = duckdb.connect()
    found: set[str] = set()
    for source, column in [*columns, ("dropsonde", "version")]:
        parquet = str(small_data / source / PARQUET)
        (kind,) = conn.execute(
            f'SELECT typeof("{column}") FROM read_parquet(?) LIMIT 1', [parquet]
        ).fetchone()
        forms = [f'CAST("{column}" AS VARCHAR)']
        if kind == "BLOB":
            forms = [f'hex("{column}")', f'lower(hex("{column}"))', f'to_base64("{column}")']
        for form in forms:
            rows = conn.execute(f"SELECT DISTINCT {form} FROM read_parquet(?)", [parquet])
            found.update(v for (v,) in rows.fetchall() if v and len(v) >= 5)
    conn.close()
    assert len(found) > 500  # every site, system and install, in each form
    return sorted(found)


@pytest.fixture(scope="module")
def bench(small_data: Path):
    """The engine's own location of failures is tested (``bench.engine.run``): some cases are
    statements BigQuery's analyzer rejects (``Workbench.arrow`` would say so first), kept to
    exercise the probes on every kind of failing call."""
    from workbench import Workbench

    shared = Workbench(root=ROOT, db=small_data / "workbench.duckdb")
    yield shared
    shared.close()


def query_file(tmp_path: Path, call: str, table: str) -> tuple[Path, int]:
    """The query with the call on line 4, and the column its mark stands at."""
    path = tmp_path / "query.sql"
    path.write_text(TEMPLATE.format(call=call.replace(MARK, "", 1).replace(MARK, ""), table=table))
    return path, COLUMN + call.index(MARK)


def marked(sql: str) -> tuple[str, int, int]:
    """(the SQL without its mark, line and column of the mark)."""
    at = sql.index(MARK)
    line = sql.count("\n", 0, at) + 1
    return sql.replace(MARK, "", 1), line, at - sql.rfind("\n", 0, at)


def leaked(text: str, values: list[str]) -> list[str]:
    return [v for v in values if v in text]


@pytest.mark.parametrize(("call", "name", "kind", "table"), CASES)
def test_the_failing_call_is_named_where_it_is_written(
    bench, tmp_path: Path, values: list[str], call: str, name: str, kind: str, table: str
) -> None:
    path, column = query_file(tmp_path, call, table)
    with pytest.raises(UserError) as info:
        bench.engine.run(path.read_text(encoding="utf-8"), None, str(path))
    error = info.value
    assert (error.file, error.line, error.column, error.construct) == (
        str(path),
        LINE,
        column,
        name,
    ), str(error)
    text = str(error)
    assert text.startswith(f"{path}:{LINE}:{column}: {name} ")
    assert kind in text
    assert "\n" not in text and not leaked(text, values), text


def test_a_literal_message_of_error_is_shown(bench, tmp_path: Path) -> None:
    path, column = query_file(
        tmp_path, "IF(LENGTH(ip) > 0, ^ERROR('no address is this long'), 'ok')", "community_metrics"
    )
    with pytest.raises(UserError) as info:
        bench.engine.run(path.read_text(encoding="utf-8"), None, str(path))
    assert str(info.value) == f"{path}:{LINE}:{column}: ERROR raised: no address is this long"


@pytest.mark.parametrize(
    "call",
    [
        "SAFE_CAST(ip AS INT64)",
        "SAFE_CAST(message_id AS DATE)",
        "SAFE_CAST(version AS NUMERIC)",
        "SAFE_CAST(ip AS FLOAT64)",
        "SAFE_CAST(ip AS BOOL)",
        "SAFE_CAST(ip AS TIMESTAMP)",
        "SAFE.PARSE_DATE('%Y-%m-%d', message_id)",
        "SAFE.PARSE_TIMESTAMP('%Y', ip)",
        "SAFE.PARSE_JSON(ip)",
        "SAFE.JSON_VALUE(ip, '$.a')",
        "SAFE.FROM_BASE64(ip)",
        "SAFE.FROM_HEX(ip)",
        "SAFE.REGEXP_CONTAINS('x', CONCAT(ip, '('))",
        "SAFE_DIVIDE(LENGTH(ip), LENGTH(ip) - LENGTH(ip))",
        "SAFE.DIV(LENGTH(ip), LENGTH(ip) - LENGTH(ip))",
        "SAFE.MOD(LENGTH(ip), LENGTH(ip) - LENGTH(ip))",
        "SAFE_MULTIPLY(LENGTH(ip), 9223372036854775807)",
        "SAFE.DATE(message_id)",
        "SAFE.TIMESTAMP(ip)",
        "SAFE.DATE(2026, LENGTH(ip), 1)",
        "SPLIT(ip, '.')[SAFE_OFFSET(LENGTH(ip))]",
        "SPLIT(ip, '.')[SAFE_ORDINAL(LENGTH(ip))]",
        "SAFE.SQRT(-LENGTH(ip))",
        "SAFE.SUBSTR(ip, 1, -LENGTH(ip))",
        "SAFE.ERROR(ip)",
        "SAFE.ABS(SAFE.SQRT(-LENGTH(ip)))",
    ],
)
def test_the_safe_forms_do_not_fail(bench, call: str) -> None:
    rows = bench.engine.run(TEMPLATE.format(call=call, table="community_metrics")).num_rows
    assert rows > 0


@pytest.mark.parametrize(
    "call",
    ["NET.HOST(ip)", "NET.IP_FROM_STRING(ip)", "NET.SAFE_IP_FROM_STRING(ip)", "NET.REG_DOMAIN(ip)"],
)
def test_net_functions_are_refused_before_they_run(bench, call: str) -> None:
    with pytest.raises(UnsupportedError) as info:
        bench.engine.run(TEMPLATE.format(call=call, table="community_metrics"))
    assert info.value.line == LINE and info.value.construct == "function " + call.split("(")[0]


# -- where the call stands in the statement ----------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "name"),
    [
        # in WHERE, JOIN ON, HAVING, ORDER BY, a WITH query, a subquery, an UNNEST's WHERE
        ("SELECT COUNT(*) AS n\nFROM community_metrics\nWHERE ^CAST(ip AS INT64) > 0", "CAST"),
        (
            "SELECT COUNT(*) AS n FROM community_metrics AS a\n"
            "JOIN community_metrics AS b ON ^PARSE_JSON(a.ip) IS NULL",
            "PARSE_JSON",
        ),
        (
            "SELECT ip, COUNT(*) AS n FROM community_metrics GROUP BY ip\n"
            "HAVING ^CAST(ip AS FLOAT64) > 0",
            "CAST",
        ),
        ("SELECT ip FROM community_metrics\nORDER BY ^DATE(ip)\nLIMIT 3", "DATE"),
        (
            "WITH t AS (\n  SELECT ^PARSE_TIMESTAMP('%Y', ip) AS ts FROM community_metrics\n)\n"
            "SELECT MAX(ts) AS m FROM t",
            "PARSE_TIMESTAMP",
        ),
        ("SELECT (SELECT MAX(^CAST(ip AS INT64))) AS m\nFROM community_metrics", "CAST"),
        (
            "SELECT m.slug FROM community_metrics, UNNEST(modules) AS m\n"
            "WHERE ^CAST(m.slug AS INT64) > 0",
            "CAST",
        ),
        # the GROUP BY occurrence is the one evaluated; an alias in GROUP BY is the select's
        (
            "SELECT DATE(message_id) AS d, COUNT(*) AS n\nFROM community_metrics\n"
            "GROUP BY ^DATE(message_id)",
            "DATE",
        ),
        (
            "SELECT ^DATE(message_id) AS d, COUNT(*) AS n FROM community_metrics GROUP BY d",
            "DATE",
        ),
        # an aggregate inside the failing call (DuckDB's TRY cannot hold it)
        (
            "SELECT site_id,\n  SUM(LENGTH(ip)) ^/ COUNTIF(FALSE) AS r\nFROM community_metrics\n"
            "GROUP BY site_id",
            "/",
        ),
        # two calls fail: the first written is named
        (
            "SELECT ^CAST(version AS INT64) AS v, CAST(ip AS INT64) AS i FROM community_metrics",
            "CAST",
        ),
        (
            "SELECT SAFE_CAST(version AS INT64) AS v, ^CAST(ip AS INT64) AS i "
            "FROM community_metrics",
            "CAST",
        ),
        (
            "WITH t AS (SELECT ^CAST(ip AS INT64) AS i, ip FROM community_metrics)\n"
            "SELECT PARSE_JSON(ip) AS j, i FROM t",
            "CAST",
        ),
        # after non-ASCII text and CRLF line ends
        (
            "-- ünïcödé ✓\r\nSELECT 'é' AS e,\r\n  ^PARSE_JSON(ip) AS j FROM community_metrics",
            "PARSE_JSON",
        ),
        # with a query parameter
        ("SELECT ^CAST(CONCAT(ip, @suffix) AS INT64) AS i FROM community_metrics", "CAST"),
    ],
)
def test_the_call_is_found_in_every_clause(bench, values: list[str], sql: str, name: str) -> None:
    sql, line, column = marked(sql)
    with pytest.raises(UserError) as info:
        bench.engine.run(sql, {"suffix": "x"} if "@suffix" in sql else None)
    error = info.value
    assert (error.line, error.column, error.construct) == (line, column, name), str(error)
    assert not leaked(str(error), values)


@pytest.mark.parametrize(
    ("sql", "line"),
    [
        # the failure is in no call: an implicit conversion of DuckDB's in a comparison
        (
            "-- header\nSELECT COUNT(*) AS n\nFROM community_metrics\nWHERE ip = DATE '2026-01-01'",
            2,
        ),
        # the failing call holds an aggregate, and its failure is DuckDB's own (an overflow)
        (
            "\n\nSELECT CAST(SUM(LENGTH(ip)) * 9223372036854775807 AS STRING) AS s\n"
            "FROM community_metrics",
            3,
        ),
    ],
)
def test_an_undecided_failure_names_its_kind_and_the_statement_line_only(
    bench, values: list[str], sql: str, line: int
) -> None:
    with pytest.raises(UserError) as info:
        bench.engine.run(sql)
    error = info.value
    assert (error.line, error.column, error.construct) == (line, None, None), str(error)
    assert str(error).startswith(f"query: line {line}: ")
    assert "not shown" in str(error) and not leaked(str(error), values)


# -- the probes -------------------------------------------------------------------------------


def test_probes_are_few_and_run_on_the_sandboxed_connection(bench, monkeypatch) -> None:
    """About log2(calls) probes, after the query and the probe with every call safe, and one
    with the call found alone unsafe; each through the engine's one way of running SQL (the
    locked connection, the time limit)."""
    sql = (
        "SELECT LOWER(ip) AS a, UPPER(ip) AS b, CONCAT(ip, 'x') AS c, LENGTH(ip) + 1 AS d, "
        "SUBSTR(ip, 2) AS e, TRIM(ip) AS f, REPLACE(ip, '.', ',') AS g, "
        "CAST(LENGTH(ip) AS STRING) AS h, PARSE_TIMESTAMP('%Y', ip) AS i, "
        "SPLIT(ip, '.')[SAFE_OFFSET(1)] AS j, ABS(LENGTH(ip)) AS k FROM community_metrics"
    )
    calls = failing_calls(parse(sql), sql)
    assert len(calls) > 10
    engine = bench.engine
    runs: list[str] = []
    real = engine._execute

    def counted(duckdb_sql: str, bound: dict, deadline: float, fetch=None):
        runs.append(duckdb_sql)
        return real(duckdb_sql, bound, deadline, fetch)

    monkeypatch.setattr(engine, "_execute", counted)
    with pytest.raises(UserError) as info:
        bench.engine.run(sql)
    assert info.value.construct == "PARSE_TIMESTAMP"
    assert 2 < len(runs) <= 3 + math.ceil(math.log2(len(calls)))
    assert all("TRY(" in probe for probe in runs[1:])
    conn = engine.connection
    assert conn.execute("SELECT current_setting('enable_external_access')").fetchone() == (False,)


@pytest.mark.parametrize(
    "outcome",
    [
        duckdb.InterruptException("interrupted"),
        TimeoutError(),
        duckdb.BinderException("Binder Error: something else"),
        duckdb.OutOfMemoryException("out of memory"),
    ],
)
def test_a_probe_that_fails_otherwise_decides_nothing(outcome: BaseException) -> None:
    sql = "SELECT CAST(x AS INT64) AS i, PARSE_JSON(x) AS j FROM UNNEST(['a']) AS x"
    tr = translate(sql, Context())
    error = duckdb.InvalidInputException("Invalid Input Error: bad int64 value")
    probes: list[str] = []

    def execute(duckdb_sql: str) -> BaseException | None:
        probes.append(duckdb_sql)
        return outcome

    assert locate(tr, error, "query", Context(), execute) is None
    assert len(probes) == 1  # the probe with every call safe: it did not succeed


@pytest.mark.parametrize("alone_fails", [True, False])
def test_the_call_found_must_fail_alone_too(alone_fails: bool) -> None:
    """Rows that differ from run to run could make a boundary between two probes: the call
    found must also fail with every other call safe, or nothing is decided."""
    sql = "SELECT CAST(x AS INT64) AS a, CAST(x AS DATE) AS b, PARSE_JSON(x) AS c FROM UNNEST(['a']) AS x"
    assert [c.name for c in failing_calls(parse(sql), sql)] == ["CAST", "CAST", "PARSE_JSON"]
    tr = translate(sql, Context())
    failure = duckdb.ConversionException("Conversion Error: not shown")
    # probes: every call safe; b and c safe; c safe (b found); every call but b safe
    outcomes = iter([None, None, failure, failure if alone_fails else None])
    found = locate(tr, failure, "query", Context(), lambda duckdb_sql: next(outcomes))
    assert next(outcomes, "all used") == "all used"
    if alone_fails:
        assert found is not None and (found.call.line, found.call.column) == (1, 31)
    else:
        assert found is None


def test_without_a_data_error_nothing_is_probed() -> None:
    sql = "SELECT CAST(x AS INT64) AS i FROM UNNEST(['a']) AS x"
    tr = translate(sql, Context())
    probes: list[str] = []
    error = duckdb.BinderException("Binder Error: no")
    assert locate(tr, error, "query", Context(), lambda s: probes.append(s)) is None
    assert probes == []


def test_a_recursive_query_is_not_probed() -> None:
    """A probe's SAFE call gives NULL where the query failed, and a recursive CTE can then
    recur until the time limit (NULL * 2 is NULL again): nothing is probed."""
    sql = (
        "WITH RECURSIVE t AS (SELECT 1 AS n UNION ALL SELECT CAST(n * 2 AS INT64) FROM t) "
        "SELECT MAX(n) FROM t"
    )
    tr = translate(sql, Context())
    probes: list[str] = []
    error = duckdb.OutOfRangeException("Out of Range Error: Overflow in multiplication")
    assert locate(tr, error, "query", Context(), lambda s: probes.append(s)) is None
    assert probes == []


# -- on the command line -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "name"),
    [
        # the examples, and a subscript
        ("SELECT\n  site_id,\n  ^PARSE_JSON(ip) AS j\nFROM community_metrics", "PARSE_JSON"),
        ("SELECT\n  ^CAST(message_id AS DATE) AS d\nFROM community_metrics", "CAST"),
        ("SELECT site_id,\n  ^PARSE_TIMESTAMP('%Y', ip) AS t\nFROM community_metrics", "PARSE_"),
        ("SELECT 1 AS a,\n  [1, 2][^OFFSET(LENGTH(ip))] AS o\nFROM community_metrics", "OFFSET"),
    ],
)
def test_the_command_prints_one_line_with_the_place(
    tmp_path: Path, small_data: Path, values: list[str], sql: str, name: str
) -> None:
    sql, line, column = marked(sql)
    query = tmp_path / "query.sql"
    query.write_text(sql + "\n")
    proc = workbench("run", str(query), db=small_data, timeout=120)
    one_error(proc, f"{query}:{line}:{column}: {name}", NOT_SHOWN)
    assert not leaked(proc.stderr, values), proc.stderr


# -- in the project's own queries -----------------------------------------------------------------

FAILING = "PARSE_JSON(CONCAT('{', CAST({table}.timestamp AS STRING))) IS NOT NULL"


# sqlglot cannot write WITH DIFFERENTIAL_PRIVACY back (the workbench reads it from the tokens),
# so a DP query gets its failing call written into its text instead (the test after this one)
PLAIN_QUERIES = [
    p
    for p in sorted((ROOT / "queries").rglob("*.sql"))
    if "DIFFERENTIAL_PRIVACY" not in p.read_text()
]


@pytest.mark.parametrize("path", PLAIN_QUERIES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_a_failing_call_added_to_a_project_query_is_located(bench, values: list[str], path: Path):
    """Each query of queries/ (CTEs, UNNEST, windows, GROUP BY, HAVING) with a call that fails
    on every row added to each SELECT that reads a source table."""
    import sqlglot
    from sqlglot import exp

    tree = sqlglot.parse_one(path.read_text(), read="bigquery")
    context = bench.engine.context()
    targets = [
        (select, table)
        for select in tree.find_all(exp.Select)
        for table in select.find_all(exp.Table)
        if table.find_ancestor(exp.Select) is select and context.lookup(table_name(table))
    ]
    assert targets
    for select, table in targets:
        changed = tree.copy()
        where = next(s for s in changed.find_all(exp.Select) if s == select)
        condition = FAILING.replace("{table}", table.alias_or_name)
        where.where(sqlglot.parse_one(condition, read="bigquery"), copy=False)
        sql = changed.sql(dialect="bigquery", pretty=True)
        at = sql.index("PARSE_JSON(")
        line, column = sql.count("\n", 0, at) + 1, at - sql.rfind("\n", 0, at)
        with pytest.raises(UserError) as info:
            bench.engine.run(sql)
        error = info.value
        assert (error.line, error.column, error.construct) == (line, column, "PARSE_JSON"), str(
            error
        )
        assert not leaked(str(error), values)


def table_name(table) -> str:
    return ".".join(part.name for part in table.parts)


def test_a_failing_call_in_a_differentially_private_query_is_located(bench, values: list[str]):
    """The DP plan (per unit, bounded, per group, noised) is four SELECTs deep; the failing
    call is still found where the user wrote it."""
    sql = (
        "SELECT WITH DIFFERENTIAL_PRIVACY\n"
        "    OPTIONS (epsilon = 4, delta = 1e-5, privacy_unit_column = site_id)\n"
        "  modules.slug,\n"
        "  COUNT(*, contribution_bounds_per_group => (0, 1)) AS sites\n"
        "FROM community_metrics AS t, UNNEST(modules) AS modules\n"
        f"WHERE {FAILING.replace('{table}', 't')}\n"
        "GROUP BY modules.slug"
    )
    with pytest.raises(UserError) as info:
        bench.engine.run(sql)
    error = info.value
    assert (error.line, error.column, error.construct) == (6, 7, "PARSE_JSON"), str(error)
    assert not leaked(str(error), values)


def test_a_scalar_subquery_of_two_rows_is_bigquerys_error() -> None:
    """expression_subqueries: more than one row fails the query; DuckDB's constant sentence
    becomes BigQuery's (it was "a function failed on a value of the data")."""
    from workbench.engines.errors import describe, engine_constant

    con = duckdb.connect()
    with pytest.raises(duckdb.Error) as caught:
        con.sql("SELECT (SELECT x FROM unnest([1, 2]) t(x))").fetchall()
    assert engine_constant(caught.value) == "Scalar subquery produced more than one element"
    assert describe(caught.value) == "Scalar subquery produced more than one element"
    assert engine_constant(duckdb.InvalidInputException("Invalid Input Error: other")) is None
