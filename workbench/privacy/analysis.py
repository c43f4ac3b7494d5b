"""Privacy analysis of one aggregation query, on the sqlglot syntax tree.

Nothing identifying may leave the private table: no identifier column (site_id, ip,
message_id...) may reach the output by any path, and the output may not have one row per
report or per identifier. The analysis follows each output column's lineage through
expressions, aggregates, CTEs, subqueries, set operations and UNNEST, after resolving every
column as BigQuery does (the same qualification as translation), so an alias cannot hide
an identifier. Counting an identifier, filtering, joining or partitioning on it is fine:
those never put its value in a result row.

Findings name query text only (columns, functions, lines), never a data value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlglot import exp

from wbcore.errors import TooDeepError, UserError
from workbench.privacy.dp import SMALL_GROUP_RULES, Guarantee, guarantee, unit_findings
from workbench.privacy.facts import Finding
from workbench.privacy.groups import GroupAnalysis, Groups
from workbench.privacy.lineage import (
    AGGREGATE,
    ENTITY,
    ROW,
    Lineage,
    first_line,
    has_aggregate,
    window_aggregation,
)
from workbench.privacy.opacity import refused_uses
from workbench.privacy.resolve import ROW_KIND, Resolver
from workbench.privacy.side_channels import side_channels
from workbench.translate import check_read_only, line_of, parse, table_name
from workbench.translate.rules._sql import func_name
from workbench.translate.rules.names import qualify_bigquery, visible_cte

if TYPE_CHECKING:
    from sqlglot import exp

    from fakedata.source import Source

# Every check's name and why it exists (`workbench check` prints the name with each finding;
# a header exemption names it: `-- privacy: allow <name> because <reason>`).
CHECKS: dict[str, str] = {
    "file": "the query file must be readable UTF-8 text",
    "syntax": "the query must parse as one BigQuery statement",
    "bigquery-analyzer": "GoogleSQL's reference analyzer must accept it, as BigQuery's would",
    "source-tables": "the aggregation repository runs only queries that read the source's own table",
    "columns": "every column must exist in the source's schema",
    "identifier-use": "identifiers are opaque: only counted, tested IS NULL, joined, or keys",
    "identifier-output": "identifier columns must never reach the output, by any path",
    "row-level": "the output must be aggregated: no row per report",
    "identifier-groups": "the output must not have one row per identifier value",
    "per-report-key": "an output key must not have one value per report (full-precision time)",
    "value-aggregate": "no output cell may hold values of single reports or sites",
    "targeted-filter": "no filter may keep only the groups of few entities",
    "select-star": "SELECT * of the table outputs every column, identifiers included",
    "differencing": "no two output aggregates over sets that differ by a few entities (a total "
    "beside its thresholded parts, a total beside a total narrowed by a private value)",
    "side-channel": "a query may not fail or not depending on the data (ERROR(), a division "
    "by a value that can be zero, a call that raises on some values)",
    "run": "the query must run on the fake dataset",
    "k-anonymity": "each output group must be backed by at least k distinct entities",
    "differential-privacy": "a DP query's privacy unit is the entity, its epsilon and delta "
    "within the source's budget (then it meets the small-group rules by construction)",
    "metadata": "the header must answer the telemetry working group's questions",
    "exemption": "an exemption must be listed, with the query's hash, in the reviewed file",
}
# Rules a reviewed `-- privacy: allow <rule> because <reason>` may allow.
EXEMPTABLE = (
    "identifier-use",
    "identifier-output",
    "row-level",
    "identifier-groups",
    "per-report-key",
    "value-aggregate",
    "targeted-filter",
    "differencing",
    "select-star",
    "k-anonymity",
    "metadata",
)


@dataclass
class Analysis:
    """A query's qualified tree (local table names) and what the analysis found."""

    tree: exp.Expression | None = None
    findings: list[Finding] = field(default_factory=list)
    groups: Groups | None = None  # the output groups (for the group-size rules)
    # WITH DIFFERENTIAL_PRIVACY within the source's budget: small groups are dropped by it
    dp: Guarantee = field(default_factory=Guarantee)

    @property
    def ok(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)


def analyze(sql: str, source: Source, where: str = "query") -> Analysis:
    """Parse, check the tables, qualify and run the privacy rules on one query.

    Input too deep to follow is a finding too (deny by default), not a crash.
    """
    try:
        return _analyze(sql, source, where)
    except RecursionError:
        return Analysis(findings=[Finding(1, "syntax", TooDeepError().message)])


