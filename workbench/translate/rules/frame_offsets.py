"""Window frame offsets (and the N of NTILE and NTH_VALUE) given as query parameters: BigQuery's
checks of their value.

BigQuery takes a frame offset (``ROWS BETWEEN @n PRECEDING ...``, ``RANGE ... @n FOLLOWING``)
as a literal or a parameter and raises when the query runs if the parameter is NULL ("The
boundary offset value cannot be null") or negative or NaN ("Window frame offset for PRECEDING
or FOLLOWING must be non-negative"). DuckDB's binder refuses a NULL offset with a raw "Binder
Error", a negative one fails in its window operator with an unclear out-of-range message, and
a NaN FLOAT64 offset gives rows: for FOLLOWING, a frame that is empty or runs to the end.

The offset is replaced with ``CASE WHEN <bad> THEN 0 ELSE @n END`` (so that DuckDB's binder and
window operator never see the bad value) and every call over the frame is wrapped in
``CASE WHEN @n IS NULL THEN error(...) WHEN <negative> THEN error(...) ELSE <call> END``: the
statement fails with BigQuery's message, whatever the rows. A literal offset needs no check:
the analyzer's gate already refuses a negative literal as BigQuery does.
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation
from workbench.translate.rules._sql import fail, fn, is_type, nodes, num, typed
from workbench.translate.rules.windows import _calls

NULL_OFFSET = "The boundary offset value cannot be null"
NEGATIVE_OFFSET = "Window frame offset for PRECEDING or FOLLOWING must be non-negative"


def _parameter(bound: object) -> bool:
    """Whether a frame bound is a query parameter (BigQuery allows a literal or a parameter)."""
    if not isinstance(bound, exp.Expression) or isinstance(bound, exp.Literal):
        return False
    return any(isinstance(n, exp.Parameter | exp.Placeholder) for n in bound.walk())


def _negative(bound: exp.Expression) -> exp.Expression:
    below = exp.LT(this=bound.copy(), expression=num(0))
    if is_type(bound, "FLOAT64"):
        return exp.Or(this=fn("isnan", bound.copy()), expression=below)
    return below


def frame_offset_checks(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """A parameter frame offset that is NULL, negative or NaN raises BigQuery's error."""
    changed = False
    for window in nodes(tree, exp.Window):
        spec = window.args.get("spec")
        if not isinstance(spec, exp.WindowSpec) or spec.meta.get("offsets_checked"):
            continue
        checks: list[exp.If] = []
        for side in ("start", "end"):
            bound = spec.args.get(side)
            if not _parameter(bound):
                continue
            assert isinstance(bound, exp.Expression)
            is_null = exp.Is(this=bound.copy(), expression=exp.Null())
            negative = _negative(bound)
            checks += [
                exp.If(this=is_null, true=fail(NULL_OFFSET)),
                exp.If(this=negative.copy(), true=fail(NEGATIVE_OFFSET)),
            ]
            bad = exp.Or(this=is_null.copy(), expression=exp.Paren(this=negative))
            safe = exp.Case(ifs=[exp.If(this=bad, true=num(0))], default=bound.copy())
            spec.set(side, typed(safe, bound))
        spec.meta["offsets_checked"] = True
        if not checks:
            continue
        for call in _calls(window):
            guarded = exp.Case(ifs=[c.copy() for c in checks], default=call.copy())
            call.replace(typed(guarded, call))
        changed = True
    return changed


# the bucket count of NTILE(@n) and the N of NTH_VALUE(x, @n): BigQuery's messages
_COUNTS = {
    exp.Ntile: ("this", "The N value (number of buckets) for the NTILE function"),
    exp.NthValue: ("offset", "The N value for the NthValue function"),
}


def ntile_parameters(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """NTILE(@n) and NTH_VALUE(x, @n): BigQuery raises for a NULL or non-positive n when
    the query runs; DuckDB gave NULLs for NULL (and NTH_VALUE for 0 or less), or an unclear
    error (NTILE(0)). The call takes a safe 1 and the checks raise first (a literal n is the
    analyzer gate's)."""
    changed = False
    for node in nodes(tree, exp.Ntile, exp.NthValue):
        arg, what = _COUNTS[type(node)]
        n = node.args.get(arg)
        window = node.parent
        if isinstance(window, exp.IgnoreNulls | exp.RespectNulls):
            window = window.parent
        if not _parameter(n) or not isinstance(window, exp.Window) or node.meta.get("checked"):
            continue
        assert isinstance(n, exp.Expression)
        node.meta["checked"] = True
        is_null = exp.Is(this=n.copy(), expression=exp.Null())
        small = exp.LTE(this=n.copy(), expression=num(0))
        bad = exp.Or(this=is_null.copy(), expression=small.copy())
        node.set(arg, typed(exp.Case(ifs=[exp.If(this=bad, true=num(1))], default=n.copy()), n))
        checks = [
            exp.If(this=is_null, true=fail(f"{what} must not be NULL")),
            exp.If(this=small, true=fail(f"{what} must be positive")),
        ]
        window.replace(typed(exp.Case(ifs=checks, default=window.copy()), window))
        changed = True
    return changed
