"""Output columns of a star over a FROM item whose columns share a name.

``SELECT r.* FROM (SELECT x, x FROM ...) AS r``: BigQuery's result has two columns named
``x`` (query-syntax#select_list; GoogleSQL's reference evaluator gives ``x, x``). sqlglot's
qualifier leaves such a star unexpanded (and asserts on ``ORDER BY 1`` over it), and DuckDB
renames the second column of the subquery ``x_1`` on its way out, so the result's names
differed. Before the qualifier runs, the subquery's repeated names are made unique and the
star becomes its columns, each aliased with the name written. Only the outermost SELECT's
names are seen, so only its stars are expanded.
"""

from __future__ import annotations

from sqlglot import exp
from sqlglot.optimizer.scope import Scope, build_scope

from workbench.translate.context import Context, Translation

_SUFFIX = "__wb_dup"


def _star_source(proj: exp.Expression, select: exp.Select) -> str | None:
    """The FROM item a star reads: ``t`` of ``t.*``, the only item of a bare ``*``."""
    if isinstance(proj, exp.Column) and isinstance(proj.this, exp.Star):
        star = proj.this
        name = proj.table
    elif isinstance(proj, exp.Star):
        star = proj
        if select.args.get("joins"):
            return None
        from_ = select.args.get("from_")
        item = from_.this if from_ is not None else None
        name = item.alias_or_name if item is not None else ""
    else:
        return None
    if star.args.get("except_") or star.args.get("replace") or star.args.get("rename"):
        return None
    return name or None


def _unique(inner: exp.Select) -> list[tuple[str, str]] | None:
    """(name written, name made unique) for each column of ``inner`` if two share a name."""
    names = [p.alias_or_name for p in inner.expressions]
    if any(isinstance(p, exp.Star) or isinstance(p.this, exp.Star) for p in inner.expressions):
        return None
    if not all(names):  # an unnamed column: the qualifier names it, nothing repeats a name
        return None
    lowered = [n.lower() for n in names]
    if len(set(lowered)) == len(lowered):
        return None
    taken = set(lowered)
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for name, proj in zip(names, list(inner.expressions), strict=True):
        unique = name
        if name.lower() in seen:
            i = 1
            while f"{name}{_SUFFIX}{i}".lower() in taken:
                i += 1
            unique = f"{name}{_SUFFIX}{i}"
            taken.add(unique.lower())
            body = proj.this if isinstance(proj, exp.Alias) else proj
            proj.replace(exp.Alias(this=body.copy(), alias=exp.to_identifier(unique)))
        seen.add(name.lower())
        out.append((name, unique))
    return out


def _first_select(query: exp.Expression) -> exp.Select | None:
    """The SELECT that names a query's columns: itself, or a set operation's first branch
    (columns by position; one matched by name is left alone)."""
    while isinstance(query, exp.SetOperation | exp.Subquery):
        if isinstance(query, exp.SetOperation) and (
            query.args.get("by_name") or query.args.get("on") or query.args.get("side")
        ):
            return None
        query = query.this
    return query if isinstance(query, exp.Select) else None


def duplicate_star_names(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """A star of the outermost SELECT over a FROM item with repeated column names keeps them."""
    select = tree
    if not isinstance(select, exp.Select) or not any(
        isinstance(p, exp.Star) or isinstance(p.this, exp.Star) for p in select.expressions
    ):
        return False
    from_ = select.args.get("from_")
    item = from_.this if from_ is not None else None
    if isinstance(item, exp.Subquery) and not item.alias and not select.args.get("joins"):
        inner = _first_select(item.this)
        names = [p.alias_or_name.lower() for p in inner.expressions] if inner else []
        if len(set(names)) < len(names):  # a name for the star to read its columns by
            item.set("alias", exp.TableAlias(this=exp.to_identifier("_wb_star0")))
    scope = build_scope(select)
    if scope is None:
        return False
    changed = False
    projections: list[exp.Expression] = []
    for proj in select.expressions:
        name = _star_source(proj, select)
        source = scope.sources.get(name) if name else None
        inner = _first_select(source.expression) if isinstance(source, Scope) else None
        columns = _unique(inner) if inner is not None else None
        if columns is None:
            projections.append(proj)
            continue
        for written, unique in columns:
            column = exp.column(unique, table=name)
            projections.append(exp.Alias(this=column, alias=exp.to_identifier(written)))
        changed = True
    if changed:
        select.set("expressions", projections)
    return changed
