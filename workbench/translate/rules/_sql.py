"""Small builders for the DuckDB expressions the rules put into the tree.

Rules build run-time checks inline (``CASE WHEN <bad> THEN error(<msg>) ELSE <ok> END``)
rather than as DuckDB macros, so that a ``SAFE.`` prefix can turn exactly those errors
into NULL (see ``maths.safe_prefix``) and the translated SQL stands on its own.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

import sqlglot
from sqlglot import exp

from wbcore.errors import UnsupportedError
from wbcore.types import TYPES

# Set (tests do, WORKBENCH_CHECK_INDEX=1) to compare every index answer with a fresh walk.
CHECK_INDEX = bool(os.environ.get("WORKBENCH_CHECK_INDEX"))


@dataclass
class _Index:
    """Every node of one statement by class, in sqlglot's DFS order, with its depth.

    Some 80 rules each look for a few kinds of node; a walk of the whole tree per lookup was
    two thirds of a translation. The index is built with one walk and stays valid while the
    tree is unchanged: sqlglot clears the cached ``_hash`` of every node from a changed one up
    to the root (``Expression.set``/``append``, which ``replace`` and ``pop`` use), so a root
    hash equal to the one taken with the index means no change in between; and every node
    returned is checked to be still in the tree, for a change that left an equal tree.
    """

    root: exp.Expression
    hash: int
    nodes: list[exp.Expression] = field(default_factory=list)
    depths: list[int] = field(default_factory=list)
    by_class: dict[type, list[int]] = field(default_factory=dict)
    # kinds asked for → the classes present that are instances of them (isinstance semantics)
    classes: dict[tuple[type, ...], list[type]] = field(default_factory=dict)


_INDEX: _Index | None = None
# The most nodes a statement may grow to while it is translated. Rules that guard a call's
# domain repeat its argument, so nested calls multiply: LOG(LOG(LOG(SAFE.POW(2.0, x), 2), 2), 2)
# grew to 24 MB of SQL in nearly five minutes, before any time limit applies (that limit is
# the run's). The longest honest statements stay far below (20,000 IN items: 20,000 nodes).
MAX_NODES = 250_000


def _build(tree: exp.Expression) -> _Index:
    index = _Index(root=tree, hash=hash(tree))
    stack = [(tree, 0)]
    while stack:  # sqlglot's dfs: pre-order, children left to right
        node, depth = stack.pop()
        if len(index.nodes) > MAX_NODES:
            raise UnsupportedError(
                "a statement this large once translated",
                f"its translation grew past {MAX_NODES:,} nodes (nested calls whose "
                "arguments the translation repeats, such as LOG or SAFE. functions inside "
                "each other); compute the inner values in a WITH query first",
            )
        index.by_class.setdefault(type(node), []).append(len(index.nodes))
        index.nodes.append(node)
        index.depths.append(depth)
        stack.extend((child, depth + 1) for child in node.iter_expressions(reverse=True))
    return index


def _attached(node: exp.Expression, root: exp.Expression) -> bool:
    while node is not root:
        parent = node.parent
        if parent is None:
            return False
        slot = parent.args.get(node.arg_key)
        if isinstance(slot, list):  # sqlglot's ``index`` can lag after list edits
            at = node.index
            # the index first: a scan of a 20,000-item IN list for each of its items was
            # quadratic (a minute to translate one long query)
            if not (at is not None and at < len(slot) and slot[at] is node) and not any(
                item is node for item in slot
            ):
                return False
        elif slot is not node:
            return False
        node = parent
    return True


def nodes(
    tree: exp.Expression, *kinds: type[exp.Expression], bfs: bool = True
) -> list[exp.Expression]:
    """``list(tree.find_all(*kinds, bfs=bfs))``, from an index of the statement when ``tree``
    is a whole statement (a root), so rules that find nothing to do cost no walk."""
    global _INDEX
    if tree.parent is not None:
        return list(tree.find_all(*kinds, bfs=bfs))
    index = _INDEX
    if index is None or index.root is not tree or getattr(tree, "_hash", None) != index.hash:
        index = _INDEX = _build(tree)
        fresh = True
    else:
        fresh = False
    classes = index.classes.get(kinds)
    if classes is None:
        classes = index.classes[kinds] = [c for c in index.by_class if issubclass(c, kinds)]
    found = sorted(i for c in classes for i in index.by_class[c])
    if bfs:
        found.sort(key=index.depths.__getitem__)  # stable: level order, left to right
    result = [index.nodes[i] for i in found]
    if not fresh and not all(_attached(node, tree) for node in result):
        _INDEX = None
        return nodes(tree, *kinds, bfs=bfs)
    if CHECK_INDEX:
        walked = list(tree.find_all(*kinds, bfs=bfs))
        if len(walked) != len(result) or any(
            a is not b for a, b in zip(walked, result, strict=True)
        ):
            raise AssertionError(f"node index out of date for {[k.__name__ for k in kinds]}")
    return result


def forget_index() -> None:
    """Drop the index (the translation ends; its tree should not be kept alive)."""
    global _INDEX
    _INDEX = None


def bottom_up(tree: exp.Expression, *kinds: type[exp.Expression]) -> Iterator[exp.Expression]:
    """The nodes of ``kinds`` in ``tree``, each after every node inside it.

    Rules replace a node by a check that holds copies of its children: rewriting the outer
    node first would leave the inner one's rewrite in a detached tree, and its check lost
    (``1 / (1 / 0)`` returned 0). Children first, the outer rewrite copies the checked
    children. A node's replacement keeps its BigQuery type, which the rewrite preserves and
    the rewrites of the nodes around it read (``is_type``).
    """
    for node in reversed(nodes(tree, *kinds, bfs=False)):
        parent, key, index, kind = node.parent, node.arg_key, node.index, node.type
        yield node
        if parent is None or kind is None:
            continue
        slot = parent.args.get(key)
        if isinstance(slot, list):
            slot = slot[index] if index is not None and index < len(slot) else None
        if slot is not node and isinstance(slot, exp.Expression) and not known_type(slot):
            slot.type = kind.copy()


def fn(name: str, *args: exp.Expression) -> exp.Expression:

    return exp.Anonymous(this=name, expressions=list(args))


def fail(message: str) -> exp.Expression:
    """DuckDB's error(): the query stops with ``message``, as BigQuery's would."""

    return fn("error", exp.Literal.string(message))


def case(cond: exp.Expression, then: exp.Expression, default: exp.Expression) -> exp.Expression:

    return exp.Case(ifs=[exp.If(this=cond, true=then)], default=default)


def cast(node: exp.Expression, to: str) -> exp.Expression:

    return exp.Cast(this=node, to=duckdb_type(to))


@cache
def _duckdb_type(text: str) -> exp.DataType:
    return exp.DataType.build(text, dialect="duckdb")


def duckdb_type(text: str) -> exp.DataType:
    """A DuckDB type from its text, parsed once per text (sqlglot parses a type string on
    every DataType.build, a fifth of a millisecond each: thousands per query)."""
    return _duckdb_type(text).copy()


def has_type(datatype: exp.DataType, *kinds: exp.DataType.Type) -> bool:
    """Whether a written type (a CAST's target) is one of ``kinds``: DataType.is_type with a
    string argument parses the string on every call."""
    return datatype.this in kinds


def template(sql: str, **args: exp.Expression) -> exp.Expression:
    """A DuckDB expression with ``__name`` columns replaced by copies of ``args`` (a tree).

    The template is DuckDB SQL written in a rule, never user text; the user's expressions go
    in as trees.
    """
    tree = sqlglot.parse_one(sql, read="duckdb")

    def put(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Column) and not node.table and node.name[2:] in args:
            return args[node.name[2:]].copy()
        return node

    return tree.transform(put)


def typed(new: exp.Expression, like: exp.Expression | str) -> exp.Expression:
    """``new`` with the type annotation later rules read (``is_type``): a DuckDB type's text,
    or the type of the node it replaces."""
    new.type = exp.DataType.build(like, dialect="duckdb") if isinstance(like, str) else like.type
    return new


def cast_double(node: exp.Expression) -> exp.Expression:
    return cast(node, "DOUBLE")


def aggregated(arg: exp.Expression) -> exp.Expression:
    """The value an aggregate's argument aggregates (``DISTINCT x``: ``x``)."""
    if isinstance(arg, exp.Distinct) and arg.expressions:
        return arg.expressions[0]
    return arg


def num(value: int) -> exp.Expression:

    return exp.Literal.number(value)


def paren(node: exp.Expression) -> exp.Expression:

    return exp.Paren(this=node)


def _bigquery_names() -> dict[exp.DataType.Type, str]:
    """Each sqlglot type → the GoogleSQL type name sqlglot's BigQuery dialect writes for it
    (one generation per type: this runs when the rules load, on every command that translates)."""
    names = {}
    for t in exp.DataType.Type:
        try:
            text = exp.DataType(this=t).sql("bigquery").upper()
        except Exception:  # a type BigQuery's dialect cannot write is no BigQuery type
            continue
        names[t] = text.split("<")[0].split("(")[0]
    return names


_WRITTEN = _bigquery_names()
# GoogleSQL type name → sqlglot's types of it (INT64: BIGINT, INT, SMALLINT, TINYINT; ...),
# so rules compare the annotated sqlglot type, never the SQL text of a type.
FAMILIES: dict[str, frozenset[exp.DataType.Type]] = {
    name: frozenset(t for t, written in _WRITTEN.items() if written == name)
    for name in (
        *(t.sql for t in TYPES.values() if t.name != "GEOGRAPHY"),
        "GEOGRAPHY",
        "ARRAY",
        "STRUCT",
        "INTERVAL",
    )
}
_NAMES = {t: name for name, family in FAMILIES.items() for t in family}


def _datatype(node: exp.Expression | exp.DataType | None) -> exp.DataType | None:
    t = node if isinstance(node, exp.DataType) else getattr(node, "type", None)
    if t is None or t.this == exp.DataType.Type.UNKNOWN:
        return None
    return t


def is_type(node: exp.Expression | exp.DataType | None, *names: str) -> bool:
    """Whether sqlglot's annotation gave ``node`` one of the GoogleSQL types ``names``."""
    t = _datatype(node)
    return t is not None and any(t.this in FAMILIES[n] for n in names)


def temporal_kind(node: exp.Expression) -> str:
    """DATE, TIME, DATETIME or TIMESTAMP: the civil-time type of ``node`` ('' for others)."""
    for kind in ("DATE", "TIME", "DATETIME", "TIMESTAMP"):
        if is_type(node, kind):
            return kind
    return ""


def struct_fields(t: exp.DataType) -> list[tuple[str | None, exp.DataType | None]]:
    """A STRUCT type's fields: (name, None when anonymous; type, None when unknown)."""
    out: list[tuple[str | None, exp.DataType | None]] = []
    for f in t.expressions:
        kind = f.args.get("kind") if isinstance(f, exp.ColumnDef) else f
        name = (f.name or None) if isinstance(f, exp.ColumnDef) else None
        out.append((name, kind if isinstance(kind, exp.DataType) else None))
    return out


def struct_items(node: exp.Expression) -> list[tuple[str | None, exp.Expression]] | None:
    """A ``STRUCT(...)`` constructor's or a tuple's fields as (name or None, value); None
    for any other expression."""
    if isinstance(node, exp.Tuple):
        return [(None, e) for e in node.expressions]
    if not isinstance(node, exp.Struct):
        return None
    items: list[tuple[str | None, exp.Expression]] = []
    for e in node.expressions:
        if isinstance(e, exp.PropertyEQ):
            items.append((e.this.name or None, e.expression))
        elif isinstance(e, exp.Alias):
            items.append((e.alias or None, e.this))
        else:
            items.append((None, e))
    return items


def known_type(node: exp.Expression | None) -> bool:
    return _datatype(node) is not None


def element_type(node: exp.Expression | None) -> exp.DataType | None:
    """The element type of an ARRAY-typed node (None if not an array or unknown)."""
    t = _datatype(node)
    if t is None or t.this not in FAMILIES["ARRAY"] or not t.expressions:
        return None
    return t.expressions[0] if isinstance(t.expressions[0], exp.DataType) else None


def bq_type(node: exp.Expression | exp.DataType | None) -> str:
    """The GoogleSQL name of ``node``'s annotated type, for messages ('' when unknown)."""
    t = _datatype(node)
    if t is None:
        return ""
    name = _NAMES.get(t.this, t.this.name)
    if name == "ARRAY":
        inner = element_type(node)
        return f"ARRAY<{bq_type(inner) or '?'}>"
    return name


def is_int(node: exp.Expression | None) -> bool:
    return is_type(node, "INT64")


def unit_name(unit: exp.Expression | None) -> str:
    """DAY, WEEK, WEEK(MONDAY), ISOWEEK, ... as written."""

    if unit is None:
        return ""
    if isinstance(unit, exp.WeekStart):
        return f"WEEK({unit.name.upper()})"
    return unit.name.upper()


WEEKDAYS = ("SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY")


def written_name(node: exp.Expression) -> str:
    """A call's name as BigQuery SQL writes it: ``HLL_COUNT.MERGE``, ``FLOAT64``, ``BOOL``."""
    if isinstance(node, exp.Anonymous):
        name = node.name.upper()
        parent = node.parent
        if isinstance(parent, exp.Dot) and parent.expression is node:
            return f"{parent.this.sql(dialect='bigquery').upper()}.{name}"
        return name
    text = node.sql(dialect="bigquery")
    return text.split("(", 1)[0].strip().upper() or node.sql_name()


def func_name(node: exp.Expression) -> str:
    """A function call's BigQuery name, without copying anything (rules test it first)."""
    return node.name.upper() if isinstance(node, exp.Anonymous) else node.sql_name().upper()


def func_call(node: exp.Expression) -> tuple[str, list[exp.Expression]]:
    """(BigQuery name, argument copies) of a function call, known to sqlglot or not."""

    if isinstance(node, exp.Anonymous):
        return node.name.upper(), [a.copy() for a in node.expressions]
    args: list[exp.Expression] = []
    for key in node.arg_types:
        value = node.args.get(key)
        if isinstance(value, list):
            args.extend(v.copy() for v in value)
        elif isinstance(value, exp.Expression):
            args.append(value.copy())
    return node.sql_name().upper(), args


def unused_name(base: str, used: set[str]) -> str:
    """``base0``, ``base1``, ...: the first no identifier in ``used`` spells (added to it)."""
    n = 0
    while f"{base}{n}" in used:
        n += 1
    used.add(f"{base}{n}")
    return f"{base}{n}"
