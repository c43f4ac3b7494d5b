"""PIVOT and UNPIVOT whose output differs from DuckDB's.

- ``UNPIVOT (v FOR c IN (a, b))``: BigQuery's output has the value column(s) before the
  name column (``product, sales, quarter`` in query-syntax#unpivot_operator); sqlglot's
  qualifier expands ``*`` over an UNPIVOT with the name column first, as DuckDB does, so
  ``SELECT *`` swapped the two columns.
- The name column holds each unpivoted column's name as written in the IN list (``Q1``;
  ``a1_b1`` for a group ``(a1, b1)``, their names joined by ``_``); the qualifier lowercases
  identifiers, so the names are made literal labels before it runs.
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation, UnsupportedError, line_of
from workbench.translate.rules._sql import nodes


def _label(entry: exp.Expression) -> str | None:
    """BigQuery's default label of an IN-list entry without one: its name(s) as written."""
    if isinstance(entry, exp.Column):
        return entry.name
    if isinstance(entry, exp.Tuple) and all(isinstance(e, exp.Column) for e in entry.expressions):
        return "_".join(e.name for e in entry.expressions)
    return None


def unpivot_columns(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Every UNPIVOT: value columns before the name column, and labels as written."""
    changed = False
    for pivot in nodes(tree, exp.Pivot):
        if not pivot.unpivot:
            continue
        if not pivot.args.get("value_columns_first"):
            pivot.set("value_columns_first", True)
            changed = True
        for field in pivot.fields:
            if not isinstance(field, exp.In):
                continue
            for entry in list(field.expressions):
                label = _label(entry)
                if label is None:
                    continue
                entry.replace(exp.PivotAlias(this=entry.copy(), alias=exp.Literal.string(label)))
                changed = True
    return changed


def _value_name(entry: exp.Expression) -> str | None:
    if isinstance(entry, exp.PivotAlias):
        return entry.alias or None
    if isinstance(entry, exp.Literal):
        return str(entry.this)
    return None


def _value_names(entry: exp.Expression) -> tuple[str, str] | None:
    """An IN-list entry's name in BigQuery's output (alone: an integer ``100`` is ``_100``;
    after an aggregate's alias: ``s_100``) and in DuckDB's (``100``, ``100_s``); an alias, NULL,
    TRUE, FALSE and a string are named as written (GoogleSQL's reference evaluator: ``_100``,
    ``NULL``, ``s_true``). Returns (the value's name, BigQuery's name of it alone)."""
    if isinstance(entry, exp.PivotAlias):
        return (entry.alias, entry.alias) if entry.alias else None
    if isinstance(entry, exp.Literal):
        value = str(entry.this)
        return (value, value) if entry.is_string else (value, f"_{value}")
    if isinstance(entry, exp.Null):
        return ("NULL", "NULL")
    if isinstance(entry, exp.Boolean):
        word = "true" if entry.this else "false"
        return (word, word)
    return None


def pivot_column_names(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """PIVOT's output columns read under BigQuery's names: an aliased aggregate gives
    ``<alias>_<value>`` (``s_x`` for ``SUM(v) AS s FOR k IN ('a' AS x)``), DuckDB
    ``<value>_<alias>``; an integer value is ``_1`` in BigQuery, ``1`` in DuckDB, also without
    an aggregate alias. The qualifier named the references BigQuery's way, so each reads
    DuckDB's column (a raw "does not have a column named" error otherwise)."""
    changed = False
    for pivot in nodes(tree, exp.Pivot):
        if pivot.args.get("unpivot") or not pivot.alias:
            continue
        aliases = [e.alias for e in pivot.expressions if isinstance(e, exp.Alias) and e.alias]
        if not aliases and len(pivot.expressions) != 1:
            continue
        renames: dict[str, str] = {}
        for field in pivot.args.get("fields") or []:
            for entry in field.expressions if isinstance(field, exp.In) else []:
                names = _value_names(entry)
                if names is None:
                    continue
                value, alone = names
                if aliases:
                    renames.update({f"{a}_{value}".lower(): f"{value}_{a}" for a in aliases})
                else:
                    renames[alone.lower()] = value
        scope = pivot.find_ancestor(exp.Select)
        if scope is None or not renames:
            continue
        # ``SELECT *``: the qualifier expanded the star under DuckDB's names; BigQuery's
        # name each output column
        named = {duck.lower(): bq for bq, duck in renames.items() if bq != duck.lower()}
        for i, item in enumerate(list(scope.expressions)):
            col = item.this if isinstance(item, exp.Alias) else item
            if not (isinstance(col, exp.Column) and col.table == pivot.alias):
                continue
            bq = named.get(col.name.lower())
            if bq is None or (isinstance(item, exp.Alias) and item.alias.lower() == bq):
                continue
            col.set("this", exp.to_identifier(col.name, quoted=True))
            scope.expressions[i].replace(exp.alias_(col.copy(), _written(bq, pivot)))
            changed = True
        for column in scope.find_all(exp.Column):
            if column.table == pivot.alias and column.name.lower() in renames:
                target = renames[column.name.lower()]
                if column.name.lower() != target.lower():
                    written = column.name
                    column.set("this", exp.to_identifier(target, quoted=True))
                    if isinstance(column.parent, exp.Select):  # an output column: its name
                        column.replace(exp.alias_(column.copy(), written, quoted=False))
                    changed = True
    return changed


def _written(name: str, pivot: exp.Pivot) -> str:
    """A renamed output's name as the query spells it (the renames map is lowercase)."""
    for field in pivot.args.get("fields") or []:
        for entry in field.expressions if isinstance(field, exp.In) else []:
            alias = entry.alias if isinstance(entry, exp.PivotAlias) else ""
            if alias and alias.lower() == name.lower():
                return alias
    return name


def _pivot_value(entry: exp.Expression) -> exp.Expression:
    return entry.this if isinstance(entry, exp.PivotAlias) else entry


def _refuse(what: str, why: str, node: exp.Expression) -> None:
    raise UnsupportedError(what, why, line_of(node))


def _refuse_repeated_names(pivot: exp.Pivot, field: exp.In) -> None:
    """Two PIVOT output columns of one name (``IN (1 AS a, 2 AS a)``): DuckDB keeps one."""
    aliases = [a.alias if isinstance(a, exp.Alias) else "" for a in pivot.expressions]
    names: set[str] = set()
    for entry in field.expressions:
        value = _value_name(entry) or _pivot_value(entry).sql()
        for alias in aliases:
            name = (f"{alias}_{value}" if alias else value).lower()
            if name in names:
                _refuse(
                    "PIVOT with two output columns of one name",
                    "DuckDB keeps only one of them",
                    entry,
                )
            names.add(name)


def pivot_for_expression(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """PIVOT ... FOR (an expression) IN (...): refused before the qualifier, which fails on it
    with an internal message ("Negative pivot column offset")."""
    for pivot in nodes(tree, exp.Pivot):
        for field in pivot.args.get("fields") or [] if not pivot.args.get("unpivot") else []:
            if isinstance(field, exp.In) and not isinstance(field.this, exp.Column):
                _refuse(
                    "PIVOT ... FOR an expression",
                    "DuckDB pivots on a column only; compute the expression as a column of "
                    "the PIVOT's input first",
                    field,
                )
            if isinstance(field, exp.In):
                _refuse_unnamed_values(field)
                _refuse_repeated_names(pivot, field)
    return False


def _refuse_unnamed_values(field: exp.In) -> None:
    """A value without an alias that BigQuery names (``true``, a negative number, a typed
    literal) and DuckDB cannot: the qualifier failed on it ("Negative pivot column offset",
    a zero-length identifier)."""
    for entry in field.expressions:
        negative = isinstance(entry, exp.Neg) and isinstance(entry.this, exp.Literal)
        # DATE '2020-01-11' is named _2020_01_11 (sqlglot reads it as a CAST of the text)
        typed = isinstance(entry, exp.Cast) and isinstance(entry.this, exp.Literal)
        if not (isinstance(entry, exp.Boolean) or negative or typed):
            continue  # a literal names itself; other values need an alias in BigQuery too
        _refuse(
            f"PIVOT value {entry.sql(dialect='bigquery')[:30]} without an alias",
            "DuckDB cannot name its output column; give the value an alias (AS name)",
            entry,
        )


def pivot_limits(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """PIVOT forms DuckDB's PIVOT cannot run (it failed with a raw binder error): refused.

    Runs after the other rewrites, on each aggregate as DuckDB will see it: DuckDB's PIVOT
    takes one aggregate per expression, each value once (one name per column), no subquery."""
    changed = False
    for pivot in nodes(tree, exp.Pivot):
        if pivot.args.get("unpivot"):
            continue
        for field in pivot.args.get("fields") or []:
            if not isinstance(field, exp.In):
                continue
            _refuse_repeated_names(pivot, field)
            if _merge_repeated_values(pivot, field):
                changed = True
        for agg in pivot.expressions:
            inner = agg.this if isinstance(agg, exp.Alias) else agg
            if inner.find(exp.Subquery, exp.Select) is not None:
                _refuse(
                    "PIVOT with a subquery in its aggregate",
                    "DuckDB's PIVOT does not take subqueries",
                    inner,
                )
            count = sum(1 for _ in inner.find_all(exp.AggFunc))
            if count != 1:
                _refuse(
                    f"PIVOT over {inner.sql(dialect='bigquery')[:40]}",
                    "its BigQuery semantics offline take more than one DuckDB aggregate, "
                    "and DuckDB's PIVOT takes exactly one",
                    inner,
                )
    return changed


def _duck_names(pivot: exp.Pivot, entry: exp.Expression) -> list[str] | None:
    """DuckDB's output column names of one IN-list entry (``<value>`` or ``<value>_<alias>``
    per aggregate alias)."""
    names = _value_names(entry)
    if names is None:
        return None
    aliases = [e.alias for e in pivot.expressions if isinstance(e, exp.Alias) and e.alias]
    if aliases and len(aliases) == len(pivot.expressions):
        return [f"{names[0]}_{a}" for a in aliases]
    return [names[0]] if len(pivot.expressions) == 1 and not aliases else None


def _merge_repeated_values(pivot: exp.Pivot, field: exp.In) -> bool:
    """``FOR k IN (NULL, NULL AS n)``: the same value under two names. DuckDB takes each value
    once, so the repeat leaves the IN list and its columns read the first one's (the same
    rows, so the same aggregate); refused where the names are not known."""
    first: dict[str, exp.Expression] = {}
    renames: dict[str, str] = {}
    for entry in list(field.expressions):
        value = _pivot_value(entry).sql()
        if value not in first:
            first[value] = entry
            continue
        dup, kept = _duck_names(pivot, entry), _duck_names(pivot, first[value])
        scope = pivot.find_ancestor(exp.Select)
        if dup is None or kept is None or scope is None or not pivot.alias:
            _refuse(
                "PIVOT with a value listed twice", "DuckDB's PIVOT takes each value once", entry
            )
        renames.update({d.lower(): k for d, k in zip(dup, kept, strict=True)})
        entry.pop()
    if not renames:
        return False
    scope = pivot.find_ancestor(exp.Select)
    for column in scope.find_all(exp.Column):  # type: ignore[union-attr]
        if column.table == pivot.alias and column.name.lower() in renames:
            written = column.name
            column.set("this", exp.to_identifier(renames[column.name.lower()], quoted=True))
            if isinstance(column.parent, exp.Select):  # an output column keeps its name
                column.replace(exp.alias_(column.copy(), written, quoted=False))
    return True
