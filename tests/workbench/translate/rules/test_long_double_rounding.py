"""ROUND/TRUNC(FLOAT64, digits) give GoogleSQL's answer, binary ties included.

The expected values come from an independent model of ``RoundDecimal``/``TruncDecimal`` in
GoogleSQL's ``zetasql/public/functions/math.cc`` (https://github.com/google/zetasql, the
function library BigQuery's reference implementation uses): exact rational arithmetic,
rounded to a 64-bit significand (x87 long double, round to nearest even) after every
operation as the C++ code does, with 10^-digits built by repeated division by 10 as
``InitExponents`` does on x86-64. No NumPy here: the workbench's own functions use NumPy's
``longdouble``, so this model shares none of their code.
"""

from __future__ import annotations

import math
import random
from decimal import Decimal
from fractions import Fraction

import pytest

from wbcore.errors import UserError
from workbench.translate import UnsupportedError


def _round_bits(q: Fraction, bits: int) -> Fraction:
    """``q`` rounded to ``bits`` significant bits, ties to even (no exponent range limits)."""
    if q == 0:
        return q
    sign = -1 if q < 0 else 1
    a = abs(q)
    e = a.numerator.bit_length() - a.denominator.bit_length()
    if Fraction(2) ** e > a:
        e -= 1
    scale = Fraction(2) ** (bits - 1 - e)  # a * scale in [2^(bits-1), 2^bits)
    m = a * scale
    n = m.numerator // m.denominator
    rest = m - n
    if rest > Fraction(1, 2) or (rest == Fraction(1, 2) and n % 2):
        n += 1
    return sign * Fraction(n) / scale


def ld(q: Fraction) -> Fraction:
    return _round_bits(q, 64)


def to_double(q: Fraction) -> float:
    return float(_round_bits(q, 53))


def exp10(k: int) -> Fraction:
    """math.cc's kDecimalExponentDouble[k] on x86-64: 1 multiplied or divided by 10 k times."""
    e = Fraction(1)
    for _ in range(abs(k)):
        e = ld(e * 10) if k > 0 else ld(e / 10)
    return e


def zetasql_round(x: float, digits: int, trunc: bool = False) -> float:
    if digits < -308:
        return 0.0
    if digits > 323:
        return x
    e = exp10(-digits)
    q = ld(Fraction(x) / e)
    n = abs(q.numerator) // q.denominator  # truncated toward zero
    if not trunc and abs(q) - n >= Fraction(1, 2):
        n += 1  # roundl: half away from zero
    r = n if q >= 0 else -n
    out = to_double(ld(r * e))
    return math.copysign(out, x) if out == 0 else out


# The issue's cases, and ties whose decimal text sits just below or above the binary value.
TIES = [
    (2.775, 2),
    (1.005, 2),
    (-2.675, 2),
    (4.10625, 4),
    (1.235, 2),
    (0.285, 2),
    (8.345, 2),
    (0.6734985, 6),
    (-7.094665, 5),
    (-1.201205, 5),
    (0.529335, 5),
    (125.0, -1),
    (-125.0, -1),
    (135.0, -1),
    (15.0, -1),
    (2.5, 0),
    (-0.5, 0),
    (1234.5678, -2),
]


def test_model_matches_the_documented_examples() -> None:
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#round
    assert zetasql_round(2.0, 0) == 2.0
    assert zetasql_round(2.3, 0) == 2.0
    assert zetasql_round(2.8, 0) == 3.0
    assert zetasql_round(2.5, 0) == 3.0
    assert zetasql_round(-2.5, 0) == -3.0
    assert zetasql_round(123.7, -1) == 120.0
    assert zetasql_round(1.235, 2) == 1.24
    # #trunc: TRUNC(2.8) = 2, TRUNC(-2.8) = -2
    assert zetasql_round(2.8, 0, trunc=True) == 2.0
    assert zetasql_round(-2.8, 0, trunc=True) == -2.0


@pytest.mark.parametrize(("x", "digits"), TIES)
def test_round_ties(check, x: float, digits: int) -> None:
    assert check.value(f"SELECT ROUND({x!r}, {digits})") == zetasql_round(x, digits)


def test_the_issue_values(check) -> None:
    assert check.value("SELECT ROUND(2.775, 2)") == 2.77
    assert check.value("SELECT ROUND(1.005, 2)") == 1.0
    assert check.value("SELECT ROUND(-2.675, 2)") == -2.67
    assert check.value("SELECT ROUND(0.6734985, 6)") == 0.673499  # DuckDB alone: 0.673498


