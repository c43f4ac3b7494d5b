"""Approximate functions run exactly offline, with a notice; HLL_COUNT sketches are exact sets."""

from __future__ import annotations

import pytest

from wbcore.errors import UserError
from workbench.translate import Context, UnsupportedError, translate
from workbench.translate.rules.approximate import NOTICE

PAIRS = "UNNEST([STRUCT('a' AS c, 'u1' AS x), ('a', 'u2'), ('b', 'u1'), ('b', NULL)]) AS v"


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT APPROX_COUNT_DISTINCT(x) FROM UNNEST([1]) AS x",
        "SELECT APPROX_QUANTILES(x, 2) FROM UNNEST([1]) AS x",
        "SELECT APPROX_TOP_COUNT(x, 2) FROM UNNEST([1]) AS x",
        "SELECT APPROX_TOP_SUM(x, 1, 2) FROM UNNEST([1]) AS x",
        "SELECT HLL_COUNT.EXTRACT(HLL_COUNT.INIT(x)) FROM UNNEST([1]) AS x",
    ],
)
def test_the_notice_is_among_the_rules_that_fired(sql: str) -> None:
    assert any(NOTICE in r for r in translate(sql, Context()).rules)


def test_no_notice_without_approximate_functions() -> None:
    assert not any(
        NOTICE in r for r in translate("SELECT COUNT(*) FROM UNNEST([1])", Context()).rules
    )


def test_quantiles_rank_and_nulls(check) -> None:
    # PERCENTILE_DISC's rank: the smallest value whose cumulative share reaches i / n
    assert check.value("SELECT APPROX_QUANTILES(x, 4) FROM UNNEST([1, 2]) AS x") == [1, 1, 1, 2, 2]
    sql = (
        "SELECT APPROX_QUANTILES(x, 1 RESPECT NULLS)[OFFSET(0)] IS NULL FROM UNNEST([1, NULL]) AS x"
    )
    assert check.value(sql) is True
    assert check.value("SELECT APPROX_QUANTILES(x, 1) FROM UNNEST([1, NULL]) AS x") == [1, 1]


def test_quantiles_number_is_checked() -> None:
    for n in ("0", "-1", "100001"):
        with pytest.raises(UserError, match="APPROX_QUANTILES"):
            translate(f"SELECT APPROX_QUANTILES(x, {n}) FROM UNNEST([1]) AS x", Context())


def test_top_count_counts_null_and_keeps_the_largest(check) -> None:
    sql = "SELECT APPROX_TOP_COUNT(x, 1) FROM UNNEST([NULL, NULL, 'a']) AS x"
    assert check.value(sql) == [{"value": None, "count": 2}]


def test_top_sum_rejects_negative_weights(check) -> None:
    with pytest.raises(UserError, match="negative"):
        check.value("SELECT APPROX_TOP_SUM(x, -1, 2) FROM UNNEST([1]) AS x")


def test_hll_extract_and_merge_equal_count_distinct(check) -> None:
    sketches = f"SELECT v.c, HLL_COUNT.INIT(v.x) AS s FROM {PAIRS} GROUP BY v.c"
    assert check.value(f"SELECT HLL_COUNT.MERGE(s) FROM ({sketches})") == 2
    merged = f"SELECT HLL_COUNT.EXTRACT(HLL_COUNT.MERGE_PARTIAL(s)) FROM ({sketches})"
    assert check.value(merged) == 2
    rows = check.rows(f"SELECT c, HLL_COUNT.EXTRACT(s) FROM ({sketches}) ORDER BY c")
    assert rows == [("a", 2), ("b", 1)]


def test_hll_bytes_keep_distinct_values_apart(check) -> None:
    sql = (
        "SELECT HLL_COUNT.EXTRACT(HLL_COUNT.INIT(x)) FROM UNNEST([b'a', b'\\xff', b'a', b'A']) AS x"
    )
    assert check.value(sql) == 3


def test_a_sketch_may_not_leave_the_query() -> None:
    for sql in (
        "SELECT HLL_COUNT.INIT(x) AS s FROM UNNEST([1]) AS x",
        "SELECT s FROM (SELECT HLL_COUNT.INIT(x) AS s FROM UNNEST([1]) AS x)",
        "SELECT * FROM (SELECT HLL_COUNT.MERGE_PARTIAL(s) AS m FROM "
        "(SELECT HLL_COUNT.INIT(x) AS s FROM UNNEST([1]) AS x))",
    ):
        with pytest.raises(UnsupportedError, match="sketch as a query result"):
            translate(sql, Context())


def test_a_sketch_not_made_offline_is_an_error(check) -> None:
    with pytest.raises(UserError, match=r"not made by HLL_COUNT\.INIT"):
        check.value("SELECT HLL_COUNT.EXTRACT(b'\\x08p\\x10\\x02')")


def test_merging_sketches_of_different_types_is_an_error(check) -> None:
    sql = (
        "SELECT HLL_COUNT.MERGE(s) FROM (SELECT HLL_COUNT.INIT(x) AS s FROM UNNEST([1]) AS x "
        "UNION ALL SELECT HLL_COUNT.INIT(y) FROM UNNEST(['a']) AS y)"
    )
    with pytest.raises(UserError, match="different types"):
        check.value(sql)


@pytest.mark.parametrize("name", ["MERGE", "FOO", "EXTRACT"])
def test_refusals_name_the_dotted_function_as_written(name: str) -> None:
    sql = f"SELECT KLL_QUANTILES.{name}(x) FROM UNNEST([1]) AS x"
    with pytest.raises(UnsupportedError) as info:
        translate(sql, Context())
    assert info.value.construct == f"function KLL_QUANTILES.{name}"
    with pytest.raises(UnsupportedError) as info:
        translate("SELECT HLL_COUNT.FOO(1)", Context())
    assert info.value.construct == "function HLL_COUNT.FOO"


