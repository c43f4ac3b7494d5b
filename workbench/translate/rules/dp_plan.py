"""The plan of a ``SELECT WITH DIFFERENTIAL_PRIVACY``: its nested SELECTs, level by level.

Level 1 aggregates per group and privacy unit, level 2 numbers units and groups (by a hash
of their values, row by row: a DENSE_RANK window over the whole table held every row twice,
issue 17), level 3 draws each unit's groups in a keyed random order (and PERCENTILE_CONT's
values per unit), level 4 sums the clamped contributions of each unit's first
``max_groups_contributed`` groups, level 5 adds the noise; ``rules/dp.py`` puts the threshold
and the select list on top. The keyed numbers are SQL macros (``translate/dp_noise.py``).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlglot import exp

from workbench.translate import dp_noise, dp_quantiles
from workbench.translate.dp_syntax import DPBounds
from workbench.translate.rules.dp_aggregates import Aggregate

DRAW, UNIFORM, LAPLACE, KEY, IDENTITY, JSON_IDENTITY, NUMBER = (
    n.upper()
    for n in (
        dp_noise.DRAW,
        dp_noise.UNIFORM,
        dp_noise.LAPLACE,
        dp_noise.KEY,
        dp_noise.IDENTITY,
        dp_noise.JSON_IDENTITY,
        dp_noise.NUMBER,
    )
)
INTEGRAL_META = "workbench_dp_integral_sum"


def col(name: str) -> exp.Column:
    return exp.column(name)


def float_literal(value: float) -> exp.Expression:
    return exp.Literal.number(repr(float(value)))


def _bound(value: float, integral: bool) -> exp.Expression:
    literal = exp.Literal.number(int(value) if integral else repr(value))
    return (
        exp.Neg(this=exp.Literal.number(abs(int(value)) if integral else repr(abs(value))))
        if value < 0
        else literal
    )


def subquery(select: exp.Select, alias: str) -> exp.Subquery:
    return exp.Subquery(this=select, alias=exp.TableAlias(this=exp.to_identifier(alias)))


def _names(keys: list[exp.Expression]) -> list[str]:
    return [f"_dp_k{i}" for i in range(len(keys))]


def per_unit(
    select: exp.Select,
    keys: list[exp.Expression],
    unit: exp.Column,
    aggs: list[Aggregate],
    unit_text: bool,
) -> exp.Select:
    """Level 1: one row per group and privacy unit, with each aggregate's partial value; the
    unit as its 128-bit identity (``dp_noise``; of its bytes when ``unit_text``, a STRING
    or BYTES unit), which the hash tables and the window hold in 16 bytes."""
    cols: list[exp.Expression] = [
        exp.alias_(k.copy(), n) for k, n in zip(keys, _names(keys), strict=True)
    ]
    identity = exp.Anonymous(
        this=IDENTITY if unit_text else JSON_IDENTITY, expressions=[unit.copy()]
    )
    cols.append(exp.alias_(identity, "_dp_unit"))
    for j, a in enumerate(aggs):
        arg = a.node.this
        partial: exp.Expression
        if a.kind == "COUNT(*)":
            partial = exp.Count(this=exp.Star())
        elif a.kind == "PERCENTILE_CONT":  # the unit's values, sampled at level 3
            as_float = exp.Cast(this=arg.copy(), to=exp.DataType.build("DOUBLE"))
            partial = exp.IgnoreNulls(this=exp.ArrayAgg(this=as_float))
        else:
            partial = type(a.node)(this=arg.copy())
        cols.append(exp.alias_(partial, f"_dp_p{j}"))
    inner = exp.Select(expressions=cols)
    for arg in ("from_", "joins", "laterals"):  # the WITH stays on the outermost query
        value = select.args.get(arg)
        if value:
            inner.set(
                arg,
                value.copy() if isinstance(value, exp.Expression) else [v.copy() for v in value],
            )
    # rows without a privacy unit belong to no one: they contribute nothing
    known = exp.Not(this=exp.Is(this=unit.copy(), expression=exp.Null()))
    where = select.args.get("where")
    condition = known if where is None else exp.and_(exp.Paren(this=where.this.copy()), known)
    inner.set("where", exp.Where(this=condition))
    inner.set("group", exp.Group(expressions=[k.copy() for k in keys] + [identity.copy()]))
    return inner


def _passthrough(keys: list[exp.Expression], aggs: list[Aggregate]) -> list[exp.Expression]:
    return (
        [col(n) for n in _names(keys)]
        + [col("_dp_unit")]
        + [col(f"_dp_p{j}") for j in range(len(aggs))]
    )


def ranked(per_unit: exp.Select, keys: list[exp.Expression], aggs: list[Aggregate]) -> exp.Select:
    """Level 2: each unit and each group numbered (the noise and the sampling are keyed so):
    63 bits of the unit's identity, and of the MD5 of the group keys' JSON text, computed
    row by row, so that no window numbers them over the whole table."""
    unit_number = exp.Anonymous(this=NUMBER, expressions=[col("_dp_unit")])
    units = exp.Cast(this=unit_number, to=exp.DataType.build("BIGINT"))
    group: exp.Expression = exp.Literal.number(1)
    if keys:
        fields = [
            exp.PropertyEQ(this=exp.to_identifier(n), expression=col(n)) for n in _names(keys)
        ]
        number = exp.Anonymous(this=KEY, expressions=[exp.Struct(expressions=fields)])
        group = exp.Cast(this=number, to=exp.DataType.build("BIGINT"))
    cols = [*_passthrough(keys, aggs), exp.alias_(units, "_dp_u"), exp.alias_(group, "_dp_g")]
    return exp.Select(expressions=cols, from_=exp.From(this=subquery(per_unit, "_dp_l1")))


def bounded(
    ranked: exp.Select,
    keys: list[exp.Expression],
    aggs: list[Aggregate],
    stream: exp.Literal,
    samples: Callable[[int], exp.Literal],
) -> exp.Select:
    """Level 3: each unit's groups in a random order (keyed by unit and group numbers)."""
    # the INT64 draw, not its uniform DOUBLE: the same order, and no NaN ordering to add
    draw = exp.Anonymous(this=DRAW, expressions=[stream, col("_dp_u"), col("_dp_g")])
    # each row's position among its unit's rows: COUNT(*) over the rows up to it, which is
    # ROW_NUMBER(); DuckDB rewrites ``ROW_NUMBER() ... <= k`` into a top-k aggregate per unit
    # that copies every group key it is given, 200 MB more at 100,000 sites than its Window
    rank = exp.Window(
        this=exp.Count(this=exp.Star()),
        partition_by=[col("_dp_unit")],
        order=exp.Order(
            expressions=[exp.Ordered(this=exp.Cast(this=draw, to=exp.DataType.build("BIGINT")))]
        ),
        spec=exp.WindowSpec(
            kind="ROWS", start="UNBOUNDED", start_side="PRECEDING", end="CURRENT ROW"
        ),
    )
    cols = [*_passthrough(keys, aggs), col("_dp_g"), exp.alias_(rank, "_dp_rn")]
    for j, a in enumerate(aggs):
        if a.kind == "PERCENTILE_CONT":  # at most PER_UNIT_LIMIT values per unit and group
            call = exp.Anonymous(
                this=dp_quantiles.SAMPLE,
                expressions=[samples(j), col("_dp_u"), col("_dp_g"), col(f"_dp_p{j}")],
            )
            position = len(keys) + 1 + j
            cols[position] = exp.alias_(call, f"_dp_p{j}")
    return exp.Select(expressions=cols, from_=exp.From(this=subquery(ranked, "_dp_l2")))