def _analyze(sql: str, source: Source, where: str) -> Analysis:
    result = Analysis()
    try:
        tree = parse(sql, where)
        check_read_only(tree, where)
    except UserError as exc:
        result.findings.append(Finding(exc.line or 1, "syntax", without_place(exc)))
        return result
    result.findings.extend(map_source_tables(tree, source))
    result.findings.extend(foreign_functions(tree, source))
    if result.findings:
        return result
    result.dp = guarantee(tree, source)
    result.findings.extend(result.dp.findings)
    result.findings.extend(select_star(tree, source))
    try:
        tree = qualify(tree, source)
    except UserError as exc:
        result.findings.append(Finding(exc.line or 1, "columns", without_place(exc)))
        return result
    result.tree = tree
    resolver = Resolver(tree, source)
    if result.dp.covered and (unit := unit_findings(resolver, source)):
        covered = [f for f in result.dp.findings if f.severity == "info"]
        result.findings = [f for f in result.findings if f not in covered] + unit
        result.dp = Guarantee(findings=unit)
    lineage = Lineage(tree, source, resolver.root)
    for use in refused_uses(resolver):
        result.findings.append(
            Finding(
                use.line,
                "identifier-use",
                f"{_kind_label(use.kind)} is used in {use.construct}; an identifier may only "
                "be counted (COUNT(DISTINCT ...)), tested IS [NOT] NULL, compared with the "
                "same identifier to join, or be a GROUP BY / PARTITION BY key",
            )
        )
    result.findings.extend(side_channels(resolver))
    result.groups = GroupAnalysis(resolver, lineage).run()
    result.findings.extend(lineage_findings(lineage, result.groups))
    result.findings.extend(
        p for p in result.groups.problems if not (result.dp.covered and p.rule in SMALL_GROUP_RULES)
    )
    return result


def _kind_label(kind: str) -> str:
    return kind if kind == ROW_KIND else f"identifier {kind}"


def without_place(exc: UserError) -> str:
    """The error's text for a finding, which carries the line itself."""
    return exc.message + (f"; {exc.hint}" if exc.hint else "")


# -- tables and qualification ------------------------------------------------------------


def source_tables(tree: exp.Expression) -> list[exp.Table]:
    """The table references of a query that name a stored table: not a WITH query visible
    where it stands (BigQuery's scoping), not UNNEST. A table function counts: it is refused."""
    tables = []
    for table in tree.find_all(exp.Table):
        if isinstance(table.this, exp.Func):
            tables.append(table)
            continue
        if not table.name or isinstance(table.this, exp.Unnest):
            continue
        if not table.args.get("db") and visible_cte(table, table.name):
            continue
        tables.append(table)
    return tables


def map_source_tables(tree: exp.Expression, source: Source) -> list[Finding]:
    """Point every table reference at the source's local table, or report it.

    Only the source's own table (under its local, production or public name) may be read:
    the aggregation repository rejects any other table in FROM.
    """

    findings = []
    for table in source_tables(tree):
        if isinstance(table.this, exp.Func):
            findings.append(
                Finding(
                    line_of(table) or 1,
                    "source-tables",
                    f"reads the table function {func_name(table.this)}; a {source.name} "
                    f"query may read only {', '.join(source.table_names)}",
                )
            )
            continue
        name = table_name(table)
        if not names_source_table(name, source):
            findings.append(
                Finding(
                    line_of(table) or 1,
                    "source-tables",
                    f"reads table {name!r}; a {source.name} query may read only "
                    f"{', '.join(source.table_names)}",
                )
            )
            continue
        if table.args.get("version") is not None:
            findings.append(
                Finding(
                    line_of(table) or 1,
                    "source-tables",
                    f"reads table {name!r} FOR SYSTEM_TIME AS OF a past instant: time travel "
                    "returns rows since deleted (a site's deletion request among them); "
                    "read the table as it is",
                )
            )
            continue
        alias = table.alias or table.name
        new = exp.Table(this=exp.to_identifier(source.table))
        new.set("alias", exp.TableAlias(this=exp.to_identifier(alias)))
        table.replace(new)
    return findings


# BigQuery's own function namespaces (NET.IP_FROM_STRING, HLL_COUNT.MERGE, KEYS.NEW_KEYSET,
# AEAD.ENCRYPT, SAFE.LN): any other qualified call names a persistent UDF.
FUNCTION_NAMESPACES = {"NET", "HLL_COUNT", "KEYS", "AEAD", "SAFE", "DETERMINISTIC"}


def foreign_functions(tree: exp.Expression, source: Source) -> list[Finding]:
    """Calls of persistent user-defined functions (`` `project.dataset.f`(x) ``,
    ``bqutil.fn.median(x)``): their SQL or JavaScript lives outside the query, where the
    gate cannot see it, and a SQL UDF may read any table
    (https://cloud.google.com/bigquery/docs/user-defined-functions)."""
    found = []
    for node in tree.find_all(exp.Anonymous):
        name = node.name
        parent = node.parent
        qualified = "." in name
        if isinstance(parent, exp.Dot) and parent.expression is node:
            prefix = parent.this.sql(dialect="bigquery").strip("`")
            qualified = prefix.upper() not in FUNCTION_NAMESPACES
            name = f"{prefix}.{name}"
        if qualified:
            found.append(
                Finding(
                    line_of(node) or 1,
                    "source-tables",
                    f"calls the function {name}, defined outside the query (a persistent "
                    "UDF runs code the gate cannot see, and may read other tables); a "
                    f"{source.name} query may use only BigQuery's functions",
                )
            )
    return found


