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
