import datetime as dt

import pytest

from workbench.translate import UnsupportedError, UserError


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


@pytest.mark.parametrize("unit", ["WEEK", "WEEK(MONDAY)", "MONTH", "ISOYEAR"])
def test_timestamp_diff_past_day_is_bigquery_error(check, unit: str) -> None:
    # GoogleSQL's analyzer: "TIMESTAMP_DIFF does not support the WEEK date part when the
    # argument is TIMESTAMP type" (an error, as BigQuery gives, not a refusal)
    sql = f"SELECT TIMESTAMP_DIFF(TIMESTAMP '2001-02-03', TIMESTAMP '2000-01-01', {unit})"
    with pytest.raises(
        UserError,
        match=f"does not support the {unit.replace('(', '.').replace(')', '.')} date part",
    ):
        check.sql(sql)
    with pytest.raises(UserError) as caught:
        check.sql(sql)
    assert not isinstance(caught.value, UnsupportedError)


def test_format_elements(check) -> None:
    assert check.value("SELECT FORMAT_DATE('%Q %e', DATE '2008-12-05')") == "4  5"
    assert (
        check.value(
            "SELECT FORMAT_TIMESTAMP('%H:%M', TIMESTAMP '2008-12-25 15:30:00+00', 'America/Los_Angeles')"
        )
        == "07:30"
    )


@pytest.mark.parametrize(
    ("value", "zone", "expected"),
    [
        ("2008-12-25 15:30:00+00", "America/Los_Angeles", "2008-12-25 07:30:00-08"),
        ("2020-01-01 00:00:00.5+00", "Asia/Kolkata", "2020-01-01 05:30:00.500+05:30"),
        ("2020-07-01 00:00:00.123456+00", "America/Los_Angeles", "2020-06-30 17:00:00.123456-07"),
        ("2020-07-01 00:00:00+00", "-03:30", "2020-06-30 20:30:00-03:30"),
        ("2020-07-01 00:00:00+00", "UTC", "2020-07-01 00:00:00+00"),
        ("2020-06-01 12:00:00+00", "Australia/Lord_Howe", "2020-06-01 22:30:00+10:30"),
        ("9999-12-31 23:59:59.999999+00", "+14", "10000-01-01 13:59:59.999999+14"),
        # a local mean time's seconds dropped, the local time shown with the whole minutes
        ("0001-01-01 00:00:00+00", "America/New_York", "0000-12-31 19:04:00-04:56"),
    ],
)
def test_string_of_a_timestamp_in_a_zone(check, value: str, zone: str, expected: str) -> None:
    # GoogleSQL's reference evaluator (zetasql 0.1.5); timestamp_functions#string
    assert check.value(f"SELECT STRING(TIMESTAMP '{value}', '{zone}')") == expected


def test_string_in_a_zone_of_null(check) -> None:
    assert check.value("SELECT STRING(NULL, 'Nowhere/Zone')") is None
    assert check.value("SELECT STRING(TIMESTAMP '2020-01-01 00:00:00+00', NULL)") is None


def test_extract_subsecond_parts_within_the_second(check) -> None:
    assert check.value("SELECT EXTRACT(MILLISECOND FROM TIME '12:34:56.999999')") == 999
    assert check.value("SELECT EXTRACT(MICROSECOND FROM TIME '12:34:55.641719')") == 641719
    ts = "TIMESTAMP '2020-01-01 00:00:07.250+00'"
    assert check.value(f"SELECT EXTRACT(MILLISECOND FROM {ts})") == 250
    assert "extract-subsecond" in check.rules("SELECT EXTRACT(MICROSECOND FROM TIME '01:00:00')")


def test_extract_part_the_type_lacks_is_an_error(check) -> None:
    with pytest.raises(UserError, match="EXTRACT from DATE does not support the HOUR"):
        check.sql("SELECT EXTRACT(HOUR FROM DATE '2020-01-01')")
    with pytest.raises(UserError, match="EXTRACT from TIME does not support the DAY"):
        check.sql("SELECT EXTRACT(DAY FROM TIME '01:00:00')")


def test_civil_time_literals_out_of_range(check) -> None:
    for bad in (
        "DATE '0000-12-31'",
        "DATE '10000-01-01'",
        "DATE '2021-02-29'",
        "DATE '2020-13-01'",
        "TIME '24:00:00'",
        "DATETIME '2020-01-01 25:00:00'",
        "TIMESTAMP '10000-01-01 00:00:00+00'",
    ):
        with pytest.raises(UserError, match=r"invalid (DATE|TIME|DATETIME|TIMESTAMP) literal"):
            check.sql(f"SELECT {bad}")
    assert str(check.value("SELECT DATE '9999-12-31'")) == "9999-12-31"


