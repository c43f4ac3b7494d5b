"""Thrift's compact protocol, the encoding of Parquet's page headers and footer."""

from __future__ import annotations

from typing import Any

# type codes of the compact protocol
T_TRUE, T_FALSE, T_I16, T_I32, T_I64, T_BINARY, T_LIST, T_STRUCT = 1, 2, 4, 5, 6, 8, 9, 12


def varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _zigzag(n: int) -> int:
    return (n << 1) ^ (n >> 63)


def struct(*fields: tuple[int, int, Any]) -> bytes:
    """A Thrift struct from (field id, type code, value) triples; None values are left out.

    A value of type T_STRUCT is an encoded struct; of type T_LIST, (element type, items).
    """
    out = bytearray()
    last = 0
    for fid, typ, value in fields:
        if value is None:
            continue
        code = (T_TRUE if value else T_FALSE) if typ == T_TRUE else typ
        if 0 < fid - last <= 15:
            out.append((fid - last) << 4 | code)
        else:
            out.append(code)
            out += varint(_zigzag(fid))
        last = fid
        if typ != T_TRUE:
            out += _value(typ, value)
    out.append(0)
    return bytes(out)


def _value(typ: int, value: Any) -> bytes:
    if typ in (T_I16, T_I32, T_I64):
        return varint(_zigzag(value))
    if typ == T_BINARY:
        data = value.encode() if isinstance(value, str) else bytes(value)
        return varint(len(data)) + data
    if typ == T_STRUCT:
        return value
    if typ == T_LIST:
        elem, items = value
        head = bytes([len(items) << 4 | elem]) if len(items) < 15 else bytes([0xF0 | elem])
        if len(items) >= 15:
            head += varint(len(items))
        return head + b"".join(_value(elem, item) for item in items)
    raise ValueError(f"thrift type {typ}")


def empty() -> bytes:
    return struct()