def _clamp(value: exp.Expression, b: DPBounds) -> exp.Expression:
    return exp.Least(
        this=exp.Greatest(this=value, expressions=[_bound(b.lower, b.integral)]),
        expressions=[_bound(b.upper, b.integral)],
    )


def grouped(
    bounded: exp.Select, keys: list[exp.Expression], aggs: list[Aggregate], k: int | None
) -> exp.Select:
    """Level 4: per group, the units' clamped contributions (only their first k groups;
    all of them when ``k`` is None)."""
    cols: list[exp.Expression] = [col(n) for n in _names(keys)]
    cols.append(exp.alias_(exp.Min(this=col("_dp_g")), "_dp_g"))
    cols.append(exp.alias_(exp.Count(this=exp.Star()), "_dp_units"))
    for j, a in enumerate(aggs):
        clamped = _clamp(col(f"_dp_p{j}"), a.bounds)
        if a.kind == "PERCENTILE_CONT":  # clamped per row by the quantile functions
            cols.append(exp.alias_(exp.ArrayConcatAgg(this=col(f"_dp_p{j}")), f"_dp_a{j}"))
        elif a.kind == "AVG":
            mid = (a.bounds.lower + a.bounds.upper) / 2
            cols.append(
                exp.alias_(
                    exp.Sum(this=exp.Sub(this=clamped, expression=float_literal(mid))), f"_dp_s{j}"
                )
            )
            cols.append(exp.alias_(exp.Count(this=col(f"_dp_p{j}")), f"_dp_n{j}"))
        else:
            cols.append(exp.alias_(exp.Sum(this=clamped), f"_dp_a{j}"))
    grouped = exp.Select(expressions=cols, from_=exp.From(this=subquery(bounded, "_dp_l3")))
    if k is not None:
        grouped.set(
            "where", exp.Where(this=exp.LTE(this=col("_dp_rn"), expression=exp.Literal.number(k)))
        )
    if keys:
        grouped.set("group", exp.Group(expressions=[col(n) for n in _names(keys)]))
    return grouped


