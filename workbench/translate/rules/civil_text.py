"""Text cast to DATE, DATETIME and TIMESTAMP must be in BigQuery's canonical form
(issue 15, oracle round 3).

DuckDB's casts read more: spaces around the text, '/' between the date's parts, a time of
day without seconds, a DATE from a datetime's text. GoogleSQL's reference evaluator
refuses each ("Invalid date: ' 2024-02-29 '"); SAFE_CAST gives NULL for them.
"""

from __future__ import annotations

import re

from sqlglot import exp

from workbench.translate import zone_text
from workbench.translate.context import Context, Translation, UserError, line_of
from workbench.translate.rules import zone_local
from workbench.translate.rules import zone_text as rules_zone_text
from workbench.translate.rules._sql import case, cast, fail, fn, is_type, nodes, paren, typed

_DATE = r"\d{1,4}-\d{1,2}-\d{1,2}"
_TIME = r"[ Tt]\d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?"
_ZONE = r"( ?([zZ]|[+-]\d{1,2}(:?\d\d)?)| [A-Za-z][A-Za-z0-9_/+-]*)"
# the canonical forms (conversion_functions#cast_as_date, #cast_as_datetime,
# #cast_as_timestamp): [Y]YYY-[M]M-[D]D[( |T)[H]H:[M]M:[S]S[.F]][time zone]
CANONICAL: dict[str, str] = {
    "DATE": _DATE,
    "DATETIME": f"{_DATE}({_TIME})?",
    "TIMESTAMP": f"{_DATE}({_TIME}{_ZONE}?)?",
}
_NAMES = {"DATE": "DATE", "DATETIME": "DATETIME", "TIMESTAMP": "TIMESTAMP"}


def _target(node: exp.Cast) -> str:
    to = node.args.get("to")
    for name in CANONICAL:
        if is_type(to, name):
            return name
    return ""


