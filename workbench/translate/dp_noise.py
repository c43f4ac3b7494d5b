"""The random numbers of a differentially private query, as DuckDB SQL macros (and in Python).

Counter-based: each value is a hash of (stream, a, b), so a query gives the same numbers on
every run and in every notebook, and no state is shared between queries or threads. The
stream (``rules/dp.py``) comes from the dataset's seed, the query text and the purpose.

The plan calls them once per (privacy unit, group) row, over millions of rows at production
scale, so they are SQL macros DuckDB evaluates vectorised (a Python function per row cost
three quarters of the query's CPU, issue 17): MD5 (``md5_number``, stable across DuckDB
releases, unlike DuckDB's ``hash``) of the text ``"{stream}:{a}:{b}"``, its top 52 bits a
uniform number in the open interval (0, 1), exact in a DOUBLE. The Python functions below are
the same numbers (``dp_quantiles`` draws with them; a test compares the two).
"""

from __future__ import annotations

import hashlib
import math

DRAW = "wb_dp_draw"
UNIFORM = "wb_dp_uniform"
LAPLACE = "wb_dp_laplace"
KEY = "wb_dp_key"
IDENTITY = "wb_dp_identity"
JSON_IDENTITY = "wb_dp_json_identity"
NUMBER = "wb_dp_number"
_BITS = 52
_SCALE = 2.0**-_BITS


def _draw(s: str, a: str, b: str) -> str:
    # an INT64 in [0, 2^52): the top 52 bits of the 128-bit MD5 number of "stream:a:b"
    return f"CAST(md5_number({s} || ':' || {a} || ':' || {b}) >> {128 - _BITS} AS BIGINT)"


def _uniform(s: str, a: str, b: str) -> str:
    return f"((CAST({_draw(s, a, b)} AS DOUBLE) + 0.5) * {_SCALE!r})"


# name -> (parameters, body): ``CREATE TEMP MACRO name(parameters) AS body`` on the
# connection (``functions.register``); each body whole, so that any one can be registered alone
MACROS: dict[str, tuple[tuple[str, ...], str]] = {
    DRAW: (("s", "a", "b"), _draw("s", "a", "b")),
    UNIFORM: (("s", "a", "b"), _uniform("s", "a", "b")),
    LAPLACE: (
        ("s", "a", "scale"),
        f"-scale * sign({_uniform('s', 'a', '0')} - 0.5)"
        f" * ln(1 - 2 * abs({_uniform('s', 'a', '0')} - 0.5))",
    ),
    # a privacy unit as the plan groups and partitions by it: the 128-bit MD5 number of its
    # value (a STRING or BYTES unit: of its own bytes; any other type: of its JSON text), 16
    # bytes held inline where a 64-byte BYTES id was a string on the heap (a collision of two
    # units among a billion has a probability of 10^-21)
    IDENTITY: (("x",), "md5_number(x)"),
    JSON_IDENTITY: (("x",), "md5_number(to_json(x))"),
    # a unit's number for the keyed draws: 63 bits of its identity
    NUMBER: (("h",), "CAST(h >> 65 AS BIGINT)"),
    # a group's number, keyed by its value (the JSON text of its keys), so that no window
    # has to number the groups over the whole table
    KEY: (("x",), "CAST(md5_number(to_json(x)) >> 65 AS BIGINT)"),
}


def draw(stream: str, a: int, b: int) -> int:
    """``wb_dp_draw``: an integer in [0, 2^52), a function of its three arguments."""
    digest = hashlib.md5(f"{stream}:{a}:{b}".encode(), usedforsecurity=False).digest()
    # DuckDB's md5_number reads the 16 digest bytes as a little-endian integer
    return int.from_bytes(digest, "little") >> (128 - _BITS)


def uniform(stream: str, a: int, b: int) -> float:
    """``wb_dp_uniform``: a uniform number in the open interval (0, 1)."""
    return (draw(stream, a, b) + 0.5) * _SCALE


def laplace(stream: str, a: int, scale: float) -> float:
    """``wb_dp_laplace``: Laplace(0, scale) by inversion of the uniform number keyed by (stream, a)."""
    u = uniform(stream, a, 0) - 0.5
    return -scale * math.copysign(1.0, u) * math.log(1 - 2.0 * abs(u))
