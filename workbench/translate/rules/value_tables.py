"""Name resolution for value tables: the fields of ``UNNEST(array of STRUCT) AS m`` are columns.

In BigQuery, a FROM item that is a value table of STRUCTs (``UNNEST(t.modules) AS m``,
``UNNEST([STRUCT(1 AS a)]) AS s``) puts its fields in scope as columns, next to the range
variable itself: ``SELECT slug FROM t, UNNEST(t.modules) AS m`` reads ``m.slug``. sqlglot's
qualifier does not know this, and DuckDB's binder then fails on the bare name. Before the
qualifier runs, each such name is written out as ``m.slug``; a name that more than one FROM
item provides (two value tables, or a table column and a field) is ambiguous, as in BigQuery.
"""

from __future__ import annotations

from sqlglot import exp
from sqlglot.optimizer.scope import Scope, traverse_scope

from wbcore.errors import NAME, UserError
from workbench.translate.context import Context, Translation, line_of
from workbench.translate.rules._sql import nodes, struct_fields, struct_items


def _struct_fields(t: exp.DataType | None) -> list[str] | None:
    """Field names of ARRAY<STRUCT<...>> (None when not known to be one)."""
    if t is None or t.this != exp.DataType.Type.ARRAY or not t.expressions:
        return None
    inner = t.expressions[0]
    if not isinstance(inner, exp.DataType) or inner.this != exp.DataType.Type.STRUCT:
        return None
    return [name for name, _ in struct_fields(inner) if name]


def _literal_fields(array: exp.Expression) -> list[str] | None:
    """Field names of ``[STRUCT(1 AS a, ...), ...]``: the first element names them (or the
    type of ``ARRAY<STRUCT<a INT64>>[...]``)."""
    if isinstance(array, exp.Cast):
        return _struct_fields(array.to)
    if not isinstance(array, exp.Array) or not array.expressions:
        return None
    first = array.expressions[0]
    if not isinstance(first, exp.Struct):
        return None
    names = [name for name, _ in struct_items(first) or [] if name]
    return names or None


