"""Rule bytes-bit-operators: ~, &, |, ^, << and >> of BYTES work on the bytes.

Operators reference (https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#bitwise_operators):
BYTES operands of & | ^ must have one length, ~ inverts every bit, << and >> shift the
bytes as one bit string of the same length. The answers for the empty value, a NULL count
and counts past the length are GoogleSQL's reference evaluator's (zetasql 0.1.5).
"""

from __future__ import annotations

import pytest

from wbcore.errors import UserError


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("~b''", b""),
        ("b'' ^ b''", b""),
        ("b'' & b''", b""),
        ("b'' << 3", b""),
        ("~b'\\xff\\x00'", b"\x00\xff"),
        ("b'ab' | b'\\x01\\x02'", b"ab"),
        ("b'\\x0f\\xf0' ^ b'\\xff\\xff'", b"\xf0\x0f"),
        ("b'\\x80\\x01' << 1", b"\x00\x02"),
        ("b'\\x80\\x01' >> 1", b"\x40\x00"),
        ("b'\\x01\\x02\\x03' << 7", b"\x81\x01\x80"),
        ("b'\\x80\\x01' << 9223372036854775807", b"\x00\x00"),
        ("b'\\x80\\x01' >> 16", b"\x00\x00"),
        ("b'a' << CAST(NULL AS INT64)", None),
        ("CAST(NULL AS BYTES) << -1", None),
        ("CAST(NULL AS BYTES) & b'ab'", None),
    ],
)
def test_bytes_bit_operators(check, sql: str, expected: bytes | None) -> None:
    assert check.value(f"SELECT {sql}") == expected
    assert "bytes-bit-operators" in check.rules(f"SELECT {sql}")


def test_bytes_bit_operator_errors(check) -> None:
    with pytest.raises(UserError, match="requires equal length"):
        check.value("SELECT b'ab' & b'a'")
    with pytest.raises(UserError, match="<< failed: Bitwise shift by negative offset"):
        check.value("SELECT b'ab' << -1")


def test_int64_bit_operators_are_left_to_their_rules(check) -> None:
    assert "bytes-bit-operators" not in check.rules("SELECT ~5, 5 & 3, 1 << 3")
    assert check.value("SELECT ~5") == -6


@pytest.mark.parametrize("name", ["BIT_AND", "BIT_OR", "BIT_XOR"])
def test_bit_aggregates_of_bytes_are_refused(check, name: str) -> None:
    # aggregate_functions#bit_and: INT64 only (DuckDB's bit aggregates of BLOB were a raw
    # Binder Error, as an aggregate and over a window)
    from workbench.translate import UnsupportedError

    for over in ("", " OVER ()"):
        with pytest.raises(UnsupportedError, match=f"{name} of BYTES is not supported offline"):
            check.sql(f"SELECT {name}(b){over} FROM UNNEST([b'\\x01', b'\\x03']) AS b")
    assert (
        check.value(f"SELECT {name}(x) OVER () FROM UNNEST([6, 3]) AS x")
        == {
            "BIT_AND": 2,
            "BIT_OR": 7,
            "BIT_XOR": 5,
        }[name]
    )
