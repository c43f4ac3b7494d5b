def test_nan_comparisons_are_false(check) -> None:
    nan = "CAST('NaN' AS FLOAT64)"
    assert check.value(f"SELECT {nan} = {nan}") is False
    assert check.value(f"SELECT {nan} > 1") is False
    assert check.value(f"SELECT {nan} != 1") is True
    assert check.value("SELECT CAST(NULL AS FLOAT64) < 1.0") is None


def test_min_of_nan_is_nan(check) -> None:
    import math

    sql = "SELECT MIN(x) FROM UNNEST([1.0, CAST('NaN' AS FLOAT64)]) AS x"
    assert math.isnan(check.value(sql))
    assert check.value("SELECT MIN(x) FROM UNNEST([2.0, 1.0]) AS x") == 1.0
    window = "SELECT MIN(x) OVER () FROM UNNEST([1.0, CAST('NaN' AS FLOAT64)]) AS x"
    assert math.isnan(check.value(window))
    # DISTINCT keeps NaN among the values (aggregate_functions#min: NaN if any input is)
    distinct = "SELECT MIN(DISTINCT x) FROM UNNEST([-3.5, CAST('NaN' AS FLOAT64), -3.5]) AS x"
    assert math.isnan(check.value(distinct))
    over = distinct.replace("MIN(DISTINCT x)", "MIN(DISTINCT x) OVER ()")
    assert math.isnan(check.value(over))
    assert check.value("SELECT MIN(DISTINCT x) FROM UNNEST([4.5, 4.5, -1.0]) AS x") == -1.0


def test_date_plus_days(check) -> None:
    import datetime

    assert check.value("SELECT DATE '2020-09-22' + 1") == datetime.date(2020, 9, 23)
    assert check.value("SELECT DATE '2020-09-22' - 7") == datetime.date(2020, 9, 15)
    assert check.type("SELECT DATE '2020-09-22' + 1") == "DATE"


def test_order_by_float_puts_nan_between_null_and_numbers(check) -> None:
    values = "UNNEST([1.0, CAST('NaN' AS FLOAT64), NULL, -1.0, CAST('-inf' AS FLOAT64)]) AS x"
    asc = check.rows(f"SELECT x FROM {values} ORDER BY x")
    assert [r[0] for r in asc][:1] == [None] and str(asc[1][0]) == "nan"
    assert [r[0] for r in asc][2:] == [float("-inf"), -1.0, 1.0]
    desc = check.rows(f"SELECT x FROM {values} ORDER BY x DESC")
    assert [r[0] for r in desc][:3] == [1.0, -1.0, float("-inf")]
    assert str(desc[3][0]) == "nan" and desc[4][0] is None
    assert "nan-ordering" in check.rules(f"SELECT x FROM {values} ORDER BY x")
    ranked = check.rows(f"SELECT x, ROW_NUMBER() OVER (ORDER BY x) AS r FROM {values} ORDER BY r")
    assert [r[1] for r in ranked] == [1, 2, 3, 4, 5] and str(ranked[1][0]) == "nan"


def test_nan_from_ieee_divide_compares_as_nan(check) -> None:
    # IEEE_DIVIDE is FLOAT64 (https://cloud.google.com/bigquery/docs/reference/standard-sql/
    # mathematical_functions#ieee_divide: 0/0 is NaN), so every NaN rule applies to it:
    # NaN > 0 is FALSE, MIN of a NaN is NaN, NaN is not equal to itself.
    import math

    nan = "(SELECT 2.5 AS d UNION ALL SELECT IEEE_DIVIDE(0, 0))"
    assert check.value(f"SELECT COUNTIF(d > 0) FROM {nan}") == 1
    assert math.isnan(check.value(f"SELECT MIN(d) FROM {nan}"))
    assert check.value(f"SELECT COUNTIF(d = d) FROM {nan}") == 1
    assert check.type("SELECT IEEE_DIVIDE(3, 2)") == "FLOAT64"


def test_nan_is_in_no_set(check) -> None:
    # IN is "equal to any value" of the set; NaN equals nothing, itself included, so a NaN
    # is in no subquery or array: FALSE, or NULL when the set holds a NULL (GoogleSQL's
    # reference evaluator agrees for each of these).
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#in_operators
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#floating_point_semantics
    nan = "CAST('NaN' AS FLOAT64)"
    assert check.value(f"SELECT {nan} IN UNNEST([2.0, {nan}])") is False
    assert check.value(f"SELECT {nan} IN UNNEST([2.0, NULL])") is None
    assert check.value(f"SELECT 2.0 IN UNNEST([2.0, {nan}])") is True
    assert check.value(f"SELECT {nan} IN (SELECT {nan})") is False
    assert check.value(f"SELECT {nan} NOT IN (SELECT 3.0 UNION ALL SELECT {nan})") is True
    rows = check.rows(
        f"SELECT x, x IN (SELECT y FROM UNNEST([{nan}, 4.0]) AS y) FROM UNNEST([4.0, {nan}]) x "
        "ORDER BY x"
    )
    assert str(rows[0][0]) == "nan" and rows[0][1] is False and rows[1] == (4.0, True)
    assert "nan-in-sets" in check.rules(f"SELECT {nan} IN UNNEST([1.0])")


def test_string_literals_in_unnest_take_the_temporal_type(check) -> None:
    """conversion_rules#coercion: ``d IN UNNEST(['2015-01-30'])`` compares DATEs, as
    ``d IN ('2015-01-30')`` does (a raw Binder Error: list_contains of VARCHAR[] and DATE)."""
    assert check.value("SELECT DATE '2015-01-30' IN UNNEST(['2015-01-30'])") is True
    assert check.value("SELECT DATE '2015-01-30' NOT IN UNNEST(['2015-01-31', NULL])") is None
    ts = "TIMESTAMP '2015-01-30 00:00:00+00'"
    assert check.value(f"SELECT {ts} IN UNNEST(['2015-01-30 01:00:00+01'])") is True
    assert check.value("SELECT TIME '10:00:00' IN UNNEST(['10:00:00'])") is True
    assert "in-unnest-literals" in check.rules("SELECT DATE '2015-01-30' IN UNNEST(['2015-01-30'])")
