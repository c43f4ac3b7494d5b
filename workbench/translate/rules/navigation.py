"""Navigation functions (PERCENTILE_CONT/DISC) whose offline form would differ (LAG/LEAD's
arguments: rule navigation-arguments in windows.py).

- ``PERCENTILE_CONT``/``PERCENTILE_DISC`` with ``IGNORE NULLS`` (the default, so dropped:
  the NaN rule then sees the call under its OVER) or ``RESPECT NULLS``: NULLs take part (sorted
  first), but sqlglot's DuckDB form drops the modifier ("RESPECT NULLS is not supported"),
  which would silently give the IGNORE NULLS answer (found by the query oracle): the
  value at the position in the sorted list of every value (NULLs, then NaN, then numbers)
  instead; PERCENTILE_CONT of NUMERIC with RESPECT NULLS is refused.
- A literal percentile outside [0, 1] (or NaN) is BigQuery's analysis error; DuckDB takes
  -1 to 1 (a negative one counts from the end) and words its own error past that.
https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions
"""

from __future__ import annotations

from sqlglot import exp

from wbcore.errors import UserError
from workbench.translate import functions
from workbench.translate.context import Context, Translation, UnsupportedError, line_of
from workbench.translate.rules._sql import bq_type, cast, is_type, nodes, paren, template, typed


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
        return template(f"({s})[{index}(__p, len(__l), false)].v", l=values, p=cast(p, "DOUBLE"))
    low = f"{index}(__p, len(__l), true)"
    f = f"{fraction}(__p, len(__l))"
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
