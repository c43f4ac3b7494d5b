"""TIME_ADD/TIME_SUB wrap around midnight for any interval (issue 15, oracle round 4).

BigQuery's TIME arithmetic is modulo one day (time_functions#time_add: "wraps around"), for
any INT64 count: TIME_ADD(TIME '00:00:00', INTERVAL 9223372036854775807 SECOND) is
15:30:07 (GoogleSQL's reference evaluator). DuckDB's TIME + INTERVAL wraps too, but the
interval of a large count overflows (an error). Here the time of day in microseconds plus
count * unit, in HUGEINT (2^63 hours fit), modulo a day.
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation
from workbench.translate.rules._sql import bottom_up, cast, fn, is_type, paren, typed, unit_name

_DAY_US = 86_400_000_000
_UNIT_US = {
    "MICROSECOND": 1,
    "MILLISECOND": 1_000,
    "SECOND": 1_000_000,
    "MINUTE": 60_000_000,
    "HOUR": 3_600_000_000,
}


def _huge(value: int) -> exp.Expression:
    return cast(exp.Literal.number(value), "HUGEINT")


def time_wraparound(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """TIME_ADD/TIME_SUB(time, INTERVAL n part): (time of day + n * part) modulo 24 hours."""
    changed = False
    for node in bottom_up(tree, exp.TimeAdd, exp.TimeSub):
        unit = unit_name(node.args.get("unit"))
        if not is_type(node.this, "TIME") or unit not in _UNIT_US:
            continue  # other parts: BigQuery's analyzer refuses them
        step = exp.Mul(
            this=cast(node.expression.copy(), "HUGEINT"), expression=_huge(_UNIT_US[unit])
        )
        of_day = cast(fn("epoch_us", node.this.copy()), "HUGEINT")
        total: exp.Expression = (
            exp.Add(this=of_day, expression=paren(step))
            if isinstance(node, exp.TimeAdd)
            else exp.Sub(this=of_day, expression=paren(step))
        )
        # a non-negative remainder: (x % day + day) % day
        wrapped = exp.Mod(
            this=paren(
                exp.Add(
                    this=paren(exp.Mod(this=paren(total), expression=_huge(_DAY_US))),
                    expression=_huge(_DAY_US),
                )
            ),
            expression=_huge(_DAY_US),
        )
        new = exp.Add(
            this=cast(exp.Literal.string("00:00:00"), "TIME"),
            expression=fn("to_microseconds", cast(paren(wrapped), "BIGINT")),
        )
        node.replace(typed(paren(new), "TIME"))
        changed = True
    return changed
