def test_array_agg_limit_and_ignore_nulls(check) -> None:
    sql = "SELECT ARRAY_AGG(DISTINCT x IGNORE NULLS ORDER BY x LIMIT 2) FROM UNNEST([NULL, 3, 1, 3, 2]) AS x"
    assert "LIST_SLICE" in check.sql(sql)
    assert check.value(sql) == [1, 2]


def test_string_agg_limit(check) -> None:
    sql = "SELECT STRING_AGG(x, '-' ORDER BY x LIMIT 2) FROM UNNEST(['c', NULL, 'a', 'b']) AS x"
    assert check.value(sql) == "a-b"


def test_array_concat_agg_limit_counts_arrays(check) -> None:
    sql = (
        "SELECT ARRAY_CONCAT_AGG(x ORDER BY ARRAY_LENGTH(x) LIMIT 2) FROM "
        "(SELECT [1, 2, 3, 4] AS x UNION ALL SELECT [5, 6] UNION ALL SELECT [7, 8, 9])"
    )
    assert check.value(sql) == [5, 6, 7, 8, 9]
    nulls = (
        "SELECT ARRAY_CONCAT_AGG(x ORDER BY ARRAY_LENGTH(x) LIMIT 1) FROM "
        "(SELECT CAST(NULL AS ARRAY<INT64>) AS x UNION ALL SELECT [5, 6])"
    )
    assert check.value(nulls) == [5, 6]
    assert "concat-agg-limit" in check.rules(sql)


def test_analytic_array_concat_agg(check) -> None:
    # ARRAY_CONCAT_AGG "can be used with an OVER clause"; a NULL array adds nothing.
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#array_concat_agg
    sql = (
        "SELECT o, ARRAY_CONCAT_AGG(a) OVER (ORDER BY o) FROM UNNEST([STRUCT(1 AS o, [7] AS a), "
        "STRUCT(2, [8, 9]), STRUCT(3, CAST(NULL AS ARRAY<INT64>))]) ORDER BY o"
    )
    assert check.rows(sql) == [(1, [7]), (2, [7, 8, 9]), (3, [7, 8, 9])]
    assert "analytic-concat-agg" in check.rules(sql)
