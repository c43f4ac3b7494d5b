import datetime as dt

import duckdb
import pytest

from workbench.translate import Context, translate


def test_pinned_clock_reads_the_as_of_instant() -> None:
    now = dt.datetime(2026, 11, 15, tzinfo=dt.UTC)
    tr = translate("SELECT CURRENT_DATE() AS d", Context(now=now))
    assert "CAST('2026-11-15' AS DATE)" in tr.duckdb
    assert "pinned-clock" in tr.rules


def test_an_unknown_time_zone_fails_when_the_call_runs() -> None:
    """GoogleSQL's reference evaluator raises "Invalid time zone" for CURRENT_DATE('Foo/Bar')
    when it is evaluated (the analyzer accepts the statement), so a branch never taken is no
    error (date_functions#current_date: a time zone name or offset)."""
    now = dt.datetime(2026, 11, 15, tzinfo=dt.UTC)
    conn = duckdb.connect()
    bad = translate("SELECT CURRENT_DATE('Foo/Bar') AS d", Context(now=now)).duckdb
    with pytest.raises(duckdb.Error, match="invalid time zone"):
        conn.sql(bad).fetchall()
    untaken = translate("SELECT IF(FALSE, CURRENT_DATE('Foo/Bar'), NULL) AS d", Context(now=now))
    assert conn.sql(untaken.duckdb).fetchall() == [(None,)]
    paris = translate("SELECT CURRENT_DATE('Europe/Paris') AS d", Context(now=now)).duckdb
    assert conn.sql(paris).fetchall() == [(dt.date(2026, 11, 15),)]
