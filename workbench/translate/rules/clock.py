"""The pinned clock: CURRENT_DATE() and friends read the dataset's as-of instant."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlglot import exp

from workbench.translate.context import Context, Translation, UnsupportedError, line_of
from workbench.translate.rules._sql import fail, nodes

INVALID_ZONE = "invalid time zone"
_KINDS = {
    exp.CurrentDate: "DATE",
    exp.CurrentTimestamp: "TIMESTAMP",
    exp.CurrentDatetime: "DATETIME",
    exp.CurrentTime: "TIME",
}


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
                now = now.astimezone(ZoneInfo(zone.name))
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
