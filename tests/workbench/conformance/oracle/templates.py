"""The functions and operators the oracle exercises, each with the kinds of its arguments.

The families follow the translation rules' areas (workbench/translate/registry.py): every
function a rule handles or that sqlglot maps straight to DuckDB, and the operators.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.workbench.conformance.oracle.edges import CAST_SOURCES, CAST_TARGETS


@dataclass(frozen=True)
class Template:
    family: str
    name: str  # the function or operator, as the report counts it
    form: str  # with {0}, {1}... for the arguments
    kinds: tuple[str, ...]


def _t(family: str, name: str, form: str, *kinds: str) -> Template:
    return Template(family, name, form, kinds)


NUM = ("int", "float", "numeric")
TEMPLATES: list[Template] = [
    # arithmetic and comparison operators over every numeric kind pairing
    *(
        _t("operators", op, f"{{0}} {op} {{1}}", a, b)
        for op in ("+", "-", "*", "/")
        for a in NUM
        for b in NUM
    ),
    *(
        _t("operators", op, f"{{0}} {op} {{1}}", a, a)
        for op in ("=", "<", "<=", "!=", "IS DISTINCT FROM")
        for a in (
            "int",
            "float",
            "numeric",
            "string",
            "bytes",
            "date",
            "timestamp",
            "struct",
            "bool",
        )
    ),
    _t("operators", "unary -", "-{0}", "int"),
    _t("operators", "unary -", "-{0}", "float"),
    _t("operators", "unary -", "-{0}", "numeric"),
    _t("operators", "BETWEEN", "{0} BETWEEN {1} AND {2}", "float", "float", "float"),
    _t("operators", "BETWEEN", "{0} BETWEEN {1} AND {2}", "int", "int", "int"),
    _t("operators", "IN", "{0} IN ({1}, {2})", "float", "float", "float"),
    _t("operators", "IN", "{0} IN ({1}, {2})", "struct", "struct", "struct"),
    _t("operators", "IN UNNEST", "{0} IN UNNEST({1})", "int", "intarray"),
    _t("operators", "IN UNNEST", "{0} IN UNNEST({1})", "float", "floatarray"),
    _t("operators", "||", "{0} || {1}", "string", "string"),
    _t("operators", "||", "{0} || {1}", "bytes", "bytes"),
    _t("operators", "IS NULL", "{0} IS NULL", "struct"),
    _t("operators", "NOT", "NOT {0}", "bool"),
    _t("operators", "AND", "{0} AND {1}", "bool", "bool"),
    _t("operators", "OR", "{0} OR {1}", "bool", "bool"),
    _t("operators", "&", "{0} & {1}", "int", "int"),
    _t("operators", "<<", "{0} << {1}", "int", "smallint"),
    _t("operators", ">>", "{0} >> {1}", "int", "smallint"),
    # math
    *(
        _t("math", f, f"{f}({{0}})", k)
        for f in ("ABS", "SIGN", "ROUND", "TRUNC", "CEIL", "FLOOR")
        for k in NUM
    ),
    *(
        _t("math", f, f"{f}({{0}})", "float")
        for f in (
            "SQRT",
            "LN",
            "LOG10",
            "EXP",
            "IS_NAN",
            "IS_INF",
            "COS",
            "ACOS",
            "ASIN",
            "ATAN",
            "TANH",
            "COT",
            "CBRT",
        )
    ),
    *(_t("math", f, f"{f}({{0}})", "numeric") for f in ("SQRT", "LN", "LOG10", "EXP")),
    _t("math", "ROUND", "ROUND({0}, {1})", "float", "smallint"),
    _t("math", "ROUND", "ROUND({0}, {1})", "numeric", "smallint"),
    _t("math", "ROUND", "ROUND({0}, {1})", "numeric", "int"),
    _t("math", "TRUNC", "TRUNC({0}, {1})", "float", "smallint"),
    _t("math", "TRUNC", "TRUNC({0}, {1})", "numeric", "smallint"),
    _t("math", "LOG", "LOG({0}, {1})", "float", "float"),
    _t("math", "POW", "POW({0}, {1})", "float", "float"),
    _t("math", "POW", "POW({0}, {1})", "int", "int"),
    _t("math", "POW", "POW({0}, {1})", "numeric", "numeric"),
    _t("math", "ATAN2", "ATAN2({0}, {1})", "float", "float"),
    _t("math", "MOD", "MOD({0}, {1})", "int", "int"),
    _t("math", "MOD", "MOD({0}, {1})", "numeric", "numeric"),
    _t("math", "DIV", "DIV({0}, {1})", "int", "int"),
    *(
        _t("math", f, f"{f}({{0}}, {{1}})", a, b)
        for f in ("SAFE_DIVIDE", "SAFE_ADD", "SAFE_SUBTRACT", "SAFE_MULTIPLY")
        for a, b in (("int", "int"), ("float", "float"), ("numeric", "numeric"), ("int", "float"))
    ),
    _t("math", "SAFE_NEGATE", "SAFE_NEGATE({0})", "int"),
    _t("math", "IEEE_DIVIDE", "IEEE_DIVIDE({0}, {1})", "float", "float"),
    _t("math", "IEEE_DIVIDE", "IEEE_DIVIDE({0}, {1})", "int", "int"),
    _t("math", "GREATEST", "GREATEST({0}, {1}, {2})", "float", "float", "float"),
    _t("math", "GREATEST", "GREATEST({0}, {1})", "int", "int"),
    _t("math", "LEAST", "LEAST({0}, {1}, {2})", "float", "float", "float"),
    _t("math", "LEAST", "LEAST({0}, {1})", "string", "string"),
    _t("math", "RANGE_BUCKET", "RANGE_BUCKET({0}, {1})", "float", "floatarray"),
    _t("math", "RANGE_BUCKET", "RANGE_BUCKET({0}, {1})", "int", "intarray"),
    # strings
    *(
        _t("strings", f, f"{f}({{0}})", k)
        for f in ("LENGTH", "REVERSE", "LTRIM", "RTRIM", "TRIM", "TO_CODE_POINTS")
        for k in ("string", "bytes")
    ),
    *(
        _t("strings", f, f"{f}({{0}})", "string")
        for f in (
            "CHAR_LENGTH",
            "UPPER",
            "LOWER",
            "INITCAP",
            "ASCII",
            "UNICODE",
            "SPLIT",
            "TO_BASE64",
            "NORMALIZE",
            "SOUNDEX",
            "BYTE_LENGTH",
        )
    ),
    *(
        _t("strings", f, f"{f}({{0}})", "bytes")
        for f in (
            "BYTE_LENGTH",
            "UPPER",
            "LOWER",
            "TO_HEX",
            "TO_BASE64",
            "ASCII",
            "SAFE_CONVERT_BYTES_TO_STRING",
            "SPLIT",
        )
    ),
    _t("strings", "FROM_HEX", "FROM_HEX({0})", "string"),
    _t("strings", "FROM_BASE64", "FROM_BASE64({0})", "string"),
    _t("strings", "CHR", "CHR({0})", "int"),
    _t("strings", "CODE_POINTS_TO_STRING", "CODE_POINTS_TO_STRING({0})", "intarray"),
    _t("strings", "CODE_POINTS_TO_BYTES", "CODE_POINTS_TO_BYTES({0})", "intarray"),
    *(
        _t("strings", f, f"{f}({{0}}, {{1}})", k, k)
        for f in (
            "CONCAT",
            "STRPOS",
            "STARTS_WITH",
            "ENDS_WITH",
            "TRIM",
            "LTRIM",
            "RTRIM",
            "SPLIT",
            "INSTR",
        )
        for k in ("string", "bytes")
    ),
    _t("strings", "CONTAINS_SUBSTR", "CONTAINS_SUBSTR({0}, {1})", "string", "string"),
    *(
        _t("strings", f, f"{f}({{0}}, {{1}})", k, "int")
        for f in ("LEFT", "RIGHT", "REPEAT", "SUBSTR", "LPAD", "RPAD")
        for k in ("string", "bytes")
    ),
    *(
        _t("strings", f, f"{f}({{0}}, {{1}}, {{2}})", k, "smallint", k)
        for f in ("LPAD", "RPAD")
        for k in ("string", "bytes")
    ),
    *(
        _t("strings", "SUBSTR", "SUBSTR({0}, {1}, {2})", k, "int", "smallint")
        for k in ("string", "bytes")
    ),
    _t("strings", "INSTR", "INSTR({0}, {1}, {2}, {3})", "string", "string", "smallint", "smallint"),
    _t("strings", "REPLACE", "REPLACE({0}, {1}, {2})", "string", "string", "string"),
    _t("strings", "REPLACE", "REPLACE({0}, {1}, {2})", "bytes", "bytes", "bytes"),
    _t("strings", "TRANSLATE", "TRANSLATE({0}, {1}, {2})", "string", "string", "string"),
    _t("strings", "REGEXP_CONTAINS", "REGEXP_CONTAINS({0}, {1})", "string", "pattern"),
    _t("strings", "REGEXP_EXTRACT", "REGEXP_EXTRACT({0}, {1})", "string", "pattern"),
    _t("strings", "REGEXP_EXTRACT_ALL", "REGEXP_EXTRACT_ALL({0}, {1})", "string", "pattern"),
    _t("strings", "REGEXP_REPLACE", "REGEXP_REPLACE({0}, {1}, 'z')", "string", "pattern"),
    _t("strings", "REGEXP_INSTR", "REGEXP_INSTR({0}, {1})", "string", "pattern"),
    _t("strings", "REGEXP_SUBSTR", "REGEXP_SUBSTR({0}, {1})", "string", "pattern"),
    _t("strings", "FORMAT", "FORMAT('%d', {0})", "int"),
    _t("strings", "FORMAT", "FORMAT('%f|%g|%e', {0}, {0}, {0})", "float"),
    _t("strings", "FORMAT", "FORMAT('%t', {0})", "float"),
    _t("strings", "FORMAT", "FORMAT('%T', {0})", "string"),
    _t("strings", "FORMAT", "FORMAT('%s|%5s|%-3s', {0}, {0}, {0})", "string"),
    _t("strings", "FORMAT", "FORMAT('%t', {0})", "numeric"),
    _t("strings", "FORMAT", "FORMAT('%t', {0})", "timestamp"),
    _t("strings", "FORMAT", "FORMAT('%T', {0})", "bytes"),
    _t("strings", "FORMAT", "FORMAT('%t', {0})", "intarray"),
    _t("strings", "ARRAY_TO_STRING", "ARRAY_TO_STRING({0}, {1})", "stringarray", "string"),
    _t("strings", "ARRAY_TO_STRING", "ARRAY_TO_STRING({0}, ',', {1})", "stringarray", "string"),
    _t("strings", "ARRAY_TO_STRING", "ARRAY_TO_STRING({0}, b',')", "bytesarray"),
    # casts
    *(
        _t("casts", f"CAST({k}→{t})", f"CAST({{0}} AS {t})", k)
        for k in CAST_SOURCES
        for t in CAST_TARGETS
    ),
    *(
        _t("casts", f"SAFE_CAST({k}→{t})", f"SAFE_CAST({{0}} AS {t})", k)
        for k in ("string", "float", "numeric", "bytes")
        for t in ("INT64", "NUMERIC", "STRING", "DATE", "TIMESTAMP")
    ),
    _t("casts", "STRING(ts)", "STRING({0})", "timestamp"),
    _t("casts", "CAST(FORMAT)", "CAST({0} AS STRING FORMAT 'YYYY-MM-DD')", "date"),
    # dates
    _t("dates", "DATE_ADD", "DATE_ADD({0}, INTERVAL {1} {2})", "date", "int", "adddatepart"),
    _t("dates", "DATE_SUB", "DATE_SUB({0}, INTERVAL {1} {2})", "date", "int", "adddatepart"),
    _t("dates", "DATE_DIFF", "DATE_DIFF({0}, {1}, {2})", "date", "date", "datepart"),
    _t("dates", "DATE_TRUNC", "DATE_TRUNC({0}, {1})", "date", "truncdatepart"),
    _t("dates", "EXTRACT", "EXTRACT({1} FROM {0})", "date", "datepart"),
    _t("dates", "FORMAT_DATE", "FORMAT_DATE({1}, {0})", "date", "dateformat"),
    _t("dates", "LAST_DAY", "LAST_DAY({0})", "date"),
    _t("dates", "LAST_DAY", "LAST_DAY({0}, {1})", "date", "truncdatepart"),
    _t("dates", "DATE", "DATE({0}, {1}, {2})", "int", "smallint", "smallint"),
    _t("dates", "UNIX_DATE", "UNIX_DATE({0})", "date"),
    _t("dates", "DATE_FROM_UNIX_DATE", "DATE_FROM_UNIX_DATE({0})", "int"),
    _t("dates", "PARSE_DATE", "PARSE_DATE('%Y-%m-%d', {0})", "string"),
    _t("dates", "DATE(ts)", "DATE({0})", "timestamp"),
    _t(
        "dates",
        "GENERATE_DATE_ARRAY",
        "GENERATE_DATE_ARRAY({0}, DATE '2024-03-02', INTERVAL {1} DAY)",
        "date",
        "smallint",
    ),
    # timestamps
    _t(
        "timestamps",
        "TIMESTAMP_ADD",
        "TIMESTAMP_ADD({0}, INTERVAL {1} {2})",
        "timestamp",
        "int",
        "tspart",
    ),
    _t(
        "timestamps",
        "TIMESTAMP_SUB",
        "TIMESTAMP_SUB({0}, INTERVAL {1} {2})",
        "timestamp",
        "int",
        "tspart",
    ),
    _t(
        "timestamps",
        "TIMESTAMP_DIFF",
        "TIMESTAMP_DIFF({0}, {1}, {2})",
        "timestamp",
        "timestamp",
        "tspart",
    ),
    _t("timestamps", "TIMESTAMP_TRUNC", "TIMESTAMP_TRUNC({0}, {1})", "timestamp", "dtpart"),
    _t("timestamps", "EXTRACT", "EXTRACT({1} FROM {0})", "timestamp", "dtpart"),
    _t("timestamps", "EXTRACT", "EXTRACT(DATE FROM {0})", "timestamp"),
    _t("timestamps", "FORMAT_TIMESTAMP", "FORMAT_TIMESTAMP({1}, {0})", "timestamp", "tsformat"),
    *(
        _t("timestamps", f, f"{f}({{0}})", "timestamp")
        for f in ("UNIX_SECONDS", "UNIX_MILLIS", "UNIX_MICROS")
    ),
    *(
        _t("timestamps", f, f"{f}({{0}})", "int")
        for f in ("TIMESTAMP_SECONDS", "TIMESTAMP_MILLIS", "TIMESTAMP_MICROS")
    ),
    _t("timestamps", "TIMESTAMP", "TIMESTAMP({0})", "date"),
    _t("timestamps", "TIMESTAMP", "TIMESTAMP({0})", "string"),
    _t("timestamps", "PARSE_TIMESTAMP", "PARSE_TIMESTAMP('%Y-%m-%d', {0})", "string"),
    # civil time
    _t("civil", "DATETIME_ADD", "DATETIME_ADD({0}, INTERVAL {1} {2})", "datetime", "int", "tspart"),
    _t("civil", "DATETIME_SUB", "DATETIME_SUB({0}, INTERVAL {1} {2})", "datetime", "int", "tspart"),
    _t("civil", "DATETIME_DIFF", "DATETIME_DIFF({0}, {1}, {2})", "datetime", "datetime", "dtpart"),
    _t("civil", "DATETIME_TRUNC", "DATETIME_TRUNC({0}, {1})", "datetime", "dtpart"),
    _t("civil", "EXTRACT", "EXTRACT({1} FROM {0})", "datetime", "dtpart"),
    _t("civil", "DATETIME", "DATETIME({0})", "timestamp"),
    _t("civil", "DATETIME", "DATETIME({0}, {1})", "date", "time"),
    _t("civil", "TIME_ADD", "TIME_ADD({0}, INTERVAL {1} {2})", "time", "int", "timepart"),
    _t("civil", "TIME_SUB", "TIME_SUB({0}, INTERVAL {1} {2})", "time", "int", "timepart"),
    _t("civil", "TIME_DIFF", "TIME_DIFF({0}, {1}, {2})", "time", "time", "timepart"),
    _t("civil", "TIME_TRUNC", "TIME_TRUNC({0}, {1})", "time", "timepart"),
    _t("civil", "EXTRACT", "EXTRACT({1} FROM {0})", "time", "timepart"),
    _t("civil", "TIME", "TIME({0}, {1}, {2})", "int", "smallint", "smallint"),
    _t("civil", "FORMAT_TIME", "FORMAT_TIME('%H:%M:%E*S', {0})", "time"),
    _t("civil", "FORMAT_DATETIME", "FORMAT_DATETIME({1}, {0})", "datetime", "tsformat"),
    # arrays
    *(
        _t("arrays", f, f"{f}({{0}})", k)
        for f in ("ARRAY_LENGTH", "ARRAY_REVERSE", "ARRAY_FIRST", "ARRAY_LAST")
        for k in ("intarray", "stringarray", "floatarray")
    ),
    _t("arrays", "ARRAY_CONCAT", "ARRAY_CONCAT({0}, {1})", "intarray", "intarray"),
    _t("arrays", "ARRAY_CONCAT", "ARRAY_CONCAT({0}, {1})", "stringarray", "stringarray"),
    _t("arrays", "OFFSET", "{0}[OFFSET({1})]", "intarray", "smallint"),
    _t("arrays", "SAFE_OFFSET", "{0}[SAFE_OFFSET({1})]", "intarray", "smallint"),
    _t("arrays", "ORDINAL", "{0}[ORDINAL({1})]", "stringarray", "smallint"),
    _t("arrays", "SAFE_ORDINAL", "{0}[SAFE_ORDINAL({1})]", "stringarray", "smallint"),
    _t("arrays", "GENERATE_ARRAY", "GENERATE_ARRAY({0}, {1}, {2})", "smallint", "int", "smallint"),
    _t("arrays", "GENERATE_ARRAY", "GENERATE_ARRAY({0}, {1}, {2})", "float", "float", "float"),
    _t("arrays", "ARRAY_SLICE", "ARRAY_SLICE({0}, {1}, {2})", "intarray", "smallint", "smallint"),
    _t("arrays", "ARRAY", "ARRAY(SELECT x FROM UNNEST({0}) AS x ORDER BY x)", "floatarray"),
    _t("arrays", "ARRAY", "ARRAY(SELECT x FROM UNNEST({0}) AS x ORDER BY x DESC)", "intarray"),
    _t("arrays", "ARRAY literal", "[{0}, {1}]", "struct", "struct"),
    _t("arrays", "array =", "{0} = {1}", "intarray", "intarray"),
    # structs
    _t("structs", "field", "{0}.a", "struct"),
    _t("structs", "field", "{0}.b", "struct"),
    _t("structs", "STRUCT", "STRUCT({0} AS x, {1} AS y)", "int", "string"),
    _t("structs", "STRUCT", "STRUCT({0} AS x, {1} AS y)", "date", "bytes"),
    _t("structs", "IN UNNEST", "{0} IN UNNEST([{1}, {2}])", "struct", "struct", "struct"),
    _t("structs", "CASE", "CASE {0} WHEN {1} THEN 'm' ELSE 'n' END", "struct", "struct"),
    # conditionals
    _t("conditionals", "IF", "IF({0}, {1}, {2})", "bool", "int", "int"),
    _t("conditionals", "IF", "IF({0}, {1}, {2})", "bool", "float", "numeric"),
    _t("conditionals", "IFNULL", "IFNULL({0}, {1})", "int", "int"),
    _t("conditionals", "COALESCE", "COALESCE({0}, {1}, {2})", "string", "string", "string"),
    _t("conditionals", "NULLIF", "NULLIF({0}, {1})", "float", "float"),
    _t("conditionals", "NULLIF", "NULLIF({0}, {1})", "int", "int"),
    _t(
        "conditionals",
        "CASE",
        "CASE {0} WHEN {1} THEN 'a' WHEN {2} THEN 'b' END",
        "float",
        "float",
        "float",
    ),
    _t("conditionals", "IF", "IF({0} > 0, 1 / {0}, 0)", "float"),
    _t("conditionals", "SAFE.", "SAFE.SQRT({0})", "float"),
    _t("conditionals", "SAFE.", "SAFE.LN({0})", "float"),
    _t("conditionals", "SAFE.", "SAFE.SUBSTR({0}, {1})", "string", "int"),
    _t("conditionals", "SAFE.", "SAFE.PARSE_DATE('%Y-%m-%d', {0})", "string"),
    _t("conditionals", "SAFE.", "SAFE.DATE_ADD({0}, INTERVAL {1} DAY)", "date", "int"),
    _t("conditionals", "SAFE.", "SAFE.REPEAT({0}, {1})", "string", "int"),
    # aggregates over a constant array (a scalar subquery: the evaluator runs it)
    *(
        _t("aggregates", f, f"(SELECT {f}(x) FROM UNNEST({{0}}) AS x)", k)
        for f in ("COUNT", "SUM", "AVG", "MIN", "MAX", "ANY_VALUE")
        for k in ("intarray", "floatarray", "numericarray")
    ),
    *(
        _t("aggregates", f, f"(SELECT {f}(x) FROM UNNEST({{0}}) AS x)", k)
        for f in ("STDDEV_POP", "STDDEV_SAMP", "VAR_POP", "VAR_SAMP", "STDDEV", "VARIANCE")
        for k in ("intarray", "floatarray", "numericarray")
    ),
    *(
        _t("aggregates", f, f"(SELECT {f}(x) FROM UNNEST({{0}}) AS x)", k)
        for f in ("MIN", "MAX", "COUNT", "STRING_AGG")
        for k in ("stringarray", "bytesarray")
    ),
    _t("aggregates", "MIN", "(SELECT MIN(x) FROM UNNEST({0}) AS x)", "datearray"),
    _t(
        "aggregates",
        "COUNTIF",
        "(SELECT COUNTIF(x > {1}) FROM UNNEST({0}) AS x)",
        "intarray",
        "int",
    ),
    _t(
        "aggregates",
        "LOGICAL_AND",
        "(SELECT LOGICAL_AND(x > {1}) FROM UNNEST({0}) AS x)",
        "intarray",
        "int",
    ),
    _t("aggregates", "CORR", "(SELECT CORR(x, x * 2) FROM UNNEST({0}) AS x)", "floatarray"),
    _t("aggregates", "COVAR_POP", "(SELECT COVAR_POP(x, 1.0) FROM UNNEST({0}) AS x)", "floatarray"),
    _t(
        "aggregates",
        "STRING_AGG",
        "(SELECT STRING_AGG(x, {1}) FROM UNNEST({0}) AS x)",
        "stringarray",
        "string",
    ),
    _t(
        "aggregates",
        "STRING_AGG",
        "(SELECT STRING_AGG(x, ',' ORDER BY x DESC) FROM UNNEST({0}) AS x)",
        "stringarray",
    ),
    _t(
        "aggregates",
        "ARRAY_AGG",
        "(SELECT ARRAY_AGG(x IGNORE NULLS ORDER BY x) FROM UNNEST({0}) AS x)",
        "intarray",
    ),
    _t(
        "aggregates",
        "ARRAY_AGG",
        "(SELECT ARRAY_AGG(x ORDER BY x LIMIT 2) FROM UNNEST({0}) AS x)",
        "floatarray",
    ),
    _t("aggregates", "BIT_OR", "(SELECT BIT_OR(x) FROM UNNEST({0}) AS x)", "intarray"),
    _t(
        "aggregates",
        "COUNT DISTINCT",
        "(SELECT COUNT(DISTINCT x) FROM UNNEST({0}) AS x)",
        "floatarray",
    ),
    _t(
        "aggregates",
        "PERCENTILE_CONT",
        "(SELECT ANY_VALUE(p) FROM (SELECT PERCENTILE_CONT(x, 0.5) OVER () AS p "
        "FROM UNNEST({0}) AS x))",
        "floatarray",
    ),
]
