"""Reviewed exemptions: a query's header may allow a named finding, with a reason.

``-- privacy: allow <rule> because <reason>`` (parsed by ``workbench.header``) turns that
rule's findings into "allowed" ones, shown with the reason; only the rules in ``EXEMPTABLE``
can be allowed, and an exemption that allows nothing is itself a finding.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench import header as hdr
from workbench.privacy.analysis import EXEMPTABLE, Finding

# Rules whose findings depend on the dataset the check runs on.
DATA_DEPENDENT_RULES = frozenset({"k-anonymity"})


@dataclass(frozen=True)
class Reported:
    """A finding in a file, after exemptions and --strict."""

    path: str
    line: int
    rule: str
    message: str
    severity: str  # "error", "warning", "info" (never fails a check)
    allowed: str | None = None  # the reviewed reason, when an exemption covers it

    def format(self) -> str:
        if self.allowed is not None:
            return (
                f"{self.path}:{self.line}: {self.rule}: allowed (because {self.allowed}): "
                f"{self.message}"
            )
        label = {"warning": "warning: ", "info": "info: "}.get(self.severity, "")
        return f"{self.path}:{self.line}: {self.rule}: {label}{self.message}"


def apply_exemptions(shown: str, sql: str, found: list[Finding]) -> list[Reported]:
    exemptions, malformed = hdr.exemptions(sql)
    out: list[Reported] = []
    reasons: dict[str, str] = {}
    for ex in exemptions:
        if ex.rule not in EXEMPTABLE:
            out.append(
                Reported(
                    shown,
                    ex.line,
                    "exemption",
                    f"rule {ex.rule!r} cannot be allowed; exemptable rules: "
                    f"{', '.join(EXEMPTABLE)}",
                    "error",
                )
            )
            continue
        reasons.setdefault(ex.rule, ex.reason)
    for line, message in malformed:
        out.append(Reported(shown, line, "exemption", message, "error"))
    used: set[str] = set()
    for f in found:
        reason = reasons.get(f.rule)
        if reason is not None:
            used.add(f.rule)
        out.append(Reported(shown, f.line, f.rule, f.message, f.severity, reason))
    for ex in exemptions:
        # k-anonymity depends on the data: an exemption that allows nothing on this dataset
        # may be needed on another (or on BigQuery), so only static rules are flagged unused.
        if ex.rule in reasons and ex.rule not in used and ex.rule not in DATA_DEPENDENT_RULES:
            out.append(
                Reported(
                    shown,
                    ex.line,
                    "exemption",
                    f"`privacy: allow {ex.rule}` allows nothing in this query: remove it",
                    "warning",
                )
            )
            used.add(ex.rule)
    out.sort(key=lambda r: (r.line, r.rule))
    return out
