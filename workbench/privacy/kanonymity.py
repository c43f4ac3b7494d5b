"""How many distinct entities (sites) stand behind each output row, counted so it cannot be diluted.

A group counted from one or two sites describes those sites, even with no identifier in
it. The query is rewritten on its qualified syntax tree so that every row carries, for each
reference to the source table on its FROM path, the entities it was made from (an array:
``[t.site_id]`` at the table, ``ARRAY_CONCAT_AGG`` of those in an aggregation, passed
through joins, subqueries and set operations). Each output row is then backed by the
*fewest* entities of any of its paths: cross-joining the list of all sites adds a path of
300 sites but leaves the query's own path as small as it is. Rows with a NULL entity count
as unknown. The checker's columns get a random name per run, so a query cannot name or
shadow them, and only counts come back: never a group, never an entity.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlglot import exp
from sqlglot.optimizer.scope import build_scope

from workbench.privacy.lineage import aggregates, window_aggregation

if TYPE_CHECKING:
    from sqlglot.optimizer.scope import Scope

    from fakedata.source import Source
    from workbench.engines.base import Engine

_NONE = 1 << 62  # "no path": larger than any count


@dataclass(frozen=True)
class KResult:
    groups: int  # output rows
    small: int  # rows backed by 1 to k-1 entities
    smallest: int  # fewest entities behind one such row (0 when none is small)
    unknown: int = 0  # rows some of whose rows have a NULL entity
    empty: int = 0  # rows backed by no entity at all (an aggregate over no rows)


class NotMeasurable(Exception):
    """The entities cannot be carried to the output through this construct."""

    def __init__(self, construct: str) -> None:
        super().__init__(construct)
        self.construct = construct


def k_query(tree: exp.Expression, source: Source, table: str | None = None) -> exp.Expression:
    """The query counting, over the output rows of the qualified ``tree``, how many are backed
    by fewer than k entities. One row: groups, small, smallest, unknown.

    ``table``: the name the source table has where the query runs (default: the local one).
    Raises NotMeasurable when the entity cannot be carried to the output.
    """
    if not source.entity:
        raise NotMeasurable("a source without an entity column")
    tree = tree.copy()
    root = build_scope(tree)
    if root is None:
        raise NotMeasurable("a query without scopes")
    carriers = _Carriers(source.table, source.entity)
    names = carriers.of(root)
    if not names:
        raise NotMeasurable("an output that does not come from the source table")
    carriers.number_entities()
    if table and table != source.table:
        for t in tree.find_all(exp.Table):
            if t.name == source.table and not t.args.get("db"):
                t.replace(_table(table, t.alias))
    with_ = tree.args.get("with_")  # the WITH clause moves to the counting query
    if with_ is not None:
        tree.set("with_", None)
    inner = exp.Subquery(this=tree, alias=exp.TableAlias(this=exp.to_identifier(carriers.alias)))
    per_row = exp.select(
        *[
            exp.alias_(
                exp.func("IFNULL", _count(exp.column(n, table=carriers.alias), False), _lit(_NONE)),
                f"k{i}",
            )
            for i, n in enumerate(names)
        ],
        *[
            exp.alias_(_count(exp.column(n, table=carriers.alias), True), f"u{i}")
            for i, n in enumerate(names)
        ],
    ).from_(inner)
    least = (
        exp.func("LEAST", *[exp.column(f"k{i}") for i in range(len(names))])
        if len(names) > 1
        else exp.column("k0")
    )
    unknown = exp.or_(*[exp.column(f"u{i}").neq(0) for i in range(len(names))])
    rows = exp.select(exp.alias_(least, "k"), exp.alias_(unknown, "u")).from_(
        exp.Subquery(this=per_row, alias=exp.TableAlias(this=exp.to_identifier("p")))
    )
    small = exp.and_(exp.column("k") < source.k_anonymity, exp.column("k") < _NONE)
    result = exp.select(
        exp.alias_(exp.Count(this=exp.Star()), "groups"),
        exp.alias_(exp.func("COUNTIF", small), "small"),
        exp.alias_(
            exp.func("IFNULL", exp.Min(this=exp.If(this=small, true=exp.column("k"))), _lit(0)),
            "smallest",
        ),
        exp.alias_(exp.func("COUNTIF", exp.column("u")), "unknown"),
        exp.alias_(exp.func("COUNTIF", exp.column("k") >= _NONE), "empty"),
    ).from_(exp.Subquery(this=rows, alias=exp.TableAlias(this=exp.to_identifier("r"))))
    if with_ is not None:
        result.set("with_", with_)
    return result


def measure(
    engine: Engine,
    tree: exp.Expression,
    source: Source,
    where: str,
    params: dict[str, Any] | None = None,
) -> KResult:
    """Run the entity-counting query (on the fake data, or on BigQuery's table)."""
    table = None if engine.offline else source.production_table
    query = k_query(tree, source, table)
    result = engine.run(query.sql(dialect="bigquery"), params, where=where)
    groups, small, smallest, unknown, empty = (result.column(i)[0].as_py() or 0 for i in range(5))
    return KResult(groups, small, smallest, unknown, empty)


def _lit(value: int) -> exp.Expression:
    return exp.Literal.number(value)


def _count(array: exp.Expression, nulls: bool) -> exp.Expression:
    """Distinct entities in a carrier array (or its NULL elements); NULL when it is NULL."""
    e = exp.column("e")
    value = (
        exp.func("COUNTIF", e.is_(exp.null()))
        if nulls
        else exp.Count(this=exp.Distinct(expressions=[e]))
    )
    sub = exp.select(value).from_(
        exp.Unnest(expressions=[array], alias=exp.TableAlias(columns=[exp.to_identifier("e")]))
    )
    return exp.If(
        this=array.is_(exp.null()),
        true=_lit(0) if nulls else exp.null(),
        false=exp.Subquery(this=sub),
    )


def _table(name: str, alias: str) -> exp.Table:
    table = exp.to_table(f"`{name}`", dialect="bigquery")
    if alias:
        table.set("alias", exp.TableAlias(this=exp.to_identifier(alias)))
    return table


class _Carriers:
    """Adds the entity carrier columns to every scope on the FROM path of the output."""

    def __init__(self, table: str, entity: str) -> None:
        self.table = table
        self.entity = entity
        nonce = secrets.token_hex(6)
        self.prefix = f"_wb{nonce}_e"
        self.alias = f"_wb{nonce}_q"
        self.number = f"_wb{nonce}_n"
        self._done: dict[int, list[str]] = {}
        self._tables: list[exp.Table] = []

    def of(self, scope: Scope) -> list[str]:
        """The carrier columns ``scope`` outputs (added on first call)."""
        key = id(scope)
        if key not in self._done:
            self._done[key] = []  # a recursive CTE sees nothing yet
            if scope.is_cte and _recursive(scope):
                raise NotMeasurable("a recursive WITH query")
            self._done[key] = self._add(scope)
        return self._done[key]

    def _name(self, i: int) -> str:
        return f"{self.prefix}{i}"

    def _add(self, scope: Scope) -> list[str]:
        node = scope.expression
        if isinstance(node, exp.SetOperation):
            branches = [self.of(b) for b in scope.set_operation_scopes]
            width = max(len(b) for b in branches)
            for b, names in zip(scope.set_operation_scopes, branches, strict=True):
                self._pad(b, len(names), width)
            return [self._name(i) for i in range(width)]
        if not isinstance(node, exp.Select):
            raise NotMeasurable(type(node).__name__)
        if node.args.get("kind"):  # SELECT AS STRUCT / AS VALUE: one value per row
            raise NotMeasurable(f"SELECT AS {node.args['kind'].upper()}")
        values: list[exp.Expression] = []
        for name in scope.selected_sources:
            src = scope.sources.get(name)
            if isinstance(src, exp.Table):
                if src.name == self.table:
                    self._tables.append(src)
                    values.append(exp.Array(expressions=[exp.column(self.number, table=name)]))
                continue
            if src is None or not isinstance(src.expression, exp.Query):
                continue  # UNNEST: its rows belong to the row they unnest
            values.extend(exp.column(c, table=name) for c in self.of(src))
        if aggregates(node):
            windowed = window_aggregation(node)
            if windowed is not None:
                # One row per partition: the same groups as GROUP BY the partition keys (the
                # window values themselves are never read by the count).
                for proj in node.expressions:
                    if isinstance(proj.unalias(), exp.Window):
                        proj.replace(exp.alias_(exp.Count(this=exp.Star()), proj.alias_or_name))
                node.set("distinct", None)
                if windowed:
                    node.group_by(*[k.copy() for k in windowed], copy=False)
            elif node.args.get("distinct") and not node.args.get("group"):
                node.set("distinct", None)
                node.group_by(*[p.unalias().copy() for p in node.expressions], copy=False)
            values = [exp.ArrayConcatAgg(this=v) for v in values]
        for i, value in enumerate(values):
            node.select(exp.alias_(value, self._name(i)), copy=False)
        return [self._name(i) for i in range(len(values))]

    def number_entities(self) -> None:
        """Read the source table through a subquery that numbers its entities (1, 2, ...):
        carriers then hold small integers, whatever the entity's type (a 64-byte digest)."""
        entity = exp.column(self.entity)
        rank = exp.Window(
            this=exp.Anonymous(this="DENSE_RANK"),
            order=exp.Order(expressions=[exp.Ordered(this=entity.copy())]),
        )
        numbered = exp.If(this=entity.copy().is_(exp.null()), true=exp.null(), false=rank)
        for table in self._tables:
            alias = table.alias_or_name
            inner = exp.select(exp.Star(), exp.alias_(numbered.copy(), self.number)).from_(
                exp.Table(this=exp.to_identifier(table.name))
            )
            table.replace(
                exp.Subquery(this=inner, alias=exp.TableAlias(this=exp.to_identifier(alias)))
            )

    def _pad(self, scope: Scope, have: int, width: int) -> None:
        """Give a set-operation branch NULL carriers up to ``width`` columns."""
        if have == width:
            return
        node = scope.expression
        if isinstance(node, exp.SetOperation):
            for b in scope.set_operation_scopes:
                self._pad(b, have, width)
            return
        typed = exp.DataType.build("ARRAY<INT64>", dialect="bigquery")
        for i in range(have, width):
            node.select(exp.alias_(exp.cast(exp.null(), typed), self._name(i)), copy=False)


def _recursive(scope: Scope) -> bool:
    with_ = scope.expression.find_ancestor(exp.With)
    return bool(with_ is not None and with_.args.get("recursive"))
