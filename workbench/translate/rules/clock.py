"""The pinned clock: CURRENT_DATE() and friends read the dataset's as-of instant."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlglot import exp

from workbench.translate.context import Context, Translation, UnsupportedError, line_of
from workbench.translate.rules._sql import cast, fail, fn, nodes, typed
from workbench.translate.rules.zones import _OFFSET, _icu

INVALID_ZONE = "invalid time zone"
_KINDS = {
    exp.CurrentDate: "DATE",
    exp.CurrentTimestamp: "TIMESTAMP",
    exp.CurrentDatetime: "DATETIME",
    exp.CurrentTime: "TIME",
}


def _zone(name: str) -> dt.tzinfo:
    """A zone name, or an offset from UTC as BigQuery writes one ('+01:00', '-08', 'UTC+3')."""
    m = _OFFSET.fullmatch(name.strip())
    if m is None:
        return ZoneInfo(name)
    minutes = int(m.group(2)) * 60 + int(m.group(3) or 0)
    return dt.timezone(dt.timedelta(minutes=-minutes if m.group(1) == "-" else minutes))


def pin_clock(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """CURRENT_DATE()/CURRENT_TIMESTAMP()/CURRENT_DATETIME()/CURRENT_TIME() read the dataset's as-of instant.

    Offline, "now" is the moment the dataset was generated for, so results and notebook
    outputs do not drift from day to day. A time zone argument is applied exactly.
    """

    if ctx.now is None:
        return False
    kinds = (exp.CurrentDate, exp.CurrentTimestamp, exp.CurrentDatetime, exp.CurrentTime)
    changed = False
    for node in nodes(tree, *kinds):
        zone = node.args.get("this") or node.args.get("zone")
        now = ctx.now
        if zone is not None and not isinstance(node, exp.CurrentTimestamp):
            if not (isinstance(zone, exp.Literal) and zone.is_string):
                raise UnsupportedError(
                    f"{node.sql('bigquery')} with a computed time zone",
                    "the pinned clock needs a literal zone name",
                    line_of(node),
                )
            try:
                now = now.astimezone(_zone(zone.name))
            except (ZoneInfoNotFoundError, ValueError):
                now = None  # GoogleSQL's evaluator raises it when the call runs, not before
        if now is None:
            to = exp.DataType.build(_KINDS[type(node)], dialect="bigquery")
            node.replace(exp.Cast(this=fail(INVALID_ZONE), to=to))
            changed = True
            continue
        if isinstance(node, exp.CurrentTimestamp):
            text, kind = now.strftime("%Y-%m-%d %H:%M:%S.%f+00"), "TIMESTAMP"
        elif isinstance(node, exp.CurrentDate):
            text, kind = now.strftime("%Y-%m-%d"), "DATE"
        elif isinstance(node, exp.CurrentDatetime):
            text, kind = now.strftime("%Y-%m-%d %H:%M:%S.%f"), "DATETIME"
        else:
            text, kind = now.strftime("%H:%M:%S.%f"), "TIME"
        node.replace(
            exp.cast(exp.Literal.string(text), exp.DataType.build(kind, dialect="bigquery"))
        )
        changed = True
    return changed


def current_zones(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Unpinned CURRENT_DATE/CURRENT_DATETIME/CURRENT_TIME([zone]) are the current instant's
    date, datetime or time of day in ``zone`` (UTC by default), in BigQuery's types: sqlglot
    drops CURRENT_TIME's zone, writes CURRENT_DATETIME, which DuckDB lacks, and DuckDB's
    CURRENT_TIME is a TIME WITH TIME ZONE that no TIME compares with."""

    if ctx.now is not None:
        return False  # pinned-clock has replaced them with the as-of instant
    changed = False
    for node in nodes(tree, exp.CurrentDate, exp.CurrentDatetime, exp.CurrentTime):
        zone = node.args.get("this") or node.args.get("zone")
        if zone is None:
            zone = exp.Literal.string("UTC")
        elif isinstance(zone, exp.Literal) and zone.is_string and _icu(zone.name):
            zone = exp.Literal.string(_icu(zone.name))
        elif isinstance(zone, exp.Literal) and zone.is_string:
            try:
                _zone(zone.name)
            except (ZoneInfoNotFoundError, ValueError):  # as BigQuery, when the call runs
                node.replace(cast(fail(f"{INVALID_ZONE}: {zone.name}"), _KINDS[type(node)]))
                changed = True
                continue
        local = fn("timezone", zone.copy(), exp.CurrentTimestamp())
        kind = _KINDS[type(node)]
        new = typed(local, "TIMESTAMP") if kind == "DATETIME" else typed(cast(local, kind), kind)
        node.replace(new)
        changed = True
    return changed
