"""Dates, times and timestamps: week numbering, result types, durations and formats.

BigQuery numbers days of the week from 1 = Sunday, starts WEEK on Sunday with a week 0
before the year's first Sunday, keeps DATE_TRUNC/DATE_ADD on a DATE a DATE, and
measures TIMESTAMP_DIFF in whole elapsed units; DuckDB differs on each.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlglot import exp

from workbench.translate.context import (
    Context,
    Translation,
    UnsupportedError,
    UserError,
    line_of,
)
from workbench.translate.rules._sql import (
    WEEKDAYS,
    bottom_up,
    case,
    cast,
    fail,
    fn,
    has_type,
    is_type,
    nodes,
    num,
    paren,
    unit_name,
)


def _week_number(d: exp.Expression, start: int) -> exp.Expression:
    """Week of the year with weeks starting on weekday ``start`` (0 = Sunday); week 0 first."""

    dow = fn("dayofweek", d.copy())  # 0 = Sunday
    since_start = exp.Mod(
        this=paren(exp.Add(this=exp.Sub(this=dow, expression=num(start)), expression=num(7))),
        expression=num(7),
    )
    doy = fn("dayofyear", d.copy())
    return cast(
        exp.IntDiv(
            this=paren(exp.Add(this=exp.Sub(this=doy, expression=since_start), expression=num(6))),
            expression=num(7),
        ),
        "BIGINT",
    )


def _null_typed(node: exp.Expression) -> bool:
    """``CAST(NULL AS DATE)`` and the like, possibly in parentheses or AT TIME ZONE."""
    while isinstance(node, exp.Paren | exp.AtTimeZone):
        node = node.this
    return isinstance(node, exp.Cast) and isinstance(node.this, exp.Null)


def extract_parts(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """EXTRACT(DAYOFWEEK | WEEK | WEEK(<day>) | ISOWEEK | ISOYEAR | DATE | TIME ...) as BigQuery."""

    changed = False
    for node in bottom_up(tree, exp.Extract):
        part = unit_name(node.this)
        x = node.expression
        if part == "DAYOFWEEK":
            new = cast(exp.Add(this=fn("dayofweek", x.copy()), expression=num(1)), "BIGINT")
        elif part == "WEEK":
            new = _week_number(x, 0)
        elif part.startswith("WEEK("):
            new = _week_number(x, WEEKDAYS.index(part[5:-1]))
        elif part == "ISOWEEK":
            new = cast(fn("week", x.copy()), "BIGINT")
        elif part == "ISOYEAR":
            new = cast(fn("isoyear", x.copy()), "BIGINT")
        elif part == "DATE":
            new = cast(x.copy(), "DATE")
        elif part == "TIME":
            # a TIMESTAMP's time of day in UTC (DuckDB casts no TIMESTAMPTZ to TIME)
            utc = fn("timezone", exp.Literal.string("UTC"), x.copy())
            new = cast(utc if is_type(x, "TIMESTAMP") else x.copy(), "TIME")
        elif part == "DATETIME":
            new = (
                cast(fn("timezone", exp.Literal.string("UTC"), x.copy()), "TIMESTAMP")
                if is_type(x, "TIMESTAMP")
                else cast(x.copy(), "TIMESTAMP")
            )
        elif _null_typed(x):
            # INT64 as for any value: DuckDB's EXTRACT of a typed NULL constant is a DOUBLE
            new = cast(node.copy(), "BIGINT")
        else:
            continue
        node.replace(paren(new))
        changed = True
    return changed


def date_results(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """DATE_TRUNC, DATE_ADD, DATE_SUB and DATE_FROM_UNIX_DATE on a DATE return a DATE."""

    changed = False
    for node in bottom_up(tree, exp.DateTrunc, exp.DateAdd, exp.DateSub, exp.DateFromUnixDate):
        arg = node.this
        if (
            isinstance(node, (exp.DateTrunc, exp.DateAdd, exp.DateSub))
            and isinstance(arg, exp.Literal)
            and arg.is_string
        ):
            # a string literal where a DATE is expected is a DATE literal in BigQuery
            arg.replace(cast(arg.copy(), "DATE"))
        elif not is_type(node, "DATE"):
            continue
        if isinstance(node, exp.DateTrunc):
            unit = unit_name(node.args.get("unit"))
            if unit.startswith("WEEK(") and unit not in ("WEEK(SUNDAY)", "WEEK(MONDAY)"):
                start = WEEKDAYS.index(unit[5:-1])
                d = node.this
                back = exp.Mod(
                    this=paren(
                        exp.Add(
                            this=exp.Sub(this=fn("dayofweek", d.copy()), expression=num(start)),
                            expression=num(7),
                        )
                    ),
                    expression=num(7),
                )
                node.replace(
                    paren(exp.Sub(this=cast(d.copy(), "DATE"), expression=cast(back, "INTEGER")))
                )
                changed = True
                continue
        node.replace(cast(node.copy(), "DATE"))
        changed = True
    return changed


_MICROS = {
    "MICROSECOND": 1,
    "MILLISECOND": 1_000,
    "SECOND": 1_000_000,
    "MINUTE": 60_000_000,
    "HOUR": 3_600_000_000,
    "DAY": 86_400_000_000,
}


def timestamp_diff(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """TIMESTAMP_DIFF counts whole elapsed units (13410.8 hours → 13410), not boundaries."""

    changed = False
    for node in bottom_up(tree, exp.TimestampDiff):
        if not (is_type(node.this, "TIMESTAMP") or is_type(node.expression, "TIMESTAMP")):
            continue
        unit = unit_name(node.args.get("unit"))
        if unit not in _MICROS:
            raise UnsupportedError(
                f"TIMESTAMP_DIFF with {unit}", "BigQuery accepts units up to DAY", line_of(node)
            )
        micros = exp.Sub(
            this=fn("epoch_us", cast(node.this.copy(), "TIMESTAMPTZ")),
            expression=fn("epoch_us", cast(node.expression.copy(), "TIMESTAMPTZ")),
        )
        node.replace(paren(exp.IntDiv(this=paren(micros), expression=num(_MICROS[unit]))))
        changed = True
    return changed


def timestamp_results(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """TIMESTAMP_MILLIS/MICROS and PARSE_TIMESTAMP return a TIMESTAMP (UTC unless a zone is given)."""

    changed = False
    for node in bottom_up(tree, exp.UnixToTime, exp.StrToTime):
        if not is_type(node, "TIMESTAMP"):
            continue
        zone = node.args.get("zone")
        if isinstance(node, exp.StrToTime):
            fmt = node.args.get("format")
            if isinstance(fmt, exp.Literal) and any(z in fmt.name for z in ("%z", "%Z", "%Ez")):
                raise UnsupportedError(
                    "PARSE_TIMESTAMP with a time zone element",
                    "the offset in the text is not applied offline",
                    line_of(node),
                )
        if zone is not None:
            node.set("zone", None)
            new = fn("timezone", zone.copy(), cast(node.copy(), "TIMESTAMP"))
        else:
            new = cast(node.copy(), "TIMESTAMPTZ")
        node.replace(new)
        changed = True
    return changed


def unix_epoch(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """UNIX_SECONDS/UNIX_MILLIS round down to the start of the unit (DuckDB rounds to nearest).

    Documented: UNIX_SECONDS(TIMESTAMP '1970-01-01 00:00:01.8+00') is 1 and
    UNIX_MILLIS(TIMESTAMP '1970-01-01 00:00:00.0018+00') is 1.
    """

    changed = False
    for node in bottom_up(tree, exp.UnixSeconds, exp.UnixMillis):
        per = 1_000_000 if isinstance(node, exp.UnixSeconds) else 1_000
        micros = fn("epoch_us", cast(node.this.copy(), "TIMESTAMPTZ"))
        # floor division on integers: exact for every timestamp, also before 1970
        floor = exp.Sub(
            this=exp.IntDiv(this=micros, expression=num(per)),
            expression=case(
                exp.LT(this=exp.Mod(this=micros.copy(), expression=num(per)), expression=num(0)),
                num(1),
                num(0),
            ),
        )
        node.replace(paren(cast(paren(floor), "BIGINT")))
        changed = True
    return changed


# Format elements DuckDB's strftime prints exactly as BigQuery does.
_SAME = set("AaBbdFHIjMmpSuwyUWVGxXcz%")
# GoogleSQL formats a DATE without its time elements and a TIME without its date elements:
# those are printed as written (FORMAT_DATE('%H', d) is '%H'; date_time_util's sanitizing)
_TIME_ELEMENTS = set("cHIklMpPrRsSTXZz")
_DATE_ELEMENTS = set("AaBbCcDdeFGghjmQsUuVWwxYyZz")
_EXPANSIONS = ("%Y-%m-%d", "%m/%d/%y", "%H:%M:%S", "%a %b %e")
_SIMPLE = {"h": "%b", "n": "\n", "t": "\t", "R": "%H:%M", "T": "%H:%M:%S", "D": "%m/%d/%y"}


def format_elements(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """FORMAT_DATE/DATETIME/TIMESTAMP/TIME: BigQuery elements (%Q, %e, ...) and the zone argument."""

    changed = False
    for node in bottom_up(tree, exp.TimeToStr):
        fmt = node.args.get("format")
        if not (isinstance(fmt, exp.Literal) and fmt.is_string):
            raise UnsupportedError(
                "a computed format string",
                "the format elements must be known when the query is translated",
                line_of(node),
            )
        if fmt.name == "None":  # sqlglot reads the format '' as 'None': the two are one text
            raise UnsupportedError(
                "the format string '' (or 'None')",
                "the parser reads '' as 'None', so neither can be told from the other",
                line_of(node),
            )
        value = node.this
        inner = (
            value.this
            if isinstance(value, exp.TsOrDsToDate | exp.TsOrDsToTimestamp | exp.TsOrDsToTime)
            and value.this is not None
            else value
        )
        zone = node.args.get("zone")
        if isinstance(value, exp.TsOrDsToTime) or is_type(inner, "TIME"):
            # strftime has no TIME overload: format the time on an arbitrary day.
            base = exp.Add(
                this=cast(exp.Literal.string("1970-01-01"), "DATE"),
                expression=cast(inner.copy(), "TIME"),
            )
        elif is_type(inner, "TIMESTAMP") or isinstance(value, exp.TsOrDsToTimestamp):
            zone_text = zone.copy() if zone is not None else exp.Literal.string("UTC")
            if any(e in fmt.name for e in ("%Z", "%z")) and zone is not None:
                raise UnsupportedError(
                    "FORMAT_TIMESTAMP with %Z/%z and a time zone",
                    "the zone name/offset is not printed exactly offline",
                    line_of(node),
                )
            base = fn("timezone", zone_text, cast(inner.copy(), "TIMESTAMPTZ"))
        else:
            base = cast(inner.copy(), "TIMESTAMP")
        # %s counts seconds from the epoch in UTC, whatever the zone the rest is shown in
        epoch_base = base
        if zone is not None and (is_type(inner, "TIMESTAMP") or isinstance(value, exp.TsOrDsToTimestamp)):
            epoch_base = cast(inner.copy(), "TIMESTAMP")
        if isinstance(value, exp.TsOrDsToTime) or is_type(inner, "TIME"):
            verbatim = _DATE_ELEMENTS
        elif isinstance(value, exp.TsOrDsToDate) or is_type(inner, "DATE"):
            verbatim = _TIME_ELEMENTS
        else:
            verbatim = set()
        pieces: list[exp.Expression] = []
        text = fmt.name
        # sqlglot expands %F, %c, %T, %D and %x when it parses: their text is all that is left
        expanded = [e for e in _EXPANSIONS if e in text and set(e[1::3]) & verbatim]
        if expanded:
            raise UnsupportedError(
                f"FORMAT of a {'TIME' if 'Y' in verbatim else 'DATE'} with {expanded[0]}",
                "BigQuery prints the elements the type lacks as written, and the parser has "
                "expanded %F/%T/%c/%D/%x so the text written is not known",
                line_of(node),
            )
        # %F and %c pad the year to 4 digits, %Y does not: their years are element \x01
        text = text.replace("%Y-%m-%d", "%\x01-%m-%d").replace("%H:%M:%S %Y", "%H:%M:%S %\x01")
        literal = ""
        i = 0
        while i < len(text):
            ch = text[i]
            if ch != "%" or i + 1 >= len(text):
                literal += ch
                i += 1
                continue
            el = text[i + 1]
            i += 2
            if el == "-" and text[i : i + 1] == "d":
                # sqlglot reads BigQuery's %e (space-padded day) as %-d.
                el = "e"
                i += 1
            if el in verbatim:
                literal += "%%" + el
            elif el in _SAME:
                literal += "%" + el
            elif el in _SIMPLE:
                literal += _SIMPLE[el]
            elif el in ("Q", "e", "C", "k", "l", "s", "Y", "g", "\x01"):
                if literal:
                    pieces.append(fn("strftime", base.copy(), exp.Literal.string(literal)))
                    literal = ""
                pieces.append(_element(el, epoch_base if el == "s" else base))
            else:
                raise UnsupportedError(
                    f"format element %{el}", "it has no exact DuckDB equivalent", line_of(node)
                )
        if literal or not pieces:
            pieces.append(fn("strftime", base.copy(), exp.Literal.string(literal)))
        new = pieces[0]
        for p in pieces[1:]:
            new = exp.DPipe(this=new, expression=p, safe=True)
        node.replace(paren(new))
        changed = True
    return changed


def _element(el: str, base: exp.Expression) -> exp.Expression:

    def text(e: exp.Expression) -> exp.Expression:
        return cast(e, "VARCHAR")

    if el == "Q":
        return text(fn("quarter", base.copy()))
    if el == "Y":
        # the year's digits without padding (FORMAT_DATE('%Y', DATE '0999-01-01') is '999' in
        # GoogleSQL's reference evaluator; strftime pads to 4)
        return text(fn("year", base.copy()))
    if el == "\x01":
        # the 4-digit year of %F/%c; the same text written as %Y-%m-%d has an unpadded year,
        # and the two cannot be told apart after parsing: a year before 1000 is refused
        padded = fn("strftime", base.copy(), exp.Literal.string("%Y"))
        early = exp.LT(this=fn("year", base.copy()), expression=num(1000))
        refused = fail("a year before 1000 in %Y-%m-%d or %F is not supported offline")
        return case(early, refused, padded)
    if el == "g":
        # the ISO year's last two digits (DuckDB's strftime has no %g: it printed '000')
        two = exp.Mod(this=fn("isoyear", base.copy()), expression=num(100))
        return fn("lpad", text(two), num(2), exp.Literal.string("0"))
    if el == "e":
        return fn("lpad", text(fn("day", base.copy())), num(2), exp.Literal.string(" "))
    if el == "C":
        return fn(
            "lpad",
            text(exp.IntDiv(this=fn("year", base.copy()), expression=num(100))),
            num(2),
            exp.Literal.string("0"),
        )
    if el == "k":
        return fn("lpad", text(fn("hour", base.copy())), num(2), exp.Literal.string(" "))
    if el == "l":
        h12 = exp.Add(
            this=exp.Mod(
                this=paren(exp.Add(this=fn("hour", base.copy()), expression=num(11))),
                expression=num(12),
            ),
            expression=num(1),
        )
        return fn("lpad", text(h12), num(2), exp.Literal.string(" "))
    # %s: whole seconds since the epoch, rounded down (1969-12-31 23:59:59.5 is -1); DuckDB's
    # epoch() is a DOUBLE with the fraction, printed with ".0" past 10^10 seconds, and a
    # DOUBLE rounds 9999-12-31 23:59:59.999999 up to the next second. In integers instead:
    # microseconds counted from 0001-01-01 are never negative, so // rounds them down.
    year_one = 62135596800  # seconds from 0001-01-01 to 1970-01-01
    since_year_one = exp.Add(
        this=fn("epoch_us", base.copy()), expression=num(year_one * 1_000_000)
    )
    seconds = exp.Sub(
        this=exp.IntDiv(this=paren(since_year_one), expression=num(1_000_000)),
        expression=num(year_one),
    )
    return text(seconds)


def time_functions(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """TIME_TRUNC (missing in DuckDB); STRING(ts, zone) is refused (its offset suffix)."""

    changed = False
    for node in bottom_up(tree, exp.TimeTrunc):
        unit = unit_name(node.args.get("unit"))
        if unit not in ("HOUR", "MINUTE", "SECOND", "MILLISECOND", "MICROSECOND"):
            raise UnsupportedError(
                f"TIME_TRUNC to {unit}", "only time parts can truncate a TIME", line_of(node)
            )
        day = exp.Add(
            this=cast(exp.Literal.string("1970-01-01"), "DATE"),
            expression=cast(node.this.copy(), "TIME"),
        )
        node.replace(cast(fn("date_trunc", exp.Literal.string(unit.lower()), day), "TIME"))
        changed = True
    for node in bottom_up(tree, exp.String):
        if node.args.get("zone") is not None:
            raise UnsupportedError(
                "STRING(timestamp, time_zone)",
                "the printed UTC offset of the zone is not reproduced exactly offline",
                line_of(node),
            )
    return changed


# -- issue 15: EXTRACT parts by input type, civil-time ranges, temporal text -------------

# The parts BigQuery's EXTRACT accepts for each input type (date_functions, datetime_functions,
# time_functions, timestamp_functions references); any other part is an analysis error there.
_DATE_PARTS = frozenset(
    {"DAYOFWEEK", "DAY", "DAYOFYEAR", "WEEK", "ISOWEEK", "MONTH", "QUARTER", "YEAR", "ISOYEAR"}
)
_TIME_PARTS = frozenset({"MICROSECOND", "MILLISECOND", "SECOND", "MINUTE", "HOUR"})
_EXTRACT_PARTS: dict[str, frozenset[str]] = {
    "DATE": _DATE_PARTS,
    "TIME": _TIME_PARTS,
    "DATETIME": _DATE_PARTS | _TIME_PARTS | {"DATE", "TIME"},
    "TIMESTAMP": _DATE_PARTS | _TIME_PARTS | {"DATE", "TIME", "DATETIME"},
}
# DuckDB's millisecond()/microsecond() count the whole seconds too (56.999999 s → 56999);
# BigQuery's part is only the fraction of the current second.
_SUBSECOND = {"MILLISECOND": 1_000, "MICROSECOND": 1_000_000}


def _temporal_kind(node: exp.Expression) -> str:
    for kind in ("DATE", "TIME", "DATETIME", "TIMESTAMP"):
        if is_type(node, kind):
            return kind
    return ""


def _bytes_cast(node: exp.Expression) -> bool:
    """CAST between STRING and BYTES: its FORMAT is the bytes rules' (``bytes-casts``)."""
    return isinstance(node, exp.Cast) and (
        is_type(node.this, "BYTES") or has_type(node.to, exp.DataType.Type.BINARY, exp.DataType.Type.VARBINARY)
    )


