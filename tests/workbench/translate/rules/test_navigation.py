"""LAG/LEAD defaults and PERCENTILE_CONT/DISC null modifiers (rules/navigation.py).

LAG/LEAD return the default when no row is at the offset; GoogleSQL's reference
implementation requires that default to be a constant ("The third argument (the default
expression) to LEAD must be constant"), so a default reading a column is refused rather than
answered. PERCENTILE_CONT ignores NULLs unless RESPECT NULLS is given; DuckDB's quantiles
always skip them, so RESPECT NULLS is refused and IGNORE NULLS (the default) keeps NaN
sorted first (NaN sorts before every number: query-syntax#order_by_clause).
https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions#lag
https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions#percentile_cont
"""

from __future__ import annotations

import math

import pytest

from workbench.translate import UnsupportedError

ROWS = "UNNEST([STRUCT(1 AS id, 10 AS n), STRUCT(2, 20), STRUCT(3, 30)])"


def test_lag_with_a_constant_default(check) -> None:
    sql = f"SELECT id, LAG(n, 1, -1) OVER (ORDER BY id) AS v FROM {ROWS} ORDER BY id"
    assert check.rows(sql) == [(1, -1), (2, 10), (3, 20)]
    negated = f"SELECT LEAD(n, 2, 1 - 2) OVER (ORDER BY id) AS v FROM {ROWS} ORDER BY id"
    assert [r[0] for r in check.rows(negated)] == [30, -1, -1]


@pytest.mark.parametrize("call", ["LAG(n, 1, id)", "LEAD(n, 2, n + 1)", "LAG(n, 1, (SELECT 1))"])
def test_lag_with_a_default_read_from_the_row_is_an_error(check, call: str) -> None:
    # GoogleSQL's reference: "The third argument (the default expression) to LAG must be
    # constant" (rule navigation-arguments)
    from wbcore.errors import UserError

    with pytest.raises(UserError, match=r"default expression\) to LAG|LEAD must be constant"):
        check.sql(f"SELECT {call} OVER (ORDER BY id) AS v FROM {ROWS}")


def test_percentile_respect_nulls(check) -> None:
    # navigation_functions#percentile_disc: RESPECT NULLS counts the NULLs, sorted first;
    # 0.4 of 5 values is a little over 2 (0.4's binary value): the third, 2.0; CONT's 0.625
    # is 2.5 of the way, between 2 and 3 (GoogleSQL's reference evaluator gives these)
    sql = (
        "SELECT g, PERCENTILE_DISC(x, 0.4 RESPECT NULLS) OVER (PARTITION BY g) AS d, "
        "PERCENTILE_CONT(x, 0.625 RESPECT NULLS) OVER (PARTITION BY g) AS c FROM UNNEST(["
        "STRUCT(1 AS g, 3.0 AS x), (1, NULL), (1, 2.0), (1, 8.0), (1, NULL), (2, NULL)]) "
        "ORDER BY g"
    )
    assert check.rows(sql)[0] == (1, 2.0, 2.5)
    assert check.rows(sql)[-1] == (2, None, None)
    strings = (
        "SELECT PERCENTILE_DISC(s, 0 RESPECT NULLS) OVER (), PERCENTILE_DISC(s, 0.5 RESPECT "
        "NULLS) OVER () FROM UNNEST(['k', NULL, 'b']) AS s LIMIT 1"
    )
    assert check.rows(strings) == [(None, "b")]
    numeric = "SELECT PERCENTILE_CONT(x, NUMERIC '0.5' RESPECT NULLS) OVER () FROM UNNEST([NUMERIC '1', NULL]) AS x"
    with pytest.raises(UnsupportedError, match="PERCENTILE_CONT with RESPECT NULLS of NUMERIC"):
        check.sql(numeric)


