"""Approximate functions, run exactly: APPROX_* and HLL_COUNT.*.

BigQuery documents each of them as an estimate, not necessarily the actual value; on small
inputs its algorithms are exact (HLL++ keeps a sparse exact set, the quantile and top-k
sketches keep every value), so the exact answer is one BigQuery can return. Offline they
run exactly, and the translation says so (``NOTICE`` in the rules that fired): a query
developed here may see slightly different numbers on large production data.

- APPROX_COUNT_DISTINCT(x) → COUNT(DISTINCT x).
- APPROX_QUANTILES([DISTINCT] x, n [IGNORE|RESPECT NULLS]) → n + 1 values of the sorted
  input, quantile i at 1-based rank max(1, ceil(i * N / n)) (PERCENTILE_DISC's rank: the
  smallest value whose cumulative share reaches i / n; every documented example agrees);
  RESPECT NULLS sorts NULLs first, as BigQuery's ORDER BY does.
- APPROX_TOP_COUNT / APPROX_TOP_SUM → exact counts/sums per value (NULL is a value), the
  largest first; among equal counts BigQuery promises no order, offline the smaller value
  comes first. Over a window (inline OVER only) the list aggregates of the exact form
  each take the call's OVER clause, so the form reads the window's rows.
- HLL_COUNT.*: in hll.py.
"""

from __future__ import annotations

from sqlglot import exp

from wbcore.errors import UserError
from workbench.translate.context import Context, Translation, UnsupportedError, line_of
from workbench.translate.rules._sql import (
    bottom_up,
    bq_type,
    fail,
    is_type,
    known_type,
    nodes,
    template,
    typed,
)
from workbench.translate.rules.hll import HLL_NAMES, hll_name

NOTICE = "approximate on BigQuery: exact offline"
MAX_NUMBER = 100_000  # BigQuery's limit on APPROX_QUANTILES / APPROX_TOP_* number


def _function_name(node: exp.Expression) -> str:
    names = {
        exp.ApproxDistinct: "APPROX_COUNT_DISTINCT",
        exp.ApproxQuantiles: "APPROX_QUANTILES",
        exp.ApproxTopK: "APPROX_TOP_COUNT",
        exp.ApproxTopSum: "APPROX_TOP_SUM",
    }
    return names.get(type(node), node.name.upper())


def _number(node: exp.Expression, value: exp.Expression | None) -> exp.Expression:
    """``number`` of APPROX_QUANTILES/TOP_*: an INT64 literal or parameter in 1..100000."""
    name = _function_name(node)
    if value is None:
        raise UserError(f"{name} needs its number argument", line=line_of(node), construct=name)
    negative = isinstance(value, exp.Neg) and isinstance(value.this, exp.Literal)
    literal = value.this if negative else value
    if isinstance(literal, exp.Literal) and not literal.is_string:
        try:
            n: int | None = int(literal.name) * (-1 if negative else 1)
        except ValueError:
            n = None
        if n is None or n <= 0:
            raise UserError(
                f"the second argument to {name} must be a positive INT64",
                line=line_of(node),
                construct=name,
            )
        if n > MAX_NUMBER:
            raise UserError(
                f"the second argument to {name} cannot be greater than {MAX_NUMBER}",
                line=line_of(node),
                construct=name,
            )
        return exp.Literal.number(n)
    if not isinstance(value, exp.Parameter | exp.Placeholder | exp.Cast):
        raise UserError(
            f"the number argument of {name} must be an INT64 literal or query parameter",
            line=line_of(node),
            construct=name,
        )
    msg = f"The second argument to {name} function"
    return template(
        "CASE WHEN __n IS NULL THEN __null WHEN __n <= 0 THEN __neg "
        f"WHEN __n > {MAX_NUMBER} THEN __big ELSE CAST(__n AS BIGINT) END",
        n=value,
        null=fail(f"{msg} must not be NULL"),
        neg=fail(f"{msg} must be positive"),
        big=fail(f"{msg} cannot be greater than {MAX_NUMBER}"),
    )


