"""Approximate functions, run exactly: APPROX_* and HLL_COUNT.*.

BigQuery documents each of them as an estimate, not necessarily the actual value; on small
inputs its algorithms are exact (HLL++ keeps a sparse exact set, the quantile and top-k
sketches keep every value), so the exact answer is one BigQuery can return. Offline they
run exactly, and the translation says so (``NOTICE`` in the rules that fired): a query
developed here may see slightly different numbers on large production data.

- APPROX_COUNT_DISTINCT(x) → COUNT(DISTINCT x).
- APPROX_QUANTILES([DISTINCT] x, n [IGNORE|RESPECT NULLS]) → n + 1 values of the sorted
  input, quantile i at 1-based rank max(1, ceil(i * N / n)) (PERCENTILE_DISC's rank: the
  smallest value whose cumulative share reaches i / n; every documented example agrees);
  RESPECT NULLS sorts NULLs first, as BigQuery's ORDER BY does.
- APPROX_TOP_COUNT / APPROX_TOP_SUM → exact counts/sums per value (NULL is a value), the
  largest first; among equal counts BigQuery promises no order, offline the smaller value
  comes first.
- HLL_COUNT.*: a sketch offline is BYTES holding the exact set of distinct values (as
  text) and the input type, so EXTRACT/MERGE equal COUNT(DISTINCT). Its bytes are not
  BigQuery's, so a sketch may not leave the query (an output column that is a sketch is
  refused), and a sketch read from a table cannot be merged offline.
"""

from __future__ import annotations

from sqlglot import exp
from sqlglot.optimizer.scope import Scope, build_scope

from wbcore.errors import UserError
from workbench.translate.context import Context, Translation, UnsupportedError, line_of
from workbench.translate.rules._sql import (
    bottom_up,
    bq_type,
    fail,
    is_type,
    known_type,
    nodes,
    template,
    written_name,
)

NOTICE = "approximate on BigQuery: exact offline"
MAX_NUMBER = 100_000  # BigQuery's limit on APPROX_QUANTILES / APPROX_TOP_* number
HLL_FUNCTIONS = ("INIT", "MERGE", "MERGE_PARTIAL", "EXTRACT")
HLL_NAMES = tuple(f"HLL_COUNT.{f}" for f in HLL_FUNCTIONS)
HLL_INPUTS = ("INT64", "NUMERIC", "BIGNUMERIC", "STRING", "BYTES")
_SKETCH_ERROR = "HLL_COUNT sketch was not made by HLL_COUNT.INIT in this query"


def _function_name(node: exp.Expression) -> str:
    names = {
        exp.ApproxDistinct: "APPROX_COUNT_DISTINCT",
        exp.ApproxQuantiles: "APPROX_QUANTILES",
        exp.ApproxTopK: "APPROX_TOP_COUNT",
        exp.ApproxTopSum: "APPROX_TOP_SUM",
    }
    return names.get(type(node), node.name.upper())


def _number(node: exp.Expression, value: exp.Expression | None) -> exp.Expression:
    """``number`` of APPROX_QUANTILES/TOP_*: an INT64 literal or parameter in 1..100000."""
    name = _function_name(node)
    if value is None:
        raise UserError(f"{name} needs its number argument", line=line_of(node), construct=name)
    negative = isinstance(value, exp.Neg) and isinstance(value.this, exp.Literal)
    literal = value.this if negative else value
    if isinstance(literal, exp.Literal) and not literal.is_string:
        try:
            n: int | None = int(literal.name) * (-1 if negative else 1)
        except ValueError:
            n = None
        if n is None or n <= 0:
            raise UserError(
                f"the second argument to {name} must be a positive INT64",
                line=line_of(node),
                construct=name,
            )
        if n > MAX_NUMBER:
            raise UserError(
                f"the second argument to {name} cannot be greater than {MAX_NUMBER}",
                line=line_of(node),
                construct=name,
            )
        return exp.Literal.number(n)
    if not isinstance(value, exp.Parameter | exp.Placeholder | exp.Cast):
        raise UserError(
            f"the number argument of {name} must be an INT64 literal or query parameter",
            line=line_of(node),
            construct=name,
        )
    msg = f"The second argument to {name} function"
    return template(
        "CASE WHEN __n IS NULL THEN __null WHEN __n <= 0 THEN __neg "
        f"WHEN __n > {MAX_NUMBER} THEN __big ELSE CAST(__n AS BIGINT) END",
        n=value,
        null=fail(f"{msg} must not be NULL"),
        neg=fail(f"{msg} must be positive"),
        big=fail(f"{msg} cannot be greater than {MAX_NUMBER}"),
    )