def noised(
    grouped: exp.Select,
    keys: list[exp.Expression],
    aggs: list[Aggregate],
    share: float,
    k: int,
    noisy: bool,
    noise: Callable[[str, float], exp.Expression],
    stream: Callable[[str], exp.Literal],
) -> exp.Select:
    """Level 5: each aggregate's noisy value (``_dp_v<j>``; AVG's noisy sum ``_dp_s<j>`` and
    count ``_dp_n<j>``) and the noisy unit count ``_dp_t`` (columns, so that the outer query
    names each once)."""
    cols: list[exp.Expression] = [col(n) for n in _names(keys)]
    units: exp.Expression = col("_dp_units")
    if noisy:  # the noisy unit count is an INT64 (the DP library's Count rounds it)
        noisy_units = exp.Add(this=units, expression=noise("threshold", k / share))
        units = exp.Cast(this=exp.Round(this=noisy_units), to=exp.DataType.build("BIGINT"))
    cols.append(exp.alias_(units, "_dp_t"))
    for j, a in enumerate(aggs):
        b = a.bounds
        if a.kind == "AVG":
            half = share / 2
            total: exp.Expression = col(f"_dp_s{j}")
            count: exp.Expression = col(f"_dp_n{j}")
            if noisy:
                scale = k * (b.upper - b.lower) / 2 / half
                total = exp.Add(this=total, expression=noise(f"agg{j}:sum", scale))
                count = exp.Greatest(
                    this=exp.Add(this=count, expression=noise(f"agg{j}:count", k / half)),
                    expressions=[float_literal(1.0)],
                )
            else:
                count = exp.Nullif(this=count, expression=exp.Literal.number(0))
            cols += [exp.alias_(total, f"_dp_s{j}"), exp.alias_(count, f"_dp_n{j}")]
            continue
        if a.kind == "PERCENTILE_CONT":
            cols.append(exp.alias_(_percentile_value(j, a, share, k, noisy, stream), f"_dp_v{j}"))
            continue
        value: exp.Expression = col(f"_dp_a{j}")
        if noisy:
            scale = k * max(abs(b.lower), abs(b.upper)) / share
            value = exp.Add(this=value, expression=noise(f"agg{j}", scale))
            if a.kind == "SUM":
                value.meta[INTEGRAL_META] = True  # rounded if the sum is INT64 (integral_sums)
            else:
                value = exp.Cast(this=exp.Round(this=value), to=exp.DataType.build("BIGINT"))
        cols.append(exp.alias_(value, f"_dp_v{j}"))
    return exp.Select(expressions=cols, from_=exp.From(this=subquery(grouped, "_dp_l4")))


def _percentile_value(
    j: int, a: Aggregate, share: float, k: int, noisy: bool, stream: Callable[[str], exp.Literal]
) -> exp.Expression:
    """The quantile tree's noisy percentile (``dp_quantiles``), or without noise the exact
    PERCENTILE_CONT of the same clamped, sampled values."""
    b = a.bounds
    args = [
        col(f"_dp_a{j}"),
        float_literal(a.percentile),
        float_literal(b.lower),
        float_literal(b.upper),
    ]
    if noisy:
        call = exp.Anonymous(
            this=dp_quantiles.PERCENTILE,
            expressions=[
                stream(f"agg{j}:tree"),
                col("_dp_g"),
                *args,
                float_literal(dp_quantiles.scale(share, k)),
            ],
        )
    else:
        call = exp.Anonymous(this=dp_quantiles.PERCENTILE_EXACT, expressions=args)
    return exp.Cast(this=call, to=exp.DataType.build("DOUBLE"))


def published(j: int, a: Aggregate) -> exp.Expression:
    """The outer query's value of aggregate ``j``: level 5's column, AVG's bounded mean."""
    b = a.bounds
    if a.kind != "AVG":
        return col(f"_dp_v{j}")
    mid = (b.lower + b.upper) / 2
    mean = exp.Add(
        this=float_literal(mid),
        expression=exp.Div(this=col(f"_dp_s{j}"), expression=col(f"_dp_n{j}")),
    )
    return exp.Paren(this=_clamp(mean, DPBounds("group", b.lower, b.upper, False)))
