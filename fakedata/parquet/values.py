"""Leaf values: PLAIN and dictionary encodings, and the statistics pyarrow writes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fakedata.parquet.schema import (
    BOOLEAN,
    BYTE_ARRAY,
    DOUBLE,
    FIXED_LEN_BYTE_ARRAY,
    INT32,
    INT64,
    Leaf,
)
from fakedata.parquet.thrift import T_BINARY, T_I64, struct, varint

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

MAX_STATISTICS_SIZE = 4096  # pyarrow's default: longer min/max values are left out


def plain_binary(array: pa.Array) -> bytes:
    """PLAIN BYTE_ARRAY values: a 4-byte length before each value."""
    import numpy as np
    import pyarrow as pa

    if pa.types.is_large_string(array.type) or pa.types.is_large_binary(array.type):
        array = array.cast(pa.string() if pa.types.is_large_string(array.type) else pa.binary())
    n = len(array)
    if not n:
        return b""
    buffers = array.buffers()
    offsets = np.frombuffer(buffers[1], np.int32, n + 1, array.offset * 4).astype(np.int64)
    data = np.frombuffer(buffers[2], np.uint8) if buffers[2] is not None else np.zeros(0, np.uint8)
    data = data[offsets[0] : offsets[-1]]
    lengths = np.diff(offsets)
    out = np.empty(4 * n + len(data), np.uint8)
    at = offsets[:-1] - offsets[0] + 4 * np.arange(n)  # where each length goes
    length_bytes = (at[:, None] + np.arange(4)).ravel()
    out[length_bytes] = lengths.astype("<u4").view(np.uint8).ravel()
    keep = np.ones(len(out), bool)
    keep[length_bytes] = False
    out[keep] = data
    return out.tobytes()


def _fixed(array: pa.Array, width: int, dtype: str) -> np.ndarray:
    """The values buffer of a fixed-width array, slots of nulls included."""
    import numpy as np

    buf = array.buffers()[1]
    return np.frombuffer(buf, dtype, len(array), array.offset * width)


def plain(arrays: list[pa.Array], leaf: Leaf) -> bytes:
    """PLAIN encoding of the chunks ``arrays`` (no nulls) for the leaf's physical type."""
    import numpy as np
    import pyarrow as pa

    arrays = [a.dictionary_decode() if pa.types.is_dictionary(a.type) else a for a in arrays]
    if leaf.physical == BYTE_ARRAY:
        return b"".join(plain_binary(a) for a in arrays)
    if leaf.physical == BOOLEAN:  # bit-packed across chunk boundaries
        bits = [
            np.unpackbits(np.frombuffer(a.buffers()[1], np.uint8), bitorder="little")[
                a.offset : a.offset + len(a)
            ]
            for a in arrays
            if len(a)
        ]
        return np.packbits(np.concatenate(bits), bitorder="little").tobytes() if bits else b""
    if leaf.physical == FIXED_LEN_BYTE_ARRAY:
        width = leaf.type_length or 16
        parts = [_fixed(a, width, f"V{width}").view(np.uint8).reshape(-1, width) for a in arrays]
        return b"".join(np.ascontiguousarray(p[:, ::-1]).tobytes() for p in parts)
    dtype = {INT32: "<i4", INT64: "<i8", DOUBLE: "<f8"}[leaf.physical]
    width = 4 if leaf.physical == INT32 else 8
    return b"".join(_fixed(a, width, dtype).tobytes() for a in arrays)


def _bit_width(n: int) -> int:
    """Dictionary index width: a whole number of bytes, so bit-packing is a plain copy."""
    return 8 if n <= 1 << 8 else 16 if n <= 1 << 16 else 32


def dictionary_indices(chunks: list[pa.Array], size: int) -> bytes:
    """RLE_DICTIONARY data of dictionary arrays (see ``dictionary_data``)."""
    import numpy as np

    parts = [np.asarray(c.indices.to_numpy(zero_copy_only=False)) for c in chunks]
    return dictionary_data(np.concatenate(parts) if parts else np.zeros(0, np.int32), size)


