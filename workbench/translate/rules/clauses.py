"""Query clauses whose meaning differs: TABLESAMPLE, GROUP BY ALL, PARTITION BY's types.

- ``TABLESAMPLE SYSTEM (n PERCENT)`` samples BigQuery's storage blocks; DuckDB samples its own
  row groups (a small table gives no row at all, or every row), so the clause is refused.
- ``GROUP BY ALL`` infers its keys from the SELECT items that reference the FROM clause; with
  none, every row is one group (``GROUP BY ()``). DuckDB groups by constants too, so
  ``SELECT 'a' FROM t GROUP BY ALL`` would give one row per row offline.
- ``PARTITION BY`` an ARRAY or a STRUCT: BigQuery groups them only in GROUP BY and SELECT
  DISTINCT (data-types page, "Grouping with arrays", "Grouping with structs"); DuckDB
  partitions by them, and GoogleSQL's reference analyzer (with its grouping features) too.
- ``LIMIT NULL`` / a negative LIMIT or OFFSET raise in BigQuery; DuckDB ignores NULL.
"""

from __future__ import annotations

from sqlglot import exp

from wbcore.errors import UserError
from workbench.translate.context import Context, Translation, UnsupportedError, line_of
from workbench.translate.rules._sql import bottom_up, bq_type, fail, is_type, nodes, num, paren


