"""Navigation functions (PERCENTILE_CONT/DISC) whose offline form would differ (LAG/LEAD's
arguments: rule navigation-arguments in windows.py).

- ``PERCENTILE_CONT``/``PERCENTILE_DISC`` with ``IGNORE NULLS`` (the default, so dropped:
  the NaN rule then sees the call under its OVER) or ``RESPECT NULLS``: NULLs take part (sorted
  first), but sqlglot's DuckDB form drops the modifier ("RESPECT NULLS is not supported"),
  which would silently give the IGNORE NULLS answer (found by the query oracle): the
  value at the position in the sorted list of every value (NULLs, then NaN, then numbers)
  instead; PERCENTILE_CONT of NUMERIC with RESPECT NULLS is refused.
- A literal percentile outside [0, 1] (or NaN) is BigQuery's analysis error; DuckDB takes
  -1 to 1 (a negative one counts from the end) and words its own error past that. A parameter
  one is checked when the query runs (NULL, NaN, outside [0, 1]); without OVER: refused.
- PERCENTILE_DISC's position ceil(p * n) comes from p's exact binary value: a FLOAT64 literal
  p is handed to DuckDB as a DECIMAL, whose position DuckDB computes in integers.
https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions
"""

from __future__ import annotations

import math
from fractions import Fraction

from sqlglot import exp

from wbcore.errors import UserError
from workbench.translate import functions
from workbench.translate.context import Context, Translation, UnsupportedError, line_of
from workbench.translate.rules._sql import (
    bq_type,
    cast,
    fn,
    is_type,
    nodes,
    paren,
    template,
    typed,
)


def _literal_value(node: exp.Expression) -> float | None:
    """The number a constant percentile is written as (``0.5``, ``-0.1``, ``NUMERIC '1.5'``,
    ``CAST('nan' AS FLOAT64)``); None for anything else (a parameter, NULL)."""
    sign = 1.0
    while isinstance(node, exp.Neg | exp.Paren):
        if isinstance(node, exp.Neg):
            sign = -sign
        node = node.this
    if isinstance(node, exp.Cast):
        node = node.this
    if not isinstance(node, exp.Literal):
        return None
    try:
        return sign * float(node.this)
    except ValueError:
        return None