def int_dictionary(values: list[pa.Array], leaf: Leaf) -> tuple[np.ndarray, np.ndarray] | None:
    """(dictionary, indices) of integers over a narrow range, found by table lookup.

    Counts repeat a lot (a site's counts recur in each of its reports): two bytes of
    index instead of eight bytes of value make less to compress. None when the range is
    wide or the values hardly repeat (PLAIN then).
    """
    import numpy as np

    if leaf.physical not in (INT32, INT64):
        return None
    dtype, width = ("<i4", 4) if leaf.physical == INT32 else ("<i8", 8)
    parts = [_fixed(a, width, dtype) for a in values if len(a)]
    if not parts:
        return None
    v = np.concatenate(parts)
    if len(v) < 1024:
        return None
    lo, hi = int(v.min()), int(v.max())
    span = hi - lo + 1
    if span > min(4 * len(v), 1 << 22):
        return None
    shifted = np.subtract(v, lo, dtype=np.int64)
    present = np.bincount(shifted, minlength=span).astype(bool)
    dictionary = (np.flatnonzero(present) + lo).astype(dtype)
    if len(dictionary) > len(v) // 4 or len(dictionary) > 1 << 16:
        return None
    rank = np.cumsum(present, dtype=np.int32) - 1
    return dictionary, rank.take(shifted)


def dictionary_data(indices: np.ndarray, size: int) -> bytes:
    """RLE_DICTIONARY data: bit width, then one bit-packed run of all indices."""
    import numpy as np

    width = _bit_width(size)
    dtype = {8: "<u1", 16: "<u2", 32: "<u4"}[width]
    indices = indices.astype(dtype, copy=False)
    n = len(indices)
    if not n:
        return bytes([width])
    groups = (n + 7) // 8
    padded = np.zeros(groups * 8, dtype)
    padded[:n] = indices
    return bytes([width]) + varint(groups << 1 | 1) + padded.tobytes()


def column_statistics(leaf: Leaf, values: list[pa.Array], slots: int) -> bytes | None:
    """min, max and null count of a top-level column, as pyarrow writes them."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not slots:
        return None  # no rows, no statistics (as pyarrow)
    present = sum(len(v) for v in values)
    nulls = slots - present
    typ = leaf.arrow.value_type if pa.types.is_dictionary(leaf.arrow) else leaf.arrow
    supported = (
        pa.types.is_string(typ)
        or pa.types.is_binary(typ)
        or pa.types.is_int64(typ)
        or pa.types.is_timestamp(typ)
        or pa.types.is_date32(typ)
        or pa.types.is_time64(typ)
    )
    if not supported:
        return None
    if not present:
        return struct((3, T_I64, nulls))
    dense = [v.dictionary_decode() if pa.types.is_dictionary(v.type) else v for v in values]
    arr = pa.chunked_array(dense, dense[0].type)
    if leaf.physical == BYTE_ARRAY:
        arr = arr.cast(pa.binary())  # bytewise order, as Parquet's unsigned comparison
        mm = pc.min_max(arr)
        lo, hi = mm["min"].as_py(), mm["max"].as_py()
    else:
        width = 4 if leaf.physical == INT32 else 8
        ints = arr.cast(pa.int32() if width == 4 else pa.int64())
        mm = pc.min_max(ints)
        lo = mm["min"].as_py().to_bytes(width, "little", signed=True)
        hi = mm["max"].as_py().to_bytes(width, "little", signed=True)
    if max(len(lo), len(hi)) > MAX_STATISTICS_SIZE:
        return struct((3, T_I64, nulls))  # pyarrow drops both bounds then
    return struct((3, T_I64, nulls), (5, T_BINARY, hi), (6, T_BINARY, lo))
