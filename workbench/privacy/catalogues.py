"""Public catalogues crossed through filters and conditional cells, not only through keys.

Small groups keyed by one public catalogue's values describe the catalogue (a module release
run by one site is the module's fact), but two catalogues crossed describe a site: the
Dropsonde release it runs with a rare module, the operating system of an install with a
command. A filter crosses them as surely as a second key does (``WHERE version = '0.8.0'
GROUP BY m.slug`` lists the modules of the sites on that release), and so does a condition
inside a cell (``COUNTIF(operating_system = 'freebsd')`` per command): the condition's rows
are a subgroup the k-anonymity rule never counts. A cell conditioned on a public value or a
day is allowed only where that subgroup would be an allowed group itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlglot import exp

from workbench.privacy.facts import Finding, output_cells, short
from workbench.privacy.filters import Filters, conditions_of
from workbench.privacy.resolve import fields, unparen
from workbench.translate import line_of

if TYPE_CHECKING:
    from sqlglot.optimizer.scope import Scope


def catalogue(path: str) -> str:
    """The catalogue a public field belongs to: its repeated record, or "" for the report's
    own columns."""
    return path.rsplit(".", 1)[0] if "." in path else ""


class Catalogues(Filters):
    def filter_catalogues(self) -> set[str]:
        """The catalogues whose public values any filter of the query narrows rows by."""
        found = set()
        for leaf, scope in self.conditions():
            core = unparen(leaf.this) if isinstance(leaf, exp.Not) else leaf
            if isinstance(core, exp.Is):
                continue  # IS [NOT] NULL drops empty values, picks no entry
            paths = {p for p, _ in fields(self.r.expand(leaf, scope))}
            found |= {catalogue(p) for p in paths & self.public}
        return found

    def crossed_cells(self, scopes: list[Scope], key_catalogues: set[str] | None) -> list[Finding]:
        """Cells conditioned on public values or days whose subgroup is no allowed group.

        ``key_catalogues``: the catalogues of the output keys when every key is public or a
        period (None when a key is private: then any conditioned cell is a finer subgroup)."""
        problems = []
        for scope in scopes:
            for proj in output_cells(scope.expression):
                for agg in proj.find_all(exp.AggFunc):
                    for cond in conditions_of(agg):
                        if self._crossed(cond, scope, key_catalogues):
                            problems.append(self._crossed_finding(agg, cond))
                            break
        return problems

    def _crossed(self, cond: exp.Expression, scope: Scope, keys: set[str] | None) -> bool:
        paths = {p for p, _ in fields(self.r.expand(cond, scope))}
        if not paths or not paths <= self.public | self.per_report:
            return False  # private values are conditional cells, identifiers other rules'
        if self._private_paths(cond, scope):
            return False  # a fine time: reported as a conditional cell
        if keys is None:
            return True
        return len(keys | {catalogue(p) for p in paths & self.public}) > 1

    @staticmethod
    def _crossed_finding(agg: exp.Expression, cond: exp.Expression) -> Finding:
        return Finding(
            line_of(cond) or line_of(agg) or 1,
            "targeted-filter",
            f"{short(agg)} aggregates only the rows where {short(cond)}: inside these groups "
            "that is a subgroup of another catalogue or period (or of a private key) that the "
            "k-anonymity rule does not count; make the condition a group key (then HAVING "
            "COUNT(DISTINCT ...) >= k counts its entities)",
        )
