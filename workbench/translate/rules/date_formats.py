"""FORMAT_DATE/DATETIME/TIMESTAMP/TIME: BigQuery's format elements on DuckDB's strftime.

DuckDB prints most elements as BigQuery does; the others (%Q, %e, %s, a zone argument,
elements a type does not have, %E<n>S/%E*S/%E4Y and the %E/%O alternatives) are written out
here. sqlglot reads %E6S as %S.%f, so a written %S.%f (BigQuery has no %f: it prints nothing)
is read as %E6S too.
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import (
    Context,
    Translation,
    UnsupportedError,
    line_of,
)
from workbench.translate.rules._sql import (
    bottom_up,
    case,
    cast,
    fail,
    fn,
    is_type,
    num,
    paren,
)

# Format elements DuckDB's strftime prints exactly as BigQuery does.
_SAME = set("AaBbdFHIjMmpSuwyUWVGxXc%")
# GoogleSQL formats a DATE without its time elements and a TIME without its date elements:
# those are printed as written (FORMAT_DATE('%H', d) is '%H'; date_time_util's sanitizing)
_TIME_ELEMENTS = set("cHIklMpPrRsSTXZz")
_DATE_ELEMENTS = set("AaBbCcDdeFGghjmQsUuVWwxYyZz")
_EXPANSIONS = ("%Y-%m-%d", "%m/%d/%y", "%H:%M:%S", "%a %b %e")
_SIMPLE = {
    "h": "%b",
    "n": "\n",
    "t": "\t",
    "R": "%H:%M",
    "r": "%I:%M:%S %p",
    "T": "%H:%M:%S",
    "D": "%m/%d/%y",
}


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
        zoned: tuple[exp.Expression, exp.Expression] | None = None  # (local, UTC) of a TIMESTAMP
        if isinstance(value, exp.TsOrDsToTime) or is_type(inner, "TIME"):
            # strftime has no TIME overload: format the time on an arbitrary day.
            base = exp.Add(
                this=cast(exp.Literal.string("1970-01-01"), "DATE"),
                expression=cast(inner.copy(), "TIME"),
            )
        elif is_type(inner, "TIMESTAMP") or isinstance(value, exp.TsOrDsToTimestamp):
            zone_text = zone.copy() if zone is not None else exp.Literal.string("UTC")
            base = fn("timezone", zone_text, cast(inner.copy(), "TIMESTAMPTZ"))
            utc = fn("timezone", exp.Literal.string("UTC"), cast(inner.copy(), "TIMESTAMPTZ"))
            zoned = (base, utc)
        else:
            base = cast(inner.copy(), "TIMESTAMP")
        # %s counts seconds from the epoch in UTC, whatever the zone the rest is shown in
        epoch_base = base
        if zone is not None and (
            is_type(inner, "TIMESTAMP") or isinstance(value, exp.TsOrDsToTimestamp)
        ):
            epoch_base = cast(inner.copy(), "TIMESTAMP")
        if isinstance(value, exp.TsOrDsToTime) or is_type(inner, "TIME"):
            verbatim = _DATE_ELEMENTS
        elif isinstance(value, exp.TsOrDsToDate) or is_type(inner, "DATE"):
            verbatim = _TIME_ELEMENTS
        elif zoned is None:
            verbatim = set("Zz")  # a DATETIME has no zone: %Z, %z and %Ez are printed as written
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
                # a '%' that ends the format is printed as it is (strftime failed on it)
                literal += "%%" if ch == "%" else ch
                i += 1
                continue
            el = text[i + 1]
            i += 2
            if el == "-" and text[i : i + 1] == "d":
                # sqlglot reads BigQuery's %e (space-padded day) as %-d.
                el = "e"
                i += 1
            if el == "E" and text[i : i + 1] == "z":
                i += 1
                if "z" in verbatim:
                    literal += "%%Ez"
                    continue
                el = "Ez"
            elif el == "S" and text[i : i + 3] == ".%f":
                el = "E6S"  # sqlglot reads %E6S as %S.%f (BigQuery has no %f)
                i += 3
            elif el in ("E", "O"):
                el, i = _modified(text, i, el, line_of(node))
                if el[-1] in verbatim:
                    literal += "%%" + el  # an element the type lacks, printed as written
                    continue
                alias = _ALIASES.get(el)
                if alias is not None:  # the C locale's alternative forms are the plain ones
                    text = text[:i] + alias + text[i:]
                    continue
            if el in verbatim:
                literal += "%%" + el
            elif el in ("z", "Z", "Ez") and zoned is not None:
                if literal:
                    pieces.append(fn("strftime", base.copy(), exp.Literal.string(literal)))
                    literal = ""
                pieces.append(_zone_element(el, *zoned))
            elif el in _SAME:
                literal += "%" + el
            elif el in _SIMPLE:
                literal += _SIMPLE[el]
            elif el in ("Q", "e", "C", "k", "l", "s", "Y", "g", "\x01", "E4Y") or (
                el[0] == "E" and el[-1] == "S"
            ):
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


# %E and %O forms that are another element's text in the C locale (%EY and %Ec pad the year
# to four digits; GoogleSQL's reference evaluator: FORMAT_DATE('%EY', DATE '0012-01-03') is 0012)
_ALIASES = {
    "EC": "%C",
    "Ex": "%m/%d/%y",
    "EX": "%H:%M:%S",
    "Ey": "%y",
    "EY": "%E4Y",
    "Ec": "%a %b %-d %H:%M:%S %E4Y",
    **{f"O{c}": f"%{c}" for c in "dHImMSuUVwWy"},
    "Oe": "%-d",
}


def _modified(text: str, i: int, mod: str, line: int | None) -> tuple[str, int]:
    """The element ``%E...``/``%O...`` whose text starts at ``text[i]`` (after the modifier):
    its name (``E*S``, ``E3S``, ``E4Y``, ``Ec``, ``Od``...) and the index after it."""
    if mod == "E" and text[i : i + 2] == "*S":
        return "E*S", i + 2
    digits = ""
    while mod == "E" and text[i + len(digits) : i + len(digits) + 1].isdigit() and len(digits) < 2:
        digits += text[i + len(digits)]
    if digits and text[i + len(digits) : i + len(digits) + 1] == "S":
        return f"E{int(digits)}S", i + len(digits) + 1
    if mod == "E" and text[i : i + 2] == "4Y":
        return "E4Y", i + 2
    name = mod + text[i : i + 1]
    if name in _ALIASES:
        return name, i + 1
    raise UnsupportedError(f"format element %{name}", "it has no exact DuckDB equivalent", line)


def _zone_element(el: str, local: exp.Expression, utc: exp.Expression) -> exp.Expression:
    """%z (+0530), %Ez (+05:30) and %Z (UTC, UTC+2, UTC-0330) of the zone's offset at that
    instant, as GoogleSQL's reference evaluator prints them (whole minutes, the seconds of a
    local mean time dropped: -04:56:02 is -0456). DuckDB's strftime printed %z as +00."""

    def text(e: exp.Expression) -> exp.Expression:
        return cast(e, "VARCHAR")

    def two(e: exp.Expression) -> exp.Expression:
        return fn("lpad", text(e), num(2), exp.Literal.string("0"))

    seconds = exp.IntDiv(
        this=paren(exp.Sub(this=fn("epoch_us", local.copy()), expression=fn("epoch_us", utc))),
        expression=num(1_000_000),
    )
    sign = case(
        exp.LT(this=seconds.copy(), expression=num(0)),
        exp.Literal.string("-"),
        exp.Literal.string("+"),
    )
    size = fn("abs", seconds)
    hours = exp.IntDiv(this=size.copy(), expression=num(3600))
    minutes = exp.IntDiv(
        this=paren(exp.Mod(this=size.copy(), expression=num(3600))), expression=num(60)
    )
    if el == "z":
        return exp.DPipe(
            this=exp.DPipe(this=sign, expression=two(hours), safe=True),
            expression=two(minutes),
            safe=True,
        )
    if el == "Ez":
        parts = [sign, two(hours), exp.Literal.string(":"), two(minutes)]
        out = parts[0]
        for p in parts[1:]:
            out = exp.DPipe(this=out, expression=p, safe=True)
        return out
    # %Z: UTC, then the offset: whole hours unpadded (UTC+2), else hours and minutes (UTC+0530)
    offset = case(
        exp.EQ(this=minutes.copy(), expression=num(0)),
        text(hours.copy()),
        exp.DPipe(this=two(hours.copy()), expression=two(minutes.copy()), safe=True),
    )
    named = exp.DPipe(
        this=exp.DPipe(this=exp.Literal.string("UTC"), expression=sign.copy(), safe=True),
        expression=offset,
        safe=True,
    )
    whole = exp.EQ(this=exp.IntDiv(this=size.copy(), expression=num(60)), expression=num(0))
    return case(whole, exp.Literal.string("UTC"), named)


