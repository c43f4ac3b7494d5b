"""The privacy gate: what a query may reveal about the sites behind the telemetry.

``analysis`` parses and qualifies a query and turns its rules into findings: identifiers
are opaque (``opacity``), none reaches the output (``lineage``), the output's groups are
keyed, filled and filtered safely (``groups``); ``group_size`` decides the small-group rule
from the entity count ``kanonymity`` measures; ``exemptions`` applies the reviewed
exemptions. ``resolve`` says what any column of a query comes from. ``workbench.check``
runs them all.
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
from workbench.privacy.exemptions import (
    DATA_DEPENDENT_RULES,
    REVIEWED_FILE,
    Reported,
    Reviewed,
    apply_exemptions,
    load_reviewed,
    query_hash,
)
from workbench.privacy.group_size import group_size_findings
from workbench.privacy.kanonymity import KResult, NotMeasurable, k_query, measure

__all__ = [
    "CHECKS",
    "DATA_DEPENDENT_RULES",
    "EXEMPTABLE",
    "REVIEWED_FILE",
    "Analysis",
    "Finding",
    "KResult",
    "NotMeasurable",
    "Reported",
    "Reviewed",
    "analyze",
    "apply_exemptions",
    "group_size_findings",
    "k_query",
    "load_reviewed",
    "measure",
    "output_selects",
    "qualify",
    "query_hash",
    "source_tables",
    "without_place",
]
