"""Civil-time differences and INTERVAL text (issue 15, oracle round 4).

BigQuery's ``a - b`` of two DATEs, TIMESTAMPs or TIMEs is an INTERVAL (operators,
"Date arithmetics operators" and "Datetime subtraction"): of DATEs in days, of TIMESTAMPs
and TIMEs in hours, minutes and seconds only (EXTRACT(DAY FROM ts1 - ts2) is 0, the hours
count past 24; GoogleSQL's reference evaluator), of DATETIMEs in days and a time. DuckDB's
DATE - DATE is a BIGINT (a raw Binder Error further on), TIMESTAMP - TIMESTAMP has days,
TIME - TIME does not bind.

CAST(INTERVAL AS STRING) is BigQuery's canonical form ``Y-M D H:M:S[.F]`` (the sign of
the months before Y, of the days on D, of the time before H; the fraction in 3 or 6
digits): data-types#interval_type; DuckDB writes '1 year 2 months 3 days 04:05:06'.
"""

from __future__ import annotations

import re

from sqlglot import exp

from workbench.translate.context import Context, Translation, UnsupportedError, UserError, line_of
from workbench.translate.rules._sql import (
    bottom_up,
    case,
    cast,
    fn,
    is_type,
    num,
    paren,
    template,
    typed,
)


def _interval(new: exp.Expression) -> exp.Expression:
    return typed(new, "INTERVAL")