def test_date_arithmetic_past_9999_raises(check) -> None:
    with pytest.raises(UserError, match="out of range"):
        check.value("SELECT DATE_ADD(DATE '9999-12-31', INTERVAL 1 DAY) > DATE '2000-01-01'")
    with pytest.raises(UserError, match="out of range"):
        check.value(
            "SELECT DATETIME_SUB(DATETIME '0001-01-01 00:00:00', INTERVAL 1 SECOND) IS NULL"
        )
    assert check.value("SELECT SAFE.DATE_ADD(DATE '9999-12-31', INTERVAL 1 DAY)") is None
    assert check.value("SELECT SAFE_CAST(CONCAT('1000', '0-01-01') AS DATE)") is None
    with pytest.raises(UserError, match=r"CAST failed|out of range"):
        check.value("SELECT CAST(CONCAT('24:', '00:00') AS TIME) IS NULL")


def test_temporal_text_digits_and_offset(check) -> None:
    assert check.value("SELECT CAST(TIMESTAMP '2020-01-01 12:00:00.5+00' AS STRING)") == (
        "2020-01-01 12:00:00.500+00"
    )
    assert check.value("SELECT CAST(DATETIME '2020-01-01 12:00:00.12345' AS STRING)") == (
        "2020-01-01 12:00:00.123450"
    )
    assert check.value("SELECT CAST(TIME '01:02:03' AS STRING)") == "01:02:03"
    assert check.value("SELECT CAST(CAST(NULL AS TIME) AS STRING)") is None


def test_leap_second_literals_are_the_next_second(check) -> None:
    assert str(check.value("SELECT TIME '12:59:60.5'")) == "13:00:00"
    assert str(check.value("SELECT DATETIME '2015-11-06 23:59:60'")) == "2015-11-07 00:00:00"


def test_date_plus_days_past_9999_raises(check) -> None:
    with pytest.raises(UserError, match="out of range"):
        check.value("SELECT DATE '9999-12-31' + 1")
    assert str(check.value("SELECT DATE '9999-12-30' + 1")) == "9999-12-31"


def test_constructors_past_the_range_raise(check) -> None:
    for sql in (
        "SELECT DATE(10000, 1, 1) IS NULL",
        "SELECT TIME(24, 0, 0) IS NULL",
        "SELECT TIMESTAMP_SECONDS(253402300800) IS NULL",
        "SELECT DATE_FROM_UNIX_DATE(2932897) IS NULL",
    ):
        with pytest.raises(UserError, match="failed"):
            check.value(sql)
    assert check.value("SELECT SAFE.DATE(10000, 1, 1)") is None


def test_string_of_a_timestamp_is_the_canonical_text(check) -> None:
    assert check.value("SELECT STRING(TIMESTAMP '2020-01-01 12:00:00.5+00')") == (
        "2020-01-01 12:00:00.500+00"
    )


def test_cast_with_a_format_to_text_is_refused(check) -> None:
    with pytest.raises(UnsupportedError, match=r"CAST \.\.\. FORMAT is not supported offline"):
        check.sql("SELECT CAST(TIMESTAMP '2020-01-01 00:00:00+00' AS STRING FORMAT 'YYYY')")


def test_date_arithmetic_in_a_window_partition_still_runs(check) -> None:
    sql = (
        "SELECT COUNT(*) OVER (PARTITION BY DATE_TRUNC(DATE_ADD(d, INTERVAL 1 DAY), WEEK)) "
        "FROM UNNEST([DATE '2020-01-01', DATE '2020-01-02']) AS d"
    )
    assert check.rows(sql) == [(2,), (2,)]


def test_format_seconds_since_epoch_is_whole_seconds(check) -> None:
    """%s is the number of seconds since 1970-01-01 00:00:00 UTC, a whole number
    (https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time);
    the zetasql reference evaluator rounds a fraction down (-1 for half a second before the
    epoch). Found by the oracle: DuckDB's epoch() kept the fraction and printed '.0'."""
    fmt = "SELECT FORMAT_TIMESTAMP('%s', TIMESTAMP '{}')"
    assert check.value(fmt.format("2001-01-01 00:00:00.7+00")) == "978307200"
    assert check.value(fmt.format("0001-01-01 00:00:00+00")) == "-62135596800"
    assert check.value(fmt.format("1969-12-31 23:59:59.5+00")) == "-1"
    assert check.value("SELECT FORMAT_DATETIME('%s', DATETIME '1970-01-01 00:01:00.25')") == "60"


