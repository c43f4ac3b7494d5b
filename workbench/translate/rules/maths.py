"""Arithmetic: BigQuery's number types, rounding, division and overflow rules.

BigQuery has one integer type (INT64, which errors on overflow), FLOAT64 literals
(``0.1`` is a float, not a decimal), NUMERIC with 38 digits and scale 9, and raises an
error for a division by zero. DuckDB types ``1`` as INTEGER (overflowing at 2^31), ``0.1``
as DECIMAL, sums integers into HUGEINT and returns NULL for ``x // 0``.
"""

from __future__ import annotations

import re

from sqlglot import exp

from wbcore.errors import UserError
from workbench.translate import functions as duckdb_functions
from workbench.translate.context import (
    CHECKS_ONLY,
    Context,
    Translation,
    UnsupportedError,
    line_of,
)
from workbench.translate.rules._sql import (
    bottom_up,
    case,
    cast,
    duckdb_type,
    element_type,
    fail,
    fn,
    func_call,
    func_name,
    is_int,
    is_type,
    known_type,
    nodes,
    num,
    paren,
    typed,
)


def number_literals(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """``0.1`` is FLOAT64 and ``1`` is INT64: literals get DOUBLE and BIGINT offline.

    Integer literals are widened only where arithmetic could overflow DuckDB's INTEGER.
    ``-9223372036854775808`` is INT64's least value.
    """

    changed = False
    arith = (exp.Add, exp.Sub, exp.Mul, exp.Neg, exp.Div, exp.IntDiv, exp.Mod)
    for lit in nodes(tree, exp.Literal):
        if lit.is_string:
            continue
        text = lit.name
        if text == "9223372036854775808" and isinstance(lit.parent, exp.Neg):
            # -9223372036854775808 is INT64's minimum, one literal (negating the BIGINT
            # 9223372036854775808 would overflow)
            lit.parent.replace(cast(exp.Literal.number("-9223372036854775808"), "BIGINT"))
            changed = True
            continue
        if any(ch in text for ch in ".eE"):
            lit.replace(cast(lit.copy(), "DOUBLE"))
            changed = True
        elif isinstance(lit.parent, arith) or (
            isinstance(lit.parent, exp.Paren) and isinstance(lit.parent.parent, arith)
        ):
            lit.replace(cast(lit.copy(), "BIGINT"))
            changed = True
    return changed


def numeric_type(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """NUMERIC is DECIMAL(38, 9) exactly; BIGNUMERIC (76 digits) has no DuckDB equivalent."""

    changed = False
    for dt in nodes(tree, exp.DataType):
        if dt.this == exp.DataType.Type.BIGDECIMAL:
            raise UnsupportedError(
                "BIGNUMERIC", "DuckDB decimals stop at 38 digits (BIGNUMERIC has 76)", line_of(dt)
            )
        if dt.this == exp.DataType.Type.DECIMAL and not dt.expressions:
            dt.replace(exp.DataType.build("DECIMAL(38, 9)"))
            changed = True
    return changed


def integer_results(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """SUM/COUNTIF of INT64 is INT64 (an overflow is an error), not DuckDB's HUGEINT.

    So is ``-(expression)`` of INT64: DuckDB folds ``-(-9223372036854775807 - 1)`` to a
    HUGEINT 9223372036854775808, where BigQuery raises "int64 overflow".
    """

    changed = False
    for node in bottom_up(tree, exp.Neg):
        if isinstance(node.this, exp.Literal) or not is_int(node):
            continue  # -5 is a literal, never out of range
        node.replace(cast(node.copy(), "BIGINT"))
        changed = True
    for node in bottom_up(tree, exp.Sum, exp.CountIf):
        target = node.parent if isinstance(node.parent, exp.Window) else node
        if isinstance(node, exp.CountIf) or is_int(node.this):
            target.replace(cast(target.copy(), "BIGINT"))
            changed = True
    return changed


def division(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """``/``, DIV and MOD raise "division by zero" as BigQuery does; ``/`` returns FLOAT64."""

    changed = False
    for node in bottom_up(tree, exp.Div, exp.IntDiv, exp.Mod):
        a, b = node.this, node.expression
        numeric = is_type(a, "NUMERIC") or is_type(b, "NUMERIC")
        op = {exp.Div: "/", exp.IntDiv: "//", exp.Mod: "%"}[type(node)]
        a = cast(a.copy(), "DOUBLE") if isinstance(node, exp.Div) and not numeric else a.copy()
        new_op = {"/": exp.Div, "//": exp.IntDiv, "%": exp.Mod}[op](
            this=paren(a), expression=paren(b.copy())
        )
        # a NULL dividend gives NULL before the zero check (NULL / 0 is NULL in GoogleSQL)
        zero = exp.And(
            this=exp.EQ(this=b.copy(), expression=num(0)),
            expression=exp.Not(this=exp.Is(this=a.copy(), expression=exp.Null())),
        )
        check = case(zero, fail("division by zero"), new_op)
        node.replace(paren(check))
        changed = True
    return changed


# The functions ieee_and_safe_arithmetic rewrites (the registry's ``handles`` for it).
SAFE_ARITHMETIC = (
    "IEEE_DIVIDE",
    "SAFE_ADD",
    "SAFE_SUBTRACT",
    "SAFE_MULTIPLY",
    "SAFE_NEGATE",
    "RANGE_BUCKET",
)


RANGE_BUCKET_NULL = "RANGE_BUCKET: the array must not hold a NULL or NaN element"


def _any_element(arr: exp.Expression, floats: bool) -> exp.Expression:
    """TRUE when ``arr`` holds a NULL (or, for FLOAT64, a NaN) element."""
    e = exp.to_identifier("e")
    bad: exp.Expression = exp.Is(this=e.copy(), expression=exp.Null())
    if floats:
        bad = exp.Or(this=bad, expression=fn("isnan", cast(e.copy(), "DOUBLE")))
    lam = exp.Lambda(this=bad, expressions=[e.copy()])
    return fn("list_contains", fn("list_transform", arr.copy(), lam), exp.true())


def ieee_and_safe_arithmetic(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """IEEE_DIVIDE never fails (±inf, NaN); SAFE_ADD & co. return NULL on overflow."""

    changed = False
    for node in bottom_up(tree, exp.Func):
        if func_name(node) not in SAFE_ARITHMETIC:
            continue  # func_call copies every argument: only for the calls this rule rewrites
        name, args = func_call(node)
        if name == "IEEE_DIVIDE" and len(args) == 2:
            # DuckDB's DOUBLE division is IEEE 754 itself: the sign of a zero divisor counts
            # (IEEE_DIVIDE(1, -0.0) is -inf), 0/0 is NaN, an overflow is ±inf
            new = exp.Div(this=cast(args[0], "DOUBLE"), expression=cast(args[1], "DOUBLE"))
        elif name in ("SAFE_ADD", "SAFE_SUBTRACT", "SAFE_MULTIPLY") and len(args) == 2:
            op = {"SAFE_ADD": exp.Add, "SAFE_SUBTRACT": exp.Sub, "SAFE_MULTIPLY": exp.Mul}[name]
            # parenthesised: SAFE_MULTIPLY(2 + 1, 3) is 9, not 2 + 1 * 3
            new = fn("TRY", op(this=paren(args[0]), expression=paren(args[1])))
        elif name == "SAFE_NEGATE" and len(args) == 1:
            neg: exp.Expression = exp.Neg(this=paren(args[0]))
            # an INT64 stays one: DuckDB folds -(-9223372036854775807 - 1) to a HUGEINT
            new = fn("TRY", cast(neg, "BIGINT") if is_int(args[0]) else neg)
        elif name == "RANGE_BUCKET" and len(args) == 2:
            x, arr = args
            lam = exp.Lambda(
                this=exp.LTE(this=exp.to_identifier("e"), expression=x.copy()),
                expressions=[exp.to_identifier("e")],
            )
            count = fn("len", fn("list_filter", arr.copy(), lam))
            new = case(
                exp.NEQ(this=arr.copy(), expression=fn("list_sort", arr.copy())),
                fail("RANGE_BUCKET: the array must be sorted in ascending order"),
                cast(count, "BIGINT"),
            )
            # a NULL or NaN point is NULL before the array is looked at; a NULL or NaN
            # element is an error (mathematical_functions#range_bucket)
            floats = is_type(x, "FLOAT64") or is_type(element_type(arr), "FLOAT64")
            new = case(_any_element(arr, floats), fail(RANGE_BUCKET_NULL), new)
            no_point = exp.Is(this=x.copy(), expression=exp.Null())
            if is_type(x, "FLOAT64"):
                no_point = exp.Or(this=no_point, expression=fn("isnan", x.copy()))
            new = case(no_point, exp.Null(), new)
        else:
            continue
        node.replace(paren(new))
        changed = True
    return changed


def _null_literal(node: exp.Expression) -> bool:
    """NULL, or a CAST of NULL (``CAST(NULL AS INT64)``), possibly in parentheses."""
    while isinstance(node, exp.Paren | exp.Cast):
        node = node.this
    return isinstance(node, exp.Null)


def rounding(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """ROUND/TRUNC/CEIL/FLOOR of INT64 return FLOAT64; of NUMERIC, NUMERIC; SIGN keeps the type.

    SIGN(NaN) is NaN (mathematical_functions#sign), where DuckDB's sign() gives 0.
    """

    changed = False
    for node in bottom_up(tree, exp.Round, exp.Trunc, exp.Ceil, exp.Floor, exp.Sign):
        arg = node.this
        if isinstance(node, exp.Sign):
            if is_type(arg, "FLOAT64"):
                # SIGN(NaN) is NaN in BigQuery; DuckDB's sign() gives 0
                nan = fn("isnan", arg.copy())
                node.replace(paren(case(nan, arg.copy(), cast(node.copy(), "DOUBLE"))))
                changed = True
            continue
        digits = node.args.get("decimals")
        if digits is not None and is_type(arg, "NUMERIC") and _null_literal(digits):
            # DuckDB's DECIMAL round() takes no NULL digits (a raw Binder Error); NULL in BigQuery
            node.replace(cast(exp.Null(), "DECIMAL(38, 9)"))
            changed = True
            continue
        if digits is not None:
            # digits past ±40 round as ±40 (a NUMERIC has 29 and 9): an INT64 count near 2^63
            # fit no INTEGER (ROUND(NUMERIC '1.5', 9223372036854775807) is 1.5 in GoogleSQL)
            clamped = fn("least", fn("greatest", digits.copy(), num(-40)), num(40))
            digits.replace(cast(clamped, "INTEGER"))
        if is_type(arg, "INT64"):
            arg.replace(cast(arg.copy(), "DOUBLE"))
            changed = True
        elif is_type(arg, "NUMERIC"):
            node.replace(cast(node.copy(), "DECIMAL(38, 9)"))
            changed = True
    return changed


def _literal_int(node: exp.Expression | None) -> int | None:
    """The value of an integer literal (``-3`` too), None for anything else."""
    negative = isinstance(node, exp.Neg)
    inner = node.this if negative else node
    if isinstance(inner, exp.Literal) and not inner.is_string and inner.name.isdigit():
        return -int(inner.name) if negative else int(inner.name)
    return None


_ROUNDING_MODES = ("ROUND_HALF_AWAY_FROM_ZERO", "ROUND_HALF_EVEN")


def _rounding_mode(node: exp.Expression) -> bool:
    """ROUND(NUMERIC, digits, mode): 'ROUND_HALF_AWAY_FROM_ZERO' is ROUND's own rounding,
    'ROUND_HALF_EVEN' is DuckDB's round_even (whose digits must be a constant: literal
    digits only); a NULL mode or digits give NULL (mathematical_functions#round)."""
    mode, digits, arg = node.args["truncate"], node.args.get("decimals"), node.this
    name = mode.this if isinstance(mode, exp.Literal) and mode.is_string else None
    if not is_type(arg, "NUMERIC") or (name is None and not _null_literal(mode)):
        raise UnsupportedError(
            "ROUND with a rounding mode",
            "only NUMERIC with a mode written as a literal is translated",
            line_of(node),
        )
    if _null_literal(mode) or (digits is not None and _null_literal(digits)):
        node.replace(cast(exp.Null(), duckdb_functions.NUMERIC))
        return True
    if name == "ROUND_HALF_AWAY_FROM_ZERO":
        node.set("truncate", None)  # ROUND's own: the rounding rule types it
        return True
    if name not in _ROUNDING_MODES:  # BigQuery's analyzer: not a ROUNDING_MODE value
        raise UserError(
            f'Could not cast literal "{name}" to type ROUNDING_MODE (the modes: '
            f"{', '.join(_ROUNDING_MODES)}; case sensitive)",
            line=line_of(node),
            construct="ROUND",
        )
    places = 0 if digits is None else _literal_int(digits)
    if places is None:
        raise UnsupportedError(
            "ROUND with a rounding mode",
            "ROUND_HALF_EVEN is translated with literal digits only",
            line_of(node),
        )
    places = max(-40, min(40, places))  # a NUMERIC has 29 and 9 digits: past ±40, the same
    digits_int = cast(exp.Literal.number(places), "INTEGER")  # round_even takes an INTEGER
    even = fn("round_even", cast(arg.copy(), duckdb_functions.NUMERIC), digits_int)
    node.replace(typed(cast(even, duckdb_functions.NUMERIC), duckdb_functions.NUMERIC))
    return True


def long_double_rounding(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """ROUND/TRUNC(FLOAT64, digits) as GoogleSQL computes them: in x87 long double.

    ``zetasql/public/functions/math.cc`` (RoundDecimal, TruncDecimal) divides by 10^-digits
    in long double, rounds (half away from zero) or truncates, multiplies back: a binary tie
    such as ROUND(2.775, 2) (2.77499999999999991...) is 2.77, and ROUND(0.6734985, 6) is
    0.673499 where DuckDB's double arithmetic gives 0.673498. The DuckDB functions in
    ``workbench.translate.functions`` take the same steps. A rounding mode ('HALF_EVEN') is
    refused: BigQuery accepts it for NUMERIC only, and it is not translated.
    """

    changed = False
    for node in bottom_up(tree, exp.Round, exp.Trunc):
        if node.args.get("truncate") is not None:
            changed |= _rounding_mode(node)
            continue
        digits = node.args.get("decimals")
        if digits is None or not is_type(node.this, "FLOAT64", "INT64"):
            continue
        if not duckdb_functions.exact_rounding():
            raise UnsupportedError(
                f"{type(node).__name__.upper()}(FLOAT64, digits)",
                "BigQuery computes it in x87 long double, which this machine's NumPy lacks",
                line_of(node),
            )
        name = duckdb_functions.ROUND if isinstance(node, exp.Round) else duckdb_functions.TRUNC
        node.replace(fn(name, cast(node.this.copy(), "DOUBLE"), cast(digits.copy(), "BIGINT")))
        changed = True
    return changed


def domain_errors(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Out-of-domain arguments raise an error in BigQuery; DuckDB returns NaN or ±inf.

    Documented (mathematical functions reference): SQRT(X < 0), LN/LOG/LOG10(X <= 0),
    LOG(X, Y) with Y <= 0 or Y = 1, ACOS/ASIN outside [-1, 1], COT/CSC(0), EXP overflow, POW of a
    negative finite X to a non-integer Y and POW(0, Y < 0) are errors; LOG(-inf, Y),
    LOG10(-inf) and LOG(X, +inf) are NaN, LOG(+inf, Y) is ln(+inf) / ln(Y) for any Y.
    """

    def d(node: exp.Expression) -> exp.Expression:
        return cast(node.copy(), "DOUBLE")

    def lit(text: str) -> exp.Expression:
        return cast(exp.Literal.string(text), "DOUBLE")

    def le0(node: exp.Expression) -> exp.Expression:
        return exp.LTE(this=d(node), expression=num(0))

    nan = lit("nan")
    changed = False
    kinds = (exp.Sqrt, exp.Ln, exp.Log, exp.Acos, exp.Asin, exp.Exp, exp.Pow, exp.Cot, exp.Csc)
    for node in bottom_up(tree, *kinds):
        name = type(node).__name__.upper()
        bad: exp.Expression
        result: exp.Expression = node.copy()
        if isinstance(node, exp.Sqrt):
            bad = exp.LT(this=d(node.this), expression=num(0))
        elif isinstance(node, exp.Ln):
            # LN(-inf) is NaN (GoogleSQL's reference evaluator), LN of a finite X <= 0 an error
            neg_inf = exp.EQ(this=d(node.this), expression=lit("-inf"))
            bad = exp.And(this=le0(node.this), expression=exp.Not(this=paren(neg_inf)))
            result = case(neg_inf.copy(), nan.copy(), result)
        elif isinstance(node, exp.Log):
            base, x = node.this, node.expression
            if x is None:
                base, x = None, node.this
            neg_inf = exp.EQ(this=d(x), expression=lit("-inf"))
            if base is None:
                bad = le0(x)
            else:
                bad = exp.Or(
                    this=exp.Or(this=le0(x), expression=le0(base)),
                    expression=exp.EQ(this=d(base), expression=num(1)),
                )
                # a NaN or -inf on either side is NaN, not an error: LOG(2, -inf),
                # LOG(NaN, -1), LOG(-1, NaN) (GoogleSQL's reference evaluator)
                special = neg_inf.copy()
                for side in (x, base):
                    special = exp.Or(this=special, expression=fn("isnan", d(side)))
                special = exp.Or(
                    this=special, expression=exp.EQ(this=d(base), expression=lit("-inf"))
                )
                # LOG(X, +inf) is NaN for every X, a negative one too (LOG(-0.5, +inf))
                pos_inf_base = exp.EQ(this=d(base), expression=lit("inf"))
                special = exp.Or(this=special, expression=pos_inf_base)
                # LOG(+inf, Y) is ln(X) / ln(Y) for every Y, as GoogleSQL's reference
                # evaluator computes it: NaN for Y <= 0, -inf for 0 < Y < 1, +inf for Y >= 1
                # (1 too: inf / 0); the reference page lists the 0 < Y < 1 and Y > 1 rows
                pos_inf_x = exp.EQ(this=d(x), expression=lit("inf"))
                of_inf = case(
                    le0(base),
                    nan.copy(),
                    case(exp.LT(this=d(base), expression=num(1)), lit("-inf"), lit("inf")),
                )
                result = case(special.copy(), nan, case(pos_inf_x.copy(), of_inf, result))
                special = exp.Or(this=special, expression=pos_inf_x)
                neg_inf = special
            bad = exp.And(this=exp.Not(this=paren(neg_inf)), expression=paren(bad))
            if base is not None:
                # a NULL argument is NULL before the NaN cases and the errors (LOG(NULL, +inf)
                # is no NaN, LOG(-1, NULL) no error)
                either_null = exp.Or(
                    this=exp.Is(this=x.copy(), expression=exp.Null()),
                    expression=exp.Is(this=base.copy(), expression=exp.Null()),
                )
                bad = exp.And(this=exp.Not(this=paren(either_null)), expression=paren(bad))
                result = case(either_null.copy(), cast(exp.Null(), "DOUBLE"), result)
            name = "LOG"
        elif isinstance(node, (exp.Cot, exp.Csc)):
            bad = exp.EQ(this=d(node.this), expression=num(0))
            # a finite X so small the result overflows (COT(5e-324)) is an error in GoogleSQL's
            # reference evaluator ("Floating point error in function: COT"); DuckDB: inf
            if isinstance(node, exp.Cot):
                tiny = exp.And(
                    this=fn("isinf", fn("cot", d(node.this))),
                    expression=exp.Not(this=fn("isinf", d(node.this))),
                )
                result = case(tiny, fail(f"{name}: floating point overflow"), result)
        elif isinstance(node, (exp.Acos, exp.Asin)):
            # ±inf and NaN give NaN (GoogleSQL's reference evaluator), a finite |X| > 1 an error
            bad = exp.And(
                this=exp.GT(this=fn("abs", d(node.this)), expression=num(1)),
                expression=fn("isfinite", d(node.this)),
            )
            result = case(exp.Not(this=fn("isfinite", d(node.this))), nan.copy(), result)
        elif isinstance(node, exp.Exp):
            bad = exp.And(
                this=fn("isinf", fn("exp", d(node.this))),
                expression=exp.Not(this=fn("isinf", d(node.this))),
            )
        else:  # POW
            x, y = node.this, node.expression
            finite_neg = exp.And(
                this=exp.LT(this=d(x), expression=num(0)),
                expression=exp.Not(this=fn("isinf", d(x))),
            )
            non_int = exp.And(
                this=exp.NEQ(this=d(y), expression=fn("trunc", d(y))),
                expression=exp.Not(this=fn("isinf", d(y))),
            )
            zero_neg = exp.And(
                this=exp.EQ(this=d(x), expression=num(0)),
                expression=exp.And(
                    this=exp.LT(this=d(y), expression=num(0)),
                    expression=exp.Not(this=fn("isinf", d(y))),
                ),
            )
            bad = exp.Or(
                this=paren(exp.And(this=finite_neg, expression=non_int)), expression=paren(zero_neg)
            )
            # an overflow of finite arguments is an error in GoogleSQL's reference evaluator
            # ("Floating point error in function: POW"), DuckDB returns ±inf
            overflow = exp.And(
                this=fn("isinf", fn("pow", d(x), d(y))),
                expression=exp.Not(
                    this=paren(exp.Or(this=fn("isinf", d(x)), expression=fn("isinf", d(y))))
                ),
            )
            result = case(overflow, fail(f"{name}: floating point overflow"), result)
        node.replace(paren(case(bad, fail(f"{name}: argument out of range"), result)))
        changed = True
    return changed


def float_to_int(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """CAST(2.5 AS INT64) is 3 (half away from zero); DuckDB's cast rounds half to even."""

    changed = False
    for node in bottom_up(tree, exp.Cast, exp.TryCast):
        if is_type(node.to, "INT64") and is_type(node.this, "FLOAT64"):
            node.this.replace(fn("round", node.this.copy()))
            changed = True
    return changed


_INT64_TEXT = r"\s*([+-]?)(0[xX][0-9a-fA-F]+|[0-9]+)\s*"


def string_to_int(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """CAST('1.5' AS INT64) is an error in BigQuery; DuckDB would round it to 2."""

    changed = False
    for node in bottom_up(tree, exp.Cast, exp.TryCast):
        if not is_type(node.to, "INT64") or not is_type(node.this, "STRING"):
            continue
        text = exp.Literal.string(_INT64_TEXT)
        ok = fn("regexp_full_match", node.this.copy(), text)
        safe = isinstance(node, exp.TryCast) or bool(node.args.get("safe"))
        bad = exp.Null() if safe else fail("bad int64 value")
        # DuckDB casts '0x10' but not '-0x10', '+0x10' nor ' 0x10 ' (BigQuery casts all:
        # conversion_functions#casting_to_int64, "-0x123 to -291"): the sign and the digits
        # apart, the magnitude in HUGEINT (-0x8000000000000000 is INT64's minimum)
        sign = fn("regexp_extract", node.this.copy(), text.copy(), num(1))
        digits = fn("regexp_extract", node.this.copy(), text.copy(), num(2))
        # text beyond HUGEINT (40 digits and more) is NULL here, beyond INT64 fails the
        # cast below: an error for CAST, NULL for SAFE_CAST
        magnitude = exp.TryCast(this=digits, to=duckdb_type("HUGEINT"))
        signed = case(
            exp.EQ(this=sign, expression=exp.Literal.string("-")),
            exp.Neg(this=paren(magnitude)),
            magnitude.copy(),
        )
        convert = exp.TryCast if safe else exp.Cast
        to_int = convert(this=signed, to=duckdb_type("BIGINT"))
        # (a NULL text is valid nowhere and overflows nothing: NULL, as BigQuery's cast)
        overflow = exp.And(
            this=ok.copy(), expression=exp.Is(this=magnitude.copy(), expression=exp.Null())
        )
        new = case(exp.Not(this=ok), bad, case(overflow, bad.copy(), to_int))
        node.replace(paren(new))
        changed = True
    return changed


# the text of a number BigQuery casts to FLOAT64 or NUMERIC: its literal form, blanks around
# (conversion_functions#casting_to_floating_point: "the same form as a valid floating point
# literal", and "inf", "infinity", "nan" in any case for FLOAT64)
_BLANKS = r"[ \t\n\v\f\r]*"
_DIGITS = r"([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?"
_NUMBER_TEXT = {
    "NUMERIC": f"{_BLANKS}[+-]?{_DIGITS}{_BLANKS}",
    # strtod's "nan(chars)" too: GoogleSQL's reference evaluator reads 'NaN(1)' as NaN
    "FLOAT64": f"(?i){_BLANKS}[+-]?({_DIGITS}|inf|infinity|nan(\\([0-9a-z_]*\\))?){_BLANKS}",
}
# text no DuckDB cast reads: its error (NULL in TRY_CAST), with no error() call, which a
# TRY around the cast (SAFE_DIVIDE of NUMERIC) would refuse
_NOT_A_NUMBER = "not a number"


def text_number_casts(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """CAST(STRING AS FLOAT64 | NUMERIC) reads BigQuery's number text only: DuckDB also
    reads ``'1_000'`` as 1000 and ``'+-1'`` as -1 (FLOAT64), where BigQuery raises (NULL in
    SAFE_CAST). Other text is made one DuckDB cannot read, so the cast fails as BigQuery's.
    Hexadecimal text fails as before (DuckDB reads none; GoogleSQL's reference evaluator
    reads ``'0x10'`` as 16.0, BigQuery's documentation names decimal literals only)."""

    changed = False
    for node in bottom_up(tree, exp.Cast, exp.TryCast):
        text = node.this
        if not is_type(text, "STRING"):
            continue
        kind = next((k for k in _NUMBER_TEXT if is_type(node.to, k)), None)
        if kind is None:
            continue
        pattern = _NUMBER_TEXT[kind]
        if isinstance(text, exp.Literal) and text.is_string:
            if re.fullmatch(pattern, text.this) is None:
                node.set("this", exp.Literal.string(_NOT_A_NUMBER))
                changed = True
            continue
        ok = fn("regexp_full_match", text.copy(), exp.Literal.string(pattern))
        node.set("this", case(exp.Not(this=ok), exp.Literal.string(_NOT_A_NUMBER), text.copy()))
        changed = True
    return changed


_NO_TRY = (exp.AggFunc, exp.Window, exp.Query, exp.Subquery)


def safe_prefix(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """``SAFE.f(...)`` returns NULL where ``f`` would raise an error.

    The innermost first: an outer call's rewrite copies what it holds, so an inner SAFE.
    left for later would stay in the copy (``SAFE.ABS(SAFE.SQRT(x))`` reached DuckDB as is).
    """

    changed = False
    # breadth first, reversed: every SAFE. call before those around it
    for node in reversed(nodes(tree, exp.SafeFunc)):
        inner = node.this.copy()
        for err in list(inner.find_all(exp.Anonymous)):
            if err.name.lower() == "error":
                if err is inner:  # SAFE.ERROR(...): its error is all it does
                    inner = exp.Null()
                    break
                err.replace(exp.Null())
        checks_only = node.meta.get(CHECKS_ONLY) if node._meta else False
        # DuckDB's TRY takes no aggregate, window or subquery (a raw Binder Error): around
        # those only the translation's own checks become NULL
        checks_only = checks_only or any(isinstance(n, _NO_TRY) for n in inner.walk())
        safe = inner if isinstance(inner, exp.Null) or checks_only else fn("TRY", inner)
        node.replace(safe)
        changed = True
    return changed


def _wrapped_left_shift(x: exp.Expression, n: exp.Expression) -> exp.Expression:
    """``x << n`` (0 <= n < 64) on the 64 bits: the bits shifted out are lost, the sign is
    the new top bit (``-1 << 1`` is -2, ``1 << 63`` the INT64 minimum). DuckDB's ``<<``
    refuses a negative ``x`` and an overflow; here x * 2^n in HUGEINT, kept to 64 bits."""
    product = exp.Mul(
        this=cast(x.copy(), "HUGEINT"),
        expression=paren(exp.BitwiseLeftShift(this=cast(num(1), "HUGEINT"), expression=n.copy())),
    )
    half = cast(exp.Literal.string(str(2**63)), "HUGEINT")
    low = exp.BitwiseAnd(
        this=paren(exp.Add(this=paren(product), expression=half)),
        expression=cast(exp.Literal.string(str(2**64 - 1)), "HUGEINT"),
    )
    return cast(exp.Sub(this=paren(low), expression=half.copy()), "BIGINT")


def bit_shifts(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """INT64 shifts: ``>>`` fills vacated bits with zeros, ``<<`` drops the bits shifted out,
    shifts of 64 or more give 0.

    DuckDB's ``>>`` keeps the sign (-8 >> 1 is -4 there, 9223372036854775804 in BigQuery),
    its ``<<`` refuses negative values and overflows (BigQuery: ``-1 << 1`` is -2), and it
    refuses shift counts of 64 or more; a negative count is an error in BigQuery.
    """

    changed = False
    for node in bottom_up(tree, exp.BitwiseRightShift, exp.BitwiseLeftShift):
        x, n = node.this, node.expression
        if known_type(x) and not is_type(x, "INT64"):
            continue  # BYTES shifts are left to DuckDB (and its errors)
        shifted = node.copy()
        if isinstance(node, exp.BitwiseRightShift):
            # Clear the top n bits that DuckDB's arithmetic shift filled with the sign.
            mask = exp.BitwiseRightShift(
                this=exp.Literal.number(9223372036854775807),
                expression=paren(exp.Sub(this=n.copy(), expression=num(1))),
            )
            logical = exp.BitwiseAnd(this=paren(shifted.copy()), expression=paren(mask))
            value = case(
                exp.Or(
                    this=exp.GTE(this=x.copy(), expression=num(0)),
                    expression=exp.EQ(this=n.copy(), expression=num(0)),
                ),
                shifted,
                logical,
            )
        else:
            value = _wrapped_left_shift(x, n)
        checked = exp.Case(
            ifs=[
                # a NULL value is NULL before the count is checked (NULL << -2 is NULL)
                exp.If(
                    this=exp.Is(this=x.copy(), expression=exp.Null()),
                    true=cast(exp.Null(), "BIGINT"),
                ),
                exp.If(
                    this=exp.LT(this=n.copy(), expression=num(0)),
                    true=fail("shift count must be non-negative"),
                ),
                exp.If(this=exp.GTE(this=n.copy(), expression=num(64)), true=num(0)),
            ],
            default=value,
        )
        node.replace(paren(checked))
        changed = True
    return changed


def string_to_bool(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """CAST(STRING AS BOOL) accepts only 'true'/'false' (any case); DuckDB also takes 'yes', 't', '1'."""

    changed = False
    for node in bottom_up(tree, exp.Cast, exp.TryCast):
        if not is_type(node.to, "BOOL") or not is_type(node.this, "STRING"):
            continue
        low = fn("lower", node.this.copy())
        bad = (
            fail("bad bool value")
            if isinstance(node, exp.Cast) and not node.args.get("safe")
            else exp.Null()
        )
        new = exp.Case(
            ifs=[
                exp.If(
                    this=exp.EQ(this=low.copy(), expression=exp.Literal.string("true")),
                    true=exp.true(),
                ),
                exp.If(
                    this=exp.EQ(this=low.copy(), expression=exp.Literal.string("false")),
                    true=exp.false(),
                ),
                exp.If(
                    this=exp.Is(this=low.copy(), expression=exp.Null()),
                    true=cast(exp.Null(), "BOOLEAN"),
                ),
            ],
            default=bad,
        )
        node.replace(paren(new))
        changed = True
    return changed


def float_to_string(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """CAST(FLOAT64 AS STRING) is refused: BigQuery's text form differs from DuckDB's.

    BigQuery prints 1.0 as '1' and never signs a zero (-0.0 → '0'); DuckDB prints '1.0'
    and '-0.0'. The GoogleSQL reference only promises "an approximate representation",
    so no exact translation is known.
    """

    for node in bottom_up(tree, exp.Cast, exp.TryCast):
        if is_type(node.to, "STRING") and is_type(node.this, "FLOAT64"):
            raise UnsupportedError(
                "CAST(FLOAT64 AS STRING)",
                "BigQuery's text form of floating-point numbers (1.0 → '1', -0.0 → '0') "
                "is not reproduced exactly; use FORMAT('%.2f', x) or ROUND first",
                line_of(node),
            )
    return False
