"""Where each column of a qualified query comes from: the source table's fields, through scopes.

The privacy rules ask two questions of any expression, wherever it stands in a query:
is it an identifier (a bare pass-through of ``site_id``, however many CTEs, aliases and set
operations away: its *kind* is the identifier column's name), and which of the source's
fields does its value come from (``expand``: the expression rewritten over the base fields,
``modules.slug`` for ``m.slug`` of ``UNNEST(t.modules) AS m``). Works on a tree qualified
with the source schema, where every column names the scope source it reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlglot import exp
from sqlglot.optimizer.scope import ScopeType, build_scope

from workbench.translate.rules._sql import written_name as call_name

if TYPE_CHECKING:
    from sqlglot.optimizer.scope import Scope

    from fakedata.source import Source

ROW_KIND = "a whole row"  # the kind of a table or row used as a value: it holds identifiers
MAX_DEPTH = 200  # definitions followed before giving up (recursive CTEs)


def condition_roots(select: exp.Select) -> list[exp.Expression]:
    """The conditions a SELECT narrows its rows by: WHERE, HAVING, QUALIFY and each JOIN ON."""
    roots = [select.args.get(k) for k in ("where", "having", "qualify")]
    out = [r.this for r in roots if r is not None]
    out.extend(j.args["on"] for j in select.args.get("joins") or [] if j.args.get("on"))
    return out


def unparen(node: exp.Expression) -> exp.Expression:
    while isinstance(node, exp.Paren):
        node = node.this
    return node


def base(path: str) -> exp.Column:
    """A leaf of an expanded expression: the source field ``path`` (``modules.slug``)."""
    column = exp.column(path)
    column.meta["field"] = path
    return column


def field_of(node: exp.Expression) -> str | None:
    return node.meta.get("field") if isinstance(node, exp.Column) else None


class Resolver:
    """Scopes of one qualified query and what their columns resolve to."""

    def __init__(self, tree: exp.Expression, source: Source) -> None:
        self.tree = tree
        self.source = source
        self.identifiers = {c.lower() for c in source.identifiers}
        self.root = build_scope(tree)
        self.scopes: list[Scope] = list(self.root.traverse()) if self.root else []
        self.by_node: dict[int, Scope] = {id(s.expression): s for s in self.scopes}
        self._kinds: dict[tuple[int, str], str | None] = {}

    # -- scopes ---------------------------------------------------------------------------

    def scope_of(self, node: exp.Expression) -> Scope | None:
        """The scope whose expression ``node`` is part of (its nearest query ancestor)."""
        # A query's own scope is not where it stands; any other node's nearest scope is.
        current = node.parent if isinstance(node, exp.Query) else node
        while current is not None:
            scope = self.by_node.get(id(current))
            if scope is not None:
                return scope
            current = current.parent
        return self.root

    @staticmethod
    def find_source(scope: Scope | None, name: str):
        """A scope source by name, looking outward (correlated references)."""
        while scope is not None:
            if name in scope.sources:
                return scope.sources[name]
            scope = scope.parent
        return None

    def is_source_table(self, src) -> bool:
        return isinstance(src, exp.Table) and src.name == self.source.table

    def expression_subquery(self, node: exp.Expression) -> Scope | None:
        """The scope of a subquery used as a value (IN, EXISTS, ARRAY, scalar), else None."""
        scope = self.by_node.get(id(node))
        if scope is not None and scope.scope_type == ScopeType.SUBQUERY:
            return scope
        return None

    # -- identifier kinds -----------------------------------------------------------------

    def kind(self, node: exp.Expression, scope: Scope | None) -> str | None:
        """The identifier column whose value ``node`` passes on unchanged, or None."""
        node = unparen(node)
        if isinstance(node, exp.Coalesce):  # qualification's form of a USING key
            kinds = {self.kind(a, scope) for a in [node.this, *node.expressions]}
            return kinds.pop() if len(kinds) == 1 else None
        if isinstance(node, exp.Subquery):
            node = node.this
        if isinstance(node, exp.Query):
            inner = self.by_node.get(id(node))
            return self.output_kind(inner, 0) if inner is not None else None
        if isinstance(node, exp.TableColumn):  # a table used as a value: its whole row
            src = self.find_source(scope, node.name)
            return ROW_KIND if src is not None and self.row_has_identifiers(src) else None
        if not isinstance(node, exp.Column):
            return None
        if isinstance(node.this, exp.Star):
            src = self.find_source(scope, node.table) if node.table else None
            return ROW_KIND if src is None or self.row_has_identifiers(src) else None
        if not node.table:  # a select alias, or a table or UNNEST alias used as a value
            alias = self.select_alias(node, scope)
            if alias is not None:
                return self.kind(alias, scope)
            src = self.find_source(scope, node.name)
            return ROW_KIND if src is not None and self.row_has_identifiers(src) else None
        src = self.find_source(scope, node.table)
        if isinstance(src, exp.Table):
            name = node.name.lower()
            return name if name in self.identifiers and self.is_source_table(src) else None
        if src is None:
            return None
        return self.output_kind(src, node.name)

    @staticmethod
    def select_alias(node: exp.Column, scope: Scope | None) -> exp.Expression | None:
        """What an unqualified name in ORDER BY / HAVING / QUALIFY of a SELECT means when it is
        one of the SELECT's own aliases (``ORDER BY runs`` for ``SUM(runs) AS runs``)."""
        select = scope.expression if scope is not None else None
        if not isinstance(select, exp.Select) or node.table:
            return None
        for proj in select.expressions:
            if proj is node or node in list(proj.walk()):
                return None
            if isinstance(proj, exp.Alias) and proj.alias.lower() == node.name.lower():
                return proj.this
        return None

    def output_kind(self, scope: Scope | None, name: str | int) -> str | None:
        """Kind of output column ``name`` (or position) of a scope."""
        if scope is None:
            return None
        key = (id(scope), str(name))
        if key in self._kinds:
            return self._kinds[key]
        self._kinds[key] = None  # recursive CTEs: nothing known yet
        self._kinds[key] = self._output_kind(scope, name)
        return self._kinds[key]

    def _output_kind(self, scope: Scope, name: str | int) -> str | None:
        node = scope.expression
        if isinstance(node, exp.SetOperation):
            for branch in scope.set_operation_scopes:
                found = self.output_kind(branch, name)
                if found:
                    return found
            return None
        if isinstance(node, exp.Select):
            for i, proj in enumerate(node.expressions):
                if (isinstance(name, int) and i == name) or (
                    isinstance(name, str) and proj.alias_or_name.lower() == name.lower()
                ):
                    return self.kind(proj.unalias(), scope)
            if isinstance(name, str) and not name:
                return ROW_KIND if self.row_has_identifiers(scope) else None
        return None  # UNNEST: arrays are built from identifiers only by refused uses

    def row_has_identifiers(self, src) -> bool:
        if isinstance(src, exp.Table):
            return bool(self.identifiers) and self.is_source_table(src)
        node = src.expression
        if isinstance(node, exp.Select):
            return any(self.output_kind(src, i) for i in range(len(node.expressions)))
        if isinstance(node, exp.SetOperation):
            return any(self.row_has_identifiers(b) for b in src.set_operation_scopes)
        return False

    # -- expansion over the source's fields ------------------------------------------------

    def expand(self, node: exp.Expression, scope: Scope | None, depth: int = 0) -> exp.Expression:
        """A copy of ``node`` with every column replaced by its definition over base fields.

        Leaves are ``base(path)`` columns; a column that cannot be followed (a recursive CTE,
        an offset) becomes ``base("?name")``, which no rule treats as public.
        """
        if depth > MAX_DEPTH:
            return base("?")
        if isinstance(node, exp.Column) and not isinstance(node.this, exp.Star):
            return self._expand_column(node, scope, depth)
        if isinstance(node, exp.TableColumn):
            src = self.find_source(scope, node.name)
            return self._expand_source(src, "", depth) if src is not None else base("?")
        if isinstance(node, exp.Dot) and isinstance(node.expression, exp.Identifier):
            inner = self.expand(node.this, scope, depth + 1)
            path = field_of(inner)
            if path and not path.startswith("?"):
                return base(f"{path}.{node.expression.name.lower()}")
        if isinstance(node, exp.Query):
            inner = self.by_node.get(id(node))
            if inner is not None and isinstance(node, exp.Select) and node.expressions:
                return exp.Tuple(
                    expressions=[
                        self.expand(p.unalias(), inner, depth + 1) for p in node.expressions
                    ]
                )
            return base("?subquery")
        new = node.copy() if not list(node.iter_expressions()) else None
        if new is not None:
            return new
        clone = node.__class__(**{k: v for k, v in node.args.items() if not _is_node(v)})
        for key, value in node.args.items():
            if isinstance(value, exp.Expression):
                clone.set(key, self.expand(value, scope, depth + 1))
            elif isinstance(value, list) and any(isinstance(v, exp.Expression) for v in value):
                clone.set(
                    key,
                    [
                        self.expand(v, scope, depth + 1) if isinstance(v, exp.Expression) else v
                        for v in value
                    ],
                )
        return clone

    def _expand_column(self, node: exp.Column, scope: Scope | None, depth: int) -> exp.Expression:
        table, name = node.table, node.name
        if not table:  # a select alias, a whole source used as a value, or an UNNEST offset
            alias = self.select_alias(node, scope)
            if alias is not None:
                return self.expand(alias, scope, depth + 1)
            src = self.find_source(scope, name)
            return self._expand_source(src, "", depth) if src is not None else base(f"?{name}")
        src = self.find_source(scope, table)
        if src is None:
            return base(f"?{name}")
        if isinstance(src, exp.Table):
            return base(name.lower())
        return self._expand_output(src, name, depth)

    def _expand_source(self, src, name: str, depth: int) -> exp.Expression:
        if isinstance(src, exp.Table):
            return base("*")
        return self._expand_output(src, name, depth)

    def _expand_output(self, scope: Scope, name: str, depth: int) -> exp.Expression:
        node = scope.expression
        if isinstance(node, exp.SetOperation):
            return exp.Tuple(
                expressions=[
                    self._expand_output(b, name, depth + 1) for b in scope.set_operation_scopes
                ]
            )
        if isinstance(node, exp.Select):
            for proj in node.expressions:
                if name and proj.alias_or_name.lower() == name.lower():
                    return self.expand(proj.unalias(), scope, depth + 1)
            return exp.Tuple(
                expressions=[self.expand(p.unalias(), scope, depth + 1) for p in node.expressions]
            )
        if isinstance(node, exp.Unnest):
            return self._expand_unnest(node, scope, name, depth)
        return base(f"?{name}")

    def _expand_unnest(
        self, node: exp.Unnest, scope: Scope, name: str, depth: int
    ) -> exp.Expression:
        """An UNNEST's columns: the element (its fields by path) or the offset."""
        offset = node.args.get("offset")
        if isinstance(offset, exp.Expression) and offset.name.lower() == name.lower():
            return base("?offset")
        arrays = [self.expand(a, scope.parent or scope, depth + 1) for a in node.expressions]
        if len(arrays) == 1 and field_of(arrays[0]) and not field_of(arrays[0]).startswith("?"):
            return base(field_of(arrays[0]))
        return exp.Anonymous(this="UNNEST_ELEMENT", expressions=arrays)


def written_name(node: exp.Expression) -> str:
    """A function's name as the user wrote it in BigQuery (TO_HEX, not sqlglot's LOWER_HEX);
    "" for anything that is not a call (a path label skips it)."""
    return call_name(node) if isinstance(node, exp.Func) else ""


def _is_node(value) -> bool:
    return isinstance(value, exp.Expression) or (
        isinstance(value, list) and any(isinstance(v, exp.Expression) for v in value)
    )


def fields(node: exp.Expression) -> list[tuple[str, exp.Expression]]:
    """(path, leaf) of every base field an expanded expression reads."""
    return [(field_of(n), n) for n in node.walk() if field_of(n)]
