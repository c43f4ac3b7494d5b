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
