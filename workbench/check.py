"""`workbench check`: everything a query must pass before it goes to the aggregation repository.

For each file: it parses as one BigQuery statement, passes GoogleSQL's reference analyzer
(``translate.analyzer``: clause order, names and types as BigQuery resolves them), reads
only its source's own table, passes the privacy analysis (``workbench.privacy``), runs on the fake dataset, has each
output group backed by at least k distinct entities there (a warning), and carries the
metadata header (a warning). Reviewed exemptions written in the query are applied and
reported, never hidden. One line per finding: ``file:line: rule-name: message``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wbcore.errors import UserError
from wbcore.sqlfile import read_sql
from workbench import header as hdr
from workbench.privacy import (
    REVIEWED_FILE,
    Finding,
    Reported,
    Reviewed,
    analyze,
    apply_exemptions,
    group_size_findings,
    load_reviewed,
    source_tables,
    without_place,
)
from workbench.translate import approximate_lines, parse, table_name

if TYPE_CHECKING:
    from fakedata.source import Source
    from workbench.engines.base import Engine
    from workbench.project import Project


@dataclass
class FileResult:
    path: Path
    shown: str
    source: Source | None = None
    findings: list[Reported] = field(default_factory=list)

    def failed(self, strict: bool) -> bool:
        bad = {"error", "warning"} if strict else {"error"}
        return any(f.severity in bad and f.allowed is None for f in self.findings)


@dataclass
class Report:
    files: list[FileResult]
    strict: bool = False

    @property
    def findings(self) -> list[Reported]:
        return [f for r in self.files for f in r.findings]

    @property
    def failed(self) -> bool:
        return any(r.failed(self.strict) for r in self.files)

    def summary(self) -> str:
        counts = {"error": 0, "warning": 0, "info": 0, "allowed": 0}
        for f in self.findings:
            counts["allowed" if f.allowed is not None else f.severity] += 1
        n = len(self.files)
        return (
            f"{n} quer{'y' if n == 1 else 'ies'} checked: {counts['error']} error(s), "
            f"{counts['warning']} warning(s), {counts['allowed']} allowed by exemption"
        )


def query_files(project: Project, paths: list[Path] | None) -> list[Path]:
    """The .sql files named, or found under the directories named (default: queries/)."""
    targets = list(paths) if paths else [project.queries_dir]
    files: list[Path] = []
    for target in targets:
        if target.is_dir():
            found = sorted(target.rglob("*.sql"))
            if not found and paths:
                raise UserError("no .sql files in this directory", file=target)
            files.extend(found)
        elif target.is_file():
            files.append(target)
        else:
            raise UserError("no such file or directory", file=target)
    return files


def shown_path(path: Path) -> str:
    """The path as a user in the current directory would type it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def source_for(project: Project, path: Path, sql: str) -> Source:
    """A query's source: its folder under queries/, else the source whose table it reads."""
    try:
        rel = path.resolve().relative_to(project.queries_dir.resolve())
        if len(rel.parts) > 1 and (
            rel.parts[0] in project.source_names or rel.parts[0] in project.directory_sources()
        ):
            return project.source(rel.parts[0])
        if len(rel.parts) > 1 and not _reads_a_known_table(project, sql):
            # queries/<name>/ of a plugin directory whose dataset is not made (or dropped)
            raise UserError(
                f"queries/{rel.parts[0]}/ names no source: neither schemas/{rel.parts[0]}/ nor "
                "a directory source with a dataset; run `workbench fake-data --source DIR` "
                "with the plugin's schema directory first"
            )
    except ValueError:
        pass
    try:
        names = [table_name(t).lower() for t in source_tables(parse(sql))]
    except UserError:
        names = []
    for source in project.sources():
        if any(n in (t.lower() for t in source.table_names) for n in names):
            return source
    return project.source(None)


def _reads_a_known_table(project: Project, sql: str) -> bool:
    try:
        names = {table_name(t).lower() for t in source_tables(parse(sql))}
    except UserError:
        return True  # the syntax finding says more
    known = {n.lower() for s in project.sources() for n in s.table_names}
    return bool(names & known)


