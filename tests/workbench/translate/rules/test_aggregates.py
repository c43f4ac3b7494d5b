import pytest

from workbench.translate import UnsupportedError


def test_array_agg_limit_and_ignore_nulls(check) -> None:
    sql = "SELECT ARRAY_AGG(DISTINCT x IGNORE NULLS ORDER BY x LIMIT 2) FROM UNNEST([NULL, 3, 1, 3, 2]) AS x"
    assert "LIST_SLICE" in check.sql(sql)
    assert check.value(sql) == [1, 2]


def test_string_agg_limit(check) -> None:
    sql = "SELECT STRING_AGG(x, '-' ORDER BY x LIMIT 2) FROM UNNEST(['c', NULL, 'a', 'b']) AS x"
    assert check.value(sql) == "a-b"


def test_approximate_aggregates(check) -> None:
    with pytest.raises(UnsupportedError, match="APPROX_COUNT_DISTINCT is not supported offline"):
        check.sql("SELECT APPROX_COUNT_DISTINCT(x) FROM UNNEST([1]) AS x")
    with pytest.raises(UnsupportedError, match=r"APPROX_QUANTILES is not supported offline: "):
        check.sql("SELECT APPROX_QUANTILES(x, 2) FROM UNNEST([1]) AS x")
    with pytest.raises(UnsupportedError, match="APPROX_TOP_COUNT is not supported offline"):
        check.sql("SELECT APPROX_TOP_COUNT(x, 2) FROM UNNEST([1]) AS x")


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
