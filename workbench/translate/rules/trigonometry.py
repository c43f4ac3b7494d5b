"""Hyperbolic and reciprocal trigonometric functions (issue 15, oracle round 4).

The mathematical functions reference: COSH and SINH raise an error on overflow, ACOSH of
X < 1 and ATANH outside (-1, 1) are errors (DuckDB: inf or NaN for all of them); SEC, CSC,
SECH, CSCH and COTH are BigQuery's, DuckDB has none of them (1/cos, 1/sin, 1/cosh, 1/sinh,
1/tanh here, an error where a finite X gives ±inf: CSC(0), CSCH(0), COTH(0), and 5e-324).
±inf and NaN arguments follow the reference's tables (ACOSH(-inf), ATANH(±inf): NaN).
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation
from workbench.translate.rules._sql import bottom_up, case, cast, fail, fn, num, paren, typed

_RECIPROCALS = {
    exp.Sec: "cos",
    exp.Csc: "sin",
    exp.Sech: "cosh",
    exp.Csch: "sinh",
    exp.Coth: "tanh",
}
_OVERFLOWS = (exp.Cosh, exp.Sinh)


def _double(node: exp.Expression) -> exp.Expression:
    return cast(node.copy(), "DOUBLE")


def hyperbolic_functions(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """COSH/SINH overflow, ACOSH/ATANH domains, and SEC/CSC/SECH/CSCH/COTH as reciprocals."""
    changed = False
    kinds = (*_RECIPROCALS, *_OVERFLOWS, exp.Acosh, exp.Atanh)
    for node in bottom_up(tree, *kinds):
        x = node.this
        finite = fn("isfinite", _double(x))
        name = type(node).__name__.upper()
        if isinstance(node, tuple(_RECIPROCALS)):
            value = exp.Div(
                this=cast(num(1), "DOUBLE"), expression=fn(_RECIPROCALS[type(node)], _double(x))
            )
            bad = exp.And(this=fn("isinf", value.copy()), expression=finite)
            new = case(bad, fail(f"{name}: floating point error"), value)
        elif isinstance(node, _OVERFLOWS):
            value = fn(type(node).__name__.lower(), _double(x))
            bad = exp.And(this=fn("isinf", value.copy()), expression=finite)
            new = case(bad, fail(f"{name}: floating point overflow"), value)
        elif isinstance(node, exp.Acosh):
            bad = exp.And(this=exp.LT(this=_double(x), expression=num(1)), expression=finite)
            new = case(bad, fail(f"{name}: argument out of range"), fn("acosh", _double(x)))
        else:  # ATANH: (-1, 1); ±inf is NaN
            bad = exp.And(
                this=exp.GTE(this=fn("abs", _double(x)), expression=num(1)), expression=finite
            )
            nan = cast(exp.Literal.string("NaN"), "DOUBLE")
            value = case(exp.Not(this=finite.copy()), nan, fn("atanh", _double(x)))
            new = case(bad, fail(f"{name}: argument out of range"), value)
        node.replace(typed(paren(new), "DOUBLE"))
        changed = True
    return changed