def civil_text_casts(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """CAST/SAFE_CAST(STRING AS DATE | DATETIME | TIMESTAMP) of text outside the canonical
    form raise (SAFE_CAST: NULL): checked when the query is translated for a literal, at
    run time for other text."""

    changed = False
    for node in reversed(nodes(tree, exp.Cast)):
        kind = _target(node)
        value = node.this
        if not kind or node.meta.get("civil_text"):
            continue
        literal = isinstance(value, exp.Literal) and value.is_string
        if not (literal or is_type(value, "STRING")):
            continue
        node.meta["civil_text"] = True
        pattern = CANONICAL[kind]
        safe = isinstance(node, exp.TryCast)
        if literal and kind == "TIMESTAMP":
            # the zone read as BigQuery reads it (' UTC+0730': DuckDB read +07, or nothing)
            text = zone_text.timestamp_text(value.name)
            if text is not None:
                named = zone_text.named_zone(text)
                # typed, so that civil-time-range checks a year 1 or 9999 the zone moves out
                value.replace(typed(exp.Literal.string(text), "VARCHAR"))
                if named is not None:  # a local time shown twice: the earlier instant
                    copy = node.copy()
                    copy.meta["civil_text"] = True
                    node.replace(zone_local.earlier(copy, exp.Literal.string(named)))
                    changed = True
                continue
        if literal:
            if re.fullmatch(pattern, value.name) and kind != "TIMESTAMP":
                continue
            if safe:
                node.replace(exp.Cast(this=exp.Null(), to=node.to.copy()))
                changed = True
                continue
            raise UserError(
                f"invalid {kind} text: not in the form {kind} text has in BigQuery "
                "(YYYY-MM-DD[ HH:MM:SS[.F]][zone], nothing around it)",
                line=line_of(node),
                construct=kind,
            )
        bad = exp.Not(this=fn("regexp_full_match", value.copy(), exp.Literal.string(pattern)))
        read = node.copy()
        if kind == "TIMESTAMP":  # the zone as BigQuery reads it, at run time
            bad = exp.And(
                this=exp.Is(this=rules_zone_text.timestamp_text(value), expression=exp.Null()),
                expression=exp.Not(this=exp.Is(this=paren(value.copy()), expression=exp.Null())),
            )
            read.set("this", rules_zone_text.timestamp_text(value))
            read.meta["civil_text"] = True
            read = zone_local.earlier(read, zone_local.text_zone(value.copy()))
        elif kind == "DATETIME":
            read.set("this", rules_zone_text.civil_text(value))
        otherwise = (
            cast(exp.Null(), node.to.sql("duckdb"))
            if safe
            else fail(f"CAST failed: the text is no {kind} in BigQuery's form")
        )
        new = paren(case(bad, otherwise, read))
        new.type = node.type
        node.replace(new)
        changed = True
    return changed


def _has_time_of_day(node: exp.Expression) -> bool:
    return isinstance(node, exp.Literal) and node.is_string and bool(re.search(r"\d:\d", node.name))


def _as(node: exp.Expression, to: str) -> exp.Expression:
    new = cast(node.copy(), to)
    new.type = exp.DataType.build(to, dialect="duckdb")
    return new


def civil_constructor_text(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """DATE/TIME/DATETIME of a string literal read it as GoogleSQL's analyzer coerces it.

    DATE('2010-11-12 23:02:03-05') and TIME(...) take the literal as a TIMESTAMP (their
    TIMESTAMP signature), so the offset counts and the day or time is UTC's: 2010-11-13,
    04:02:03; DuckDB cast the text to a DATE or TIME and dropped the offset. DATETIME('...')
    takes it as a DATETIME literal, checked like CAST(... AS DATETIME) (an offset is an error).
    TIME(timestamp) is the time of day in UTC (DuckDB casts no TIMESTAMPTZ to TIME).
    https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_rules#coercion
    """

    changed = False
    for node in nodes(tree, exp.Date, exp.TsOrDsToTime, exp.TsOrDsToDatetime):
        value = node.this
        if len([v for v in node.args.values() if v not in (None, [])]) != 1:
            continue  # DATE(ts, zone) and the like: their own rules
        if isinstance(node, exp.TsOrDsToDatetime):
            if isinstance(value, exp.Literal) and value.is_string:
                node.replace(_as(value, "TIMESTAMP"))
                changed = True
            continue
        if _has_time_of_day(value) or (
            isinstance(node, exp.TsOrDsToTime)
            and (is_type(value, "STRING") or isinstance(value, exp.Parameter | exp.Placeholder))
        ):  # TIME(@p): a STRING parameter is coerced as a literal is; a DATETIME's time of day
            # is the same through a UTC TIMESTAMP
            value = value.replace(_as(value, "TIMESTAMPTZ"))
            changed = True
        if isinstance(node, exp.TsOrDsToTime) and is_type(value, "TIMESTAMP"):
            value.replace(fn("timezone", exp.Literal.string("UTC"), value.copy()))
            node.replace(_as(node.this, "TIME"))
            changed = True
    return changed


_CIVIL_KINDS = ("DATE", "DATETIME", "TIME", "TIMESTAMP")
_DUCKDB = {"DATE": "DATE", "DATETIME": "TIMESTAMP", "TIME": "TIME", "TIMESTAMP": "TIMESTAMPTZ"}


def _leaves(node: exp.Expression) -> list[exp.Select] | None:
    """The SELECTs a set operation combines (None when a branch is not a plain SELECT)."""
    if isinstance(node, exp.SetOperation):
        left, right = _leaves(node.this), _leaves(node.expression)
        return None if left is None or right is None else left + right
    if isinstance(node, exp.Subquery | exp.Paren):
        return _leaves(node.this)
    if isinstance(node, exp.Select):
        return [node]
    return None


def _column(select: exp.Select, i: int) -> exp.Expression:
    e = select.expressions[i]
    return e.this if isinstance(e, exp.Alias) else e


def set_operation_literals(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """A string literal in a set operation's column whose other branches are DATE, DATETIME,
    TIME or TIMESTAMP is a literal of that type, as BigQuery coerces it to the column's
    supertype: ``SELECT DATE '2015-01-30' UNION ALL SELECT '2014-01-30'`` is a DATE column
    (DuckDB made it text, so comparisons and functions on it differed).
    https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_rules#supertypes
    """

    changed = False
    for node in nodes(tree, exp.SetOperation):
        if isinstance(node.parent, exp.SetOperation):
            continue  # the outermost set operation sees every branch
        selects = _leaves(node)
        if not selects or len({len(s.expressions) for s in selects}) != 1:
            continue
        for i in range(len(selects[0].expressions)):
            values = [_column(s, i) for s in selects]
            texts = [v for v in values if isinstance(v, exp.Literal) and v.is_string]
            kinds = {
                kind
                for v in values
                if v not in texts and not isinstance(v, exp.Null)
                for kind in _CIVIL_KINDS
                if is_type(v, kind)
            }
            if not texts or len(kinds) != 1:
                continue
            (kind,) = kinds
            others = [v for v in values if v not in texts and not isinstance(v, exp.Null)]
            if not all(is_type(v, kind) for v in others):
                continue  # a STRING column too: the supertype is STRING's
            for text in texts:
                text.replace(_as(text, _DUCKDB[kind]))
            changed = True
    return changed