def test_time_text_must_be_a_time_of_day(check) -> None:
    """A STRING cast to TIME must be [H]H:[M]M:[S]S[.F] (canonical format,
    https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast_as_time);
    GoogleSQL's reference evaluator refuses '2024-02-29' and '12:34', which DuckDB read as
    00:00:00 and 12:34:00. Found by the zetasql oracle. The evaluator raises it when the CAST
    runs (GoogleSQL's analyzer accepts the statement), so a branch never taken is no error."""
    for text in ("2024-02-29", "12:34", " 12:34:56 ", "12:34:56Z"):
        with pytest.raises(UserError, match="CAST failed: the value cannot be converted to TIME"):
            check.value(f"SELECT CAST('{text}' AS TIME)")
        assert check.value(f"SELECT IF(FALSE, CAST('{text}' AS TIME), NULL)") is None
    with pytest.raises(UserError, match="invalid TIME literal"):  # a literal: rejected
        check.sql("SELECT TIME '12:34'")
    assert check.value("SELECT CAST('1:2:3' AS TIME)") == dt.time(1, 2, 3)
    assert check.value("SELECT TIME '12:34:56.5'") == dt.time(12, 34, 56, 500000)


def test_timestamp_cast_to_time_is_utc_time_of_day(check) -> None:
    """CAST(TIMESTAMP AS TIME): the time of day in the default time zone, UTC
    (https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast_as_time).
    DuckDB has no TIMESTAMPTZ → TIME cast: it raised. Found by the zetasql oracle."""
    sql = "SELECT CAST(TIMESTAMP '2024-02-29 23:30:00.25-05' AS TIME)"
    assert check.value(sql) == dt.time(4, 30, 0, 250000)
    assert "timestamp-time-cast" in check.rules(sql)
    assert check.value("SELECT CAST(CAST(NULL AS TIMESTAMP) AS TIME)") is None


def test_empty_format_string_is_refused(check) -> None:
    """FORMAT_DATE('', d) is '' in BigQuery (format elements,
    https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time:
    text outside elements is copied); sqlglot reads '' as 'None', which printed 'None'.
    Neither can be told apart in the tree, so both are refused. Found by the zetasql oracle."""
    for fmt in ("''", "'None'"):
        with pytest.raises(UnsupportedError, match="is not supported offline"):
            check.value(f"SELECT FORMAT_DATE({fmt}, DATE '2000-01-01')")


def test_dayofweek_and_dayofyear_do_not_truncate_or_diff(check) -> None:
    """The part lists of DATE_TRUNC, TIMESTAMP_TRUNC, DATETIME_TRUNC and the *_DIFF functions
    leave out DAYOFWEEK and DAYOFYEAR (EXTRACT's own parts)
    (https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_trunc);
    GoogleSQL's analyzer refuses them, DuckDB truncated to the day. Found by the zetasql oracle."""
    with pytest.raises(UserError, match="does not support the DAYOFWEEK date part"):
        check.value("SELECT TIMESTAMP_TRUNC(TIMESTAMP '2021-01-03 08:00:00+00', DAYOFWEEK)")
    with pytest.raises(UserError, match="DATE_DIFF does not support the DAYOFYEAR"):
        check.value("SELECT DATE_DIFF(DATE '2024-02-29', DATE '2024-01-01', DAYOFYEAR)")
    assert check.value("SELECT DATE_TRUNC(DATE '2024-02-29', MONTH)") == dt.date(2024, 2, 1)


