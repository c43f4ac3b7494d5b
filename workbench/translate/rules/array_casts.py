"""CAST(array AS ARRAY<T>) element by element, with the scalar casts' rules (issue 15,
compliance).

DuckDB casts a list's elements itself, past the rules that make each scalar CAST BigQuery's
(CAST(2.5 AS INT64) is 3, half away from zero; DuckDB's list cast gave 2), and its TRY_CAST
of a list NULLs only the elements that fail, where BigQuery's SAFE_CAST of an ARRAY is NULL
when any element fails (conversion_functions#safe_casting). The cast becomes
``list_transform`` of the scalar cast, which the later rules rewrite as any other, and a
SAFE_CAST that lost an element is NULL. Likewise a STRUCT cast's fields carry their types,
so the scalar rules see them (``casts.struct_casts``).
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation
from workbench.translate.rules._sql import bottom_up, case, fn, paren, typed


def _element(t: exp.DataType | None) -> exp.DataType | None:
    if t is None or t.this != exp.DataType.Type.ARRAY or len(t.expressions) != 1:
        return None
    element = t.expressions[0]
    return element if isinstance(element, exp.DataType) else None


def _present(values: exp.Expression) -> exp.Expression:
    """How many elements of ``values`` are not NULL."""
    var = exp.to_identifier("_wb_n")
    keep = exp.Lambda(
        this=exp.Not(this=exp.Is(this=var.copy(), expression=exp.Null())), expressions=[var]
    )
    return fn("len", fn("list_filter", values, keep))


def array_element_casts(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """CAST/SAFE_CAST(ARRAY<S> AS ARRAY<T>), S not T: each element cast as a scalar."""

    changed = False
    for node in bottom_up(tree, exp.Cast):
        target, source = _element(node.to), _element(node.this.type)
        if target is None or source is None or isinstance(node.this, exp.Null):
            continue
        if target.sql("bigquery") == source.sql("bigquery"):
            continue
        if any(isinstance(p, exp.DataTypeParam) for p in target.find_all(exp.DataTypeParam)):
            continue  # parameterized element types: ``type-parameters`` refuses them
        safe = isinstance(node, exp.TryCast) or bool(node.args.get("safe"))
        var = exp.to_identifier("_wb_e")
        var.type = source.copy()
        scalar = type(node)(this=var.copy(), to=target.copy())
        if node.args.get("safe"):
            scalar.set("safe", True)
        scalar.type = target.copy()
        value = node.this
        new = typed(
            fn("list_transform", value.copy(), exp.Lambda(this=scalar, expressions=[var])),
            node.to.copy(),
        )
        if safe:  # any element that failed: the whole ARRAY is NULL
            same = exp.EQ(this=_present(value.copy()), expression=_present(new.copy()))
            new = typed(paren(case(same, new, exp.Null())), node.to.copy())
        new.type = node.to.copy()
        node.replace(new)
        changed = True
    return changed
