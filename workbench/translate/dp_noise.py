"""The random numbers of a differentially private query, as DuckDB functions.

Counter-based: each value is a hash of (stream, a, b), so a query gives the same numbers on
every run and in every notebook, and no state is shared between queries or threads. The
stream (``rules/dp.py``) comes from the dataset's seed, the query text and the purpose.
"""

from __future__ import annotations

import hashlib
import math

UNIFORM = "wb_dp_uniform"
LAPLACE = "wb_dp_laplace"
_SCALE = 2.0**-64


def uniform(stream: str, a: int, b: int) -> float:
    """A uniform number in the open interval (0, 1), a function of its three arguments."""
    digest = hashlib.blake2b(f"{stream}:{a}:{b}".encode(), digest_size=8).digest()
    return (int.from_bytes(digest, "big") + 0.5) * _SCALE


def laplace(stream: str, a: int, scale: float) -> float:
    """Laplace(0, scale) by inversion of the uniform number keyed by (stream, a)."""
    u = uniform(stream, a, 0) - 0.5
    return -scale * math.copysign(1.0, u) * math.log1p(-2.0 * abs(u))
