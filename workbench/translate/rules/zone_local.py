"""Local times in a named time zone, read as BigQuery reads them (issue 15, compliance).

A local time that a zone's clocks show twice (the hour repeated when daylight saving time
ends) is the earlier instant in BigQuery, the offset before the change ('2017-11-05 01:30
America/New_York' is 05:30 UTC); DuckDB's ICU takes the later one (06:30). And
TIMESTAMP_TRUNC(ts, HOUR | MINUTE | ..., zone) truncates the time of day shown in the zone
(an hour in Asia/Kathmandu, +05:45, starts at :15 UTC), where DuckDB truncated in UTC.
https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_trunc
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate import zone_text
from workbench.translate.context import Context, Translation
from workbench.translate.rules._sql import case, cast, fail, fn, nodes, paren, typed, unit_name

_SUB_DAY = ("HOUR", "MINUTE", "SECOND", "MILLISECOND", "MICROSECOND")


def earlier(instant: exp.Expression, zone: exp.Expression) -> exp.Expression:
    """``instant`` (DuckDB's reading of a local time in ``zone``) moved to the earlier of the
    two instants that show the same local time, where there are two."""
    return typed(fn(zone_text.EARLIER, instant, zone), "TIMESTAMPTZ")


def text_zone(text: exp.Expression) -> exp.Expression:
    """The zone name TIMESTAMP text ends with ('... America/New_York'), else 'UTC'."""
    return typed(fn(zone_text.TEXT_ZONE, text), "VARCHAR")


def zoned_truncation(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """TIMESTAMP_TRUNC(ts, HOUR/MINUTE/SECOND/..., zone): ts less the part of the zone's
    time of day below the unit (the offset kept: no local time is read back); by ISOYEAR,
    the ISO year's first midnight in the zone."""

    changed = False
    for node in nodes(tree, exp.TimestampTrunc):
        zone = node.args.get("zone")
        unit = unit_name(node.args.get("unit"))
        if zone is not None and unit == "ISOYEAR":
            # sqlglot's generator truncates only its date units in the zone: ISOYEAR was
            # truncated in UTC (2017-11-06 in Pacific/Auckland: 2017-01-02 00:00 UTC, where
            # the ISO year starts at 2017-01-01 11:00 UTC, midnight in Auckland)
            local = exp.AtTimeZone(this=paren(node.this.copy()), zone=zone.copy())
            kept = fn("date_trunc", exp.Literal.string("isoyear"), local)
            new = typed(paren(exp.AtTimeZone(this=kept, zone=zone.copy())), "TIMESTAMPTZ")
            early = exp.LT(
                this=new.copy(),
                expression=cast(exp.Literal.string("0001-01-01 00:00:00+00"), "TIMESTAMPTZ"),
            )  # the ISO year of 0001-01-01 starts that day: east of UTC, in year 0
            new = paren(case(early, fail("TIMESTAMP value out of range"), new))
            node.replace(typed(new, "TIMESTAMPTZ"))
            changed = True
            continue
        if zone is None or unit not in _SUB_DAY:
            continue
        local = exp.AtTimeZone(this=paren(node.this.copy()), zone=zone.copy())
        kept = exp.TimestampTrunc(this=local.copy(), unit=exp.Var(this=unit))
        new = paren(
            exp.Sub(
                this=paren(node.this.copy()),
                expression=paren(exp.Sub(this=local, expression=kept)),
            )
        )
        node.replace(typed(new, "TIMESTAMPTZ"))
        changed = True
    return changed


def ambiguous_local_times(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """PARSE_TIMESTAMP(format, text, zone): a repeated local time is the earlier instant.
    (TIMESTAMP(x, zone) and TIMESTAMP text naming its zone: ``zones``, ``civil_text``.)"""

    changed = False
    for node in nodes(tree, exp.StrToTime):
        zone = node.args.get("zone")
        if zone is None or node.meta.get("earlier"):
            continue
        node.meta["earlier"] = True
        node.replace(earlier(node.copy(), zone.copy()))
        changed = True
    return changed
