"""The small-group rule: every output group backed by at least k entities, or a reason why not.

Measured on the dataset the check runs on (``kanonymity.measure``), decided with what the
query shows statically (``groups``): a query that enforces the minimum itself (``HAVING
COUNT(DISTINCT site_id) >= k``) needs no measure; small groups keyed only by public
dimensions are reported for information; anything else backed by fewer than k entities, not
measurable, or with no rows to measure (a filter empty on the fake data may not be empty in
production) is an error. A histogram keyed by one per-entity number is no exception: its rare
values (the one site with 937 modules) are each a site's fingerprint, so each bucket needs k
entities too (wider buckets, or HAVING), or a reviewed exemption.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wbcore.errors import UserError
from workbench.privacy.analysis import Analysis, Finding, without_place
from workbench.privacy.complements import complement_problems
from workbench.privacy.groups import HISTOGRAM, PUBLIC
from workbench.privacy.kanonymity import NotMeasurable, measure

if TYPE_CHECKING:
    from fakedata.source import Source
    from workbench.engines.base import Engine


def group_size_findings(
    engine: Engine,
    analysis: Analysis,
    source: Source,
    where: str,
    params: dict[str, Any] | None = None,
) -> list[Finding]:
    groups = analysis.groups
    if analysis.dp.covered:
        return []  # differentially private within the budget: small groups are dropped by it
    if not source.entity or groups is None or analysis.tree is None or not groups.scopes:
        return []
    try:
        left_out = complement_problems(engine, groups.complements, source, where, params)
    except UserError:
        left_out = []  # a complement that does not run: the query's own run reports why
    complements = [Finding(line, "k-anonymity", message) for line, message in left_out]
    if groups.enforced:
        return complements
    return complements + _groups(engine, analysis, source, where, params)


def _groups(
    engine: Engine,
    analysis: Analysis,
    source: Source,
    where: str,
    params: dict[str, Any] | None,
) -> list[Finding]:
    """The small-group rule on the output groups themselves."""
    groups = analysis.groups
    assert groups is not None and analysis.tree is not None
    entity, k, line = source.entity, source.k_anonymity, groups.line
    allowed = groups.small_groups_allowed
    keys = ", ".join(k.text for k in groups.keys)
    fix = f"keep only large groups with HAVING COUNT(DISTINCT {entity}) >= {k}"
    if groups.selective and not allowed:
        fix += f" (the filter {groups.selective[0]} narrows rows by a value that is not public)"
    elif groups.private_values and not allowed:
        fix += (
            f" (in a small group {groups.private_values[0]} is the value of a few sites, "
            "whatever the keys)"
        )

    def finding(message: str, severity: str = "error") -> list[Finding]:
        return [Finding(line, "k-anonymity", message, severity)]

    def uncertain(message: str) -> list[Finding]:
        if allowed == PUBLIC:
            return []
        return finding(f"{message}: {fix}")

    try:
        result = measure(engine, analysis.tree, source, where, params)
    except NotMeasurable as exc:
        return uncertain(
            f"cannot count the {entity} behind each output row through {exc.construct}"
        )
    except UserError as exc:
        return uncertain(f"cannot count the {entity} behind each output row ({without_place(exc)})")
    if result.unknown:
        return finding(
            f"{result.unknown} of {result.groups} output rows come from reports without "
            f"a {entity} (NULL): how many {entity} stand behind them is unknown"
        )
    if result.groups == result.empty:
        return uncertain(
            f"the query returns no rows backed by any {entity} on the {engine_label(engine)}, "
            f"so it cannot show that each group is backed by {k}"
        )
    if not result.small:
        return []
    measured = (
        f"{result.small} of {result.groups} output rows are backed by fewer than k={k} "
        f"distinct {entity} on the {engine_label(engine)} (fewest: {result.smallest})"
    )
    if allowed == PUBLIC:
        return finding(
            f"{measured}; allowed because every output key ({keys}) is a public dimension",
            "info",
        )
    if allowed == HISTOGRAM:
        return finding(
            f"{measured}: the key is one number per {entity}, and a rare value of it is the "
            f"few {entity} that have it (a fingerprint); use wider buckets (CASE or DIV) with "
            f"HAVING COUNT(DISTINCT {entity}) >= {k}"
        )
    return finding(f"{measured}: {fix}")


def engine_label(engine: Engine) -> str:
    return "fake data" if engine.offline else "BigQuery table"
