"""Civil time literals and ranges: what BigQuery accepts as DATE/DATETIME/TIME/TIMESTAMP.

A literal BigQuery rejects (a 13th month, 24:00:00, a leap second where none is allowed) is
an error offline too; a value outside 0001-01-01 .. 9999-12-31 is an error where DuckDB
would carry on.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlglot import exp

from workbench.translate.context import (
    Context,
    Translation,
    UserError,
    line_of,
)
from workbench.translate.rules._sql import (
    case,
    cast,
    fail,
    is_type,
    nodes,
    paren,
    temporal_kind,
)

_DATE_TEXT = re.compile(r"\s*(\d+)-(\d+)-(\d+)")
_TIME_TEXT = re.compile(r"(\d+):(\d+):(\d+)(?:\.\d+)?")
# A TIME literal as GoogleSQL's reads it: [H]H:[M]M:[S]S[.F], nothing before or after (the
# reference evaluator refuses '2024-02-29', '12:34', ' 12:34:56 '; DuckDB reads them).
_TIME_LITERAL = re.compile(r"\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d{1,9})?")


def _civil_error(text: str, kind: str) -> str | None:
    """Why ``text`` is no valid ``kind`` literal in BigQuery (None: valid, or left to DuckDB)."""

    rest = text
    if kind == "TIME" and not _TIME_LITERAL.fullmatch(text):
        return "it is not in the form HH:MM:SS[.FFFFFF]"
    if kind != "TIME":
        m = _DATE_TEXT.match(text)
        if m is None:
            return None
        year, month, day = (int(g) for g in m.groups())
        if not 1 <= year <= 9999 or len(m.group(1)) > 4:
            return "the year is outside 1 to 9999"
        try:
            dt.date(year, month, day)
        except ValueError:
            return "the month or day does not exist"
        rest = text[m.end() :].lstrip(" T")
        if kind == "DATE" or not rest.strip():
            return None
    m = _TIME_TEXT.match(rest.strip())
    if m is None:
        return None
    hour, minute, second = (int(g) for g in m.groups())
    if hour > 23 or minute > 59 or second > 60:
        return "the time of day is outside 00:00:00 to 23:59:59.999999"
    return None


def civil_time_literals(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """DATE/DATETIME/TIME/TIMESTAMP literals outside BigQuery's range are errors, as there.

    DuckDB accepts years 0 and 10000+ and TIME '24:00:00'; BigQuery's types run from
    0001-01-01 to 9999-12-31 and 00:00:00 to 23:59:59.999999. SAFE_CAST of such text is NULL.
    """

    changed = False
    for node in nodes(tree, exp.Cast):
        lit = node.this
        if not (isinstance(lit, exp.Literal) and lit.is_string):
            continue
        kind = temporal_kind(node)
        why = _civil_error(lit.name, kind) if kind else None
        if isinstance(node, exp.TryCast):
            # SAFE_CAST of such text is NULL; DuckDB's TRY_CAST reads '2024-02-29' as a TIME
            if why:
                node.replace(exp.Cast(this=exp.Null(), to=node.to.copy()))
                changed = True
            continue
        if why and _written_cast(node):
            # CAST('2020-13-01' AS DATE) is valid to GoogleSQL's analyzer: it fails when it
            # runs (so not in a branch never taken), as the reference evaluator's does
            node.replace(exp.Cast(this=fail(f"invalid {kind} value: {why}"), to=node.to.copy()))
            changed = True
            continue
        if why:  # a typed literal (DATE '...'): BigQuery rejects the statement
            raise UserError(f"invalid {kind} literal: {why}", line=line_of(node), construct=kind)
        leap = _leap_second(lit.name, kind) if kind else None
        if leap is not None:
            lit.replace(exp.Literal.string(leap))
            changed = True
    return changed


def _written_cast(node: exp.Cast) -> bool:
    """A ``CAST(... AS type)`` as written, not a typed literal (``DATE '...'``), which sqlglot
    parses into a Cast too: only the parser's CAST sets the ``safe``/``format`` arguments."""
    return "safe" in node.args or "format" in node.args


_LEAP = re.compile(
    r"^(?P<day>\s*\d+-\d+-\d+[ T]+)?(?P<h>\d+):(?P<m>\d+):60(?P<frac>\.\d+)?(?P<tail>.*)$"
)


