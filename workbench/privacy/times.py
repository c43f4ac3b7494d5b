"""Report times in conditions: a window of days is public, a window of seconds picks a report.

A report's time is no private attribute, so filters and conditional aggregates may use it:
``timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)`` keeps a week of reports.
At full precision it is nearly one value per report: ``timestamp BETWEEN '2026-11-14
10:00:00' AND '2026-11-14 10:00:01'`` (or ``INTERVAL 90 SECOND``) keeps the one report of
that second, and inside ``SUM(IF(..., environment_count, 0))`` in a group of 300 sites it
shows that site's number. A condition on a report time is coarse only when the time is
coarsened to a day or more (``DATE(timestamp)``), or ranged (<, <=, >, >=, BETWEEN) against
bounds made of day-aligned literals, the current date or time, other report times, and
intervals of whole days, weeks, months, quarters or years.
"""

from __future__ import annotations

import re

from sqlglot import exp

# Units a bound may move a time by (sqlglot spells WEEK as WEEK(SUNDAY) at times).
_DAY_UNITS = {
    "DAY", "WEEK", "ISOWEEK", "MONTH", "QUARTER", "YEAR", "ISOYEAR", "DAYOFWEEK", "DAYOFYEAR",
    "DATE",
}  # fmt: skip
_RANGES = (exp.GT, exp.GTE, exp.LT, exp.LTE, exp.Between)
_COMPARISONS = (*_RANGES, exp.EQ, exp.NEQ, exp.In, exp.NullSafeEQ, exp.NullSafeNEQ)
_MIDNIGHT = re.compile(r"\d{4}-\d{1,2}-\d{1,2}([ T]0?0:00(:00(\.0*)?)?)?([+-]00(:?00)?|Z| UTC)?")
_SECONDS = {"HOUR": 3600, "MINUTE": 60, "SECOND": 1, "MILLISECOND": 1e-3, "MICROSECOND": 1e-6}
# Nodes that move a time by an amount of a unit (INTERVAL 7 DAY, TIMESTAMP_SUB(t, INTERVAL 7 DAY)).
_MOVES = (
    exp.Interval, exp.TimestampSub, exp.TimestampAdd, exp.DateSub, exp.DateAdd, exp.DatetimeSub,
    exp.DatetimeAdd,
)  # fmt: skip
# Nodes a day-aligned bound may be built of.
_BOUND_NODES = (
    exp.Literal, exp.Interval, exp.Var, exp.Paren, exp.Neg, exp.Cast, exp.CurrentDate,
    exp.CurrentTimestamp, exp.CurrentDatetime, exp.Date, exp.Timestamp, exp.TimestampSub,
    exp.TimestampAdd, exp.DateSub, exp.DateAdd, exp.DatetimeSub, exp.DatetimeAdd, exp.DataType,
    exp.TsOrDsToDate, exp.TsOrDsToTimestamp, exp.TimestampTrunc, exp.DateTrunc, exp.Identifier,
    exp.WeekStart, exp.Column, exp.Add, exp.Sub,
)  # fmt: skip


def fine_times(expanded: exp.Expression, per_report: set[str]) -> set[str]:
    """The per-report fields an expanded condition reads at finer than a day."""
    found = set()
    for leaf in expanded.walk():
        path = leaf.meta.get("field") if isinstance(leaf, exp.Column) else None
        if path not in per_report or _day_coarse(leaf) or _ordered_or_aggregated(leaf):
            continue
        comparison = leaf.find_ancestor(*_COMPARISONS)
        if not isinstance(comparison, _RANGES) or not _day_bounds(comparison, leaf, per_report):
            found.add(path)
    return found


def _ordered_or_aggregated(leaf: exp.Expression) -> bool:
    """A time that orders a window or feeds an aggregate selects no instant by itself."""
    node = leaf.parent
    while node is not None and not isinstance(node, _COMPARISONS):
        if isinstance(node, exp.Window | exp.AggFunc):
            return True
        node = node.parent
    return False


def _day_bounds(comparison: exp.Expression, leaf: exp.Expression, per_report: set[str]) -> bool:
    """Whether every operand of a range comparison but the time's own is a day-aligned bound."""
    own = leaf
    while own.parent is not comparison:
        own = own.parent
    for value in comparison.args.values():
        if not isinstance(value, exp.Expression) or value is own:
            continue
        if not _day_bound(value, per_report):
            return False
    return True


