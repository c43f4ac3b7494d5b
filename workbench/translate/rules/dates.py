"""Dates, times and timestamps: week numbering, result types, durations and formats.

BigQuery numbers days of the week from 1 = Sunday, starts WEEK on Sunday with a week 0
before the year's first Sunday, keeps DATE_TRUNC/DATE_ADD on a DATE a DATE, and
measures TIMESTAMP_DIFF in whole elapsed units; DuckDB differs on each.
"""

from __future__ import annotations

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
    fn,
    has_type,
    is_type,
    nodes,
    num,
    paren,
    template,
    temporal_kind,
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
            # GoogleSQL's analyzer: a TIMESTAMP counts units up to DAY (WEEK and longer are
            # DATETIME_DIFF's and DATE_DIFF's)
            raise UserError(
                f"TIMESTAMP_DIFF does not support the {unit} date part when the argument is "
                "TIMESTAMP type",
                line=line_of(node),
                construct="TIMESTAMP_DIFF",
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
            if isinstance(fmt, exp.Literal) and "%s" in fmt.name.replace("%%", ""):
                raise UnsupportedError(  # DuckDB's strptime has no %s: a raw failure
                    "PARSE_TIMESTAMP with %s (seconds since the epoch)",
                    "DuckDB's strptime does not read it; use TIMESTAMP_SECONDS",
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


def time_functions(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """TIME_TRUNC (missing in DuckDB); STRING(x, zone) of a value not known to be a TIMESTAMP
    is refused (``temporal-text`` writes out STRING(ts, zone))."""

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
                "STRING(value, time_zone) of a value not known to be a TIMESTAMP",
                "its type decides the text; CAST the value AS TIMESTAMP",
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


def _bytes_cast(node: exp.Expression) -> bool:
    """CAST between STRING and BYTES: its FORMAT is the bytes rules' (``bytes-casts``)."""
    return isinstance(node, exp.Cast) and (
        is_type(node.this, "BYTES")
        or has_type(node.to, exp.DataType.Type.BINARY, exp.DataType.Type.VARBINARY)
    )


def extract_subsecond(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """EXTRACT: parts the input type lacks are errors; MILLISECOND/MICROSECOND within the second."""

    changed = False
    for node in bottom_up(tree, exp.Extract):
        part = unit_name(node.this)
        kind = temporal_kind(node.expression)
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
    and a TIMESTAMP in UTC with the suffix +00; STRING(ts, zone) in the zone, with its
    offset (+05:30, -07).
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
        zone = node.args.get("zone") if isinstance(node, exp.String) else None
        if not isinstance(node, exp.String) and not is_type(node, "STRING"):
            continue
        value = node.this
        kind = temporal_kind(value)
        if zone is not None:
            if isinstance(value, exp.Null) or (kind == "" and is_type(value, "NULL")):
                node.replace(cast(exp.Null(), "VARCHAR"))
                changed = True
            elif kind == "TIMESTAMP":
                node.replace(paren(_zoned_text(value, zone)))
                changed = True
            continue  # STRING(x, zone) of a type not known here: refused by time-functions
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


def _zoned_text(value: exp.Expression, zone: exp.Expression) -> exp.Expression:
    """STRING(ts, zone): the local time in ``zone`` with its offset, +HH or +HH:MM.

    As GoogleSQL's reference evaluator prints it: the offset in whole minutes (a local mean
    time's seconds dropped: New York's -04:56:02 is -04:56) and the local time shown with
    that offset (0001-01-01 00:00 UTC is '0000-12-31 19:04:00-04:56')."""
    utc = fn("timezone", exp.Literal.string("UTC"), cast(value.copy(), "TIMESTAMPTZ"))
    local = fn("timezone", zone.copy(), cast(value.copy(), "TIMESTAMPTZ"))
    seconds = exp.IntDiv(
        this=paren(exp.Sub(this=fn("epoch_us", local), expression=fn("epoch_us", utc.copy()))),
        expression=num(1_000_000),
    )
    size = fn("abs", seconds.copy())
    hours = exp.IntDiv(this=size.copy(), expression=num(3600))
    minutes = exp.IntDiv(
        this=paren(exp.Mod(this=size.copy(), expression=num(3600))), expression=num(60)
    )
    negative = exp.LT(this=seconds, expression=num(0))
    whole = paren(
        exp.Add(
            this=exp.Mul(this=hours.copy(), expression=num(3600)),
            expression=exp.Mul(this=minutes.copy(), expression=num(60)),
        )
    )
    shift = case(negative.copy(), exp.Neg(this=whole), whole.copy())
    base = exp.Add(
        this=utc,
        expression=fn("to_seconds", cast(shift, "BIGINT")),
    )

    def two(e: exp.Expression) -> exp.Expression:
        return fn("lpad", cast(e, "VARCHAR"), num(2), exp.Literal.string("0"))

    suffix = exp.DPipe(
        this=case(negative, exp.Literal.string("-"), exp.Literal.string("+")),
        expression=two(hours),
        safe=True,
    )
    suffix = exp.DPipe(
        this=suffix,
        expression=case(
            exp.EQ(this=minutes.copy(), expression=num(0)),
            exp.Literal.string(""),
            exp.DPipe(this=exp.Literal.string(":"), expression=two(minutes), safe=True),
        ),
        safe=True,
    )
    text = exp.DPipe(
        this=fn("strftime", base.copy(), exp.Literal.string("%Y-%m-%d %H:%M:%S")),
        expression=_fraction(base),
        safe=True,
    )
    return exp.DPipe(this=text, expression=suffix, safe=True)


def last_day_null(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """LAST_DAY of a NULL constant is a NULL DATE: DuckDB types EXTRACT(YEAR FROM NULL) as a
    DOUBLE, which its make_date (sqlglot's LAST_DAY(d, YEAR)) has no overload for; LAST_DAY
    by ISOYEAR, which sqlglot does not translate."""

    changed = False
    for node in bottom_up(tree, exp.LastDay):
        if _null_typed(node.this):
            new = cast(exp.Null(), "DATE")
            new.type = exp.DataType.build("DATE")
            node.replace(new)
            changed = True
        elif unit_name(node.args.get("unit")) == "ISOYEAR":
            # the day before the next ISO year starts (an ISO year has 52 or 53 weeks, so
            # 371 days after its first day is in the next one); sqlglot writes ISOYEAR as a
            # column name (a raw Binder Error). date_functions#last_day; GoogleSQL's reference
            # evaluator: LAST_DAY(DATE '1970-01-01', ISOYEAR) is 1971-01-03
            new = cast(
                template(
                    "date_trunc('isoyear', date_trunc('isoyear', __d) + INTERVAL 371 DAY)"
                    " - INTERVAL 1 DAY",
                    d=cast(node.this.copy(), "DATE"),
                ),
                "DATE",
            )
            new.type = exp.DataType.build("DATE")
            node.replace(paren(new))
            changed = True
    return changed