def tablesample(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Refuse TABLESAMPLE: the rows BigQuery's block sample returns cannot be reproduced."""

    for node in nodes(tree, exp.TableSample):
        raise UnsupportedError(
            "TABLESAMPLE",
            "BigQuery samples storage blocks, which the local table does not have; "
            "filter with WHERE RAND() < fraction to test on a subset",
            line_of(node),
        )
    return False


def partition_by_types(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """An ARRAY or STRUCT in a window's PARTITION BY is BigQuery's error, not a partition.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#groupable_data_types
    ("An ARRAY type is only groupable in a GROUP BY clause or in a SELECT DISTINCT clause";
    the same for STRUCT).
    """

    for window in nodes(tree, exp.Window):
        for key in window.args.get("partition_by") or []:
            if is_type(key, "ARRAY", "STRUCT"):
                raise UserError(
                    f"Partitioning by expressions of type {bq_type(key)} is not allowed",
                    line=line_of(key),
                    construct="PARTITION BY",
                )
    return False


def _sources(select: exp.Select) -> set[str]:
    """The names the FROM clause of ``select`` (and its joins) brings into scope."""

    names: set[str] = set()
    items = [select.args.get("from_") or select.args.get("from")]
    items += [j for j in select.args.get("joins") or []]
    for item in items:
        if item is None:
            continue
        source = item.this
        alias = source.alias_or_name if hasattr(source, "alias_or_name") else ""
        if alias:
            names.add(alias)
        if isinstance(source, exp.Unnest):
            alias_node = source.args.get("alias")
            for col in (alias_node.args.get("columns") or []) if alias_node else []:
                names.add(col.name)
    return names


def _is_key(item: exp.Expression, select: exp.Select, sources: set[str]) -> bool:
    """A SELECT item GROUP BY ALL groups by: no aggregate or window, and a FROM column."""

    if item.find(exp.AggFunc, exp.Window) is not None:
        return False
    for col in item.find_all(exp.Column):
        if col.find_ancestor(exp.Select) is not select:
            continue  # a column of a subquery in the item
        if col.table in sources or (not col.table and col.name in sources):
            return True
    return False


def _correlated_keys(item: exp.Expression, select: exp.Select, sources: set[str]) -> list:
    """The FROM columns a subquery in a non-key, non-aggregate SELECT item reads: GROUP BY ALL
    groups by them (GoogleSQL's reference evaluator: ``(SELECT t.e)`` groups by ``t.e``)."""
    if item.find(exp.AggFunc, exp.Window) is not None:
        return []
    keys = []
    for col in item.find_all(exp.Column):
        inner = col.find_ancestor(exp.Select)
        if inner is select or inner is None or inner.find_ancestor(exp.Select) is None:
            continue
        if col.table not in sources or col.find_ancestor(exp.AggFunc) is not None:
            continue
        scope, shadowed = inner, False
        while scope is not None and scope is not select:  # a nearer FROM of that name
            shadowed = shadowed or col.table in _sources(scope)
            scope = scope.parent.find_ancestor(exp.Select) if scope.parent else None
        if not shadowed:
            keys.append(col)
    return keys


def group_by_all(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """GROUP BY ALL → the inferred keys, or GROUPING SETS (()) when there are none."""

    changed = False
    for select in bottom_up(tree, exp.Select):
        group = select.args.get("group")
        if group is None or not group.args.get("all"):
            continue
        if any(isinstance(e, exp.Star) for e in select.expressions):
            continue  # DuckDB expands * to the same columns BigQuery groups by
        sources = _sources(select)
        keys, seen = [], set()
        for e in select.expressions:
            item = e.this if isinstance(e, exp.Alias) else e
            found = [item] if _is_key(item, select, sources) else []
            found = found or _correlated_keys(item, select, sources)
            for key in found:
                if key.sql() not in seen:
                    seen.add(key.sql())
                    keys.append(key.copy())
        new = exp.Group(
            expressions=keys or [exp.GroupingSets(expressions=[exp.Tuple(expressions=[])])]
        )
        group.replace(new)
        changed = True
    return changed


def _negative_literal(node: exp.Expression) -> bool:
    inner = node.this if isinstance(node, exp.Neg) else None
    return isinstance(inner, exp.Literal) and not inner.is_string and bool(float(inner.this))


def limit_counts(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """LIMIT/OFFSET of NULL or a negative count raise, as BigQuery does when it runs them.

    DuckDB ignores ``LIMIT NULL`` (every row) and refuses a negative literal with a raw
    binder error; a parameter or other constant expression is checked when the query runs. An aggregate's LIMIT
    (``ARRAY_AGG(x LIMIT n)``) has the same checks, "count" only.
    """
    changed = False
    for node in nodes(tree, exp.Limit, exp.Offset):
        count = node.args.get("expression")
        if count is None:
            continue
        in_aggregate = not isinstance(node.parent, exp.Query)
        what = "count" if in_aggregate else "count and offset"
        negative = fail(f"Limit requires non-negative {what}")
        null = fail(f"Limit requires non-null {what}")
        is_null = isinstance(count, exp.Null) or (
            isinstance(count, exp.Cast) and isinstance(count.this, exp.Null)
        )
        if is_null:
            count.replace(null)
        elif _negative_literal(count):
            count.replace(negative)
        elif not (isinstance(count, exp.Literal) and not count.is_string):
            # a parameter or a constant expression (CAST(-1 AS INT64)): checked when it runs
            checked = exp.Case(
                ifs=[
                    exp.If(this=exp.Is(this=count.copy(), expression=exp.Null()), true=null),
                    exp.If(this=exp.LT(this=count.copy(), expression=num(0)), true=negative),
                ],
                default=count.copy(),
            )
            count.replace(paren(checked))
        else:
            continue
        changed = True
    return changed


def _output_names(query: exp.Expression) -> list[str] | None:
    names = list(query.named_selects) if isinstance(query, exp.Query) else []
    if not names or any(not n or n == "*" for n in names):
        return None
    if len({n.lower() for n in names}) != len(names):
        return None  # duplicate names: BigQuery's error (the analyzer's gate says so)
    return names


def _by_name_branch(
    query: exp.Expression, names: list[str], have: list[str], alias: str
) -> exp.Select:
    """``SELECT <names> FROM (query)``, NULL for a name the query does not have."""
    lowered = {n.lower(): n for n in have}
    items: list[exp.Expression] = []
    for name in names:
        own = lowered.get(name.lower())
        value: exp.Expression = exp.column(own, table=alias) if own else exp.Null()
        items.append(exp.alias_(value, name))
    inner = query.this if isinstance(query, exp.Subquery) and not query.alias else query
    return exp.select(*items).from_(
        exp.Subquery(this=inner.copy(), alias=exp.TableAlias(this=exp.to_identifier(alias)))
    )


def set_operations_by_name(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """UNION/INTERSECT/EXCEPT ... BY NAME and CORRESPONDING match columns by name.

    ``CORRESPONDING`` (``INNER ... BY NAME``) keeps the names both inputs have, in the
    first's order (or those of ``BY (...)`` / ``ON (...)``); ``FULL`` every name, the first's
    then the second's new ones; ``LEFT`` the first's; a name an input lacks is NULL there.
    Plain ``BY NAME`` needs the same names on both sides (BigQuery's error otherwise). DuckDB
    has BY NAME only as FULL, and no CORRESPONDING (a raw parser error): each input becomes a
    SELECT of those names, and the operation a positional one.
    """
    changed = False
    for node in bottom_up(tree, exp.SetOperation):
        if not node.args.get("by_name"):
            continue
        left, right = node.this, node.expression
        lnames, rnames = _output_names(left), _output_names(right)
        if lnames is None or rnames is None:
            raise UnsupportedError(
                "BY NAME / CORRESPONDING over unnamed or repeated columns",
                "the inputs' column names are not all known",
                line_of(node),
            )
        side, kind = str(node.args.get("side") or "").upper(), str(node.args.get("kind") or "")
        on = [c.name for c in node.args.get("on") or []]
        rset = {n.lower() for n in rnames}
        if on:
            names = on
        elif side == "FULL":
            lset = {n.lower() for n in lnames}
            names = lnames + [n for n in rnames if n.lower() not in lset]
        elif side == "LEFT":
            names = lnames
        elif kind.upper() == "INNER":
            names = [n for n in lnames if n.lower() in rset]
            if not names:
                raise UserError(
                    "queries of the set operation using CORRESPONDING do not have any columns "
                    "in common",
                    line=line_of(node),
                    construct="CORRESPONDING",
                )
        else:
            if {n.lower() for n in lnames} != rset:
                raise UserError(
                    "BY NAME requires all input queries to have identical column names, but "
                    f"query 1 has [{', '.join(lnames)}] and query 2 has [{', '.join(rnames)}]",
                    line=line_of(node),
                    construct="BY NAME",
                )
            names = lnames
        node.set("this", _by_name_branch(left, names, lnames, "_wb_l"))
        node.set("expression", _by_name_branch(right, names, rnames, "_wb_r"))
        for key in ("by_name", "side", "kind", "on"):
            node.set(key, None)
        changed = True
    return changed


def _int_literal(node: exp.Expression) -> bool:
    inner = node.this if isinstance(node, exp.Neg) else node
    return isinstance(inner, exp.Literal) and not inner.is_string and inner.is_int


def recursive_anchor_types(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """WITH RECURSIVE: an integer literal in the base term is INT64, as in BigQuery.

    DuckDB fixes a recursive CTE's column types from its base term, where ``SELECT 1 AS n``
    is a 32-bit INTEGER, so ``n * 2`` past 2^31 failed offline with a conversion error;
    BigQuery's integer literals are INT64 (data-types#integer_types)."""
    changed = False
    for with_ in nodes(tree, exp.With):
        if not with_.args.get("recursive"):
            continue
        for cte in with_.expressions:
            query = cte.this
            if not isinstance(query, exp.Union):
                continue
            base = query
            while isinstance(base, exp.SetOperation):
                base = base.this
            if not isinstance(base, exp.Select):
                continue
            for item in base.expressions:
                value = item.this if isinstance(item, exp.Alias) else item
                if not _int_literal(value):
                    continue
                cast = exp.Cast(this=value.copy(), to=exp.DataType.build("BIGINT"))
                if isinstance(item, exp.Alias):
                    value.replace(cast)
                else:
                    item.replace(exp.alias_(cast, value.sql()))
                changed = True
    return changed


def _calls_error(node: exp.Expression) -> bool:
    return any(c.name.lower() == "error" for c in node.find_all(exp.Anonymous))


def array_subquery_order_ordinals(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """``ARRAY(SELECT f(x) AS c ... ORDER BY c)``: the ORDER BY names the column by position.

    The translation's run-time checks (``error('division by zero')`` in ``MOD(x, 2)``) make
    a column an expression with side effects, and DuckDB's binder refuses an ORDER BY alias
    of such a column inside an ARRAY subquery ("Alias referenced - but the expression has
    side effects": a raw Binder Error); the column's position is the same ORDER BY.
    """
    changed = False
    for array in nodes(tree, exp.Array):
        for select in array.expressions:
            order = select.args.get("order") if isinstance(select, exp.Select) else None
            if order is None:
                continue
            positions = {
                p.alias.lower(): i + 1
                for i, p in enumerate(select.expressions)
                if isinstance(p, exp.Alias) and p.alias and _calls_error(p.this)
            }
            for item in order.expressions:
                key = item.this if isinstance(item, exp.Ordered) else None
                if isinstance(key, exp.Column) and not key.table and key.name.lower() in positions:
                    key.replace(num(positions[key.name.lower()]))
                    changed = True
    return changed
