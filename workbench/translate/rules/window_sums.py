"""SUM of NUMERIC over a window, exact past DuckDB's running total.

DuckDB sums DECIMAL(38, 9) in a 128-bit integer of 10^-9 units, whose range ends at about
1.7 * 10^29: two values near NUMERIC's ends (10^29 - 10^-9) overflow it, though BigQuery's
total (max + min + min = min) is a NUMERIC. DuckDB's window operator combines partial sums
(segment trees), so a frame whose total fits can still fail ("a value is out of range").
Here the whole parts and the 10^-9 units of the fractions are summed apart, each as HUGEINT
(the whole parts of 10^9 values of 10^29 fit), and combined once: units = whole * 10^9 +
fractions, a NUMERIC when below 10^38 units, else BigQuery's overflow error (also when
the whole parts alone are past the range, before their units could overflow HUGEINT).
https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#sum
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation
from workbench.translate.functions import NUMERIC
from workbench.translate.rules._sql import cast, fail, fn, is_type, nodes, paren, typed

_SCALE = 10**9
OVERFLOW = "numeric overflow: SUM"


def _windowed(window: exp.Window, agg: exp.Expression) -> exp.Expression:
    over = window.copy()
    over.set("this", agg)
    return over


def _huge(value: int) -> exp.Expression:
    return cast(exp.Literal.string(str(value)), "HUGEINT")


def numeric_window_sum(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """SUM(NUMERIC) OVER (...): whole parts and fractions summed apart, then combined."""
    changed = False
    for window in nodes(tree, exp.Window):
        total = window.this
        if not isinstance(total, exp.Sum) or total.meta.get("numeric_split"):
            continue
        x = total.this
        if isinstance(x, exp.Distinct) or not is_type(x, "NUMERIC"):
            continue
        whole = fn("trunc", x.copy())
        fraction = exp.Mul(
            this=paren(exp.Sub(this=x.copy(), expression=whole.copy())),
            expression=exp.Literal.number(_SCALE),
        )
        wholes = exp.Sum(this=cast(whole, "HUGEINT"))
        fractions = exp.Sum(this=cast(fraction, "HUGEINT"))
        wholes.meta["numeric_split"] = fractions.meta["numeric_split"] = True
        summed = _windowed(window, wholes)
        units = exp.Add(
            this=exp.Mul(
                this=summed.copy(), expression=cast(exp.Literal.number(_SCALE), "HUGEINT")
            ),
            expression=_windowed(window, fractions),
        )
        # the fractions add less than 10^12 to the whole parts (below 10^12 rows), so whole
        # parts past this bound overflow; below it, units * 10^9 stays within HUGEINT
        past = exp.GT(this=fn("abs", summed), expression=_huge(10**29 + 10**12))
        too_big = exp.GTE(this=fn("abs", paren(units.copy())), expression=_huge(10**38))
        value = exp.Mul(
            this=cast(paren(units), "DECIMAL(38, 0)"),
            expression=cast(exp.Literal.string("0.000000001"), "DECIMAL(10, 9)"),
        )
        checks = [exp.If(this=c, true=fail(OVERFLOW)) for c in (past, too_big)]
        result = exp.Case(ifs=checks, default=value)
        window.replace(typed(cast(result, NUMERIC), window))
        changed = True
    return changed
