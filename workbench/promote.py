"""`workbench promote`: a checked query, as the aggregation repository expects it.

The repository runs ``<output table>.sql`` files that read the production table. A
contributor's query may name the local or the public example table, so those references
are rewritten on the syntax tree: only the characters of each table reference change
(sqlglot records where each identifier came from), so the author's comments, header and
layout survive. The result is re-parsed and compared with the same rewrite done on the
tree; should the two ever differ, the query is regenerated from the tree instead, keeping
the leading comment block. The text is then put in the form the source's repository accepts
(``workbench.aggregation``: its rule on the text, ``[aggregation]`` in source.toml), and its
header must be the one the repository asks for (``workbench.header.policy_problems``).
Nothing is written unless every file passes ``workbench check`` and all of that, and no
different file would be overwritten without ``--force``. A directory stands for the .sql
files under it, as for ``check``.
"""

from __future__ import annotations

import difflib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlglot import exp

from wbcore.errors import UserError
from wbcore.sqlfile import read_sql
from workbench.aggregation import regenerate, repository_form
from workbench.check import check_file, query_files, reviewed_file, shown_path, source_for
from workbench.engines.bigquery import require_valid
from workbench.header import policy_problems
from workbench.privacy import REVIEWED_FILE, load_reviewed, source_tables
from workbench.translate import parse, table_name
from workbench.translate.analyzer import check_statement

if TYPE_CHECKING:
    from sqlglot import exp

    from fakedata.source import Source
    from workbench.engines.base import Engine
    from workbench.engines.bigquery import BigQueryEngine
    from workbench.privacy import Reported
    from workbench.project import Project

_OUTPUT_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,1023}$")


@dataclass
class Promotion:
    """One file to write: where, what, and what was there before."""

    query: Path
    target: Path
    text: str
    previous: str | None
    renamed: list[str]  # table names rewritten to the production table

    @property
    def changed(self) -> bool:
        return self.previous != self.text

    def diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                (self.previous or "").splitlines(keepends=True),
                self.text.splitlines(keepends=True),
                fromfile=f"{shown_path(self.target)} (existing)",
                tofile=f"{shown_path(self.target)} (promoted from {shown_path(self.query)})",
            )
        )


def production_sql(sql: str, source: Source, where: str = "query") -> tuple[str, list[str]]:
    """``sql`` reading the production table; (text, names that were rewritten)."""

    production = source.production_table
    if not production:
        raise UserError(f"source {source.name} has no production_table in source.toml", file=where)
    tree = parse(sql, where)
    edits: list[tuple[int, int, str]] = []
    renamed: list[str] = []
    quoted = f"`{production}`"
    for table in source_tables(tree):
        name = table_name(table)
        span = _span(table)
        if name == production and (span is None or sql[span[0] : span[1]] == quoted):
            continue
        if name.lower() not in (n.lower() for n in source.table_names):
            raise UserError(f"reads table {name!r}, not a {source.name} table", file=where)
        # the production table written another way (unquoted, in parts) is quoted as one name:
        # the aggregation repository's check looks for exactly that text
        renamed.append(name)
        short = production.split(".")[-1]
        keep_alias = not table.alias and table.name != short
        text = quoted + (f" AS {table.name}" if keep_alias else "")
        if span is not None:
            edits.append((*span, text))
        # The same rewrite on the tree, parsed from the very text spliced in below.
        new = exp.maybe_parse(quoted, into=exp.Table, dialect="bigquery")
        alias = table.args.get("alias")
        if alias is not None:
            new.set("alias", alias.copy())
        elif keep_alias:
            new.set("alias", exp.TableAlias(this=exp.to_identifier(table.name)))
        table.replace(new)
    if not renamed:
        return sql, []
    if len(edits) == len(renamed):
        text = sql
        for start, end, replacement in sorted(edits, reverse=True):
            text = text[:start] + replacement + text[end:]
        if _same(parse(text, where), tree):
            return text, renamed
    return regenerate(sql, tree), renamed


def _span(table: exp.Table) -> tuple[int, int] | None:
    """[start, end) of a table reference's name in the query text (without its alias)."""
    starts, ends = [], []
    for part in table.parts:
        meta = part.meta
        if "start" not in meta or "end" not in meta:
            return None
        starts.append(meta["start"])
        ends.append(meta["end"] + 1)
    return (min(starts), max(ends)) if starts else None


def _same(a: exp.Expression, b: exp.Expression) -> bool:
    return a.sql(dialect="bigquery") == b.sql(dialect="bigquery")


