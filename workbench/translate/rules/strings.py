"""Strings: printf-style FORMAT, SUBSTR positions, code points.

BigQuery's FORMAT is printf-like (DuckDB's FORMAT uses ``{}``); SUBSTR treats position
0 as 1 and a negative position beyond the start as 1, and errors on a negative length.
"""

from __future__ import annotations

import re

from sqlglot import exp

from workbench.translate import text_forms
from workbench.translate.context import Context, Translation, UnsupportedError, UserError, line_of
from workbench.translate.rules._sql import (
    bottom_up,
    bq_type,
    case,
    cast,
    element_type,
    fail,
    fn,
    func_call,
    func_name,
    is_type,
    num,
    paren,
)

_SPEC = re.compile(r"%(?P<flags>[-+ #0']*)(?P<width>\d+)?(?:\.(?P<prec>\d+))?(?P<conv>[a-zA-Z%])")
_NUMERIC_CONV = set("dixXofFeEgG")
# the conversions of BigQuery's FORMAT (string_functions#format_string); any other letter is
# its error "Invalid format specifier character"
_FORMAT_CONV = set("dixXofFeEgGsStTpPu")
# what is left of a format string after its specifiers: a % with no conversion after it
_BAD_SPEC = re.compile(r"%[-+ #0']*\d*(?:\.\d*)?(.?)")


_RAW_PREFIX = re.compile(r"""[rR]['"]""")


