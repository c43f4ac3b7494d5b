"""NUMERIC is exact (issue 15): literals, arithmetic and functions of NUMERIC values.

AVG of NUMERIC is NUMERIC, ``*`` and ``/`` keep scale 9 (DuckDB: DECIMAL(38, 18) and
DOUBLE), STDDEV/VAR aggregate exactly before converting to FLOAT64, and a FLOAT64
literal next to a NUMERIC value (an operand, a result of IF/CASE/COALESCE, a column of
another branch of a UNION) is coerced to NUMERIC.
"""

from __future__ import annotations

import decimal
from decimal import ROUND_HALF_UP, Decimal

from sqlglot import exp

from workbench.translate import functions as duckdb_functions
from workbench.translate.context import Context, Translation
from workbench.translate.rules._sql import (
    aggregated,
    bottom_up,
    case,
    cast,
    cast_double,
    element_type,
    fail,
    fn,
    is_type,
    nodes,
    num,
    paren,
    struct_fields,
    struct_items,
    typed,
)
from workbench.translate.rules.struct_supertypes import set_columns


def _unparen(node: exp.Expression) -> exp.Expression:
    while isinstance(node, exp.Paren):
        node = node.this
    return node


def _float_literal(node: exp.Expression) -> exp.Literal | None:
    """The literal of ``2.5``, ``-2.5`` or ``(-2.5)``; None for anything else."""
    node = _unparen(node)
    inner = node.this if isinstance(node, exp.Neg) else node
    if (
        isinstance(inner, exp.Literal)
        and not inner.is_string
        and any(c in inner.name for c in ".eE")
    ):
        return inner
    return None


def _has_float_literal(tree: exp.Expression) -> bool:
    """Whether the statement holds a FLOAT64 literal (``2.5``, ``1e3``): the cheap guard of
    the coercion rules (the literals come from the statement's node index)."""
    return any(
        not lit.is_string and any(c in lit.name for c in ".eE") for lit in nodes(tree, exp.Literal)
    )


def _numeric_value(node: exp.Expression) -> bool:
    """A NUMERIC operand, a typed literal (``NUMERIC '1'``) too: GoogleSQL's reference
    evaluator gives NUMERIC for ``NUMERIC '1.5' + 2.5`` and ``IF(c, 1.5, NUMERIC '1')``."""
    return is_type(node, "NUMERIC")


_RESULTS = (exp.Add, exp.Sub, exp.Mul, exp.Div, exp.Coalesce, exp.Greatest, exp.Least)
_COMPARISONS = (
    exp.EQ,
    exp.NEQ,
    exp.GT,
    exp.GTE,
    exp.LT,
    exp.LTE,
    exp.NullSafeEQ,
    exp.NullSafeNEQ,
    exp.Between,
    exp.In,
)
# functions whose arguments take one type, with a NUMERIC signature (mathematical_functions)
_FUNCTIONS = (
    exp.SafeAdd,
    exp.SafeSubtract,
    exp.SafeMultiply,
    exp.SafeDivide,
    exp.IntDiv,
    exp.Mod,
    exp.Pow,
    exp.Log,
)
_LITERAL_GROUPS = (
    *_FUNCTIONS,
    exp.DPipe,
    *_RESULTS,
    *_COMPARISONS,
    exp.If,
    exp.Case,
    exp.Nullif,
    exp.Array,
    exp.ArrayConcat,
)