def plan(project: Project, query: Path, to: Path | None) -> Promotion:
    """What promoting ``query`` would write (the check must already have passed)."""

    sql, _ = read_sql(query)
    shown = shown_path(query)
    source = source_for(project, query, sql)
    name = query.stem
    if not _OUTPUT_NAME.fullmatch(name):
        raise UserError(
            f"the file name is the output table's name, and {name!r} is not a valid "
            "BigQuery table name (letters, digits and underscores)",
            file=shown,
        )
    directory = to
    if directory is None:
        if not source.promote_to:
            raise UserError(
                f"no --to directory given and {source.name}'s source.toml has no promote_to",
                file=shown,
            )
        directory = project.root / source.promote_to
    asked = source.aggregation
    problems = policy_problems(sql, asked.header)
    if problems:
        raise UserError(
            f"not promoted: {'; '.join(problems)} (what {source.name}'s aggregation repository "
            f'asks: [aggregation] header = "{asked.header}" in source.toml)',
            file=shown,
        )
    text, renamed = production_sql(sql, source, shown)
    text = repository_form(
        text, asked.from_rule, asked.from_rule_description, source.production_table, shown
    )
    rejection = check_statement(text, source)
    if rejection is not None:  # the rewrite itself made a statement BigQuery would refuse
        raise UserError(
            f"not promoted: GoogleSQL's analyzer refuses the repository form at line "
            f"{rejection.line}, column {rejection.column}: {rejection.message}",
            file=shown,
        )
    target = directory / f"{name}.sql"
    if target.is_symlink():
        # reading it would print another file in the diff, --force would replace the link
        raise UserError(
            "is a symbolic link; promote writes only regular files in --to", file=target
        )
    if target.exists() and not target.is_file():
        raise UserError("exists and is not a regular file", file=target)
    if directory.exists() and target.resolve().parent != directory.resolve():
        raise UserError(f"would be written outside {directory}", file=target)
    previous = target.read_text(encoding="utf-8") if target.is_file() else None
    return Promotion(query, target, text, previous, renamed)


def promote(
    project: Project,
    engine: Engine,
    queries: list[Path],
    to: Path | None = None,
    force: bool = False,
    strict: bool = False,
    log=print,
    bigquery: BigQueryEngine | None = None,
    exemptions: Path | None = None,
) -> list[Promotion]:
    """Check (on ``engine``), then write every query; refuse (writing nothing) on any error
    or conflict.

    ``bigquery``: the promoted text (production table names) is dry-run there before
    anything is written. ``exemptions``: the reviewed file; by default the aggregation
    repository's own (``--to``) when it has one, else the project's.
    """
    queries = _files(project, queries)
    if to is not None:
        _one_source(project, queries, to)
    if exemptions is None and to is not None and (to / REVIEWED_FILE).is_file():
        exemptions = to / REVIEWED_FILE
    reviewed = load_reviewed(reviewed_file(project, exemptions))
    failed: list[Reported] = []
    for query in queries:
        result = check_file(project, engine, query, reviewed=reviewed)
        for finding in result.findings:
            log(finding.format())
        if result.failed(strict):
            failed.append(result.findings[0])
    if failed:
        raise UserError(
            f"refusing to promote: {len(failed)} quer{'y' if len(failed) == 1 else 'ies'} "
            "failed `workbench check` (findings above); nothing was written"
        )
    plans = [plan(project, q, to) for q in queries]
    targets: dict[Path, Path] = {}
    for p in plans:
        key = p.target.resolve()
        if key in targets:
            raise UserError(
                f"{shown_path(p.query)} and {shown_path(targets[key])} would both be promoted to "
                f"{shown_path(p.target)}; nothing was written"
            )
        targets[key] = p.query
    if bigquery is not None:
        for p in plans:
            source = source_for(project, p.query, p.text)
            allowed = tuple(t for t in (source.production_table,) if t)
            try:
                result = require_valid(p.text, bigquery.client, shown_path(p.query), allowed)
            except UserError as exc:
                raise UserError(f"{exc}; nothing was written") from None
            log(f"{shown_path(p.query)}: {result.summary()}")
    conflicts = [p for p in plans if p.previous is not None and p.changed]
    for p in conflicts:
        log(p.diff().rstrip("\n"))
    if conflicts and not force:
        names = ", ".join(shown_path(p.target) for p in conflicts)
        raise UserError(
            "already exists with different content (diff above); "
            "use --force to overwrite; nothing was written",
            file=names,
        )
    for p in plans:
        if not p.changed:
            log(f"unchanged {shown_path(p.target)} (from {shown_path(p.query)})")
            continue
        _write_atomic(p.target, p.text)
        how = f"; {', '.join(sorted(set(p.renamed)))} → production table" if p.renamed else ""
        verb = "overwrote" if p.previous is not None else "wrote"
        log(f"{verb} {shown_path(p.target)} (from {shown_path(p.query)}{how})")
    return plans


def _one_source(project: Project, queries: list[Path], to: Path) -> None:
    """One ``--to`` is one aggregation repository: queries of several sources given with it
    (``promote queries --to DIR``) would mix them there."""
    names = sorted({source_for(project, q, read_sql(q)[0]).name for q in queries})
    if len(names) > 1:
        raise UserError(
            f"queries of {len(names)} sources ({', '.join(names)}) with one --to {to}: each "
            "source has its own aggregation repository; promote one source's directory at a "
            "time (`workbench promote queries/SOURCE --to DIR`), or leave out --to to write "
            "each to its source's promote_to; nothing was written"
        )


def _files(project: Project, paths: list[Path]) -> list[Path]:
    """The .sql files named or under the directories named (as ``check`` finds them), each
    once."""
    if not paths:
        return []
    seen: set[Path] = set()
    files = []
    for path in query_files(project, paths):
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            files.append(path)
    return files


def _write_atomic(target: Path, text: str) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as exc:
        raise UserError(f"cannot write ({exc.strerror})", file=target.parent) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a written file follows the umask
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UserError(f"cannot write ({exc.strerror})", file=target) from None


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current
