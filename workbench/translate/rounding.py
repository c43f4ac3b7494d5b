"""ROUND(x, digits) and TRUNC(x, digits) of a FLOAT64 as GoogleSQL computes them, for DuckDB.

GoogleSQL's function library (``RoundDecimal``/``TruncDecimal`` in
``zetasql/public/functions/math.cc``) works in x87 long double: ``e = 10^-digits`` (built by
repeated multiplication or division by 10), ``roundl(x / e) * e`` (``truncl`` for TRUNC), then
converted to double. The long double quotient decides binary ties differently from DuckDB's
double arithmetic: ROUND(0.6734985, 6) is 0.673499 in BigQuery (the quotient
673498.49999999999994 rounds to 673498.5 in 64 bits of significand), 0.673498 in DuckDB 2.0.1.
NumPy's ``longdouble`` is that x87 type on x86-64, so the same steps are taken here, vectorized
over Arrow arrays. Its own module: NumPy and pyarrow load only for a query that rounds.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

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
