"""Differentially private PERCENTILE_CONT: the Google DP library's quantile tree, in Python.

BigQuery computes ``PERCENTILE_CONT(x, p, contribution_bounds_per_row => (lo, hi))`` in a
``SELECT WITH DIFFERENTIAL_PRIVACY`` with the DP library it names
(https://cloud.google.com/bigquery/docs/differential-privacy, "BigQuery relies on Google's
open source differential privacy library"): ``cc/algorithms/quantile-tree.h`` and
``internal/count-tree.cc`` of google/differential-privacy. What this module reproduces:

- ZetaSQL's rewrite keeps at most ``PER_UNIT_LIMIT`` (5) values of each privacy unit per
  group (``anonymization_utils.h``: "ARRAY_AGG(expr IGNORE NULLS ORDER BY rand() LIMIT 5)"):
  ``sample`` draws them with the query's keyed random numbers, not ``rand()``;
- each value is clamped to the bounds and counted in every node on its path below the root
  of a tree of height 4 and branching factor 16 (65536 leaves over ``[lo, hi]``; the leaf is
  ``trunc((x - lo) / (hi - lo) * (leaves - 1))``);
- each node count gets Laplace noise of scale ``L0 * Linf / epsilon`` with ``L0 =
  max_groups_contributed * height`` and ``Linf = PER_UNIT_LIMIT`` (``QuantileTree::MakePrivate``)
  and is rounded to an integer (the library keeps noised counts as int64);
- the tree is descended as ``Privatized::GetQuantile`` does: the quantile clamped to
  [0.005, 0.995], children under an ``ALPHA`` (0.005) share of their siblings' total ignored,
  the search stopping when the children look empty, and the result interpolated linearly in
  the node reached. It always lies within ``[lo, hi]``.

The noise is keyed (``dp_noise.uniform``) by the query's stream, the group and the node, so a
query gives the same value on every run. Without noise (``exact``) the value is GoogleSQL's
PERCENTILE_CONT (linear interpolation) of the same clamped, sampled values.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from workbench.translate.dp_noise import uniform

SAMPLE = "wb_dp_sample"
PERCENTILE = "wb_dp_percentile"
PERCENTILE_EXACT = "wb_dp_percentile_exact"
HEIGHT = 4
BRANCHING = 16
LEAVES = BRANCHING**HEIGHT
NODES = (BRANCHING ** (HEIGHT + 1) - 1) // (BRANCHING - 1)
FIRST_LEAF = NODES - LEAVES
ALPHA = 0.005
TOLERANCE = 1.0e-6
PER_UNIT_LIMIT = 5


def scale(epsilon: float, max_groups: int) -> float:
    """The Laplace scale of every node count: L0 * Linf / epsilon (L1 sensitivity / epsilon)."""
    return max_groups * HEIGHT * PER_UNIT_LIMIT / epsilon


def sample(stream: str, unit: int, group: int, values: list[float | None] | None) -> list[float]:
    """At most ``PER_UNIT_LIMIT`` of one unit's values in one group, drawn by keyed numbers
    (NULLs left out as ``IGNORE NULLS`` does; a NaN may be drawn, the tree then ignores it)."""
    present = sorted((v for v in values or () if v is not None), key=lambda v: (v != v, v))
    if len(present) <= PER_UNIT_LIMIT:
        return present
    keyed = sorted(range(len(present)), key=lambda i: uniform(f"{stream}:{group}", unit, i))
    return [present[i] for i in sorted(keyed[:PER_UNIT_LIMIT])]


def _clamped(values: list[float | None] | None, lower: float, upper: float) -> list[float]:
    return [min(max(v, lower), upper) for v in values or () if v is not None and not math.isnan(v)]


def leaf(value: float, lower: float, upper: float) -> int:
    """The index of the leaf counting ``value`` (already clamped)."""
    fraction = (value - lower) / (upper - lower)
    return FIRST_LEAF + int(fraction * (LEAVES - 1))


def counts(values: list[float], lower: float, upper: float) -> dict[int, int]:
    """The raw tree: each value counted in every node from its leaf up to (not) the root."""
    tree: dict[int, int] = {}
    for value in values:
        node = leaf(value, lower, upper)
        while node > 0:
            tree[node] = tree.get(node, 0) + 1
            node = (node - 1) // BRANCHING
    return tree


def laplace(stream: str, group: int, node: int, b: float) -> float:
    """Laplace(0, b) by inversion of the uniform number keyed by (stream, group, node)."""
    u = uniform(stream, group, node) - 0.5
    return -b * math.copysign(1.0, u) * math.log1p(-2.0 * abs(u))


def noisy_count(tree: dict[int, int], stream: str, group: int, node: int, b: float) -> float:
    """A node's count plus Laplace(b) noise, rounded half away from zero as ``std::round``."""
    value = tree.get(node, 0) + laplace(stream, group, node, b)
    return math.copysign(math.floor(abs(value) + 0.5), value)


