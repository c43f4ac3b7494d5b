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

from workbench.translate.context import Context, Translation
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


def pivot_column_names(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """PIVOT with aliased aggregates: BigQuery names a column ``<alias>_<value>`` (``s_x``
    for ``SUM(v) AS s FOR k IN ('a' AS x)``), DuckDB ``<value>_<alias>``; the qualifier
    named the references BigQuery's way, so each reads DuckDB's column under BigQuery's
    name (a raw "does not have a column named" error otherwise)."""
    changed = False
    for pivot in nodes(tree, exp.Pivot):
        if pivot.args.get("unpivot") or not pivot.alias:
            continue
        aliases = [e.alias for e in pivot.expressions if isinstance(e, exp.Alias) and e.alias]
        if not aliases:
            continue
        renames: dict[str, str] = {}
        for field in pivot.args.get("fields") or []:
            for entry in field.expressions if isinstance(field, exp.In) else []:
                value = _value_name(entry)
                if value is not None:
                    renames.update({f"{a}_{value}".lower(): f"{value}_{a}" for a in aliases})
        scope = pivot.find_ancestor(exp.Select)
        if scope is None or not renames:
            continue
        for column in scope.find_all(exp.Column):
            if column.table == pivot.alias and column.name.lower() in renames:
                column.set("this", exp.to_identifier(renames[column.name.lower()]))
                changed = True
    return changed