def _table_columns(scope: Scope, schema: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """Each table source of the scope (by its name in the scope) → its columns and types."""
    lowered = {k.lower(): v for k, v in schema.items()}
    found = {}
    for name, source in scope.sources.items():
        if isinstance(source, exp.Table) and not isinstance(source.this, exp.Unnest):
            columns = lowered.get(source.name.lower())
            if columns is not None:
                found[name] = {c.lower(): t for c, t in columns.items()}
    return found


def _field_array(
    arg: exp.Expression, literals: dict[str, exp.Expression], scope: Scope
) -> exp.Expression:
    """``t.fields`` where ``t`` is ``UNNEST([STRUCT([...] AS fields)]) AS t``, or a WITH query
    or subquery that selects ``[...] AS fields``: that array literal."""
    source = scope.sources.get(arg.table) if isinstance(arg, exp.Column) else None
    if isinstance(source, Scope) and isinstance(source.expression, exp.Select):
        for proj in source.expression.expressions:
            if isinstance(proj, exp.Alias) and proj.alias.lower() == arg.name.lower():
                return proj.this
    if isinstance(arg, exp.Column) and not arg.table:
        # a correlated ``UNNEST(e)``: the one WITH query or subquery in scope selecting e
        found = [
            _projected(s, arg.name)
            for s in scope.sources.values()
            if isinstance(s, Scope) and isinstance(s.expression, exp.Select)
        ]
        found = [f for f in found if f is not None]
        if len(found) == 1:
            return found[0]
    if isinstance(arg, exp.Column) and arg.table.lower() in literals:
        first = literals[arg.table.lower()].expressions[0]
        for name, value in struct_items(first) or []:
            if name and name.lower() == arg.name.lower():
                return value
    return arg


def _projected(source: Scope, name: str) -> exp.Expression | None:
    """What a WITH query or subquery selects as ``name``: the expression, or for a field of
    its own value table of STRUCT literals (``SELECT * FROM UNNEST([STRUCT(... AS e)])``,
    written out as ``_wb_value0.e``) that field's value in the first literal."""
    select = source.expression
    value = next(
        (
            p.this
            for p in select.expressions
            if isinstance(p, exp.Alias) and p.alias_or_name.lower() == name.lower()
        ),
        None,
    )
    if not isinstance(value, exp.Column) or not value.table:
        return value
    for node in (select.args.get("from_"), *select.args.get("joins", [])):
        item = node.this if isinstance(node, exp.From | exp.Join) else None
        alias = item.args.get("alias") if isinstance(item, exp.Unnest) else None
        if alias is None or not item.expressions:
            continue
        element = alias.columns[0].name if alias.columns else alias.name
        array = item.expressions[0]
        if element.lower() != value.table.lower():
            continue
        if isinstance(array, exp.Cast) and isinstance(array.to, exp.DataType):
            # ``ARRAY<STRUCT<e ARRAY<STRUCT<a, b>>>>[]``: the field's type, as an empty array
            inner = array.to.expressions[0] if array.to.expressions else None
            for field, kind in struct_fields(inner) if isinstance(inner, exp.DataType) else []:
                if field and field.lower() == value.name.lower() and kind is not None:
                    return exp.Cast(this=exp.Array(expressions=[]), to=kind.copy())
            continue
        if not isinstance(array, exp.Array):
            continue
        first = array.expressions[0] if array.expressions else None
        for field, inner in struct_items(first) or []:
            if field and field.lower() == value.name.lower():
                return inner
    return value


def _unnest_fields(
    unnest: exp.Unnest,
    tables: dict[str, dict[str, str]],
    literals: dict[str, exp.Expression],
    scope: Scope,
) -> tuple[str, list[str]] | None:
    """(element name, field names) of an aliased UNNEST of STRUCTs, when they are known.

    ``literals`` collects the STRUCT array literals seen so far (by element name), so that a
    later ``UNNEST(t.fields)`` of the same FROM clause knows the fields of ``t.fields``.
    """
    alias = unnest.args.get("alias")
    if not unnest.expressions:
        return None
    if alias is None:
        resolved = _field_array(unnest.expressions[0], literals, scope)
        if _literal_fields(resolved) is None or unnest.find_ancestor(exp.Select) is None:
            return None
        # an unnamed value table of STRUCTs: named here, so its fields can be qualified
        alias = exp.TableAlias(columns=[exp.to_identifier(f"_wb_value{len(literals)}")])
        unnest.set("alias", alias)
    element = alias.columns[0].name if alias.columns else alias.name
    if not element:
        return None
    arg = _field_array(unnest.expressions[0], literals, scope)
    fields = _literal_fields(arg)
    if fields is not None:
        literals[element.lower()] = arg
    if fields is None and isinstance(arg, exp.Column):
        candidates = [tables[arg.table]] if arg.table in tables else list(tables.values())
        for columns in candidates:
            text = columns.get(arg.name.lower())
            if text:
                try:
                    fields = _struct_fields(exp.DataType.build(text, dialect="bigquery"))
                except Exception:  # a type text sqlglot cannot read: leave the name alone
                    fields = None
                break
    return (element, fields) if fields else None


def value_table_fields(tree: exp.Expression, schema: dict[str, dict[str, str]]) -> None:
    """Write ``slug`` as ``m.slug`` when ``m`` is the one value table in scope with that field."""
    for scope in traverse_scope(tree):
        select = scope.expression
        if not isinstance(select, exp.Select):
            continue
        tables = _table_columns(scope, schema)
        value_tables = []
        stars: list[exp.Expression] = []  # what SELECT * is, FROM item by FROM item
        literals: dict[str, exp.Expression] = {}
        for node in (select.args.get("from_"), *select.args.get("joins", [])):
            item = node.this if isinstance(node, exp.From | exp.Join) else None
            fields = (
                _unnest_fields(item, tables, literals, scope)
                if isinstance(item, exp.Unnest)
                else None
            )
            if fields:
                value_tables.append(fields)
                stars.extend(exp.alias_(exp.column(f, table=fields[0]), f) for f in fields[1])
                offset = item.args.get("offset")  # WITH OFFSET [AS] o: a column after them
                if isinstance(offset, exp.Identifier):
                    stars.append(exp.alias_(exp.column(offset.name), offset.name))
            elif item is not None and item.alias_or_name and not isinstance(item, exp.Unnest):
                stars.append(
                    exp.Column(this=exp.Star(), table=exp.to_identifier(item.alias_or_name))
                )
            elif (scalars := _scalar_unnest(item)) is not None:
                stars.extend(exp.alias_(exp.column(n), n) for n in scalars)
            else:
                stars = []
                break
        if not value_tables:
            continue
        if stars:
            _expand_star(select, stars)
        names = {e.lower() for e, _ in value_tables} | {n.lower() for n in scope.sources}
        # output column names (``m.version`` is called version)
        aliases = {p.alias_or_name.lower() for p in select.expressions if p.alias_or_name}
        # every column of this SELECT (scope.columns leaves out some that QUALIFY names)
        # (and those of correlated subqueries that scope.columns holds)
        own = [c for c in select.find_all(exp.Column) if c.find_ancestor(exp.Select) is select]
        own += [c for c in scope.columns if all(c is not o for o in own)]
        derived = {
            name: {p.alias_or_name.lower() for p in source.expression.expressions}
            for name, source in scope.sources.items()
            if isinstance(source, Scope) and isinstance(source.expression, exp.Select)
        }
        for col in own:
            if col.table:
                _field_path(col, names, value_tables, tables | derived)
                continue
            if col.name.lower() in names:
                continue
            key = col.name.lower()
            owners = [e for e, fields in value_tables if key in {f.lower() for f in fields}]
            if not owners:
                continue
            clause = col.find_ancestor(exp.Group, exp.Order, exp.Having)
            if key in aliases and clause is not None and clause.parent is select:
                continue  # a select-list alias there (``ORDER BY version``): not ambiguous
            in_tables = [t for t, columns in (tables | derived).items() if key in columns]
            if len(owners) + len(in_tables) > 1:
                raise UserError(
                    f"column name {col.name} is ambiguous",
                    line=line_of(col),
                    construct=col.name,
                    condition=NAME,
                )
            col.set("table", exp.to_identifier(owners[0]))


def _field_path(
    col: exp.Column,
    names: set[str],
    value_tables: list[tuple[str, list[str]]],
    columns: dict[str, dict[str, str]],
) -> None:
    """``s.b`` where ``s`` is no FROM item but a field of a value table: ``element.s.b``.

    sqlglot reads ``s.b`` as column ``b`` of a table ``s``; in BigQuery the first name of a
    path is a range variable or a column, and a value table's fields are columns."""
    parts = [p for p in (col.args.get(k) for k in ("catalog", "db", "table")) if p is not None]
    first = parts[0].name.lower()
    if first in names:
        return
    owners = [e for e, fields in value_tables if first in {f.lower() for f in fields}]
    if len(owners) != 1 or any(first in c for c in columns.values()):
        return  # unknown (an error later), or ambiguous: the qualifier names it
    path: exp.Expression = exp.column(parts[0].copy(), table=exp.to_identifier(owners[0]))
    for part in [*parts[1:], col.this]:
        path = exp.Dot(this=path, expression=part.copy())
    col.replace(path)


def _expand_star(select: exp.Select, stars: list[exp.Expression]) -> None:
    """``SELECT *`` over value tables of STRUCTs: their fields, one column each (DuckDB would
    return the STRUCT, or fail on the range variable's name); other FROM items as ``x.*``."""
    for proj in list(select.expressions):
        modified = bool(proj.args.get("except_") or proj.args.get("replace"))
        if isinstance(proj, exp.Star) and (
            not modified or all(isinstance(c, exp.Alias) for c in stars)
        ):
            at = select.expressions.index(proj)
            columns = _except_replace(proj, [c.copy() for c in stars])
            select.set(
                "expressions", select.expressions[:at] + columns + select.expressions[at + 1 :]
            )


def _except_replace(star: exp.Star, columns: list[exp.Expression]) -> list[exp.Expression]:
    """``* EXCEPT (...) REPLACE (...)`` over named columns: the ones left, the replaced ones in
    their place (query-syntax#select_except, #select_replace; the query oracle found a raw
    DuckDB Binder Error for ``* EXCEPT (o)`` of a value table WITH OFFSET)."""
    dropped = {c.name.lower() for c in star.args.get("except_") or []}
    replaced = {r.alias.lower(): r for r in star.args.get("replace") or []}
    out: list[exp.Expression] = []
    for column in columns:
        name = column.alias_or_name.lower()
        if name in dropped:
            continue
        out.append(replaced[name].copy() if name in replaced else column)
    return out


def _scalar_unnest(item: exp.Expression | None) -> list[str] | None:
    """The columns of ``UNNEST([1, 2]) AS y [WITH OFFSET AS o]`` beside a value table (``y``,
    ``o``): a literal array of non-STRUCT values, named. None for anything else."""
    if not isinstance(item, exp.Unnest) or len(item.expressions) != 1:
        return None
    array, alias = item.expressions[0], item.args.get("alias")
    if not isinstance(array, exp.Array) or any(
        isinstance(e, exp.Struct | exp.Tuple) for e in array.expressions
    ):
        return None
    columns = alias.columns if isinstance(alias, exp.TableAlias) else []
    name = columns[0].name if columns else (alias.name if alias is not None else "")
    if not name:
        return None
    offset = item.args.get("offset")
    return [name] + ([offset.name] if isinstance(offset, exp.Identifier) else [])


def struct_select_order(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """``SELECT AS STRUCT x AS a ... ORDER BY a``: the ORDER BY names the item's expression.

    DuckDB's form of SELECT AS STRUCT is one STRUCT column (``{'a': x}``), so the select-list
    alias ``a`` that ORDER BY may name (query-syntax#order_by_clause) is gone: a raw Binder
    Error (query oracle). The key becomes the aliased expression itself.
    """
    changed = False
    for select in nodes(tree, exp.Select):
        order = select.args.get("order")
        if str(select.args.get("kind") or "").upper() != "STRUCT" or order is None:
            continue
        aliased = {p.alias.lower(): p.this for p in select.expressions if isinstance(p, exp.Alias)}
        for col in list(order.find_all(exp.Column)):
            if col.table or col.name.lower() not in aliased:
                continue
            col.replace(aliased[col.name.lower()].copy())
            changed = True
    return changed


def _named(item: exp.Expression) -> bool:
    return isinstance(item, exp.Alias) or (
        isinstance(item, exp.Column) and not isinstance(item.this, exp.Star)
    )


def struct_value_subqueries(tree: exp.Expression, ctx: object, out: object) -> bool:
    """``FROM (SELECT AS STRUCT 1 AS a, 2 AS b) AS ct``: a value table of STRUCTs whose
    fields are its columns and whose range variable ``ct`` is the STRUCT, which is what a
    plain subquery with those columns is in BigQuery. DuckDB would see one anonymous STRUCT
    column (``ct.a``: "does not have a column named a"), so the FROM item (or WITH query)
    becomes that plain subquery. Unnamed fields are left alone (their names differ).
    ``SELECT AS VALUE STRUCT(1 AS a, 2 AS b)`` is that same value table."""

    changed = False
    for select in list(tree.find_all(exp.Select)):
        kind = str(select.args.get("kind") or "").upper()
        if kind == "VALUE" and len(select.expressions) == 1:
            # SELECT AS VALUE STRUCT(1 AS a, 2 AS b): the same table as SELECT AS STRUCT 1 a, 2 b
            value = select.expressions[0]
            value = value.this if isinstance(value, exp.Alias) else value
            items = struct_items(value) if isinstance(value, exp.Struct) else None
            if items and all(name for name, _ in items):
                select.set("expressions", [exp.alias_(v.copy(), n) for n, v in items])
                select.set("kind", "STRUCT")
                kind = "STRUCT"
        if kind not in ("STRUCT", "VALUE"):
            continue
        parent, node = select.parent, select
        while isinstance(parent, exp.SetOperation):  # a branch of a UNION ALL of value tables
            parent, node = parent.parent, parent
        in_from = isinstance(parent, exp.Subquery) and isinstance(
            parent.parent, exp.From | exp.Join
        )
        if not (in_from or isinstance(parent, exp.CTE)):
            continue
        if kind == "VALUE":
            changed |= _scalar_value_table(select, parent)
            continue
        first = _leftmost(node)
        if not select.expressions or not all(_named(e) for e in first.expressions):
            continue  # the first branch names the columns; later ones match by position
        select.set("kind", None)
        changed = True
    return changed


def _leftmost(query: exp.Expression) -> exp.Expression:
    """The first SELECT of a set operation (its names are the operation's columns)."""
    while isinstance(query, exp.SetOperation):
        query = query.this
    return query


def _scalar_value_table(select: exp.Select, item: exp.Expression) -> bool:
    """``FROM (SELECT AS VALUE 5) AS x``: a value table of one scalar, whose range variable
    ``x`` is the value itself. DuckDB would read ``x`` as the whole row (a STRUCT of the
    column), so the value becomes a column named after the range variable, which the name
    ``x`` then reads."""
    alias = item.alias
    if not alias or len(select.expressions) != 1:
        return False
    value = select.expressions[0]
    value = value.this if isinstance(value, exp.Alias) else value
    select.set("expressions", [exp.alias_(value.copy(), alias, quoted=True)])
    select.set("kind", None)
    return True
