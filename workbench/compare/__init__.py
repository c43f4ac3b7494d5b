"""``workbench compare``: one query, offline and on BigQuery's published example table, compared.

The example table is published (``workbench publish``) from the very dataset the offline
engine reads, so the same query must give the same rows on both: any difference is a
translation the workbench got wrong (or a gap of the BigQuery server answering). Before
anything runs, the query must pass the privacy gate (the rules ``workbench check`` fails
on), since a difference is shown as rows; and the table must hold the local dataset (same
number of reports and of entities, same time span: only counts are printed). The query sent
to BigQuery reads the published table and the offline engine's pinned clock
(``statement.published_sql``); the results are compared by ``diff.compare_tables``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlglot import exp

from wbcore.errors import UserError
from wbcore.sqlfile import read_sql
from workbench.check import shown_path, source_for
from workbench.compare.diff import SHOWN, ULPS, Comparison, compare_tables
from workbench.compare.statement import order_keys, published_sql
from workbench.privacy import Reviewed, analyze, apply_exemptions
from workbench.publish import TableId, parse_table_id
from workbench.translate import parse
from workbench.translate.dp_syntax import clause_of

if TYPE_CHECKING:
    from fakedata.source import Source
    from workbench.engines.base import Engine
    from workbench.engines.local import LocalEngine
    from workbench.project import Project

__all__ = ["SHOWN", "ULPS", "CompareResult", "Comparison", "compare", "compare_tables"]


@dataclass(frozen=True)
class CompareResult:
    path: str
    table: TableId
    comparison: Comparison
    pinned: dt.datetime | None  # the instant CURRENT_* read on both sides (None: real clock)

    @property
    def identical(self) -> bool:
        return self.comparison.identical

    def report(self) -> str:
        if self.identical:
            return f"{self.path}: {self.comparison.report()}"
        body = self.comparison.report().replace("\n", "\n  ")
        return f"{self.path}: differs from BigQuery ({self.table}):\n  {body}"

    def note(self) -> str:
        clock = (
            f"CURRENT_* read {self.pinned:%Y-%m-%d %H:%M} UTC (the dataset's as-of date) on both"
            if self.pinned
            else "CURRENT_* read each engine's own clock"
        )
        return f"compared with {self.table}; {clock}; FLOAT64 within {ULPS} ULPs"


def default_table(source: Source) -> TableId:
    """The source's public example table (the first of ``public_tables`` in source.toml)."""
    if not source.public_tables:
        raise UserError(
            f"source {source.name} has no public example table (public_tables in "
            f"source.toml); pass --table PROJECT.DATASET.TABLE, where `workbench publish "
            f"--source {source.name}` loaded its dataset"
        )
    return parse_table_id(source.public_tables[0])


def compare(
    project: Project,
    local: LocalEngine,
    remote: Engine,
    path: Path,
    table: str | None = None,
    params: dict[str, Any] | None = None,
    reviewed: Reviewed | None = None,
) -> CompareResult:
    """Run ``path`` offline and on ``remote`` against ``table`` (default: the source's public
    table) and compare the results."""
    sql, _ = read_sql(path)
    shown = shown_path(path)
    _refuse_differential_privacy(sql, shown)
    source = source_for(project, path, sql)
    target = parse_table_id(table) if table else default_table(source)
    _require_gate(sql, source, shown, reviewed)
    now = local.now()
    online_sql = published_sql(sql, source, target, now, shown)
    _require_same_dataset(local, remote, source, target, shown)
    offline = local.run(sql, params, where=shown)
    online = remote.run(online_sql, params, where=shown)
    keys = order_keys(sql, list(offline.column_names), shown)
    return CompareResult(shown, target, compare_tables(offline, online, keys), now)


def _refuse_differential_privacy(sql: str, shown: str) -> None:
    """A differentially private query never gives the same rows twice on BigQuery (its noise is
    random there; offline it is seeded by the text): there is nothing to compare."""
    if any(clause_of(select) for select in parse(sql, shown).find_all(exp.Select)):
        raise UserError(
            "a differentially private query cannot be compared: BigQuery adds random noise "
            "on every run; compare the query without its WITH DIFFERENTIAL_PRIVACY clause",
            file=shown,
        )


def _require_gate(sql: str, source: Source, shown: str, reviewed: Reviewed | None) -> None:
    """The rules `workbench check` fails on (reviewed exemptions applied): a comparison
    prints rows, so only a query that may publish them is compared."""
    findings = apply_exemptions(
        shown, sql, analyze(sql, source, shown).findings, reviewed, source.name, Path(shown).stem
    )
    failed = sorted({f.rule for f in findings if f.severity == "error" and f.allowed is None})
    if failed:
        raise UserError(
            f"fails `workbench check` ({', '.join(failed)}); compare shows rows of a result, "
            "so it compares only queries that pass the privacy gate",
            file=shown,
        )


def _require_same_dataset(
    local: LocalEngine, remote: Engine, source: Source, target: TableId, shown: str
) -> None:
    """The published table holds the local dataset: same reports, entities and time span."""
    entity = f"`{source.entity}`" if source.entity else "NULL"
    span = (
        ", MIN(timestamp) AS first_report, MAX(timestamp) AS last_report"
        if "timestamp" in source.schema.sql_types()
        else ""
    )
    probe = f"SELECT COUNT(*) AS reports, COUNT(DISTINCT {entity}) AS entities{span} FROM "
    here = local.run(probe + f"`{source.table}`", where=f"the {source.name} dataset").to_pylist()
    there = remote.run(probe + f"`{target}`", where=str(target)).to_pylist()
    if here != there:
        counts = [
            f"{row['reports']:,} reports from {row['entities']:,} {source.entity or 'entities'}"
            for row in (here[0], there[0])
        ]
        raise UserError(
            f"{target} does not hold the local {source.name} dataset ({counts[1]} there, "
            f"{counts[0]} here, or another time span); publish it first: `workbench publish "
            f"--source {source.name} --table {target}`",
            file=shown,
        )