def _day_coarse(leaf: exp.Expression) -> bool:
    """A time read only through a function that keeps its day or less (DATE(timestamp),
    TIMESTAMP_TRUNC(timestamp, WEEK), EXTRACT(MONTH FROM timestamp))."""
    node, child = time_reader(leaf)
    if isinstance(node, exp.Date | exp.TsOrDsToDate | exp.UnixDate):
        return child is node.this
    if isinstance(node, exp.Cast) and node.to.this == exp.DataType.Type.DATE:
        return True
    if isinstance(node, exp.Extract | exp.TimestampTrunc | exp.DateTrunc | exp.DatetimeTrunc):
        if child is not (node.expression if isinstance(node, exp.Extract) else node.this):
            return False
        part = node.this if isinstance(node, exp.Extract) else node.args.get("unit")
        return _unit(part) in _DAY_UNITS or isinstance(part, exp.WeekStart)
    return False


# Casts that keep a time a time (at its precision): a step ``time_reader`` passes through.
_TIME_TYPES = {
    exp.DataType.Type.TIMESTAMP, exp.DataType.Type.TIMESTAMPTZ, exp.DataType.Type.DATETIME,
    exp.DataType.Type.TIMESTAMPLTZ,
}  # fmt: skip
# Calls that return one of their time arguments as it is (MIN(timestamp), LAG(timestamp),
# COALESCE(a, b)), or the time moved by an amount or into a time zone (the amount is another
# operand, judged on its own).
_KEEPS_A_TIME = (exp.Min, exp.Max, exp.AnyValue, exp.FirstValue, exp.LastValue, exp.NthValue,
    exp.Lag, exp.Lead, exp.IgnoreNulls, exp.RespectNulls, exp.Coalesce)  # fmt: skip
_MOVES_THE_TIME = (
    exp.TimestampAdd, exp.TimestampSub, exp.DatetimeAdd, exp.DatetimeSub, exp.DateAdd,
    exp.DateSub, exp.Datetime, exp.Timestamp, exp.AtTimeZone, exp.ConvertTimezone,
)  # fmt: skip


def time_reader(leaf: exp.Expression) -> tuple[exp.Expression | None, exp.Expression]:
    """The first node above a time field that does more than carry that time on (through
    parentheses, casts to a time type, MIN / MAX / LAG / COALESCE, a shift by an interval or a
    time zone), and the operand of it the time reaches it as. Only that node coarsens the time
    or not: ``DATE_DIFF(DATE_ADD(d, INTERVAL MOD(UNIX_SECONDS(timestamp), 86400) DAY), d, DAY)``
    reads the time through UNIX_SECONDS (its second of the day, in days), not through a
    DATE_DIFF in days of the time itself."""
    child, node = leaf, leaf.parent
    while node is not None:
        if (
            isinstance(node, (exp.Paren, *_KEEPS_A_TIME))
            or (isinstance(node, exp.Cast | exp.TryCast) and node.to.this in _TIME_TYPES)
            or (isinstance(node, exp.Window) and child is node.this)
            or (isinstance(node, exp.If) and child is not node.this)
            or (isinstance(node, exp.Case) and child is not node.this)
            or (isinstance(node, _MOVES_THE_TIME) and child is node.this)
        ):
            child, node = node, node.parent
            continue
        break
    return node, child


def _unit(unit) -> str:
    name = unit.name if isinstance(unit, exp.Expression) else str(unit or "")
    return name.upper().split("(")[0]


def _day_bound(node: exp.Expression, per_report: set[str]) -> bool:
    for part in node.walk():
        if not isinstance(part, _BOUND_NODES):
            return False
        if isinstance(part, exp.Column) and part.meta.get("field") not in per_report:
            return False
        amount = isinstance(part.parent, _MOVES) and part.arg_key in ("this", "expression")
        amount = amount and (isinstance(part.parent, exp.Interval) or part.arg_key == "expression")
        # A number is no day (UNIX_MICROS(timestamp) > 1763114400000000), nor a time of day.
        day = part.is_string and _MIDNIGHT.fullmatch(part.this.strip()) if not amount else True
        if isinstance(part, exp.Literal) and not day:
            return False
        if isinstance(part, (*_MOVES, exp.TimestampTrunc, exp.DateTrunc)):
            unit = part.args.get("unit")
            if isinstance(unit, exp.WeekStart) or _unit(unit) in _DAY_UNITS:
                continue
            if not (isinstance(part, _MOVES) and _whole_days(part, _unit(unit))):
                return False
    return True


def _whole_days(move: exp.Expression, unit: str) -> bool:
    """``INTERVAL 24 HOUR``, ``INTERVAL 1440 MINUTE``: a move by whole days in a smaller unit
    (every bound a whole number of days from midnight or from now keeps windows of days)."""
    amount = move.this if isinstance(move, exp.Interval) else move.expression
    seconds = _SECONDS.get(unit)
    if not isinstance(amount, exp.Literal) or seconds is None:
        return False
    try:
        total = float(amount.this) * seconds
    except ValueError:
        return False
    return total != 0 and total % 86400 == 0
