"""Time zones written as UTC offsets (issue 15, oracle round 3).

BigQuery takes a time zone as a name ('America/Los_Angeles') or an offset from UTC
('-08', '+05:30', 'UTC+3'); DuckDB's ICU time zones know the names but not a bare
offset (a raw NotImplementedException), though they read ICU's custom ids 'GMT+05:30'.
"""

from __future__ import annotations

import re

from sqlglot import exp

from workbench.translate import zone_text
from workbench.translate.context import Context, Translation
from workbench.translate.rules import zone_local
from workbench.translate.rules._sql import bottom_up, case, cast, fail, fn, is_type, nodes, paren

_OFFSET = re.compile(zone_text.ZONE_OFFSET)
INVALID_ZONE = "Invalid time zone: not an offset (+H[H][:MM]) or a zone name BigQuery knows"
# the calls whose argument ``zone`` is a time zone (DATETIME(ts, zone) holds it as
# ``expression``: sqlglot reads DATETIME's two arguments as a date and a time)
ZONED = (
    exp.Timestamp,
    exp.Date,
    exp.Time,
    exp.AtTimeZone,
    exp.TimestampTrunc,
    exp.DateTrunc,
    exp.StrToTime,
    exp.TimeToStr,
    exp.String,
)


def _icu(text: str) -> str | None:
    """'-08' → 'GMT-08:00', 'UTC+0530' → 'GMT+05:30' (BigQuery's offsets, ``zone_text``);
    '' for a zone BigQuery does not read ('+15', 'utc'); None for a zone name."""
    if _OFFSET.fullmatch(text) is None and not zone_text.wrong_case(text):
        # a name IANA lacks ('FooZone', '') is checked where the call runs, against ICU's
        # names: BigQuery's "Invalid time zone", not DuckDB's NotImplementedException
        return None if zone_text.known_name(text) else ""
    return zone_text.zone(text) or ""


def checked_zone(zone: exp.Expression) -> exp.Expression:
    """``zone`` as ICU's id ('+7:30' → 'GMT+07:30'), an error where BigQuery raises one."""
    icu = fn(zone_text.ZONE, zone.copy())
    bad = exp.And(
        this=exp.Is(this=icu.copy(), expression=exp.Null()),
        expression=exp.Not(this=exp.Is(this=paren(zone.copy()), expression=exp.Null())),
    )
    out = paren(case(bad, fail(INVALID_ZONE), icu))
    out.type = exp.DataType.build("VARCHAR")
    return out


def offset_zones(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """A literal UTC offset given as a time zone becomes ICU's 'GMT±HH:MM' id."""

    changed = False
    for node in nodes(tree, *ZONED, exp.Datetime):
        if isinstance(node, exp.Datetime):
            if not is_type(node.this, "TIMESTAMP"):
                continue
            zone = node.args.get("expression")
        else:
            zone = node.args.get("zone")
        if not (isinstance(zone, exp.Literal) and zone.is_string):
            continue
        icu = _icu(zone.name)
        if icu == "":  # BigQuery's error, raised where the call runs (as BigQuery raises it)
            node.meta["zone_checked"] = True  # once: zone-arguments leaves it
            zone.replace(checked_zone(zone))
            changed = True
        elif icu is not None:
            replacement = exp.Literal.string(icu)
            replacement.type = exp.DataType.build("VARCHAR")
            zone.replace(replacement)
            changed = True
    return changed


# text that names its own zone or offset after the time of day ('...12:00:00+05:30', 'Z')
_OWN_ZONE = (
    r"\d:\d\d(:\d\d(\.\d*)?)?\s*([zZ]|[+-]\d{1,2}(:?\d\d)?|UTC|[A-Za-z_]+/[A-Za-z_/+-]+)\s*$"
)


def zoned_calls(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """TIMESTAMP(text | datetime, zone), DATETIME(timestamp, zone) and DATE_TRUNC(timestamp,
    part, zone) with any zone. sqlglot writes the first two only for the zone names it lists
    (a raw Parser Error, or the zone cast to a TIME, for any other zone: 'GMT+05:30', a
    column) and drops DATE_TRUNC's zone. Text that names its own zone beside a zone argument
    is an error, as in BigQuery ("Timezone is not allowed")."""

    changed = False
    for node in bottom_up(tree, exp.Timestamp, exp.Datetime, exp.DateTrunc, exp.Date):
        if isinstance(node, exp.Date):
            if node.args.get("zone") is None or node.meta.get("zone_range"):
                continue
            node.meta["zone_range"] = True
            new = _in_range(node.copy(), "DATE")
            new.type = exp.DataType.build("DATE")
            node.replace(new)
            changed = True
            continue
        if isinstance(node, exp.Timestamp):
            zone = node.args.get("zone")
            if zone is None:
                continue
            value = node.this
            # a local time shown twice is the earlier instant (``zone_local``)
            new: exp.Expression = zone_local.earlier(
                exp.AtTimeZone(this=cast(value.copy(), "TIMESTAMP"), zone=zone.copy()),
                zone.copy(),
            )
            if is_type(value, "STRING"):
                own = fn("regexp_matches", value.copy(), exp.Literal.string(_OWN_ZONE))
                new = case(own, fail("TIMESTAMP: the text has a time zone of its own"), new)
            kind = "TIMESTAMPTZ"
        elif isinstance(node, exp.Datetime):
            zone = node.expression
            text = is_type(zone, "STRING") or (isinstance(zone, exp.Literal) and zone.is_string)
            if zone is None or not is_type(node.this, "TIMESTAMP") or not text:
                continue
            new = cast(
                exp.AtTimeZone(this=cast(node.this.copy(), "TIMESTAMPTZ"), zone=zone.copy()),
                "TIMESTAMP",
            )
            kind = "TIMESTAMP"
        else:
            zone = node.args.get("zone")
            if zone is None or not is_type(node.this, "TIMESTAMP"):
                continue
            new = exp.TimestampTrunc(
                this=node.this.copy(), unit=node.args["unit"].copy(), zone=zone.copy()
            )
            kind = "TIMESTAMPTZ"
        if not isinstance(node, exp.DateTrunc):
            new = _in_range(new, kind)
        new = paren(new)
        new.type = exp.DataType.build(kind, dialect="duckdb")
        node.replace(new)
        changed = True
    return changed


# the first and last instants of BigQuery's types, as DuckDB values
_RANGE = {
    "DATE": ("DATE", "0001-01-01", "9999-12-31"),
    "TIMESTAMP": ("TIMESTAMP", "0001-01-01 00:00:00", "9999-12-31 23:59:59.999999"),
    "TIMESTAMPTZ": ("TIMESTAMPTZ", "0001-01-01 00:00:00+00", "9999-12-31 23:59:59.999999+00"),
}


def _in_range(value: exp.Expression, kind: str) -> exp.Expression:
    """``value``, or an error where the zone moved it out of its type's range (DATE of
    0001-01-01 00:00 UTC in Los Angeles is in year 0: an error in GoogleSQL)."""
    duck, low, high = _RANGE[kind]
    out = exp.Or(
        this=exp.LT(this=paren(value.copy()), expression=cast(exp.Literal.string(low), duck)),
        expression=exp.GT(
            this=paren(value.copy()), expression=cast(exp.Literal.string(high), duck)
        ),
    )
    return paren(case(out, fail("the time zone moves the value out of range"), value))
