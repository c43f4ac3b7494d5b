"""Round 4 of the oracle's templates: functions the earlier rounds left out (issue 15).

Hyperbolic and reciprocal trigonometric functions, function aliases, REGEXP_REPLACE with
back references, OCTET_LENGTH, week parts with a start day, civil-time differences and
INTERVAL values (their parts and their text), the zone elements of FORMAT_TIMESTAMP,
NUMERIC GENERATE_ARRAY, BYTES bit operators with NULL and huge counts, TIME arithmetic
with huge counts, and FLOAT64 aggregates of values near the ends of the double range.
"""

from __future__ import annotations

from tests.workbench.conformance.oracle.templates import Template


def _t(family: str, name: str, form: str, *kinds: str) -> Template:
    return Template(family, name, form, kinds)


ROUND4_EDGES: dict[str, tuple[str, ...]] = {
    "trigarg": (
        "0.0",
        "-0.0",
        "0.5",
        "1.0",
        "-1.0",
        "2.0",
        "710.0",
        "-1000.0",
        "5e-324",
        "1e308",
        "CAST('inf' AS FLOAT64)",
        "CAST('-inf' AS FLOAT64)",
        "CAST('NaN' AS FLOAT64)",
        "CAST(NULL AS FLOAT64)",
    ),
    "hugeint": (
        "0",
        "1",
        "-1",
        "86400",
        "9223372036854775807",
        "-9223372036854775807 - 1",
        "4611686018427387904",
        "CAST(NULL AS INT64)",
    ),
    "weekday": ("SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"),
    "intervalpart": ("YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND"),
    "intervalfield": ("YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND", "MILLISECOND"),
    "zonefmt": ("'%z'", "'%Ez'", "'%Z'", "'%c %Z'", "'%F %T %z'", "'%Z|%Ez'"),
    "backref": ("'\\\\1'", "'[\\\\0]'", "'x\\\\1y'", "'-'", "''"),
    "bigfloatarray": (
        "[1e308, 1e308]",
        "[1e308, -1e308, 0.0]",
        "[1e154, -1e154, 0.0]",
        "[1.7976931348623157e308, 2.0]",
        "[1e-300, 2e-300, 4e-300]",
        "[-1e308, -1e308, 1.0]",
        "[1e308, 9e307]",
        "[1e308, CAST(NULL AS FLOAT64), -1e308]",
    ),
    "numericbound": (
        "NUMERIC '0'",
        "NUMERIC '1.5'",
        "NUMERIC '-2.5'",
        "NUMERIC '0.3'",
        "1",
        "3",
        "CAST(NULL AS NUMERIC)",
    ),
    "numericstep": ("NUMERIC '0.3'", "NUMERIC '-0.5'", "1", "0.5", "NUMERIC '0'", "-1"),
    "b64spaced": ("'YW Jj'", "' YWI= '", "'YQ=\\n='", "'\\tYQ'", "'Y Q = ='", "'  '", "'YWJj YQ'"),
}