def test_many_ties_and_truncations_in_one_query(check) -> None:
    """Thousands of ties over a table: the translated query, row by row, against the model."""
    rng = random.Random(20261201)
    cases = []
    for _ in range(800):
        d = rng.randint(-4, 8)
        k = rng.randint(-(10**7), 10**7)
        cases.append(((k + 0.5) / 10**d if d >= 0 else (k + 0.5) * 10**-d, d))
    values = ", ".join(f"STRUCT({x!r} AS x, {d} AS d)" for x, d in cases)
    rows = check.rows(
        f"SELECT t.x, t.d, ROUND(t.x, t.d), TRUNC(t.x, t.d) FROM UNNEST([{values}]) AS t"
    )
    assert len(rows) == len(cases)
    wrong = [
        (x, d, r, t)
        for x, d, r, t in rows
        if (r, t) != (zetasql_round(x, d), zetasql_round(x, d, trunc=True))
    ]
    assert not wrong, wrong[:5]


def test_integer_argument_digits_and_nulls(check) -> None:
    assert check.value("SELECT ROUND(125, -1)") == 130.0
    assert check.type("SELECT ROUND(125, -1)") == "FLOAT64"
    assert check.value("SELECT TRUNC(0.29, 2)") == zetasql_round(0.29, 2, trunc=True)
    assert check.value("SELECT ROUND(CAST(NULL AS FLOAT64), 2)") is None
    assert check.value("SELECT ROUND(1.5, CAST(NULL AS INT64))") is None
    assert check.value("SELECT ROUND(123.456, 400)") == 123.456
    assert check.value("SELECT ROUND(123.0, -400)") == 0.0
    assert math.isnan(check.value("SELECT ROUND(CAST('nan' AS FLOAT64), 2)"))
    assert check.value("SELECT ROUND(CAST('-inf' AS FLOAT64), 2)") == float("-inf")


def test_rule_fires_only_with_digits(check) -> None:
    assert "long-double-rounding" in check.rules("SELECT ROUND(2.775, 2)")
    assert "long-double-rounding" not in check.rules("SELECT ROUND(2.5)")
    assert "long-double-rounding" not in check.rules("SELECT ROUND(NUMERIC '2.775', 2)")
    assert check.type("SELECT ROUND(NUMERIC '2.775', 2)") == "NUMERIC"


def test_rounding_modes_of_numeric(check) -> None:
    # mathematical_functions#round: ROUND(NUMERIC, digits, rounding_mode); GoogleSQL's
    # reference evaluator: 2, 4, -2, 2.3, 2000, 1.25, and 0 for -40 digits
    sql = (
        "SELECT ROUND(NUMERIC '2.5', 0, 'ROUND_HALF_EVEN'), ROUND(NUMERIC '3.5', 0, "
        "'ROUND_HALF_EVEN'), ROUND(NUMERIC '-2.5', 0, 'ROUND_HALF_EVEN'), ROUND(NUMERIC "
        "'2.25', 1, 'ROUND_HALF_AWAY_FROM_ZERO'), ROUND(NUMERIC '2500', -3, 'ROUND_HALF_EVEN'), "
        "ROUND(NUMERIC '1.25', 20, 'ROUND_HALF_EVEN'), ROUND(NUMERIC '2.5', -40, "
        "'ROUND_HALF_EVEN')"
    )
    assert check.rows(sql) == [
        tuple(Decimal(v) for v in ("2", "4", "-2", "2.3", "2000", "1.25", "0"))
    ]
    assert check.type("SELECT ROUND(NUMERIC '2.5', 0, 'ROUND_HALF_EVEN')") == "NUMERIC"
    column = (
        "SELECT ROUND(n, 1, 'ROUND_HALF_EVEN') FROM UNNEST([NUMERIC '0.25', NUMERIC '0.35', "
        "NULL]) AS n WITH OFFSET o ORDER BY o"
    )
    assert check.rows(column) == [(Decimal("0.2"),), (Decimal("0.4"),), (None,)]
    assert check.value("SELECT ROUND(NUMERIC '2.5', NULL, 'ROUND_HALF_EVEN')") is None
    assert check.value("SELECT ROUND(NUMERIC '2.5', 0, NULL)") is None


def test_rounding_modes_beyond_the_translated_ones(check) -> None:
    with pytest.raises(UserError, match="ROUNDING_MODE"):
        check.sql("SELECT ROUND(NUMERIC '2.25', 1, 'round_half_even')")  # case sensitive
    with pytest.raises(UnsupportedError, match="literal digits only"):
        check.sql("SELECT ROUND(NUMERIC '2.5', d, 'ROUND_HALF_EVEN') FROM UNNEST([0, 1]) d")
