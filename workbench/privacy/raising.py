"""Which calls can raise an error on some argument values, and how large a number can grow.

A side channel needs a call that fails on some inputs: a query over private values then fails
or not depending on the data. Deny by default: a scalar function is *total* (never raises for
any value of its argument types) only when ``TOTAL`` lists it; ``RAISING_ARGS`` names the
arguments that can make a function raise (the pattern of ``REGEXP_CONTAINS``, the length of
``SUBSTR``); any other function raises on any argument. GoogleSQL's reference says which:
https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions (LN, LOG,
SQRT, POW, ACOS... "generates an error" outside their domain or on overflow),
https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions (REPEAT, LPAD,
SUBSTR, LEFT: "an error if length is negative"; REGEXP_*: "an error if the regular expression
is invalid"; FROM_BASE64, CODE_POINTS_TO_STRING), the date and time functions (DATE(y, m, d),
DATE_ADD, TIMESTAMP_SECONDS: out of range), and the arithmetic operators ("overflow" raises,
https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators).
The SAFE. prefix (https://cloud.google.com/bigquery/docs/reference/standard-sql/functions-reference#safe_prefix)
makes a function's own errors NULL.

Integer arithmetic raises on overflow; ``magnitude`` bounds how large an expression can get
from its literals, with every stored number at most ``FIELD`` and every group at most ``ROWS``
rows (telemetry counts, far below INT64's range): an operand's size comes from literals the
query's author chose (``users * 4611686018427387904``) or from multiplying stored numbers.
"""

from __future__ import annotations

import re

from sqlglot import exp

from workbench.privacy.resolve import unparen

FIELD = 2.0**32  # the largest stored number assumed (a count of modules, users, runs)
ROWS = 2.0**24  # the most rows one aggregate adds up
INT64_MAX = 2.0**63 - 1

# Scalar functions that never raise, whatever their arguments' values (BigQuery names).
TOTAL = frozenset({
    "COALESCE", "IFNULL", "NULLIF", "IF", "CASE", "GREATEST", "LEAST", "ARRAY_LENGTH",
    "ARRAY_SIZE", "LENGTH", "CHAR_LENGTH", "CHARACTER_LENGTH", "BYTE_LENGTH", "LOWER", "UPPER",
    "INITCAP", "TRIM", "LTRIM", "RTRIM", "CONCAT", "STARTS_WITH", "ENDS_WITH", "STRPOS", "SPLIT",
    "REVERSE", "ARRAY_REVERSE", "ARRAY_TO_STRING", "REPLACE", "SIGN", "ROUND", "TRUNC", "FLOOR",
    "CEIL", "CEILING", "ABS", "IEEE_DIVIDE", "SAFE_DIVIDE", "SAFE_ADD", "SAFE_SUBTRACT",
    "SAFE_MULTIPLY", "SAFE_NEGATE", "IS_NAN", "IS_INF", "TIMESTAMP_TRUNC", "DATE_TRUNC",
    "DATETIME_TRUNC", "TIME_TRUNC", "EXTRACT", "DATE_DIFF", "TIMESTAMP_DIFF", "DATETIME_DIFF",
    "TIME_DIFF", "UNIX_DATE", "UNIX_SECONDS", "UNIX_MILLIS", "UNIX_MICROS", "TO_JSON_STRING",
    "TO_JSON", "TO_HEX", "TO_BASE64", "TO_BASE32", "MD5", "SHA1", "SHA256", "SHA512",
    "FARM_FINGERPRINT", "CONTAINS_SUBSTR", "STRUCT", "ARRAY", "UNNEST", "EXISTS", "BIT_COUNT",
    "CURRENT_DATE", "CURRENT_TIMESTAMP", "CURRENT_DATETIME", "CURRENT_TIME", "ASCII", "UNICODE",
    "SOUNDEX", "NORMALIZE", "NORMALIZE_AND_CASEFOLD", "SAFE_CONVERT_BYTES_TO_STRING", "COS",
    "SIN", "TAN", "ATAN", "ATAN2", "TANH", "ASINH", "RAND", "GENERATE_UUID",
})  # fmt: skip
# Functions that raise only through some arguments (sqlglot's argument names): the others
# may be any value.
RAISING_ARGS: dict[str, frozenset[str]] = {
    "DATE": frozenset({"zone", "expressions"}),  # DATE(timestamp) never fails; a zone may
    "TIMESTAMP": frozenset({"this", "zone"}),  # TIMESTAMP(date) never fails; text may
    "STRING": frozenset({"zone"}),
    "SUBSTR": frozenset({"length"}),
    "SUBSTRING": frozenset({"length"}),
    "LEFT": frozenset({"expression"}),
    "RIGHT": frozenset({"expression"}),
    "LPAD": frozenset({"expression", "fill_pattern"}),
    "RPAD": frozenset({"expression", "fill_pattern"}),
    "REPEAT": frozenset({"times"}),
    "INSTR": frozenset({"position", "occurrence"}),
    "FORMAT_TIMESTAMP": frozenset({"format", "zone"}),
    "FORMAT_DATE": frozenset({"format"}),
    "FORMAT_DATETIME": frozenset({"format"}),
    "FORMAT_TIME": frozenset({"format"}),
    "FORMAT": frozenset({"this"}),  # the format string; '%d' of any INT64 never fails
}
for _name in ("REGEXP_CONTAINS", "REGEXP_EXTRACT", "REGEXP_EXTRACT_ALL", "REGEXP_INSTR"):
    RAISING_ARGS[_name] = frozenset({"expression", "position", "occurrence", "group", "parameters"})