def _leap_second(text: str, kind: str) -> str | None:
    """A literal with second 60 as BigQuery reads it: one second after hh:mm:59.

    DuckDB rejects second 60. BigQuery reads TIME and DATETIME literals as the next whole
    second (the fraction dropped), a TIMESTAMP literal as the next second, fraction kept.
    """

    m = _LEAP.match(text)
    if m is None:
        return None
    day = dt.date(1970, 1, 1)
    if m.group("day"):
        year, month, mday = (int(p) for p in m.group("day").strip(" T").split("-"))
        day = dt.date(year, month, mday)
    moment = dt.datetime.combine(day, dt.time(int(m.group("h")), int(m.group("m")), 59))
    moment += dt.timedelta(seconds=1)
    frac = (m.group("frac") or "") if kind == "TIMESTAMP" else ""
    clock = moment.strftime("%H:%M:%S") + frac
    if kind == "TIME":
        return clock
    return f"{moment.strftime('%Y-%m-%d')} {clock}{m.group('tail')}"


# The first and last value of each civil-time type, as DuckDB literals of its DuckDB type.
_BOUNDS: dict[str, tuple[str, str, str]] = {
    "DATE": ("DATE", "0001-01-01", "9999-12-31"),
    "DATETIME": ("TIMESTAMP", "0001-01-01 00:00:00", "9999-12-31 23:59:59.999999"),
    "TIMESTAMP": ("TIMESTAMPTZ", "0001-01-01 00:00:00+00", "9999-12-31 23:59:59.999999+00"),
    "TIME": ("TIME", "00:00:00", "23:59:59.999999"),
}
_RANGED = (
    exp.DateAdd,
    exp.DateSub,
    exp.DatetimeAdd,
    exp.DatetimeSub,
    exp.TimestampAdd,
    exp.TimestampSub,
    exp.Cast,
    exp.Add,
    exp.Sub,
    exp.DateFromParts,
    exp.TimestampFromParts,
    exp.TimeFromParts,
    exp.UnixToTime,
    exp.DateFromUnixDate,
    exp.DateTrunc,
    exp.DatetimeTrunc,
    exp.TimestampTrunc,
    exp.LastDay,
)


def _out_of_range(value: exp.Expression, kind: str) -> exp.Expression:
    duck, low, high = _BOUNDS[kind]
    return exp.Or(
        this=exp.LT(this=value.copy(), expression=cast(exp.Literal.string(low), duck)),
        expression=exp.GT(this=value.copy(), expression=cast(exp.Literal.string(high), duck)),
    )


def _in_window_spec(node: exp.Expression) -> bool:
    """Whether ``node`` is in a window's PARTITION BY or ORDER BY, where DuckDB refuses the
    (volatile) error() of a run-time check."""

    child, parent = node, node.parent
    while parent is not None:
        if isinstance(parent, exp.Window) and child.arg_key in ("partition_by", "order"):
            return True
        child, parent = parent, parent.parent
    return False


def civil_time_range(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Date arithmetic and casts from text past BigQuery's range raise (SAFE_CAST: NULL).

    DuckDB's dates run past 9999-12-31 and its TIME has 24:00:00, so
    DATE_ADD(DATE '9999-12-31', INTERVAL 1 DAY) would be 10000-01-01 offline.
    """

    changed = False
    # innermost first: a wrapped call's copies then hold its wrapped arguments
    for node in reversed(nodes(tree, *_RANGED)):
        kind = temporal_kind(node)
        if node.meta.get("civil_range") or not (kind or isinstance(node, exp.Add | exp.Sub)):
            continue
        if _in_window_spec(node):
            continue  # unchecked there: the query must still run
        if isinstance(node, exp.Add | exp.Sub):
            if not (is_type(node.this, "DATE") or is_type(node.expression, "DATE")):
                continue
            kind = "DATE"
        if isinstance(node, exp.Cast):
            # only text can name a value outside the range; a literal was checked already,
            # but for a TIMESTAMP in the first or last year, whose zone may move it out
            literal = isinstance(node.this, exp.Literal) and not isinstance(node, exp.TryCast)
            edge = kind == "TIMESTAMP" and node.this.name.strip()[:4] in ("0001", "9999")
            if not is_type(node.this, "STRING") or (literal and not edge):
                continue
        node.meta["civil_range"] = True
        bad = _out_of_range(node, kind)
        otherwise = (
            exp.Null()
            if isinstance(node, exp.TryCast)
            else fail(f"{kind} value out of range")
        )
        new = paren(case(bad, otherwise, node.copy()))
        new.type = node.type
        node.replace(new)
        changed = True
    return changed
