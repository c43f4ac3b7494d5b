"""BigQuery's own algorithms as DuckDB functions, for translated SQL that DuckDB alone gets wrong.

ROUND(x, digits) and TRUNC(x, digits) of a FLOAT64 are computed by GoogleSQL's function
library (``RoundDecimal``/``TruncDecimal`` in ``zetasql/public/functions/math.cc``) in x87
long double: ``e = 10^-digits`` (built by repeated multiplication or division by 10),
``roundl(x / e) * e`` (``truncl`` for TRUNC), then converted to double. The long double
quotient decides binary ties differently from DuckDB's double arithmetic: ROUND(0.6734985, 6)
is 0.673499 in BigQuery (the quotient 673498.49999999999994 rounds to 673498.5 in 64 bits of
significand), 0.673498 in DuckDB 2.0.1. NumPy's ``longdouble`` is that x87 type on x86-64,
so the same steps are taken here, vectorized over Arrow arrays.

The translation rule ``long-double-rounding`` calls these functions; the local engine registers
them on every connection it opens (``register``).
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Context, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

if TYPE_CHECKING:
    import duckdb

ROUND = "bq_round_digits"
TRUNC = "bq_trunc_digits"

_LD = np.longdouble
# math.cc: kDoubleMinExponent = min_exponent10 - digits10 - 1; kDoubleMaxExponent = max_exponent10.
_MIN_EXP = -307 - 15 - 1
_MAX_EXP = 308


def _exponents() -> np.ndarray:
    """10^k for k in [_MIN_EXP, _MAX_EXP], as math.cc's InitExponents builds them on x86-64."""
    table = np.empty(_MAX_EXP - _MIN_EXP + 1, dtype=_LD)
    table[-_MIN_EXP] = _LD(1)
    e = _LD(1)
    for i in range(_MAX_EXP):
        e *= _LD(10)
        table[1 + i - _MIN_EXP] = e
    e = _LD(1)
    for i in range(-_MIN_EXP):
        e /= _LD(10)
        table[-_MIN_EXP - i - 1] = e
    return table


_EXP10 = _exponents()
EXACT = np.finfo(_LD).nmant == 63  # x87 extended precision: BigQuery's arithmetic exactly


def _scaled(values: np.ndarray, digits: np.ndarray, fn) -> np.ndarray:
    out = values.copy()
    small = digits < -_MAX_EXP  # every digit rounded away: 0
    keep = digits > -_MIN_EXP  # finer than any double: the value itself
    mid = ~(small | keep)
    out[small] = 0.0
    if mid.any():
        e = _EXP10[-digits[mid] - _MIN_EXP]
        with np.errstate(over="ignore", invalid="ignore"):
            result = fn(values[mid].astype(_LD) / e) * e
        finite_in = np.isfinite(values[mid])
        if (np.abs(result[finite_in]) > np.finfo(np.float64).max).any():
            raise OverflowError("floating point overflow in ROUND")
        out[mid] = result.astype(np.float64)
    return out


def _roundl(x: np.ndarray) -> np.ndarray:
    """C's roundl: half away from zero, sign (and -0.0) kept."""
    a = np.abs(x)
    f = np.floor(a)
    with np.errstate(invalid="ignore"):
        f = f + (a - f >= _LD(0.5))
    return np.copysign(f, x)


def _arrow(fn):
    def udf(values: pa.Array, digits: pa.Array) -> pa.Array:
        valid = pc.and_(pc.is_valid(values), pc.is_valid(digits))
        v = pc.fill_null(values, 0.0).to_numpy(zero_copy_only=False).astype(np.float64)
        d = pc.fill_null(digits, 0).to_numpy(zero_copy_only=False).astype(np.int64)
        return pa.array(
            _scaled(v, d, fn),
            type=pa.float64(),
            mask=pc.invert(valid).to_numpy(zero_copy_only=False),
        )

    return udf


round_digits = _arrow(_roundl)
trunc_digits = _arrow(np.trunc)


# NUMERIC (issue 15): BigQuery computes NUMERIC exactly, 38 digits with 9 after the point,
# rounding half away from zero; DuckDB's DECIMAL(38, 9) product is DECIMAL(38, 18) (which
# overflows above 10^20), its quotient and its AVG/STDDEV/VAR are DOUBLE.
NUMERIC_MULTIPLY = "bq_numeric_multiply"
NUMERIC_DIVIDE = "bq_numeric_divide"
NUMERIC_AVG = "bq_numeric_avg"
NUMERIC_MOMENT = "bq_numeric_moment"
NUMERIC_INT_DIVIDE = "bq_numeric_int_divide"
NUMERIC_MATH = "bq_numeric_math"
NUMERIC_STRING = "bq_numeric_string"
FLOAT_TO_NUMERIC = "bq_float_to_numeric"
NUMERIC = "DECIMAL(38, 9)"
_SCALE = 10**9
_NUMERIC_MAX = 10**38  # in units of 10^-9: |value| < 10^29
_EXACT = Context(prec=100)  # wide enough for every NUMERIC (decimal's default is 28 digits)


def _units(value: Decimal) -> int:
    """A NUMERIC value as an exact integer count of 10^-9."""
    return int(value.scaleb(9, _EXACT))


def _rounded(numerator: int, denominator: int) -> Decimal:
    """numerator / denominator (units of 10^-9), half away from zero; overflow is an error."""
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    q, r = divmod(abs(numerator), denominator)
    if 2 * r >= denominator:
        q += 1
    units = q if numerator >= 0 else -q
    if abs(units) >= _NUMERIC_MAX:
        raise OverflowError("numeric overflow")
    return Decimal(units).scaleb(-9, _EXACT)


