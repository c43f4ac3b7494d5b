"""Whether an expression reads a private value: the footing of the side-channel rules.

A private value is a field that is neither public, a report time, nor an identifier (whose
uses the opacity rules keep to counts). An expression evaluated only under a private
condition reads one too: whether it runs is the data's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlglot import exp

from workbench.privacy.resolve import fields

if TYPE_CHECKING:
    from workbench.privacy.resolve import Resolver


def reads_private(
    node: exp.Expression, resolver: Resolver, known: set[str], deciders: set[str] | None = None
) -> bool:
    """Whether any column of ``node`` (its subqueries' filters too) comes from a field that
    is neither public, a report time, nor an identifier (whose uses the opacity rules keep
    to counts), or from a field the resolver cannot follow; or whether ``node`` is evaluated
    only under a private condition (``IF(environment_count = 568, 1 / 0, 1)``: constant
    arguments, but whether the call runs is the data's). ``deciders``: the fields such a
    condition may read without deciding anything (default ``known``)."""
    if guarded(node, resolver, known if deciders is None else deciders):
        return True
    return columns_private(node, resolver, known)


def guarded(node: exp.Expression, resolver: Resolver, known: set[str]) -> bool:
    """A branch of IF / CASE, a later argument of COALESCE, or the right side of AND / OR,
    whose choice reads a private value."""
    child, parent = node, node.parent
    while parent is not None and not isinstance(parent, exp.Query):
        deciders: list[exp.Expression] = []
        if isinstance(parent, exp.If) and child.arg_key in ("true", "false"):
            deciders = [parent.this]
        elif isinstance(parent, exp.Case) and child.arg_key == "default":
            deciders = [i.this for i in parent.args.get("ifs") or []]
        elif (isinstance(parent, exp.Coalesce) and child.arg_key == "expressions") or (
            isinstance(parent, exp.Connector) and child.arg_key == "expression"
        ):
            deciders = [parent.this]
        if isinstance(parent, exp.Case) and parent.this is not None and child is not parent.this:
            deciders.append(parent.this)
        if any(columns_private(d, resolver, known) for d in deciders):
            return True
        child, parent = parent, parent.parent
    return False


def columns_private(node: exp.Expression, resolver: Resolver, known: set[str]) -> bool:
    for column in node.walk():
        if not isinstance(column, exp.Column | exp.Dot) or isinstance(column.parent, exp.Dot):
            continue  # the whole path (m.slug, a Dot over column m) is expanded, not its parts
        if isinstance(column.this, exp.Star):
            continue
        expanded = resolver.expand(column, resolver.scope_of(column))
        for path, _ in fields(expanded):
            if path.startswith("?") or path.lower() not in known:
                return True
    return False
