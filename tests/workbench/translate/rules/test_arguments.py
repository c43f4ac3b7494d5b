"""SAFE. covers its call only; argument errors; nested rewrites keep their inner checks;
functions DuckDB lacks are refused by the name written (issue 15)."""

from __future__ import annotations

import logging
import re

import duckdb
import pytest
import sqlglot
from sqlglot import exp
from sqlglot.dialects.bigquery import BigQuery

from wbcore.errors import UnsupportedError, UserError
from workbench.translate import Context, translate
from workbench.translate.rules import refusals


def fails(check, sql: str, text: str = "") -> str:
    with pytest.raises(UserError) as info:
        check.value(sql)
    assert not isinstance(info.value, UnsupportedError), str(info.value)
    assert text in str(info.value)
    return str(info.value)


# -- SAFE. covers the call, not its arguments --------------------------------------------------


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT SAFE.SUBSTR('abc', CAST('x' AS INT64))",
        "SELECT SAFE.SQRT(1 / 0)",
        "SELECT SAFE.LEFT(REPEAT('a', -1), 1)",
        "SELECT SAFE.ABS(SQRT(-1))",
        "SELECT SAFE.CONCAT('a', [1][OFFSET(3)] || '')",
    ],
)
def test_an_argument_error_is_not_made_null(check, sql: str) -> None:
    fails(check, sql)


def test_the_call_own_error_still_is_null(check) -> None:
    assert check.value("SELECT SAFE.SQRT(-1)") is None
    assert check.value("SELECT SAFE.SUBSTR('abc', 1, -1)") is None
    assert check.value("SELECT SAFE.SQRT(1 - 2)") is None  # an argument that does not fail
    assert check.value("SELECT SAFE.ABS(SAFE.SQRT(-1))") is None  # inner SAFE: NULL
    assert check.value("SELECT SAFE.LEFT('abc', 2)") == "ab"


def test_safe_of_an_aggregate_is_no_binder_error(check) -> None:
    # DuckDB's TRY takes no aggregate: the translation's own checks become NULL instead
    assert check.value("SELECT SAFE.SQRT(SUM(x)) FROM UNNEST([-1, -2]) AS x") is None
    assert check.value("SELECT SAFE.SQRT(SUM(x)) FROM UNNEST([4, 5]) AS x") == 3.0


def test_the_guard_is_only_for_arguments_that_can_fail(check) -> None:
    assert "HASH(" not in check.sql("SELECT SAFE.SQRT(-1)")
    assert "HASH(" not in check.sql("SELECT SAFE.SUBSTR('abc', 1, 2)")
    assert "HASH(" in check.sql("SELECT SAFE.SQRT(1 / 0)")
    assert "safe-arguments" in check.rules("SELECT SAFE.SQRT(1 / 0)")


# -- nested rewrites keep the inner checks ----------------------------------------------------


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT 1 / (1 / 0)",
        "SELECT SQRT(LN(-1))",
        "SELECT [1][OFFSET([1][OFFSET(5)])]",
        "SELECT SUBSTR(SUBSTR('abc', 1, -1), 1)",
        "SELECT DIV(1, DIV(1, 0))",
        "SELECT MOD(5, MOD(5, 0))",
        "SELECT LEFT(LEFT('abc', -1), 1)",
        "SELECT ABS(SQRT(SQRT(-1)))",
    ],
)
def test_an_inner_check_survives_the_outer_rewrite(check, sql: str) -> None:
    fails(check, sql)


def test_outer_rewrites_keep_reading_the_inner_type(check) -> None:
    # the inner division's replacement keeps NUMERIC: the outer division stays NUMERIC
    assert check.type("SELECT CAST(1 AS NUMERIC) / 2 / 4") == check.type(
        "SELECT CAST(1 AS NUMERIC) / 8"
    )
    assert check.value("SELECT 1 / (1 / 4)") == 4.0


# -- argument errors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "text"),
    [
        ("SELECT LEFT('abc', -1)", "the length must not be negative"),
        ("SELECT RIGHT('abc', -1)", "the length must not be negative"),
        ("SELECT REPEAT('abc', -1)", "the repetitions must not be negative"),
        ("SELECT LPAD('abc', -1)", "the return length must not be negative"),
        ("SELECT RPAD('abc', 5, '')", "the pattern must not be empty"),
        ("SELECT GENERATE_ARRAY(1, 5, 0)", "the step must not be 0"),
        ("SELECT GENERATE_DATE_ARRAY('2020-01-01', '2020-02-01', INTERVAL 0 DAY)", "step"),
        (
            "SELECT GENERATE_TIMESTAMP_ARRAY('2020-01-01', '2020-01-02', INTERVAL 0 HOUR)",
            "step",
        ),
        ("SELECT REGEXP_INSTR('abc', 'b', 0)", ""),
        ("SELECT REGEXP_INSTR('abc', 'b', 1, 0)", ""),
        ("SELECT REGEXP_INSTR('abc', 'b', 1, 1, 2)", ""),
    ],
)
def test_documented_argument_errors_are_raised(check, sql: str, text: str) -> None:
    fails(check, sql, text)
    safe = sql.replace("SELECT ", "SELECT SAFE.", 1)
    assert check.value(safe) in (None, [])  # NULL (a NULL array shows as [])


