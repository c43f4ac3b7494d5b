"""The unit of a query's groups: the entity, not another identifier that stands for several.

The small-group rule counts the source's entity (a Dropsonde site_id) behind each output row.
An inner GROUP BY or PARTITION BY on another identifier that is no report's own (the ip:
one address, one organisation, may run several sites) makes each inner row an organisation's
fact, and the output a statistic of organisations: a histogram of "sites behind one address"
has a bucket of 40 sites that is one organisation, yet 40 site_ids back it. Per-report
identifiers (message_id: one group per report) and the entity itself stay allowed keys.
"""

from __future__ import annotations

from sqlglot import exp

from workbench.privacy.facts import Facts, Finding, short
from workbench.translate import line_of


class Units(Facts):
    def foreign_units(self) -> list[Finding]:
        others = self.identifiers - self.per_report - {self.entity}
        if not others:
            return []
        found = []
        for scope in self.r.scopes:
            select = scope.expression
            if not isinstance(select, exp.Select):
                continue
            keys = list(select.args["group"].expressions) if select.args.get("group") else []
            keys += [
                e
                for w in select.find_all(exp.Window)
                if self.r.scope_of(w) is scope
                for e in w.args.get("partition_by") or []
            ]
            for key in keys:
                kind = self.r.kind(key, scope)
                if kind in others:
                    found.append(
                        Finding(
                            line_of(key) or line_of(select) or 1,
                            "identifier-groups",
                            f"{short(key)} groups rows by identifier {kind}, which one "
                            f"organisation shares across several {self.entity} values: the "
                            f"k-anonymity rule counts {self.entity}, so a group of one "
                            f"organisation's {self.entity} values passes it; group by "
                            f"{self.entity} instead",
                        )
                    )
                    break
        return found
