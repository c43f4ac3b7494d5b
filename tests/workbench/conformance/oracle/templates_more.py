"""Round 3 of the oracle's templates: families the first templates left out (issue 15).

BYTES functions, LIKE with escapes, IN with NULLs, bit operators, FORMAT specifiers,
date/time parsing and time zones, JSON functions, conditional type coercion, more
aggregates over literal arrays (paired arrays for CORR/COVAR), GROUP BY over NULL/NaN keys
and window functions over a literal array (a subquery the reference evaluator runs).
"""

from __future__ import annotations

from tests.workbench.conformance.oracle.templates import Template


def _t(family: str, name: str, form: str, *kinds: str) -> Template:
    return Template(family, name, form, kinds)


# edge values of the kinds only these templates use (generator.py merges them with EDGES)
MORE_EDGES: dict[str, tuple[str, ...]] = {
    "hextext": ("''", "'0a'", "'ABCDEF'", "'0'", "'xyz'", "'00ff'", "'F'", "CAST(NULL AS STRING)"),
    "b64text": ("''", "'YWJj'", "'YWI='", "'YWI'", "'===='", "'!!'", "'/+8='", "CAST(NULL AS STRING)"),
    "likepattern": (
        "'a%'",
        "'%b%'",
        "'_'",
        "'%'",
        "''",
        "'a\\\\%'",
        "'%\\\\_%'",
        "'é_'",
        "'A%'",
        "'%c'",
        "CAST(NULL AS STRING)",
    ),
    "likestring": ("'abc'", "'a%c'", "'a_b'", "''", "'é€'", "'ABC'", "'%'", "CAST(NULL AS STRING)"),
    "jsontext": (
        "'{\"a\": 1}'",
        "'{\"a\": {\"b\": [1, 2]}}'",
        "'{\"a\": \"x\\\\\"y\"}'",
        "'[1, \"a\", null]'",
        "'{\"a\": null}'",
        "'{\"a\": 1.50}'",
        "'{\"a\": true, \"b\": [\"x\", \"y\"]}'",
        "'not json'",
        "''",
        "'{\"a.b\": 2}'",
        "'{\"é\": \"ü\"}'",
        "'{\"a\": 12345678901234567890}'",
        "CAST(NULL AS STRING)",
    ),
    "jsonpath": (
        "'$'",
        "'$.a'",
        "'$.a.b'",
        "'$.a.b[1]'",
        "'$[1]'",
        "'$.b[0]'",
        "'$.x'",
        "'$.\"a.b\"'",
        "'$.é'",
    ),
    "datetext": (
        "'2024-02-29'",
        "'2024-2-9'",
        "' 2024-02-29 '",
        "'2024-02-30'",
        "'0001-01-01'",
        "'9999-12-31'",
        "'20240229'",
        "'2024/02/29'",
        "'Feb 29 2024'",
        "'02/29/24'",
        "CAST(NULL AS STRING)",
    ),
    "parsedate": ("'%Y-%m-%d'", "'%Y%m%d'", "'%Y/%m/%d'", "'%b %d %Y'", "'%F'", "'%m/%d/%y'"),
    "tstext": (
        "'2024-02-29 12:34:56'",
        "'2024-02-29T12:34:56Z'",
        "'2024-02-29 12:34:56.123456+05:30'",
        "'2024-02-29 12:34:56 America/New_York'",
        "'1970-01-01 00:00:00'",
        "'2024-02-29'",
        "'2024-02-29 24:00:00'",
        "'2024-02-29 12:34:56.1234567'",
        "CAST(NULL AS STRING)",
    ),
    "zone": (
        "'UTC'",
        "'America/Los_Angeles'",
        "'Asia/Kolkata'",
        "'+05:30'",
        "'-08'",
        "'Europe/Berlin'",
        "'Australia/Lord_Howe'",
    ),
    "pairarray": (
        "[1.0, 2.0, 3.0]",
        "[1.0, NULL, 3.0]",
        "[2.0, 2.0, 2.0]",
        "[CAST('NaN' AS FLOAT64), 1.0, 2.0]",
        "[CAST('inf' AS FLOAT64), 1.0, 0.0]",
        "[1.0, 2.0]",
        "[1e308, -1e308, 0.0]",
    ),
    "keyarray": (
        "[1.0, CAST('NaN' AS FLOAT64), NULL, CAST('NaN' AS FLOAT64), 1.0]",
        "[0.0, -0.0, NULL]",
        "[CAST('inf' AS FLOAT64), CAST('-inf' AS FLOAT64), 2.5]",
        "ARRAY<FLOAT64>[]",
    ),
    "windowarray": (
        "[3, 1, 2, 1]",
        "[1, NULL, 3, NULL]",
        "[5]",
        "[2, 2, 2]",
        "[9223372036854775807, 1]",
    ),
    "fmtint": ("'%5d'", "'%-5d|'", "'%05d'", "'%+d'", "'%x'", "'%X'", "'%o'", "'%i'", "'% d'"),
    "fmtfloat": (
        "'%.2f'",
        "'%10.3f'",
        "'%-10.1e|'",
        "'%.0e'",
        "'%g'",
        "'%.3g'",
        "'%G'",
        "'%E'",
        "'%+.1f'",
        "'%#.0f'",
    ),
    "fmtstring": ("'%.2s'", "'%5s|'", "'%-5s|'", "'%t'", "'%T'", "'%s'"),
    "anyvalue": (
        "1",
        "1.5",
        "NUMERIC '1.50'",
        "'a\"b'",
        "b'\\xff'",
        "TRUE",
        "DATE '2024-02-29'",
        "TIMESTAMP '2024-02-29 12:34:56.5+00'",
        "DATETIME '2024-02-29 12:34:56'",
        "TIME '12:34:56'",
        "[1, 2]",
        "STRUCT(1 AS a, 'x' AS b)",
        "CAST('NaN' AS FLOAT64)",
        "CAST(NULL AS INT64)",
        "ARRAY<STRING>[]",
        "1e20",
        "-0.0",
    ),
}

