"""Rule hyperbolic-functions: COSH/SINH overflow, ACOSH/ATANH domains, SEC/CSC/SECH/CSCH/COTH.

https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#cosh
(COSH, SINH: "Generates an error if overflow occurs"; ACOSH: an error for X < 1; ATANH:
an error outside (-1, 1); the ±inf/NaN rows of each table: ACOSH(-inf) and ATANH(±inf) are
NaN, SECH(+inf) and CSCH(+inf) 0, COTH(-inf) -1; CSC, CSCH, COTH of 0 are errors). Finite
arguments whose reciprocal overflows (CSC(5e-324)) are errors in GoogleSQL's reference
evaluator (zetasql 0.1.5).
"""

from __future__ import annotations

import math

import pytest

from wbcore.errors import UserError

INF = "CAST('inf' AS FLOAT64)"


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        (f"COSH(-{INF})", math.inf),
        (f"SINH(-{INF})", -math.inf),
        ("ACOSH(1.0)", 0.0),
        (f"SECH({INF})", 0.0),
        (f"CSCH({INF})", 0.0),
        (f"COTH(-{INF})", -1.0),
        ("COTH(1000.0)", 1.0),  # cosh/sinh would be inf/inf, NaN
        ("SEC(0.0)", 1.0),
        ("SEC(1.0)", 1 / math.cos(1.0)),
        ("CSC(1.0)", 1 / math.sin(1.0)),
        ("SECH(1.0)", 1 / math.cosh(1.0)),
        ("CSCH(-2)", 1 / math.sinh(-2.0)),
        ("COTH(0.5)", 1 / math.tanh(0.5)),
        ("SAFE.COSH(1000.0)", None),
        ("SAFE.CSC(0.0)", None),
    ],
)
def test_values(check, sql: str, expected: float | None) -> None:
    got = check.value(f"SELECT {sql}")
    assert got == (pytest.approx(expected, rel=1e-15) if expected is not None else None)


@pytest.mark.parametrize("sql", [f"ACOSH(-{INF})", f"ATANH({INF})", f"SEC({INF})"])
def test_nan(check, sql: str) -> None:
    assert math.isnan(check.value(f"SELECT {sql}"))


@pytest.mark.parametrize(
    "sql",
    [
        "COSH(1000.0)",
        "SINH(-1000.0)",
        "ACOSH(0.5)",
        "ATANH(1.0)",
        "ATANH(-2.0)",
        "CSC(5e-324)",
        "CSCH(0.0)",
        "COTH(0.0)",
    ],
)
def test_errors(check, sql: str) -> None:
    with pytest.raises(UserError, match="failed"):
        check.value(f"SELECT {sql}")
