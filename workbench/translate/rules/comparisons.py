"""Comparisons whose NULL/NaN semantics differ: NaN, DATE ± days (STRUCTs: structs.py).

- BigQuery's comparisons with NaN are all FALSE (``!=`` is TRUE); DuckDB orders NaN
  above every number and equal to itself, so NaN > 1 would be TRUE offline. MIN returns
  NaN in BigQuery when any input is NaN; DuckDB's MIN skips it.
- DATE + INT64 adds days in BigQuery; DuckDB has DATE + INTEGER but not DATE + BIGINT.
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation
from workbench.translate.rules._sql import aggregated, bottom_up, case, cast, fn, is_type, paren


def _float_side(node: exp.Expression) -> bool:
    """A FLOAT64 operand that can be NaN (numeric literals cannot)."""

    if not is_type(node, "FLOAT64"):
        return False
    inner = node.this if isinstance(node, exp.Cast) else node
    return not (isinstance(inner, exp.Literal) and not inner.is_string)


def nan_comparisons(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Comparisons with NaN are FALSE (TRUE for !=); MIN of a NaN is NaN."""

    changed = False
    ops = (exp.EQ, exp.NEQ, exp.LT, exp.LTE, exp.GT, exp.GTE)
    for node in bottom_up(tree, *ops):
        sides = [s for s in (node.this, node.expression) if _float_side(s)]
        if not sides:
            continue
        nan: exp.Expression = fn("isnan", sides[0].copy())
        for s in sides[1:]:
            nan = exp.Or(this=nan, expression=fn("isnan", s.copy()))
        for s in (node.this, node.expression):  # NaN = NULL is NULL, as any comparison with NULL
            nan = exp.And(
                this=paren(nan),
                expression=exp.Not(this=exp.Is(this=s.copy(), expression=exp.Null())),
            )
        result = exp.true() if isinstance(node, exp.NEQ) else exp.false()
        node.replace(exp.Paren(this=case(nan, result, node.copy())))
        changed = True
    for node in bottom_up(tree, exp.Min):
        arg = aggregated(node.this)  # MIN(DISTINCT x) too: NaN is among x's values
        if not _float_side(arg):
            continue
        window = node.parent if isinstance(node.parent, exp.Window) else None
        any_nan: exp.Expression = fn("bool_or", fn("isnan", arg.copy()))
        target = node
        if window is not None:  # MIN(x) OVER (...): the same window for the NaN check
            target = window
            any_nan = window.copy()
            any_nan.set("this", fn("bool_or", fn("isnan", arg.copy())))
        target.replace(case(any_nan, cast(exp.Literal.string("NaN"), "DOUBLE"), target.copy()))
        changed = True
    return changed


