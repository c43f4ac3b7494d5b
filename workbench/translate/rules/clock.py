"""The pinned clock: CURRENT_DATE() and friends read the dataset's as-of instant."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlglot import exp

from wbcore.errors import UserError
from workbench.translate.context import Context, Translation, UnsupportedError, line_of
from workbench.translate.rules._sql import nodes


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
                raise UserError(
                    f"unknown time zone {zone.name!r}", line=line_of(node), construct=zone.name
                ) from None
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