def names_source_table(name: str, source: Source) -> bool:
    """Whether a table name is the source's table. BigQuery's dataset and table names are
    case-sensitive ("mytable and MyTable can coexist in the same dataset",
    https://cloud.google.com/bigquery/docs/tables#table_naming), so a production or public
    name must match exactly: another case names another table. The local name exists only
    offline (DuckDB, case-insensitive) and is never qualified."""
    if name.lower() == source.table.lower():
        return True
    return name in source.table_names


def qualify(tree: exp.Expression, source: Source) -> exp.Expression:
    """Resolve every column as BigQuery does (the same qualification as translation)."""

    return qualify_bigquery(tree, {source.table: source.schema.sql_types()})


# -- SELECT * ------------------------------------------------------------------------------


def output_selects(tree: exp.Expression) -> list[exp.Select]:
    """The SELECTs whose rows are the query's rows (the outermost one, or each set branch)."""

    node = tree.unnest() if isinstance(tree, exp.Subquery) else tree
    if isinstance(node, exp.SetOperation):
        return output_selects(node.left) + output_selects(node.right)
    return [node] if isinstance(node, exp.Select) else []


def select_star(tree: exp.Expression, source: Source) -> list[Finding]:
    """`SELECT *` (or `t.*`) of the table in the outermost query: every column, identifiers too."""

    findings = []
    for select in output_selects(tree):
        direct = {}
        for table in select.find_all(exp.Table):
            if table.parent_select is select and table.name == source.table:
                direct[(table.alias or table.name).lower()] = table
        if not direct:
            continue
        for proj in select.expressions:
            star = isinstance(proj, exp.Star)
            if isinstance(proj, exp.Column) and isinstance(proj.this, exp.Star):
                star = proj.table.lower() in direct
            if star:
                findings.append(
                    Finding(
                        line_of(select) or 1,
                        "select-star",
                        "SELECT * of the table outputs every column of every report, "
                        "identifiers included: name the columns you aggregate",
                    )
                )
    return findings


# -- lineage findings ---------------------------------------------------------------------


def lineage_findings(lineage: Lineage, groups: Groups | None = None) -> list[Finding]:
    """Identifier columns in the output, and output rows finer than an aggregate."""
    if lineage.root is None:
        return []
    found = []
    for position, (name, taint, node) in enumerate(lineage.outputs(lineage.root), 1):
        label = f"output column {name!r}"
        if name.startswith("_col_") or not name:
            label = f"unnamed output column {position}"
        for ident, via in sorted(taint.items()):
            how = f" ({via})" if via else ""
            found.append(
                Finding(
                    line_of(node) or line_of(lineage.tree) or 1,
                    "identifier-output",
                    f"{label} carries identifier {ident}{how}",
                )
            )
    grain = lineage.grain(lineage.root)
    # GROUP BY / DISTINCT alone lists values of single reports, unless the values are a
    # public catalogue's or one number's (a histogram without its counts).
    listed = groups is not None and groups.small_groups_allowed is not None
    if (grain == ENTITY or (grain == AGGREGATE and not listed)) and _groups_without_aggregate(
        lineage
    ):
        grain = ROW
    if grain == ROW:
        selects = output_selects(lineage.tree)
        line = min((first_line(p) for s in selects for p in s.expressions), default=0)
        pivoted = any(s.args.get("pivots") for s in lineage.tree.find_all(exp.Table, exp.Subquery))
        message = (
            "PIVOT/UNPIVOT output cannot be shown to be aggregated over entities: aggregate "
            "with GROUP BY (one row per key) instead"
            if pivoted
            else "the outermost query outputs a row per report: aggregate it (an aggregate "
            "function such as COUNT(DISTINCT ...) over GROUP BY keys; GROUP BY or DISTINCT "
            "alone lists the values of single reports)"
        )
        found.append(Finding(line or line_of(lineage.tree) or 1, "row-level", message))
    elif grain == ENTITY:
        found.append(
            Finding(
                lineage.entity_line or line_of(lineage.tree) or 1,
                "identifier-groups",
                "the output has one row per identifier value (grouped by an identifier): "
                "aggregate over them instead",
            )
        )
    return found


def _groups_without_aggregate(lineage: Lineage) -> bool:
    """An outermost GROUP BY / DISTINCT with no aggregate function over rows still per report
    or per entity: a list of values, each of which may come from one report."""
    for select in output_selects(lineage.tree):
        scope = lineage.by_node.get(id(select))
        if scope is None or not (select.args.get("group") or select.args.get("distinct")):
            continue
        if has_aggregate(select) or window_aggregation(select) is not None:
            continue
        if lineage.input_grain(scope) >= ENTITY:
            return True
    return False
