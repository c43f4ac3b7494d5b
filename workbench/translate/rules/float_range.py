"""FLOAT64 aggregates past the double range in between (issue 15, oracle round 4).

GoogleSQL's reference evaluator accumulates SUM, AVG, VAR/STDDEV, COVAR and CORR of FLOAT64
in long double, whose exponent reaches far past the double's: only the final value must be
a FLOAT64. So AVG([1e308, 1e308]) is 1e308, SUM([1e308, 1e308, -1e308]) is 1e308 and
VAR_POP([1e154, -1e154, 0]) 6.7e307, where DuckDB's double sums (and Welford's steps)
overflow to ±inf or NaN. (The aggregate_functions page: "If there is numeric overflow,
produces an error" is about the result; the compliance tests' AVG of 1.79769e+308 and 2 is
8.98845e+307.)

The same aggregate over the values scaled by a power of two (exact, short of subnormal
numbers) is taken where the plain one is not finite but every input is: SUM and AVG scaled
by 2^-64 (2^64 values of the largest double fit), the second moments by 2^-600 (squares
of 2^424 fit) and scaled back; CORR needs no scaling back (it is scale-free), each side
scaled on its own when its values are large. With ±inf or NaN inputs, SUM is the sum of
those inputs only (the finite ones cannot change it, but their double sum may reach inf
and meet -inf: NaN); AVG's answer there depends on the order of its steps (the reference's
running mean of -inf, 2 is NaN, of 2, -inf is -inf) and is left as DuckDB gives it, and
the moments keep what ``statistical-edges`` gave them.
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation
from workbench.translate.rules._sql import (
    aggregated,
    bottom_up,
    case,
    cast,
    cast_double,
    fn,
    is_type,
    paren,
    typed,
)

_SCALED = "wb_scaled_aggregate"  # an aggregate this rule built: not rewritten again
_MOMENTS = (exp.StddevPop, exp.VariancePop, exp.Stddev, exp.StddevSamp, exp.Variance)
_ROOTS = (exp.StddevPop, exp.Stddev, exp.StddevSamp)  # scaled back once, not twice
_PAIRS = (exp.CovarPop, exp.CovarSamp)
_SUM_EXP = 64
_MOMENT_EXP = 600
_LARGE = 2.0**500  # a side of CORR whose values reach this is scaled down
_TINY = 2.0**-400  # one whose values are all below this, up (their squares underflow)


def _power(e: int) -> exp.Expression:
    return cast(exp.Literal.string(repr(2.0**e)), "DOUBLE")


def _scaled(value: exp.Expression, e: int) -> exp.Expression:
    return exp.Mul(this=cast_double(value.copy()), expression=_power(-e))


def _back(node: exp.Expression, e: int) -> exp.Expression:
    """``node`` * 2^e, in steps the double holds (2^±1200 is no double)."""
    out = node
    while e != 0:
        step = max(min(e, 600), -600)
        out = exp.Mul(this=paren(out), expression=_power(step))
        e -= step
    return out


def _over(window: exp.Window | None, agg: exp.Expression) -> exp.Expression:
    agg.meta[_SCALED] = True
    if window is None:
        return agg
    copy = window.copy()
    copy.set("this", agg)
    return copy


def _with(arg: exp.Expression, value: exp.Expression) -> exp.Expression:
    """The aggregate argument ``arg`` over ``value`` instead (DISTINCT kept)."""
    if isinstance(arg, exp.Distinct) and arg.expressions:
        return exp.Distinct(expressions=[value])
    return value


def _finite_inputs(window: exp.Window | None, *values: exp.Expression) -> exp.Expression:
    """TRUE when no input is ±inf or NaN (NULLs aside)."""
    bad: exp.Expression = exp.Not(this=fn("isfinite", cast_double(values[0].copy())))
    for v in values[1:]:
        bad = exp.Or(this=bad, expression=exp.Not(this=fn("isfinite", cast_double(v.copy()))))
    return exp.Not(this=fn("coalesce", _over(window, fn("bool_or", bad)), exp.false()))


def _large(window: exp.Window | None, value: exp.Expression) -> exp.Expression:
    biggest = _over(window, exp.Max(this=fn("abs", cast_double(value.copy()))))
    return exp.GTE(this=biggest, expression=cast(exp.Literal.string(repr(_LARGE)), "DOUBLE"))


def _tiny(window: exp.Window | None, value: exp.Expression) -> exp.Expression:
    biggest = _over(window, exp.Max(this=fn("abs", cast_double(value.copy()))))
    return exp.LT(this=biggest, expression=cast(exp.Literal.string(repr(_TINY)), "DOUBLE"))


def _fallback(node: exp.Expression, window: exp.Window | None) -> exp.Expression | None:
    """The aggregate over scaled values, scaled back; None for one this rule leaves."""
    if isinstance(node, (exp.Sum, exp.Avg)):
        value = aggregated(node.this)
        new = type(node)(this=_with(node.this, _scaled(value, _SUM_EXP)))
        return _back(_over(window, new), _SUM_EXP)
    if isinstance(node, _MOMENTS):
        value = aggregated(node.this)
        back = _MOMENT_EXP if isinstance(node, _ROOTS) else 2 * _MOMENT_EXP

        def moment(e: int) -> exp.Expression:
            new = type(node)(this=_with(node.this, _scaled(value, e)))
            return _back(_over(window, new), back if e > 0 else -back)

        # values all tiny (their squares underflow): scaled up instead
        return case(_tiny(window, value), moment(-_MOMENT_EXP), moment(_MOMENT_EXP))
    if isinstance(node, (*_PAIRS, exp.Corr)):
        x, y = node.this, node.expression

        def pair(ex: int, ey: int) -> exp.Expression:
            new = type(node)(this=_scaled(x, ex), expression=_scaled(y, ey))
            scaled = _over(window, new)
            # CORR is scale-free; a covariance is scaled back by both sides' powers
            return scaled if isinstance(node, exp.Corr) else _back(scaled, ex + ey)

        # each side on its own: scaled down when its values are large, up when they are
        # all tiny (COVAR_POP of 1e-300s with 1e308s is -3.3e7, not 0)
        sizes = [
            [(_large(window, v), _MOMENT_EXP), (_tiny(window, v), -_MOMENT_EXP)] for v in (x, y)
        ]
        ifs = []
        for x_test, ex in [*sizes[0], (None, 0)]:
            for y_test, ey in [*sizes[1], (None, 0)]:
                tests = [t.copy() for t in (x_test, y_test) if t is not None]
                if not tests:
                    continue
                cond = tests[0] if len(tests) == 1 else exp.And(this=tests[0], expression=tests[1])
                ifs.append(exp.If(this=cond, true=pair(ex, ey)))
        return exp.Case(ifs=ifs, default=pair(0, 0))
    return None


def float_aggregate_range(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """SUM/AVG/VAR/STDDEV/COVAR/CORR of finite FLOAT64 values whose double accumulation
    leaves the range: the same aggregate of the values scaled by a power of two."""
    changed = False
    kinds = (exp.Sum, exp.Avg, *_MOMENTS, *_PAIRS, exp.Corr)
    for node in bottom_up(tree, *kinds):
        if node.meta.get(_SCALED) or node.find_ancestor(exp.Pivot) is not None:
            continue  # DuckDB's PIVOT takes one aggregate call, bare
        if isinstance(node, (*_PAIRS, exp.Corr)):
            values = [node.this, node.expression]
            if not any(is_type(v, "FLOAT64") for v in values):
                continue
        else:
            values = [aggregated(node.this)]
            if not is_type(values[0], "FLOAT64"):
                continue
        window = node.parent if isinstance(node.parent, exp.Window) else None
        target = window or node
        fallback = _fallback(node, window)
        if fallback is None:
            continue
        plain = target.copy()
        plain_agg = plain.this if isinstance(plain, exp.Window) else plain
        plain_agg.meta[_SCALED] = True
        wrong: exp.Expression = exp.Not(this=fn("isfinite", plain.copy()))
        if not isinstance(node, (exp.Sum, exp.Avg)):
            # the second moments of values past 2^500 lose everything to overflow in
            # between even where the result is finite (CORR of -1e308, -1e308, 1 was 0)
            for v in values:
                wrong = exp.Or(this=wrong, expression=_large(window, v))
            tiny = _tiny(window, values[0])
            for v in values[1:]:
                tiny = exp.And(this=tiny, expression=_tiny(window, v))
            wrong = exp.Or(this=wrong, expression=tiny)
        finite = _finite_inputs(window, *values)
        use = exp.And(this=paren(wrong), expression=finite)
        result = case(use, fallback, plain)
        if isinstance(node, exp.Sum):
            # ±inf or NaN among the inputs: the finite ones cannot change the result, whose
            # sum DuckDB may have turned to inf - inf = NaN in between (SUM of 1e308,
            # 1e308, -inf is -inf)
            value = aggregated(node.this)
            only = exp.If(
                this=fn("isfinite", cast_double(value.copy())),
                true=cast(exp.Literal.number(0), "DOUBLE"),
            )
            only = exp.Case(ifs=[only], default=cast_double(value.copy()))
            infinite = _over(window, type(node)(this=_with(node.this, only)))
            lost = exp.And(
                this=exp.Not(this=fn("isfinite", plain.copy())),
                expression=exp.Not(this=finite.copy()),
            )
            result = exp.Case(
                ifs=[exp.If(this=use, true=fallback), exp.If(this=lost, true=infinite)],
                default=plain,
            )
        target.replace(typed(paren(result), "DOUBLE"))
        changed = True
    return changed