def test_percentile_ignore_nulls_keeps_nan_first(check) -> None:
    # [NaN, 2.5, 2.5] without the NULL: position 0.25 * 2 = 0.5 interpolates NaN and 2.5
    sql = (
        "SELECT PERCENTILE_CONT(x, 0.25 IGNORE NULLS) OVER () AS p "
        "FROM UNNEST([CAST('NaN' AS FLOAT64), 2.5, 2.5, NULL]) AS x"
    )
    assert all(math.isnan(r[0]) for r in check.rows(sql))
    assert "percentile-null-modifiers" in check.rules(sql)
    assert "nan-percentile" in check.rules(sql)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        ("PERCENTILE_DISC(x, -0.5)", "PERCENTILE_DISC"),  # DuckDB: counted from the end
        ("PERCENTILE_CONT(x, 1.25)", "PERCENTILE_CONT"),
        ("PERCENTILE_CONT(x, CAST('nan' AS FLOAT64))", "PERCENTILE_CONT"),
    ],
)
def test_percentile_outside_zero_to_one_is_an_error(check, call: str, name: str) -> None:
    # navigation_functions#percentile_cont: the percentile is a literal in [0, 1];
    # GoogleSQL's reference analyzer: "Argument 2 to PERCENTILE_DISC must be between 0 and 1"
    from wbcore.errors import UserError

    sql = f"SELECT {call} OVER () FROM UNNEST([1.0, 2.0]) AS x"
    with pytest.raises(UserError, match=f"Argument 2 to {name} must be between 0 and 1"):
        check.sql(sql)
    assert check.value("SELECT PERCENTILE_DISC(x, 1) OVER () FROM UNNEST([1.0, 2.0]) AS x") == 2.0


# PERCENTILE_DISC reads the ceil(p * n)-th value from p's exact binary value (results:
# GoogleSQL's reference evaluator)
# (navigation_functions#percentile_disc); 0.2 and 0.1 are a little over 1/5 and 1/10, 0.3 and
# 0.7 a little under 3/10 and 7/10 (GoogleSQL's reference evaluator reads them so)
@pytest.mark.parametrize(
    ("p", "want"),
    [("0.2", 3), ("0.1", 2), ("0.3", 3), ("0.7", 7), ("0.5", 5), ("-0.0", 1), ("1", 10)],
    ids=["0.2", "0.1", "0.3", "0.7", "0.5", "negative-zero", "one"],
)
def test_percentile_disc_position_is_exact(check, p: str, want: int) -> None:
    sql = f"SELECT PERCENTILE_DISC(x, {p}) OVER () FROM UNNEST(GENERATE_ARRAY(1, 10)) AS x"
    assert check.value(sql) == want
    fired = check.rules(sql)
    assert "exact-disc-percentile" in fired or p == "1"


def test_percentile_disc_position_over_five(check) -> None:
    sql = "SELECT PERCENTILE_DISC(x, 0.2) OVER () FROM UNNEST([50, 10, 40, 20, 30]) AS x"
    assert check.value(sql) == 20  # ceil(5 * 0.2000000000000000111) = 2


def test_decimal_percentile_has_no_fraction_in_between() -> None:
    from fractions import Fraction

    from workbench.translate.rules.navigation import _DISC_ROWS, _disc_decimal, _simplest

    for p in (0.2, 0.3, 0.95, 0.999, 0.50000001, 1 / 3):
        text = _disc_decimal(p)
        assert text is not None
        q, exact = Fraction(text), Fraction(p)
        assert q >= exact
        near = _simplest(exact, q, True, False) if q != exact else None
        assert near is None or near.denominator >= _DISC_ROWS
    assert _simplest(Fraction(1, 3), Fraction(1, 2), True, False) == Fraction(1, 3)
    assert _simplest(Fraction(2, 5), Fraction(1, 2), False, False) == Fraction(3, 7)


def test_percentile_disc_of_bytes_with_respect_nulls(check) -> None:
    sql = "SELECT PERCENTILE_DISC(b, 0.5 RESPECT NULLS) OVER () FROM UNNEST([b'k', NULL, b'c']) b"
    assert check.value(sql) == b"c"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "must be non-NULL"),
        (1.5, "must be between 0 and 1"),
        (-0.25, "must be between 0 and 1"),
        (math.nan, "must be between 0 and 1"),
    ],
    ids=["null", "above-one", "negative", "nan"],
)
def test_percentile_parameter_checks(check, value: object, message: str) -> None:
    from wbcore.errors import UserError

    for name in ("PERCENTILE_CONT", "PERCENTILE_DISC"):
        sql = f"SELECT {name}(x, @p) OVER () FROM UNNEST([1.0, 2.0, 4.0]) AS x"
        with pytest.raises(UserError, match=f"Argument 2 to {name} {message}"):
            check.value(sql, p=value)
    ok = "SELECT PERCENTILE_DISC(x, @p) OVER () FROM UNNEST([1.0, 2.0, 4.0]) AS x"
    assert check.value(ok, p=0.5) == 2.0


def test_percentile_without_over_is_refused(check) -> None:
    with pytest.raises(UnsupportedError, match="PERCENTILE_CONT without OVER"):
        check.sql("SELECT PERCENTILE_CONT(x, 0.5) FROM UNNEST([1.0, 2.0]) AS x")
