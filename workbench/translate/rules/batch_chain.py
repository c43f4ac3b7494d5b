"""When an aggregation over windows can run in batches of partitions: the conditions.

``partition-batches`` (``rules/batches.py``) runs the statement once per batch of the values
of one column of the source table (``hash(c) % N = k``) and combines the aggregates. That
gives BigQuery's rows exactly only if every row lands in exactly one batch, each batch's
windows see whole partitions, and each aggregate of the whole is a combination of its
batches' aggregates. This module proves that from the translated tree, or says no:

- the statement is one ``SELECT`` with a plain ``GROUP BY`` (no ROLLUP, CUBE, GROUPING SETS,
  ALL), no window, QUALIFY or join at its top, over a chain of single FROM items (WITH queries
  or subqueries, one per level, each reading the one below) down to one source table;
- below the top, each level only selects, filters and unnests its own row (a select-list
  UNNEST, or a join with an UNNEST, cross or LEFT ... ON TRUE), or filters it with QUALIFY
  on its windows: no GROUP BY, aggregate, DISTINCT, LIMIT, nested WITH, named window, set
  operation or subquery (in any clause, QUALIFY's too), which could mix rows of different
  batches. A QUALIFY is safe because of the next condition: its windows, like every other,
  have the batching column as a PARTITION BY key, so what it reads of other rows is their
  own partition's, whole in the batch, and it keeps or drops the same rows as in one pass;
- the GROUP BY keys and the batching column have types whose equal values hash and group
  as one (no FLOAT64, STRUCT or ARRAY);
- one column ``c`` of the source table is carried unchanged (a plain column reference, under
  any name) through every level, and every window of every level (there is at least one)
  has it among its PARTITION BY keys, so a batch holds each of its partitions whole;
- every aggregate at the top adds up over batches: SUM of INT64 (the partial sums are
  DuckDB's HUGEINT, and the INT64 overflow check the translation put around the SUM now
  applies to the total, as BigQuery raises only if the total overflows), COUNT, COUNTIF,
  MIN and MAX of a non-FLOAT64, LOGICAL_AND/OR, and COUNT(DISTINCT c) (a batch's values of
  ``c`` are its own); no AVG, no FLOAT64 SUM (another order of additions changes the last
  bits), no DISTINCT but COUNT(DISTINCT c), no FILTER, no ORDER BY or LIMIT in the call;
- nothing in the statement is random (RAND(), GENERATE_UUID()), as each batch would draw
  again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlglot import exp

from workbench.translate.rules._sql import is_type, known_type
from workbench.translate.rules.unnest import _join_kind

# what a top-level SELECT may hold; below the top, only ``_LEVEL_ARGS``
_TOP_ARGS = frozenset({"with_", "expressions", "from_", "where", "group", "having", "order"})
_TOP_ARGS |= {"limit", "offset", "distinct"}
# (QUALIFY: its windows are checked with every other window, partitioned by the column)
_LEVEL_ARGS = frozenset({"expressions", "from_", "where", "joins", "qualify"})
# an aggregate's arguments that change no value: COUNT's result type, COUNTIF's zero
_FLAGS = frozenset({"this", "big_int", "zero_on_all_null"})
# types whose equal values are one value to DuckDB's hash and GROUP BY (no -0.0 and 0.0, no
# NaN payloads, no STRUCT or ARRAY holding them): the batching column's and the keys'
_EXACT = ("INT64", "STRING", "BYTES", "BOOL", "DATE", "DATETIME", "TIMESTAMP", "TIME", "NUMERIC")
_RANDOM = frozenset({"RANDOM", "RAND", "UUID", "GEN_RANDOM_UUID", "GENERATE_UUID", "SETSEED"})


@dataclass
class Chain:
    """What the batched form needs: the top SELECT's pieces, the base level and its column."""

    top: exp.Select
    base: exp.Select  # the level whose FROM is the source table (gets the batch predicate)
    table: str  # the source table's local name
    column: exp.Column  # the batching column, as the base level reads it
    keys: list[exp.Expression]  # the GROUP BY expressions (positions resolved)
    # every aggregate at the top (by its DuckDB SQL) → how batches combine: "sum", "count"
    # (a BIGINT sum of counts) or "same" (the function again: MIN, MAX, LOGICAL_AND/OR)
    aggregates: dict[str, tuple[exp.AggFunc, str]] = field(default_factory=dict)