def _operands(node: exp.Expression) -> tuple[list[exp.Expression], bool] | None:
    """The values ``node`` brings to one supertype, and whether ``node`` is of that type
    (False for a comparison, a BOOL); None when ``node`` is no such group."""
    if isinstance(node, (exp.Add, exp.Sub, exp.Mul, exp.Div)):
        return [node.this, node.expression], True
    if isinstance(node, exp.If):  # IF(c, a, b): the two results
        if isinstance(node.parent, exp.Case):
            return None  # a CASE branch: its CASE is the node
        return [node.args["true"], node.args.get("false")], True
    if isinstance(node, exp.Case):  # the results of every branch and ELSE
        return [b.args["true"] for b in node.args.get("ifs") or []] + [
            node.args.get("default")
        ], True
    if isinstance(node, exp.Nullif):
        return [node.this, node.expression], True
    if isinstance(node, exp.Array):
        return list(node.expressions), True
    if isinstance(node, exp.ArrayConcat):
        return [node.this, *node.expressions], False
    if isinstance(node, exp.DPipe):  # [a] || [b]: ARRAY_CONCAT (of strings: no NUMERIC)
        return [node.this, node.expression], False
    if isinstance(node, _FUNCTIONS):  # the one type of both arguments, NUMERIC included
        return [node.this, node.expression], True
    if isinstance(node, exp.Between):
        return [node.this, node.args.get("low"), node.args.get("high")], False
    if isinstance(node, exp.In):
        if node.args.get("query") is not None or node.args.get("field") is not None:
            return None
        unnest = node.args.get("unnest")
        if unnest is None:
            return [node.this, *node.expressions], False
        arrays = unnest.expressions
        if len(arrays) != 1 or not isinstance(arrays[0], exp.Array):
            return None
        return [node.this, *arrays[0].expressions], False
    if isinstance(node, _COMPARISONS):
        return [node.this, node.expression], False
    return [node.this, *node.expressions], True  # COALESCE, GREATEST, LEAST


def _null(node: exp.Expression | None) -> bool:
    return node is None or isinstance(node, exp.Null)


def _stand_in(t: exp.DataType | None) -> exp.Expression:
    """A value of type ``t`` (not in the tree): what a typed operand brings to a group."""
    node = exp.column("_wb_value")
    node.type = t
    return node


def _fields(node: exp.Expression) -> list[exp.Expression] | None:
    """The fields of a STRUCT constructor or tuple, or stand-ins of a STRUCT value's."""
    items = struct_items(_unparen(node))
    if items is not None:
        return [value for _, value in items]
    t = node.type
    if t is None or t.this != exp.DataType.Type.STRUCT or not t.expressions:
        return None
    return [_stand_in(kind) for _, kind in struct_fields(t)]


def _elements(node: exp.Expression) -> list[exp.Expression] | None:
    """The elements of an array literal, or a stand-in of an ARRAY value's element."""
    if isinstance(_unparen(node), exp.Array):
        return list(_unparen(node).expressions)
    inner = element_type(node)
    return None if inner is None else [_stand_in(inner)]


def _simple_case(node: exp.Expression) -> list[exp.Expression] | None:
    """``CASE v WHEN a THEN ... WHEN b ...``: the compared values v, a, b (None otherwise)."""
    if not isinstance(node, exp.Case) or node.this is None:
        return None
    return [node.this, *(b.this for b in node.args.get("ifs") or [])]


def _group_literals(values: list[exp.Expression]) -> bool:
    """Coerce the FLOAT64 literals among ``values`` (whose supertype GoogleSQL takes) to
    NUMERIC where another value is NUMERIC and none is a FLOAT64 value: a literal converts
    to the supertype and a value does not. STRUCT constructors (and tuples) of one arity
    are matched field by field, array literals element by element. Whether any was."""
    values = [v for v in values if not _null(v)]
    if len(values) < 2:
        return False
    fields = [_fields(v) for v in values]
    if all(f is not None for f in fields) and any(struct_items(_unparen(v)) for v in values):
        width = {len(f) for f in fields if f is not None}
        if len(width) != 1:
            return False
        hit = False
        for i in range(width.pop()):
            hit |= _group_literals([f[i] for f in fields if f is not None])
        return hit
    elements = [_elements(v) for v in values]
    if all(e is not None for e in elements) and any(
        isinstance(_unparen(v), exp.Array) for v in values
    ):
        hit = _group_literals([x for e in elements if e is not None for x in e])
        for v in values:
            if hit and isinstance(_unparen(v), exp.Array):
                _numeric_array(_unparen(v))
        return hit
    if not any(_numeric_value(v) for v in values):
        return False
    if any(is_type(v, "FLOAT64") and _float_literal(v) is None for v in values):
        return False  # a FLOAT64 value: the supertype is FLOAT64, the literal stays one
    return _literals_to_numeric(values)