def _element(el: str, base: exp.Expression) -> exp.Expression:

    def text(e: exp.Expression) -> exp.Expression:
        return cast(e, "VARCHAR")

    if el == "Q":
        return text(fn("quarter", base.copy()))
    if el[0] == "E" and el[-1] == "S":
        # seconds, then the fraction: %E<n>S with n digits (cut, not rounded), %E*S with as
        # many as it has (none and no point for a whole second): 05.25 is %E*S's 05.25
        seconds = fn("strftime", base.copy(), exp.Literal.string("%S"))
        micros = exp.Mod(this=fn("microsecond", base.copy()), expression=num(1_000_000))
        six = fn("lpad", text(micros), num(6), exp.Literal.string("0"))
        if el == "E*S":
            fraction = case(
                exp.EQ(this=micros.copy(), expression=num(0)),
                exp.Literal.string(""),
                exp.DPipe(
                    this=exp.Literal.string("."),
                    expression=fn("rtrim", six, exp.Literal.string("0")),
                    safe=True,
                ),
            )
        else:
            n = int(el[1:-1])
            if n == 0:
                return seconds
            digits = (
                fn("left", six, num(n))
                if n <= 6
                else fn("rpad", six, num(n), exp.Literal.string("0"))
            )
            fraction = exp.DPipe(this=exp.Literal.string("."), expression=digits, safe=True)
        return exp.DPipe(this=seconds, expression=fraction, safe=True)
    if el == "E4Y":
        # the year padded to four digits (10000, in a zone east of UTC, as it is)
        year = fn("year", base.copy())
        return case(
            exp.GTE(this=year, expression=num(10000)),
            text(year.copy()),
            fn("lpad", text(year.copy()), num(4), exp.Literal.string("0")),
        )
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
        # year 10000 (9999-12-31 in a zone east of UTC) is +10000 there (GoogleSQL's
        # reference evaluator: FORMAT_TIMESTAMP('%F', ..., '+05:30') is '+10000-01-01')
        late = exp.GTE(this=fn("year", base.copy()), expression=num(10000))
        signed = exp.DPipe(
            this=exp.Literal.string("+"), expression=text(fn("year", base.copy())), safe=True
        )
        return case(early, refused, case(late, signed, padded))
    if el == "g":
        # the ISO year's last two digits (DuckDB's strftime has no %g: it printed '000')
        two = exp.Mod(this=fn("isoyear", base.copy()), expression=num(100))
        return fn("lpad", text(two), num(2), exp.Literal.string("0"))
    if el == "e":
        return fn("lpad", text(fn("day", base.copy())), num(2), exp.Literal.string(" "))
    if el == "C":
        # at least two digits: lpad would cut the century 100 of year 10000 to '10'
        century = text(exp.IntDiv(this=fn("year", base.copy()), expression=num(100)))
        return case(
            exp.GTE(this=fn("year", base.copy()), expression=num(10000)),
            century.copy(),
            fn("lpad", century, num(2), exp.Literal.string("0")),
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
    since_year_one = exp.Add(this=fn("epoch_us", base.copy()), expression=num(year_one * 1_000_000))
    seconds = exp.Sub(
        this=exp.IntDiv(this=paren(since_year_one), expression=num(1_000_000)),
        expression=num(year_one),
    )
    return text(seconds)


# -- PARSE_DATE/DATETIME/TIME/TIMESTAMP: the elements DuckDB's strptime reads as BigQuery does

# Elements (after sqlglot's reading: %e is %-d, %F/%T/%D/%x/%c written out, %c's %e as %e,
# which the generator writes %-d) DuckDB's strptime reads as GoogleSQL does (GoogleSQL's
# reference evaluator, zetasql 0.1.5); %z/%Z are PARSE_TIMESTAMP's (``timestamp-results``
# refuses them, and %s there, before this rule).
_PARSE_SAME = set("aAbBdeHIjmMpSyYUWwXzZ%")
# Elements written as others DuckDB reads: %h is %b; %n and %t match white space (a space in
# DuckDB's format matches one or more white-space characters, BigQuery's zero or more: text
# without the space fails, an error not a wrong value); %R and %r are their expansions.
_PARSE_AS = {"h": "%b", "n": " ", "t": " ", "R": "%H:%M", "r": "%I:%M:%S %p"}
# %E<n>S: seconds with at most n digits of fraction, the fraction optional. DuckDB's %g reads
# 1-3 digits, %f 1-6; %E*S (any number) and %E7S-%E9S read up to 6 here (more: an error, where
# BigQuery cuts to microseconds); %E1S, %E2S, %E4S and %E5S have no DuckDB element.
_FRACTIONS = {"E0S": None, "E3S": "%g", "E6S": "%f", "E7S": "%f", "E8S": "%f", "E9S": "%f"}
_PARSE_NODES = (exp.StrToDate, exp.StrToTime, exp.ParseTime, exp.ParseDatetime)


def parse_elements(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """PARSE_*: each format element as BigQuery reads it, else refused by name.

    DuckDB's strptime fails on elements it lacks (%C, %Q, %k, %E*S: a raw "malformed input"),
    and reads %g (milliseconds there, the ISO year's two digits in BigQuery), %u and %n
    differently. %E*S and %E<n>S read an optional fraction: the format becomes the list of
    its variants, with and without the fraction (strptime tries each in turn)."""

    changed = False
    for node in bottom_up(tree, *_PARSE_NODES):
        fmt = node.args.get("format")
        if not (isinstance(fmt, exp.Literal) and fmt.is_string):
            continue
        variants = _parse_variants(fmt.name, line_of(node))
        if variants == [fmt.name]:
            continue
        prefix = ""
        if node.args.get("default_year") is not None:
            # sqlglot's reading of a missing year as 1970 ('1970 ' || text, '%Y ' || format),
            # done here, as the generator cannot prefix a list of formats
            year = node.args["default_year"].name
            node.set("this", exp.DPipe(this=exp.Literal.string(f"{year} "), expression=node.this))
            node.set("default_year", None)
            prefix = "%Y "
        if len(variants) == 1:
            node.set("format", exp.Literal.string(prefix + variants[0]))
        else:
            node.set(
                "format",
                exp.Array(expressions=[exp.Literal.string(prefix + v) for v in variants]),
            )
        changed = True
    return changed


def _parse_variants(text: str, line: int | None) -> list[str]:
    """The DuckDB formats that together read ``text`` (a BigQuery format) as BigQuery does."""
    variants = [""]
    i = 0
    while i < len(text):
        ch = text[i]
        if ch != "%":
            variants = [v + ch for v in variants]
            i += 1
            continue
        el = text[i + 1 : i + 2]
        i += 2
        if el == "-" and text[i : i + 1] == "d":  # sqlglot's reading of %e
            variants = [v + "%-d" for v in variants]
            i += 1
            continue
        if el == "S" and text[i : i + 3] == ".%f":
            el, i = "E6S", i + 3  # sqlglot's reading of %E6S
        elif el == "E" and text[i : i + 2] == "*S":
            el, i = "E*S", i + 2
        elif el == "E" and text[i : i + 1].isdigit() and text[i + 1 : i + 2] == "S":
            el, i = f"E{text[i]}S", i + 2
        elif el == "E":
            el = "E" + text[i : i + 1]
        if el in _PARSE_SAME:
            variants = [v + "%" + el for v in variants]
        elif el in _PARSE_AS:
            variants = [v + _PARSE_AS[el] for v in variants]
        elif el == "E*S" or el in _FRACTIONS:
            fraction = _FRACTIONS.get(el, "%f")
            whole = [v + "%S" for v in variants]
            if fraction is None:
                variants = whole
            else:
                variants = [v + "%S." + fraction for v in variants] + whole
            if len(variants) > 8:
                raise UnsupportedError(
                    "more than three %E*S/%E<n>S elements in one PARSE format",
                    "each doubles the formats tried",
                    line,
                )
        else:
            shown = el if el else ""
            raise UnsupportedError(
                f"format element %{shown} in PARSE_DATE/DATETIME/TIME/TIMESTAMP",
                "DuckDB's strptime lacks it or reads it otherwise",
                line,
            )
    return variants
