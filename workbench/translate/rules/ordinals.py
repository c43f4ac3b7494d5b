"""GROUP BY / ORDER BY ordinals past the SELECT list: BigQuery's error, with its line.

``GROUP BY 3`` over two columns is BigQuery's "GROUP BY is out of SELECT column number range:
3" (query-syntax#group_by_clause: an ordinal names a SELECT-list item); sqlglot's qualifier
said "Unknown output column: 3" without a line. Checked on the tree before qualification, for
lists without ``*`` (whose width is known only once the star is expanded).
"""

from __future__ import annotations

from sqlglot import exp

from wbcore.errors import UserError
from workbench.translate.context import line_of


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
