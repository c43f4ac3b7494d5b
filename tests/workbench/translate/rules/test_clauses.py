import pytest

from workbench.translate import UnsupportedError


def test_tablesample_is_refused(check) -> None:
    with pytest.raises(UnsupportedError, match="TABLESAMPLE is not supported offline"):
        check.sql("SELECT x FROM UNNEST([1, 2]) AS x TABLESAMPLE SYSTEM (10 PERCENT)")


def test_group_by_all_without_keys_is_one_group(check) -> None:
    assert check.rows("SELECT 'a' AS k FROM UNNEST([1, 2, 3]) GROUP BY ALL") == [("a",)]
    assert check.rows(
        "SELECT COUNT(*) AS n FROM UNNEST(CAST([] AS ARRAY<INT64>)) GROUP BY ALL"
    ) == [(0,)]
    assert "group-by-all" in check.rules("SELECT 1 AS k FROM UNNEST([1]) GROUP BY ALL")


def test_group_by_all_groups_by_from_columns(check) -> None:
    sql = "SELECT x, 'c' AS k, COUNT(*) AS n FROM UNNEST([1, 1, 2]) AS x GROUP BY ALL ORDER BY x"
    assert check.rows(sql) == [(1, "c", 2), (2, "c", 1)]
    window = "SELECT x, COUNT(*) OVER () AS n FROM UNNEST([1, 1, 2]) AS x GROUP BY ALL ORDER BY x"
    assert check.rows(window) == [(1, 2), (2, 2)]
