"""The privacy gate: what a query may reveal about the sites behind the telemetry.

``analysis`` parses and qualifies a query and turns its lineage (``lineage``) into findings;
``kanonymity`` counts the entities behind each output row on the fake data; ``exemptions``
applies the reviewed exemptions of a query's header. ``workbench.check`` runs them all.
"""

from __future__ import annotations

from workbench.privacy.analysis import (
    CHECKS,
    EXEMPTABLE,
    Analysis,
    Finding,
    analyze,
    output_selects,
    qualify,
    source_tables,
    without_place,
)
from workbench.privacy.exemptions import DATA_DEPENDENT_RULES, Reported, apply_exemptions
from workbench.privacy.kanonymity import KResult, k_query, measure

__all__ = [
    "CHECKS",
    "DATA_DEPENDENT_RULES",
    "EXEMPTABLE",
    "Analysis",
    "Finding",
    "KResult",
    "Reported",
    "analyze",
    "apply_exemptions",
    "k_query",
    "measure",
    "output_selects",
    "qualify",
    "source_tables",
    "without_place",
]
