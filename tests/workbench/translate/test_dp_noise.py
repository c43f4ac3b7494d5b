"""The keyed random numbers of differential privacy: the SQL macros DuckDB runs are the Python
functions the quantile tree draws with, number for number.

References: RFC 1321 (MD5; its test suite's ``MD5("abc") = 900150983cd24fb0d6963f7d28e17f72``);
DuckDB's ``md5_number`` ("Returns the MD5 hash of the value as an INTEGER",
https://duckdb.org/docs/stable/sql/functions/text) reads the 16 digest bytes as a
little-endian 128-bit integer; the Laplace distribution's inverse CDF,
``-b sign(u - 1/2) ln(1 - 2 |u - 1/2|)`` for u uniform on (0, 1).
"""

from __future__ import annotations

import math

import duckdb
import pytest

from workbench.translate import dp_noise
from workbench.translate.functions import register

STREAM = "0f0e080b716d9e7aebfdb0b1d32263cb"
ARGS = [(0, 0), (1, 0), (0, 1), (12, 34), (2**62, 2**62 + 17), (9223372036854775807, 5)]


@pytest.fixture(scope="module")
def conn():
    c = duckdb.connect()
    register(c, dp_noise.MACROS)
    yield c
    c.close()


def test_duckdbs_md5_number_is_the_little_endian_digest(conn):
    (number,) = conn.execute("SELECT md5_number('abc')").fetchone()
    assert number == int.from_bytes(bytes.fromhex("900150983cd24fb0d6963f7d28e17f72"), "little")


@pytest.mark.parametrize(("a", "b"), ARGS)
def test_the_macros_are_the_python_numbers(conn, a, b):
    draw, uniform, laplace = conn.execute(
        "SELECT wb_dp_draw(?, ?::BIGINT, ?::BIGINT), wb_dp_uniform(?, ?::BIGINT, ?::BIGINT),"
        " wb_dp_laplace(?, ?::BIGINT, 2.5::DOUBLE)",
        [STREAM, a, b, STREAM, a, b, STREAM, a],
    ).fetchone()
    assert draw == dp_noise.draw(STREAM, a, b)
    assert uniform == dp_noise.uniform(STREAM, a, b)
    assert laplace == pytest.approx(dp_noise.laplace(STREAM, a, 2.5), rel=1e-12, abs=1e-300)


def test_a_draw_is_52_bits_and_its_uniform_inside_zero_one():
    # d + 1/2 is exact in a DOUBLE for every d < 2^52 (not for d = 2^53 - 1, which rounds to
    # 2^53: a uniform of 1, an infinite Laplace noise), so the uniform never reaches 0 or 1
    assert float(2**53 - 1) + 0.5 == 2.0**53
    assert 0 < (0 + 0.5) * 2.0**-52 and (float(2**52 - 1) + 0.5) * 2.0**-52 < 1
    draws = [dp_noise.draw(STREAM, i, 0) for i in range(2000)]
    assert all(0 <= d < 2**52 for d in draws)
    assert max(draws) > 2**51  # the top bit is used
    values = [dp_noise.uniform(STREAM, i, 0) for i in range(2000)]
    # uniform on (0, 1): mean 1/2 (standard error sqrt(1/12/n) = 0.0065)
    assert abs(sum(values) / len(values) - 0.5) < 5 * math.sqrt(1 / 12 / len(values))


def test_laplace_is_the_inverse_cdf_of_the_uniform():
    for a in range(50):
        u = dp_noise.uniform(STREAM, a, 0)
        expected = -3.0 * math.copysign(1.0, u - 0.5) * math.log(1 - 2 * abs(u - 0.5))
        assert dp_noise.laplace(STREAM, a, 3.0) == pytest.approx(expected, rel=1e-15)


def test_a_units_identity_and_number_and_a_groups_key(conn):
    row = conn.execute(
        "SELECT wb_dp_identity('site'::BLOB), wb_dp_identity('site'), wb_dp_json_identity(7),"
        " wb_dp_number(wb_dp_identity('site')), wb_dp_key({'_dp_k0': 'a'}),"
        " wb_dp_key({'_dp_k0': NULL::VARCHAR}), wb_dp_key({'_dp_k0': 'null'})"
    ).fetchone()

    def md5(text: str) -> int:
        import hashlib

        return int.from_bytes(hashlib.md5(text.encode()).digest(), "little")

    blob, text, number, unit, key, null, null_text = row
    assert blob == text == md5("site")  # a STRING or BYTES unit: of its own bytes
    assert number == md5("7")  # any other: of its JSON text
    assert unit == md5("site") >> 65 < 2**63
    assert key == md5('{"_dp_k0":"a"}') >> 65
    assert null != null_text  # NULL and the string 'null' are two groups, two keys
