import datetime as dt

from workbench.translate import Context, translate


def test_pinned_clock_reads_the_as_of_instant() -> None:
    now = dt.datetime(2026, 11, 15, tzinfo=dt.UTC)
    tr = translate("SELECT CURRENT_DATE() AS d", Context(now=now))
    assert "CAST('2026-11-15' AS DATE)" in tr.duckdb
    assert "pinned-clock" in tr.rules