def _quantiles(node: exp.ApproxQuantiles, respect: bool) -> exp.Expression:
    inner = node.this
    distinct = isinstance(inner, exp.Distinct)
    if distinct:
        x, n = inner.expressions[0], inner.expressions[1] if len(inner.expressions) > 1 else None
    else:
        x, n = inner, node.args.get("expression")
    if is_type(x, "ARRAY", "STRUCT", "INTERVAL"):
        raise UserError(f"APPROX_QUANTILES cannot take {bq_type(x)} values", line=line_of(node))
    number = _number(node, n)
    agg = "list(DISTINCT __x)" if distinct else "list(__x)"
    values = agg if respect else f"{agg} FILTER (WHERE __x IS NOT NULL)"
    sorted_values = f"list_sort({values}, 'ASC', 'NULLS FIRST')"
    return template(
        f"CASE WHEN coalesce(len({sorted_values}), 0) = 0 THEN NULL "
        f"ELSE list_transform(range(0, __n + 1), _wb_i -> ({sorted_values})"
        f"[greatest(1, (_wb_i * len({sorted_values}) + __n - 1) // __n)]) END",
        x=x,
        n=number,
    )


def _top(node: exp.Expression, x: exp.Expression, w: exp.Expression | None, n) -> exp.Expression:
    """APPROX_TOP_COUNT (``w`` None) / APPROX_TOP_SUM: per distinct value, largest first."""
    name = _function_name(node)
    if is_type(x, "ARRAY", "STRUCT", "INTERVAL", "JSON", "GEOGRAPHY"):
        raise UserError(f"{name} cannot group {bq_type(x)} values", line=line_of(node))
    number = _number(node, n)
    if w is None:
        pairs = "list({'v': __x, 'w': 1::BIGINT})"
        total = "len(list_filter(__l, _wb_e -> _wb_e.v IS NOT DISTINCT FROM _wb_d))"
        field = "count"
    else:
        if known_type(w) and not is_type(w, "INT64", "NUMERIC", "BIGNUMERIC", "FLOAT64"):
            raise UserError(
                f"APPROX_TOP_SUM weights must be INT64, NUMERIC, BIGNUMERIC or FLOAT64, "
                f"not {bq_type(w)}",
                line=line_of(node),
            )
        pairs = "list({'v': __x, 'w': __w})"
        # the weights' own type (a + b keeps it; INT64 overflow is an error, as in BigQuery);
        # NULL weights are left out, and a value with only NULL weights sums to NULL
        weights = (
            "list_filter(list_transform(list_filter(__l, _wb_e -> _wb_e.v IS NOT DISTINCT FROM "
            "_wb_d), _wb_e -> _wb_e.w + CAST(0 AS BIGINT)), _wb_e -> _wb_e IS NOT NULL)"
        )
        total = (
            f"CASE WHEN len({weights}) = 0 THEN NULL "
            f"ELSE list_reduce({weights}, (_wb_a, _wb_b) -> _wb_a + _wb_b) END"
        )
        field = "sum"
        check = (
            "CASE WHEN list_bool_or(list_transform(__m, _wb_e -> _wb_e.w < 0 "
            "OR isnan(_wb_e.w))) THEN __bad ELSE __m END"
        )
    # distinct values, NULL included; then (value, total) sorted by total (NULL last), value
    distinct = (
        "list_concat(list_distinct(list_transform(__l, _wb_e -> _wb_e.v)), "
        "CASE WHEN list_bool_or(list_transform(__l, _wb_e -> _wb_e.v IS NULL)) THEN [NULL] ELSE [] END)"
    )
    per_value = (
        f"list_transform({distinct}, _wb_d -> {{'n': ({total}) IS NULL, 'k': -({total}), "
        f"'value': _wb_d, '{field}': {total}}})"
    )
    body = (
        f"list_slice(list_transform(list_sort({per_value}), "
        f"_wb_p -> {{'value': _wb_p.value, '{field}': _wb_p.{field}}}), 1, __n)"
    )
    tree = template(f"CASE WHEN __l IS NULL THEN NULL ELSE {body} END", n=number)
    listed = template(pairs, x=x, w=w if w is not None else exp.null())
    if w is not None:
        listed = template(
            check,
            m=listed,
            bad=fail("APPROX_TOP_SUM weights cannot be negative or NaN"),
        )
    return _bind_list(tree, listed)


