"""The shared footing of the output-group rules (``groups``, ``cells``, ``filters``).

``Facts`` holds what each rule asks of the query and its source: the resolver, the scopes'
grain, k, the entity, and which fields are public, per-report or identifiers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlglot import exp

if TYPE_CHECKING:
    from sqlglot.optimizer.scope import Scope

    from workbench.privacy.lineage import Lineage
    from workbench.privacy.resolve import Resolver

COUNTS = (exp.Count, exp.CountIf, exp.ApproxDistinct)


@dataclass(frozen=True)
class Finding:
    """One thing a check found, at a line of the query (never a data value)."""

    line: int
    rule: str
    message: str
    severity: str = "error"  # "error", "warning" or "info"


class Facts:
    """What every output-group rule knows about the query and its source."""

    def __init__(self, resolver: Resolver, lineage: Lineage) -> None:
        self.r = resolver
        self.lineage = lineage
        source = resolver.source
        self.k = source.k_anonymity
        self.entity = (source.entity or "").lower()
        self.public = {p.lower() for p in source.public_dimensions}
        self.per_report = {p.lower() for p in source.per_report}
        self.identifiers = resolver.identifiers
        self.types = {path.lower(): f for path, f in source.schema.walk()}

    def _derived_sources(self, scope: Scope) -> list[Scope]:
        out = []
        for name in scope.selected_sources:
            src = scope.sources.get(name)
            if derived(src):
                out.append(src)
        return out


def output_cells(select: exp.Expression) -> list[exp.Expression]:
    """What a SELECT shows of its groups: its columns, and its ORDER BY, whose order of the rows
    (``ORDER BY MAX(users) DESC LIMIT 1``: the release of the largest system) is output too."""
    cells = list(select.expressions)
    order = select.args.get("order")
    if order is not None:
        cells.extend(o.this if isinstance(o, exp.Ordered) else o for o in order.expressions)
    return cells


def derived(src) -> bool:
    """A CTE, subquery or set operation source (not a table, not UNNEST)."""
    return (
        src is not None and not isinstance(src, exp.Table) and isinstance(src.expression, exp.Query)
    )


def short(node: exp.Expression) -> str:
    """The query text of a node, shortened for a message (query text only, never data)."""
    bare = node.copy()
    for column in bare.find_all(exp.Column):
        column.set("table", None)  # the qualifier qualification added (`_0.`), not the user
    text = bare.sql(dialect="bigquery")
    return text if len(text) <= 60 else text[:57] + "..."
