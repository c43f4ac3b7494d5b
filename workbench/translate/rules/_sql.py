"""Small builders for the DuckDB expressions the rules put into the tree.

Rules build run-time checks inline (``CASE WHEN <bad> THEN error(<msg>) ELSE <ok> END``)
rather than as DuckDB macros, so that a ``SAFE.`` prefix can turn exactly those errors
into NULL (see ``maths.safe_prefix``) and the translated SQL stands on its own.
"""

from __future__ import annotations

from sqlglot import exp


def fn(name: str, *args: exp.Expression) -> exp.Expression:

    return exp.Anonymous(this=name, expressions=list(args))


def fail(message: str) -> exp.Expression:
    """DuckDB's error(): the query stops with ``message``, as BigQuery's would."""

    return fn("error", exp.Literal.string(message))


def case(cond: exp.Expression, then: exp.Expression, default: exp.Expression) -> exp.Expression:

    return exp.Case(ifs=[exp.If(this=cond, true=then)], default=default)


def cast(node: exp.Expression, to: str) -> exp.Expression:

    return exp.Cast(this=node, to=exp.DataType.build(to, dialect="duckdb"))


def num(value: int) -> exp.Expression:

    return exp.Literal.number(value)


def paren(node: exp.Expression) -> exp.Expression:

    return exp.Paren(this=node)


def bq_type(node: exp.Expression | None) -> str:
    """The BigQuery type sqlglot's annotation gave ``node`` ('' when unknown)."""
    if node is None:
        return ""
    t = node.type
    if t is None:
        return ""

    if t.this == exp.DataType.Type.UNKNOWN:
        return ""
    return t.sql("bigquery").upper()


def is_int(node: exp.Expression | None) -> bool:
    return bq_type(node) == "INT64"


def unit_name(unit: exp.Expression | None) -> str:
    """DAY, WEEK, WEEK(MONDAY), ISOWEEK, ... as written."""

    if unit is None:
        return ""
    if isinstance(unit, exp.WeekStart):
        return f"WEEK({unit.name.upper()})"
    return unit.name.upper()


WEEKDAYS = ("SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY")


def func_call(node: exp.Expression) -> tuple[str, list[exp.Expression]]:
    """(BigQuery name, argument copies) of a function call, known to sqlglot or not."""

    if isinstance(node, exp.Anonymous):
        return node.name.upper(), [a.copy() for a in node.expressions]
    args: list[exp.Expression] = []
    for key in node.arg_types:
        value = node.args.get(key)
        if isinstance(value, list):
            args.extend(v.copy() for v in value)
        elif isinstance(value, exp.Expression):
            args.append(value.copy())
    return node.sql_name().upper(), args
