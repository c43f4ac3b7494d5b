"""Complement sizes: a read narrowed by a private value beside another read of the table.

``COUNT(DISTINCT site_id)`` of the week beside the same count ``WHERE environment_count <
950`` publishes two large counts whose difference is the sites at or above 950: a group the
query never shows, but whose size anyone can take (one site, and that it has 950 or more).
Each output group may pass the small-group rule while this complement does not, so the rule
is applied to it too: for each read that narrows the table's rows by a private value while
the query reads the table again, the rows the narrowing leaves out (per group of that read)
must be backed by no entity or by at least k, counted like any group (on the fake data
offline, on the table in production). A share over a large complement (the systems with more
than one domain, beside all systems) stays allowed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlglot import exp

from workbench.privacy.facts import short
from workbench.privacy.filters import Filters, _conjuncts
from workbench.translate import line_of

if TYPE_CHECKING:
    from sqlglot.optimizer.scope import Scope

    from fakedata.source import Source
    from workbench.engines.base import Engine


@dataclass(frozen=True)
class Complement:
    """The query counting, per group of a narrowed read, the entities its narrowing drops."""

    query: exp.Select
    condition: str  # the narrowing, as query text
    line: int


class Complements(Filters):
    def complements(self) -> list[Complement]:
        reads = [t for t in self.r.tree.find_all(exp.Table) if self.r.is_source_table(t)]
        if len(reads) < 2 or not self.entity:
            return []
        found = []
        for scope in self.r.scopes:
            complement = self._complement(scope)
            if complement is not None:
                found.append(complement)
        return found

    def _complement(self, scope: Scope) -> Complement | None:
        select = scope.expression
        where = select.args.get("where") if isinstance(select, exp.Select) else None
        if where is None or scope.external_columns:
            return None  # unfiltered, or correlated with an outer row (not standalone)
        tables = [
            s for s in (scope.sources.get(n) for n in scope.selected_sources) if self._table(s)
        ]
        others = [
            s
            for s in (scope.sources.get(n) for n in scope.selected_sources)
            if not self._table(s) and not isinstance(getattr(s, "expression", None), exp.Unnest)
        ]
        if len(tables) != 1 or others:
            return None  # the table with its UNNESTs only: a read the complement can repeat
        private, public = [], []
        for leaf in _conjuncts(where.this):
            if leaf.find(exp.Query):
                return None
            (private if self._private_paths(leaf, scope) else public).append(leaf)
        if not private:
            return None
        group = select.args.get("group")
        keys = list(group.expressions) if group is not None else []
        if any(k.find(exp.AggFunc, exp.Window) for k in keys) or (
            group is not None and any(group.args.get(a) for a in ("rollup", "cube", "all"))
        ):
            return None
        alias = tables[0].alias_or_name
        narrowing = exp.and_(*[p.copy() for p in private])
        left_out = exp.Not(this=exp.Coalesce(this=exp.paren(narrowing), expressions=[exp.false()]))
        count = exp.Count(
            this=exp.Distinct(expressions=[exp.column(self.entity, table=alias, quoted=True)])
        )
        inner = exp.select(exp.alias_(count, "n")).from_(select.args["from_"].copy())
        for join in select.args.get("joins") or []:
            inner = inner.join(join.copy())
        inner = inner.where(exp.and_(*[p.copy() for p in public], left_out))
        if keys:
            inner = inner.group_by(*[k.copy() for k in keys])
        small = exp.and_(exp.column("n") > 0, exp.column("n") < self.k)
        query = exp.select(
            exp.alias_(exp.func("COUNTIF", small), "small"),
            exp.alias_(
                exp.func(
                    "IFNULL",
                    exp.Min(this=exp.If(this=small, true=exp.column("n"))),
                    exp.Literal.number(0),
                ),
                "smallest",
            ),
        ).from_(exp.Subquery(this=inner, alias=exp.TableAlias(this=exp.to_identifier("c"))))
        return Complement(query, short(narrowing), line_of(private[0]) or line_of(select) or 1)

    def _table(self, src) -> bool:
        return isinstance(src, exp.Table) and self.r.is_source_table(src)


def complement_problems(
    engine: Engine,
    complements: list[Complement],
    source: Source,
    where: str,
    params: dict[str, Any] | None = None,
) -> list[tuple[int, str]]:
    """(line, message) for each complement backed by 1 to k-1 entities in some group."""
    problems = []
    table = None if engine.offline else source.production_table
    for c in complements:
        query = c.query.copy()
        if table:
            for t in query.find_all(exp.Table):
                if t.name == source.table and not t.args.get("db"):
                    new = exp.to_table(f"`{table}`", dialect="bigquery")
                    new.set("alias", exp.TableAlias(this=exp.to_identifier(t.alias_or_name)))
                    t.replace(new)
        result = engine.run(query.sql(dialect="bigquery"), params, where=where)
        small, smallest = (result.column(i)[0].as_py() or 0 for i in range(2))
        if small:
            problems.append(
                (
                    c.line,
                    f"the rows the filter {c.condition} leaves out are backed by fewer than "
                    f"k={source.k_anonymity} distinct {source.entity} in {small} of its groups "
                    f"(fewest: {smallest}), and the query reads the table again without it: "
                    "the difference of the two aggregates is those few entities; make the "
                    f"condition a group key with HAVING COUNT(DISTINCT {source.entity}) >= "
                    f"{source.k_anonymity}, or drop the other read",
                )
            )
    return problems
