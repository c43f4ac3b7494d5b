"""DATE_/DATETIME_ functions given a TIMESTAMP, and DATE_TRUNC of a DATETIME by week, as
BigQuery types and computes them (issue 15, compliance).

BigQuery's DATE_DIFF, DATE_TRUNC, DATETIME_TRUNC and FORMAT_DATETIME also take a TIMESTAMP,
and then are TIMESTAMP_DIFF, TIMESTAMP_TRUNC and FORMAT_TIMESTAMP (a TIMESTAMP result, days
of 24 hours, the zone argument read); DuckDB's reading gave a DATETIME, counted date
boundaries and dropped FORMAT_DATETIME's zone. DATE_TRUNC(datetime, WEEK) is a DATETIME,
where DuckDB's week truncation gave a DATE.
https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_trunc
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation
from workbench.translate.rules._sql import cast, is_type, nodes, typed, unit_name


def timestamp_arguments(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """DATE_DIFF/DATETIME_DIFF of TIMESTAMPs is TIMESTAMP_DIFF; DATE_TRUNC/DATETIME_TRUNC of
    a TIMESTAMP is TIMESTAMP_TRUNC; FORMAT_DATETIME(format, timestamp, zone) is
    FORMAT_TIMESTAMP."""

    changed = False
    for node in nodes(tree, exp.DateDiff, exp.DatetimeDiff, exp.DateTrunc, exp.DatetimeTrunc):
        if not is_type(node.this, "TIMESTAMP"):
            continue
        if isinstance(node, exp.DateDiff | exp.DatetimeDiff):
            if not is_type(node.expression, "TIMESTAMP"):
                continue
            new = typed(
                exp.TimestampDiff(
                    this=node.this.copy(),
                    expression=node.expression.copy(),
                    unit=node.args["unit"].copy(),
                ),
                "BIGINT",
            )
        else:
            args = {"this": node.this.copy(), "unit": node.args["unit"].copy()}
            if node.args.get("zone") is not None:
                args["zone"] = node.args["zone"].copy()
            new = typed(exp.TimestampTrunc(**args), "TIMESTAMPTZ")
        node.replace(new)
        changed = True
    for node in nodes(tree, exp.TimeToStr):
        inner = node.this
        if node.args.get("zone") is None or not isinstance(inner, exp.TsOrDsToDatetime):
            continue
        if not is_type(inner.this, "TIMESTAMP"):
            continue
        inner.replace(typed(exp.TsOrDsToTimestamp(this=inner.this.copy()), "TIMESTAMPTZ"))
        changed = True
    return changed


def datetime_weeks(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """DATE_TRUNC/DATETIME_TRUNC(datetime, WEEK[(day)] | ISOWEEK) is a DATETIME."""

    changed = False
    for node in nodes(tree, exp.DateTrunc, exp.DatetimeTrunc):
        unit = unit_name(node.args.get("unit"))
        if not unit.startswith(("WEEK", "ISOWEEK")) or not is_type(node.this, "DATETIME"):
            continue
        if node.meta.get("datetime_week") or isinstance(node.parent, exp.Cast):
            continue
        node.meta["datetime_week"] = True
        node.replace(typed(cast(node.copy(), "TIMESTAMP"), "TIMESTAMP"))
        changed = True
    return changed