def _numeric_array(node: exp.Array) -> None:
    """An array literal whose elements are all NUMERIC (or NULL, or INT64) now is
    ARRAY<NUMERIC>; a STRUCT element's type is left as it was."""
    elements = [e for e in node.expressions if not isinstance(e, exp.Null)]
    if elements and all(is_type(e, "NUMERIC", "INT64") for e in elements):
        node.type = exp.DataType.build(f"{duckdb_functions.NUMERIC}[]", dialect="duckdb")


def numeric_literals(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """A FLOAT64 literal next to a NUMERIC value is coerced to NUMERIC, as GoogleSQL prefers
    the signature (or supertype) that converts only literals: an operand of arithmetic or
    of a comparison (=, <, BETWEEN, IN, IS DISTINCT FROM, the values of a simple CASE), a
    result of COALESCE/IFNULL/IF/CASE/NULLIF/GREATEST/LEAST, an element of an array literal
    (a field of its STRUCT elements too). DuckDB's supertype of DECIMAL and DOUBLE is
    DOUBLE: ``[NUMERIC '2.5', 1.125]`` was ARRAY<FLOAT64>, and
    ``NUMERIC '123456789012.000000001' = 123456789012.0`` TRUE (compared as doubles)."""
    if not _has_float_literal(tree):
        return False  # nothing to coerce: no walk of the groups
    changed = False
    for node in reversed(nodes(tree, *_LITERAL_GROUPS)):
        compared = _simple_case(node)
        if compared is not None and _group_literals(compared):
            changed = True
        found = _operands(node)
        if found is None:
            continue
        operands, of_type = found
        if not _group_literals(operands):
            continue
        changed = True
        if not of_type:
            continue
        if isinstance(node, exp.Array):
            _numeric_array(node)
            continue
        now = (_operands(node) or ([], True))[0]  # the coerced operands
        if not all(is_type(o, "NUMERIC", "INT64") for o in now if not _null(o)):
            continue  # STRUCT or ARRAY operands: their fields were coerced
        node.type = exp.DataType.build(duckdb_functions.NUMERIC, dialect="duckdb")
        parent = node.parent
        while isinstance(parent, (exp.Paren, exp.Add, exp.Sub, exp.Neg, exp.Sum, exp.Max, exp.Min)):
            parent.type = node.type
            parent = parent.parent
    return changed


def _struct_element_fields(array: exp.Array) -> bool:
    """``[STRUCT(NUMERIC '1.5' AS a), STRUCT(2.5)]``: field by field, a FLOAT64 literal beside
    a NUMERIC value is NUMERIC (the elements' supertype is STRUCT<a NUMERIC>)."""
    rows = [e.expressions for e in array.expressions if isinstance(e, exp.Struct)]
    if len(rows) != len(array.expressions) or len(rows) < 2 or len({len(r) for r in rows}) != 1:
        return False
    changed = False
    for i in range(len(rows[0])):
        values = [r[i].expression if isinstance(r[i], exp.PropertyEQ) else r[i] for r in rows]
        if any(_numeric_value(v) for v in values) and _literals_to_numeric(values):
            changed = True
    return changed


def _literals_to_numeric(values: list[exp.Expression]) -> bool:
    """Replace each FLOAT64 literal among ``values`` by the NUMERIC of its exact text (a
    literal coerced to NUMERIC keeps its digits); whether any was."""
    hit = False
    for value in values:
        lit = _float_literal(value)
        if lit is None:
            continue
        text = ("-" if isinstance(_unparen(value), exp.Neg) else "") + lit.name
        value.replace(
            typed(
                cast(exp.Literal.string(text), duckdb_functions.NUMERIC), duckdb_functions.NUMERIC
            )
        )
        hit = True
    return hit


def numeric_set_literals(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """A FLOAT64 literal column of a UNION/INTERSECT/EXCEPT branch where another branch's
    column is NUMERIC is coerced to NUMERIC: the column's supertype converts the literal
    only (``SELECT NUMERIC '1' UNION ALL SELECT 2.5`` is NUMERIC; DuckDB: DOUBLE), a
    field of a STRUCT column or an element of an ARRAY column too. A FLOAT64 value in
    another branch makes the column FLOAT64: its literals stay doubles."""
    if not _has_float_literal(tree):
        return False
    changed = False
    for node in nodes(tree, exp.SetOperation):
        if isinstance(node.parent, exp.SetOperation):
            continue  # a chain's inner link: the outermost one holds every branch
        for i, column in enumerate(set_columns(node)):
            values = [c.this if isinstance(c, exp.Alias) else c for c in column]
            if not _group_literals(values):
                continue
            changed = True
            now = [c.this if isinstance(c, exp.Alias) else c for c in set_columns(node)[i]]
            if all(is_type(v, "NUMERIC", "INT64") for v in now if not _null(v)):
                _retype_outputs(tree, node, column[0].alias_or_name)
    return changed


def _retype_outputs(tree: exp.Expression, node: exp.SetOperation, name: str) -> None:
    """The columns that read ``name`` of the derived table or CTE ``node`` is are NUMERIC
    (they were typed from DuckDB's view of the union, FLOAT64, before the coercion)."""
    holder = node.parent
    if not isinstance(holder, (exp.Subquery, exp.CTE)) or not holder.alias or not name:
        return
    scope = tree if isinstance(holder, exp.CTE) else holder.find_ancestor(exp.Select)
    for col in nodes(scope or tree, exp.Column):
        if col.table == holder.alias and col.name == name:
            col.type = exp.DataType.build(duckdb_functions.NUMERIC, dialect="duckdb")


def numeric_arithmetic(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """NUMERIC ``*`` and ``/`` are exact with scale 9 (half away from zero; |x| < 10^29);
    AVG(NUMERIC) is the exact NUMERIC mean. DuckDB gives DECIMAL(38, 18) and DOUBLE."""
    changed = False
    for node in reversed(nodes(tree, exp.Mul, exp.Div)):
        a, b = node.this, node.expression
        if not (is_type(a, "NUMERIC", "INT64") and is_type(b, "NUMERIC", "INT64")):
            continue
        if not (is_type(a, "NUMERIC") or is_type(b, "NUMERIC")):
            continue
        x, y = cast(a.copy(), duckdb_functions.NUMERIC), cast(b.copy(), duckdb_functions.NUMERIC)
        if isinstance(node, exp.Mul):
            new = fn(duckdb_functions.NUMERIC_MULTIPLY, x, y)
        else:
            new = paren(
                case(
                    # a NULL dividend is NULL before the zero check (NULL / 0 is NULL)
                    exp.And(
                        this=exp.EQ(this=b.copy(), expression=num(0)),
                        expression=exp.Not(this=exp.Is(this=a.copy(), expression=exp.Null())),
                    ),
                    fail("division by zero"),
                    fn(duckdb_functions.NUMERIC_DIVIDE, x, y),
                )
            )
        node.replace(typed(new, duckdb_functions.NUMERIC))
        changed = True
    for node in bottom_up(tree, exp.Avg):
        arg = node.this
        value = aggregated(arg)
        if not is_type(value, "NUMERIC"):
            continue
        window = node.parent if isinstance(node.parent, exp.Window) else None
        listed: exp.Expression = exp.ArrayAgg(this=arg.copy())
        if window is not None:
            copy = window.copy()
            copy.set("this", listed)
            listed = copy
        (window or node).replace(
            typed(fn(duckdb_functions.NUMERIC_AVG, listed), duckdb_functions.NUMERIC)
        )
        changed = True
    return changed


def numeric_percentile(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """PERCENTILE_CONT of NUMERIC with a NUMERIC percentile is NUMERIC, interpolated exactly
    (navigation_functions#percentile_cont); DuckDB's QUANTILE_CONT of a DECIMAL goes
    through DOUBLE (the 0.2 point between -10^29 and -10^28 came out -4599999999999999328...
    where BigQuery gives -46000000000000000000000000000)."""
    changed = False
    for node in bottom_up(tree, exp.PercentileCont):
        window = node.parent
        x, p = node.this, node.args.get("expression")
        if not isinstance(window, exp.Window) or p is None:
            continue
        if not (is_type(x, "NUMERIC") and is_type(p, "NUMERIC")):
            continue
        listed = window.copy()
        listed.set("this", exp.ArrayAgg(this=x.copy()))
        call = fn(
            duckdb_functions.NUMERIC_PERCENTILE, listed, cast(p.copy(), duckdb_functions.NUMERIC)
        )
        window.replace(typed(call, duckdb_functions.NUMERIC))
        changed = True
    return changed


_NUMERIC_BOUND = Decimal(10) ** 29
_EXACT = decimal.Context(prec=80)


def _fits_numeric(text: str) -> bool:
    """Whether the exact value of a literal's text, rounded to 9 digits after the point
    (half away from zero), is a NUMERIC: below 10^29 in magnitude."""
    try:
        value = Decimal(text)
        if value.copy_abs() >= 2 * _NUMERIC_BOUND:
            return False
        value = value.quantize(Decimal("1e-9"), rounding=ROUND_HALF_UP, context=_EXACT)
    except ArithmeticError:
        return False
    return value.copy_abs() < _NUMERIC_BOUND


def _numeric_args(*args: exp.Expression | None) -> bool:
    """NUMERIC arithmetic: at least one NUMERIC argument, the others NUMERIC or INT64."""
    present = [a for a in args if a is not None]
    return all(is_type(a, "NUMERIC", "INT64") for a in present) and any(
        is_type(a, "NUMERIC") for a in present
    )


def _numeric(node: exp.Expression) -> exp.Expression:
    return cast(node.copy(), duckdb_functions.NUMERIC)


def numeric_functions(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Functions of NUMERIC return NUMERIC, as the mathematical functions reference tables
    them: SQRT/EXP/LN/LOG/LOG10/POW (exact to 9 digits, errors outside the domain), SIGN, DIV,
    SAFE_DIVIDE/SAFE_MULTIPLY; CAST(NUMERIC AS STRING) has no trailing zeros. DuckDB returns
    DOUBLE for these (SIGN a TINYINT, DIV a DOUBLE quotient, and '1.500000000' for 1.5)."""
    changed = False
    zero = exp.Literal.number(0)
    kinds = (exp.Sqrt, exp.Exp, exp.Ln, exp.Log, exp.Pow, exp.Sign, exp.IntDiv)
    for node in reversed(nodes(tree, *kinds, exp.SafeDivide, exp.SafeMultiply)):
        new: exp.Expression
        if isinstance(node, exp.Sign):
            if not is_type(node.this, "NUMERIC"):
                continue
            new = _numeric(node)
        elif isinstance(node, (exp.IntDiv, exp.SafeDivide, exp.SafeMultiply)):
            a, b = node.this, node.expression
            if not _numeric_args(a, b):
                continue
            if isinstance(node, exp.SafeMultiply):
                new = fn("TRY", fn(duckdb_functions.NUMERIC_MULTIPLY, _numeric(a), _numeric(b)))
            else:
                divide = (
                    duckdb_functions.NUMERIC_INT_DIVIDE
                    if isinstance(node, exp.IntDiv)
                    else duckdb_functions.NUMERIC_DIVIDE
                )
                call = fn(divide, _numeric(a), _numeric(b))
                by_zero = fail("division by zero") if isinstance(node, exp.IntDiv) else exp.Null()
                if isinstance(node, exp.SafeDivide):
                    call = fn("TRY", call)
                new = paren(case(exp.EQ(this=b.copy(), expression=num(0)), by_zero, call))
        else:
            if isinstance(node, exp.Log):
                base, x = (
                    (None, node.this) if node.expression is None else (node.this, node.expression)
                )
            else:
                base, x = None, node.this
            y = node.expression if isinstance(node, exp.Pow) else base
            if not _numeric_args(x, y):
                continue
            name = {exp.Sqrt: "SQRT", exp.Exp: "EXP", exp.Ln: "LN", exp.Pow: "POW"}.get(
                type(node), "LOG"
            )
            if (
                isinstance(node, exp.Log)
                and base is not None
                and base.name == "10"
                and (isinstance(base, exp.Literal))
            ):
                name, y = "LOG10", None
            elif isinstance(node, exp.Log) and base is None:
                name = "LN"
            xn = _numeric(x)
            bad: exp.Expression | None
            if name == "SQRT":
                bad = exp.LT(this=xn.copy(), expression=zero.copy())
            elif name in ("LN", "LOG10"):
                bad = exp.LTE(this=xn.copy(), expression=zero.copy())
            elif name == "LOG":
                assert y is not None
                yn = _numeric(y)
                bad = exp.Or(
                    this=exp.Or(
                        this=exp.LTE(this=xn.copy(), expression=zero.copy()),
                        expression=exp.LTE(this=yn.copy(), expression=zero.copy()),
                    ),
                    expression=exp.EQ(this=yn.copy(), expression=num(1)),
                )
            elif name == "POW":
                assert y is not None
                yn = _numeric(y)
                bad = exp.Or(
                    this=exp.And(
                        this=exp.EQ(this=xn.copy(), expression=zero.copy()),
                        expression=exp.LT(this=yn.copy(), expression=zero.copy()),
                    ),
                    expression=exp.And(
                        this=exp.LT(this=xn.copy(), expression=zero.copy()),
                        expression=exp.NEQ(this=yn.copy(), expression=fn("trunc", yn.copy())),
                    ),
                )
            else:
                bad = None
            second = _numeric(y) if y is not None else cast(num(0), duckdb_functions.NUMERIC)
            call = fn(duckdb_functions.NUMERIC_MATH, exp.Literal.string(name), xn, second)
            label = "LOG" if name == "LOG10" else name
            new = (
                call
                if bad is None
                else paren(case(bad, fail(f"{label}: argument out of range"), call))
            )
        node.replace(typed(new, duckdb_functions.NUMERIC))
        changed = True
    for node in bottom_up(tree, exp.Cast, exp.TryCast):
        if is_type(node.to, "STRING") and is_type(node.this, "NUMERIC"):
            text = fn(duckdb_functions.NUMERIC_STRING, _numeric(node.this))
            node.replace(typed(text, "VARCHAR"))
            changed = True
        elif is_type(node.to, "NUMERIC") and is_type(node.this, "FLOAT64"):
            lit = _float_literal(node.this)
            if lit is not None and _fits_numeric(lit.name):
                # a literal converts from its text, exactly; past NUMERIC's range, from its
                # double, as a value does (GoogleSQL: CAST(1e29 AS NUMERIC) is
                # 99999999999999991433150857216, the double's exact value)
                text = ("-" if isinstance(_unparen(node.this), exp.Neg) else "") + lit.name
                node.set("this", exp.Literal.string(text))
                changed = True
                continue
            converted = fn(duckdb_functions.FLOAT_TO_NUMERIC, cast_double(node.this.copy()))
            if node.to.expressions and node.to.sql("duckdb") != duckdb_functions.NUMERIC:
                # NUMERIC(P, S) (type-parameters' inner cast): the exact NUMERIC, then the
                # parameters' rounding and range (dropped before: 1.25 to NUMERIC(2, 1) was
                # 1.25 where BigQuery gives 1.3)
                converted = exp.Cast(this=converted, to=node.to.copy())
            if isinstance(node, exp.TryCast) or node.args.get("safe"):
                converted = fn("TRY", converted)
            node.replace(typed(converted, duckdb_functions.NUMERIC))
            changed = True
    return changed