RAISING_ARGS["REGEXP_SUBSTR"] = RAISING_ARGS["REGEXP_EXTRACT"]
RAISING_ARGS["REGEXP_REPLACE"] = frozenset({"expression", "replacement", "modifiers"})
# Nodes that are no call of their own (operators, conditions, aggregates, CAST: judged on
# their own terms) or total whatever they hold (CASE, IF, array and struct constructors).
NOT_CALLS = (
    exp.AggFunc, exp.Cast, exp.SafeFunc, exp.Paren, exp.Tuple, exp.Connector, exp.Not,
    exp.Case, exp.If, exp.Coalesce, exp.Array, exp.Struct, exp.Unnest, exp.Exists,
    exp.Extract, exp.Interval,
)  # fmt: skip
_NAME = re.compile(r"[A-Z_][A-Z0-9_]*(\.[A-Z_][A-Z0-9_]*)?")


def raising_args(node: exp.Func, name: str) -> list[exp.Expression]:
    """The arguments of a call that can make it raise (none for a total function, or for an
    operator sqlglot models as a function: its name is no call's)."""
    if name in TOTAL or not _NAME.fullmatch(name) or _bounded_power(node):
        return []
    keys = RAISING_ARGS.get(name)
    if name in ("DATE", "TIMESTAMP") and not isinstance(node, exp.Date | exp.Timestamp):
        keys = None  # DATE(year, month, day), DATETIME parts: any part may be out of range
    out: list[exp.Expression] = []
    for key, value in node.args.items():
        if keys is not None and key not in keys:
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, exp.Expression):
                out.append(item)
    return out


def _bounded_power(node: exp.Expression) -> bool:
    """POW(x, n) with n a small whole number: no domain error (a negative base with a
    fraction, 0 to a negative power) and no overflow for numbers up to ``FIELD``."""
    if not isinstance(node, exp.Pow):
        return False
    power = node.expression
    if not isinstance(power, exp.Literal) or power.is_string:
        return False
    try:
        n = float(power.this)
    except ValueError:
        return False
    return n >= 0 and n.is_integer() and magnitude(node.this) ** n <= 1e300


def is_call(node: exp.Expression) -> bool:
    """A scalar function call the catalogue judges (not an aggregate, window or CAST)."""
    return (
        isinstance(node, exp.Func)
        and not isinstance(node, NOT_CALLS)
        and not isinstance(node.parent, exp.Window)
    )


def magnitude(node: exp.Expression) -> float:
    """An upper bound of ``abs(value)`` of an expression over base fields (see ``FIELD``)."""
    node = unparen(node)
    if isinstance(node, exp.Literal):
        if node.is_string:
            return 0.0
        try:
            return abs(float(node.this))
        except ValueError:
            return FIELD
    if isinstance(node, exp.Neg):
        return magnitude(node.this)
    if isinstance(node, exp.Add | exp.Sub):
        return magnitude(node.this) + magnitude(node.expression)
    if isinstance(node, exp.Mul):
        return magnitude(node.this) * magnitude(node.expression)
    if isinstance(node, exp.IntDiv | exp.Div):
        return magnitude(node.this)
    if isinstance(node, exp.Mod):
        return magnitude(node.expression)
    if isinstance(node, exp.Sum):
        return magnitude(node.this) * ROWS
    if isinstance(node, exp.Avg | exp.Max | exp.Min | exp.Abs | exp.Cast | exp.TryCast):
        return magnitude(node.this)
    if isinstance(node, exp.If):
        return max(magnitude(node.args.get("true") or exp.null()),
                   magnitude(node.args.get("false") or exp.null()))  # fmt: skip
    if isinstance(node, exp.Case):
        values = [i.args.get("true") for i in node.args.get("ifs") or []]
        values.append(node.args.get("default"))
        return max(magnitude(v) for v in values if v is not None) if values else FIELD
    if isinstance(node, exp.Coalesce | exp.Greatest | exp.Least):
        return max(magnitude(a) for a in [node.this, *node.expressions])
    if isinstance(node, exp.Window):
        return magnitude(node.this)
    if isinstance(node, exp.Null | exp.Boolean):
        return 0.0
    return FIELD


def overflows(node: exp.Expression) -> bool:
    """Whether INT64 arithmetic (``+ - *``, unary minus, SUM, a CAST to an integer) can pass
    INT64's range, by ``magnitude``."""
    if isinstance(node, exp.Add | exp.Sub | exp.Mul | exp.Neg | exp.Sum):
        return magnitude(node) > INT64_MAX
    if isinstance(node, exp.Cast) and node.to.is_type(*exp.DataType.INTEGER_TYPES):
        return magnitude(node.this) > INT64_MAX
    return False