def test_valid_arguments_still_give_the_value(check) -> None:
    assert check.value("SELECT LEFT('banana', 0)") == ""
    assert check.value("SELECT REPEAT('ab', 0)") == ""
    assert check.value("SELECT LPAD('abc', CAST(5 AS INT64), 'x')") == "xxabc"
    assert check.value("SELECT REGEXP_INSTR('ab@cd', '@')") == 3
    assert check.type("SELECT REGEXP_INSTR('ab@cd', '@')") == "INT64"


def test_instr_counts_overlapping_occurrences_and_searches_back(check) -> None:
    # sqlglot's DuckDB form dropped the occurrence and searched forwards from -1
    assert check.value("SELECT INSTR('banana', 'an', 1, 2)") == 4
    assert check.value("SELECT INSTR('helloooo', 'oo', 1, 2)") == 6
    assert check.value("SELECT INSTR('banana', 'an', -1, 1)") == 4
    assert check.value("SELECT INSTR('banana', 'an', 3)") == 4
    fails(check, "SELECT INSTR('banana', 'an', 0)")
    assert check.value("SELECT INSTR(b'banana', b'an', 1, 2)") == 4


def test_generate_array_of_bignumeric_is_refused(check) -> None:
    with pytest.raises(UnsupportedError, match="BIGNUMERIC"):
        check.sql("SELECT GENERATE_ARRAY(CAST(1 AS BIGNUMERIC), 2, 1)")


def test_regexp_extract_arguments_and_groups(check) -> None:
    fails(check, "SELECT REGEXP_EXTRACT('abc', 'b', 0)", "the position must be > 0")
    fails(check, "SELECT REGEXP_EXTRACT('abc', '(a)(b)')")
    assert check.value("SELECT REGEXP_EXTRACT('ab', '(.)b')") == "a"


def test_regexp_instr_of_empty_text_is_zero_before_the_group_check(check) -> None:
    # string_functions#regexp_instr: more than one capturing group is an error; GoogleSQL's
    # reference evaluator (zetasql 0.1.5) returns 0 for '' before it checks the groups
    assert check.value("SELECT REGEXP_INSTR('', '(a)|(b)')") == 0
    assert check.value("SELECT REGEXP_INSTR(CAST(NULL AS STRING), '(a)|(b)')") is None
    fails(check, "SELECT REGEXP_INSTR('x', '(a)|(b)')", "more than one capturing group")


# -- refusals name the function as written ----------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "name"),
    [
        ("SELECT FARM_FINGERPRINT('a')", "FARM_FINGERPRINT"),
        ("SELECT FLOAT64(JSON '1.5')", "FLOAT64"),
        ("SELECT BOOL(JSON 'true')", "BOOL"),
        ("SELECT STRING(JSON '\"a\"')", "STRING"),
        ("SELECT LAX_INT64(JSON '1')", "LAX_INT64"),
        ("SELECT PARSE_NUMERIC('1.5')", "PARSE_NUMERIC"),
        ("SELECT HLL_COUNT.MERGE(x) FROM UNNEST([b'a']) AS x", "HLL_COUNT.MERGE"),
        ("SELECT KEYS.NEW_KEYSET('AEAD_AES_GCM_256')", "KEYS.NEW_KEYSET"),
    ],
)
def test_refusal_names_the_function_as_written(sql: str, name: str) -> None:
    if name == "HLL_COUNT.MERGE":
        try:  # HLL_COUNT may be translated by now: then it is no refusal at all
            translate(sql, Context())
            return
        except UnsupportedError as exc:
            assert exc.construct == f"function {name}"
            return
    with pytest.raises(UnsupportedError) as info:
        translate(sql, Context())
    assert info.value.construct == f"function {name}"


# The sqlglot expressions a workbench rule rewrites before DuckDB sees them.
TRANSLATED = {
    "ApproxQuantiles",
    "ApproxTopSum",
    "ArrayFirst",
    "ArrayLast",
    "CodePointsToString",
    "ToCodePoints",
    "Soundex",
    "CurrentDatetime",
    "RangeBucket",
    "SafeAdd",
    "SafeMultiply",
    "SafeNegate",
    "SafeSubtract",
    "TimeTrunc",
}
# What BigQuery's parser in sqlglot takes from other dialects; no BigQuery function has
# these names, so BigQuery itself rejects them.
NOT_BIGQUERY = re.compile(
    r"^(AI|Approx(Percentile|TopK)|Bitmap|CheckXml|ConnectBy|Current(?!Datetime)|Dynamic|"
    r"FromBase$|Get|JSONB|JSONCast|Object(Id|Transform)|OpenJSON|Posexplode|RangeN|"
    r"ScopeResolution|SearchIp|Secret|Soundex.|Split|StarMap|Strtok.|ToDecfloat|TryTo|"
    r"ToFile|WeightString|XML|_|Agg$)"
)


