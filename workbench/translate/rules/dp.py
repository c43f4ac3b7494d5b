"""``SELECT WITH DIFFERENTIAL_PRIVACY``: BigQuery's documented mechanism as plain SQL.

BigQuery (https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#dp_clause,
https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate-dp-functions):
1. aggregates per privacy unit and group ("intermediate grouping on the privacy unit column");
2. keeps a random ``max_groups_contributed`` of each unit's groups (default 1; NULL: all of
   them, the noise and threshold then computed for one group);
3. clamps each unit's per-group contribution to ``contribution_bounds_per_group``;
4. splits ``epsilon`` into ``n + 1`` equal shares (``n`` aggregates plus the implicit noisy
   count of units that removes small groups), each further split by ``max_groups_contributed``;
5. adds Laplace noise of scale ``max_groups_contributed * sensitivity / (epsilon / (n + 1))``
   (sensitivity ``max(|lower|, |upper|)`` for COUNT and SUM; AVG is the DP library's bounded
   mean: a noisy sum of ``value - midpoint`` over a noisy count, each with half the share;
   PERCENTILE_CONT, bounded per row, keeps at most 5 values per unit and group and is the DP
   library's quantile tree over them, ``translate/dp_quantiles.py``);
6. keeps a group when its noisy unit count (an INT64: the noisy count rounded) reaches the
   threshold that ``delta`` gives (Laplace partition selection, Wilson et al., "Differentially
   private SQL with bounded user contribution", https://arxiv.org/abs/1909.01917, which the
   GoogleSQL reference cites; the DP library's ``CalculateThreshold``):
   ``tau = 1 - (k / eps_t) * ln(2 * delta_k)`` (``1 + (k / eps_t) * ln(2 * (1 - delta_k))``
   when ``delta > 0.5``) with ``delta_k = 1 - (1 - delta) ** (1 / k)``, rounded up to an
   integer as ZetaSQL's ``ComputeLaplaceThresholdFromDelta`` does.

The rule runs before qualification and writes nested SELECTs (per unit, bounded, per group,
noised), so every later rule treats them as any BigQuery query. The noise comes from
``wb_dp_uniform`` / ``wb_dp_laplace`` (``translate/functions.py``), keyed by a stream derived
from the dataset's seed and the query text: the same query on the same dataset gives the same
numbers, and notebooks stay deterministic. ``Context.dp_noise=False`` leaves the noise out
(the bounded values, threshold applied to the exact unit count), for debugging.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from dataclasses import dataclass

from sqlglot import exp
from sqlglot.optimizer.annotate_types import annotate_types

from workbench.translate import dp_quantiles
from workbench.translate.context import (
    DP_RULE,
    Context,
    Translation,
    UnsupportedError,
    UserError,
)
from workbench.translate.dp_syntax import (
    BOUNDS_META,
    CLAUSE_META,
    DPBounds,
    DPClause,
    bounds_of,
    clause_of,
)
from workbench.translate.rules._sql import bottom_up, is_type

UNIFORM = "wb_dp_uniform"
LAPLACE = "wb_dp_laplace"
INTEGRAL_META = "workbench_dp_integral_sum"
NOISE_OFF = "noise off: bounded values without noise, groups kept by their exact unit count"
CLAUSE = "SELECT WITH DIFFERENTIAL_PRIVACY"
# the functions the plan calls (translate/functions.py registers them on the connection)
HANDLES = tuple(
    n.upper()
    for n in (
        UNIFORM,
        LAPLACE,
        dp_quantiles.SAMPLE,
        dp_quantiles.PERCENTILE,
        dp_quantiles.PERCENTILE_EXACT,
    )
)
DEFAULT_MAX_GROUPS = 1


@dataclass
class _Aggregate:
    node: exp.AggFunc
    bounds: DPBounds
    kind: str  # COUNT(*), COUNT, SUM, AVG, PERCENTILE_CONT
    percentile: float = 0.0  # PERCENTILE_CONT's


def differential_privacy(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Every DP SELECT becomes the bounded, noised, thresholded plan described above."""
    selects = [s for s in tree.find_all(exp.Select) if clause_of(s)]
    for select in selects:
        _rewrite(select, clause_of(select), ctx, out)  # type: ignore[arg-type]
    stray = next((f for f in tree.find_all(exp.AggFunc) if bounds_of(f)), None)
    if stray is not None:
        bounds = bounds_of(stray)
        assert bounds is not None
        raise UserError(
            f"contribution_bounds_per_{bounds.per} is only allowed in a differentially private "
            f"aggregate: {stray.key.upper()} is not in a {CLAUSE} select list",
            construct=stray.key.upper(),
        )
    return bool(selects)


