"""Time zones in text that is not a literal, and zone arguments that are not literals
(rules/zone_text.py, translate/zone_text.py). Expected values: the BigQuery pages cited,
checked with GoogleSQL's reference evaluator (tests/workbench/conformance/oracle)."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from wbcore.errors import UserError
from workbench.translate import functions, zone_text

UTC = dt.UTC
# text built at run time (CONCAT), so no rule reads it when the query is translated
TEXT = "CONCAT('2021-03-04 10:00:00', '{zone}')"


@pytest.mark.parametrize(
    ("zone", "utc"),
    [
        # https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#time_zones
        # (an offset (+|-)H[H][:M[M]], 'Z', or after a space 'UTC' with an offset or a name);
        # DuckDB read ' UTC+05:45' as +05 and refused a one-digit hour
        (" UTC+05:45", dt.datetime(2021, 3, 4, 4, 15, tzinfo=UTC)),
        (" UTC+0545", dt.datetime(2021, 3, 4, 4, 15, tzinfo=UTC)),
        (" UTC-9:30", dt.datetime(2021, 3, 4, 19, 30, tzinfo=UTC)),
        ("-3", dt.datetime(2021, 3, 4, 13, tzinfo=UTC)),
        ("+4:5", dt.datetime(2021, 3, 4, 5, 55, tzinfo=UTC)),
        ("z", dt.datetime(2021, 3, 4, 10, tzinfo=UTC)),
        (" Asia/Kathmandu", dt.datetime(2021, 3, 4, 4, 15, tzinfo=UTC)),
    ],
)
def test_an_offset_in_text_counts_to_the_minute(check, zone: str, utc: dt.datetime) -> None:
    text = TEXT.format(zone=zone)
    assert check.value(f"SELECT CAST({text} AS TIMESTAMP)") == utc
    assert check.value(f"SELECT TIMESTAMP({text})") == utc
    assert check.value(f"SELECT SAFE_CAST({text} AS TIMESTAMP)") == utc


@pytest.mark.parametrize(
    "zone", [" UTC+15", "+14:30", "+08:75", " +05", " utc", " GMT+3", "+12345"]
)
def test_a_zone_bigquery_does_not_read_is_an_error(check, zone: str) -> None:
    # the same page: hours to 14 (at most +14:00), a name in its case; GoogleSQL's reference
    # evaluator: "Invalid time zone" / "Invalid timestamp"; DuckDB gave a value for each
    text = TEXT.format(zone=zone)
    with pytest.raises(UserError, match="TIMESTAMP"):
        check.value(f"SELECT CAST({text} AS TIMESTAMP)")
    assert check.value(f"SELECT SAFE_CAST({text} AS TIMESTAMP)") is None


def test_date_and_datetime_of_text_read_it_as_the_casts_do(check) -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date
    # (DATE of a TIMESTAMP: its date in UTC; the reference evaluator reads text as one) and
    # datetime_functions#datetime (text is a DATETIME: an offset is an error); DuckDB cast
    # the text to a DATE or a DATETIME and dropped the offset
    late = "CONCAT('2021-03-04 22:00:00', '-04')"
    assert check.value(f"SELECT DATE({late})") == dt.date(2021, 3, 5)
    with pytest.raises(UserError):
        check.value(f"SELECT DATETIME({late})")
    lower_t = "CONCAT('2021-03-04t22:00:00', '')"
    assert check.value(f"SELECT DATETIME({lower_t})") == dt.datetime(2021, 3, 4, 22)
    assert "civil-text-constructors" in check.rules(f"SELECT DATE({late})")


@pytest.mark.parametrize(
    ("zone", "hour"),
    [("'+5:45'", 1), ("'UTC-0930'", 10), ("'Asia/Kathmandu'", 1), ("'-3'", 17)],
)
def test_a_zone_argument_that_is_no_literal(check, zone: str, hour: int) -> None:
    # timestamp_functions#timestamp, #extract, #format_timestamp, datetime_functions#datetime
    # (a time_zone argument: an offset or a name); DuckDB raised NotImplementedException
    # for an offset it did not get as a literal, a Binder Error for AT TIME ZONE
    z = f"CONCAT({zone}, '')"
    ts = "TIMESTAMP '2021-03-04 20:00:00+00'"
    assert check.value(f"SELECT EXTRACT(HOUR FROM {ts} AT TIME ZONE {z})") == hour
    assert check.value(f"SELECT FORMAT_TIMESTAMP('%H', {ts}, {z})") == f"{hour:02d}"
    assert check.value(f"SELECT DATETIME({ts}, {z})").hour == hour
    local = check.value(f"SELECT TIMESTAMP(DATETIME '2021-03-04 12:00:00', {z})")
    assert check.value(f"SELECT EXTRACT(HOUR FROM TIMESTAMP '{local}' AT TIME ZONE {z})") == 12
    assert "zone-arguments" in check.rules(f"SELECT DATE({ts}, {z})")


def test_an_unknown_zone_argument_is_an_error_and_null_is_null(check) -> None:
    ts = "TIMESTAMP '2021-03-04 20:00:00+00'"
    for zone in ("'+15'", "'utc'", "'GMT+05:30'", "' UTC'"):
        with pytest.raises(UserError, match="Invalid time zone"):
            check.value(f"SELECT DATE({ts}, CONCAT({zone}, ''))")
    assert check.value(f"SELECT DATE({ts}, CAST(NULL AS STRING))") is None


def test_literal_zones_follow_the_same_reading() -> None:
    # the Python twins the literal rules use
    assert zone_text.timestamp_text("2021-03-04 10:00:00 UTC+0545") == "2021-03-04 10:00:00+05:45"
    assert zone_text.timestamp_text("2021-03-04T10:00:00+7") == "2021-03-04 10:00:00+07:00"
    assert zone_text.timestamp_text("2021-03-04 10:00:00+15") is None
    assert zone_text.timestamp_text("2021-03-04 10:00:00 america/new_york") is None
    assert zone_text.zone("UTC+0545") == "GMT+05:45"
    assert zone_text.zone("utc") is None
    assert zone_text.zone("America/New_York") == "America/New_York"


def test_literal_zone_arguments(check) -> None:
    ts = "TIMESTAMP '2021-03-04 20:00:00+00'"
    assert check.value(f"SELECT EXTRACT(HOUR FROM {ts} AT TIME ZONE 'UTC+0545')") == 1
    # GoogleSQL's reference evaluator raises these when the call runs (a runtime error)
    for zone in ("'+14:30'", "'utc'"):
        with pytest.raises(UserError, match="Invalid time zone"):
            check.value(f"SELECT DATE({ts}, {zone})")
    value = check.value("SELECT TIMESTAMP('2021-03-04 10:00:00 UTC+0545')")
    assert value == dt.datetime(2021, 3, 4, 4, 15, tzinfo=UTC)


SAMPLES = [
    "2021-03-04",
    "2021-3-4 1:2:3",
    "2021-03-04T10:00:00.5Z",
    "2021-03-04 10:00:00+7",
    "2021-03-04 10:00:00-07:3",
    "2021-03-04 10:00:00+073",
    "2021-03-04 10:00:00+0730",
    "2021-03-04 10:00:00+14",
    "2021-03-04 10:00:00+14:01",
    "2021-03-04 10:00:00 UTC-12",
    "2021-03-04 10:00:00 UTC",
    "2021-03-04 10:00:00 Europe/Paris",
    "2021-03-04 10:00:00 +07",
    "2021-03-04 10:00:00UTC+07",
    "2021-03-04+07",
    " 2021-03-04",
]


def test_the_macros_are_the_python_functions() -> None:
    conn = duckdb.connect()
    functions.register(conn, zone_text.MACROS)
    names = frozenset(n for (n,) in conn.execute(zone_text.NAMES_QUERY).fetchall())
    for text in SAMPLES:
        got = conn.execute(f"SELECT {zone_text.TIMESTAMP_TEXT}(?)", [text]).fetchone()[0]
        assert got == zone_text.timestamp_text(text, names), text
    for zone in ("+7", "-07:3", "UTC+0730", "+15", "UTC", "utc", "Europe/Paris", "GMT+1", ""):
        got = conn.execute(f"SELECT {zone_text.ZONE}(?)", [zone]).fetchone()[0]
        assert got == zone_text.zone(zone, names), zone