def raw_string_literals(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """r'a(b)' is the STRING literal 'a(b)' (lexical#string_and_bytes_literals: a raw literal
    only reads its backslashes as themselves). sqlglot keeps it as a RawString, which the
    rules that read a literal argument (REGEXP_INSTR's group, REGEXP_EXTRACT's group count,
    LIKE's trailing backslash, FORMAT's specifiers) took for a computed value: REGEXP_INSTR
    ('xaby', r'a(b)') was 2 offline, 3 in BigQuery. As a plain literal of the same value
    every rule reads it. Skipped unless the query's text has a raw prefix (r' or r")."""
    if not _RAW_PREFIX.search(out.bigquery):
        return False
    changed = False
    for node in bottom_up(tree, exp.RawString):
        new = exp.Literal.string(node.name)
        new.meta.update(node.meta)
        node.replace(new)
        changed = True
    return changed


def _string_result(node: exp.Expression) -> str:
    """'STRING' for calls that always return a STRING but that the type annotator leaves blank."""

    strings = (exp.TimeToStr, exp.Format, exp.Concat, exp.Upper, exp.Lower, exp.Trim)
    return "STRING" if isinstance(node, strings) else ""


def _pad(text: exp.Expression, m: re.Match[str], node: exp.Expression) -> exp.Expression:
    """%t/%T width pads and precision truncates, as for %s (FORMAT reference)."""

    flags, width, prec = m.group("flags") or "", m.group("width"), m.group("prec")
    if not width and prec is None:
        if flags:
            raise UnsupportedError(
                f"FORMAT specifier {m.group(0)}", "flags on %t/%T are not emulated", line_of(node)
            )
        return text
    if flags not in ("", "-"):
        raise UnsupportedError(
            f"FORMAT specifier {m.group(0)}", "flags on %t/%T are not emulated", line_of(node)
        )
    spec = "%" + flags + (width or "") + (f".{prec}" if prec is not None else "") + "s"
    return fn("printf", exp.Literal.string(spec), text)


def printf_format(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """FORMAT('%s-%d', ...) → one DuckDB printf per specifier, joined (NULL in → NULL out)."""

    changed = False
    for node in bottom_up(tree, exp.Format):
        fmt = node.this
        if not (isinstance(fmt, exp.Literal) and fmt.is_string):
            raise UnsupportedError(
                "FORMAT with a computed format string",
                "the specifiers must be known when the query is translated",
                line_of(node),
            )
        args = list(node.expressions)
        pieces: list[exp.Expression] = []
        literal = ""
        pos = 0
        used = 0
        text = fmt.name
        for m in _SPEC.finditer(text):
            literal += text[pos : m.start()]
            pos = m.end()
            conv = m.group("conv")
            if conv == "%":
                literal += "%"
                continue
            if conv not in _FORMAT_CONV:  # BigQuery rejects the format string (format.cc)
                raise UserError(
                    f'Invalid format specifier character "{conv}" in FORMAT string: "{text}"',
                    line=line_of(node),
                    construct="FORMAT",
                )
            if used >= len(args):  # BigQuery rejects it before it runs (format_string)
                raise UserError(
                    "FORMAT has fewer arguments than its format string has specifiers",
                    line=line_of(node),
                    construct="FORMAT",
                )
            arg = args[used]
            used += 1
            kind = bq_type(arg) or _string_result(arg)
            spec = m.group(0)
            if literal:
                pieces.append(exp.Literal.string(literal))
                literal = ""
            flags = m.group("flags") or ""
            if conv in "di" and "'" in flags:
                if m.group("width") or flags.replace("'", ""):
                    raise UnsupportedError(
                        f"FORMAT specifier {spec}",
                        "grouping with width or other flags is not emulated",
                        line_of(node),
                    )
                pieces.append(fn("format", exp.Literal.string("{:,}"), cast(arg.copy(), "BIGINT")))
            elif conv in _NUMERIC_CONV:
                if conv in "dixXo" and kind not in ("INT64", ""):
                    raise UnsupportedError(
                        f"FORMAT {spec} of a {kind}",
                        "BigQuery requires an INT64 argument",
                        line_of(node),
                    )
                if "'" in flags:
                    raise UnsupportedError(
                        f"FORMAT specifier {spec}",
                        "BigQuery's digit grouping of this conversion is not emulated",
                        line_of(node),
                    )
                if "#" in flags and (conv not in "xXo" or m.group("width")):
                    raise UnsupportedError(
                        f"FORMAT specifier {spec}",
                        "the # flag is emulated for %#x, %#X and %#o without a width only",
                        line_of(node),
                    )
                if kind == "NUMERIC" and conv in "eEgG":
                    raise UnsupportedError(
                        f"FORMAT {spec} of a NUMERIC",
                        "BigQuery rounds the exact decimal, which offline %e/%g do not",
                        line_of(node),
                    )
                if kind == "NUMERIC" and conv in "fF":
                    # from the exact decimal, half away from zero (GoogleSQL's reference:
                    # FORMAT('%.0f', NUMERIC '2.5') is '3'; DuckDB's printf of the DOUBLE: '2')
                    pieces.append(
                        fn(
                            text_forms.NUMERIC_FIXED,
                            cast(arg.copy(), "DECIMAL(38, 9)"),
                            num(int(m.group("prec") or 6)),
                            num(int(m.group("width") or 0)),
                            exp.Literal.string(flags),
                        )
                    )
                    continue
                value = cast(arg.copy(), "BIGINT" if conv in "dixXo" else "DOUBLE")
                if conv not in "dixXo":
                    # -0.0 prints as 0 (GoogleSQL's reference evaluator: FORMAT('%f', -0.0) is
                    # '0.000000'); adding +0.0 turns only -0.0 into +0.0 (IEEE 754)
                    value = paren(exp.Add(this=value, expression=cast(num(0), "DOUBLE")))
                printed = fn("printf", exp.Literal.string(spec.replace("i", "d")), value)
                if "#" in flags:
                    # GoogleSQL writes the prefix for 0 too ('0x0', '00'); DuckDB's printf '0'
                    zero = {"x": "0x0", "X": "0X0", "o": "00"}[conv]
                    printed = case(
                        exp.EQ(this=value.copy(), expression=num(0)),
                        exp.Literal.string(zero),
                        printed,
                    )
                if conv in "xXo":
                    # documented: %o, %x and %X raise an error for a negative value
                    printed = case(
                        exp.LT(this=value.copy(), expression=num(0)),
                        fail(f"FORMAT {spec}: negative value"),
                        printed,
                    )
                if conv in "fF":
                    # DuckDB's printf gets the digits of %f wrong from about 1e60 on
                    # (FORMAT('%f', -1e308) ended ...1091393642127513885498046875000...):
                    # there the exact digits, as C's printf writes them
                    huge = exp.GTE(
                        this=fn("abs", value.copy()),
                        expression=cast(exp.Literal.string("1e60"), "DOUBLE"),
                    )
                    exact = fn(text_forms.FLOAT_FIXED, exp.Literal.string(spec), value.copy())
                    printed = case(
                        exp.And(this=huge, expression=fn("isfinite", value.copy())),
                        exact,
                        printed,
                    )
                pieces.append(printed)
            elif conv == "s":
                if kind and kind != "STRING":  # BigQuery rejects it (format_string: %s)
                    raise UserError(
                        f"FORMAT %s takes a STRING, not {kind} (%t formats any type)",
                        line=line_of(node),
                        construct="FORMAT",
                    )
                if kind != "STRING":
                    raise UnsupportedError(
                        "FORMAT %s of a value of unknown type",
                        "BigQuery formats only STRING with %s",
                        line_of(node),
                    )
                pieces.append(fn("printf", exp.Literal.string(spec), arg.copy()))
            elif conv in "tT" and kind == "BYTES":
                # GoogleSQL's bytes literal (%T) or its escaped text (%t)
                name = text_forms.BYTES_LITERAL if conv == "T" else text_forms.BYTES_TEXT
                quoted = fn(name, arg.copy())
                pieces.append(_pad(fn("coalesce", quoted, exp.Literal.string("NULL")), m, node))
            elif conv == "T" and kind == "DATE":
                # a DATE literal: DATE "2020-01-02"
                quoted = exp.DPipe(
                    this=exp.DPipe(
                        this=exp.Literal.string('DATE "'), expression=cast(arg.copy(), "VARCHAR")
                    ),
                    expression=exp.Literal.string('"'),
                )
                pieces.append(_pad(fn("coalesce", quoted, exp.Literal.string("NULL")), m, node))
            elif conv == "T" and kind == "STRING":
                # GoogleSQL's string literal: its choice of quotes and its escapes
                quoted = fn(text_forms.STRING_LITERAL, arg.copy())
                pieces.append(_pad(fn("coalesce", quoted, exp.Literal.string("NULL")), m, node))
            elif (conv in "tT" and kind in ("INT64", "BOOL")) or (
                (conv == "t" and kind in ("STRING", "INT64", "BOOL", "DATE"))
                or (conv == "t" and is_type(element_type(arg), "INT64"))
            ):
                pieces.append(
                    _pad(
                        fn("coalesce", cast(arg.copy(), "VARCHAR"), exp.Literal.string("NULL")),
                        m,
                        node,
                    )
                )
            else:
                raise UnsupportedError(
                    f"FORMAT specifier %{conv}" + (f" of a {kind}" if kind else ""),
                    "its BigQuery text form is not reproduced exactly offline",
                    line_of(node),
                )
        literal += text[pos:]
        if "%" in _SPEC.sub("", text):
            bad = _BAD_SPEC.search(_SPEC.sub("", text))
            if bad is None or not bad.group(1):
                message = f'Invalid FORMAT string: "{text}"'
            else:
                message = (
                    f'Invalid format specifier character "{bad.group(1)}" in FORMAT string: '
                    f'"{text}"'
                )
            raise UserError(message, line=line_of(node), construct="FORMAT")
        if literal or not pieces:
            pieces.append(exp.Literal.string(literal))
        new = pieces[0]
        for p in pieces[1:]:
            new = exp.DPipe(this=new, expression=p, safe=False)
        if isinstance(new, exp.Literal):
            new = cast(new, "VARCHAR")
        node.replace(paren(new))
        changed = True
    return changed


def substr_positions(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """SUBSTR(s, 0, n) starts at 1; SUBSTR(s, -10, 3) of a shorter s starts at 1; n < 0 errors."""

    changed = False
    for node in bottom_up(tree, exp.Substring):
        s = node.this
        start = node.args.get("start")
        length = node.args.get("length")
        if start is None or is_type(s, "BYTES"):
            continue
        p = start.copy()
        # a start past the end is the end (DuckDB's substring overflows on a huge start)
        past_end = exp.Add(this=fn("length", s.copy()), expression=num(1))
        fixed = case(
            exp.GT(this=p.copy(), expression=num(0)),
            fn("least", p.copy(), past_end),
            case(
                exp.EQ(this=p.copy(), expression=num(0)),
                num(1),
                # DuckDB's greatest skips NULL: greatest(NULL, 1) would start a NULL position at 1
                fn(
                    "greatest",
                    exp.Add(
                        this=exp.Add(this=fn("length", s.copy()), expression=p.copy()),
                        expression=num(1),
                    ),
                    case(exp.Is(this=p.copy(), expression=exp.Null()), exp.Null(), num(1)),
                ),
            ),
        )
        if length is None:
            new = fn("substring", s.copy(), fixed)
        else:
            # a NULL string or position makes SUBSTR NULL before the length is checked
            # (GoogleSQL's reference: SUBSTR(NULL, 10, -2) is NULL)
            present = exp.Not(
                this=paren(
                    exp.Or(
                        this=exp.Is(this=paren(s.copy()), expression=exp.Null()),
                        expression=exp.Is(this=paren(p.copy()), expression=exp.Null()),
                    )
                )
            )
            # no longer than the string (DuckDB overflows on a huge one); NULL stays NULL
            too_long = exp.GT(this=length.copy(), expression=past_end.copy())
            shortest = case(too_long, past_end.copy(), length.copy())
            new = case(
                exp.And(this=exp.LT(this=length.copy(), expression=num(0)), expression=present),
                fail("SUBSTR: the length must not be negative"),
                fn("substring", s.copy(), fixed, shortest),
            )
        node.replace(paren(new))
        changed = True
    return changed


# The functions code_points rewrites (the registry's ``handles`` for it).
CODE_POINT_FUNCTIONS = ("TO_CODE_POINTS", "CODE_POINTS_TO_STRING")


def code_points(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """TO_CODE_POINTS / CODE_POINTS_TO_STRING (absent in DuckDB) for STRING values."""

    changed = False
    for node in bottom_up(tree, exp.Func):
        if func_name(node) not in CODE_POINT_FUNCTIONS:
            continue  # func_call copies every argument: only for the calls this rule rewrites
        name, args = func_call(node)
        if name == "TO_CODE_POINTS" and len(args) == 1:
            s = args[0]
            # BYTES were rewritten by bytes-functions; a rewritten argument may have lost
            # its annotation (SUBSTR's CASE), which does not make it BYTES
            if is_type(s, "BYTES"):
                raise UnsupportedError(
                    "TO_CODE_POINTS of BYTES", "only STRING is emulated", line_of(node)
                )
            lam = exp.Lambda(
                this=cast(fn("unicode", exp.to_identifier("c")), "BIGINT"),
                expressions=[exp.to_identifier("c")],
            )
            chars = fn("regexp_extract_all", s.copy(), exp.Literal.string("(?s)."))
            node.replace(fn("list_transform", chars, lam))
            changed = True
        elif name == "CODE_POINTS_TO_STRING" and len(args) == 1:
            arr = args[0]
            lam = exp.Lambda(
                this=fn("chr", cast(exp.to_identifier("c"), "INTEGER")),
                expressions=[exp.to_identifier("c")],
            )
            has_null = fn(
                "list_contains",
                fn(
                    "list_transform",
                    arr.copy(),
                    exp.Lambda(
                        this=exp.Is(this=exp.to_identifier("c"), expression=exp.Null()),
                        expressions=[exp.to_identifier("c")],
                    ),
                ),
                exp.true(),
            )
            joined = fn(
                "array_to_string", fn("list_transform", arr.copy(), lam), exp.Literal.string("")
            )
            node.replace(paren(case(has_null, cast(exp.Null(), "VARCHAR"), joined)))
            changed = True
    return changed


def like_escape(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """x LIKE 'a\\_b': in BigQuery a backslash escapes %, _ and itself in the pattern.

    DuckDB's LIKE has no escape character unless one is named, so 'a_b' LIKE 'a\\_b'
    would be FALSE offline and TRUE on BigQuery; naming the backslash makes them agree.

    A pattern that ends with an escaping backslash is BigQuery's error "LIKE pattern ends
    with a backslash" (GoogleSQL's like.cc): a literal one when the query is analysed (even
    over no rows, or where another pattern of LIKE ANY already decided), a computed one when
    it is evaluated. DuckDB's own message for it was a "Syntax Error" naming no function.
    """

    changed = False
    for node in bottom_up(tree, exp.Like):
        if isinstance(node.parent, exp.Escape):
            continue
        pattern = node.expression
        if isinstance(pattern, exp.Literal) and pattern.is_string:
            if ends_with_escape(pattern.name):
                raise UserError(LIKE_TRAILING_BACKSLASH, line=line_of(node))
        elif pattern is not None and not isinstance(pattern, exp.Null):
            checked = case(
                fn("regexp_matches", pattern.copy(), exp.Literal.string(_TRAILING_ESCAPE)),
                fail(LIKE_TRAILING_BACKSLASH),
                pattern.copy(),
            )
            node.set("expression", paren(checked))
        node.replace(exp.Escape(this=node.copy(), expression=exp.Literal.string("\\")))
        changed = True
    return changed


LIKE_TRAILING_BACKSLASH = "LIKE pattern ends with a backslash"
# an odd run of backslashes at the end: the last one escapes nothing
_TRAILING_ESCAPE = r"(^|[^\\])(\\\\)*\\$"


def ends_with_escape(pattern: str) -> bool:
    """Whether the pattern's last backslash escapes nothing (an odd run at the end)."""
    run = len(pattern) - len(pattern.rstrip("\\"))
    return run % 2 == 1


def chr_code_point(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """CHR(INT64): DuckDB's chr takes an INTEGER (a BIGINT argument was a Binder Error), so
    the code point is checked (BigQuery: an error outside 0..0x10FFFF and for surrogates)
    and cast."""

    changed = False
    for node in bottom_up(tree, exp.Chr):
        if len(node.expressions) != 1:
            continue
        x = node.expressions[0]
        invalid = exp.Or(
            this=exp.Or(
                this=exp.LT(this=x.copy(), expression=num(0)),
                expression=exp.GT(this=x.copy(), expression=num(0x10FFFF)),
            ),
            expression=exp.Between(this=x.copy(), low=num(0xD800), high=num(0xDFFF)),
        )
        new = paren(
            case(invalid, fail("CHR: invalid code point"), fn("chr", cast(x.copy(), "INTEGER")))
        )
        new.type = exp.DataType.build("VARCHAR")
        node.replace(new)
        changed = True
    return changed


# RE2's zero-width assertions, for a pattern known only at run time (a ^ that negates a
# class counts too: only ever a refusal too many)
_ASSERTION = re.compile(r"[\^$]|\\[bBAz]")


def _has_assertion(pattern: str) -> bool:
    """Whether an RE2 pattern holds ^, $, \\b, \\B, \\A or \\z outside a character class."""
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            if pattern[i + 1 : i + 2] in ("b", "B", "A", "z"):
                return True
            i += 2
        elif ch == "[":
            i += 1
            if pattern[i : i + 1] == "^":
                i += 1
            if pattern[i : i + 1] == "]":
                i += 1  # a leading ] is a member
            while i < len(pattern) and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
            i += 1
        elif ch in "^$":
            return True
        else:
            i += 1
    return False


def regexp_extract_all_end(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """REGEXP_EXTRACT_ALL stops once a match reaches the end of a non-empty string: no
    search starts at the very end (GoogleSQL's regexp.cc ExtractAllNext;
    REGEXP_EXTRACT_ALL('abc', '') is three empty strings). DuckDB searches there too, and
    finds an empty match where the pattern matches empty at the end (``\\z`` then the
    pattern: nothing is left for it to consume). A pattern without anchors or word
    boundaries that matches empty there matches empty everywhere, so that last match was
    found from the end and is dropped; with anchors (``$``, ``\\b``) a search from before
    the end may have found it, which is refused rather than guessed."""

    changed = False
    for node in bottom_up(tree, exp.RegexpExtractAll):
        s, pattern = node.this, node.args.get("expression")
        if pattern is None or is_type(s, "BYTES") or node.meta.get("extract_all_end"):
            continue
        node.meta["extract_all_end"] = True
        if isinstance(pattern, exp.Literal) and pattern.is_string:
            at_end: exp.Expression = exp.Literal.string(f"\\z(?:{pattern.name})")
        else:
            at_end = exp.DPipe(
                this=exp.DPipe(this=exp.Literal.string("\\z(?:"), expression=pattern.copy()),
                expression=exp.Literal.string(")"),
            )
        ends_empty = exp.And(
            this=exp.NEQ(this=s.copy(), expression=exp.Literal.string("")),
            expression=fn("regexp_matches", s.copy(), at_end),
        )
        if isinstance(pattern, exp.Literal) and pattern.is_string:
            anchored: exp.Expression = exp.true() if _has_assertion(pattern.name) else exp.false()
        else:
            anchored = fn("regexp_matches", pattern.copy(), exp.Literal.string(_ASSERTION.pattern))
        dropped = case(
            anchored,
            fail(
                "REGEXP_EXTRACT_ALL with an anchor or word boundary that matches empty at "
                "the end of the string is not supported offline"
            ),
            fn("array_pop_back", node.copy()),
        )
        new = paren(case(ends_empty, dropped, node.copy()))
        new.type = node.type
        node.replace(new)
        changed = True
    return changed