def civil_differences(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """DATE - DATE in days, TIMESTAMP - TIMESTAMP and TIME - TIME in microseconds."""
    changed = False
    for node in bottom_up(tree, exp.Sub):
        a, b = node.this, node.expression
        micros = exp.Sub(this=fn("epoch_us", a.copy()), expression=fn("epoch_us", b.copy()))
        if is_type(a, "DATE") and is_type(b, "DATE"):
            days = fn("date_diff", exp.Literal.string("day"), b.copy(), a.copy())
            node.replace(_interval(fn("to_days", cast(days, "INTEGER"))))
        elif (is_type(a, "TIMESTAMP") and is_type(b, "TIMESTAMP")) or (
            is_type(a, "TIME") and is_type(b, "TIME")
        ):
            node.replace(_interval(fn("to_microseconds", micros)))
        elif is_type(a, "DATETIME") and is_type(b, "DATETIME"):
            # whole days (toward zero) and the rest: 28 days 12:00, or -0:00:00.25
            day = num(86_400_000_000)
            # DuckDB's // of integers truncates toward zero (-7 // 2 is -3)
            whole = exp.IntDiv(this=paren(micros.copy()), expression=day)
            rest = exp.Sub(
                this=paren(micros), expression=exp.Mul(this=whole.copy(), expression=day.copy())
            )
            new = exp.Add(
                this=fn("to_days", cast(whole, "INTEGER")),
                expression=fn("to_microseconds", paren(rest)),
            )
            node.replace(_interval(paren(new)))
        else:
            continue
        changed = True
    return changed


def _text(e: exp.Expression) -> exp.Expression:
    return cast(e, "VARCHAR")


def _pad(e: exp.Expression, width: int) -> exp.Expression:
    return fn("lpad", _text(e), num(width), exp.Literal.string("0"))


def _join(*parts: exp.Expression) -> exp.Expression:
    out = parts[0]
    for p in parts[1:]:
        out = exp.DPipe(this=out, expression=p, safe=True)
    return out


def _sign(value: exp.Expression) -> exp.Expression:
    return case(
        exp.LT(this=value, expression=num(0)), exp.Literal.string("-"), exp.Literal.string("")
    )


def _interval_text(iv: exp.Expression) -> exp.Expression:
    def part(name: str) -> exp.Expression:
        return fn("datepart", exp.Literal.string(name), iv.copy())

    months = exp.Add(this=exp.Mul(this=part("year"), expression=num(12)), expression=part("month"))
    micros = exp.Add(
        this=exp.Add(
            this=exp.Mul(this=part("hour"), expression=num(3_600_000_000)),
            expression=exp.Mul(this=part("minute"), expression=num(60_000_000)),
        ),
        expression=part("microseconds"),
    )
    m = fn("abs", paren(months))
    t = fn("abs", paren(micros))
    frac = exp.Mod(this=t.copy(), expression=num(1_000_000))
    fraction = case(
        exp.EQ(this=frac.copy(), expression=num(0)),
        exp.Literal.string(""),
        case(
            exp.EQ(this=exp.Mod(this=frac.copy(), expression=num(1000)), expression=num(0)),
            _join(
                exp.Literal.string("."), _pad(exp.IntDiv(this=frac.copy(), expression=num(1000)), 3)
            ),
            _join(exp.Literal.string("."), _pad(frac.copy(), 6)),
        ),
    )
    return _join(
        _sign(paren(months.copy())),
        _text(exp.IntDiv(this=m.copy(), expression=num(12))),
        exp.Literal.string("-"),
        _text(exp.Mod(this=m.copy(), expression=num(12))),
        exp.Literal.string(" "),
        _text(part("day")),
        exp.Literal.string(" "),
        _sign(paren(micros.copy())),
        _text(exp.IntDiv(this=t.copy(), expression=num(3_600_000_000))),
        exp.Literal.string(":"),
        _text(
            exp.Mod(this=exp.IntDiv(this=t.copy(), expression=num(60_000_000)), expression=num(60))
        ),
        exp.Literal.string(":"),
        _text(
            exp.Mod(this=exp.IntDiv(this=t.copy(), expression=num(1_000_000)), expression=num(60))
        ),
        fraction,
    )


def interval_text(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """CAST(INTERVAL AS STRING) in BigQuery's canonical form, Y-M D H:M:S[.F]."""
    changed = False
    for node in bottom_up(tree, exp.Cast, exp.TryCast):
        if not is_type(node.to, "STRING") or not is_type(node.this, "INTERVAL"):
            continue
        value = node.this
        text = _interval_text(paren(value.copy()))
        node.replace(
            typed(
                paren(
                    case(
                        exp.Is(this=value.copy(), expression=exp.Null()),
                        cast(exp.Null(), "VARCHAR"),
                        text,
                    )
                ),
                "VARCHAR",
            )
        )
        changed = True
    return changed


_MAKE_PARTS = {
    "year": "to_years",
    "month": "to_months",
    "day": "to_days",
    "hour": "to_hours",
    "minute": "to_minutes",
    "second": "to_seconds",
}


def make_interval(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """MAKE_INTERVAL(year, month, day, hour, minute, second) of INT64 values (named or by
    position) as the sum of DuckDB's to_years ... to_seconds: sqlglot wrote the arguments
    into an INTERVAL literal's text, where a negative or NULL one could not be read."""
    changed = False
    for node in bottom_up(tree, exp.MakeInterval):
        total: exp.Expression | None = None
        for key, maker in _MAKE_PARTS.items():
            value = node.args.get(key)
            if value is None:
                continue
            if isinstance(value, exp.Kwarg):
                value = value.expression
            part = fn(maker, cast(paren(value.copy()), "BIGINT"))
            total = part if total is None else exp.Add(this=total, expression=part)
        if total is None:
            total = fn("to_days", cast(num(0), "INTEGER"))
        node.replace(_interval(paren(total)))
        changed = True
    return changed


def interval_extract_type(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """EXTRACT(part FROM interval) is INT64: DuckDB types it DOUBLE for a NULL constant."""
    changed = False
    for node in bottom_up(tree, exp.Extract):
        if not is_type(node.expression, "INTERVAL"):
            continue
        node.replace(typed(cast(node.copy(), "BIGINT"), "BIGINT"))
        changed = True
    return changed


_FIELDS = ("YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND")
_SIGNED = r"([-+]?)"


def _range_pattern(fields: tuple[str, ...]) -> str:
    """The text of INTERVAL '...' <from> TO <to>: Y-M, D and H:M:S sections, each signed."""
    sections = []
    months = [f for f in fields if f in ("YEAR", "MONTH")]
    if months:
        sections.append(_SIGNED + "-".join(r"(\d+)" for _ in months))
    if "DAY" in fields:
        sections.append(_SIGNED + r"(\d+)")
    clock = [f for f in fields if f in ("HOUR", "MINUTE", "SECOND")]
    if clock:
        parts = [r"(\d+)" if f != "SECOND" else r"(\d+)(?:\.(\d{1,6}))?" for f in clock]
        sections.append(_SIGNED + ":".join(parts))
    return " ".join(sections)


def interval_ranges(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """INTERVAL 'text' <from> TO <to> (YEAR TO MONTH, DAY TO SECOND, ...): its months, days
    and microseconds, read when the query is translated (DuckDB's parser has no ranges: a
    raw Parser Error); text that does not fit the range is BigQuery's error."""
    changed = False
    for node in bottom_up(tree, exp.Interval):
        span = node.args.get("unit")
        text = node.this
        if not isinstance(span, exp.IntervalSpan):
            continue
        start, end = span.this.name.upper(), span.expression.name.upper()
        if start not in _FIELDS or end not in _FIELDS or _FIELDS.index(start) >= _FIELDS.index(end):
            raise UserError(
                f"Invalid interval datetime fields: {start} TO {end}",
                line=line_of(node),
                construct="INTERVAL",
            )
        if not (isinstance(text, exp.Literal) and text.is_string):
            raise UnsupportedError(
                f"INTERVAL ... {start} TO {end} of a computed text",
                "the text is read when the query is translated",
                line_of(node),
            )
        fields = _FIELDS[_FIELDS.index(start) : _FIELDS.index(end) + 1]
        m = re.fullmatch(_range_pattern(fields), text.name)
        if m is None:
            raise UserError(
                f"Invalid INTERVAL value for {start} TO {end}",
                line=line_of(node),
                construct="INTERVAL",
            )
        groups = list(m.groups())
        months = days = micros = 0
        if any(f in fields for f in ("YEAR", "MONTH")):
            sign = -1 if groups.pop(0) == "-" else 1
            for f in (f for f in fields if f in ("YEAR", "MONTH")):
                months += sign * int(groups.pop(0)) * (12 if f == "YEAR" else 1)
        if "DAY" in fields:
            sign = -1 if groups.pop(0) == "-" else 1
            days = sign * int(groups.pop(0))
        clock = [f for f in fields if f in ("HOUR", "MINUTE", "SECOND")]
        if clock:
            sign = -1 if groups.pop(0) == "-" else 1
            unit = {"HOUR": 3_600_000_000, "MINUTE": 60_000_000, "SECOND": 1_000_000}
            for f in clock:
                micros += sign * int(groups.pop(0)) * unit[f]
            if "SECOND" in clock:
                fraction = groups.pop(0)
                if fraction:
                    micros += sign * int(fraction.ljust(6, "0"))
        new = exp.Add(
            this=exp.Add(
                this=fn("to_months", cast(num(months), "INTEGER")),
                expression=fn("to_days", cast(num(days), "INTEGER")),
            ),
            expression=fn("to_microseconds", cast(num(micros), "BIGINT")),
        )
        node.replace(_interval(paren(new)))
        changed = True
    return changed


# INTERVAL / INT64 as GoogleSQL divides it: the months (truncated toward zero), their
# remainder as 30-day months added to the days, the days' remainder as 24-hour days added to
# the time, each part divided in turn, the time truncated to microseconds
_MONTHS = "(datepart('year', __iv) * 12 + datepart('month', __iv))"
_DAYS_LEFT = f"(datepart('day', __iv) + ({_MONTHS} - {_MONTHS} // __n * __n) * 30)"
_MICROS = (
    "(CAST(datepart('hour', __iv) AS HUGEINT) * 3600000000 + datepart('minute', __iv) * 60000000"
    " + datepart('microseconds', __iv))"
)
_MICROS_LEFT = (
    f"({_MICROS} + CAST({_DAYS_LEFT} - {_DAYS_LEFT} // __n * __n AS HUGEINT) * 86400000000)"
)
_DIVIDED = (
    f"to_months(CAST({_MONTHS} // __n AS INTEGER)) + to_days(CAST({_DAYS_LEFT} // __n AS INTEGER))"
    f" + to_microseconds(CAST({_MICROS_LEFT} // __n AS BIGINT))"
)
INTERVAL_DIVISION_BY_ZERO = "Interval division by zero"


def interval_division(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """INTERVAL / INT64 is an INTERVAL (operators#arithmetic_operators): the months, then
    the days with the months' remainder as 30 days each, then the time with the days'
    remainder, each truncated (GoogleSQL's reference evaluator: INTERVAL 1 MONTH / 4 is
    7 days 12 hours); "division" cast the INTERVAL to FLOAT64, a raw conversion error."""

    changed = False
    for node in bottom_up(tree, exp.Div):
        if not is_type(node.this, "INTERVAL") or not is_type(node.expression, "INT64"):
            continue
        new = template(
            f"CASE WHEN __n = 0 AND __iv IS NOT NULL THEN error('{INTERVAL_DIVISION_BY_ZERO}') "
            f"ELSE {_DIVIDED} END",
            iv=paren(node.this.copy()),
            n=paren(node.expression.copy()),
        )
        node.replace(typed(paren(new), "INTERVAL"))
        changed = True
    return changed


# SUM and AVG of INTERVAL values, part by part (GoogleSQL's reference evaluator): the sums of
# the months, the days and the time are each an INTERVAL field (a sum past its range is an
# error; sums on the way may pass it), AVG divides them as INTERVAL / INT64 does.
_PART_MONTHS = "(datepart('year', __v) * 12 + datepart('month', __v))"
_PART_DAYS = "datepart('day', __v)"
_PART_MICROS = (
    "(CAST(datepart('hour', __v) AS HUGEINT) * 3600000000 + datepart('minute', __v) * 60000000"
    " + datepart('microseconds', __v))"
)
# field -> (its sum's bound, how it is printed in the error)
_SUM_FIELDS = {
    "months": (120_000, "-120000 to 120000"),
    "days": (3_660_000, "-3660000 to 3660000"),
    "micros": (87_840_000 * 3_600_000_000, "-316224000000000000 to 316224000000000000"),
}


def _checked(total: str, field: str) -> str:
    bound, shown = _SUM_FIELDS[field]
    return (
        f"CASE WHEN abs({total}) > {bound} THEN error('Interval field {field} is out of range "
        f"{shown}') ELSE {total} END"
    )


def interval_aggregates(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """SUM(INTERVAL) and AVG(INTERVAL), which DuckDB lacks, from the sums of the parts. In a
    window, or with DISTINCT, they stay refused (``interval-forms``)."""

    changed = False
    for node in bottom_up(tree, exp.Sum, exp.Avg):
        value = node.this
        if not is_type(value, "INTERVAL") or isinstance(value, exp.Distinct):
            continue
        if isinstance(node.parent, exp.Window) or node.args.get("over") is not None:
            continue
        if any(isinstance(node.parent, k) for k in (exp.IgnoreNulls, exp.RespectNulls)):
            continue
        v = paren(value.copy())
        months = template(f"sum({_PART_MONTHS})", v=v.copy())
        days = template(f"sum({_PART_DAYS})", v=v.copy())
        micros = template(f"sum({_PART_MICROS})", v=v.copy())
        if isinstance(node, exp.Sum):
            new = template(
                f"to_months(CAST({_checked('__m', 'months')} AS INTEGER)) "
                f"+ to_days(CAST({_checked('__d', 'days')} AS INTEGER)) "
                f"+ to_microseconds(CAST({_checked('__u', 'micros')} AS BIGINT))",
                m=paren(months),
                d=paren(days),
                u=paren(micros),
            )
        else:
            days_left = "(__d + (__m - __m // __n * __n) * 30)"
            micros_left = (
                f"(__u + CAST({days_left} - {days_left} // __n * __n AS HUGEINT) * 86400000000)"
            )
            new = template(
                f"to_months(CAST(__m // __n AS INTEGER)) "
                f"+ to_days(CAST({days_left} // __n AS INTEGER)) "
                f"+ to_microseconds(CAST({micros_left} // __n AS BIGINT))",
                m=paren(months),
                d=paren(days),
                u=paren(micros),
                n=paren(fn("count", v.copy())),
            )
        node.replace(typed(paren(new), "INTERVAL"))
        changed = True
    return changed
