"""PERCENTILE_CONT in SELECT WITH DIFFERENTIAL_PRIVACY: bounding, the quantile tree, noise off.

Expected values come from the references, not from the code:
- https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate-dp-functions
  (PERCENTILE_CONT(expression, percentile, contribution_bounds_per_row => (lower_bound,
  upper_bound)): the bounds are not optional; "Performs clamping for each row separately";
  the percentile "must be a literal in the range [0, 1]"; the result is FLOAT64);
- https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#dp_clause
  (epsilon split into n + 1 shares; max_groups_contributed defaults to 1);
- ZetaSQL ``public/anonymization_utils.h``: at most 5 values per privacy unit and group
  (``ARRAY_AGG(expr IGNORE NULLS ORDER BY rand() LIMIT 5)``);
- google/differential-privacy ``cc/algorithms/quantile-tree.h`` (the tree, its noise, and
  that the result is interpolated within the bounds).
The GoogleSQL PERCENTILE_CONT of the bounded values (noise off) is linear interpolation
(navigation_functions page). All run on a real DuckDB connection.
"""

from __future__ import annotations

import math

import duckdb
import pytest

from tests.workbench.translate.rules.test_dp import context as dp_context
from wbcore.errors import UserError
from workbench.translate import Context, translate
from workbench.translate.functions import register

# query-syntax#dp_example_tables
PROFESSORS = """CREATE TABLE professors AS
  SELECT 101 id, 'pencil' item, 24 quantity UNION ALL
  SELECT 123, 'pen', 16 UNION ALL
  SELECT 123, 'pencil', 10 UNION ALL
  SELECT 123, 'pencil', 38 UNION ALL
  SELECT 101, 'pen', 19 UNION ALL
  SELECT 101, 'pen', 23 UNION ALL
  SELECT 130, 'scissors', 8 UNION ALL
  SELECT 150, 'pencil', 72"""

COLUMNS = {
    "id": "INT64",
    "item": "STRING",
    "quantity": "INT64",
    "value": "FLOAT64",
    "price": "BIGNUMERIC",
}
GROUPS, UNITS = 60, 1000  # the large groups of the statistical test


def context(seed: int = 1, noise: bool = True, table: str = "professors") -> Context:
    return dp_context(seed, noise, table, COLUMNS)


@pytest.fixture(scope="module")
def conn():
    c = duckdb.connect()
    register(c)
    c.execute(PROFESSORS)
    # one unit with 100 rows of 100 and five units with one 0, all in group 'x'
    c.execute(
        "CREATE TABLE heavy AS SELECT 1 AS id, 'x' AS item, 1 AS quantity, 100.0 AS value "
        "FROM range(100) UNION ALL SELECT i + 2, 'x', 1, 0.0 FROM range(5) t(i)"
    )
    # GROUPS groups of UNITS one-row units; the values of a group are 0, 0.1, ..., 99.9
    c.execute(
        f"CREATE TABLE big AS SELECT i AS id, CAST(i // {UNITS} AS VARCHAR) AS item, "
        f"1 AS quantity, (i % {UNITS}) * 0.1 AS value FROM range({GROUPS * UNITS}) t(i)"
    )
    yield c
    c.close()


def rows(conn, sql: str, ctx: Context) -> list[tuple]:
    return conn.sql(translate(sql, ctx).duckdb).fetchall()


def dp(options: str, select: str, table: str = "professors", tail: str = "GROUP BY item") -> str:
    return f"SELECT WITH DIFFERENTIAL_PRIVACY OPTIONS ({options})\n  {select}\nFROM {table}\n{tail}"


def median(bounds: str = "(0, 100)", alias: str = "p") -> str:
    return f"item, PERCENTILE_CONT(quantity, 0.5, contribution_bounds_per_row => {bounds}) {alias}"


# every professor contributes to at most 2 items; delta near 1 keeps every group
ALL = "epsilon = 1e20, delta = .99, max_groups_contributed = 2, privacy_unit_column = id"