def test_hll_init_precision_and_types() -> None:
    with pytest.raises(UserError, match="precision"):
        translate("SELECT HLL_COUNT.EXTRACT(HLL_COUNT.INIT(x, 9)) FROM UNNEST([1]) AS x", Context())
    with pytest.raises(UserError, match="INT64, NUMERIC"):
        translate("SELECT HLL_COUNT.EXTRACT(HLL_COUNT.INIT(x)) FROM UNNEST([1.5]) AS x", Context())


# Over a window, the exact forms read the window's rows: every list aggregate they are built
# from takes the call's OVER clause (approximate_aggregate_functions: exact answers for inputs
# this small are what BigQuery returns; GoogleSQL's compliance tests expect them)
def test_approx_top_count_over_a_frame(check) -> None:
    sql = (
        "SELECT o, APPROX_TOP_COUNT(x, 1) OVER (ORDER BY o ROWS BETWEEN 1 PRECEDING AND "
        "1 FOLLOWING) AS a FROM UNNEST([STRUCT(1 AS o, 'a' AS x), (2, 'a'), (3, 'b'), (4, 'b'), "
        "(5, 'b')]) ORDER BY o"
    )
    tops = [(r[1][0]["value"], r[1][0]["count"]) for r in check.rows(sql)]
    assert tops == [("a", 2), ("a", 2), ("b", 2), ("b", 3), ("b", 2)]


def test_approx_quantiles_over_partitions(check) -> None:
    sql = (
        "SELECT x, APPROX_QUANTILES(x, 2) OVER (PARTITION BY x > 2) AS q "
        "FROM UNNEST([1, 2, 3, 4, NULL]) AS x ORDER BY x"
    )
    assert check.rows(sql) == [
        (None, []),  # its partition (x > 2 is NULL) holds no value: NULL, written as []
        (1, [1, 1, 2]),
        (2, [1, 1, 2]),
        (3, [3, 3, 4]),
        (4, [3, 3, 4]),
    ]


def test_approx_top_sum_over_partitions(check) -> None:
    sql = (
        "SELECT p, APPROX_TOP_SUM(x, w, 1) OVER (PARTITION BY p) AS t FROM UNNEST([STRUCT(1 AS p, "
        "'a' AS x, 2.5 AS w), (1, 'b', 3.5), (1, 'a', 0.5), (2, 'c', 1.0)]) ORDER BY p"
    )
    assert [(p, t[0]["value"], t[0]["sum"]) for p, t in check.rows(sql)] == [
        (1, "b", 3.5),
        (1, "b", 3.5),
        (1, "b", 3.5),
        (2, "c", 1.0),
    ]


def test_list_built_functions_over_a_named_window_are_refused() -> None:
    sql = "SELECT APPROX_TOP_COUNT(x, 1) OVER w FROM UNNEST([1]) AS x WINDOW w AS (ORDER BY x)"
    with pytest.raises(UnsupportedError, match="OVER a named window is not supported offline"):
        translate(sql, Context())


@pytest.mark.parametrize("name", ["INIT", "MERGE", "MERGE_PARTIAL"])
def test_hll_count_over_a_window_is_refused(name: str) -> None:
    # was a raw "Parser Error: syntax error at or near OVER"
    arg = "x" if name == "INIT" else "CAST(NULL AS BYTES)"
    sql = f"SELECT HLL_COUNT.{name}({arg}) OVER () FROM UNNEST([1]) AS x"
    with pytest.raises(UnsupportedError, match=rf"HLL_COUNT.{name} \.\.\. OVER"):
        translate(sql, Context())


def test_approx_count_distinct_over_a_window_is_exact(check) -> None:
    sql = "SELECT APPROX_COUNT_DISTINCT(x) OVER () FROM UNNEST([1, 1, 2]) AS x"
    assert [r[0] for r in check.rows(sql)] == [2, 2, 2]


def test_sketches_through_a_union_all(check) -> None:
    # the sketch check walks each branch of a set operation (sqlglot's Scope names them
    # set_operation_scopes; an AttributeError reached the user before)
    rows = check.rows(
        "SELECT n, HLL_COUNT.EXTRACT(s) FROM ("
        "SELECT 1 AS n, HLL_COUNT.INIT(x) AS s FROM UNNEST([4, 5, 5]) AS x "
        "UNION ALL SELECT 2, HLL_COUNT.INIT(x) FROM UNNEST(['p', 'q', 'r']) AS x "
        "UNION ALL SELECT 3, CAST(NULL AS BYTES)) ORDER BY n"
    )
    assert rows == [(1, 2), (2, 3), (3, 0)]
    with pytest.raises(UnsupportedError, match=r"HLL_COUNT\.INIT sketch as a query result"):
        translate(
            "SELECT HLL_COUNT.INIT(x) FROM UNNEST([1]) x "
            "UNION ALL SELECT HLL_COUNT.INIT(y) FROM UNNEST([2]) y",
            Context(),
        )


def test_hll_init_precision_from_a_query_parameter(check) -> None:
    # "a literal or query parameter" (hll_functions#hll_countinit): checked when it runs
    sql = "SELECT HLL_COUNT.EXTRACT(HLL_COUNT.INIT(x, @p)) FROM UNNEST([10, 11, 12, 11]) AS x"
    assert check.value(sql, p=15) == 3
    for bad in (9, 25, None):
        with pytest.raises(UserError, match=r"precision of HLL_COUNT\.INIT must be from 10 to 24"):
            check.value(sql, p=bad)
