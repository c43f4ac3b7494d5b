"""Aggregates: LIMIT inside ARRAY_AGG/STRING_AGG/ARRAY_CONCAT_AGG; HAVING MAX/MIN outside
ANY_VALUE refused; DISTINCT ... ORDER BY of a computed argument.

The approximate aggregates (APPROX_*) are in ``approximate.py``.
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation, UnsupportedError, line_of
from workbench.translate.rules._sql import (
    bottom_up,
    case,
    cast_double,
    fn,
    is_type,
    nodes,
    num,
    paren,
    template,
    typed,
    written_name,
)


def having_nan(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """``ANY_VALUE(x HAVING MAX y)`` over a FLOAT64 y with a NaN is NULL.

    HAVING MAX keeps the rows whose y equals MAX(y) (aggregate-function-calls, HAVING
    MAX/MIN clause), and MAX/MIN of values with a NaN is NaN (aggregate_functions#max,
    #min), which equals no value: no row is kept, the result is NULL. DuckDB's ARG_MAX
    ranks NaN above every number and returned that row (query oracle). The same for
    MAX_BY/MIN_BY, synonyms of ANY_VALUE(x HAVING MAX/MIN y) (aggregate_functions#max_by).
    """
    changed = False
    for node in bottom_up(tree, exp.AnyValue, exp.ArgMax, exp.ArgMin):
        # MAX_BY(x, y) / MIN_BY(x, y) are its synonyms (sqlglot's ArgMax/ArgMin)
        having = node if isinstance(node, exp.ArgMax | exp.ArgMin) else node.this
        if not isinstance(having, exp.HavingMax | exp.ArgMax | exp.ArgMin):
            continue
        y = having.expression
        if not is_type(y, "FLOAT64") or node.meta.get("having_nan"):
            continue
        if isinstance(node.parent, exp.Window):
            continue  # MAX_BY ... OVER: left as it was
        nans = exp.Count(this=case(fn("isnan", cast_double(y.copy())), num(1), exp.Null()))
        node.meta["having_nan"] = True
        guarded = case(exp.GT(this=nans, expression=num(0)), exp.Null(), node.copy())
        node.replace(typed(paren(guarded), node))
        changed = True
    return changed


def having_modifier(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """``agg(x HAVING MAX y)`` keeps the rows where y is the group's maximum; DuckDB has it
    for ANY_VALUE only (ARG_MAX). In ARRAY_AGG, SUM, COUNT ... it was a raw DuckDB parser
    error (query oracle): refused with the construct named."""
    for node in nodes(tree, exp.HavingMax):
        owner = node.parent
        while isinstance(owner, exp.Order | exp.Limit | exp.Distinct):
            owner = owner.parent
        if isinstance(owner, exp.AnyValue):
            continue
        which = "MAX" if node.args.get("max") else "MIN"
        name = written_name(owner) if isinstance(owner, exp.Func) else "an aggregate"
        raise UnsupportedError(
            f"{name}(... HAVING {which} ...)",
            "DuckDB keeps the rows of a group's maximum or minimum only for ANY_VALUE "
            "(MAX_BY/MIN_BY); filter the rows in a subquery first",
            line_of(node),
        )
    return False


def aggregate_limit(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """ARRAY_AGG(x ... LIMIT n) / STRING_AGG(x ... LIMIT n): aggregate in order, keep the first n."""

    changed = False
    for node in bottom_up(tree, exp.ArrayAgg, exp.GroupConcat):
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
            target.replace(_none_when_zero(n, fn("list_slice", agg, num(1), n.copy()), node))
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
    for node in bottom_up(tree, exp.ArrayConcatAgg):
        inner = node.this
        if not isinstance(inner, exp.Limit):
            continue
        body = inner.this
        value = body.this if isinstance(body, exp.Order) else body
        not_null = exp.Not(this=exp.Is(this=value.copy(), expression=exp.Null()))
        agg = exp.Filter(this=exp.ArrayAgg(this=body.copy()), expression=exp.Where(this=not_null))
        n = inner.expression
        flat = fn("flatten", fn("list_slice", agg, num(1), n.copy()))
        node.replace(_none_when_zero(n, flat, node))
        changed = True
    return changed


def _none_when_zero(
    n: exp.Expression, sliced: exp.Expression, like: exp.Expression
) -> exp.Expression:
    """``LIMIT 0`` keeps no value, and an aggregate of no values is NULL (aggregate-function-calls:
    ARRAY_AGG/ARRAY_CONCAT_AGG of zero rows is NULL); DuckDB's LIST_SLICE gave ``[]``."""
    return typed(paren(case(exp.EQ(this=n.copy(), expression=num(0)), exp.Null(), sliced)), like)


def _value(body: exp.Expression) -> exp.Expression:
    """The aggregated expression inside ``DISTINCT x ORDER BY ...``."""

    value = body.this if isinstance(body, exp.Order) else body
    if isinstance(value, exp.Distinct) and value.expressions:
        value = value.expressions[0]
    return value


def analytic_concat_agg(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """ARRAY_CONCAT_AGG(a) OVER (...): the window aggregates the (non-NULL) arrays and the
    concatenation flattens the window's value; DuckDB's FLATTEN is no aggregate (a raw
    "flatten is not an aggregate function" error when sqlglot puts the OVER after it)."""

    changed = False
    for node in bottom_up(tree, exp.ArrayConcatAgg):
        window = node.parent
        if not isinstance(window, exp.Window) or isinstance(node.this, exp.Limit):
            continue
        value = node.this
        not_null = exp.Not(this=exp.Is(this=value.copy(), expression=exp.Null()))
        arrays = window.copy()
        arrays.set(
            "this",
            exp.Filter(this=exp.ArrayAgg(this=value.copy()), expression=exp.Where(this=not_null)),
        )
        flat = fn("flatten", arrays)
        flat.type = node.type.copy() if node.type is not None else None
        window.replace(flat)
        changed = True
    return changed


def _sorted_distinct(
    values: exp.Expression, desc: bool, null_rank: int, nan: bool
) -> exp.Expression:
    """``values`` (a list) sorted as BigQuery orders them: NULL first or last, NaN before the
    numbers (the rank of ``nan-ordering``), each element paired with its rank for the sort."""
    rank = f"CASE WHEN _wb_e IS NULL THEN {null_rank} "
    rank += "WHEN isnan(_wb_e) THEN 1 ELSE 2 END" if nan else "ELSE 2 END"
    direction = "DESC" if desc else "ASC"
    return template(
        f"list_transform(list_sort(list_transform(__l, _wb_e -> {{'r': {rank}, 'v': _wb_e}}), "
        f"'{direction}'), _wb_e -> _wb_e.v)",
        l=values,
    )


def distinct_order(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """``ARRAY_AGG(DISTINCT f(x) ORDER BY f(x))`` / ``STRING_AGG(DISTINCT ...)``: the distinct
    values aggregated, then sorted.

    BigQuery orders a DISTINCT aggregate by its argument (aggregate-function-calls); DuckDB
    requires each ORDER BY term to be the argument as it binds it, which a FLOAT64's NaN rank
    key or a rewritten argument holding a lambda is not (a raw "In a DISTINCT aggregate, ORDER
    BY expressions must appear in the argument list" Binder Error, query oracle). A plain
    column argument is left to DuckDB.
    """
    changed = False
    for node in bottom_up(tree, exp.ArrayAgg, exp.GroupConcat):
        ignore = isinstance(node.parent, exp.IgnoreNulls)
        target = node.parent if ignore else node
        if isinstance(target.parent, exp.Window):
            continue
        inner, limit = node.this, None
        if isinstance(inner, exp.Limit):
            inner, limit = inner.this, inner.expression
        if not isinstance(inner, exp.Order) or len(inner.expressions) != 1:
            continue
        distinct = inner.this
        if not isinstance(distinct, exp.Distinct) or len(distinct.expressions) != 1:
            continue
        value = distinct.expressions[0]
        if isinstance(value, exp.Column):
            continue
        ordered = inner.expressions[0]
        desc = bool(ordered.args.get("desc"))
        null_rank = 0 if bool(ordered.args.get("nulls_first")) != desc else 3
        text = isinstance(node, exp.GroupConcat)
        agg: exp.Expression = exp.ArrayAgg(this=exp.Distinct(expressions=[value.copy()]))
        if ignore or text:
            not_null = exp.Not(this=exp.Is(this=value.copy(), expression=exp.Null()))
            agg = exp.Filter(this=agg, expression=exp.Where(this=not_null))
        result = _sorted_distinct(agg, desc, null_rank, is_type(value, "FLOAT64"))
        if limit is not None:
            result = _none_when_zero(limit, fn("list_slice", result, num(1), limit.copy()), node)
        if text:
            sep = node.args.get("separator") or exp.Literal.string(",")
            result = fn("array_to_string", result, sep.copy())
        target.replace(typed(paren(result), node))
        changed = True
    return changed