def test_without_noise_it_is_the_percentile_of_the_values_clamped_per_row(conn):
    # pencil 24, 10, 38, 72 clamped to (0, 30): 10, 24, 30, 30 -> 27; pen 16, 19, 23 -> 19
    got = rows(
        conn, dp(ALL, median("(0, 30)"), tail="GROUP BY item ORDER BY item"), context(noise=False)
    )
    assert got == [("pen", 19.0), ("pencil", 27.0), ("scissors", 8.0)]


def test_noise_off_is_named_in_the_rules():
    tr = translate(dp(ALL, median()), context(noise=False))
    assert any(r.startswith("dp-noise-off") for r in tr.rules)
    assert "WB_DP_PERCENTILE(" not in tr.duckdb.upper()


def test_a_unit_contributes_at_most_five_values_to_a_group(conn):
    # unit 1's 100 values of 100 count 5 times: 0 x 5 and 100 x 5 -> median 50 (not 100)
    sql = dp(
        "epsilon = 1e20, delta = .99, privacy_unit_column = id",
        "PERCENTILE_CONT(value, 0.5, contribution_bounds_per_row => (0, 100)) p",
        table="heavy",
        tail="",
    )
    assert rows(conn, sql, context(noise=False, table="heavy")) == [(50.0,)]


def test_a_unit_contributes_to_max_groups_contributed_groups(conn):
    # max_groups_contributed = 1 (the default): 101 and 123 each keep pen or pencil, so
    # pen and pencil together have 3 units (150, and one group each of 101 and 123), not 5
    sql = dp(
        "epsilon = 1e20, delta = .99, privacy_unit_column = id",
        "item, COUNT(*, contribution_bounds_per_group => (0, 1)) n, "
        "PERCENTILE_CONT(quantity, 0.5, contribution_bounds_per_row => (0, 100)) p",
    )
    got = {item: n for item, n, _ in rows(conn, sql, context(noise=False))}
    assert got.get("pen", 0) + got.get("pencil", 0) == 3


def test_a_float64_cast_of_a_numeric_is_taken():
    # the page's remedy for NUMERIC: cast to FLOAT64 first
    select = "PERCENTILE_CONT(CAST(price AS FLOAT64), 0.5, contribution_bounds_per_row => (0, 9))"
    assert translate(dp(ALL, f"item, {select} p"), context()).duckdb


def test_without_effective_noise_the_tree_lands_within_a_leaf_of_a_value(conn):
    # quantile-tree.h: the search descends to a leaf holding values and interpolates inside
    # it; the page's noisy example shows such results (pencil 72.00011444091797, scissors
    # 8.000175476074219, pen 23.001075744628906, bounds (0, 100)): a leaf is 100 / 65536 wide
    leaf = 100 / 65536
    sql = dp(ALL, median(), tail="GROUP BY item ORDER BY item")
    values = {"pen": (16, 19, 23), "pencil": (10, 24, 38, 72), "scissors": (8,)}
    for item, got in rows(conn, sql, context()):
        assert min(abs(got - v) for v in values[item]) <= leaf, (item, got)


def test_with_noise_the_result_is_float64_deterministic_and_within_the_bounds(conn):
    sql = dp(
        "epsilon = 0.01, delta = .99, max_groups_contributed = 2, privacy_unit_column = id",
        median("(10, 20)"),
        tail="GROUP BY item ORDER BY item",
    )
    first = rows(conn, sql, context(seed=1))
    assert first == rows(conn, sql, context(seed=1))
    assert first != rows(conn, sql, context(seed=2))
    for seed in range(20):  # epsilon 0.01: the counts are mostly noise
        for _, value in rows(conn, sql, context(seed=seed)):
            assert isinstance(value, float) and 10.0 <= value <= 20.0
    types = [str(t) for t in conn.sql(translate(sql, context()).duckdb).types]
    assert types == ["VARCHAR", "DOUBLE"]


def _medians(conn, epsilon: float, seed: int) -> list[float]:
    sql = dp(
        f"epsilon = {epsilon}, delta = .5, max_groups_contributed = 1, privacy_unit_column = id",
        "item, PERCENTILE_CONT(value, 0.5, contribution_bounds_per_row => (0, 100)) p",
        table="big",
    )
    return [v for _, v in rows(conn, sql, context(seed=seed, table="big"))]