def test_safe_cast_of_text_no_time_literal_is_null(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast_as_time
    # (the text must be in the TIME literal format; SAFE_CAST gives NULL where CAST errors);
    # DuckDB's TRY_CAST reads a date as midnight. zetasql's reference evaluator: NULL.
    assert check.value("SELECT SAFE_CAST('2024-02-29' AS TIME)") is None
    assert check.value("SELECT SAFE_CAST('12:34' AS TIME)") is None
    assert check.value("SELECT SAFE_CAST('0000-01-01' AS DATE)") is None
    assert check.value("SELECT SAFE_CAST('12:34:56' AS TIME)") == dt.time(12, 34, 56)
    assert check.type("SELECT SAFE_CAST('2024-02-29' AS TIME)") == "TIME"


def test_extract_from_a_null_is_an_int64_null(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#extract
    # (return data type INT64); DuckDB's EXTRACT of a typed NULL constant is a DOUBLE
    assert check.type("SELECT EXTRACT(DAY FROM CAST(NULL AS DATE))") == "INT64"
    assert check.type("SELECT EXTRACT(MONTH FROM CAST(NULL AS TIMESTAMP))") == "INT64"
    assert check.value("SELECT EXTRACT(DAY FROM CAST(NULL AS DATE))") is None


def test_format_epoch_seconds_in_integers_and_utc(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
    # (%s: the number of seconds since 1970-01-01 00:00:00 UTC); the reference evaluator:
    # 253402300799 for the last microsecond of 9999 (a DOUBLE rounded it up to ...800), and
    # the same count whatever the time zone the timestamp is shown in
    last = "TIMESTAMP '9999-12-31 23:59:59.999999+00'"
    assert check.value(f"SELECT FORMAT_TIMESTAMP('%s', {last})") == "253402300799"
    assert check.value("SELECT FORMAT_DATETIME('%s', DATETIME '1969-12-31 23:59:59.5')") == "-1"
    ts = "TIMESTAMP '2024-02-29 12:34:56.789012+00'"
    assert check.value(f"SELECT FORMAT_TIMESTAMP('%s', {ts}, 'America/New_York')") == "1709210096"


def test_format_elements_a_type_lacks_are_printed_as_written(check) -> None:
    # format-elements#format_elements_date_time lists the types each element applies to;
    # GoogleSQL prints the others as written: FORMAT_DATE('%H', d) is '%H', FORMAT_TIME('%Y',
    # t) is '%Y' (reference evaluator). %T/%c/%F are expanded by the parser, so a DATE with
    # %T (or a TIME with %F) is refused rather than guessed.
    assert check.value("SELECT FORMAT_DATE('%H|%M|%S|%p', DATE '2024-02-29')") == "%H|%M|%S|%p"
    assert check.value("SELECT FORMAT_TIME('%Y|%m|%j|%Q', TIME '12:00:01')") == "%Y|%m|%j|%Q"
    assert check.value("SELECT FORMAT_DATE('%F', DATE '2024-02-29')") == "2024-02-29"
    with pytest.raises(UnsupportedError, match="not supported offline"):
        check.value("SELECT FORMAT_DATE('%T', DATE '2024-02-29')")


def test_format_year_and_iso_year_digits(check) -> None:
    # %Y: the year (unpadded below 1000 in the reference evaluator: '999'), %F and %G padded
    # to 4 digits, %g: the ISO year's last two digits (DuckDB's strftime printed '000')
    assert check.value("SELECT FORMAT_DATE('%Y', DATE '0999-01-01')") == "999"
    assert check.value("SELECT FORMAT_DATE('%g|%G', DATE '2021-01-03')") == "20|2020"
    assert check.value("SELECT FORMAT_DATE('%g', DATE '2009-06-01')") == "09"
    assert check.value("SELECT FORMAT_DATE('%Y-%m-%d', DATE '2024-02-29')") == "2024-02-29"
    with pytest.raises(UserError, match="not supported offline"):
        check.value("SELECT FORMAT_DATE('%F', DATE '0999-01-01')")


def test_last_day_of_null_and_past_the_range(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#last_day
    # (the last day of the period); a NULL date is a NULL DATE (DuckDB's make_date had no
    # overload for its DOUBLE year: a raw Binder Error); the week after 9999-12-31 is out of
    # the DATE range, an error in the reference evaluator
    assert check.value("SELECT LAST_DAY(CAST(NULL AS DATE), YEAR)") is None
    assert check.type("SELECT LAST_DAY(CAST(NULL AS DATE), WEEK)") == "DATE"
    assert check.value("SELECT LAST_DAY(DATE '2024-02-10', QUARTER)") == dt.date(2024, 3, 31)
    with pytest.raises(UserError, match="out of range"):
        check.value("SELECT LAST_DAY(DATE '9999-12-31', WEEK)")


# LAST_DAY(d, ISOYEAR): the day before the next ISO year starts (date_functions#last_day);
# expected values from GoogleSQL's reference evaluator (zetasql 0.1.5). sqlglot wrote ISOYEAR
# as a column name: a raw Binder Error.
@pytest.mark.parametrize(
    ("day", "last"),
    [
        ("1970-01-01", dt.date(1971, 1, 3)),
        ("2020-12-31", dt.date(2021, 1, 3)),
        ("2021-01-04", dt.date(2022, 1, 2)),
        ("0001-01-01", dt.date(1, 12, 30)),
    ],
)
def test_last_day_of_the_iso_year(check, day, last) -> None:
    assert check.value(f"SELECT LAST_DAY(DATE '{day}', ISOYEAR)") == last
