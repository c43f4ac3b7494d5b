"""ERROR(message): the query stops with the message, as BigQuery's debugging function does."""

from __future__ import annotations

import pytest

from wbcore.errors import UserError


def test_error_stops_the_query_with_its_message(check) -> None:
    with pytest.raises(UserError, match="Show this error message"):
        check.value("SELECT ERROR('Show this error message')")


def test_error_only_where_it_is_evaluated(check) -> None:
    sql = "SELECT IF(x > 0, x, ERROR('x must be positive')) AS y FROM UNNEST([1, 2]) AS x"
    assert check.rows(sql) == [(1,), (2,)]
    with pytest.raises(UserError, match="x must be positive"):
        check.rows(sql.replace("[1, 2]", "[1, -2]"))


def test_error_takes_one_string(check) -> None:
    for sql in ("SELECT ERROR(1)", "SELECT ERROR('a', 'b')", "SELECT ERROR()"):
        with pytest.raises(UserError, match="ERROR takes one STRING"):
            check.sql(sql)


def test_safe_error_is_null(check) -> None:
    # SAFE.ERROR(...) reached DuckDB as TRY(error(...)), which DuckDB refuses (volatile)
    assert check.value("SELECT SAFE.ERROR('never raised')") is None