def _subtree_bounds(node: int, lower: float, upper: float) -> tuple[float, float]:
    first = last = node
    while first < FIRST_LEAF:
        first = first * BRANCHING + 1
        last = (last + 1) * BRANCHING
    low = (first - FIRST_LEAF) / LEAVES
    high = (last - FIRST_LEAF + 1) / LEAVES
    return low * upper + (1 - low) * lower, high * upper + (1 - high) * lower


def quantile(q: float, lower: float, upper: float, count: Callable[[int], float]) -> float:
    """``Privatized::GetQuantile``: descend the tree by the (noisy) counts ``count(node)``."""
    q = min(max(q, 0.005), 0.995)
    node = 0
    while node < FIRST_LEAF:
        children = range(node * BRANCHING + 1, (node + 1) * BRANCHING + 1)
        total = sum(count(i) for i in children)
        if total <= 0:
            break
        corrected = sum(count(i) for i in children if count(i) >= total * ALPHA)
        if corrected <= 0:
            break
        partial = 0.0
        for i in children:
            c = count(i)
            if c < total * ALPHA:
                continue
            partial += c
            if partial / corrected >= q - TOLERANCE:
                q = (q - (partial - c) / corrected) / (c / corrected)
                q = min(max(q, 0.0), 1.0)
                node = i
                break
        else:  # only reachable through rounding; the library's loop has no such exit either
            break
    low, high = _subtree_bounds(node, lower, upper)
    return (1 - q) * low + q * high


def percentile(
    stream: str,
    group: int,
    values: list[float | None] | None,
    q: float,
    lower: float,
    upper: float,
    b: float,
) -> float:
    """The noisy percentile ``q`` of the group's sampled values, clamped to [lower, upper]."""
    tree = counts(_clamped(values, lower, upper), lower, upper)
    noised: dict[int, float] = {}

    def count(node: int) -> float:
        if node not in noised:
            noised[node] = noisy_count(tree, stream, group, node, b)
        return noised[node]

    return quantile(q, lower, upper, count)


def exact(values: list[float | None] | None, q: float, lower: float, upper: float) -> float | None:
    """GoogleSQL's PERCENTILE_CONT of the clamped values (linear interpolation); NULL if none."""
    xs = sorted(_clamped(values, lower, upper))
    if not xs:
        return None
    position = q * (len(xs) - 1)
    below = math.floor(position)
    above = math.ceil(position)
    if below == above:
        return xs[below]
    return xs[below] + (position - below) * (xs[above] - xs[below])


# name → (implementation, DuckDB argument types, result type, options): functions.UDFS
UDFS: dict[str, tuple] = {
    SAMPLE: (sample, ["VARCHAR", "BIGINT", "BIGINT", "DOUBLE[]"], "DOUBLE[]", {}),
    PERCENTILE: (
        percentile,
        ["VARCHAR", "BIGINT", "DOUBLE[]", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE"],
        "DOUBLE",
        {"null_handling": "special"},
    ),
    PERCENTILE_EXACT: (
        exact,
        ["DOUBLE[]", "DOUBLE", "DOUBLE", "DOUBLE"],
        "DOUBLE",
        {"null_handling": "special"},
    ),
}