def chain_of(tree: exp.Expression) -> Chain | None:
    """The batching plan of ``tree``, or None when the conditions above do not all hold."""
    if not isinstance(tree, exp.Select) or _has_other_args(tree, _TOP_ARGS):
        return None
    if any(_random(n) for n in tree.walk()):
        return None
    with_ = tree.args.get("with_")
    if with_ is not None and with_.args.get("recursive"):
        return None
    ctes = {cte.alias.lower(): cte.this for cte in (with_.expressions if with_ else [])}
    group = tree.args.get("group")
    if group is None or not group.expressions or _has_other_args(group, {"expressions"}):
        return None
    if _outside_from(tree, exp.Window) or tree.args.get("joins"):
        return None

    levels = _levels(tree, ctes)  # (select, alias of its FROM item), top first
    if levels is None or len(levels) < 2:
        return None
    base, base_item = levels[-1][0], levels[-1][0].args["from_"].this
    for select, _ in levels[1:]:
        if not _row_level(select):
            return None
    if _outside_from(tree, exp.Query):
        return None
    windows = [(i, w) for i, (s, _) in enumerate(levels) for w in _windows(s)]
    if not windows:
        return None  # nothing blocking to split: the one pass streams
    for name in _plain_columns(base, levels[-1][1], _EXACT):
        carried = _carried(levels, name)
        if carried is None:
            continue
        if all(_partitioned(w, levels[i][1], carried[i]) for i, w in windows):
            keys = _keys(tree)
            aggregates = _aggregates(tree, levels[0][1], carried[0])
            if keys is None or aggregates is None:
                return None
            column = exp.column(name, levels[-1][1])
            return Chain(tree, base, base_item.name, column, keys, aggregates)
    return None


def _has_other_args(node: exp.Expression, allowed: frozenset[str] | set[str]) -> bool:
    return any(v not in (None, [], False) and k not in allowed for k, v in node.args.items())


def _random(node: exp.Expression) -> bool:
    if isinstance(node, exp.Rand | exp.Randn | exp.Randstr | exp.Uuid):
        return True
    return isinstance(node, exp.Anonymous) and node.name.upper() in _RANDOM


def _levels(top: exp.Select, ctes: dict[str, exp.Expression]) -> list | None:
    """The chain of SELECTs from the top down to the one reading the source table."""
    levels: list[tuple[exp.Select, str]] = []
    select: exp.Expression = top
    while len(levels) < 64:
        from_ = select.args.get("from_")
        if not isinstance(select, exp.Select) or from_ is None:
            return None
        item = from_.this
        alias = item.alias_or_name if isinstance(item, exp.Table | exp.Subquery) else ""
        if not alias:
            return None
        levels.append((select, alias))
        if isinstance(item, exp.Subquery):
            select = item.this
        elif isinstance(item, exp.Table) and isinstance(item.this, exp.Identifier):
            if item.args.get("db") or item.name.lower() not in ctes:
                return levels  # the source table
            select = ctes[item.name.lower()]
        else:
            return None
    return None


def _row_level(select: exp.Select) -> bool:
    """Whether a level below the top keeps each row to itself (select, filter, unnest)."""
    if _has_other_args(select, _LEVEL_ARGS):
        return False
    for join in select.args.get("joins") or []:
        if not isinstance(join.this, exp.Unnest) or _join_kind(join) is None:
            return False
    if _outside_from(select, exp.Query):
        return False
    return all(agg.find_ancestor(exp.Window) for agg in _outside_from(select, exp.AggFunc))


def _outside_from(select: exp.Select, kind: type) -> list[exp.Expression]:
    """Nodes of ``kind`` in a SELECT's own clauses (not in its FROM item or WITH)."""
    found = []
    for key, value in select.args.items():
        if key in ("from_", "with_") or value is None:
            continue
        for part in value if isinstance(value, list) else [value]:
            if isinstance(part, exp.Expression):
                found.extend(part.find_all(kind))
    return found


def _windows(select: exp.Select) -> list[exp.Window]:
    return [w for w in _outside_from(select, exp.Window) if isinstance(w, exp.Window)]


