"""Window frames and analytic-function arguments whose DuckDB form differs.

- ``RANGE`` with an offset (``RANGE BETWEEN 1 PRECEDING AND CURRENT ROW``) over a FLOAT64
  ORDER BY: ``nan-ordering`` puts a rank key (NULL, NaN, numbers) before a FLOAT64 key so
  that NaN sorts before -inf as in BigQuery, but DuckDB takes one ORDER BY key only in such
  a frame ("Binder Error: RANGE frames must have only one ORDER BY expression"). The frame
  itself does not need the rank key: NaN is a peer only of NaN in both engines (NaN ± n is
  NaN, and DuckDB's NaN sorts past +inf, so no numeric row's range reaches it), and NULL
  only of NULL. The rank key is left out there; the frame's rows are BigQuery's. With an
  UNBOUNDED side as well, the frame reaches NaN rows, whose place DuckDB has wrong (last,
  not before -inf): the key is then a finite one DuckDB orders as BigQuery does (NaN as
  the lowest double, -inf and +inf as half the lowest and the largest, every other value
  quartered, the offsets too), so that no bound of a finite row reaches the special values
  and each stays a peer of itself only; with an offset of 2^969 or more, or a parameter,
  that cannot be promised: refused.
- The same frame over an INT64 key: DuckDB computes the bound (key - offset) in INT64 and
  raises an overflow for ``RANGE BETWEEN 9223372036854775807 PRECEDING ...`` or a key near
  INT64's ends; BigQuery's frame is the set of rows within the offset, however far. The key
  is compared in 128 bits (HUGEINT), which holds every INT64 key plus or minus every offset.
  A NUMERIC key (DECIMAL(38, 9), whose sum with an offset overflows at 10^29) is compared
  as HUGEINT units of 10^-9, the offsets too: exact, and past 10^29 up to 1.7 * 10^29.
- Over a FLOAT64 key, a bound past the double range (-1.79769e308 - 1.79769e308) is -inf
  in DuckDB, so the -inf rows join the frame; BigQuery's bound is the exact difference,
  which -inf does not reach. With an offset that large (2^969 and up, where a sum with the
  largest double can round to inf) or one not known before the run (a parameter), key and
  offsets are halved: exact for every double but the subnormal ones, and no sum of two
  halves overflows.
"""

from __future__ import annotations

import sys

from sqlglot import exp

from wbcore.errors import UserError
from workbench.translate.context import Context, Translation, UnsupportedError, line_of
from workbench.translate.functions import NUMERIC, WINDOW_ERROR
from workbench.translate.rules._sql import case, cast, fail, fn, is_type, nodes, num, paren, typed


def _bounds(spec: exp.WindowSpec | None) -> tuple[bool, bool]:
    """(a RANGE frame with a numeric PRECEDING/FOLLOWING bound, it has an UNBOUNDED side)."""
    if spec is None or str(spec.args.get("kind") or "").upper() != "RANGE":
        return False, False
    offset = unbounded = False
    for side in ("start", "end"):
        bound = spec.args.get(side)
        if isinstance(bound, str) and bound.upper() == "UNBOUNDED":
            unbounded = True
        elif isinstance(bound, exp.Expression) or (
            isinstance(bound, str) and bound.upper() != "CURRENT ROW"
        ):
            offset = True
    return offset, unbounded