ROUND4_TEMPLATES: list[Template] = [
    # trigonometric and hyperbolic functions
    *(
        _t("math4", f, f"{f}({{0}})", "trigarg")
        for f in (
            "SIN",
            "TAN",
            "SINH",
            "COSH",
            "ASINH",
            "ACOSH",
            "ATANH",
            "SEC",
            "CSC",
            "SECH",
            "CSCH",
            "COTH",
        )
    ),
    _t("math4", "POWER", "POWER({0}, {1})", "float", "smallint"),
    _t("math4", "CEILING", "CEILING({0})", "float"),
    _t("math4", "LOG", "LOG({0}, {1})", "trigarg", "trigarg"),
    _t("math4", "ROUND", "ROUND({0}, {1})", "numeric", "smallint"),
    # strings
    _t("strings4", "OCTET_LENGTH", "OCTET_LENGTH({0})", "string"),
    _t("strings4", "OCTET_LENGTH", "OCTET_LENGTH({0})", "bytes"),
    _t("strings4", "SUBSTRING", "SUBSTRING({0}, {1}, {2})", "string", "smallint", "smallint"),
    _t("strings4", "NORMALIZE_AND_CASEFOLD", "NORMALIZE_AND_CASEFOLD({0})", "string"),
    _t("strings4", "REGEXP_REPLACE", "REGEXP_REPLACE({0}, '(b)', {1})", "string", "backref"),
    _t("strings4", "REGEXP_REPLACE", "REGEXP_REPLACE({0}, {1}, '<\\\\0>')", "string", "pattern"),
    _t("strings4", "REGEXP_EXTRACT", "REGEXP_EXTRACT({0}, {1}, {2}, {3})", "string", "pattern", "smallint", "smallint"),
    _t("strings4", "FROM_BASE64", "FROM_BASE64({0})", "b64spaced"),
    _t("strings4", "RIGHT", "RIGHT({0}, {1})", "bytes", "hugeint"),
    _t("strings4", "LEFT", "LEFT({0}, {1})", "bytes", "hugeint"),
    # week parts with a start day
    _t("dates4", "EXTRACT WEEK", "EXTRACT(WEEK({1}) FROM {0})", "date", "weekday"),
    _t("dates4", "DATE_TRUNC WEEK", "DATE_TRUNC({0}, WEEK({1}))", "date", "weekday"),
    _t("dates4", "DATE_DIFF WEEK", "DATE_DIFF({0}, {1}, WEEK({2}))", "date", "date", "weekday"),
    _t("dates4", "TIMESTAMP_TRUNC WEEK", "TIMESTAMP_TRUNC({0}, WEEK({1}))", "timestamp", "weekday"),
    _t("dates4", "DATETIME_TRUNC WEEK", "DATETIME_TRUNC({0}, WEEK({1}))", "datetime", "weekday"),
    _t(
        "dates4",
        "GENERATE_TIMESTAMP_ARRAY",
        "GENERATE_TIMESTAMP_ARRAY({0}, TIMESTAMP_ADD({0}, INTERVAL 3 HOUR), INTERVAL {1} HOUR)",
        "timestamp",
        "smallint",
    ),
    _t("dates4", "DATE(datetime)", "DATE({0})", "datetime"),
    _t("dates4", "TIME(datetime)", "TIME({0})", "datetime"),
    _t("dates4", "DATETIME(date)", "DATETIME({0})", "date"),
    _t("dates4", "TIME_ADD", "TIME_ADD({0}, INTERVAL {1} {2})", "time", "hugeint", "timepart"),
    _t("dates4", "TIME_SUB", "TIME_SUB({0}, INTERVAL {1} {2})", "time", "hugeint", "timepart"),
    # civil-time differences and INTERVAL values
    _t("intervals", "DATE - DATE", "CAST({0} - {1} AS STRING)", "date", "date"),
    _t("intervals", "DATETIME - DATETIME", "CAST({0} - {1} AS STRING)", "datetime", "datetime"),
    _t("intervals", "TIMESTAMP - TIMESTAMP", "CAST({0} - {1} AS STRING)", "timestamp", "timestamp"),
    _t("intervals", "TIME - TIME", "CAST({0} - {1} AS STRING)", "time", "time"),
    _t("intervals", "EXTRACT(INTERVAL)", "EXTRACT({2} FROM {0} - {1})", "timestamp", "timestamp", "intervalfield"),
    _t("intervals", "EXTRACT(INTERVAL)", "EXTRACT({2} FROM {0} - {1})", "date", "date", "intervalfield"),
    _t("intervals", "INTERVAL text", "CAST(INTERVAL {0} {1} AS STRING)", "smallint", "intervalpart"),
    _t("intervals", "MAKE_INTERVAL", "CAST(MAKE_INTERVAL({0}, {1}, {2}) AS STRING)", "smallint", "smallint", "smallint"),
    _t("intervals", "EXTRACT(MAKE_INTERVAL)", "EXTRACT({3} FROM MAKE_INTERVAL({0}, {1}, {2}, 4, 5, 6))", "smallint", "smallint", "smallint", "intervalfield"),
    # zone elements
    _t("formats4", "FORMAT_TIMESTAMP zone", "FORMAT_TIMESTAMP({0}, {1}, {2})", "zonefmt", "timestamp", "zone"),
    _t("formats4", "FORMAT_TIMESTAMP", "FORMAT_TIMESTAMP({0}, {1})", "zonefmt", "timestamp"),
    _t("formats4", "FORMAT_DATETIME", "FORMAT_DATETIME({0}, {1})", "zonefmt", "datetime"),
    _t("formats4", "FORMAT %f", "FORMAT({0}, {1})", "fmtfloat", "trigarg"),
    # NUMERIC GENERATE_ARRAY
    _t("numeric4", "GENERATE_ARRAY", "GENERATE_ARRAY({0}, {1}, {2})", "numericbound", "numericbound", "numericstep"),
    _t("numeric4", "GENERATE_ARRAY", "GENERATE_ARRAY({0}, NUMERIC '2.5')", "numericbound"),
    # BYTES bit operators
    _t("bytes4", "bytes <<", "{0} << {1}", "bytes", "hugeint"),
    _t("bytes4", "bytes >>", "{0} >> {1}", "bytes", "hugeint"),
    _t("bytes4", "bytes |", "{0} | {0}", "bytes"),
    _t("bytes4", "bytes ^", "{0} ^ {1}", "bytes", "bytes"),
    _t("bytes4", "bytes ~", "~{0}", "bytes"),
    # FLOAT64 aggregates near the ends of the range
    *(
        _t("aggregates4", f, f"(SELECT {f}(x) FROM UNNEST({{0}}) AS x)", "bigfloatarray")
        for f in ("SUM", "AVG", "VAR_POP", "VAR_SAMP", "STDDEV_POP", "STDDEV_SAMP")
    ),
    *(
        _t(
            "aggregates4",
            f,
            f"(SELECT {f}(x, y) FROM UNNEST({{0}}) AS x WITH OFFSET i "
            f"JOIN UNNEST({{1}}) AS y WITH OFFSET j ON i = j)",
            "bigfloatarray",
            "pairarray",
        )
        for f in ("CORR", "COVAR_POP", "COVAR_SAMP")
    ),
    _t(
        "aggregates4",
        "AVG window",
        "(SELECT ARRAY_AGG(a ORDER BY o) FROM (SELECT AVG(x) OVER (ORDER BY o ROWS BETWEEN 1 "
        "PRECEDING AND CURRENT ROW) AS a, o FROM UNNEST({0}) AS x WITH OFFSET o))",
        "bigfloatarray",
    ),
]
