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
``wb_dp_draw`` / ``wb_dp_laplace``, SQL macros (``translate/dp_noise.py``) keyed by a stream
derived from the dataset's seed and the query text and by hashes of the units' and groups'
values: the same query on the same dataset gives the same
numbers, and notebooks stay deterministic. ``Context.dp_noise=False`` leaves the noise out
(the bounded values, threshold applied to the exact unit count), for debugging.
"""

from __future__ import annotations

import hashlib
import math

from sqlglot import exp
from sqlglot.optimizer.annotate_types import annotate_types

from workbench.translate import dp_noise, dp_quantiles
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
    DPClause,
    bounds_of,
    clause_of,
)
from workbench.translate.rules import dp_aggregates
from workbench.translate.rules import dp_plan as plan
from workbench.translate.rules._sql import bottom_up, is_type
from workbench.translate.rules.dp_aggregates import CLAUSE, column_types, table_name
from workbench.translate.rules.dp_plan import INTEGRAL_META, LAPLACE, col, float_literal

NOISE_OFF = "noise off: bounded values without noise, groups kept by their exact unit count"
# the functions the plan calls (translate/functions.py registers them on the connection)
HANDLES = tuple(
    n.upper()
    for n in (
        *dp_noise.MACROS,
        dp_quantiles.SAMPLE,
        dp_quantiles.PERCENTILE,
        dp_quantiles.PERCENTILE_EXACT,
    )
)
DEFAULT_MAX_GROUPS = 1


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
    types = column_types(select, ctx)
    aggregates = dp_aggregates.aggregates(items, line, types)
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
    unit_text = _unit_type(select, unit, ctx) in ("STRING", "BYTES")
    per_unit = plan.per_unit(select, keys, unit, aggregates, unit_text)
    ranked = plan.ranked(per_unit, keys, aggregates)
    bounded = plan.bounded(
        ranked, keys, aggregates, stream("bound"), lambda j: stream(f"agg{j}:sample")
    )
    # max_groups_contributed = NULL: every group of a unit counts; the noise and the threshold
    # then take 1 group (ZetaSQL: "equivalent to removing it from the threshold calculation")
    grouped = plan.grouped(bounded, keys, aggregates, None if clause.groups_unlimited else k)

    def noise(purpose: str, scale: float) -> exp.Expression:
        call = exp.Anonymous(
            this=LAPLACE, expressions=[stream(purpose), col("_dp_g"), float_literal(scale)]
        )
        return exp.Cast(this=call, to=exp.DataType.build("DOUBLE"))

    noised = plan.noised(grouped, keys, aggregates, share, k, ctx.dp_noise, noise, stream)
    by_text = {i.unalias().sql("bigquery"): i.alias_or_name for i in items}
    for j, a in enumerate(aggregates):
        a.node.replace(plan.published(j, a))
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
        else exp.GTE(this=col("_dp_t"), expression=exp.Literal.number(tau))
    )
    for arg in ("from_", "joins", "laterals", "where", "group", "expressions"):
        select.set(arg, None)
    select.set("expressions", outputs)
    select.set("from_", exp.From(this=plan.subquery(noised, "_dp_l5")))
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
        for t in (ctx.lookup(table_name(tb)) for tb in select.find_all(exp.Table))
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


def _unit_type(select: exp.Select, unit: exp.Column, ctx: Context) -> str | None:
    """The BigQuery type of the privacy unit column (the entity of a table the query reads)."""
    for info in (ctx.lookup(table_name(tb)) for tb in select.find_all(exp.Table)):
        if info is not None and info.entity and info.entity.lower() == unit.name.lower():
            kinds = {n.lower(): k.upper() for n, k in info.columns.items()}
            return kinds.get(unit.name.lower())
    return None


def _seed(select: exp.Select, ctx: Context) -> int:
    seeds = sorted(
        {
            t.seed
            for t in (ctx.lookup(table_name(tb)) for tb in select.find_all(exp.Table))
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


def _keyed(item: exp.Expression, key_sql: dict[str, int]) -> exp.Expression:
    """The select item over level 4's columns: group keys become ``_dp_k<i>``."""
    name = item.alias_or_name
    body = item.unalias()
    for node in list(body.walk()):
        if isinstance(node, exp.Expression) and node.sql("bigquery") in key_sql:
            column = col(f"_dp_k{key_sql[node.sql('bigquery')]}")
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
        ordered.set("this", col(by_text[text]))
    elif isinstance(body, exp.Column) and not body.table and body.name in names:
        return
    elif text in key_sql:
        ordered.set("this", col(f"_dp_k{key_sql[text]}"))
    else:
        raise UnsupportedError(
            f"ORDER BY {text} in a {CLAUSE} query",
            "order by an output column (its alias) or a group key",
            line,
        )


__all__ = ["BOUNDS_META", "differential_privacy", "integral_sums", "threshold"]