def range_frame_keys(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Keep the one ORDER BY key of a RANGE frame with an offset (no NaN rank key before it)."""
    changed = False
    for window in nodes(tree, exp.Window):
        offset, unbounded = _bounds(window.args.get("spec"))
        if not offset:
            continue
        order = window.args.get("order")
        for key in order.expressions if isinstance(order, exp.Order) else []:
            if unbounded and is_type(key.this, "FLOAT64") and not key.meta.get("half_key"):
                spec = window.args["spec"]
                sides = [spec.args.get(side) for side in ("start", "end")]
                if any(map(_large_offset, sides)):
                    raise UnsupportedError(
                        "RANGE frame with UNBOUNDED and a large or parameter offset over FLOAT64",
                        "BigQuery sorts NaN before -inf, DuckDB after +inf, and such a frame "
                        "takes one sort key; use ROWS, or filter NaN out (WHERE NOT IS_NAN(x))",
                        line_of(window),
                    )
                key.meta["half_key"] = True  # range-frame-float-bounds: done
                key.set("this", _nan_first_quarter(key.this.copy()))
                for side, bound in zip(("start", "end"), sides, strict=True):
                    if isinstance(bound, exp.Expression):
                        spec.set(side, _quarter(bound.copy()))
                changed = True
            if not key.meta.get("nan_rank"):
                key.meta["nan_rank"] = True  # what nan-ordering reads as "done"
                changed = True
    return changed


def _quarter(node: exp.Expression) -> exp.Expression:
    quarter = exp.Mul(this=paren(node), expression=cast(exp.Literal.string("0.25"), "DOUBLE"))
    return typed(quarter, "DOUBLE")


def _nan_first_quarter(x: exp.Expression) -> exp.Expression:
    """A finite FLOAT64 key DuckDB sorts in BigQuery's order: NaN as the lowest double,
    -inf as half of it, +inf as half the largest, the rest quartered (so within half the
    largest double of 0: no bound of a finite row plus an offset below it reaches them)."""
    big = sys.float_info.max

    def const(v: float) -> exp.Expression:
        return cast(exp.Literal.string(repr(v)), "DOUBLE")

    ifs = [
        exp.If(this=fn("isnan", x.copy()), true=const(-big)),
        exp.If(
            this=fn("isinf", x.copy()),
            true=case(
                exp.GT(this=x.copy(), expression=const(0.0)), const(big / 2), const(-big / 2)
            ),
        ),
    ]
    return typed(exp.Case(ifs=ifs, default=_quarter(x)), "DOUBLE")


def range_frame_wide_keys(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """A RANGE frame with an offset over an INT64 key compares the key as HUGEINT, so that
    the frame's bounds (key ± offset) never overflow."""
    changed = False
    for window in nodes(tree, exp.Window):
        if not _bounds(window.args.get("spec"))[0]:
            continue
        order = window.args.get("order")
        for key in order.expressions if isinstance(order, exp.Order) else []:
            if _small_frame(key.this, window.args["spec"]):
                continue  # a day number and a literal offset: key ± offset fits in INT64
            if is_type(key.this, "INT64") and not key.meta.get("wide_key"):
                key.meta["wide_key"] = True
                wide = cast(key.this.copy(), "HUGEINT")
                wide.type = key.this.type.copy()
                key.set("this", wide)
                changed = True
            elif is_type(key.this, "NUMERIC") and not key.meta.get("wide_key"):
                key.meta["wide_key"] = True
                key.set("this", _numeric_units(key.this.copy()))
                spec = window.args["spec"]
                for side in ("start", "end"):
                    bound = spec.args.get(side)
                    if isinstance(bound, exp.Literal) and not bound.is_string:
                        # a literal offset is coerced to NUMERIC from its text, exactly
                        exact = cast(exp.Literal.string(bound.this), NUMERIC)
                        spec.set(side, _numeric_units(exact))
                    elif isinstance(bound, exp.Expression):
                        spec.set(side, _numeric_units(cast(bound.copy(), NUMERIC)))
                changed = True
    return changed


# INT64 keys whose value is a count of days (or a date part): at most about 3.7 million
# either way, so with an offset below 2^62 their bounds cannot overflow and the key keeps
# its INT64 sort (HUGEINT keys cost the four Pulp queries' RANGE windows a wider sort).
_DAY_KEYS = (exp.UnixDate, exp.DateDiff, exp.Extract)


def _small_frame(key: exp.Expression, spec: exp.WindowSpec) -> bool:
    """Whether an INT64 RANGE key is a day number and every offset a literal below 2^62."""
    if not isinstance(key, _DAY_KEYS):
        return False
    if isinstance(key, exp.DateDiff) and not all(
        is_type(arg, "DATE") for arg in (key.this, key.expression)
    ):
        return False
    for side in ("start", "end"):
        bound = spec.args.get(side)
        if isinstance(bound, exp.Expression) and not (
            isinstance(bound, exp.Literal) and bound.is_int and abs(int(bound.this)) < 2**62
        ):
            return False
    return True


def _numeric_units(value: exp.Expression) -> exp.Expression:
    """A NUMERIC value as HUGEINT units of 10^-9 (exact; DECIMAL(38, 9) plus an offset
    overflows at 10^29, these at 1.7 * 10^29)."""
    whole = fn("trunc", value.copy())
    scale = exp.Literal.number(10**9)
    units = exp.Add(
        this=exp.Mul(this=cast(whole, "HUGEINT"), expression=scale),
        expression=cast(
            exp.Mul(
                this=paren(exp.Sub(this=value, expression=whole.copy())), expression=scale.copy()
            ),
            "HUGEINT",
        ),
    )
    return typed(paren(units), "HUGEINT")


_HALF_FROM = 2.0**969  # the largest double plus this can round to inf


def _large_offset(bound: object) -> bool:
    """Whether a frame offset could take a FLOAT64 bound past the double range."""
    if not isinstance(bound, exp.Expression):
        return False  # UNBOUNDED, CURRENT ROW
    if isinstance(bound, exp.Literal) and not bound.is_string:
        return abs(float(bound.this)) >= _HALF_FROM
    return True  # a parameter or an expression: its value is not known here


def _half(node: exp.Expression) -> exp.Expression:
    half = exp.Mul(this=paren(node), expression=cast(exp.Literal.string("0.5"), "DOUBLE"))
    return typed(half, "DOUBLE")


def range_frame_float_bounds(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """A RANGE frame over a FLOAT64 key with an offset of 2^969 or more (or a parameter)
    compares halves of the key and the offsets, so that no bound overflows to ±inf."""
    changed = False
    for window in nodes(tree, exp.Window):
        spec = window.args.get("spec")
        order = window.args.get("order")
        if not _bounds(spec)[0] or not isinstance(order, exp.Order):
            continue
        keys = [k for k in order.expressions if is_type(k.this, "FLOAT64")]
        sides = [spec.args.get(side) for side in ("start", "end")]
        if not keys or keys[0].meta.get("half_key") or not any(map(_large_offset, sides)):
            continue
        checks = _infinite_offset_checks(window, keys[0], sides)
        for key in keys:
            key.meta["half_key"] = True
            key.set("this", _half(key.this.copy()))
        for side, bound in zip(("start", "end"), sides, strict=True):
            if isinstance(bound, exp.Expression):
                spec.set(side, _half(bound.copy()))
        for call in _calls(window) if checks else []:
            guarded = exp.Case(ifs=[c.copy() for c in checks], default=call.copy())
            call.replace(typed(guarded, call))
        changed = True
    return changed


def _calls(window: exp.Window) -> list[exp.Window]:
    """The analytic calls a window spec is the frame of: the call itself, or for a named
    window (``WINDOW w AS (...)``) the calls ``OVER w`` of its SELECT."""
    if window.arg_key != "windows":
        return [window]
    select = window.parent
    name = window.this.name if isinstance(window.this, exp.Identifier) else ""
    calls = []
    for call in nodes(select, exp.Window):
        alias = call.args.get("alias")
        if call.arg_key == "windows" or call.args.get("spec") is not None:
            continue
        named = isinstance(alias, exp.Identifier) and alias.name == name
        if named and call.find_ancestor(exp.Select) is select:
            calls.append(call)
    return calls


def _infinite_offset_checks(
    window: exp.Window, key: exp.Ordered, sides: list[object]
) -> list[exp.If]:
    """BigQuery's errors for a +inf parameter offset whose bound is inf - inf: PRECEDING
    on an ascending key (FOLLOWING on a descending one) with a +inf key in the partition,
    FOLLOWING ascending (PRECEDING descending) with a -inf key. DuckDB's NaN bound gave
    rows instead (or its own overflow error)."""
    spec = window.args["spec"]
    desc = bool(key.args.get("desc"))
    order = "a descending" if desc else "an ascending"
    checks = []
    for side, bound in zip(("start", "end"), sides, strict=True):
        if not isinstance(bound, exp.Expression) or isinstance(bound, exp.Literal):
            continue
        direction = str(spec.args.get(f"{side}_side") or "").upper()
        toward_plus = (direction == "FOLLOWING") != desc  # the bound is key + offset
        sign = "negative" if toward_plus else "positive"
        infinity = cast(exp.Literal.string("-inf" if toward_plus else "inf"), "DOUBLE")
        hits = exp.Case(
            ifs=[exp.If(this=exp.EQ(this=key.this.copy(), expression=infinity), true=num(1))]
        )
        count = exp.Window(
            this=exp.Count(this=hits),
            partition_by=[p.copy() for p in window.args.get("partition_by") or []],
        )
        plus_inf = cast(exp.Literal.string("inf"), "DOUBLE")
        cond = exp.And(
            this=exp.EQ(this=cast(bound.copy(), "DOUBLE"), expression=plus_inf),
            expression=exp.GT(this=count, expression=num(0)),
        )
        message = (
            f"Offset value cannot be positive infinity when there exists a {sign} infinity "
            f"order key for an offset {direction} on {order} partition"
        )
        checks.append(exp.If(this=cond, true=fail(message)))
    return checks


def _constant(node: exp.Expression) -> bool:
    """A literal, a parameter or an expression of them only (no column, no subquery)."""
    return not any(isinstance(n, exp.Column | exp.Query) for n in node.walk())


def navigation_arguments(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """LAG/LEAD: a negative or non-constant offset and a non-constant default are errors
    (DuckDB reads a negative LAG offset as LEAD's); the result has the supertype of the value
    and the default (LAG(int, 1, 2.5) is FLOAT64; DuckDB casts 2.5 down to 2)."""
    changed = False
    for node in nodes(tree, exp.Lag, exp.Lead):
        name = "LAG" if isinstance(node, exp.Lag) else "LEAD"
        offset, default = node.args.get("offset"), node.args.get("default")
        if offset is not None:
            if not _constant(offset):
                raise UserError(
                    f"The second argument (the offset) to {name} must be constant",
                    line=line_of(node),
                    construct=name,
                )
            literal = offset.this if isinstance(offset, exp.Neg) else None
            if isinstance(literal, exp.Literal) and not literal.is_string and float(literal.this):
                # BigQuery raises it when the query runs: so does the query offline
                message = f"The offset to the function {name} must not be negative"
                offset.replace(cast(fail(message), "BIGINT"))
                changed = True
        if default is None:
            continue
        if not _constant(default):
            raise UserError(
                f"The third argument (the default expression) to {name} must be constant",
                line=line_of(node),
                construct=name,
            )
        value = node.this
        if is_type(value, "INT64") and is_type(default, "FLOAT64", "NUMERIC"):
            to = "DOUBLE" if is_type(default, "FLOAT64") else NUMERIC
            widened = cast(value.copy(), to)
            widened.type = default.type.copy()
            value.replace(widened)
            changed = True
    return changed


def stable_window_keys(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """A run-time check in a window's PARTITION BY or ORDER BY (MOD's division by zero,
    SUBSTR's negative length) raises through a Python function instead of DuckDB's error(),
    which is volatile: DuckDB refuses volatile window keys ("PARTITION BY window expressions
    cannot be volatile"). ``CASE WHEN f(msg) THEN NULL END`` keeps error()'s NULL type.
    The last rewrite, so that every check is in place; a check under ``SAFE.`` is left to
    safe-prefix, which makes it NULL."""
    changed = False
    for window in nodes(tree, exp.Window):
        order = window.args.get("order")
        keys = [*(window.args.get("partition_by") or [])]
        keys += order.expressions if isinstance(order, exp.Order) else []
        for key in keys:
            for call in list(key.find_all(exp.Anonymous)):
                if call.name.lower() != "error" or call.find_ancestor(exp.Window) is not window:
                    continue
                if call.find_ancestor(exp.SafeFunc) is not None:
                    continue  # safe-prefix makes it NULL
                raised = exp.Case(
                    ifs=[exp.If(this=fn(WINDOW_ERROR, *call.expressions), true=exp.Null())]
                )
                call.replace(raised)
                changed = True
    return changed