def numeric_multiply(a: Decimal, b: Decimal) -> Decimal:
    """NUMERIC * NUMERIC, exact then rounded to 9 digits."""
    return _rounded(_units(a) * _units(b), _SCALE)


def numeric_divide(a: Decimal, b: Decimal) -> Decimal:
    """NUMERIC / NUMERIC (the zero check is the translation's inline one)."""
    if b == 0:
        raise ZeroDivisionError("division by zero")
    return _rounded(_units(a) * _SCALE, _units(b))


def numeric_int_divide(a: Decimal, b: Decimal) -> Decimal:
    """DIV(NUMERIC, NUMERIC): the quotient truncated toward zero."""
    if b == 0:
        raise ZeroDivisionError("division by zero")
    q = abs(_units(a)) // abs(_units(b))
    return Decimal(q if (a < 0) == (b < 0) else -q)


_WIDE = Context(prec=60)  # the functions below, before rounding to 9 digits


def numeric_math(name: str, x: Decimal, y: Decimal | None) -> Decimal:
    """SQRT/EXP/LN/LOG10/LOG/POW of NUMERIC, in NUMERIC: computed to 60 digits, then rounded
    half away from zero to 9 (the domain checks are the translation's inline ones)."""
    if name == "SQRT":
        value = x.sqrt(_WIDE)
    elif name == "EXP":
        value = x.exp(_WIDE)
    elif name == "LN":
        value = x.ln(_WIDE)
    elif name == "LOG10":
        value = x.log10(_WIDE)
    elif name == "LOG":
        assert y is not None
        value = _WIDE.divide(x.ln(_WIDE), y.ln(_WIDE))
    else:  # POW
        assert y is not None
        value = (Decimal(0) if y > 0 else Decimal(1)) if x == 0 else _WIDE.power(x, y)
    units = value.scaleb(9, _WIDE).to_integral_value(rounding=ROUND_HALF_UP)
    if abs(units) >= _NUMERIC_MAX:
        raise OverflowError("numeric overflow")
    return Decimal(int(units)).scaleb(-9, _EXACT)


def float_to_numeric(value: float) -> Decimal:
    """CAST(FLOAT64 AS NUMERIC): the double's exact binary value, rounded half away from zero
    to 9 digits (DuckDB scales it in double: CAST(1e28 AS DECIMAL(38, 9)) gains digits)."""
    if not math.isfinite(value):
        raise ValueError("not a NUMERIC value")
    return _rounded(int(Decimal(value).scaleb(9, _EXACT).to_integral_value(ROUND_HALF_UP)), 1)


def numeric_string(value: Decimal) -> str:
    """CAST(NUMERIC AS STRING): the digits without trailing zeros (1.500000000 → '1.5')."""
    text = format(value.normalize(_EXACT), "f")
    return "0" if text in ("-0", "0") else text


def numeric_avg(values: list[Decimal | None] | None) -> Decimal | None:
    """AVG(NUMERIC): the exact mean, rounded to 9 digits; NULL without a non-NULL value."""
    units = [_units(v) for v in values or () if v is not None]
    return _rounded(sum(units), len(units)) if units else None


def numeric_moment(values: list[Decimal | None] | None, kind: str) -> float | None:
    """VAR/STDDEV (``kind``: var_pop, var_samp, stddev_pop, stddev_samp) of NUMERIC values,
    aggregated exactly ("stable", as BigQuery documents it) and converted to FLOAT64 last."""
    xs = [Fraction(_units(v), _SCALE) for v in values or () if v is not None]
    n = len(xs)
    ddof = 1 if kind.endswith("samp") else 0
    if n == 0 or n - ddof <= 0:
        return None
    mean = sum(xs) / n
    var = sum((x - mean) ** 2 for x in xs) / (n - ddof)
    if kind.startswith("stddev"):
        return math.sqrt(float(var))
    return float(var)


def register(conn: duckdb.DuckDBPyConnection) -> None:
    """Make BigQuery's ROUND/TRUNC with digits and NUMERIC arithmetic available on ``conn``."""
    for name, udf in ((ROUND, round_digits), (TRUNC, trunc_digits)):
        conn.create_function(
            name,
            udf,
            ["DOUBLE", "BIGINT"],
            "DOUBLE",
            type="arrow",
            null_handling="special",
            side_effects=False,
        )
    for name, fn in ((NUMERIC_MULTIPLY, numeric_multiply), (NUMERIC_DIVIDE, numeric_divide)):
        conn.create_function(name, fn, [NUMERIC, NUMERIC], NUMERIC, side_effects=False)
    conn.create_function(
        NUMERIC_INT_DIVIDE, numeric_int_divide, [NUMERIC, NUMERIC], NUMERIC, side_effects=False
    )
    conn.create_function(
        NUMERIC_MATH, numeric_math, ["VARCHAR", NUMERIC, NUMERIC], NUMERIC, side_effects=False
    )
    conn.create_function(NUMERIC_STRING, numeric_string, [NUMERIC], "VARCHAR", side_effects=False)
    conn.create_function(
        FLOAT_TO_NUMERIC, float_to_numeric, ["DOUBLE"], NUMERIC, side_effects=False
    )
    conn.create_function(
        NUMERIC_AVG,
        numeric_avg,
        [f"{NUMERIC}[]"],
        NUMERIC,
        null_handling="special",
        side_effects=False,
    )
    conn.create_function(
        NUMERIC_MOMENT,
        numeric_moment,
        [f"{NUMERIC}[]", "VARCHAR"],
        "DOUBLE",
        null_handling="special",
        side_effects=False,
    )
