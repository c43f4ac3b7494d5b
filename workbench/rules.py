"""The named translation rules, in the order they run.

A rule rewrites the BigQuery syntax tree in place and returns whether it changed
anything, or raises ``UnsupportedError``/``UserError``. Rules that need names resolved
run after ``qualify-columns``. Each rule has its own tests in tests/workbench/test_rules.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fakedata.errors import UserError
from workbench.translate import Context, Translation, UnsupportedError, line_of, table_name

if TYPE_CHECKING:
    from sqlglot import exp


@dataclass(frozen=True)
class Rule:
    name: str
    why: str
    apply: Callable[[exp.Expression, Context, Translation], bool]


def map_table_names(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Production, public-example and local names all read the local DuckDB table.

    An unaliased table keeps its BigQuery short name as alias, so `table.column`
    references written against the production name still resolve.
    """
    from sqlglot import exp

    ctes = {cte.alias_or_name.lower() for cte in tree.find_all(exp.CTE)}
    changed = False
    for table in list(tree.find_all(exp.Table)):
        if not table.name or isinstance(table.this, exp.Func | exp.Unnest):
            continue
        name = table_name(table)
        if not table.args.get("db") and name.lower() in ctes:
            continue
        info = ctx.lookup(name)
        if info is None:
            known = sorted({n for t in ctx.tables for n in t.names})
            hint = f"; known tables: {', '.join(known)}" if known else "; no dataset is loaded"
            raise UserError(f"line {line_of(table) or '?'}: unknown table {name!r}{hint}")
        if info.local not in out.tables:
            out.tables.append(info.local)
        alias = table.alias or table.name
        new = exp.Table(this=exp.to_identifier(info.local))
        if alias != info.local or table.alias:
            new.set("alias", exp.TableAlias(this=exp.to_identifier(alias)))
        if new.sql() != table.sql():
            changed = True
        table.replace(new)
    return changed


def qualify_columns(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Resolve every column as BigQuery does (an UNNEST alias may equal a column name).

    DuckDB resolves `modules.slug` in `FROM t, UNNEST(modules) AS modules` differently
    (the table column wins, or it is ambiguous); qualifying on the BigQuery tree first
    makes every reference explicit before DuckDB sees it.
    """
    from sqlglot.errors import OptimizeError
    from sqlglot.optimizer.qualify import qualify

    schema = {t.local: t.columns for t in ctx.tables}
    try:
        qualified = qualify(
            tree,
            schema=schema,
            dialect="bigquery",
            validate_qualify_columns=True,
            quote_identifiers=False,
            identify=False,
        )
    except OptimizeError as exc:
        raise UserError(_explain_optimize_error(str(exc), tree)) from None
    if qualified is not tree:
        tree.replace(qualified)
    return True


def _explain_optimize_error(message: str, tree: exp.Expression) -> str:
    import re

    from sqlglot import exp

    m = re.search(r"Column '(.+?)' could not be resolved", message)
    if m:
        name = m.group(1).strip('"`')
        line = next(
            (line_of(c) for c in tree.find_all(exp.Column) if c.name == name.split(".")[-1]),
            None,
        )
        return f"line {line or '?'}: unknown column {name!r}"
    m = re.search(r"Unknown table: '?(.+?)'?$", message)
    if m:
        return f"unknown table {m.group(1)!r}"
    return message.split("\n")[0]


def output_names(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Unnamed output columns are called ``f0_``, ``f1_``, ... as BigQuery names them.

    Without this, DuckDB would name them after the expression text (and the pinned clock
    would name a CURRENT_DATE() column after the date). Only the outermost SELECT (each
    branch of a set operation) produces names a user sees.
    """
    from sqlglot import exp

    changed = False
    selects = [tree] if isinstance(tree, exp.Select) else []
    if isinstance(tree, exp.SetOperation):
        selects = [s for s in tree.find_all(exp.Select) if _top_of_set(s, tree)]
    for select in selects:
        anonymous = 0
        for i, proj in enumerate(list(select.expressions)):
            if isinstance(proj, exp.Alias | exp.Star) or (
                isinstance(proj, exp.Column) and not isinstance(proj.this, exp.Star)
            ):
                continue
            if isinstance(proj, exp.Dot) or (
                isinstance(proj, exp.Column) and isinstance(proj.this, exp.Star)
            ):
                continue
            select.expressions[i].replace(exp.alias_(proj.copy(), f"f{anonymous}_"))
            anonymous += 1
            changed = True
    return changed


def _top_of_set(select: exp.Select, root: exp.Expression) -> bool:
    from sqlglot import exp

    node = select.parent
    while node is not None and node is not root:
        if not isinstance(node, exp.SetOperation | exp.Subquery):
            return False
        node = node.parent
    return True


def pin_clock(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """CURRENT_DATE()/CURRENT_TIMESTAMP()/CURRENT_DATETIME()/CURRENT_TIME() read the dataset's as-of instant.

    Offline, "now" is the moment the dataset was generated for, so results and notebook
    outputs do not drift from day to day. A time zone argument is applied exactly.
    """
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from sqlglot import exp

    if ctx.now is None:
        return False
    kinds = (exp.CurrentDate, exp.CurrentTimestamp, exp.CurrentDatetime, exp.CurrentTime)
    changed = False
    for node in list(tree.find_all(*kinds)):
        zone = node.args.get("this") or node.args.get("zone")
        now = ctx.now
        if zone is not None and not isinstance(node, exp.CurrentTimestamp):
            if not (isinstance(zone, exp.Literal) and zone.is_string):
                raise UnsupportedError(
                    f"{node.sql('bigquery')} with a computed time zone",
                    "the pinned clock needs a literal zone name",
                    line_of(node),
                )
            try:
                now = now.astimezone(ZoneInfo(zone.name))
            except (ZoneInfoNotFoundError, ValueError):
                raise UserError(
                    f"line {line_of(node) or '?'}: unknown time zone {zone.name!r}"
                ) from None
        if isinstance(node, exp.CurrentTimestamp):
            text, kind = now.strftime("%Y-%m-%d %H:%M:%S.%f+00"), "TIMESTAMP"
        elif isinstance(node, exp.CurrentDate):
            text, kind = now.strftime("%Y-%m-%d"), "DATE"
        elif isinstance(node, exp.CurrentDatetime):
            text, kind = now.strftime("%Y-%m-%d %H:%M:%S.%f"), "DATETIME"
        else:
            text, kind = now.strftime("%H:%M:%S.%f"), "TIME"
        node.replace(
            exp.cast(exp.Literal.string(text), exp.DataType.build(kind, dialect="bigquery"))
        )
        changed = True
    return changed


def query_parameters(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """BigQuery `@name` parameters become DuckDB named parameters `$name`."""
    from sqlglot import exp

    changed = False
    for node in list(tree.find_all(exp.Parameter)):
        name = node.name
        if not name:
            raise UnsupportedError("positional parameter ?", "use named @parameters", line_of(node))
        if name not in out.parameters:
            out.parameters.append(name)
        node.replace(exp.Placeholder(this=name))
        changed = True
    return changed


RULES: list[Rule] = [
    Rule("table-names", "production and public table names read the local table", map_table_names),
    Rule("output-names", "unnamed output columns are f0_, f1_, ... as in BigQuery", output_names),
    Rule("pinned-clock", "CURRENT_DATE() etc. evaluate at the dataset's as-of date", pin_clock),
    Rule("qualify-columns", "columns resolve as in BigQuery (UNNEST aliases)", qualify_columns),
    Rule("query-parameters", "@name parameters are bound by name", query_parameters),
]
