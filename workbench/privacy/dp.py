"""The gate and ``SELECT WITH DIFFERENTIAL_PRIVACY``: a guarantee by construction.

BigQuery bounds each privacy unit's contribution, adds calibrated noise and drops the groups
whose noisy unit count is below the threshold delta sets
(https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#dp_clause). A
query whose output *is* such a SELECT, whose privacy unit is the source's entity and whose
epsilon and delta are within the source's ``[differential_privacy]`` budget therefore meets
the small-group rules (k-anonymity, targeted filters) by construction: no measure on fake
data can add to that. The identifier rules still apply to what it selects and groups by.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlglot import exp

from workbench.privacy.facts import Finding
from workbench.translate.dp_syntax import DPClause, clause_of

if TYPE_CHECKING:
    from sqlglot.optimizer.scope import Scope

    from fakedata.source import Source
    from workbench.privacy.resolve import Resolver

RULE = "differential-privacy"
# the rules a covered DP query meets by construction
SMALL_GROUP_RULES = ("k-anonymity", "targeted-filter", "differencing")
DEFAULT_MAX_GROUPS = 1  # BigQuery's default max_groups_contributed


@dataclass
class Guarantee:
    """Whether the query's output is differentially private within the source's budget."""

    covered: bool = False
    findings: list[Finding] = field(default_factory=list)


def guarantee(tree: exp.Expression, source: Source) -> Guarantee:
    """The DP clauses of ``tree`` (parsed, not yet qualified) judged against ``source``."""
    clauses = [c for c in map(clause_of, tree.find_all(exp.Select)) if c is not None]
    if not clauses:
        return Guarantee()
    result = Guarantee()
    for clause in clauses:
        result.findings.extend(_judge(clause, source))
    root = tree.this if isinstance(tree, exp.Subquery) else tree
    outermost = isinstance(root, exp.Select) and clause_of(root) is not None
    errors = any(f.severity == "error" for f in result.findings)
    budget = source.differential_privacy
    if budget.max_epsilon is None or budget.max_delta is None:
        result.findings.append(
            Finding(
                clauses[0].line,
                RULE,
                "the source has no [differential_privacy] budget (max_epsilon, max_delta) in "
                "source.toml, so this DP query is held to the small-group rules like any other",
                "info",
            )
        )
        return result
    if not outermost:
        result.findings.append(
            Finding(
                clauses[0].line,
                RULE,
                "the WITH DIFFERENTIAL_PRIVACY select is not the query's output, so the "
                "small-group rules apply to the output as to any query",
                "info",
            )
        )
        return result
    if not errors:
        clause = clause_of(root)
        assert clause is not None
        result.covered = True
        result.findings.append(
            Finding(
                clause.line,
                RULE,
                f"differentially private (epsilon {clause.epsilon:g}, delta {clause.delta:g}, "
                f"privacy unit {source.entity}): the small-group rules "
                f"({', '.join(SMALL_GROUP_RULES)}) are met by construction",
                "info",
            )
        )
    return result


def _judge(clause: DPClause, source: Source) -> list[Finding]:
    """The privacy unit must be the entity; epsilon and delta within the budget."""
    found = []
    unit = clause.privacy_unit_column
    entity = source.entity
    if unit is None or entity is None or unit[-1].lower() != entity.lower():
        written = ".".join(unit) if unit else "none"
        found.append(
            Finding(
                clause.line,
                RULE,
                f"the privacy unit column ({written}) must be the source's entity "
                f"({entity or 'none set in source.toml'}): the guarantee is per privacy unit",
            )
        )
    if clause.groups_unlimited:
        found.append(
            Finding(
                clause.line,
                RULE,
                "max_groups_contributed = NULL leaves the groups a privacy unit contributes to "
                "unlimited: BigQuery then can't guarantee that the results are differentially "
                "private; give max_groups_contributed a positive INT64",
            )
        )
    budget = source.differential_privacy
    if budget.max_epsilon is not None and (
        clause.epsilon is None or clause.epsilon > budget.max_epsilon
    ):
        found.append(
            Finding(
                clause.line,
                RULE,
                f"epsilon {clause.epsilon:g} is above the source's budget "
                f"(max_epsilon = {budget.max_epsilon:g} in source.toml)"
                if clause.epsilon is not None
                else "epsilon is missing",
            )
        )
    if budget.max_delta is not None and (clause.delta is None or clause.delta > budget.max_delta):
        found.append(
            Finding(
                clause.line,
                RULE,
                f"delta {clause.delta:g} is above the source's budget "
                f"(max_delta = {budget.max_delta:g} in source.toml)"
                if clause.delta is not None
                else "delta is missing",
            )
        )
    return found


def unit_findings(resolver: Resolver, source: Source) -> list[Finding]:
    """The privacy unit column of the output's DP select must *be* the entity column, not
    a column of that name: ``FROM (SELECT message_id AS site_id ...)`` makes every report
    its own unit, and bounds one site's contribution no more than no bound at all."""
    tree = resolver.tree
    root = tree.this if isinstance(tree, exp.Subquery) else tree
    clause = clause_of(root)
    entity = (source.entity or "").lower()
    if clause is None or not clause.privacy_unit_column or not entity:
        return []
    *qualifier, name = clause.privacy_unit_column
    scope = resolver.by_node.get(id(root))
    if scope is not None and _is_entity(resolver, scope, qualifier, name.lower(), entity):
        return [
            f
            for inner in resolver.scopes
            if isinstance(inner.expression, exp.Select)
            for f in _mixed_units(resolver, inner, inner.expression, clause, entity)
        ][:1]
    return [
        Finding(
            clause.line,
            RULE,
            f"the privacy unit column {name} does not pass on the source's {entity} column "
            f"unchanged (it is renamed from, or computed out of, something else): the guarantee "
            f"holds per {entity} only if the unit is {entity} itself",
        )
    ]


