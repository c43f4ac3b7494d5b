"""The differentially private aggregates of a ``SELECT WITH DIFFERENTIAL_PRIVACY`` select list.

Each call is checked as https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate-dp-functions
states it: COUNT(*), COUNT, SUM and AVG with ``contribution_bounds_per_group`` (without them
BigQuery derives the bounds from the data, which is refused), PERCENTILE_CONT with
``contribution_bounds_per_row``. The plan (``dp_plan``) is written from the ``Aggregate``s.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlglot import exp

from workbench.translate.context import Context, UnsupportedError, UserError
from workbench.translate.dp_syntax import DPBounds, bounds_of

CLAUSE = "SELECT WITH DIFFERENTIAL_PRIVACY"


@dataclass
class Aggregate:
    """One DP aggregate call of the select list: what the plan needs to bound and noise it."""

    node: exp.AggFunc
    bounds: DPBounds
    kind: str  # COUNT(*), COUNT, SUM, AVG, PERCENTILE_CONT
    percentile: float = 0.0  # PERCENTILE_CONT's


def table_name(table: exp.Table) -> str:
    return ".".join(p.name for p in table.parts)


def column_types(select: exp.Select, ctx: Context) -> dict[str, str]:
    """The BigQuery types of the columns of the source tables the DP select reads, by name;
    none when it reads a subquery or an UNNEST, whose names may hide a table's."""
    types: dict[str, str] = {}
    sources = [select.args.get("from_"), *(select.args.get("joins") or [])]
    if any(s is not None and s.find(exp.Subquery, exp.Unnest, exp.Lateral) for s in sources):
        return types
    for table in select.find_all(exp.Table):
        info = ctx.lookup(table_name(table))
        if info is not None:
            types.update({name.lower(): kind.upper() for name, kind in info.columns.items()})
    return types


def aggregates(items: list[exp.Expression], line: int, types: dict[str, str]) -> list[Aggregate]:
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
            found.append(Aggregate(node, bounds, kind))
    return found


_NUMBERS = ("INT64", "FLOAT64")
_REFUSED_NUMBERS = ("NUMERIC", "BIGNUMERIC", "DECIMAL", "BIGDECIMAL")


def _percentile(node: exp.PercentileCont, line: int, types: dict[str, str]) -> Aggregate:
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
    return Aggregate(node, bounds, "PERCENTILE_CONT", percentile)
