"""GROUP BY / ORDER BY ordinals past the SELECT list: BigQuery's error, with its line.

``GROUP BY 3`` over two columns is BigQuery's "GROUP BY is out of SELECT column number range:
3" (query-syntax#group_by_clause: an ordinal names a SELECT-list item); sqlglot's qualifier
said "Unknown output column: 3" without a line. Checked on the tree before qualification, for
lists without ``*`` (whose width is known only once the star is expanded).
"""

from __future__ import annotations

from sqlglot import exp

from wbcore.errors import UserError
from workbench.translate.context import UnsupportedError, line_of


def _struct_star(item: exp.Expression) -> bool:
    """``expression.*`` of a STRUCT value that is not a column (``STRUCT(1 AS a).*``)."""
    return (
        isinstance(item, exp.Dot)
        and isinstance(item.expression, exp.Star)
        and not isinstance(item.this, exp.Column)
    )


def _ordinals(clause: exp.Expression | None) -> list[exp.Literal]:
    if clause is None:
        return []
    items = clause.expressions
    if isinstance(clause, exp.Order):
        items = [o.this for o in clause.expressions]
    return [i for i in items if isinstance(i, exp.Literal) and i.is_int]


def check_ordinals(tree: exp.Expression) -> None:
    """Raise BigQuery's error for an ordinal outside 1..(number of SELECT items)."""
    for select in tree.find_all(exp.Select):
        width = len(select.expressions)
        expanded = next((e for e in select.expressions if _struct_star(e)), None)
        if expanded is not None and (
            _ordinals(select.args.get("group")) or _ordinals(select.args.get("order"))
        ):
            # sqlglot counts ``STRUCT(...).*`` as one item: ORDER BY 2 would name another
            # column than BigQuery's (or fail in the qualifier)
            raise UnsupportedError(
                "GROUP BY / ORDER BY position with expression.* in the SELECT list",
                "positions are counted before the STRUCT's fields are expanded; name the column",
                line_of(expanded),
            )
        if any(
            isinstance(e, exp.Star) or (isinstance(e, exp.Column) and e.is_star)
            for e in select.expressions
        ):
            continue
        for clause, name in (
            (select.args.get("group"), "GROUP BY"),
            (select.args.get("order"), "ORDER BY"),
        ):
            for ordinal in _ordinals(clause):
                if not 1 <= int(ordinal.this) <= width:
                    raise UserError(
                        f"{name} is out of SELECT column number range: {ordinal.this}",
                        line=line_of(ordinal),
                        construct=name,
                    )
