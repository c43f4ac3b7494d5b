"""Arrays: subscripts, NULL arrays and NULL elements in results, ARRAY_CONCAT, ARRAY_FIRST/LAST,
GENERATE_ARRAY of FLOAT64.

In BigQuery ``arr[OFFSET(5)]`` past the end is an error (DuckDB: NULL); a NULL array in
the final result is shown as ``[]``, and an array holding a NULL element in the final
result is an error ("Array cannot have a null element").
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate import functions
from workbench.translate.context import Context, Translation
from workbench.translate.rules._sql import (
    bottom_up,
    case,
    cast,
    element_type,
    fail,
    fn,
    func_call,
    func_name,
    is_type,
    nodes,
    num,
    paren,
    template,
)


def _one_based(index: exp.Expression, base: int) -> exp.Expression:
    """The 1-based DuckDB position of BigQuery's index counted from ``base`` (0: OFFSET)."""
    if base == 1:
        return index.copy()
    if isinstance(index, exp.Literal) and index.is_int:
        return num(int(index.this) + 1)
    return exp.Add(this=paren(index.copy()), expression=num(1))


def subscripts(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """``arr[OFFSET(i)]`` / ``arr[ORDINAL(i)]`` / ``arr[i]`` outside the array raise an error.

    ``arr[SAFE_OFFSET(i)]`` there is NULL, a negative ``i`` too: DuckDB counts it from the end.
    A NULL array is NULL at every index, in range or not. The DuckDB position is written out
    (``i + 1``): sqlglot adds DuckDB's offset only to an index it types as an integer, so
    ``arr[OFFSET(@i)]`` read the element after the one asked for.
    """

    changed = False
    for node in bottom_up(tree, exp.Bracket):
        if len(node.expressions) != 1 or not is_type(node.this, "ARRAY"):
            continue
        base = node.args.get("offset") or 0
        i = node.expressions[0]
        zero_based = exp.Sub(this=i.copy(), expression=num(base)) if base else i.copy()
        bad = exp.Or(
            this=exp.LT(this=zero_based.copy(), expression=num(0)),
            expression=exp.GTE(this=zero_based.copy(), expression=fn("len", node.this.copy())),
        )
        # a NULL array gives NULL at any index (GoogleSQL's reference evaluator), not an error
        bad = exp.And(
            this=exp.Not(this=exp.Is(this=node.this.copy(), expression=exp.Null())),
            expression=paren(bad),
        )
        node.replace(
            paren(
                case(
                    bad,
                    exp.Null()
                    if node.args.get("safe")
                    else fail("array index out of bounds"),
                    exp.Bracket(
                        this=node.this.copy(),
                        expressions=[_one_based(i, base)],
                        offset=1,  # DuckDB's: sqlglot writes the position as it stands
                        safe=node.args.get("safe"),
                    ),
                )
            )
        )
        changed = True
    return changed


# ARRAY_FIRST/ARRAY_LAST, which array_functions rewrites beside ARRAY_CONCAT.
ARRAY_ENDS = ("ARRAY_FIRST", "ARRAY_LAST")


def _any_null(*args: exp.Expression) -> exp.Expression:
    cond: exp.Expression | None = None
    for a in args:
        c = exp.Is(this=a.copy(), expression=exp.Null())
        cond = c if cond is None else exp.Or(this=cond, expression=c)
    assert cond is not None
    return cond


def _from_start(offset: exp.Expression, arr: exp.Expression) -> exp.Expression:
    """A 0-based offset, a negative one counted from the end (-1: the last element)."""
    negative = exp.LT(this=offset.copy(), expression=num(0))
    return case(negative, exp.Add(this=fn("len", arr.copy()), expression=offset.copy()), offset)


def array_slice(node: exp.ArraySlice) -> exp.Expression:
    """ARRAY_SLICE(arr, start, end): 0-based offsets, both kept, negative from the end, out of
    range clamped, NULL if any argument is (DuckDB's array_slice is 1-based: one off).
    https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#array_slice
    """
    arr, start, end = node.this, node.args["start"], node.args["end"]
    index = exp.Sub(this=exp.to_identifier("i"), expression=num(1))
    keep = exp.Between(
        this=index, low=_from_start(start.copy(), arr), high=_from_start(end.copy(), arr)
    )
    lam = exp.Lambda(this=keep, expressions=[exp.to_identifier("x"), exp.to_identifier("i")])
    return paren(case(_any_null(arr, start, end), exp.Null(), fn("list_filter", arr.copy(), lam)))


def array_functions(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """ARRAY_CONCAT is NULL if any argument is; ARRAY_FIRST/ARRAY_LAST error on an empty array;
    ARRAY_SLICE's offsets are 0-based; ARRAY_TO_STRING of only NULL elements is '', and NULL
    when an argument (null_text too) is NULL."""

    changed = False
    for node in bottom_up(tree, exp.ArraySlice):
        if node.args.get("start") is None or node.args.get("end") is None or node.args.get("step"):
            continue
        node.replace(array_slice(node))
        changed = True
    for node in bottom_up(tree, exp.ArrayToString):
        if is_type(element_type(node.this), "BYTES"):
            continue
        null_text = node.args.get("null")
        if null_text is not None:
            # NULL if any argument is, null_text too (DuckDB: the NULL elements left out)
            args = (node.this, node.expression, null_text)
            node.replace(paren(case(_any_null(*args), exp.Null(), node.copy())))
            changed = True
            continue
        # NULL elements are left out; DuckDB gives NULL when nothing is left, BigQuery ''
        arr, sep = node.this, node.expression
        joined = fn("coalesce", node.copy(), exp.Literal.string(""))
        node.replace(paren(case(_any_null(arr, sep), exp.Null(), joined)))
        changed = True
    for node in bottom_up(tree, exp.ArrayConcat):
        args = [node.this, *node.expressions]
        cond = None
        for a in args:
            c = exp.Is(this=a.copy(), expression=exp.Null())
            cond = c if cond is None else exp.Or(this=cond, expression=c)
        node.replace(
            paren(
                case(
                    cond,
                    exp.Null(),
                    fn("list_concat", *[a.copy() for a in args])
                    if len(args) > 1
                    else args[0].copy(),
                )
            )
        )
        changed = True
    for node in bottom_up(tree, exp.Func):
        if func_name(node) not in ARRAY_ENDS:
            continue  # func_call copies every argument: only for the calls this rule rewrites
        name, args = func_call(node)
        if name in ("ARRAY_FIRST", "ARRAY_LAST") and len(args) == 1:
            arr = args[0]
            pick = fn("list_extract", arr.copy(), num(1 if name == "ARRAY_FIRST" else -1))
            node.replace(
                paren(
                    case(
                        exp.EQ(this=fn("len", arr.copy()), expression=num(0)),
                        fail(f"{name}: the array is empty"),
                        pick,
                    )
                )
            )
            changed = True
    return changed


def result_selects(tree: exp.Expression) -> list[exp.Select]:
    """The SELECTs whose lists are the statement's result: the query, or every branch of its
    set operations (parenthesised or not), never a WITH query's or a subquery's."""

    if isinstance(tree, exp.Subquery) and not tree.alias:
        return result_selects(tree.this)
    if isinstance(tree, exp.SetOperation):
        return result_selects(tree.this) + result_selects(tree.expression)
    return [tree] if isinstance(tree, exp.Select) else []


def result_arrays(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Output ARRAY columns: NULL becomes ``[]``; a NULL element is an error, as in BigQuery."""

    changed = False
    for select in result_selects(tree):
        for proj in list(select.expressions):
            target = proj.this if isinstance(proj, exp.Alias) else proj
            if not is_type(target, "ARRAY"):
                continue
            name = proj.alias if not isinstance(proj, exp.Alias) else ""
            if name:  # ``(SELECT [1, 2]) AS f0_``: the subquery carries its own alias
                target = target.copy()
                target.set("alias", None)
            is_null = exp.Lambda(
                this=exp.Is(this=exp.to_identifier("e"), expression=exp.Null()),
                expressions=[exp.to_identifier("e")],
            )
            has_null = fn("list_contains", fn("list_transform", target.copy(), is_null), exp.true())
            new = case(
                has_null,
                fail("Array cannot have a null element; error in writing field"),
                fn("coalesce", target.copy(), exp.Array(expressions=[])),
            )
            if name:
                proj.replace(exp.alias_(paren(new), name))
            else:
                target.replace(paren(new))
            changed = True
    return changed


def struct_unnest(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """``FROM UNNEST(array_of_structs) AS s``: keep ``s`` one STRUCT column offline.

    DuckDB's UNNEST in FROM spreads struct fields into columns, so ``s.x`` would not resolve.
    ``WITH OFFSET o`` becomes a second column of the same subquery, counted from 0.
    """

    changed = False
    for unnest in nodes(tree, exp.Unnest):
        alias = unnest.args.get("alias")
        offset = unnest.args.get("offset")
        in_join = isinstance(unnest.parent, exp.Join)
        # A join's UNNEST keeps DuckDB's own form unless WITH OFFSET needs the subquery, or
        # the array reads no column (DuckDB's form of a literal array of STRUCTs loses the
        # alias: ``FROM UNNEST([...]) AS s, UNNEST([STRUCT(2 AS a)]) AS t`` and ``t.a``).
        literal = not any(unnest.find_all(exp.Column))
        if alias is None or not (
            isinstance(unnest.parent, exp.From) or (in_join and (offset or literal))
        ):
            continue
        cols = alias.args.get("columns") or []
        if len(cols) != 1 or len(unnest.expressions) != 1:
            continue
        if not is_type(element_type(unnest.expressions[0]), "STRUCT"):
            continue
        array = unnest.expressions[0]
        inner = exp.select(exp.alias_(fn("unnest", array.copy()), cols[0].name))
        if isinstance(offset, exp.Identifier):
            # WITH OFFSET: the element's position from 0, aligned with UNNEST by DuckDB
            position = exp.Sub(
                this=fn("generate_subscripts", array.copy(), num(1)), expression=num(1)
            )
            inner = inner.select(exp.alias_(position, offset.name))
        sub = exp.Subquery(
            this=inner, alias=exp.TableAlias(this=exp.to_identifier(alias.name or "_u"))
        )
        unnest.replace(sub)
        changed = True
    return changed


# GoogleSQL's GENERATE_ARRAY of FLOAT64: element i is start + i * step (not a running sum:
# GENERATE_ARRAY(0, 1, 0.1) holds 0.7000000000000001 and ends at 1.0), while it does not pass
# end; NaN anywhere and an infinite step are errors (the reference evaluator's messages),
# step 0 as for INT64. The count is floor((end - start) / step) + 1 up to rounding, so one
# more candidate is made and the filter decides. An infinite bound toward the end gives an
# infinite array: an error. https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#generate_array
_FLOAT_SERIES = """
CASE
  WHEN isnan(__s) OR isnan(__e) OR isnan(__d)
    THEN error('GENERATE_ARRAY: start, end and step cannot be NaN')
  WHEN __d = 0 THEN error('GENERATE_ARRAY: the step must not be 0')
  WHEN isinf(__d) THEN error('GENERATE_ARRAY: the step cannot be +/-inf')
  WHEN (__e - __s) / __d > 0 AND isinf((__e - __s) / __d)
    THEN error('GENERATE_ARRAY: the array would have no end')
  ELSE list_filter(
    list_transform(
      range(0, CAST(greatest(floor((__e - __s) / __d) + 2, 0) AS BIGINT)),
      LAMBDA i: __s + i * __d
    ),
    LAMBDA v: CASE WHEN __d > 0 THEN v <= __e ELSE v >= __e END
  )
END
"""


def _series_bounds(series: exp.GenerateSeries) -> list[exp.Expression] | None:
    """GENERATE_ARRAY's start, end and step (1 when omitted); None without both bounds."""
    start, end = series.args.get("start"), series.args.get("end")
    if start is None or end is None:
        return None
    return [start, end, series.args.get("step") or exp.Literal.number(1)]


def float_generate_array(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """GENERATE_ARRAY with a FLOAT64 bound or step, as GoogleSQL computes it (DuckDB's
    generate_series takes integers only)."""

    changed = False
    for series in bottom_up(tree, exp.GenerateSeries):
        bounds = _series_bounds(series)
        if bounds is None or not any(is_type(b, "FLOAT64") for b in bounds):
            continue
        as_float = {
            k: exp.Cast(this=paren(b.copy()), to=exp.DataType.build("DOUBLE"))
            for k, b in zip("sed", bounds, strict=True)
        }
        new = paren(template(_FLOAT_SERIES, **as_float))
        new.type = exp.DataType.build("ARRAY<DOUBLE>", dialect="duckdb")
        series.replace(new)
        changed = True
    return changed


def _float_literal(node: exp.Expression) -> bool:
    """A FLOAT64 literal (1.5, -0.5): BigQuery coerces it to NUMERIC beside a NUMERIC."""
    inner = node.this if isinstance(node, exp.Neg) else node
    return isinstance(inner, exp.Literal) and not inner.is_string


def numeric_generate_array(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """GENERATE_ARRAY with a NUMERIC bound or step is ARRAY<NUMERIC>, exact (a FLOAT64
    literal and INT64 values beside it are coerced to NUMERIC; a FLOAT64 value makes it
    FLOAT64, ``float-generate-array``'s); DuckDB's generate_series takes integers only."""

    changed = False
    for series in bottom_up(tree, exp.GenerateSeries):
        bounds = _series_bounds(series)
        if bounds is None or not any(is_type(b, "NUMERIC") for b in bounds):
            continue
        if any(is_type(b, "FLOAT64") and not _float_literal(b) for b in bounds):
            continue  # a FLOAT64 value: the supertype is FLOAT64
        args = [cast(paren(b.copy()), functions.NUMERIC) for b in bounds]
        new = fn(functions.NUMERIC_SERIES, *args)
        new.type = exp.DataType.build(f"{functions.NUMERIC}[]", dialect="duckdb")
        series.replace(new)
        changed = True
    return changed
