import pytest

from wbcore.errors import UserError


def test_offset_out_of_bounds_raises(check) -> None:
    with pytest.raises(UserError, match="out of bounds"):
        check.value("SELECT [1, 2, 3][OFFSET(5)]")
    assert check.value("SELECT [1, 2, 3][SAFE_OFFSET(5)]") is None


def test_result_arrays(check) -> None:
    assert check.value("SELECT ARRAY_CONCAT([1], NULL)") == []
    with pytest.raises(UserError, match="null element"):
        check.value("SELECT [1, NULL]")
    assert check.value("SELECT ARRAY_LENGTH([1, NULL])") == 2


def test_struct_unnest_and_first_last(check) -> None:
    assert check.rows(
        "SELECT s.x FROM UNNEST([STRUCT(1 AS x), STRUCT(2 AS x)]) AS s ORDER BY s.x"
    ) == [(1,), (2,)]
    assert check.value("SELECT ARRAY_LAST(['a', 'b'])") == "b"
