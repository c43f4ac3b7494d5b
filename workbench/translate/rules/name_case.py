"""Output column and STRUCT field names keep the case they are written in (query oracle).

BigQuery resolves names case-insensitively but returns them as written: ``SELECT 1 AS Ab``
is a column ``Ab``, ``STRUCT(1 AS Cd)`` a field ``Cd`` (GoogleSQL's reference evaluator,
zetasql 0.1.5; lexical#case_sensitivity: column names are case-insensitive, and the result
schema shows the alias given). sqlglot's qualifier lowercases every identifier, so results
offline had ``ab`` and ``cd``: a notebook's ``df["Ab"]`` failed. The spellings are recorded
before qualification and put back, quoted, once every rewrite has run (DuckDB resolves
columns and struct fields case-insensitively too, so nothing that reads them changes).
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation
from workbench.translate.rules._sql import nodes

WRITTEN = "written_names"  # tree.meta: lowercase name → its first spelling with capitals
POSITIONS = "written_outputs"  # tree.meta: the top-level SELECTs' names, by position


def _tops(tree: exp.Expression) -> list[exp.Select]:
    """The SELECTs whose names a user sees: the statement, or the left branch of a set op."""
    node = tree
    while isinstance(node, exp.SetOperation | exp.Subquery):
        node = node.this
    return [node] if isinstance(node, exp.Select) else []


def _written(projection: exp.Expression) -> str | None:
    if isinstance(projection, exp.Alias):
        return projection.alias
    if isinstance(projection, exp.Column) and isinstance(projection.this, exp.Identifier):
        return projection.name
    if isinstance(projection, exp.Dot) and isinstance(projection.expression, exp.Identifier):
        return projection.expression.name
    return None


def record_written_names(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Before qualification: every identifier's spelling, and the outputs' names in order."""
    spellings: dict[str, str] = {}
    for ident in nodes(tree, exp.Identifier, bfs=False):
        name = ident.name
        if isinstance(ident.parent, exp.Table | exp.TableAlias):
            continue  # a table's or range variable's name never names a column (WITH D ... d)
        if name != name.lower():
            spellings.setdefault(name.lower(), name)
    tree.meta[WRITTEN] = spellings
    tops = _tops(tree)
    if tops and not any(isinstance(p, exp.Star) or _star(p) for p in tops[0].expressions):
        tree.meta[POSITIONS] = [_written(p) for p in tops[0].expressions]
    return False  # records only: the tree is unchanged


def _star(projection: exp.Expression) -> bool:
    return isinstance(projection, exp.Column) and isinstance(projection.this, exp.Star)


def _spelled(ident: exp.Identifier, spelling: str | None) -> bool:
    if spelling is None or spelling == ident.name or spelling.lower() != ident.name.lower():
        return False
    ident.set("this", spelling)
    ident.set("quoted", True)
    return True


def written_name_case(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """After the rewrites: output aliases and STRUCT field names as they were written."""
    spellings: dict[str, str] = tree.meta.get(WRITTEN) or {}
    positions: list[str | None] | None = tree.meta.get(POSITIONS)
    if not spellings:
        return False
    changed = False
    for select in _tops(tree):
        projections = select.expressions
        for i, projection in enumerate(projections):
            if not isinstance(projection, exp.Alias):
                continue
            ident = projection.args.get("alias")
            if not isinstance(ident, exp.Identifier):
                continue
            written = positions[i] if positions and len(positions) == len(projections) else None
            changed |= _spelled(ident, written or spellings.get(ident.name.lower()))
    for field in nodes(tree, exp.PropertyEQ):
        if isinstance(field.this, exp.Identifier):
            changed |= _spelled(field.this, spellings.get(field.this.name.lower()))
    for select in nodes(tree, exp.Select):  # SELECT AS STRUCT 1 AS Ab: a field Ab
        if select.args.get("kind") != "STRUCT":
            continue
        for projection in select.expressions:
            ident = projection.args.get("alias") if isinstance(projection, exp.Alias) else None
            if isinstance(ident, exp.Identifier):
                changed |= _spelled(ident, spellings.get(ident.name.lower()))
    return changed
