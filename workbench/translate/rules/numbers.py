"""Floats, NaN and NUMERIC (issue 15): where DuckDB's numbers silently differ from BigQuery's.

- NaN: every comparison with NaN is FALSE in BigQuery (``!=`` TRUE), so ``x BETWEEN lo AND
  hi`` and ``x IN (...)`` with a NaN are FALSE; DuckDB orders NaN above +inf and equal to
  itself. GREATEST/LEAST return NaN when an argument is NaN. PERCENTILE_CONT sorts NaN
  first (below -inf), DuckDB's QUANTILE_CONT last.
- Overflow: a FLOAT64 ``+ - * /`` or POW of finite values whose result is not finite is an
  error ("floating point overflow") in BigQuery, ±inf in DuckDB; SAFE_DIVIDE and SAFE_ADD &
  co. return NULL for it; SUM of finite FLOAT64 values that overflows is an error.
- Statistical aggregates at the edges: fewer than two values (pairs) give NULL for the
  sample forms and CORR, any ±inf/NaN input gives NaN (DuckDB: 0 for one infinity).
- COUNTIF of no rows is 0 (DuckDB's COUNT_IF gives NULL).
- NUMERIC is exact: AVG is NUMERIC, ``*`` and ``/`` keep scale 9 (DuckDB: DECIMAL(38, 18)
  and DOUBLE), STDDEV/VAR aggregate exactly before converting to FLOAT64, and a FLOAT64
  literal next to a NUMERIC value is coerced to NUMERIC.
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate import functions as duckdb_functions
from workbench.translate.context import Context, Translation
from workbench.translate.rules._sql import (
    aggregated,
    bottom_up,
    case,
    cast,
    cast_double,
    fail,
    fn,
    func_name,
    is_type,
    nodes,
    num,
    paren,
    template,
    typed,
)

OVERFLOW = "floating point overflow"
_V = "wb_v"  # the lambda parameter that holds one operation's operands


def _const(text: str) -> exp.Expression:
    return cast(exp.Literal.string(text), "DOUBLE")


def _nan(node: exp.Expression) -> exp.Expression:
    return fn("isnan", cast_double(node.copy()))


def _float(node: exp.Expression | None) -> bool:
    return node is not None and is_type(node, "FLOAT64")


def _over(window: exp.Window | None, agg: exp.Expression) -> exp.Expression:
    """``agg`` over the window of the aggregate it checks (as is for a plain aggregate)."""
    if window is None:
        return agg
    copy = window.copy()
    copy.set("this", agg)
    return copy


# -- NaN ---------------------------------------------------------------------------------


def nan_between_in(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """BETWEEN, IN (list), CASE x WHEN and NULLIF with a FLOAT64 NaN compare as FALSE;
    GREATEST/LEAST of a NaN are NaN.

    ``x BETWEEN lo AND hi`` is ``lo <= x AND x <= hi``, each comparison NULL with a NULL
    side, else FALSE with a NaN (so FALSE with a NULL bound and a NaN on the other, NULL for
    a NULL x); ``x IN (a, b)`` is ``x = a OR x = b``
    (the ``nan-comparisons`` rule then makes each equality FALSE with a NaN).
    """
    changed = False
    for node in bottom_up(tree, exp.Between):
        sides = [node.this, node.args.get("low"), node.args.get("high")]
        if not any(_float(s) for s in sides):
            continue

        def at_most(a: exp.Expression, b: exp.Expression) -> exp.Expression:
            # NULL with a NULL side (NULL BETWEEN -0.5 AND NaN is NULL: oracle round 4),
            # else FALSE with a NaN side
            either_null = exp.Or(
                this=exp.Is(this=a.copy(), expression=exp.Null()),
                expression=exp.Is(this=b.copy(), expression=exp.Null()),
            )
            nan = exp.Or(this=_nan(a), expression=_nan(b))
            test = exp.LTE(this=a.copy(), expression=b.copy())
            return exp.Case(
                ifs=[
                    exp.If(this=either_null, true=cast(exp.Null(), "BOOLEAN")),
                    exp.If(this=nan, true=exp.false()),
                ],
                default=test,
            )

        x, low, high = sides
        both = exp.And(this=at_most(low, x), expression=at_most(x, high))
        node.replace(typed(paren(both), "BOOLEAN"))
        changed = True
    for node in bottom_up(tree, exp.In):
        values = node.expressions
        if not values or node.args.get("query") or node.args.get("unnest"):
            continue
        if not (_float(node.this) or any(_float(v) for v in values)):
            continue
        parts = [exp.EQ(this=node.this.copy(), expression=v.copy()) for v in values]
        for p in parts:
            p.type = exp.DataType.build("BOOLEAN")
        combined: exp.Expression = parts[0]
        for p in parts[1:]:
            combined = exp.Or(this=combined, expression=p)
        node.replace(typed(paren(combined), "BOOLEAN"))
        changed = True
    for node in bottom_up(tree, exp.Case):  # CASE x WHEN v: x = v, FALSE for a NaN
        subject = node.this
        if subject is None or not (
            _float(subject) or any(_float(branch.this) for branch in node.args.get("ifs") or [])
        ):
            continue
        for branch in node.args.get("ifs") or []:
            test = exp.EQ(this=subject.copy(), expression=branch.this.copy())
            test.type = exp.DataType.build("BOOLEAN")
            branch.set("this", test)
        node.set("this", None)
        changed = True
    for node in bottom_up(tree, exp.Nullif):  # NULLIF(x, y) is NULL only where x = y
        x, y = node.this, node.expression
        if not (_float(x) or _float(y)):
            continue
        test = exp.EQ(this=x.copy(), expression=y.copy())
        test.type = exp.DataType.build("BOOLEAN")
        node.replace(typed(paren(case(test, cast(exp.Null(), "DOUBLE"), x.copy())), x))
        changed = True
    for node in bottom_up(tree, exp.Greatest, exp.Least):
        args = [node.this, *node.expressions]
        if not any(_float(a) for a in args):
            continue
        nan = _nan(args[0])
        null = exp.Is(this=args[0].copy(), expression=exp.Null())
        for a in args[1:]:
            nan = exp.Or(this=nan, expression=_nan(a))
            null = exp.Or(this=null, expression=exp.Is(this=a.copy(), expression=exp.Null()))
        # a NULL argument makes the result NULL even beside a NaN (LEAST(NULL, NaN) is NULL)
        nan = exp.And(this=exp.Not(this=paren(null)), expression=paren(nan))
        node.replace(typed(paren(case(nan, _const("NaN"), node.copy())), node))
        changed = True
    return changed


def nan_percentile(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """PERCENTILE_CONT/DISC(FLOAT64) sort NaN first: the k NaNs are positions 0..k-1.

    The result is NaN when the position it reads falls in the NaN block (``p * (n - 1)``
    rounded down for CONT, which interpolates from there; ``ceil(p * n) - 1`` for DISC, the
    first value whose cumulative distribution reaches p); otherwise only non-NaN values take
    part, so NaN may be read as -inf (it sorts where a NaN sorts, before every number) for
    DuckDB's QUANTILE_CONT/QUANTILE_DISC, which sort NaN last.
    """
    changed = False
    for node in bottom_up(tree, exp.PercentileCont, exp.PercentileDisc):
        window = node.parent
        x, p = node.this, node.args.get("expression")
        if not isinstance(window, exp.Window) or p is None or not _float(x):
            continue

        n = _over(window, exp.Count(this=x.copy()))
        k = _over(window, exp.Count(this=case(_nan(x), num(1), exp.Null())))
        if isinstance(node, exp.PercentileCont):
            last = paren(exp.Sub(this=n, expression=num(1)))
            pos = fn("floor", exp.Mul(this=cast_double(p.copy()), expression=last))
        else:
            first = exp.Sub(
                this=fn("ceil", exp.Mul(this=cast_double(p.copy()), expression=n)),
                expression=num(1),
            )
            pos = fn("greatest", first, num(0))
        mapped = case(_nan(x), _const("-inf"), cast_double(x.copy()))
        value = _over(window, type(node)(this=mapped, expression=p.copy()))
        # no value at all (every row NULL): NULL, not the NaN of a position below zero
        in_nans = exp.And(
            this=exp.GT(this=k.copy(), expression=num(0)),
            expression=exp.LT(this=pos, expression=k),
        )
        window.replace(typed(paren(case(in_nans, _const("NaN"), value)), "DOUBLE"))
        changed = True
    return changed


def numeric_percentile_type(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """PERCENTILE_CONT of NUMERIC is NUMERIC only with a NUMERIC percentile: the result type
    is the value's and the percentile's (navigation_functions, PERCENTILE_CONT: NUMERIC with
    DOUBLE is DOUBLE; GoogleSQL's evaluator types ``PERCENTILE_CONT(numeric, 0.5)`` and
    ``(numeric, 1)`` FLOAT64). DuckDB's QUANTILE_CONT kept the value's DECIMAL."""
    changed = False
    for node in nodes(tree, exp.PercentileCont):
        x, p = node.this, node.args.get("expression")
        if p is None or not is_type(x, "NUMERIC") or is_type(p, "NUMERIC"):
            continue
        x.replace(typed(cast_double(x.copy()), "DOUBLE"))
        parent = node.parent if isinstance(node.parent, exp.Window) else node
        parent.type = exp.DataType.build("DOUBLE")
        node.type = exp.DataType.build("DOUBLE")
        changed = True
    return changed


# -- FLOAT64 overflow --------------------------------------------------------------------

_ARITH = (exp.Add, exp.Sub, exp.Mul, exp.Div, exp.Pow)
SAFE_FLOAT = {"SAFE_ADD": exp.Add, "SAFE_SUBTRACT": exp.Sub, "SAFE_MULTIPLY": exp.Mul}
_SAFE_NODES = {exp.SafeAdd: exp.Add, exp.SafeSubtract: exp.Sub, exp.SafeMultiply: exp.Mul}


def _number(node: exp.Expression) -> bool:
    return is_type(node, "FLOAT64", "INT64", "NUMERIC")


def _checked(
    kind: type[exp.Expression],
    a: exp.Expression,
    b: exp.Expression,
    overflow: exp.Expression,
    zero: exp.Expression | None = None,
) -> exp.Expression:
    """``a <op> b`` in FLOAT64, ``overflow`` where finite operands give ±inf.

    The operands are evaluated once, as the one element of a list whose lambda does the
    check (a CASE would copy them three times, at every level of a nested expression).
    """
    v = exp.to_identifier(_V)

    def operand(i: int) -> exp.Expression:
        return fn("list_extract", exp.column(_V), num(i))

    result = kind(this=operand(1), expression=operand(2))
    bad = exp.And(
        this=fn("isinf", result),
        expression=exp.And(this=fn("isfinite", operand(1)), expression=fn("isfinite", operand(2))),
    )
    body = case(bad, overflow, result.copy())
    if zero is not None:  # SAFE_DIVIDE: NULL for a zero divisor, before the division's check
        body = case(exp.EQ(this=operand(2), expression=num(0)), zero, body)
    lam = exp.Lambda(this=body, expressions=[v])
    pair = exp.Array(expressions=[exp.Array(expressions=[cast_double(a), cast_double(b)])])
    return fn("list_extract", fn("list_transform", pair, lam), num(1))


def float_overflow(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """FLOAT64 ``+ - * /`` and POW of finite values raise "floating point overflow" where
    DuckDB returns ±inf; SAFE_DIVIDE/SAFE_ADD/SAFE_SUBTRACT/SAFE_MULTIPLY return NULL;
    SUM of finite FLOAT64 values that overflows raises the error too."""
    changed = False
    for node in reversed(nodes(tree, *_ARITH)):  # the innermost first
        a, b = node.this, node.expression
        if not (_number(a) and _number(b)) or not (_float(a) or _float(b)):
            continue
        node.replace(typed(_checked(type(node), a.copy(), b.copy(), fail(OVERFLOW)), "DOUBLE"))
        changed = True
    for node in reversed(nodes(tree, exp.SafeDivide, exp.Anonymous, *_SAFE_NODES)):
        if isinstance(node, exp.SafeDivide):
            kind, a, b, zero = exp.Div, node.this, node.expression, exp.Null()
        elif isinstance(node, tuple(_SAFE_NODES)):
            kind, a, b, zero = _SAFE_NODES[type(node)], node.this, node.expression, None
            if not (_float(a) or _float(b)):
                continue
        elif func_name(node) in SAFE_FLOAT and len(node.expressions) == 2:
            kind, (a, b), zero = SAFE_FLOAT[func_name(node)], node.expressions, None
            if not (_float(a) or _float(b)):
                continue
        else:
            continue
        if isinstance(node, exp.SafeDivide) and not (
            _number(a) and _number(b) and (_float(a) or _float(b))
        ):
            continue  # INT64 / INT64 cannot overflow; NUMERIC is numeric-functions' own
        if (is_type(a, "NUMERIC") and is_type(b, "NUMERIC", "INT64")) or (
            is_type(b, "NUMERIC") and is_type(a, "INT64")
        ):
            continue  # NUMERIC: the numeric-functions rule
        new = _checked(kind, a.copy(), b.copy(), exp.Null(), zero)
        node.replace(typed(new, "DOUBLE"))
        changed = True
    for node in bottom_up(tree, exp.Sum):
        arg = node.this
        value = aggregated(arg)
        if not _float(value):
            continue
        window = node.parent if isinstance(node.parent, exp.Window) else None
        target = window or node

        special = _over(
            window, fn("bool_or", exp.Not(this=fn("isfinite", cast_double(value.copy()))))
        )
        bad = exp.And(
            this=fn("isinf", target.copy()),
            expression=exp.Not(this=fn("coalesce", special, exp.false())),
        )
        target.replace(typed(paren(case(bad, fail(OVERFLOW), target.copy())), "DOUBLE"))
        changed = True
    return changed


INT64_OVERFLOW = "int64 overflow"


def int64_sum_overflow(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """SUM of INT64 past the INT64 range is BigQuery's "int64 overflow" (aggregate_functions,
    SUM). DuckDB sums BIGINT into a HUGEINT whose conversion back failed as if a CAST of the
    data had failed; the range is checked on the sum itself. Not inside PIVOT, whose
    aggregate DuckDB takes bare (one aggregate call, a cast around it at most): the cast back
    to BIGINT still fails there (query oracle: the check was a raw Binder Error)."""
    changed = False
    for node in bottom_up(tree, exp.Sum):
        if node.find_ancestor(exp.Pivot) is not None:
            continue
        arg = node.this
        value = aggregated(arg)
        if not is_type(value, "INT64"):
            continue
        window = node.parent if isinstance(node.parent, exp.Window) else None
        target = window or node
        outside = exp.Not(
            this=exp.Between(
                this=target.copy(),
                low=cast(exp.Literal.string(str(-(2**63))), "HUGEINT"),
                high=cast(exp.Literal.string(str(2**63 - 1)), "HUGEINT"),
            )
        )
        target.replace(typed(paren(case(outside, fail(INT64_OVERFLOW), target.copy())), "BIGINT"))
        changed = True
    return changed


# -- statistical aggregates --------------------------------------------------------------

_POP = (exp.StddevPop, exp.VariancePop)
_SAMP = (exp.Stddev, exp.StddevSamp, exp.Variance)
_PAIRS = (exp.CovarPop, exp.CovarSamp, exp.Corr)
_KIND = {
    exp.StddevPop: "stddev_pop",
    exp.VariancePop: "var_pop",
    exp.Stddev: "stddev_samp",
    exp.StddevSamp: "stddev_samp",
    exp.Variance: "var_samp",
}


def statistical_edges(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """STDDEV/VAR/COVAR/CORR as documented at the edges: NULL for fewer than two values (one
    for the POP forms), NaN for any ±inf or NaN input; of NUMERIC, aggregated exactly."""
    changed = False
    for node in bottom_up(tree, *_POP, *_SAMP, *_PAIRS):
        window = node.parent if isinstance(node.parent, exp.Window) else None
        target = window or node

        if isinstance(node, _PAIRS):
            a, b = node.this, node.expression
            if is_type(a, "NUMERIC") and is_type(b, "NUMERIC"):
                # BigQuery aggregates NUMERIC pairs exactly; DuckDB converts them to DOUBLE
                pairs: exp.Expression = template("list({'a': __a, 'b': __b})", a=a, b=b)
                if window is not None:
                    listed = window.copy()
                    listed.set("this", pairs)
                    pairs = listed
                kind = {exp.CovarPop: "covar_pop", exp.CovarSamp: "covar_samp"}.get(
                    type(node), "corr"
                )
                call = fn(duckdb_functions.NUMERIC_PAIR_MOMENT, pairs, exp.Literal.string(kind))
                if kind == "corr":  # a constant side: +inf from the function, NaN here
                    nan = cast(exp.Literal.string("NaN"), "DOUBLE")
                    call = case(fn("isinf", call.copy()), nan, call)
                target.replace(typed(paren(call), "DOUBLE"))
                changed = True
                continue
            both = exp.And(
                this=exp.Not(this=exp.Is(this=a.copy(), expression=exp.Null())),
                expression=exp.Not(this=exp.Is(this=b.copy(), expression=exp.Null())),
            )
            n = _over(window, exp.Count(this=case(both, num(1), exp.Null())))
            finite = exp.And(
                this=fn("isfinite", cast_double(a.copy())),
                expression=fn("isfinite", cast_double(b.copy())),
            )
            special = _over(
                window, fn("bool_or", case(both.copy(), exp.Not(this=finite), exp.Null()))
            )
            minimum = 1 if isinstance(node, exp.CovarPop) else 2
        else:
            arg = node.this
            distinct = isinstance(arg, exp.Distinct)
            value = arg.expressions[0] if distinct and arg.expressions else arg
            if is_type(value, "NUMERIC"):
                listed: exp.Expression = exp.ArrayAgg(this=arg.copy())
                new = fn(
                    duckdb_functions.NUMERIC_MOMENT,
                    _over(window, listed),
                    exp.Literal.string(_KIND[type(node)]),
                )
                target.replace(typed(new, "DOUBLE"))
                changed = True
                continue
            n = _over(window, exp.Count(this=arg.copy()))
            special = _over(
                window, fn("bool_or", exp.Not(this=fn("isfinite", cast_double(value.copy()))))
            )
            minimum = 1 if isinstance(node, _POP) else 2
        new = exp.Case(
            ifs=[
                exp.If(
                    this=exp.LT(this=n, expression=num(minimum)), true=cast(exp.Null(), "DOUBLE")
                ),
                exp.If(this=special, true=_const("NaN")),
            ],
            default=target.copy(),
        )
        target.replace(typed(paren(new), "DOUBLE"))
        changed = True
    return changed


def countif_zero(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """COUNTIF over no rows is 0 (DuckDB's COUNT_IF gives NULL): COUNT of the TRUE rows."""
    changed = False
    for node in bottom_up(tree, exp.CountIf):
        cond = node.this
        if isinstance(cond, exp.Distinct) and cond.expressions:
            inner = cond.expressions[0].copy()
            counted: exp.Expression = exp.Distinct(expressions=[case(inner, num(1), exp.Null())])
        else:
            counted = case(cond.copy(), num(1), exp.Null())
        node.replace(typed(exp.Count(this=counted), "BIGINT"))
        changed = True
    return changed


# -- NUMERIC -----------------------------------------------------------------------------
