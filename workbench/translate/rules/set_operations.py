"""Set operations that match columns by name (``CORRESPONDING``).

``q1 UNION ALL CORRESPONDING q2`` pairs the columns of the two queries by name, in the
first query's order (query-syntax#corresponding). sqlglot reads it as DuckDB's ``BY NAME``
with a join kind and wrote ``INNER UNION ALL BY NAME``, a raw DuckDB parser error (query
oracle). When both sides have the same column names (any order, names compared as BigQuery
does, case-insensitively), every mode (INNER, FULL, LEFT) keeps all of them: the second
query is read through a projection in the first query's order and the operation becomes a
positional one, for UNION, INTERSECT and EXCEPT alike. Plain CORRESPONDING (INNER) over
different names keeps the columns both have, so both sides are projected to those.
FULL/LEFT over different names (NULL-filled columns), ``BY NAME`` over different names,
``CORRESPONDING BY (...)`` and duplicate names are refused. The rule runs before the
qualifier, which would otherwise expand a ``*`` over the operation in sqlglot's BY NAME
order; a ``*`` inside an operand (names not written) is refused.
https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#corresponding
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation, UnsupportedError, line_of
from workbench.translate.rules._sql import nodes


def _names(query: exp.Expression) -> list[str] | None:
    """The output column names of a query operand (its first SELECT's), or None if unknown."""
    while isinstance(query, exp.Subquery | exp.Paren):
        query = query.this
    while isinstance(query, exp.SetOperation):
        query = query.this
        while isinstance(query, exp.Subquery | exp.Paren):
            query = query.this
    if not isinstance(query, exp.Select):
        return None
    names = [e.alias_or_name for e in query.expressions]
    starred = any(e.find(exp.Star) is not None and not e.alias for e in query.expressions)
    if starred or not all(names):
        return None
    return names


def _projection(query: exp.Expression, names: list[str]) -> exp.Expression:
    """``SELECT names FROM (query)``: a query's columns picked by name, in this order."""
    alias = exp.TableAlias(this=exp.to_identifier("_wb_corresponding"))
    columns = [
        exp.column(exp.to_identifier(n), table=exp.to_identifier("_wb_corresponding"))
        for n in names
    ]
    return exp.select(*columns).from_(exp.Subquery(this=query.copy(), alias=alias))


def corresponding(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """``CORRESPONDING`` over two queries with the same column names: the second reordered."""
    changed = False
    for node in nodes(tree, exp.SetOperation):
        if not node.args.get("by_name"):
            continue
        left, right = _names(node.this), _names(node.expression)
        what = f"{node.key.upper()} ... CORRESPONDING"
        if node.args.get("on"):
            raise UnsupportedError(
                f"{what} BY (...)", "only CORRESPONDING without a column list", line_of(node)
            )
        folded = [n.lower() for n in left or []]
        if left is None or right is None or len(set(folded)) != len(folded):
            raise UnsupportedError(
                what, "the column names of both queries must be known and distinct", line_of(node)
            )
        others = {n.lower(): n for n in right}
        if len(others) != len(right):
            raise UnsupportedError(what, "the second query repeats a column name", line_of(node))
        same = sorted(folded) == sorted(others)
        # CORRESPONDING (sqlglot's kind INNER) keeps the columns both queries have
        inner = str(node.args.get("kind") or "").upper() == "INNER" and not node.args.get("side")
        if not same and not inner:
            raise UnsupportedError(
                what,
                "FULL/LEFT CORRESPONDING and BY NAME over different column names are not "
                "matched offline; select the same columns on both sides",
                line_of(node),
            )
        common = [n for n in left if n.lower() in others]
        if not common:
            raise UnsupportedError(what, "the two queries share no column name", line_of(node))
        if len(common) != len(left):
            node.set("this", _projection(node.this, common))
        node.set("expression", _projection(node.expression, [others[n.lower()] for n in common]))
        for key in ("by_name", "kind", "side"):
            node.set(key, None)
        changed = True
    return changed
