"""NUMERIC is exact (issue 15): literals, arithmetic and functions of NUMERIC values.

AVG of NUMERIC is NUMERIC, ``*`` and ``/`` keep scale 9 (DuckDB: DECIMAL(38, 18) and
DOUBLE), STDDEV/VAR aggregate exactly before converting to FLOAT64, and a FLOAT64
literal next to a NUMERIC value (an operand, a result of IF/CASE/COALESCE, a column of
another branch of a UNION) is coerced to NUMERIC.
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate import functions as duckdb_functions
from workbench.translate.context import Context, Translation
from workbench.translate.rules._sql import (
    aggregated,
    bottom_up,
    case,
    cast,
    cast_double,
    fail,
    fn,
    is_type,
    nodes,
    num,
    paren,
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


def _numeric_value(node: exp.Expression) -> bool:
    """A NUMERIC operand, a typed literal (``NUMERIC '1'``) too: GoogleSQL's reference
    evaluator gives NUMERIC for ``NUMERIC '1.5' + 2.5`` and ``IF(c, 1.5, NUMERIC '1')``."""
    return is_type(node, "NUMERIC")


def numeric_literals(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """A FLOAT64 literal operand of NUMERIC arithmetic, or result of COALESCE/IFNULL/IF/CASE/
    GREATEST/LEAST or element of an array literal next to a NUMERIC one, is coerced to
    NUMERIC: GoogleSQL prefers the signature (or supertype) that converts only literals
    (``[NUMERIC '1', 2.5]`` is ARRAY<NUMERIC>; DuckDB's list of DECIMAL and DOUBLE: DOUBLE)."""
    changed = False
    kinds = (exp.Add, exp.Sub, exp.Mul, exp.Div, exp.Coalesce, exp.Greatest, exp.Least)
    for node in reversed(nodes(tree, *kinds, exp.If, exp.Case, exp.Array)):
        operands: list[exp.Expression]
        if isinstance(node, exp.Array):  # [a, b, ...]: the elements
            changed |= _struct_element_fields(node)
            if not any(_numeric_value(o) for o in node.expressions):
                continue
            if _literals_to_numeric(list(node.expressions)):
                numeric = exp.DataType.build(duckdb_functions.NUMERIC, dialect="duckdb")
                node.type = exp.DataType(
                    this=exp.DataType.Type.ARRAY, expressions=[numeric], nested=True
                )
                changed = True
            continue
        if isinstance(node, (exp.Add, exp.Sub, exp.Mul, exp.Div)):
            operands = [node.this, node.expression]
        elif isinstance(node, exp.If):  # IF(c, a, b): the two results
            if isinstance(node.parent, exp.Case):
                continue  # a CASE branch: its CASE is the node
            operands = [node.args["true"], node.args.get("false")]
        elif isinstance(node, exp.Case):  # the results of every branch and ELSE
            operands = [b.args["true"] for b in node.args.get("ifs") or []]
            operands.append(node.args.get("default"))
        else:
            operands = [node.this, *node.expressions]
        operands = [o for o in operands if o is not None]
        if not any(_numeric_value(o) for o in operands):
            continue
        if _literals_to_numeric(operands):
            node.type = exp.DataType.build(duckdb_functions.NUMERIC, dialect="duckdb")
            parent = node.parent
            while isinstance(
                parent, (exp.Paren, exp.Add, exp.Sub, exp.Neg, exp.Sum, exp.Max, exp.Min)
            ):
                parent.type = node.type
                parent = parent.parent
            changed = True
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
    only (``SELECT NUMERIC '1' UNION ALL SELECT 2.5`` is NUMERIC; DuckDB: DOUBLE)."""
    changed = False
    for node in nodes(tree, exp.SetOperation):
        for column in set_columns(node):
            values = [c.this if isinstance(c, exp.Alias) else c for c in column]
            if not any(_numeric_value(v) for v in values):
                continue
            if _literals_to_numeric(values):
                _retype_outputs(tree, node, column[0].alias_or_name)
                changed = True
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
            if lit is not None:  # a literal converts from its text, exactly
                text = ("-" if isinstance(_unparen(node.this), exp.Neg) else "") + lit.name
                node.set("this", exp.Literal.string(text))
                changed = True
                continue
            converted = fn(duckdb_functions.FLOAT_TO_NUMERIC, cast_double(node.this.copy()))
            if isinstance(node, exp.TryCast) or node.args.get("safe"):
                converted = fn("TRY", converted)
            node.replace(typed(converted, duckdb_functions.NUMERIC))
            changed = True
    return changed
