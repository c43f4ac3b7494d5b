"""The quantile tree of differentially private PERCENTILE_CONT, against its references.

- google/differential-privacy ``cc/algorithms/quantile-tree.h``: ``kDefaultTreeHeight = 4``,
  ``kDefaultBranchingFactor = 16`` ("16^4 = 65536 equal buckets"); ``MakePrivate`` builds the
  Laplace mechanism with L0 sensitivity ``max_partitions_contributed * height`` and Linf
  sensitivity ``max_contributions_per_partition`` (scale L0 * Linf / epsilon); noised counts
  are int64 (rounded); ``ClampQuantile`` keeps the quantile in [0.005, 0.995];
- ZetaSQL ``public/anonymization_utils.h``: PERCENTILE_CONT is rewritten to a per-user
  ``ARRAY_AGG(expr IGNORE NULLS ORDER BY rand() LIMIT 5)`` (``kPerUserArrayAggLimit = 5``);
- https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions
  (PERCENTILE_CONT over [0, 3, NULL, 1, 2]: 0, 0.03, 1.5, 2.7, 3 at 0, 0.01, 0.5, 0.9, 1).
"""

from __future__ import annotations

import math

import pytest

from workbench.translate import dp_quantiles as dq


def test_the_tree_has_the_librarys_default_shape():
    assert (dq.HEIGHT, dq.BRANCHING, dq.LEAVES) == (4, 16, 65536)
    assert dq.NODES == 1 + 16 + 16**2 + 16**3 + 16**4


def test_a_value_is_counted_in_every_node_below_the_root():
    tree = dq.counts([42.0], 0.0, 100.0)
    assert len(tree) == dq.HEIGHT and set(tree.values()) == {1}
    assert 0 not in tree
    # the bounds fall in the first and the last leaf
    assert dq.leaf(0.0, 0.0, 100.0) == dq.FIRST_LEAF
    assert dq.leaf(100.0, 0.0, 100.0) == dq.NODES - 1


def test_the_laplace_scale_is_l0_times_linf_over_epsilon():
    # L0 = max_groups_contributed * height, Linf = the 5 values a unit keeps per group
    assert dq.scale(2.0, 1) == pytest.approx(1 * 4 * 5 / 2.0)
    assert dq.scale(0.5, 3) == pytest.approx(3 * 4 * 5 / 0.5)


def test_node_count_noise_is_laplace_of_that_scale():
    # Laplace(b) rounded to an integer: mean 0, variance 2 b^2 + ~1/12
    b = dq.scale(1.0, 1) / 4  # 5: any scale will do; a moderate one keeps rounding visible
    noise = [dq.noisy_count({}, "s", g, node, b) for g in range(4) for node in range(1, 5001)]
    n = len(noise)
    assert all(x == int(x) for x in noise)
    mean = sum(noise) / n
    var = sum(x * x for x in noise) / n
    assert abs(mean) < 5 * math.sqrt(2 * b * b / n)
    assert abs(var - (2 * b * b + 1 / 12)) < 5 * math.sqrt(20 * b**4 / n)
    # the Laplace tail: P(L > b ln 10) = 0.05; rounding moves the cut by at most 1/2
    above = sum(x > b * math.log(10) + 0.5 for x in noise) / n
    assert above < 0.05 + 5 * math.sqrt(0.05 * 0.95 / n)
    assert above > 0.5 * math.exp(-(math.log(10) + 1.5 / b)) - 5 * math.sqrt(0.05 * 0.95 / n)


def test_the_noise_is_keyed():
    assert dq.noisy_count({}, "s", 1, 7, 3.0) == dq.noisy_count({}, "s", 1, 7, 3.0)
    values = {dq.noisy_count({}, "s", 1, node, 3.0) for node in range(1, 50)}
    assert len(values) > 5


def test_a_unit_keeps_at_most_five_values_per_group():
    values = [float(i) for i in range(20)]
    kept = dq.sample("s", 3, 1, values)
    assert len(kept) == dq.PER_UNIT_LIMIT == 5
    assert set(kept) <= set(values)
    assert dq.sample("s", 3, 1, values) == kept  # keyed, not random per run
    assert any(dq.sample("s", u, 1, values) != kept for u in range(4, 10))
    assert dq.sample("s", 3, 1, [2.0, None, 1.0]) == [1.0, 2.0]  # NULLs ignored
    # a NaN is a value for IGNORE NULLS; the tree leaves it out (AddMultipleEntries)
    assert math.isnan(dq.sample("s", 3, 1, [float("nan"), 1.0])[-1])
    assert dq.exact([float("nan")], 0.5, 0.0, 1.0) is None


@pytest.mark.parametrize(
    ("q", "expected"), [(0, 0.0), (0.01, 0.03), (0.5, 1.5), (0.9, 2.7), (1, 3.0)]
)
def test_the_exact_value_is_googlesqls_percentile_cont(q, expected):
    assert dq.exact([0.0, 3.0, None, 1.0, 2.0], q, -10.0, 10.0) == pytest.approx(expected)


def test_the_exact_value_is_of_the_clamped_values():
    assert dq.exact([0.0, 3.0, 1.0, 2.0], 1, 0.0, 2.5) == 2.5
    assert dq.exact([], 0.5, 0.0, 1.0) is None


def test_the_noisy_percentile_always_lies_within_the_bounds():
    values = [float(v) for v in range(-50, 150)]
    for group in range(200):  # scale 1000: noise far larger than any count
        got = dq.percentile("s", group, values, 0.5, 0.0, 100.0, 1000.0)
        assert 0.0 <= got <= 100.0


def test_without_noise_the_tree_finds_the_percentile_within_a_value():
    # 0, 1, ..., 99 once each: the median is 49.5; with zero noise the tree's descent
    # (GetQuantile) lands in the leaves of 49 or 50
    values = [float(v) for v in range(100)]
    assert abs(dq.percentile("s", 1, values, 0.5, 0.0, 100.0, 0.0) - 49.5) <= 1.0
    assert abs(dq.percentile("s", 1, values, 0.9, 0.0, 100.0, 0.0) - 89.1) <= 1.0