def check_file(
    project: Project,
    engine: Engine,
    path: Path,
    params: dict[str, Any] | None = None,
    reviewed: Reviewed | None = None,
) -> FileResult:
    """Every check on one query file, with the reviewed exemptions applied.

    On the local engine the query runs on the fake dataset; on BigQuery (``--engine
    bigquery``) it is dry-run, production table names untouched. On both, the entities
    behind each output group are counted where the query runs (only counts come back).
    """

    shown = shown_path(path)
    result = FileResult(path=path, shown=shown)
    found: list[Finding] = []
    try:
        sql, _ = read_sql(path)
    except UserError as exc:
        result.findings.append(Reported(shown, 1, "file", without_place(exc), "error"))
        return result
    try:
        source = result.source = source_for(project, path, sql)
    except UserError as exc:
        result.findings.append(Reported(shown, 1, "source", without_place(exc), "error"))
        return result
    analysis = analyze(sql, source, shown)
    found.extend(analysis.findings)
    found.extend(_reference_analysis(sql, source, sources_read(project, sql)))
    ran = False
    if _has(found, "bigquery-analyzer"):
        pass  # BigQuery would refuse it: running it offline would only mislead
    elif not engine.offline and analysis.tree is not None and not _has(found, "syntax"):
        found.extend(_dry_run(sql, engine, source, str(path)))
        ran = not any(
            f.rule in ("bigquery", "source-tables") and f.severity == "error" for f in found
        )
    elif analysis.tree is not None and not _has(found, "syntax", "source-tables", "columns"):
        try:
            engine.run(sql, params, where=str(path))
            ran = True
        except UserError as exc:
            found.append(Finding(exc.line or 1, "run", without_place(exc)))  # never data
    if ran and engine.offline:  # exact offline, an estimate on BigQuery: say so
        notice, lines = approximate_lines(analysis.tree)  # the tree analyze already parsed
        found.extend(Finding(line, "approximate", notice, "info") for line in lines)
    if ran and analysis.ok:
        found.extend(group_size_findings(engine, analysis, source, shown, params))
    for line, message in hdr.header_problems(hdr.parse_header(sql)):
        found.append(Finding(line, "metadata", message, "warning"))
    result.findings = apply_exemptions(shown, sql, found, reviewed, source.name, path.stem)
    return result


def sources_read(project: Project, sql: str) -> list[Source]:
    """The project's sources whose table the statement names (under any of its names)."""
    try:
        names = {table_name(t).lower() for t in source_tables(parse(sql))}
    except UserError:
        return []  # the syntax finding says more
    return [s for s in project.sources() if names & {n.lower() for n in s.table_names}]


def _reference_analysis(sql: str, source: Source, others: list[Source]) -> list[Finding]:
    """GoogleSQL's analyzer on the query as written: what BigQuery's parser and resolver refuse
    (clause order, names, types), which sqlglot may accept. Its catalog holds the query's
    source and every other source the statement reads, so a valid join of two sources is not
    "Table not found" (that it reads another source is the ``source-tables`` finding's say)."""
    from workbench.translate.analyzer import check_statement

    rejection = check_statement(sql, source, *others)
    if rejection is None:
        return []
    if rejection.crashed:
        return [Finding(1, "bigquery-analyzer", rejection.message, "warning")]
    return [
        Finding(
            rejection.line, "bigquery-analyzer", f"column {rejection.column}: {rejection.message}"
        )
    ]


def _dry_run(sql: str, engine: Engine, source: Source, where: str) -> list[Finding]:
    """Validity, referenced tables and bytes processed, as BigQuery reports them."""
    result = engine.dry_run(sql, where=where)
    if not result.valid:
        return [Finding(1, "bigquery", result.summary())]
    foreign = result.foreign_tables(tuple(t for t in (source.production_table,) if t))
    if foreign:
        return [Finding(1, "source-tables", foreign)]
    return [Finding(1, "bigquery", result.summary(), "info")]


def _has(findings: list[Finding], *rules: str) -> bool:
    return any(f.rule in rules for f in findings)


def reviewed_file(project: Project, given: Path | None = None) -> Path:
    """The reviewed exemptions file: the one given, else the project's own."""
    return given if given is not None else project.root / REVIEWED_FILE


def check(
    project: Project,
    engine: Engine,
    paths: list[Path] | None = None,
    strict: bool = False,
    params: dict[str, Any] | None = None,
    exemptions: Path | None = None,
) -> Report:
    """Check every query file named (default: all under queries/) with ``engine``."""
    files = query_files(project, paths)
    reviewed = load_reviewed(reviewed_file(project, exemptions))
    return Report([check_file(project, engine, p, params, reviewed) for p in files], strict=strict)