def noise_off(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Fires after ``differential-privacy`` when the plan left the noise out: the
    translation's rules say so, and the engine marks the result (``workbench.dp_noise``)."""
    return not ctx.dp_noise and any(r.split(" ", 1)[0] == DP_RULE for r in out.rules)


def integral_sums(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """A DP SUM of INT64 values is INT64 in BigQuery: the noisy sum rounds to an integer."""
    changed = False
    for node in bottom_up(tree, exp.Add):
        if not node.meta.get(INTEGRAL_META):
            continue
        node.meta.pop(INTEGRAL_META)
        if is_type(node.this, "INT64"):
            rounded = exp.Cast(this=exp.Round(this=node.copy()), to=exp.DataType.build("BIGINT"))
            node.replace(rounded)
            annotate_types(rounded, dialect="bigquery")
            changed = True
    return changed


# -- one DP SELECT ----------------------------------------------------------------------------


def _rewrite(select: exp.Select, clause: DPClause, ctx: Context, out: Translation) -> None:
    line = clause.line
    epsilon, delta, k = _options(clause)
    unit = _unit_column(select, clause, ctx)
    for arg, what in (("having", "HAVING"), ("qualify", "QUALIFY"), ("distinct", "DISTINCT")):
        if select.args.get(arg):
            raise UnsupportedError(f"{what} in a {CLAUSE} query", _NOT_MODELLED, line)
    if any(select.find_all(exp.Window)):
        raise UserError(
            f"analytic (window) functions are not allowed in a {CLAUSE} select list",
            line=line,
            construct=CLAUSE,
        )
    items = list(select.expressions)
    keys = _group_keys(select, items, line)
    aggregates = _aggregates(items, line, _column_types(select, ctx))
    if not aggregates:
        raise UserError(
            f"{CLAUSE} needs at least one differentially private aggregate "
            "(COUNT, SUM, AVG with contribution_bounds_per_group, PERCENTILE_CONT with "
            "contribution_bounds_per_row)",
            line=line,
            construct=CLAUSE,
        )
    seed = _seed(select, ctx)

    def stream(purpose: str) -> exp.Literal:
        text = f"{seed}\x00{out.bigquery}\x00{purpose}"
        return exp.Literal.string(hashlib.sha256(text.encode()).hexdigest()[:32])

    share = epsilon / (len(aggregates) + 1)
    per_unit = _per_unit(select, keys, unit, aggregates)
    ranked = _ranked(per_unit, keys, aggregates)
    bounded = _bounded(
        ranked, keys, aggregates, stream("bound"), lambda j: stream(f"agg{j}:sample")
    )
    # max_groups_contributed = NULL: every group of a unit counts; the noise and the threshold
    # then take 1 group (ZetaSQL: "equivalent to removing it from the threshold calculation")
    grouped = _grouped(bounded, keys, aggregates, None if clause.groups_unlimited else k)

    def noise(purpose: str, scale: float) -> exp.Expression:
        call = exp.Anonymous(
            this=LAPLACE, expressions=[stream(purpose), _col("_dp_g"), _float(scale)]
        )
        return exp.Cast(this=call, to=exp.DataType.build("DOUBLE"))

    noised = _noised(grouped, keys, aggregates, share, k, ctx.dp_noise, noise, stream)
    by_text = {i.unalias().sql("bigquery"): i.alias_or_name for i in items}
    for j, a in enumerate(aggregates):
        a.node.replace(_published(j, a))
    key_sql = {key.sql("bigquery"): i for i, key in enumerate(keys)}
    outputs = [_keyed(item, key_sql) for item in items]
    names = {item.alias_or_name for item in outputs}
    for item in outputs:
        _only_grouped(item, line)
    order = select.args.get("order")
    if order is not None:
        for ordered in order.expressions:
            _order_key(ordered, by_text, names, key_sql, line)

    tau = group_threshold(epsilon, delta, k, share)
    keep = (
        exp.true()
        if tau is None
        else exp.GTE(this=_col("_dp_t"), expression=exp.Literal.number(tau))
    )
    for arg in ("from_", "joins", "laterals", "where", "group", "expressions"):
        select.set(arg, None)
    select.set("expressions", outputs)
    select.set("from_", exp.From(this=_subquery(noised, "_dp_l5")))
    select.set("where", exp.Where(this=keep))
    select.meta.pop(CLAUSE_META, None)


_NOT_MODELLED = "the workbench's DP plan models only SELECT ... FROM ... WHERE ... GROUP BY"


def _options(clause: DPClause) -> tuple[float, float, int]:
    """epsilon, delta and max_groups_contributed, checked as BigQuery checks them."""

    def fail(message: str) -> UserError:
        return UserError(message, line=clause.line, construct=CLAUSE)

    if clause.epsilon is None:
        raise fail("the differential privacy option epsilon is required")
    if clause.delta is None:
        raise fail("the differential privacy option delta is required")
    if not (0 < clause.epsilon < math.inf) or clause.epsilon >= 1e308:
        raise fail("epsilon must be a positive, finite FLOAT64")
    if not (0 <= clause.delta <= 1):
        raise fail("delta must be in the range [0, 1]")
    if clause.delta == 0:
        raise UnsupportedError(
            "delta = 0",
            "groups are then kept by a threshold the workbench does not model",
            clause.line,
        )
    k = (
        DEFAULT_MAX_GROUPS
        if clause.max_groups_contributed is None
        else clause.max_groups_contributed
    )
    if k < 1:
        raise fail("max_groups_contributed must be a positive INT64")
    return clause.epsilon, clause.delta, k


def threshold(epsilon: float, delta: float, k: int, share: float | None = None) -> float:
    """The DP library's ``LaplacePartitionSelection::CalculateThreshold`` (k groups per unit,
    ``share`` of epsilon: ``epsilon / (n + 1)`` for n aggregates): the noisy unit count a group
    must reach, before ZetaSQL rounds it up (``group_threshold``)."""
    eps = epsilon if share is None else share
    # CalculateAdjustedDelta: 1 - (1 - delta)^(1/k), computed without cancellation
    delta_k = 1.0 if delta == 1 else -math.expm1(math.log1p(-delta) / k)
    diversity = k / eps
    if delta > 0.5:
        if delta_k == 1:
            return -math.inf
        return 1 + diversity * math.log(2 * (1 - delta_k))
    return 1 - diversity * math.log(2 * delta_k)


def group_threshold(epsilon: float, delta: float, k: int, share: float) -> int | None:
    """ZetaSQL's threshold (``ComputeLaplaceThresholdFromDelta``): the library's, rounded up
    to an INT64 that the noisy INT64 unit count is compared with; None: every group stays."""
    tau = threshold(epsilon, delta, k, share)
    return None if tau == -math.inf else math.ceil(tau)


def _unit_column(select: exp.Select, clause: DPClause, ctx: Context) -> exp.Column:
    """The privacy unit column, which must be the entity of a source table the query reads."""
    path = clause.privacy_unit_column
    if path is None:
        raise UserError(
            "privacy_unit_column is required: the workbench's tables define no privacy unit "
            "(BigQuery takes it from a view's privacy policy otherwise)",
            line=clause.line,
            construct=CLAUSE,
        )
    entities = {
        t.entity.lower(): t.entity
        for t in (ctx.lookup(_table_name(tb)) for tb in select.find_all(exp.Table))
        if t is not None and t.entity
    }
    if len(path) > 2 or path[-1].lower() not in entities:
        known = ", ".join(sorted(entities.values())) or "none: the query reads no source table"
        raise UserError(
            f"privacy_unit_column {'.'.join(path)} is not the privacy unit of the data read "
            f"(the source's entity column: {known}); a privacy unit must be one entity",
            line=clause.line,
            construct=CLAUSE,
        )
    return exp.column(path[-1], table=path[0] if len(path) == 2 else None)


def _table_name(table: exp.Table) -> str:
    return ".".join(p.name for p in table.parts)


def _seed(select: exp.Select, ctx: Context) -> int:
    seeds = sorted(
        {
            t.seed
            for t in (ctx.lookup(_table_name(tb)) for tb in select.find_all(exp.Table))
            if t and t.seed is not None
        }
    )
    return seeds[0] if seeds else 0


def _group_keys(select: exp.Select, items: list[exp.Expression], line: int) -> list[exp.Expression]:
    group = select.args.get("group")
    if group is None:
        return []
    if any(group.args.get(a) for a in ("rollup", "cube", "grouping_sets", "totals")):
        raise UnsupportedError(
            f"ROLLUP/CUBE/GROUPING SETS in a {CLAUSE} query", _NOT_MODELLED, line
        )
    # a select item's name, explicit or implicit (`modules.slug` is `slug`), may be grouped by
    aliases = {i.alias_or_name.lower(): i.unalias() for i in items if i.alias_or_name}
    keys = []
    for g in group.expressions:
        if isinstance(g, exp.Literal) and not g.is_string:
            keys.append(items[int(g.this) - 1].unalias().copy())
        elif isinstance(g, exp.Column) and not g.table and g.name.lower() in aliases:
            keys.append(aliases[g.name.lower()].copy())
        else:
            keys.append(g.copy())
    return keys


def _column_types(select: exp.Select, ctx: Context) -> dict[str, str]:
    """The BigQuery types of the columns of the source tables the DP select reads, by name;
    none when it reads a subquery or an UNNEST, whose names may hide a table's."""
    types: dict[str, str] = {}
    sources = [select.args.get("from_"), *(select.args.get("joins") or [])]
    if any(s is not None and s.find(exp.Subquery, exp.Unnest, exp.Lateral) for s in sources):
        return types
    for table in select.find_all(exp.Table):
        info = ctx.lookup(_table_name(table))
        if info is not None:
            types.update({name.lower(): kind.upper() for name, kind in info.columns.items()})
    return types


def _aggregates(items: list[exp.Expression], line: int, types: dict[str, str]) -> list[_Aggregate]:
    found = []
    for item in items:
        for node in item.find_all(exp.AggFunc):
            if node.find_ancestor(exp.AggFunc):
                continue
            name = node.key.upper()
            if isinstance(node, exp.PercentileCont):
                found.append(_percentile(node, line, types))
                continue
            if not isinstance(node, exp.Count | exp.Sum | exp.Avg):
                raise UserError(
                    f"unsupported function in {CLAUSE} select list: {name} (BigQuery's "
                    "differentially private aggregates are COUNT, SUM, AVG, PERCENTILE_CONT)",
                    line=line,
                    construct=name,
                )
            if isinstance(node, exp.Count) and isinstance(node.this, exp.Distinct):
                raise UserError(
                    f"COUNT(DISTINCT ...) is not a differentially private aggregate in {CLAUSE}",
                    line=line,
                    construct="COUNT",
                )
            bounds = bounds_of(node)
            if bounds is None:
                raise UnsupportedError(
                    f"{name} without contribution_bounds_per_group",
                    "BigQuery then derives the bounds from the data, spending half of the "
                    "aggregate's epsilon on them (implicit bounding, a randomized search "
                    "the workbench does not reproduce; BigQuery documents no fixed default "
                    "bound, not even for COUNT); give contribution_bounds_per_group => "
                    "(lower_bound, upper_bound)",
                    line,
                )
            if bounds.per != "group":
                raise UserError(
                    f"{name} (differential privacy) takes contribution_bounds_per_group, "
                    "not contribution_bounds_per_row",
                    line=line,
                    construct=name,
                )
            if bounds.lower > bounds.upper:
                raise UserError(
                    f"the lower bound of {name}'s contribution_bounds_per_group is above the "
                    "upper bound",
                    line=line,
                    construct=name,
                )
            star = isinstance(node, exp.Count) and (
                node.this is None or isinstance(node.this, exp.Star)
            )
            kind = "COUNT(*)" if star else name
            found.append(_Aggregate(node, bounds, kind))
    return found


_NUMBERS = ("INT64", "FLOAT64")
_REFUSED_NUMBERS = ("NUMERIC", "BIGNUMERIC", "DECIMAL", "BIGDECIMAL")


def _percentile(node: exp.PercentileCont, line: int, types: dict[str, str]) -> _Aggregate:
    """PERCENTILE_CONT(x, p, contribution_bounds_per_row => (lo, hi)), checked as BigQuery's
    aggregate-dp-functions page states it: the bounds per row are required (the signature
    has no brackets), the percentile is a literal in [0, 1], "NUMERIC and BIGNUMERIC
    arguments aren't allowed" (nor, as for any numeric function, a STRING or a DATE)."""

    def fail(message: str) -> UserError:
        return UserError(message, line=line, construct="PERCENTILE_CONT")

    arg = node.this
    kind = None
    if isinstance(arg, exp.Column):
        kind = types.get(arg.name.lower())
    elif isinstance(arg, exp.Cast):
        kind = arg.to.sql("bigquery").upper()
    if kind is not None and kind.split("(")[0] in _REFUSED_NUMBERS:
        raise fail(
            "PERCENTILE_CONT (differential privacy) does not take NUMERIC or BIGNUMERIC "
            "arguments: cast them to FLOAT64 first"
        )
    if kind is not None and kind not in _NUMBERS:
        raise fail(f"PERCENTILE_CONT (differential privacy) needs a numeric argument, not {kind}")

    bounds = bounds_of(node)
    if bounds is None:
        raise fail(
            "PERCENTILE_CONT (differential privacy) requires contribution_bounds_per_row => "
            "(lower_bound, upper_bound)"
        )
    if bounds.per != "row":
        raise fail(
            "PERCENTILE_CONT (differential privacy) takes contribution_bounds_per_row, "
            "not contribution_bounds_per_group"
        )
    if bounds.lower >= bounds.upper:
        raise fail(
            "the lower bound of PERCENTILE_CONT's contribution_bounds_per_row must be below "
            "the upper bound"
        )
    literal = node.expression
    sign = 1.0
    while isinstance(literal, exp.Neg):
        sign, literal = -sign, literal.this
    if not isinstance(literal, exp.Literal) or literal.is_string:
        raise fail("the percentile of PERCENTILE_CONT must be a literal in the range [0, 1]")
    percentile = sign * float(literal.this)
    if not 0 <= percentile <= 1:
        raise fail("the percentile of PERCENTILE_CONT must be in the range [0, 1]")
    return _Aggregate(node, bounds, "PERCENTILE_CONT", percentile)


# -- the plan's levels --------------------------------------------------------------------------


def _col(name: str) -> exp.Column:
    return exp.column(name)


def _float(value: float) -> exp.Expression:
    return exp.Literal.number(repr(float(value)))


def _bound(value: float, integral: bool) -> exp.Expression:
    literal = exp.Literal.number(int(value) if integral else repr(value))
    return (
        exp.Neg(this=exp.Literal.number(abs(int(value)) if integral else repr(abs(value))))
        if value < 0
        else literal
    )


def _subquery(select: exp.Select, alias: str) -> exp.Subquery:
    return exp.Subquery(this=select, alias=exp.TableAlias(this=exp.to_identifier(alias)))


def _names(keys: list[exp.Expression]) -> list[str]:
    return [f"_dp_k{i}" for i in range(len(keys))]


def _per_unit(
    select: exp.Select, keys: list[exp.Expression], unit: exp.Column, aggs: list[_Aggregate]
) -> exp.Select:
    """Level 1: one row per group and privacy unit, with each aggregate's partial value."""
    cols: list[exp.Expression] = [
        exp.alias_(k.copy(), n) for k, n in zip(keys, _names(keys), strict=True)
    ]
    cols.append(exp.alias_(unit.copy(), "_dp_unit"))
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
    inner.set("group", exp.Group(expressions=[k.copy() for k in keys] + [unit.copy()]))
    return inner


def _passthrough(keys: list[exp.Expression], aggs: list[_Aggregate]) -> list[exp.Expression]:
    return (
        [_col(n) for n in _names(keys)]
        + [_col("_dp_unit")]
        + [_col(f"_dp_p{j}") for j in range(len(aggs))]
    )


def _ranked(per_unit: exp.Select, keys: list[exp.Expression], aggs: list[_Aggregate]) -> exp.Select:
    """Level 2: each unit and each group numbered (the noise and the sampling are keyed so)."""
    order_keys = [exp.Ordered(this=_col(n)) for n in _names(keys)]
    units = exp.Window(
        this=exp.DenseRank(),
        order=exp.Order(expressions=[exp.Ordered(this=_col("_dp_unit"))]),
    )
    group: exp.Expression = (
        exp.Window(this=exp.DenseRank(), order=exp.Order(expressions=order_keys))
        if keys
        else exp.Literal.number(1)
    )
    cols = [*_passthrough(keys, aggs), exp.alias_(units, "_dp_u"), exp.alias_(group, "_dp_g")]
    return exp.Select(expressions=cols, from_=exp.From(this=_subquery(per_unit, "_dp_l1")))


def _bounded(
    ranked: exp.Select,
    keys: list[exp.Expression],
    aggs: list[_Aggregate],
    stream: exp.Literal,
    samples: Callable[[int], exp.Literal],
) -> exp.Select:
    """Level 3: each unit's groups in a random order (keyed by unit and group numbers)."""
    draw = exp.Anonymous(this=UNIFORM, expressions=[stream, _col("_dp_u"), _col("_dp_g")])
    rank = exp.Window(
        this=exp.RowNumber(),
        partition_by=[_col("_dp_unit")],
        order=exp.Order(
            expressions=[exp.Ordered(this=exp.Cast(this=draw, to=exp.DataType.build("DOUBLE")))]
        ),
    )
    cols = [*_passthrough(keys, aggs), _col("_dp_g"), exp.alias_(rank, "_dp_rn")]
    for j, a in enumerate(aggs):
        if a.kind == "PERCENTILE_CONT":  # at most PER_UNIT_LIMIT values per unit and group
            call = exp.Anonymous(
                this=dp_quantiles.SAMPLE,
                expressions=[samples(j), _col("_dp_u"), _col("_dp_g"), _col(f"_dp_p{j}")],
            )
            position = len(keys) + 1 + j
            cols[position] = exp.alias_(call, f"_dp_p{j}")
    return exp.Select(expressions=cols, from_=exp.From(this=_subquery(ranked, "_dp_l2")))


def _clamp(value: exp.Expression, b: DPBounds) -> exp.Expression:
    return exp.Least(
        this=exp.Greatest(this=value, expressions=[_bound(b.lower, b.integral)]),
        expressions=[_bound(b.upper, b.integral)],
    )


def _grouped(
    bounded: exp.Select, keys: list[exp.Expression], aggs: list[_Aggregate], k: int | None
) -> exp.Select:
    """Level 4: per group, the units' clamped contributions (only their first k groups;
    all of them when ``k`` is None)."""
    cols: list[exp.Expression] = [_col(n) for n in _names(keys)]
    cols.append(exp.alias_(exp.Min(this=_col("_dp_g")), "_dp_g"))
    cols.append(exp.alias_(exp.Count(this=exp.Star()), "_dp_units"))
    for j, a in enumerate(aggs):
        clamped = _clamp(_col(f"_dp_p{j}"), a.bounds)
        if a.kind == "PERCENTILE_CONT":  # clamped per row by the quantile functions
            cols.append(exp.alias_(exp.ArrayConcatAgg(this=_col(f"_dp_p{j}")), f"_dp_a{j}"))
        elif a.kind == "AVG":
            mid = (a.bounds.lower + a.bounds.upper) / 2
            cols.append(
                exp.alias_(exp.Sum(this=exp.Sub(this=clamped, expression=_float(mid))), f"_dp_s{j}")
            )
            cols.append(exp.alias_(exp.Count(this=_col(f"_dp_p{j}")), f"_dp_n{j}"))
        else:
            cols.append(exp.alias_(exp.Sum(this=clamped), f"_dp_a{j}"))
    grouped = exp.Select(expressions=cols, from_=exp.From(this=_subquery(bounded, "_dp_l3")))
    if k is not None:
        grouped.set(
            "where", exp.Where(this=exp.LTE(this=_col("_dp_rn"), expression=exp.Literal.number(k)))
        )
    if keys:
        grouped.set("group", exp.Group(expressions=[_col(n) for n in _names(keys)]))
    return grouped


def _noised(
    grouped: exp.Select,
    keys: list[exp.Expression],
    aggs: list[_Aggregate],
    share: float,
    k: int,
    noisy: bool,
    noise: Callable[[str, float], exp.Expression],
    stream: Callable[[str], exp.Literal],
) -> exp.Select:
    """Level 5: each aggregate's noisy value (``_dp_v<j>``; AVG's noisy sum ``_dp_s<j>`` and
    count ``_dp_n<j>``) and the noisy unit count ``_dp_t`` (columns, so that the outer query
    names each once)."""
    cols: list[exp.Expression] = [_col(n) for n in _names(keys)]
    units: exp.Expression = _col("_dp_units")
    if noisy:  # the noisy unit count is an INT64 (the DP library's Count rounds it)
        noisy_units = exp.Add(this=units, expression=noise("threshold", k / share))
        units = exp.Cast(this=exp.Round(this=noisy_units), to=exp.DataType.build("BIGINT"))
    cols.append(exp.alias_(units, "_dp_t"))
    for j, a in enumerate(aggs):
        b = a.bounds
        if a.kind == "AVG":
            half = share / 2
            total: exp.Expression = _col(f"_dp_s{j}")
            count: exp.Expression = _col(f"_dp_n{j}")
            if noisy:
                scale = k * (b.upper - b.lower) / 2 / half
                total = exp.Add(this=total, expression=noise(f"agg{j}:sum", scale))
                count = exp.Greatest(
                    this=exp.Add(this=count, expression=noise(f"agg{j}:count", k / half)),
                    expressions=[_float(1.0)],
                )
            else:
                count = exp.Nullif(this=count, expression=exp.Literal.number(0))
            cols += [exp.alias_(total, f"_dp_s{j}"), exp.alias_(count, f"_dp_n{j}")]
            continue
        if a.kind == "PERCENTILE_CONT":
            cols.append(exp.alias_(_percentile_value(j, a, share, k, noisy, stream), f"_dp_v{j}"))
            continue
        value: exp.Expression = _col(f"_dp_a{j}")
        if noisy:
            scale = k * max(abs(b.lower), abs(b.upper)) / share
            value = exp.Add(this=value, expression=noise(f"agg{j}", scale))
            if a.kind == "SUM":
                value.meta[INTEGRAL_META] = True  # rounded if the sum is INT64 (integral_sums)
            else:
                value = exp.Cast(this=exp.Round(this=value), to=exp.DataType.build("BIGINT"))
        cols.append(exp.alias_(value, f"_dp_v{j}"))
    return exp.Select(expressions=cols, from_=exp.From(this=_subquery(grouped, "_dp_l4")))


def _percentile_value(
    j: int, a: _Aggregate, share: float, k: int, noisy: bool, stream: Callable[[str], exp.Literal]
) -> exp.Expression:
    """The quantile tree's noisy percentile (``dp_quantiles``), or without noise the exact
    PERCENTILE_CONT of the same clamped, sampled values."""
    b = a.bounds
    args = [_col(f"_dp_a{j}"), _float(a.percentile), _float(b.lower), _float(b.upper)]
    if noisy:
        call = exp.Anonymous(
            this=dp_quantiles.PERCENTILE,
            expressions=[
                stream(f"agg{j}:tree"),
                _col("_dp_g"),
                *args,
                _float(dp_quantiles.scale(share, k)),
            ],
        )
    else:
        call = exp.Anonymous(this=dp_quantiles.PERCENTILE_EXACT, expressions=args)
    return exp.Cast(this=call, to=exp.DataType.build("DOUBLE"))


def _published(j: int, a: _Aggregate) -> exp.Expression:
    """The outer query's value of aggregate ``j``: level 5's column, AVG's bounded mean."""
    b = a.bounds
    if a.kind != "AVG":
        return _col(f"_dp_v{j}")
    mid = (b.lower + b.upper) / 2
    mean = exp.Add(
        this=_float(mid), expression=exp.Div(this=_col(f"_dp_s{j}"), expression=_col(f"_dp_n{j}"))
    )
    return exp.Paren(this=_clamp(mean, DPBounds("group", b.lower, b.upper, False)))


def _keyed(item: exp.Expression, key_sql: dict[str, int]) -> exp.Expression:
    """The select item over level 4's columns: group keys become ``_dp_k<i>``."""
    name = item.alias_or_name
    body = item.unalias()
    for node in list(body.walk()):
        if isinstance(node, exp.Expression) and node.sql("bigquery") in key_sql:
            column = _col(f"_dp_k{key_sql[node.sql('bigquery')]}")
            if node is body:
                body = column
            else:
                node.replace(column)
    return exp.alias_(body, name) if name else body


def _only_grouped(item: exp.Expression, line: int) -> None:
    for column in item.find_all(exp.Column):
        if not column.name.startswith("_dp_"):
            raise UserError(
                f"SELECT list expression references column {column.name} which is neither "
                f"grouped nor aggregated in {CLAUSE}",
                line=line,
                construct=CLAUSE,
            )


def _order_key(
    ordered: exp.Ordered,
    by_text: dict[str, str],
    names: set[str],
    key_sql: dict[str, int],
    line: int,
) -> None:
    body = ordered.this
    text = body.sql("bigquery")
    if text in by_text:
        ordered.set("this", _col(by_text[text]))
    elif isinstance(body, exp.Column) and not body.table and body.name in names:
        return
    elif text in key_sql:
        ordered.set("this", _col(f"_dp_k{key_sql[text]}"))
    else:
        raise UnsupportedError(
            f"ORDER BY {text} in a {CLAUSE} query",
            "order by an output column (its alias) or a group key",
            line,
        )


__all__ = ["BOUNDS_META", "differential_privacy", "integral_sums", "threshold"]
