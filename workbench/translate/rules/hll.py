"""HLL_COUNT.* run exactly (see approximate.py, whose notice they share): a sketch offline
is BYTES holding the exact set of distinct values (as text) and the input type, so
EXTRACT/MERGE equal COUNT(DISTINCT). Its bytes are not BigQuery's, so a sketch may not leave
the query (an output column that is a sketch is refused), and a sketch read from a table
cannot be merged offline. Over a window: refused.
https://cloud.google.com/bigquery/docs/reference/standard-sql/hll_functions
"""

from __future__ import annotations

from sqlglot import exp
from sqlglot.optimizer.scope import Scope, build_scope

from wbcore.errors import UserError
from workbench.translate.context import Context, Translation, UnsupportedError, line_of
from workbench.translate.rules._sql import (
    bq_type,
    fail,
    is_type,
    known_type,
    nodes,
    template,
    written_name,
)

HLL_FUNCTIONS = ("INIT", "MERGE", "MERGE_PARTIAL", "EXTRACT")
HLL_NAMES = tuple(f"HLL_COUNT.{f}" for f in HLL_FUNCTIONS)
HLL_INPUTS = ("INT64", "NUMERIC", "BIGNUMERIC", "STRING", "BYTES")
_SKETCH_ERROR = "HLL_COUNT sketch was not made by HLL_COUNT.INIT in this query"


def hll_name(node: exp.Expression) -> str:
    """``HLL_COUNT.MERGE`` for the call of a dotted HLL_COUNT function, '' for any other node."""
    if not isinstance(node, exp.Anonymous):
        return ""
    name = written_name(node)
    return name if name.startswith("HLL_COUNT.") else ""


# An offline sketch: BYTES of the text ``wbhll1:<input type>:<value>,<value>,...``, every part
# hex (so the BYTES read back as the same text), the values sorted and distinct.
_PREFIX = "wbhll1:"


def _sketch_values(sketch: exp.Expression) -> exp.Expression:
    """The value set of a sketch (VARCHAR[]); an error for bytes that are no offline sketch."""
    return template(
        "CASE WHEN __s IS NULL THEN NULL "
        f"WHEN NOT starts_with(CAST(__s AS VARCHAR), '{_PREFIX}') THEN __bad "
        "WHEN split_part(CAST(__s AS VARCHAR), ':', 3) = '' THEN CAST([] AS VARCHAR[]) "
        "ELSE string_split(split_part(CAST(__s AS VARCHAR), ':', 3), ',') END",
        s=sketch,
        bad=fail(_SKETCH_ERROR),
    )


def _sketch_type(sketch: exp.Expression) -> exp.Expression:
    return template(
        f"CASE WHEN starts_with(CAST(__s AS VARCHAR), '{_PREFIX}') "
        "THEN split_part(CAST(__s AS VARCHAR), ':', 2) END",
        s=sketch,
    )


def _make_sketch(type_: exp.Expression, values: exp.Expression) -> exp.Expression:
    return template(
        f"encode('{_PREFIX}' || __t || ':' || array_to_string(list_sort(__v), ','))",
        t=type_,
        v=values,
    )


def _hll(name: str, node: exp.Anonymous) -> exp.Expression:
    args = node.expressions
    line = line_of(node)
    if name == "HLL_COUNT.INIT":
        if not 1 <= len(args) <= 2:
            raise UserError("HLL_COUNT.INIT takes an input and an optional precision", line=line)
        x = args[0]
        if known_type(x) and not is_type(x, *HLL_INPUTS):
            raise UserError(
                f"HLL_COUNT.INIT takes INT64, NUMERIC, BIGNUMERIC, STRING or BYTES, not "
                f"{bq_type(x)}",
                line=line,
                construct=name,
            )
        checked: exp.Expression | None = None  # a query parameter's precision: at run time
        if len(args) == 2 and isinstance(args[1], exp.Parameter | exp.Placeholder):
            # "a literal or query parameter" (hll_functions#hll_countinit)
            checked = args[1]
        elif len(args) == 2:
            p = args[1]
            if not (isinstance(p, exp.Literal) and not p.is_string and 10 <= int(p.name) <= 24):
                raise UserError(
                    "the precision of HLL_COUNT.INIT must be an INT64 literal from 10 to 24 "
                    "(or a query parameter)",
                    line=line,
                    construct=name,
                )
        # each value as hex text: distinct values stay distinct (BYTES too), the sketch ASCII;
        # the input type (DuckDB's name for it) is checked when sketches merge
        key = "hex(CAST(__x AS VARCHAR))"
        if is_type(x, "BYTES"):
            key = "hex(__x)"
        elif not known_type(x):  # hex() takes BLOB, VARCHAR and integers (not DECIMAL)
            key = f"CASE WHEN typeof(__x) = 'BLOB' THEN hex(__x) ELSE {key} END"
        values = template(f"list(DISTINCT {key}) FILTER (WHERE __x IS NOT NULL)", x=x)
        sketch = _make_sketch(template("hex(any_value(typeof(__x)))", x=x), values)
        made = template("CASE WHEN count(__x) = 0 THEN NULL ELSE __k END", x=x, k=sketch)
        if checked is None:
            return made
        return template(
            "CASE WHEN __p IS NULL OR __p < 10 OR __p > 24 THEN __bad ELSE __k END",
            p=checked,
            bad=fail("the precision of HLL_COUNT.INIT must be from 10 to 24"),
            k=made,
        )
    if len(args) != 1 or (known_type(args[0]) and not is_type(args[0], "BYTES")):
        raise UserError(f"{name} takes one BYTES sketch", line=line, construct=name)
    s = args[0]
    if name == "HLL_COUNT.EXTRACT":
        return template("coalesce(len(__v), 0)", v=_sketch_values(s))
    merged = template("list_distinct(flatten(list(__v)))", v=_sketch_values(s))
    same_type = template(
        "CASE WHEN count(DISTINCT __t) > 1 THEN __bad END",
        t=_sketch_type(s),
        bad=fail(f"{name} cannot merge sketches initialized on different types"),
    )
    if name == "HLL_COUNT.MERGE":
        return template("coalesce(__c, coalesce(len(__m), 0))", c=same_type, m=merged)
    sketch = _make_sketch(template("min(__t)", t=_sketch_type(s)), merged)
    return template(
        "coalesce(__c, CASE WHEN count(__s) = 0 THEN NULL ELSE __k END)",
        c=same_type,
        s=s,
        k=sketch,
    )