def _mixed_units(
    resolver: Resolver, scope: Scope, root: exp.Select, clause: DPClause, entity: str
) -> list[Finding]:
    """Rows of the DP select that hold other units' values: BigQuery bounds each unit's
    contribution by the rows that carry its id, so a value of another site joined into
    every row (``CROSS JOIN (SELECT n FROM t WHERE environment_count = 568)``, a scalar
    subquery over the table) is contributed by every unit, and the noisy sum is that one
    site's value times the number of sites. A second read of the table must be joined on
    the unit (``a.site_id = b.site_id``); a subquery may only filter units (``IN``, EXISTS).
    Every SELECT of the statement is judged: the rows of a derived table are the DP's rows."""
    joins = {id(j.this): j for j in root.args.get("joins") or []}
    readers = []
    for alias in scope.selected_sources:
        src = scope.sources.get(alias)
        node = src if isinstance(src, exp.Table) else getattr(src, "expression", None)
        if node is not None and _reads_table(resolver, node):
            readers.append(alias)
    found = []
    if len(readers) > 1:
        for join in joins.values():
            if not _reads_table(resolver, join.this):
                continue
            if not _on_unit(resolver, scope, join, entity):
                found.append(
                    Finding(
                        clause.line,
                        RULE,
                        f"the DP query joins another read of the table without "
                        f"equating {entity} (ON a.{entity} = b.{entity}): its values are "
                        f"then contributed by every {entity}, unbounded by the privacy unit",
                    )
                )
                break
    for proj in root.expressions:
        for sub in proj.find_all(exp.Query):
            if _reads_table(resolver, sub):
                found.append(
                    Finding(
                        clause.line,
                        RULE,
                        f"the DP query's column {proj.alias_or_name!r} reads the table in a "
                        f"subquery: its value is every {entity}'s row alike, unbounded by the "
                        "privacy unit; join the value per unit instead",
                    )
                )
                break
    return found


def _reads_table(resolver: Resolver, node: exp.Expression) -> bool:
    tables = [node] if isinstance(node, exp.Table) else list(node.find_all(exp.Table))
    return any(resolver.is_source_table(t) for t in tables)


def _on_unit(resolver: Resolver, scope: Scope, join: exp.Join, entity: str) -> bool:
    """Whether a join equates the entity of its two sides (ON a.site_id = b.site_id, USING)."""
    using = join.args.get("using") or []
    if any(getattr(u, "name", "").lower() == entity for u in using):
        return True
    on = join.args.get("on")
    if on is None:
        return False
    for eq in on.find_all(exp.EQ):
        kinds = {resolver.kind(eq.left, scope), resolver.kind(eq.right, scope)}
        if (
            kinds == {entity}
            and isinstance(eq.left, exp.Column)
            and isinstance(eq.right, exp.Column)
        ):
            return True
    return False


def _is_entity(
    resolver: Resolver, scope: Scope, qualifier: list[str], name: str, entity: str
) -> bool:
    """Whether the DP select's FROM offers column ``name`` as the entity column itself."""
    found = False
    for alias in scope.selected_sources:
        if qualifier and alias.lower() != qualifier[-1].lower():
            continue
        src = scope.sources.get(alias)
        if isinstance(src, exp.Table):
            if resolver.is_source_table(src) and name == entity:
                found = True
            continue
        if (
            src is None
            or isinstance(src, exp.Table)
            or not isinstance(getattr(src, "expression", None), exp.Query)
        ):
            continue  # UNNEST: its columns are no unit
        kinds = _output_kinds(resolver, src, name)
        if kinds is None:
            continue
        if kinds != {entity}:
            return False
        found = True
    return found


def _output_kinds(resolver: Resolver, scope: Scope, name: str) -> set[str | None] | None:
    """The identifier kinds of output column ``name`` of a scope, every set branch's;
    None when the scope has no such column."""
    node = scope.expression
    if isinstance(node, exp.SetOperation):
        kinds: set[str | None] = set()
        for branch in scope.set_operation_scopes:
            found = _output_kinds(resolver, branch, name)
            if found is None:
                return {None}
            kinds |= found
        return kinds
    if isinstance(node, exp.Select):
        for proj in node.expressions:
            if proj.alias_or_name.lower() == name:
                return {resolver.kind(proj.unalias(), scope)}
    return None