def _quantiles(node: exp.ApproxQuantiles, respect: bool) -> exp.Expression:
    inner = node.this
    distinct = isinstance(inner, exp.Distinct)
    if distinct:
        x, n = inner.expressions[0], inner.expressions[1] if len(inner.expressions) > 1 else None
    else:
        x, n = inner, node.args.get("expression")
    if is_type(x, "ARRAY", "STRUCT", "INTERVAL"):
        raise UserError(f"APPROX_QUANTILES cannot take {bq_type(x)} values", line=line_of(node))
    number = _number(node, n)
    agg = "list(DISTINCT __x)" if distinct else "list(__x)"
    values = agg if respect else f"{agg} FILTER (WHERE __x IS NOT NULL)"
    sorted_values = f"list_sort({values}, 'ASC', 'NULLS FIRST')"
    return template(
        f"CASE WHEN coalesce(len({sorted_values}), 0) = 0 THEN NULL "
        f"ELSE list_transform(range(0, __n + 1), _wb_i -> ({sorted_values})"
        f"[greatest(1, (_wb_i * len({sorted_values}) + __n - 1) // __n)]) END",
        x=x,
        n=number,
    )


def _top(node: exp.Expression, x: exp.Expression, w: exp.Expression | None, n) -> exp.Expression:
    """APPROX_TOP_COUNT (``w`` None) / APPROX_TOP_SUM: per distinct value, largest first."""
    name = _function_name(node)
    if is_type(x, "ARRAY", "STRUCT", "INTERVAL", "JSON", "GEOGRAPHY"):
        raise UserError(f"{name} cannot group {bq_type(x)} values", line=line_of(node))
    number = _number(node, n)
    if w is None:
        pairs = "list({'v': __x, 'w': 1::BIGINT})"
        total = "len(list_filter(__l, _wb_e -> _wb_e.v IS NOT DISTINCT FROM _wb_d))"
        field = "count"
    else:
        if known_type(w) and not is_type(w, "INT64", "NUMERIC", "BIGNUMERIC", "FLOAT64"):
            raise UserError(
                f"APPROX_TOP_SUM weights must be INT64, NUMERIC, BIGNUMERIC or FLOAT64, "
                f"not {bq_type(w)}",
                line=line_of(node),
            )
        pairs = "list({'v': __x, 'w': __w})"
        # the weights' own type (a + b keeps it; INT64 overflow is an error, as in BigQuery);
        # NULL weights are left out, and a value with only NULL weights sums to NULL
        weights = (
            "list_filter(list_transform(list_filter(__l, _wb_e -> _wb_e.v IS NOT DISTINCT FROM "
            "_wb_d), _wb_e -> _wb_e.w + CAST(0 AS BIGINT)), _wb_e -> _wb_e IS NOT NULL)"
        )
        total = (
            f"CASE WHEN len({weights}) = 0 THEN NULL "
            f"ELSE list_reduce({weights}, (_wb_a, _wb_b) -> _wb_a + _wb_b) END"
        )
        field = "sum"
        check = (
            "CASE WHEN list_bool_or(list_transform(__m, _wb_e -> _wb_e.w < 0 "
            "OR isnan(_wb_e.w))) THEN __bad ELSE __m END"
        )
    # distinct values, NULL included; then (value, total) sorted by total (NULL last), value
    distinct = (
        "list_concat(list_distinct(list_transform(__l, _wb_e -> _wb_e.v)), "
        "CASE WHEN list_bool_or(list_transform(__l, _wb_e -> _wb_e.v IS NULL)) THEN [NULL] ELSE [] END)"
    )
    per_value = (
        f"list_transform({distinct}, _wb_d -> {{'n': ({total}) IS NULL, 'k': -({total}), "
        f"'value': _wb_d, '{field}': {total}}})"
    )
    body = (
        f"list_slice(list_transform(list_sort({per_value}), "
        f"_wb_p -> {{'value': _wb_p.value, '{field}': _wb_p.{field}}}), 1, __n)"
    )
    tree = template(f"CASE WHEN __l IS NULL THEN NULL ELSE {body} END", n=number)
    listed = template(pairs, x=x, w=w if w is not None else exp.null())
    if w is not None:
        listed = template(
            check,
            m=listed,
            bad=fail("APPROX_TOP_SUM weights cannot be negative or NaN"),
        )
    return _bind_list(tree, listed)