def extract_subsecond(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """EXTRACT: parts the input type lacks are errors; MILLISECOND/MICROSECOND within the second."""

    changed = False
    for node in bottom_up(tree, exp.Extract):
        part = unit_name(node.this)
        kind = _temporal_kind(node.expression)
        check = "WEEK" if part.startswith("WEEK(") else part
        if kind and check not in _EXTRACT_PARTS[kind]:
            raise UserError(
                f"EXTRACT from {kind} does not support the {part} date part",
                line=line_of(node),
                construct="EXTRACT",
            )
        if part in _SUBSECOND:
            within = exp.Mod(this=node.copy(), expression=num(_SUBSECOND[part]))
            node.replace(cast(paren(within), "BIGINT"))
            changed = True
    return changed


_TRUNC_DIFF = {
    exp.DateTrunc: "DATE_TRUNC",
    exp.TimestampTrunc: "TIMESTAMP_TRUNC",
    exp.DatetimeTrunc: "DATETIME_TRUNC",
    exp.DateDiff: "DATE_DIFF",
    exp.TimestampDiff: "TIMESTAMP_DIFF",
    exp.DatetimeDiff: "DATETIME_DIFF",
}
# Parts EXTRACT reads that no *_TRUNC or *_DIFF takes (date_functions, timestamp_functions,
# datetime_functions: the part lists of DATE_TRUNC ... DATETIME_DIFF leave them out)
_NOT_TRUNC_DIFF = frozenset({"DAYOFWEEK", "DAYOFYEAR"})


def trunc_diff_parts(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """DAYOFWEEK/DAYOFYEAR in a *_TRUNC or *_DIFF is an error, as in GoogleSQL's analyzer
    ("TIMESTAMP_TRUNC does not support the DAYOFWEEK date part"); DuckDB truncated to the day."""
    for node in nodes(tree, *_TRUNC_DIFF):
        part = unit_name(node.args.get("unit"))
        if part in _NOT_TRUNC_DIFF:
            name = _TRUNC_DIFF[type(node)]
            raise UserError(
                f"{name} does not support the {part} date part", line=line_of(node), construct=name
            )
    return False


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
        kind = _temporal_kind(node)
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
        kind = _temporal_kind(node)
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
            else fail(f"{kind} value out of range (line {line_of(node) or '?'})")
        )
        new = paren(case(bad, otherwise, node.copy()))
        new.type = node.type
        node.replace(new)
        changed = True
    return changed


def _fraction(base: exp.Expression) -> exp.Expression:
    """'', '.mmm' or '.uuuuuu': BigQuery prints sub-seconds in groups of three digits."""

    micros = fn("strftime", base.copy(), exp.Literal.string("%f"))
    return exp.Case(
        ifs=[
            exp.If(
                this=exp.EQ(this=micros, expression=exp.Literal.string("000000")),
                true=exp.Literal.string(""),
            ),
            exp.If(
                this=fn("ends_with", micros.copy(), exp.Literal.string("000")),
                true=exp.DPipe(
                    this=exp.Literal.string("."),
                    expression=fn("left", micros.copy(), num(3)),
                    safe=True,
                ),
            ),
        ],
        default=exp.DPipe(this=exp.Literal.string("."), expression=micros.copy(), safe=True),
    )


def timestamp_time(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """CAST(TIMESTAMP AS TIME) is the time of day in UTC; DuckDB casts no TIMESTAMPTZ to TIME.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast
    (the default time zone, UTC, when none is given).
    """

    changed = False
    for node in bottom_up(tree, exp.Cast):
        if not (has_type(node.to, exp.DataType.Type.TIME) and is_type(node.this, "TIMESTAMP")):
            continue
        utc = fn("timezone", exp.Literal.string("UTC"), cast(node.this.copy(), "TIMESTAMPTZ"))
        node.set("this", utc)
        changed = True
    return changed


def temporal_text(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """CAST(TIMESTAMP/DATETIME/TIME AS STRING) and STRING(ts) in BigQuery's canonical text.

    BigQuery prints 0, 3 or 6 fractional digits (12:00:00.500, not DuckDB's 12:00:00.5)
    and a TIMESTAMP in UTC with the suffix +00.
    """

    changed = False
    for node in bottom_up(tree, exp.Cast, exp.String):
        if node.args.get("format") is not None and not _bytes_cast(node):
            raise UnsupportedError(
                "CAST ... FORMAT",
                "the workbench does not translate CAST format strings; "
                "use FORMAT_DATE/FORMAT_TIMESTAMP or PARSE_DATE/PARSE_TIMESTAMP",
                line_of(node),
            )
        if isinstance(node, exp.String):
            if node.args.get("zone") is not None:
                continue  # STRING(ts, zone): refused by time-functions
        elif not is_type(node, "STRING"):
            continue
        value = node.this
        kind = _temporal_kind(value)
        if kind == "TIMESTAMP":
            base = fn("timezone", exp.Literal.string("UTC"), cast(value.copy(), "TIMESTAMPTZ"))
            layout, suffix = "%Y-%m-%d %H:%M:%S", "+00"
        elif kind == "DATETIME":
            base, layout, suffix = cast(value.copy(), "TIMESTAMP"), "%Y-%m-%d %H:%M:%S", ""
        elif kind == "TIME":
            base = exp.Add(
                this=cast(exp.Literal.string("1970-01-01"), "DATE"),
                expression=cast(value.copy(), "TIME"),
            )
            layout, suffix = "%H:%M:%S", ""
        else:
            continue
        text: exp.Expression = exp.DPipe(
            this=fn("strftime", base.copy(), exp.Literal.string(layout)),
            expression=_fraction(base),
            safe=True,
        )
        if suffix:
            text = exp.DPipe(this=text, expression=exp.Literal.string(suffix), safe=True)
        if isinstance(node, exp.TryCast):
            text = exp.TryCast(this=paren(text), to=exp.DataType.build("VARCHAR"))
        node.replace(paren(text))
        changed = True
    return changed


def last_day_null(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """LAST_DAY of a NULL constant is a NULL DATE: DuckDB types EXTRACT(YEAR FROM NULL) as a
    DOUBLE, which its make_date (sqlglot's LAST_DAY(d, YEAR)) has no overload for."""

    changed = False
    for node in bottom_up(tree, exp.LastDay):
        if _null_typed(node.this):
            new = cast(exp.Null(), "DATE")
            new.type = exp.DataType.build("DATE")
            node.replace(new)
            changed = True
    return changed