def _bind_list(tree: exp.Expression, listed: exp.Expression) -> exp.Expression:
    """Put the aggregated list where the template says ``__l``."""

    def put(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Column) and not node.table and node.name == "__l":
            return listed.copy()
        return node

    return tree.transform(put)


def approximate_functions(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """APPROX_COUNT_DISTINCT, APPROX_QUANTILES, APPROX_TOP_COUNT/SUM computed exactly."""

    changed = False
    for node in nodes(tree, exp.ApproxQuantiles, exp.ApproxTopK, exp.ApproxTopSum):
        target = (
            node.parent if isinstance(node.parent, exp.IgnoreNulls | exp.RespectNulls) else node
        )
        if isinstance(target.parent, exp.Window):
            raise UnsupportedError(
                f"{_function_name(node)} ... OVER (...)",
                "the exact form is built from list aggregates, which cannot take a window "
                "here; aggregate in a subquery and join",
                line_of(node),
            )
    for node in bottom_up(tree, exp.ApproxDistinct):
        x = node.this
        if is_type(x, "ARRAY", "STRUCT", "INTERVAL"):
            raise UserError(
                f"APPROX_COUNT_DISTINCT cannot take {bq_type(x)} values", line=line_of(node)
            )
        node.replace(exp.Count(this=exp.Distinct(expressions=[x.copy()])))
        changed = True
    for node in bottom_up(tree, exp.ApproxQuantiles):
        wrapper = (
            node.parent if isinstance(node.parent, exp.IgnoreNulls | exp.RespectNulls) else None
        )
        new = _quantiles(node, respect=isinstance(wrapper, exp.RespectNulls))
        (wrapper or node).replace(new)
        changed = True
    for node in bottom_up(tree, exp.ApproxTopK):
        node.replace(_top(node, node.this, None, node.args.get("expression")))
        changed = True
    for node in bottom_up(tree, exp.ApproxTopSum):
        node.replace(_top(node, node.this, node.expression, node.args.get("count")))
        changed = True
    return changed


# -- HLL_COUNT ----------------------------------------------------------------------------


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


def notice_lines(tree: exp.Expression) -> list[int]:
    """The lines of the approximate calls a query makes (each is exact offline)."""
    lines: list[int] = []
    for node in nodes(
        tree,
        exp.ApproxDistinct,
        exp.ApproxQuantiles,
        exp.ApproxTopK,
        exp.ApproxTopSum,
        exp.Anonymous,
    ):
        if isinstance(node, exp.Anonymous) and hll_name(node) not in HLL_NAMES:
            continue
        lines.append(line_of(node) or 1)
    return sorted(set(lines))