def _plain_columns(select: exp.Select, alias: str, types: tuple[str, ...]) -> list[str]:
    """The source table's columns of ``types`` the base level selects as they are (the
    candidates for the batching column)."""
    names = []
    for item in select.expressions:
        col = item.unalias()
        if (
            isinstance(col, exp.Column)
            and col.table.lower() == alias.lower()
            and col.name
            and is_type(col, *types)
        ):
            names.append(col.name)
    return names


def _carried(levels: list[tuple[exp.Select, str]], name: str) -> list[str] | None:
    """The column's name in each level's FROM item, top first; None if a level changes it."""
    names = [name]
    for k in range(len(levels) - 1, 0, -1):
        select = levels[k][0]
        upper = _output_of(select, levels[k][1], names[0])
        if upper is None:
            return None
        names.insert(0, upper)
    return names


def _output_of(select: exp.Select, alias: str, name: str) -> str | None:
    """The output name under which ``select`` passes ``alias.name`` on unchanged."""
    outputs = [item.alias_or_name.lower() for item in select.expressions]
    for item in select.expressions:
        col = item.unalias()
        if (
            isinstance(col, exp.Column)
            and col.table.lower() == alias.lower()
            and col.name.lower() == name.lower()
            and outputs.count(item.alias_or_name.lower()) == 1
        ):
            return item.alias_or_name
    return None


def _is_ref(node: exp.Expression, alias: str, name: str) -> bool:
    return (
        isinstance(node, exp.Column)
        and node.table.lower() == alias.lower()
        and node.name.lower() == name.lower()
    )


def _qualified(node: exp.Expression) -> bool:
    """Whether every column ``node`` reads names its FROM item (not a select-list alias or a
    lambda's variable, which the step would read otherwise or not at all)."""
    return all(col.table for col in node.find_all(exp.Column))


def _partitioned(window: exp.Window, alias: str, name: str) -> bool:
    return any(_is_ref(p, alias, name) for p in window.args.get("partition_by") or [])


def _keys(top: exp.Select) -> list[exp.Expression] | None:
    keys = []
    for key in top.args["group"].expressions:
        if isinstance(key, exp.Literal) and not key.is_string:
            position = int(key.name)
            if not 1 <= position <= len(top.expressions):
                return None
            key = top.expressions[position - 1].unalias()
        if key.find(exp.AggFunc, exp.Window, exp.Query) or not is_type(key, *_EXACT):
            return None  # a FLOAT64 key: a batch's 0.0 and another's -0.0 are one group
        if not _qualified(key):
            return None  # a select-list alias: the step, which has none, would read otherwise
        keys.append(key)
    return keys


def _aggregates(top: exp.Select, alias: str, name: str) -> dict | None:
    """Each aggregate of the top SELECT and how batches combine it; None if one does not."""
    found: dict[str, tuple[exp.AggFunc, str]] = {}
    for agg in _outside_from(top, exp.AggFunc):
        if agg.find_ancestor(exp.AggFunc) is not None:
            return None
        how = _combination(agg, alias, name)
        if how is None:
            return None
        found.setdefault(agg.sql(dialect="duckdb"), (agg, how))
    return found


def _combination(agg: exp.AggFunc, alias: str, name: str) -> str | None:
    if isinstance(agg.parent, exp.Filter | exp.IgnoreNulls | exp.RespectNulls | exp.WithinGroup):
        return None
    arg = agg.this
    if any(v not in (None, False, []) for k, v in agg.args.items() if k not in _FLAGS):
        return None  # ORDER BY, LIMIT, a second argument
    if isinstance(arg, exp.Distinct):
        parts = arg.expressions
        if isinstance(agg, exp.Count) and len(parts) == 1 and _is_ref(parts[0], alias, name):
            return "count"
        return None
    if arg is None or arg.find(exp.AggFunc, exp.Window, exp.Query) or not _qualified(arg):
        return None
    if isinstance(agg, exp.Sum):
        return "sum" if is_type(arg, "INT64") else None
    if isinstance(agg, exp.Count | exp.CountIf):
        return "count"
    if isinstance(agg, exp.Min | exp.Max):
        return "same" if known_type(arg) and not is_type(arg, "FLOAT64") else None
    if isinstance(agg, exp.LogicalAnd | exp.LogicalOr):
        return "same"
    return None
