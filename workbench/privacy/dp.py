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
        return []
    return [
        Finding(
            clause.line,
            RULE,
            f"the privacy unit column {name} does not pass on the source's {entity} column "
            f"unchanged (it is renamed from, or computed out of, something else): the guarantee "
            f"holds per {entity} only if the unit is {entity} itself",
        )
    ]


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
