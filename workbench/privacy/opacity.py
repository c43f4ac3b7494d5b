"""Identifiers are opaque: the few uses that never reveal their values, and nothing else.

An identifier (``site_id``, ``ip``... as declared in source.toml, and anything that passes
one on unchanged) may be counted (``COUNT(DISTINCT id)``, ``COUNT(id)``), tested with
``IS [NOT] NULL``, compared for equality with another identifier of the same kind in a
join or filter condition (``ON a.site_id = b.site_id``, ``USING``, ``IN (SELECT site_id …)``),
be a ``PARTITION BY`` or ``GROUP BY`` key, or be selected as is into a CTE or subquery
(which makes that column an identifier too). Every other use is refused, whatever it
seems to compute: a function argument (``TO_HEX``, ``SUBSTR``, ``CAST``...), a comparison
with a literal, ``LIKE``, ``ORDER BY`` (windows too), arithmetic, a CASE/IF condition. Deny
by default closes the implicit flows too: a value chosen under a condition on an
identifier needs such a condition first.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlglot import exp

from workbench.privacy.resolve import ROW_KIND, Resolver, unparen, written_name
from workbench.translate import line_of

_COUNTS = (exp.Count, exp.ApproxDistinct)
_GROUPING = (exp.Group, exp.Rollup, exp.Cube, exp.GroupingSets)
_CONDITIONS = (exp.Where, exp.Having, exp.Qualify)
_LOGIC = (exp.And, exp.Or, exp.Not, exp.Paren)


@dataclass(frozen=True)
class Use:
    line: int
    kind: str
    construct: str


def refused_uses(resolver: Resolver) -> list[Use]:
    """Every use of an identifier outside the allowed ones, once per (line, kind, construct)."""
    seen: dict[tuple[int, str, str], Use] = {}
    for node in resolver.tree.walk():
        if isinstance(node, exp.Column | exp.TableColumn | exp.Coalesce):
            scope = resolver.scope_of(node)
        elif isinstance(node, exp.Query) and resolver.expression_subquery(node):
            scope = resolver.by_node[id(node)]
        else:
            continue
        kind = resolver.kind(node, scope)
        if kind is None:
            continue
        parent = node.parent
        if isinstance(parent, exp.Coalesce) and resolver.kind(parent, scope) == kind:
            continue  # the USING key as a whole is what is used
        construct = _refusal(resolver, node, kind)
        if construct is None:
            continue
        line = line_of(node) or _line_above(node) or 1
        seen.setdefault((line, kind, construct), Use(line, kind, construct))
    return list(seen.values())


def _line_above(node: exp.Expression) -> int:
    current = node
    while current is not None:
        line = line_of(current)
        if line:
            return line
        current = current.parent
    return 0


def _refusal(resolver: Resolver, node: exp.Expression, kind: str) -> str | None:
    """None if this use of an identifier is allowed, else the construct that uses it."""
    child, parent = node, node.parent
    while isinstance(parent, exp.Paren) or (
        isinstance(parent, exp.Subquery) and isinstance(child, exp.Query)
    ):
        child, parent = parent, parent.parent
    if parent is None:
        return None  # the whole query: its output columns are checked by the lineage
    if isinstance(parent, exp.Alias):
        if isinstance(parent.parent, exp.Select) and parent in parent.parent.expressions:
            return None
        child, parent = parent, parent.parent
    if isinstance(parent, exp.Select):
        return None if child in parent.expressions else "a query clause"
    if isinstance(parent, _GROUPING) or (
        isinstance(parent, exp.Tuple) and isinstance(parent.parent, _GROUPING)
    ):
        return None
    if isinstance(parent, exp.Window):
        return None if child in (parent.args.get("partition_by") or []) else "a window"
    if isinstance(parent, exp.Ordered):
        in_window = parent.find_ancestor(exp.Window, exp.Select)
        return "ORDER BY of a window" if isinstance(in_window, exp.Window) else "ORDER BY"
    if kind == ROW_KIND:
        return _describe(parent, child)
    if _counted_branch(parent, child):
        return None
    if isinstance(parent, exp.Distinct) and isinstance(parent.parent, _COUNTS):
        return None
    if isinstance(parent, _COUNTS) and child is parent.this:
        return None
    if (
        isinstance(parent, exp.Is)
        and child is parent.this
        and isinstance(parent.expression, exp.Null)
    ):
        return None
    if isinstance(parent, exp.EQ | exp.NEQ | exp.NullSafeEQ):
        other = parent.right if child is parent.left else parent.left
        if resolver.kind(unparen(other), resolver.scope_of(other)) == kind and _in_condition(
            parent
        ):
            return None
        if isinstance(unparen(other), exp.Literal | exp.Null):
            return "a comparison with a literal"
        return "a comparison with a value that is not the same identifier"
    if isinstance(parent, exp.In):
        query = parent.args.get("query")
        if query is not None and _in_condition(parent):
            if child is parent.this and resolver.kind(query, resolver.scope_of(query)) == kind:
                return None
            if child is query and resolver.kind(parent.this, resolver.scope_of(parent)) == kind:
                return None
        return "IN"
    if isinstance(parent, exp.Exists):
        return None  # EXISTS says only whether a row exists
    return _describe(parent, child)


def _counted_branch(parent: exp.Expression, child: exp.Expression) -> bool:
    """``COUNT(DISTINCT IF(cond, id, NULL))``: the identifier is a branch value of a CASE/IF
    that is itself counted, so only a count of identifiers comes out."""
    branch = (isinstance(parent, exp.If) and child is not parent.this) or (
        isinstance(parent, exp.Case) and child is parent.args.get("default")
    )
    if not branch:
        return False
    node = parent
    while isinstance(node.parent, exp.Case | exp.If | exp.Paren):
        if isinstance(node.parent, exp.If) and node is node.parent.this:
            return False  # a condition, not a branch
        node = node.parent
    top = node.parent
    if isinstance(top, exp.Distinct):
        top = top.parent
    return isinstance(top, _COUNTS)


def _in_condition(node: exp.Expression) -> bool:
    """Whether ``node`` is (part of AND/OR/NOT of) a WHERE, HAVING, QUALIFY or JOIN ON, or
    the condition COUNTIF counts (``COUNTIF(site_id IN (SELECT site_id ...))``)."""
    child, parent = node, node.parent
    while isinstance(parent, _LOGIC):
        child, parent = parent, parent.parent
    if isinstance(parent, _CONDITIONS):
        return True
    if isinstance(parent, exp.CountIf) and child is parent.this:
        return True
    return isinstance(parent, exp.Join) and child is parent.args.get("on")


def _describe(parent: exp.Expression, child: exp.Expression) -> str:
    """The construct a refused use stands in, as a user would name it."""
    if isinstance(parent, exp.Case | exp.If):
        return "the condition of a CASE/IF" if _is_condition(parent, child) else "a CASE/IF value"
    if isinstance(parent, exp.Cast | exp.TryCast):
        return "CAST"
    if isinstance(parent, exp.Like | exp.ILike):
        return "LIKE"
    if isinstance(parent, exp.Between):
        return "BETWEEN"
    if isinstance(parent, exp.GT | exp.GTE | exp.LT | exp.LTE):
        return "an ordering comparison (<, >)"
    if isinstance(parent, exp.NullSafeEQ | exp.NullSafeNEQ):
        return "IS [NOT] DISTINCT FROM"
    if isinstance(parent, exp.Binary) and not isinstance(parent, exp.Connector):
        return f"the operator {type(parent).__name__.upper()}"
    if isinstance(parent, exp.Bracket):
        return "a subscript"
    if isinstance(parent, exp.Dot):
        return "a field access"
    if isinstance(parent, exp.Unnest):
        return "UNNEST"
    if isinstance(parent, exp.Struct):
        return "STRUCT"
    if isinstance(parent, exp.Array):
        return "an ARRAY"
    if isinstance(parent, exp.Func):
        return written_name(parent)
    if isinstance(parent, exp.Distinct):
        return _describe(parent.parent, parent) if parent.parent is not None else "DISTINCT"
    if isinstance(parent, exp.Connector | exp.Not):
        return "a boolean expression"
    return type(parent).__name__.upper()


def _is_condition(parent: exp.Expression, child: exp.Expression) -> bool:
    # CASE x WHEN ...: x is compared; CASE WHEN c THEN ...: c sits in an If of "ifs".
    return child is parent.this
