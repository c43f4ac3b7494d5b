"""Aggregates: LIMIT inside ARRAY_AGG/STRING_AGG/ARRAY_CONCAT_AGG, and the approximate aggregates.

Approximate aggregates, decided one by one:
- APPROX_COUNT_DISTINCT → exact COUNT(DISTINCT). BigQuery documents it as an estimate of
  COUNT(DISTINCT); its HyperLogLog++ sketch keeps a sparse exact representation for small
  cardinalities, so on workbench-sized data it returns the exact count. DuckDB's own
  approx_count_distinct is a different sketch and would differ silently, so it is not used.
- APPROX_QUANTILES, APPROX_TOP_COUNT, APPROX_TOP_SUM → refused. Their results depend on
  BigQuery's sketch and tie-breaking; an exact answer would differ without warning.
  Exact alternatives that run in both places: PERCENTILE_CONT/PERCENTILE_DISC (window
  functions), COUNT(*) ... GROUP BY ... ORDER BY ... LIMIT.
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation, UnsupportedError, line_of
from workbench.translate.rules._sql import case, fn, num


def aggregate_limit(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """ARRAY_AGG(x ... LIMIT n) / STRING_AGG(x ... LIMIT n): aggregate in order, keep the first n."""

    changed = False
    for node in list(tree.find_all(exp.ArrayAgg, exp.GroupConcat)):
        inner = node.this
        if not isinstance(inner, exp.Limit):
            continue
        n = inner.expression
        body = inner.this
        ignore: list[exp.Expression] = list(body.find_all(exp.IgnoreNulls))
        for ig in ignore:
            ig.replace(ig.this)
        if isinstance(body, exp.IgnoreNulls):
            body = body.this
        target = node
        if isinstance(node.parent, exp.IgnoreNulls):
            # ARRAY_AGG(x IGNORE NULLS ...) parses as IGNORE NULLS around the aggregate.
            target = node.parent
            ignore.append(target)
        node.set("this", body)
        if isinstance(node, exp.ArrayAgg):
            agg: exp.Expression = node.copy()
            if ignore:
                value = _value(body)
                agg = exp.Filter(
                    this=agg,
                    expression=exp.Where(
                        this=exp.Not(this=exp.Is(this=value.copy(), expression=exp.Null()))
                    ),
                )
            target.replace(fn("list_slice", agg, num(1), n.copy()))
        else:
            sep = node.args.get("separator") or exp.Literal.string(",")
            value = _value(body)
            not_null = exp.Not(this=exp.Is(this=value.copy(), expression=exp.Null()))
            agg = exp.ArrayAgg(this=body.copy())
            filtered = exp.Filter(this=agg, expression=exp.Where(this=not_null))
            joined = fn("array_to_string", fn("list_slice", filtered, num(1), n.copy()), sep.copy())
            empty = exp.Or(  # no value, or LIMIT 0: NULL, as for no input rows
                this=exp.EQ(this=exp.Count(this=value.copy()), expression=num(0)),
                expression=exp.EQ(this=n.copy(), expression=num(0)),
            )
            target.replace(case(empty, exp.Null(), joined))
        changed = True
    return changed


def concat_agg_limit(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """ARRAY_CONCAT_AGG(a ORDER BY k LIMIT n): concatenate the first n non-NULL arrays.

    sqlglot drops the LIMIT (with only a logged warning), which would concatenate every
    array. BigQuery counts input arrays, not elements; a NULL array is not counted.
    """

    changed = False
    for node in list(tree.find_all(exp.ArrayConcatAgg)):
        inner = node.this
        if not isinstance(inner, exp.Limit):
            continue
        body = inner.this
        value = body.this if isinstance(body, exp.Order) else body
        not_null = exp.Not(this=exp.Is(this=value.copy(), expression=exp.Null()))
        agg = exp.Filter(this=exp.ArrayAgg(this=body.copy()), expression=exp.Where(this=not_null))
        node.replace(fn("flatten", fn("list_slice", agg, num(1), inner.expression.copy())))
        changed = True
    return changed


def _value(body: exp.Expression) -> exp.Expression:
    """The aggregated expression inside ``DISTINCT x ORDER BY ...``."""

    value = body.this if isinstance(body, exp.Order) else body
    if isinstance(value, exp.Distinct) and value.expressions:
        value = value.expressions[0]
    return value


def approximate(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Approximate aggregates are refused: BigQuery documents their results as estimates.

    APPROX_COUNT_DISTINCT "returns a statistical estimate, not necessarily the actual value"
    (approximate aggregate functions reference): an exact COUNT(DISTINCT) offline could
    differ from BigQuery's answer, so the user is told to write COUNT(DISTINCT) instead.
    """

    changed = False
    for node in list(tree.find_all(exp.ApproxDistinct)):
        raise UnsupportedError(
            "APPROX_COUNT_DISTINCT",
            "BigQuery returns a HyperLogLog++ estimate that can differ from the exact count; "
            "use COUNT(DISTINCT ...) for an exact answer on both",
            line_of(node),
        )
    for node in list(tree.find_all(exp.ApproxQuantiles)):
        raise UnsupportedError(
            "APPROX_QUANTILES",
            "its boundaries come from BigQuery's sketch and exact quantiles can differ; "
            "use PERCENTILE_CONT or PERCENTILE_DISC (... OVER ()) for exact ones",
            line_of(node),
        )
    for node in list(tree.find_all(exp.Anonymous, exp.ApproxTopK, exp.ApproxTopSum)):
        name = (
            node.name.upper()
            if isinstance(node, exp.Anonymous)
            else {"ApproxTopK": "APPROX_TOP_COUNT", "ApproxTopSum": "APPROX_TOP_SUM"}[
                type(node).__name__
            ]
        )
        if name in ("APPROX_TOP_COUNT", "APPROX_TOP_SUM"):
            raise UnsupportedError(
                name,
                "its counts and tie order come from BigQuery's sketch; use GROUP BY with "
                "COUNT/SUM, ORDER BY and LIMIT for an exact answer",
                line_of(node),
            )
    return changed