def _missing_in_duckdb() -> set[str]:
    """sqlglot expressions BigQuery SQL parses into that DuckDB has no function for."""
    con = duckdb.connect()
    con.sql("CREATE TABLE t (x VARCHAR, y VARCHAR, z VARCHAR)")
    found: set[str] = set()
    logging.disable(logging.CRITICAL)
    try:
        for name in sorted(BigQuery.Parser.FUNCTIONS):
            for args in ("x", "x, y", "x, y, z", ""):
                try:
                    tree = sqlglot.parse_one(f"SELECT {name}({args}) FROM t", read="bigquery")
                    node = tree.expressions[0]
                    if isinstance(node, exp.Anonymous):
                        break
                    con.sql(tree.sql("duckdb")).fetchall()
                    break
                except duckdb.CatalogException as error:
                    if "does not exist" in str(error):
                        found.add(type(node).__name__)
                        break
                except Exception:  # other arguments, or a type error: try the next shape
                    continue
    finally:
        logging.disable(logging.NOTSET)
        con.close()
    return found


def test_every_function_duckdb_lacks_is_refused_or_translated() -> None:
    refused = {k.__name__ for k in refusals.NO_DUCKDB_FUNCTION}
    missing = {n for n in _missing_in_duckdb() if n not in TRANSLATED and not NOT_BIGQUERY.match(n)}
    assert missing <= refused, sorted(missing - refused)


def test_a_step_by_a_date_part_the_function_does_not_take_is_an_error(check) -> None:
    # DuckDB stepped GENERATE_DATE_ARRAY by 12 hours (repeated dates); BigQuery rejects it
    with pytest.raises(UserError, match="the date part must be one of DAY, WEEK"):
        check.sql("SELECT GENERATE_DATE_ARRAY('2020-01-01', '2020-01-02', INTERVAL 12 HOUR)")
    with pytest.raises(UserError, match="not MONTH"):
        check.sql(
            "SELECT GENERATE_TIMESTAMP_ARRAY(TIMESTAMP '2020-01-01', TIMESTAMP '2020-03-01', "
            "INTERVAL 1 MONTH)"
        )
    assert (
        len(
            check.value(
                "SELECT GENERATE_DATE_ARRAY('2020-01-01', '2020-06-02', INTERVAL 1 QUARTER)"
            )
        )
        == 2
    )


def test_a_null_argument_is_null_before_the_checks(check) -> None:
    """A NULL argument makes the call NULL (string functions: "returns NULL if any input is
    NULL", https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#lpad);
    GoogleSQL's reference evaluator returns NULL for LPAD('abc', NULL, '') and
    LEFT(NULL, -1) rather than raising for the other argument. Found by the zetasql oracle."""
    assert check.value("SELECT LPAD('abc', CAST(NULL AS INT64), '')") is None
    assert check.value("SELECT RPAD(CAST(NULL AS STRING), -1)") is None
    assert check.value("SELECT LEFT(CAST(NULL AS STRING), -1)") is None
    assert check.value("SELECT REPEAT(CAST(NULL AS STRING), -1)") is None
    with pytest.raises(UserError, match="must not be negative"):
        check.value("SELECT LEFT('abc', -1)")
    with pytest.raises(UserError, match="pattern must not be empty"):
        check.value("SELECT LPAD('abc', 5, '')")


# -- SAFE. of an aggregate: its arguments' errors still raise, with no Binder Error ------------


def test_safe_aggregate_of_a_risky_argument(check) -> None:
    # GoogleSQL's functions reference, "SAFE. prefix": errors of the arguments are not
    # covered; the row-level guard beside SUM was a raw Binder Error before (issue 15)
    rows = "UNNEST([STRUCT(1.0 AS x, 2.0 AS y, '3' AS s), (3.0, 4.0, '3')])"
    assert check.rows(
        f"SELECT SAFE.SUM(x / y), SAFE.COUNT(DISTINCT CAST(s AS INT64)) FROM {rows}"
    ) == [(1.25, 1)]
    fails(check, "SELECT SAFE.SUM(x / y) FROM UNNEST([STRUCT(1.0 AS x, 0.0 AS y)])", "division")
    fails(check, "SELECT SAFE.SUM(CAST(s AS INT64)) FROM UNNEST(['1', 'x']) s", "INT64")
    assert check.value("SELECT SAFE.COUNT(CAST(s AS INT64)) FROM UNNEST(ARRAY<STRING>[]) s") == 0
    grouped = check.rows(
        "SELECT k, SAFE.SUM(CAST(s AS INT64)) FROM UNNEST([STRUCT(1 AS k, '5' AS s), (1, '6'), "
        "(2, '7')]) GROUP BY k ORDER BY k"
    )
    assert grouped == [(1, 11), (2, 7)]