def _bind_list(tree: exp.Expression, listed: exp.Expression) -> exp.Expression:
    """Put the aggregated list where the template says ``__l``."""

    def put(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Column) and not node.table and node.name == "__l":
            return listed.copy()
        return node

    return tree.transform(put)


def approximate_functions(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """APPROX_COUNT_DISTINCT, APPROX_QUANTILES, APPROX_TOP_COUNT/SUM computed exactly."""

    changed = False
    for node in nodes(tree, exp.ApproxQuantiles, exp.ApproxTopK, exp.ApproxTopSum):
        target = (
            node.parent if isinstance(node.parent, exp.IgnoreNulls | exp.RespectNulls) else node
        )
        window = target.parent
        if (
            isinstance(window, exp.Window)
            and window.args.get("spec") is None
            and (window.args.get("alias") is not None)
        ):
            raise UnsupportedError(
                f"{_function_name(node)} ... OVER a named window",
                "the exact form is built from list aggregates, each of which takes the "
                "window's clauses; write the window inline",
                line_of(node),
            )
    for node in bottom_up(tree, exp.ApproxDistinct):
        x = node.this
        if is_type(x, "ARRAY", "STRUCT", "INTERVAL"):
            raise UserError(
                f"APPROX_COUNT_DISTINCT cannot take {bq_type(x)} values", line=line_of(node)
            )
        node.replace(exp.Count(this=exp.Distinct(expressions=[x.copy()])))
        changed = True
    for node in bottom_up(tree, exp.ApproxQuantiles):
        wrapper = (
            node.parent if isinstance(node.parent, exp.IgnoreNulls | exp.RespectNulls) else None
        )
        new = _quantiles(node, respect=isinstance(wrapper, exp.RespectNulls))
        _put(wrapper or node, new)
        changed = True
    for node in bottom_up(tree, exp.ApproxTopK):
        _put(node, _top(node, node.this, None, node.args.get("expression")))
        changed = True
    for node in bottom_up(tree, exp.ApproxTopSum):
        _put(node, _top(node, node.this, node.expression, node.args.get("count")))
        changed = True
    return changed


def _put(call: exp.Expression, exact: exp.Expression) -> None:
    """Replace ``call`` with its exact form; under OVER, every list aggregate of that form
    takes the call's window (``list(x) FILTER (...) OVER (...)``) and the form replaces the
    windowed call: the same rows as the approximate function's window."""
    window = call.parent
    if not isinstance(window, exp.Window) or window.this is not call:
        call.replace(exact)
        return
    aggregates = [
        n
        for n in exact.walk()
        if (isinstance(n, exp.ArrayAgg) and not isinstance(n.parent, exp.Filter | exp.Window))
        or (isinstance(n, exp.Filter) and isinstance(n.this, exp.ArrayAgg))
    ]
    for agg in aggregates:
        over = window.copy()
        over.set("this", agg.copy())
        agg.replace(over)
    window.replace(typed(exact, window))


def notice_lines(tree: exp.Expression) -> list[int]:
    """The lines of the approximate calls a query makes (each is exact offline)."""
    lines: list[int] = []
    for node in nodes(
        tree,
        exp.ApproxDistinct,
        exp.ApproxQuantiles,
        exp.ApproxTopK,
        exp.ApproxTopSum,
        exp.Anonymous,
    ):
        if isinstance(node, exp.Anonymous) and hll_name(node) not in HLL_NAMES:
            continue
        lines.append(line_of(node) or 1)
    return sorted(set(lines))
