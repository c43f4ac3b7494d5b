"""The comparison of two results, on tiny Arrow tables.

What counts as the same result comes from BigQuery's reference:
- rows have no order unless the query orders them ("If the ORDER BY clause is not present,
  the order of the results of a query is not defined":
  https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#order_by_clause),
  and rows with equal ORDER BY keys (ties) come in any order;
- FLOAT64 aggregates may differ in their last bits from run to run (the order of the
  additions is not fixed: "Floating point semantics",
  https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#floating_point_semantics),
  hence the tolerance of a few units in the last place (ULPs: adjacent doubles, IEEE 754);
- a result's columns have names and types (the schema of a query job's result).
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pyarrow as pa
import pytest

from workbench.compare.diff import SHOWN, ULPS, compare_tables, same, ulp_distance


def table(**columns) -> pa.Table:
    return pa.table(columns)


def steps(x: float, n: int) -> float:
    """The double ``n`` representable values above ``x``."""
    for _ in range(n):
        x = math.nextafter(x, math.inf)
    return x


def test_ulp_distance_counts_adjacent_doubles():
    assert ulp_distance(1.0, 1.0) == 0
    assert ulp_distance(1.0, math.nextafter(1.0, 2.0)) == 1
    assert ulp_distance(1.0, steps(1.0, 3)) == 3
    # across zero: -0.0 and 0.0 are one value; the smallest subnormals are one step each side
    assert ulp_distance(-0.0, 0.0) == 0
    assert ulp_distance(-5e-324, 5e-324) == 2
    # the step below a power of two is half the step above it: still one ULP each
    assert ulp_distance(math.nextafter(2.0, 0.0), 2.0) == 1


def test_floats_within_the_tolerance_are_the_same():
    assert same(0.1 + 0.2, 0.3)  # one ULP apart: (0.1 + 0.2) is 0.30000000000000004
    assert same(1e10, steps(1e10, ULPS))
    assert not same(1e10, steps(1e10, ULPS + 1))
    assert not same(2.77, 2.78)
    assert same(math.nan, math.nan)
    assert not same(math.nan, 1.0)
    assert same(math.inf, math.inf) and not same(math.inf, -math.inf)
    assert not same(math.inf, 1.7976931348623157e308)


def test_other_types_are_exact():
    assert not same(Decimal("1.000000001"), Decimal("1.000000002"))  # NUMERIC: exact
    assert not same(1, 2) and same(None, None) and not same(None, 0)
    assert not same("a", "A")
    assert not same(True, 1) and not same(1, True)  # BOOL is not INT64
    assert same(3, 3.0) and not same(3, 3.5)  # INT64 against FLOAT64: the schema says it
    assert same([1.0, {"x": 0.1 + 0.2}], [1.0, {"x": 0.3}])  # arrays and structs, field by field
    assert not same([1, 2], [2, 1])  # an ARRAY keeps its order
    assert not same({"a": 1, "b": 2}, {"b": 2, "a": 1})  # a STRUCT's fields are ordered


def test_identical_results_whatever_the_row_order():
    a = table(module=["a", "b", "c"], sites=[3, 2, 1])
    b = table(module=["c", "a", "b"], sites=[1, 3, 2])
    result = compare_tables(a, b)
    assert result.identical
    assert result.report() == "identical (3 rows)"
    assert compare_tables(table(n=[1]), table(n=[1])).report() == "identical (1 row)"


def test_duplicate_rows_count():
    a = table(n=[1, 1, 2])
    b = table(n=[1, 2, 2])
    result = compare_tables(a, b)
    assert not result.identical
    assert result.only_offline == [(1,)] and result.only_online == [(2,)]


def test_an_ordered_query_must_keep_its_order():
    a = table(module=["a", "b"], sites=[3, 2])
    b = table(module=["b", "a"], sites=[2, 3])
    assert compare_tables(a, b, order_keys=None).identical
    result = compare_tables(a, b, order_keys=[1])  # ORDER BY sites DESC
    assert not result.identical
    assert result.report() == "order: the same rows, but from row 1 in another order of sites"


def test_ties_of_the_order_keys_come_in_any_order():
    a = table(module=["a", "b", "c"], sites=[5, 5, 1])
    b = table(module=["b", "a", "c"], sites=[5, 5, 1])
    assert compare_tables(a, b, order_keys=[1]).identical  # ORDER BY sites: a, b tie
    # ordered by every column (an ORDER BY key not in the output): positions must match
    assert not compare_tables(a, b, order_keys=[0, 1]).identical


def test_float_columns_compare_within_the_tolerance():
    a = table(share=[0.1 + 0.2, 1e-3])
    b = table(share=[1e-3, 0.3])
    assert compare_tables(a, b).identical
    c = table(share=[steps(0.1 + 0.2, ULPS + 1), 1e-3])
    assert not compare_tables(a, c).identical


def test_a_type_mismatch_is_a_difference():
    a = table(n=pa.array([1, 2], pa.int64()))
    b = table(n=pa.array([1.0, 2.0], pa.float64()))
    result = compare_tables(a, b)
    assert not result.identical
    assert result.report() == "type of column n: INT64 offline, FLOAT64 on BigQuery"


def test_column_names_and_their_order():
    a = table(module=["a"], sites=[1])
    b = table(sites=[1], module=["a"])
    assert compare_tables(a, b).report() == (
        "columns: module, sites offline; sites, module on BigQuery"
    )
    c = table(module=["a"], site_count=[1])
    assert not compare_tables(a, c).identical


def test_a_row_count_mismatch_shows_the_missing_rows():
    a = table(day=[dt.date(2026, 11, 8), dt.date(2026, 11, 15)], sites=[10, 12])
    b = table(day=[dt.date(2026, 11, 8)], sites=[10])
    assert compare_tables(a, b).report() == (
        "row count: 2 offline, 1 on BigQuery\n"
        "1 row only offline:\n"
        '  - {"day": "2026-11-15", "sites": 12}'
    )


def test_at_most_a_few_rows_are_shown():
    a = table(n=list(range(100)))
    b = table(n=list(range(100, 200)))
    report = compare_tables(a, b).report()
    assert f"100 rows only offline, the first {SHOWN} shown:" in report
    assert f"100 rows only on BigQuery, the first {SHOWN} shown:" in report
    assert report.count("\n  - ") == SHOWN and report.count("\n  + ") == SHOWN


def test_nulls_and_nan_pair_up():
    a = table(x=pa.array([None, math.nan, 1.0]))
    b = table(x=pa.array([1.0, None, math.nan]))
    assert compare_tables(a, b).identical


@pytest.mark.parametrize("n", [0, 1])
def test_empty_and_single_row_results(n):
    assert compare_tables(table(x=[1] * n), table(x=[1] * n)).report() == (
        f"identical ({n} row{'' if n == 1 else 's'})"
    )