def test_the_noisy_median_centres_on_the_exact_one_and_tightens_with_epsilon(conn):
    # each group's values 0, 0.1, ..., 99.9: PERCENTILE_CONT(0.5) = (49.9 + 50.0) / 2
    exact = 49.95
    spreads = {}
    for epsilon in (2.0, 20.0):
        got = _medians(conn, epsilon, seed=7)
        assert len(got) == GROUPS  # 1000 units: far above the threshold
        mean = sum(got) / len(got)
        sd = math.sqrt(sum((x - mean) ** 2 for x in got) / (len(got) - 1))
        # the tree's resolution is a leaf (100 / 65536) and the noise is symmetric
        assert abs(mean - exact) < 5 * sd / math.sqrt(len(got)) + 0.01
        spreads[epsilon] = sd
    # ten times the epsilon, a tenth of the noise scale on every node count
    assert spreads[20.0] < spreads[2.0] / 3


def test_the_tree_noise_scale_follows_the_epsilon_share_and_max_groups():
    # query-syntax#dp_epsilon: epsilon 3 over COUNT, PERCENTILE_CONT and the implicit unit
    # count: 1 each; quantile-tree.h: scale = L0 * Linf / epsilon with L0 = k * height = 2 * 4
    # and Linf = 5 values per unit: 40
    import sqlglot
    from sqlglot import exp

    sql = dp(
        "epsilon = 3, delta = 1e-5, max_groups_contributed = 2, privacy_unit_column = id",
        "item, COUNT(*, contribution_bounds_per_group => (0, 1)) n, "
        "PERCENTILE_CONT(quantity, 0.5, contribution_bounds_per_row => (0, 100)) p",
    )
    tree = sqlglot.parse_one(translate(sql, context()).duckdb, read="duckdb")
    (call,) = [f for f in tree.find_all(exp.Anonymous) if f.name.upper() == "WB_DP_PERCENTILE"]
    scale = call.expressions[-1]
    scale = scale.this if isinstance(scale, exp.Cast) else scale
    assert float(scale.name) == pytest.approx(2 * 4 * 5 / 1.0)


@pytest.mark.parametrize(
    ("select", "words"),
    [
        ("item, PERCENTILE_CONT(quantity, 0.5)", "requires contribution_bounds_per_row"),
        (
            "item, PERCENTILE_CONT(quantity, 0.5, contribution_bounds_per_group => (0, 1))",
            "not contribution_bounds_per_group",
        ),
        (
            "item, PERCENTILE_CONT(quantity, 1.5, contribution_bounds_per_row => (0, 1))",
            "in the range [0, 1]",
        ),
        (
            "item, PERCENTILE_CONT(quantity, quantity, contribution_bounds_per_row => (0, 1))",
            "must be a literal",
        ),
        (
            "item, PERCENTILE_CONT(quantity, 0.5, contribution_bounds_per_row => (5, 5))",
            "must be below the upper bound",
        ),
        # "NUMERIC and BIGNUMERIC arguments aren't allowed. If you need them, cast them as
        # the FLOAT64 data type first."
        (
            "item, PERCENTILE_CONT(CAST(quantity AS NUMERIC), 0.5, "
            "contribution_bounds_per_row => (0, 1))",
            "NUMERIC or BIGNUMERIC",
        ),
        (
            "item, PERCENTILE_CONT(price, 0.5, contribution_bounds_per_row => (0, 1))",
            "NUMERIC or BIGNUMERIC",
        ),
        (
            "item, PERCENTILE_CONT(item, 0.5, contribution_bounds_per_row => (0, 1))",
            "needs a numeric argument, not STRING",
        ),
    ],
)
def test_what_bigquery_refuses_is_refused(select, words):
    with pytest.raises(UserError, match=words.replace("[", r"\[").replace("]", r"\]")):
        translate(dp("epsilon = 1, delta = 1e-5, privacy_unit_column = id", select), context())