def percentile_range(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """PERCENTILE_CONT/DISC(x, p) with a constant p outside [0, 1]: BigQuery's analysis
    error (navigation_functions#percentile_cont: "percentile must be a literal in the
    range [0, 1]"), raised here; DuckDB reads a negative one from the other end."""
    for node in nodes(tree, exp.PercentileCont, exp.PercentileDisc):
        p = node.args.get("expression")
        value = _literal_value(p) if p is not None else None
        if value is None or 0 <= value <= 1:
            continue
        name = "PERCENTILE_CONT" if isinstance(node, exp.PercentileCont) else "PERCENTILE_DISC"
        raise UserError(
            f"Argument 2 to {name} must be between 0 and 1",
            line=line_of(node),
            construct=name,
        )
    return False


def percentile_null_modifiers(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """PERCENTILE_CONT/DISC(... IGNORE NULLS) is the default form: the modifier goes, so the
    rules that read the call under its OVER (nan-percentile) see it. RESPECT NULLS is
    refused: DuckDB's form would ignore the NULLs."""
    changed = False
    for node in nodes(tree, exp.IgnoreNulls):
        if isinstance(node.this, exp.PercentileCont | exp.PercentileDisc):
            node.replace(node.this)
            changed = True
    for node in nodes(tree, exp.RespectNulls):
        inner = node.this
        if isinstance(inner, exp.PercentileCont | exp.PercentileDisc):
            window = node.parent
            cont = isinstance(inner, exp.PercentileCont)
            x, p = inner.this, inner.args.get("expression")
            numbers = is_type(x, "FLOAT64", "INT64")
            if not isinstance(window, exp.Window) or p is None or (cont and not numbers):
                name = "PERCENTILE_CONT" if cont else "PERCENTILE_DISC"
                raise UnsupportedError(
                    f"{name} with RESPECT NULLS of {bq_type(x) or 'this type'}",
                    "DuckDB's quantiles skip NULLs; RESPECT NULLS is supported for "
                    "PERCENTILE_DISC and for PERCENTILE_CONT of FLOAT64 or INT64",
                    line_of(node),
                )
            listed = window.copy()
            listed.set("this", exp.ArrayAgg(this=x.copy()))
            new = _respect_nulls(listed, p.copy(), cont, is_type(x, "FLOAT64"))
            window.replace(typed(paren(new), "DOUBLE" if cont else window))
            changed = True
    return changed


def _respect_nulls(
    values: exp.Expression, p: exp.Expression, cont: bool, floats: bool
) -> exp.Expression:
    """PERCENTILE_CONT/DISC over every value, NULLs first, then NaN, then numbers (the
    ORDER BY order): the sorted list of (rank, value) pairs is read at the position."""
    rank = (
        "CASE WHEN _wb_e IS NULL THEN 0 WHEN isnan(_wb_e) THEN 1 ELSE 2 END"
        if floats
        else ("CASE WHEN _wb_e IS NULL THEN 0 ELSE 2 END")
    )
    s = f"list_sort(list_transform(__l, _wb_e -> {{'r': {rank}, 'v': _wb_e}}))"
    # positions from p's exact value (0.4 * 5 is a little over 2: the third value, as the
    # reference evaluator reads it), not from a DOUBLE product
    index, fraction = functions.PERCENTILE_INDEX, functions.PERCENTILE_FRACTION
    if not cont:
        # the first value whose cumulative share of the rows reaches p
        return template(
            f"({s})[{index}(__p, array_length(__l), false)].v", l=values, p=cast(p, "DOUBLE")
        )
    low = f"{index}(__p, array_length(__l), true)"
    f = f"{fraction}(__p, array_length(__l))"
    a = f"CAST(({s})[{low}].v AS DOUBLE)"
    b = f"CAST(({s})[{low} + CASE WHEN {f} > 0 THEN 1 ELSE 0 END].v AS DOUBLE)"
    # between a NULL and a value the reference reads the value; NULL and NULL give NULL;
    # a * (1 - f) + b * f: -inf and -200 give -inf (a + (b - a) * f: -inf + inf)
    return template(
        f"CASE WHEN {b} IS NULL THEN NULL WHEN {a} IS NULL THEN {b} WHEN {f} = 0 THEN {a} "
        f"ELSE {a} * (1 - {f}) + {b} * {f} END",
        l=values,
        p=cast(p, "DOUBLE"),
    )


# PERCENTILE_DISC(x, p) reads the ceil(p * n)-th value from p's exact binary value (0.2 is a
# little over 1/5: over 5 values, the second). DuckDB's QUANTILE_DISC computes p * n in
# DOUBLE for a DOUBLE p (0.2 * 5 rounds to 1: the first value) but in integers for a DECIMAL
# one; a DECIMAL of this scale keeps DuckDB's products n * p within HUGEINT up to 10^20 rows.
_DISC_SCALE = 18
# DuckDB's ceil(n * q) equals the exact ceil(n * p) unless a fraction k / n lies in [p, q);
# partitions of fewer values than this are promised exact (2^31: past what one window
# partition of a local DuckDB holds; 0.50000001's nearest such fraction has 2.5 * 10^9)
_DISC_ROWS = 2**31


def _simplest(lo: Fraction, hi: Fraction, lo_closed: bool, hi_closed: bool) -> Fraction | None:
    """The fraction of smallest denominator between lo and hi (ends closed as told), or None
    when there is none (an empty interval); 0 <= lo, and hi may be infinite (None)."""
    whole = math.floor(lo)
    if lo_closed and lo == whole:
        return Fraction(whole)
    above = whole + 1
    if hi is None or above < hi or (hi_closed and above == hi):
        return Fraction(above)
    low, high = lo - whole, hi - whole  # both within [0, 1]: x in [low, high) iff 1/x in (...]
    if high <= 0 or (high == low and not (lo_closed and hi_closed)):
        return None
    inner = _simplest(1 / high, None if low == 0 else 1 / low, hi_closed, lo_closed)
    return None if inner is None else whole + 1 / inner


def _disc_decimal(p: float) -> str | None:
    """p as a DECIMAL literal (scale 18, rounded up) whose DuckDB quantile position is p's
    exact one for every partition below _DISC_ROWS values; None when no such decimal."""
    exact = Fraction(p)
    scaled = exact * 10**_DISC_SCALE
    up = Fraction(math.ceil(scaled), 10**_DISC_SCALE)
    if up != exact:
        near = _simplest(exact, up, True, False)
        if near is not None and near.denominator < _DISC_ROWS:
            return None
    units = up.numerator * (10**_DISC_SCALE // up.denominator)
    whole, frac = divmod(units, 10**_DISC_SCALE)
    return f"{whole}.{frac:0{_DISC_SCALE}d}"


def exact_disc_percentile(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """PERCENTILE_DISC(x, <FLOAT64 literal>) passes the percentile to DuckDB as a DECIMAL:
    the position from its exact value (and -0.0 as 0, which DuckDB read as 'from the end')."""
    changed = False
    for node in nodes(tree, exp.PercentileDisc):
        p = node.args.get("expression")
        if p is None or p.meta.get("disc_exact") or not is_type(p, "FLOAT64"):
            continue
        value = _literal_value(p)
        if value is None or not 0 <= value <= 1:
            continue  # a parameter; outside [0, 1]: percentile-range's error
        text = _disc_decimal(abs(value))  # -0.0 is 0
        if text is None:
            raise UnsupportedError(
                "PERCENTILE_DISC with this percentile",
                "DuckDB's position of this FLOAT64 percentile is not exact offline; write it "
                "as a NUMERIC (PERCENTILE_DISC(x, NUMERIC '0.2'))",
                line_of(node),
            )
        decimal = cast(exp.Literal.string(text), f"DECIMAL({_DISC_SCALE + 1}, {_DISC_SCALE})")
        decimal.meta["disc_exact"] = True
        node.set("expression", typed(decimal, p))
        changed = True
    return changed


def _percentile_window(node: exp.Expression) -> exp.Window | None:
    """The window a PERCENTILE_CONT/DISC call is computed over (under IGNORE/RESPECT NULLS)."""
    parent = node.parent
    if isinstance(parent, exp.IgnoreNulls | exp.RespectNulls):
        parent = parent.parent
    return parent if isinstance(parent, exp.Window) else None


def percentile_parameters(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """PERCENTILE_CONT/DISC(x, @p): a NULL p, or one outside [0, 1] or NaN, is the error
    BigQuery raises for such a literal (DuckDB's binder: a raw "Binder Error", and -1 to 0
    read from the other end). The call reads a safe 0 instead and the checks raise first.
    Without OVER: refused (BigQuery documents them as navigation functions only)."""
    changed = False
    for node in nodes(tree, exp.PercentileCont, exp.PercentileDisc):
        name = "PERCENTILE_CONT" if isinstance(node, exp.PercentileCont) else "PERCENTILE_DISC"
        window = _percentile_window(node)
        if window is None:
            raise UnsupportedError(
                f"{name} without OVER",
                "BigQuery documents it as an analytic (navigation) function only",
                line_of(node),
            )
        p = node.args.get("expression")
        if p is None or node.meta.get("percentile_checked"):
            continue
        if not any(isinstance(n, exp.Parameter | exp.Placeholder) for n in p.walk()):
            continue
        node.meta["percentile_checked"] = True
        value = cast(p.copy(), "DOUBLE")
        missing = exp.Is(this=value.copy(), expression=exp.Null())
        outside = exp.Or(
            this=fn("isnan", value.copy()),
            expression=exp.Or(
                this=exp.LT(this=value.copy(), expression=exp.Literal.number(0)),
                expression=exp.GT(this=value.copy(), expression=exp.Literal.number(1)),
            ),
        )
        bad = exp.Or(this=missing.copy(), expression=paren(outside.copy()))
        safe = exp.Case(ifs=[exp.If(this=bad, true=exp.Literal.number(0))], default=p.copy())
        node.set("expression", typed(safe, p))
        checks = [
            exp.If(
                this=missing,
                true=fn("error", exp.Literal.string(f"Argument 2 to {name} must be non-NULL")),
            ),
            exp.If(
                this=outside,
                true=fn(
                    "error", exp.Literal.string(f"Argument 2 to {name} must be between 0 and 1")
                ),
            ),
        ]
        window.replace(typed(exp.Case(ifs=checks, default=window.copy()), window))
        changed = True
    return changed