MORE_TEMPLATES: list[Template] = [
    # BYTES
    _t("bytes", "FROM_HEX", "FROM_HEX({0})", "hextext"),
    _t("bytes", "FROM_BASE64", "FROM_BASE64({0})", "b64text"),
    _t("bytes", "TO_BASE64", "TO_BASE64(FROM_HEX({0}))", "hextext"),
    _t("bytes", "TO_HEX", "TO_HEX({0})", "bytes"),
    *(
        _t("bytes", f, f"BYTE_LENGTH({f}({{0}}))", k)
        for f in ("SHA256", "SHA1", "MD5", "SHA512")
        for k in ("string", "bytes")
    ),
    _t("bytes", "SHA256", "TO_HEX(SHA256({0}))", "string"),
    _t("bytes", "MD5", "TO_BASE64(MD5({0}))", "bytes"),
    _t("bytes", "REVERSE", "REVERSE({0})", "bytes"),
    _t("bytes", "LPAD", "LPAD({0}, {1}, {2})", "bytes", "smallint", "bytes"),
    _t("bytes", "LENGTH", "LENGTH({0})", "bytes"),
    _t("bytes", "BIT_COUNT", "BIT_COUNT({0})", "bytes"),
    _t("bytes", "SUBSTR", "SUBSTR({0}, {1})", "bytes", "smallint"),
    _t("bytes", "CAST", "CAST(CAST({0} AS BYTES) AS STRING)", "string"),
    _t("bytes", "CONCAT", "CONCAT({0}, {1}, {2})", "bytes", "bytes", "bytes"),
    _t("bytes", "bytes &", "FROM_HEX({0}) & FROM_HEX({1})", "hextext", "hextext"),
    _t("bytes", "bytes ^", "{0} ^ {1}", "bytes", "bytes"),
    _t("bytes", "bytes ~", "~{0}", "bytes"),
    _t("bytes", "bytes <<", "{0} << {1}", "bytes", "smallint"),
    # LIKE, IN with NULLs, bits
    _t("predicates", "LIKE", "{0} LIKE {1}", "likestring", "likepattern"),
    _t("predicates", "NOT LIKE", "{0} NOT LIKE {1}", "likestring", "likepattern"),
    _t("predicates", "LIKE", "{0} LIKE {1}", "string", "likepattern"),
    _t("predicates", "LIKE bytes", "{0} LIKE b'%a%'", "bytes"),
    _t("predicates", "IN", "{0} IN ({1}, {2}, NULL)", "int", "int", "int"),
    _t("predicates", "NOT IN", "{0} NOT IN ({1}, {2})", "int", "int", "int"),
    _t("predicates", "NOT IN", "{0} NOT IN ({1}, NULL)", "string", "string"),
    _t("predicates", "NOT IN UNNEST", "{0} NOT IN UNNEST({1})", "int", "intarray"),
    _t("predicates", "IN UNNEST", "{0} IN UNNEST({1})", "string", "stringarray"),
    _t("predicates", "IN subquery", "{0} IN (SELECT x FROM UNNEST({1}) AS x)", "int", "intarray"),
    _t("predicates", "EXISTS", "EXISTS(SELECT x FROM UNNEST({0}) AS x WHERE x > {1})", "intarray", "int"),
    _t("predicates", "IS TRUE", "{0} IS TRUE", "bool"),
    _t("predicates", "IS NOT FALSE", "{0} IS NOT FALSE", "bool"),
    _t("predicates", "IS DISTINCT FROM", "{0} IS DISTINCT FROM {1}", "intarray", "intarray"),
    _t("predicates", "BETWEEN", "{0} BETWEEN {1} AND {2}", "string", "string", "string"),
    _t("predicates", "BETWEEN", "{0} NOT BETWEEN {1} AND {2}", "date", "date", "date"),
    _t("bits", "BIT_COUNT", "BIT_COUNT({0})", "int"),
    _t("bits", "~", "~{0}", "int"),
    _t("bits", "|", "{0} | {1}", "int", "int"),
    _t("bits", "^", "{0} ^ {1}", "int", "int"),
    _t("bits", "<<", "{0} << {1}", "int", "int"),
    _t("bits", ">>", "{0} >> {1}", "int", "int"),
    # FORMAT specifiers
    _t("format", "FORMAT int", "FORMAT({0}, {1})", "fmtint", "int"),
    _t("format", "FORMAT float", "FORMAT({0}, {1})", "fmtfloat", "float"),
    _t("format", "FORMAT string", "FORMAT({0}, {1})", "fmtstring", "string"),
    _t("format", "FORMAT %T", "FORMAT('%T', {0})", "anyvalue"),
    _t("format", "FORMAT %t", "FORMAT('%t', {0})", "anyvalue"),
    _t("format", "FORMAT %s", "FORMAT('%s|%d', {0}, {1})", "string", "int"),
    _t("format", "FORMAT numeric", "FORMAT({0}, {1})", "fmtfloat", "numeric"),
    # parsing and time zones
    _t("zones", "PARSE_DATE", "PARSE_DATE({0}, {1})", "parsedate", "datetext"),
    _t("zones", "SAFE.PARSE_DATE", "SAFE.PARSE_DATE({0}, {1})", "parsedate", "datetext"),
    _t("zones", "CAST(AS DATE)", "CAST({0} AS DATE)", "datetext"),
    _t("zones", "PARSE_DATETIME", "PARSE_DATETIME('%Y-%m-%d %H:%M:%S', {0})", "tstext"),
    _t("zones", "PARSE_TIMESTAMP", "PARSE_TIMESTAMP('%Y-%m-%d %H:%M:%S', {0})", "tstext"),
    _t("zones", "PARSE_TIMESTAMP", "PARSE_TIMESTAMP('%Y-%m-%d %H:%M:%S', {0}, {1})", "tstext", "zone"),
    _t("zones", "PARSE_TIME", "PARSE_TIME('%H:%M:%S', {0})", "string"),
    _t("zones", "CAST(AS TIMESTAMP)", "CAST({0} AS TIMESTAMP)", "tstext"),
    _t("zones", "CAST(AS DATETIME)", "CAST({0} AS DATETIME)", "tstext"),
    _t("zones", "TIMESTAMP", "TIMESTAMP({0}, {1})", "tstext", "zone"),
    _t("zones", "TIMESTAMP", "TIMESTAMP({0}, {1})", "datetime", "zone"),
    _t("zones", "DATE", "DATE({0}, {1})", "timestamp", "zone"),
    _t("zones", "DATETIME", "DATETIME({0}, {1})", "timestamp", "zone"),
    _t("zones", "TIME", "TIME({0}, {1})", "timestamp", "zone"),
    _t("zones", "EXTRACT AT TIME ZONE", "EXTRACT(HOUR FROM {0} AT TIME ZONE {1})", "timestamp", "zone"),
    _t("zones", "TIMESTAMP_TRUNC", "TIMESTAMP_TRUNC({0}, DAY, {1})", "timestamp", "zone"),
    _t("zones", "FORMAT_TIMESTAMP", "FORMAT_TIMESTAMP('%F %T %Ez', {0}, {1})", "timestamp", "zone"),
    _t("zones", "STRING", "STRING({0}, {1})", "timestamp", "zone"),
    _t("zones", "FORMAT_DATETIME", "FORMAT_DATETIME({1}, {0})", "datetime", "dateformat"),
    _t("zones", "FORMAT_DATE", "FORMAT_DATE({1}, {0})", "date", "tsformat"),
    _t("zones", "FORMAT_TIME", "FORMAT_TIME({1}, {0})", "time", "tsformat"),
    # date/datetime/timestamp arithmetic for every part
    _t("zones", "DATETIME_DIFF", "DATETIME_DIFF({0}, {1}, {2})", "datetime", "datetime", "datepart"),
    _t("zones", "TIMESTAMP_DIFF", "TIMESTAMP_DIFF({0}, {1}, DAY)", "timestamp", "timestamp"),
    _t("zones", "DATE_DIFF", "DATE_DIFF({0}, {1}, {2})", "date", "date", "truncdatepart"),
    _t("zones", "DATETIME_TRUNC", "DATETIME_TRUNC({0}, {1})", "datetime", "truncdatepart"),
    _t("zones", "DATETIME_ADD", "DATETIME_ADD({0}, INTERVAL {1} {2})", "datetime", "int", "adddatepart"),
    _t("zones", "DATE - DATE", "{0} - {1}", "date", "int"),
    # JSON
    *(
        _t("json", f, f"{f}({{0}}, {{1}})", "jsontext", "jsonpath")
        for f in (
            "JSON_VALUE",
            "JSON_QUERY",
            "JSON_EXTRACT_SCALAR",
            "JSON_EXTRACT",
            "JSON_VALUE_ARRAY",
            "JSON_QUERY_ARRAY",
            "JSON_EXTRACT_ARRAY",
        )
    ),
    _t("json", "JSON_VALUE", "JSON_VALUE({0})", "jsontext"),
    _t("json", "TO_JSON_STRING", "TO_JSON_STRING({0})", "anyvalue"),
    _t("json", "TO_JSON_STRING", "TO_JSON_STRING({0})", "float"),
    _t("json", "TO_JSON_STRING", "TO_JSON_STRING({0})", "string"),
    _t("json", "TO_JSON_STRING", "TO_JSON_STRING({0})", "struct"),
    _t("json", "TO_JSON_STRING", "TO_JSON_STRING({0}, TRUE)", "anyvalue"),
    # conditional type coercion
    _t("coercion", "IF", "IF({0}, {1}, {2})", "bool", "int", "float"),
    _t("coercion", "IF", "IF({0}, {1}, {2})", "bool", "int", "numeric"),
    _t("coercion", "IF", "IF({0}, {1}, {2})", "bool", "date", "date"),
    _t("coercion", "COALESCE", "COALESCE({0}, {1})", "int", "float"),
    _t("coercion", "COALESCE", "COALESCE({0}, {1}, {2})", "numeric", "int", "numeric"),
    _t("coercion", "COALESCE", "COALESCE(NULL, {0})", "bytes"),
    _t("coercion", "CASE", "CASE WHEN {0} THEN {1} ELSE {2} END", "bool", "numeric", "int"),
    _t("coercion", "CASE", "CASE WHEN {0} THEN {1} END", "bool", "float"),
    _t("coercion", "CASE", "CASE {0} WHEN {1} THEN 1 WHEN NULL THEN 2 ELSE 3 END", "int", "int"),
    _t("coercion", "IFNULL", "IFNULL({0}, {1})", "float", "int"),
    _t("coercion", "IFNULL", "IFNULL({0}, {1})", "numeric", "int"),
    _t("coercion", "NULLIF", "NULLIF({0}, {1})", "string", "string"),
    _t("coercion", "NULLIF", "NULLIF({0}, {1})", "numeric", "numeric"),
    _t("coercion", "array literal", "[{0}, {1}]", "int", "float"),
    _t("coercion", "array literal", "[{0}, {1}]", "int", "numeric"),
    _t("coercion", "+", "{0} + {1}", "int", "numeric"),
    _t("coercion", "UNION ALL", "(SELECT ARRAY_AGG(v ORDER BY v) FROM (SELECT {0} AS v UNION ALL SELECT {1}))", "int", "float"),
    # aggregates
    _t("aggregates2", "LOGICAL_OR", "(SELECT LOGICAL_OR(x > {1}) FROM UNNEST({0}) AS x)", "intarray", "int"),
    _t("aggregates2", "BIT_AND", "(SELECT BIT_AND(x) FROM UNNEST({0}) AS x)", "intarray"),
    _t("aggregates2", "BIT_XOR", "(SELECT BIT_XOR(x) FROM UNNEST({0}) AS x)", "intarray"),
    *(
        _t(
            "aggregates2",
            f,
            f"(SELECT {f}(x, y) FROM UNNEST({{0}}) AS x WITH OFFSET i "
            f"JOIN UNNEST({{1}}) AS y WITH OFFSET j ON i = j)",
            "pairarray",
            "pairarray",
        )
        for f in ("CORR", "COVAR_POP", "COVAR_SAMP")
    ),
    _t("aggregates2", "SUM DISTINCT", "(SELECT SUM(DISTINCT x) FROM UNNEST({0}) AS x)", "intarray"),
    _t("aggregates2", "AVG DISTINCT", "(SELECT AVG(DISTINCT x) FROM UNNEST({0}) AS x)", "floatarray"),
    _t("aggregates2", "COUNT(*)", "(SELECT COUNT(*) FROM UNNEST({0}) AS x)", "stringarray"),
    _t("aggregates2", "COUNT DISTINCT", "(SELECT COUNT(DISTINCT x) FROM UNNEST({0}) AS x)", "stringarray"),
    _t("aggregates2", "STRING_AGG DISTINCT", "(SELECT STRING_AGG(DISTINCT x, '|' ORDER BY x) FROM UNNEST({0}) AS x)", "stringarray"),
    _t("aggregates2", "ARRAY_AGG DISTINCT", "(SELECT ARRAY_AGG(DISTINCT x IGNORE NULLS ORDER BY x) FROM UNNEST({0}) AS x)", "floatarray"),
    _t("aggregates2", "ARRAY_CONCAT_AGG", "(SELECT ARRAY_CONCAT_AGG(a) FROM UNNEST([STRUCT({0} AS a), STRUCT({1} AS a)]))", "intarray", "intarray"),
    _t("aggregates2", "APPROX_COUNT_DISTINCT", "(SELECT APPROX_COUNT_DISTINCT(x) FROM UNNEST({0}) AS x)", "intarray"),
    _t("aggregates2", "APPROX_QUANTILES", "(SELECT APPROX_QUANTILES(x, 2) FROM UNNEST({0}) AS x)", "intarray"),
    _t("aggregates2", "APPROX_TOP_COUNT", "(SELECT APPROX_TOP_COUNT(x, 2) FROM UNNEST({0}) AS x)", "stringarray"),
    _t("aggregates2", "PERCENTILE_DISC", "(SELECT ANY_VALUE(p) FROM (SELECT PERCENTILE_DISC(x, 0.5) OVER () AS p FROM UNNEST({0}) AS x))", "intarray"),
    _t("aggregates2", "MAX", "(SELECT MAX(x) FROM UNNEST({0}) AS x)", "datearray"),
    _t("aggregates2", "SUM", "(SELECT SUM(x) FROM UNNEST({0}) AS x)", "pairarray"),
    _t("aggregates2", "COUNTIF", "(SELECT COUNTIF(x IS NULL) FROM UNNEST({0}) AS x)", "floatarray"),
    _t("aggregates2", "GROUP BY", "(SELECT ARRAY_AGG(c ORDER BY c) FROM (SELECT COUNT(*) AS c FROM UNNEST({0}) AS x GROUP BY x))", "keyarray"),
    _t("aggregates2", "GROUP BY", "(SELECT COUNT(DISTINCT x) FROM UNNEST({0}) AS x)", "keyarray"),
    _t("aggregates2", "HAVING", "(SELECT COUNT(*) FROM (SELECT x FROM UNNEST({0}) AS x GROUP BY x HAVING COUNT(*) > 1))", "windowarray"),
    # window functions over a literal array
    *(
        _t(
            "windows",
            f.split("(")[0],
            f"(SELECT ARRAY_AGG(IFNULL(CAST(w AS FLOAT64), -999.0) ORDER BY o) FROM (SELECT {f} OVER "
            f"(ORDER BY x, o) AS w, o FROM UNNEST({{0}}) AS x WITH OFFSET o))",
            "windowarray",
        )
        for f in (
            "ROW_NUMBER()",
            "RANK()",
            "DENSE_RANK()",
            "PERCENT_RANK()",
            "CUME_DIST()",
            "NTILE(2)",
            "LAG(x)",
            "LEAD(x, 1, -1)",
            "FIRST_VALUE(x)",
            "LAST_VALUE(x)",
            "NTH_VALUE(x, 2)",
            "SUM(x)",
            "COUNT(x)",
            "AVG(x)",
            "MAX(x)",
        )
    ),
    *(
        _t(
            "windows",
            f"{f} ties",
            f"(SELECT ARRAY_AGG(IFNULL(CAST(w AS FLOAT64), -999.0) ORDER BY o) FROM (SELECT {f} OVER "
            f"(ORDER BY x) AS w, o FROM UNNEST({{0}}) AS x WITH OFFSET o))",
            "windowarray",
        )
        for f in ("RANK()", "DENSE_RANK()", "PERCENT_RANK()", "CUME_DIST()", "SUM(x)")
    ),
    _t(
        "windows",
        "SUM ROWS",
        "(SELECT ARRAY_AGG(IFNULL(CAST(w AS FLOAT64), -999.0) ORDER BY o) FROM (SELECT SUM(x) OVER "
        "(ORDER BY o ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS w, o "
        "FROM UNNEST({0}) AS x WITH OFFSET o))",
        "windowarray",
    ),
    _t(
        "windows",
        "RANK NaN",
        "(SELECT ARRAY_AGG(IFNULL(CAST(w AS FLOAT64), -999.0) ORDER BY o) FROM (SELECT RANK() OVER "
        "(ORDER BY x DESC) AS w, o FROM UNNEST({0}) AS x WITH OFFSET o))",
        "keyarray",
    ),
]
