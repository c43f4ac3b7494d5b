import datetime as dt

import pytest

from workbench.translate import UnsupportedError


def test_extract_week_parts(check) -> None:
    assert check.value("SELECT EXTRACT(DAYOFWEEK FROM DATE '2008-12-28')") == 1
    assert check.value("SELECT EXTRACT(WEEK FROM DATE '2016-01-01')") == 0
    assert check.value("SELECT EXTRACT(WEEK(MONDAY) FROM DATE '2017-11-05')") == 44
    assert check.value("SELECT EXTRACT(ISOWEEK FROM DATE '2015-12-28')") == 53


def test_date_functions_keep_date(check) -> None:
    assert check.type("SELECT DATE_TRUNC(DATE '2008-12-25', MONTH)") == "DATE"
    assert check.value("SELECT DATE_ADD(DATE '2008-01-31', INTERVAL 1 MONTH)") == dt.date(
        2008, 2, 29
    )
    assert check.value("SELECT DATE_TRUNC(DATE '2017-11-08', WEEK(TUESDAY))") == dt.date(
        2017, 11, 7
    )


def test_timestamp_diff_counts_whole_units(check) -> None:
    sql = "SELECT TIMESTAMP_DIFF(TIMESTAMP '2001-02-01 01:00:00', TIMESTAMP '2001-02-01 00:00:01', HOUR)"
    assert check.value(sql) == 0


def test_format_elements(check) -> None:
    assert check.value("SELECT FORMAT_DATE('%Q %e', DATE '2008-12-05')") == "4  5"
    assert (
        check.value(
            "SELECT FORMAT_TIMESTAMP('%H:%M', TIMESTAMP '2008-12-25 15:30:00+00', 'America/Los_Angeles')"
        )
        == "07:30"
    )
    with pytest.raises(UnsupportedError, match="is not supported offline"):
        check.sql("SELECT STRING(TIMESTAMP '2008-12-25 15:30:00+00', 'America/Los_Angeles')")
