"""The query as BigQuery runs it for a comparison, and the order its result must keep.

Against the published example table, two things of the query text change, on the syntax
tree, and only there: each reference to the source's table names the published table
instead, and the clock (CURRENT_DATE(), CURRENT_TIMESTAMP(), CURRENT_DATETIME(),
CURRENT_TIME()) reads the offline engine's pinned instant, the dataset's as-of date, since
BigQuery's clock cannot be set and the published rows end at that date. As in ``promote``,
only the characters of those references change (sqlglot records where each came from), the
result is re-parsed and compared with the same rewrite done on the tree, and should the two
ever differ the query is generated from the tree instead.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.tokens import TokenType

from wbcore.errors import UserError
from workbench.aggregation import regenerate
from workbench.privacy import source_tables
from workbench.publish import TableId
from workbench.translate import parse, table_name

if TYPE_CHECKING:
    from fakedata.source import Source

# The clock functions, each with the function of a TIMESTAMP (and time zone) it becomes.
_CLOCK_TOKENS = {
    TokenType.CURRENT_DATE: "DATE",
    TokenType.CURRENT_DATETIME: "DATETIME",
    TokenType.CURRENT_TIME: "TIME",
    TokenType.CURRENT_TIMESTAMP: None,  # the instant itself
}
_CLOCK_NODES = {
    exp.CurrentDate: "DATE",
    exp.CurrentDatetime: "DATETIME",
    exp.CurrentTime: "TIME",
    exp.CurrentTimestamp: None,
}


def instant_literal(now: dt.datetime) -> str:
    """A TIMESTAMP literal of ``now`` (UTC), to the microsecond (no fraction when it is 0)."""
    utc = now.astimezone(dt.UTC)
    fraction = f".{utc.microsecond:06d}" if utc.microsecond else ""
    return f"TIMESTAMP '{utc:%Y-%m-%d %H:%M:%S}{fraction}+00'"


def _clock_call(function: str | None, instant: str, args: str) -> str:
    if function is None:
        return instant
    return f"{function}({instant}{', ' + args if args else ''})"


def published_sql(
    sql: str, source: Source, table: TableId, now: dt.datetime | None, where: str = "query"
) -> str:
    """``sql`` reading ``table`` instead of the source's table, its clock pinned to ``now``."""
    tree = parse(sql, where)
    target = f"`{table}`"
    short = table.table
    edits: list[tuple[int, int, str]] = []
    for ref in source_tables(tree):
        name = table_name(ref)
        if name.lower() not in (n.lower() for n in source.table_names):
            raise UserError(f"reads table {name!r}, not a {source.name} table", file=where)
        # a reference without an alias is known by its last part: keep that name for columns
        keep = ref.name if not ref.alias and ref.name != short else None
        span = _span(ref)
        if span is not None:
            edits.append((*span, target + (f" AS {keep}" if keep else "")))
        new = exp.maybe_parse(target, into=exp.Table, dialect="bigquery")
        alias = ref.args.get("alias")
        if alias is not None:
            new.set("alias", alias.copy())
        elif keep:
            new.set("alias", exp.TableAlias(this=exp.to_identifier(keep)))
        ref.replace(new)
    clocks = 0
    if now is not None:
        instant = instant_literal(now)
        edits.extend(_clock_edits(sql, instant))
        for node in list(tree.find_all(*_CLOCK_NODES)):
            args = ", ".join(
                a.sql(dialect="bigquery")
                for a in node.args.values()
                if isinstance(a, exp.Expression)
            )
            text = _clock_call(_CLOCK_NODES[type(node)], instant, args)
            node.replace(exp.maybe_parse(text, dialect="bigquery"))
            clocks += 1
    if not edits and not clocks:
        return sql
    text = sql
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    try:
        if parse(text, where).sql(dialect="bigquery") == tree.sql(dialect="bigquery"):
            return text
    except UserError:
        pass
    return regenerate(sql, tree)


def _span(table: exp.Table) -> tuple[int, int] | None:
    """[start, end) of a table reference's name in the query text (without its alias)."""
    starts, ends = [], []
    for part in table.parts:
        if "start" not in part.meta or "end" not in part.meta:
            return None
        starts.append(part.meta["start"])
        ends.append(part.meta["end"] + 1)
    return (min(starts), max(ends)) if starts else None


def _clock_edits(sql: str, instant: str) -> list[tuple[int, int, str]]:
    """Each clock call of the text (with or without its parentheses) and what replaces it."""
    tokens = Dialect.get_or_raise("bigquery").tokenize(sql)
    edits = []
    for i, token in enumerate(tokens):
        if token.token_type not in _CLOCK_TOKENS:
            continue
        end, args = token.end + 1, ""
        if i + 1 < len(tokens) and tokens[i + 1].token_type == TokenType.L_PAREN:
            depth, j = 0, i + 1
            while j < len(tokens):
                kind = tokens[j].token_type
                depth += (kind == TokenType.L_PAREN) - (kind == TokenType.R_PAREN)
                if depth == 0:
                    break
                j += 1
            if j == len(tokens):
                continue  # unbalanced: the tree comparison sends the generated query
            args = sql[tokens[i + 1].end + 1 : tokens[j].start].strip()
            end = tokens[j].end + 1
        edits.append(
            (token.start, end, _clock_call(_CLOCK_TOKENS[token.token_type], instant, args))
        )
    return edits


def order_keys(sql: str, columns: list[str], where: str = "query") -> list[int] | None:
    """The output columns the outermost ORDER BY sorts by (None: the query does not order).

    A key that is an output column (by name or position, or the very expression selected)
    is that column; any other key (an expression not in the output) orders by what cannot be
    seen, so then every column is a key: the rows' positions must match.
    """
    tree = parse(sql, where)
    order = tree.args.get("order")
    if not isinstance(order, exp.Order) or not order.expressions:
        return None
    selected = tree.expressions if isinstance(tree, exp.Select) else []
    lowered = [c.lower() for c in columns]
    keys: list[int] = []
    for ordered in order.expressions:
        key = ordered.this
        index = None
        if isinstance(key, exp.Literal) and not key.is_string and key.this.isdigit():
            index = int(key.this) - 1
        elif isinstance(key, exp.Column) and not key.table and key.name.lower() in lowered:
            index = lowered.index(key.name.lower())
        else:
            text = key.sql(dialect="bigquery")
            for i, projection in enumerate(selected):
                if projection.unalias().sql(dialect="bigquery") == text:
                    index = i
                    break
        if index is None or not 0 <= index < len(columns):
            return list(range(len(columns)))
        keys.append(index)
    return keys
