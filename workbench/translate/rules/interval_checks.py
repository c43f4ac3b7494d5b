"""INTERVAL values where BigQuery raises (issue 15, compliance): past INTERVAL's range, and
added to or subtracted from a TIMESTAMP with a MONTH or YEAR part.

An INTERVAL holds at most 10000 years: 120000 months, 3660000 days and 87840000 hours of
time (data-types#interval_type); ``INTERVAL 10001 YEAR`` is an error, which DuckDB held.
TIMESTAMP ± INTERVAL needs a fixed length: BigQuery rejects an interval with months
(operators#date_arithmetics_operators); DuckDB added calendar months.
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation
from workbench.translate.rules._sql import case, fail, fn, is_type, nodes, num, paren, unit_name

# unit -> (the field it fills, the largest count of the unit that field holds)
_LIMITS = {
    "YEAR": ("months", 10_000),
    "QUARTER": ("months", 40_000),
    "MONTH": ("months", 120_000),
    "WEEK": ("days", 522_857),
    "DAY": ("days", 3_660_000),
    "HOUR": ("time", 87_840_000),
    "MINUTE": ("time", 5_270_400_000),
    "SECOND": ("time", 316_224_000_000),
    "MILLISECOND": ("time", 316_224_000_000_000),
    "MICROSECOND": ("time", 316_224_000_000_000_000),
}
# calls whose INTERVAL n unit is a count and a part, not an INTERVAL value
_COUNTS = (exp.GenerateDateArray, exp.GenerateTimestampArray)
MONTHS_ON_TIMESTAMP = (
    "TIMESTAMP +/- INTERVAL is not supported for intervals with non-zero MONTH or YEAR part"
)


def _message(field: str) -> str:
    return f"INTERVAL out of range: its {field} field is past INTERVAL's range (10000 years)"


def interval_range(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """INTERVAL n unit past INTERVAL's range raises: when translated for a literal count,
    where it runs for another."""

    changed = False
    for node in nodes(tree, exp.Interval):
        unit = unit_name(node.args.get("unit"))
        if unit not in _LIMITS or isinstance(node.parent, _COUNTS) or node.meta.get("ranged"):
            continue
        field, limit = _LIMITS[unit]
        value = node.this
        if isinstance(value, exp.Literal):
            text = value.name.strip()
            if not text.lstrip("+-").isdigit():
                continue  # text of another form: the rules of INTERVAL text
            if abs(int(text)) <= limit:
                continue
            new = exp.Cast(this=fail(_message(field)), to=exp.DataType.build("INTERVAL"))
        else:
            node.meta["ranged"] = True
            bad = exp.Or(
                this=exp.GT(this=paren(value.copy()), expression=num(limit)),
                expression=exp.LT(this=paren(value.copy()), expression=num(-limit)),
            )
            new = paren(case(bad, fail(_message(field)), node.copy()))
        new.type = exp.DataType.build("INTERVAL")
        node.replace(new)
        changed = True
    return changed


def _months(interval: exp.Expression) -> exp.Expression:
    part = fn("datepart", exp.Literal.string("year"), paren(interval.copy()))
    month = fn("datepart", exp.Literal.string("month"), paren(interval.copy()))
    return exp.Add(this=exp.Mul(this=part, expression=num(12)), expression=month)


def timestamp_months(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """TIMESTAMP + INTERVAL, INTERVAL + TIMESTAMP and TIMESTAMP - INTERVAL raise for an
    interval with months (BigQuery's run-time error)."""

    changed = False
    for node in nodes(tree, exp.Add, exp.Sub):
        if node.meta.get("months_checked"):
            continue
        left, right = node.this, node.expression
        if is_type(left, "TIMESTAMP") and is_type(right, "INTERVAL"):
            interval = right
        elif (
            isinstance(node, exp.Add) and is_type(left, "INTERVAL") and is_type(right, "TIMESTAMP")
        ):
            interval = left
        else:
            continue
        if isinstance(interval, exp.Interval) and unit_name(interval.args.get("unit")) in (
            "DAY",
            "HOUR",
            "MINUTE",
            "SECOND",
            "MILLISECOND",
            "MICROSECOND",
        ):
            continue  # no months
        node.meta["months_checked"] = True
        bad = exp.NEQ(this=paren(_months(interval)), expression=num(0))
        new = paren(case(bad, fail(MONTHS_ON_TIMESTAMP), node.copy()))
        new.type = node.type
        node.replace(new)
        changed = True
    return changed