def hll_count(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """HLL_COUNT.INIT/MERGE/MERGE_PARTIAL/EXTRACT on exact sets; sketches stay in the query."""

    calls = [(hll_name(n), n) for n in nodes(tree, exp.Anonymous)]
    calls = [(name, n) for name, n in calls if name]
    if not calls:
        return False
    for name, node in calls:
        if isinstance(node.parent, exp.Dot) and isinstance(node.parent.parent, exp.Window):
            raise UnsupportedError(
                f"{name} ... OVER (...)",
                "offline sketches are exact sets built by aggregates that take no window here "
                "(and a sketch's bytes differ from BigQuery's); aggregate in a subquery",
                line_of(node),
            )
    _refuse_sketch_output(tree)
    for name, node in reversed(calls):  # innermost first: an outer call copies what it holds
        if name not in HLL_NAMES:
            continue  # the refusal rule has named it already
        node.parent.replace(_hll(name, node))
    return True


def _refuse_sketch_output(tree: exp.Expression) -> None:
    """A sketch (INIT / MERGE_PARTIAL) may not be an output column: its bytes differ."""
    root = build_scope(tree)
    if root is None:
        return
    for select in _output_selects(root):
        for proj in select.expression.expressions:
            found = _sketch_in(proj, select)
            if found:
                raise UnsupportedError(
                    f"a {found} sketch as a query result",
                    "the workbench keeps an exact set, not BigQuery's HLL++ bytes; return "
                    "HLL_COUNT.EXTRACT(...) or HLL_COUNT.MERGE(...) instead",
                    line_of(proj),
                )


def _output_selects(scope: Scope) -> list[Scope]:
    if isinstance(scope.expression, exp.SetOperation):
        return [s for u in scope.set_operation_scopes for s in _output_selects(u)]
    return [scope]


def _sketch_in(proj: exp.Expression, scope: Scope) -> str:
    """The sketch function an output expression is (directly or through a FROM source)."""
    value = proj.this if isinstance(proj, exp.Alias) else proj
    for node in [value, *([] if not isinstance(value, exp.Dot) else [value.expression])]:
        name = hll_name(node)
        if name in ("HLL_COUNT.INIT", "HLL_COUNT.MERGE_PARTIAL"):
            return name
    if isinstance(value, exp.Dot) and isinstance(value.expression, exp.Anonymous):
        name = hll_name(value.expression)
        if name in ("HLL_COUNT.INIT", "HLL_COUNT.MERGE_PARTIAL"):
            return name
    columns: list[exp.Column] = []
    if isinstance(value, exp.Column):
        columns = [value]
    elif isinstance(value, exp.Star):
        for source in scope.selected_sources.values():
            inner = source[1]
            if isinstance(inner, Scope):
                for p in (
                    inner.expression.expressions if isinstance(inner.expression, exp.Select) else []
                ):
                    found = _sketch_in(p, inner)
                    if found:
                        return found
        return ""
    for col in columns:
        source = scope.sources.get(col.table) if col.table else None
        candidates = [source] if source is not None else list(scope.sources.values())
        for inner in candidates:
            if not isinstance(inner, Scope):
                continue
            for sub in _output_selects(inner):
                if not isinstance(sub.expression, exp.Select):
                    continue
                for p in sub.expression.expressions:
                    if p.alias_or_name == col.name or isinstance(p, exp.Star):
                        found = _sketch_in(p, sub)
                        if found:
                            return found
    return ""