def nan_ordering(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """ORDER BY a FLOAT64: BigQuery sorts NULL, NaN, -inf, ..., +inf; DuckDB sorts NaN last.

    A rank key (NULL 0, NaN 1, numbers 2) goes before the value, in the same direction,
    so both ascending and descending orders match BigQuery's (window and aggregate ORDER
    BY included).
    """

    changed = False
    for node in bottom_up(tree, exp.Ordered):
        value = node.this
        if not _float_side(value) or node.meta.get("nan_rank"):
            continue
        value = _aliased(node) or value
        rank = exp.Case(
            ifs=[
                exp.If(  # NULL at the end its NULLS FIRST/LAST (or the default) puts it
                    this=exp.Is(this=value.copy(), expression=exp.Null()),
                    true=exp.Literal.number(
                        0
                        if bool(node.args.get("nulls_first")) != bool(node.args.get("desc"))
                        else 3
                    ),
                ),
                exp.If(this=fn("isnan", value.copy()), true=exp.Literal.number(1)),
            ],
            default=exp.Literal.number(2),
        )
        key = exp.Ordered(this=rank, desc=node.args.get("desc"), nulls_first=False)
        key.meta["nan_rank"] = True
        node.meta["nan_rank"] = True
        parent, arg = node.parent, node.arg_key
        siblings = parent.args.get(arg) if parent is not None else None
        if not isinstance(siblings, list):
            continue  # a single ordering slot: nothing to insert before it
        at = next(i for i, sibling in enumerate(siblings) if sibling is node)
        parent.set(arg, [*siblings[:at], key, *siblings[at:]])  # set: sqlglot's bookkeeping
        changed = True
    return changed


def _aliased(node: exp.Ordered) -> exp.Expression | None:
    """The select-list expression an ``ORDER BY alias`` names, for the rank key to test: DuckDB
    refuses an alias inside an expression when the aliased one has a run-time check (error())."""
    value, order = node.this, node.parent
    select = order.parent if isinstance(order, exp.Order) else None
    if not isinstance(value, exp.Column) or value.table or not isinstance(select, exp.Select):
        return None
    for item in select.expressions:
        if isinstance(item, exp.Alias) and item.alias == value.name:
            return item.this
    return None


def date_plus_days(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """DATE ± INT64 (days): DuckDB adds an INTEGER, not a BIGINT, to a DATE."""

    changed = False
    for node in bottom_up(tree, exp.Add, exp.Sub):
        a, b = node.this, node.expression
        if is_type(a, "DATE") and is_type(b, "INT64"):
            node.set("expression", cast(b.copy(), "INTEGER"))
        elif isinstance(node, exp.Add) and is_type(b, "DATE") and is_type(a, "INT64"):
            node.set("this", cast(a.copy(), "INTEGER"))
        else:
            continue
        node.replace(cast(node.copy(), "DATE"))
        changed = True
    return changed


def _not_nan(value: exp.Expression) -> exp.Expression:
    """``value IS NULL OR NOT isnan(value)``: keeps NULL (it makes IN NULL) and numbers."""
    return exp.Or(
        this=exp.Is(this=value.copy(), expression=exp.Null()),
        expression=exp.Not(this=fn("isnan", value.copy())),
    )


def nan_in_sets(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """``x IN (subquery)`` and ``x IN UNNEST(array)`` of FLOAT64: NaN equals nothing.

    DuckDB finds NaN in a set holding NaN (``NaN IN UNNEST([NaN])`` TRUE); in BigQuery it is
    FALSE, as ``NaN = NaN`` is. NaN values are taken out of the set before DuckDB looks: a
    number never equals NaN, and a NaN ``x`` then finds no match (NULL if the set holds a
    NULL, else FALSE, as BigQuery's IN gives).
    """
    changed = False
    for node in bottom_up(tree, exp.In):
        if not _float_side(node.this) or node.meta.get("nan_set"):
            continue
        query, unnest = node.args.get("query"), node.args.get("unnest")
        if isinstance(unnest, exp.Unnest) and len(unnest.expressions) == 1:
            element = exp.to_identifier("_wb_e")
            keep = exp.Lambda(this=_not_nan(exp.column(element)), expressions=[element])
            unnest.set("expressions", [fn("list_filter", unnest.expressions[0].copy(), keep)])
        elif isinstance(query, exp.Expression):
            inner = query.this if isinstance(query, exp.Subquery) else query
            value = exp.column("_wb_v", table="_wb_nan")
            filtered = (
                exp.select(value)
                .from_(
                    exp.Subquery(
                        this=inner.copy(),
                        alias=exp.TableAlias(
                            this=exp.to_identifier("_wb_nan"), columns=[exp.to_identifier("_wb_v")]
                        ),
                    )
                )
                .where(_not_nan(value))
            )
            node.set(
                "query",
                exp.Subquery(this=filtered) if isinstance(query, exp.Subquery) else filtered,
            )
        else:
            continue
        node.meta["nan_set"] = True
        changed = True
    return changed


_TEMPORAL = (
    exp.DataType.Type.DATE,
    exp.DataType.Type.DATETIME,
    exp.DataType.Type.TIMESTAMP,
    exp.DataType.Type.TIMESTAMPTZ,
    exp.DataType.Type.TIME,
)


def in_unnest_literals(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """``d IN UNNEST(['2015-01-30'])``: string literals of an array literal take the type of
    a DATE/DATETIME/TIMESTAMP/TIME value they are compared with, as in ``d IN ('2015-01-30')``
    (conversion_rules#coercion: a STRING literal coerces to those types).

    DuckDB coerces a string literal beside a DATE in ``=`` and ``IN (...)``, not inside
    the list its ``IN UNNEST`` reads (list_contains of VARCHAR[] and DATE: a raw Binder
    Error). Each element becomes ``CAST(literal AS type)``, which the CAST rules then read.
    """
    changed = False
    for node in bottom_up(tree, exp.In):
        unnest = node.args.get("unnest")
        kind = node.this.type
        if not isinstance(unnest, exp.Unnest) or kind is None or kind.this not in _TEMPORAL:
            continue
        array = unnest.expressions[0] if len(unnest.expressions) == 1 else None
        if not isinstance(array, exp.Array) or not any(
            isinstance(e, exp.Literal) and e.is_string for e in array.expressions
        ):
            continue
        if not all(isinstance(e, exp.Literal | exp.Null) for e in array.expressions):
            continue
        elements = []
        for e in array.expressions:
            if isinstance(e, exp.Literal) and e.is_string:
                e = exp.Cast(this=e.copy(), to=kind.copy())
                e.type = kind.copy()
            elements.append(e.copy() if not isinstance(e, exp.Cast) else e)
        array.set("expressions", elements)
        array.type = exp.DataType(
            this=exp.DataType.Type.ARRAY, expressions=[kind.copy()], nested=True
        )
        changed = True
    return changed
