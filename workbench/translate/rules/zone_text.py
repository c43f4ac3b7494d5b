"""Time zones that are not literals: zone arguments and text cast to a TIMESTAMP (issue 15).

A literal is read when the query is translated (``zones.offset_zones``, ``civil_text``);
these rules read other text at run time, through the macros of ``translate.zone_text``, so
the answer is BigQuery's exactly or BigQuery's error, never DuckDB's reading ('+07' of
' UTC+07:30', a NotImplementedException for the zone argument '+05:30').
https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#time_zones
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate import zone_text
from workbench.translate.context import Context, Translation
from workbench.translate.rules._sql import fn, is_type, nodes
from workbench.translate.rules.zones import ZONED, checked_zone

_CURRENT = (exp.CurrentDate, exp.CurrentDatetime, exp.CurrentTime, exp.CurrentTimestamp)


def _zone_of(node: exp.Expression) -> tuple[str, exp.Expression | None]:
    if isinstance(node, exp.Datetime):
        return "expression", node.args.get("expression")
    if isinstance(node, _CURRENT):
        return "this", node.this
    return "zone", node.args.get("zone")


def zone_arguments(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """A time zone argument that is not a literal (a column, CONCAT(...), a parameter) is
    read at run time as BigQuery reads it: an offset with or without 'UTC' (hours to 14,
    'HHMM' or 'H:MM'), or a zone name with its case."""

    changed = False
    for node in nodes(tree, *ZONED, exp.Datetime, *_CURRENT):
        if isinstance(node, exp.Datetime) and not is_type(node.this, "TIMESTAMP"):
            continue
        key, zone = _zone_of(node)
        if zone is None or node.meta.get("zone_checked"):
            continue
        if isinstance(zone, exp.Null) or (isinstance(zone, exp.Literal) and zone.is_string):
            continue
        if not (is_type(zone, "STRING") or isinstance(zone, exp.Parameter | exp.Placeholder)):
            continue
        node.meta["zone_checked"] = True
        node.set(key, checked_zone(zone))
        changed = True
    return changed


def text_constructors(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """TIMESTAMP(text) and, for text that is not a literal, DATETIME(text) and DATE(text)
    read it as the CASTs do (GoogleSQL's reference evaluator: DATE(text) is the UTC date of the text
    as a TIMESTAMP), so the checks of ``civil-text-casts`` apply; DuckDB cast the text itself
    and dropped or misread its offset ('...+07:30' as a DATETIME: midnight)."""

    changed = False
    for node in nodes(tree, exp.Timestamp, exp.TsOrDsToDatetime, exp.Date):
        value = node.this
        if len([v for v in node.args.values() if v not in (None, [], True, False)]) != 1:
            continue
        literal = isinstance(value, exp.Literal) and value.is_string
        if not isinstance(node, exp.Timestamp) and literal:
            continue  # DATETIME('...') and DATE('...'): civil-constructor-text
        if not (literal or is_type(value, "STRING")):
            continue
        to = "DATETIME" if isinstance(node, exp.TsOrDsToDatetime) else "TIMESTAMP"
        new = exp.Cast(this=value.copy(), to=exp.DataType.build(to, dialect="bigquery"))
        new.type = exp.DataType.build(to, dialect="bigquery")
        if isinstance(node, exp.Date):
            value.replace(new)
        else:
            node.replace(new)
        changed = True
    return changed


def timestamp_text(value: exp.Expression) -> exp.Expression:
    """Non-literal TIMESTAMP text in DuckDB's spelling of the same instant (NULL where
    BigQuery raises): for ``civil-text-casts``."""
    new = fn(zone_text.TIMESTAMP_TEXT, value.copy())
    new.type = exp.DataType.build("VARCHAR")
    return new


def civil_text(value: exp.Expression) -> exp.Expression:
    """DATETIME text with its 'T' or 't' a space (DuckDB reads no lowercase 't')."""
    new = fn(zone_text.CIVIL_TEXT, value.copy())
    new.type = exp.DataType.build("VARCHAR")
    return new
