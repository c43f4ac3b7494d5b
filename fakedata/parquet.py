"""A Parquet writer for generated datasets: pyarrow's file layout, without its per-value cost.

pyarrow's writer spends some 25 ns on every leaf value of a nested column (levels worked
out value by value, dictionary indices re-encoded, statistics): for a fleet's 28 million
leaf values that was most of ``workbench fake-data``. Generated data has a shape that
makes most of that work unnecessary, and this writer takes the shortcuts:

- repetition and definition levels are run-length encoded straight from list offsets and
  validity bitmaps: a list column without nulls costs a few runs per row, not per value;
- a dictionary-encoded Arrow column (the fleet models' strings, over dataset-wide
  dictionaries) is written as a dictionary page plus its indices, bit-packed at a whole
  number of bytes (8, 16 or 32 bits: the Parquet format lets a writer choose the width),
  so packing is a copy;
- fixed-width values are written PLAIN from their Arrow buffers, strings PLAIN;
- one data page per column chunk (a row group of generated rows is a few MB).

The Parquet schema (types, logical and converted types, repetition) is the one pyarrow
writes for the same Arrow schema, so readers infer the same Arrow types from it, and the
statistics of the columns asked for are the ones pyarrow writes. The bytes depend only on
the rows: chunking of the input does not show (runs are merged, chunks concatenated).
Tests compare every file with pyarrow's reading of it and with pyarrow's own file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

MAGIC = b"PAR1"
CREATED_BY = "workbench fakedata parquet writer"
ZSTD_LEVEL = 1  # pyarrow's default level for zstd
MAX_STATISTICS_SIZE = 4096  # pyarrow's default: longer min/max values are left out

# Thrift compact protocol type codes
_TRUE, _FALSE, _I16, _I32, _I64, _BINARY, _LIST, _STRUCT = 1, 2, 4, 5, 6, 8, 9, 12
# Parquet enums
BOOLEAN, INT32, INT64, DOUBLE, BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY = 0, 1, 2, 5, 6, 7
REQUIRED, OPTIONAL, REPEATED = 0, 1, 2
PLAIN, RLE, RLE_DICTIONARY = 0, 3, 8
DATA_PAGE, DICTIONARY_PAGE = 0, 2
ZSTD = 6
UTF8, LIST, DECIMAL, DATE, TIMESTAMP_MICROS = 0, 3, 5, 6, 10


# -- Thrift compact protocol ---------------------------------------------------------


def _varint(n: int) -> bytes:
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


def _struct(*fields: tuple[int, int, Any]) -> bytes:
    """A Thrift struct from (field id, type code, value) triples; None values are left out.

    A value of type _STRUCT is an encoded struct; of type _LIST, (element type, items).
    """
    out = bytearray()
    last = 0
    for fid, typ, value in fields:
        if value is None:
            continue
        code = (_TRUE if value else _FALSE) if typ == _TRUE else typ
        if 0 < fid - last <= 15:
            out.append((fid - last) << 4 | code)
        else:
            out.append(code)
            out += _varint(_zigzag(fid))
        last = fid
        if typ != _TRUE:
            out += _value(typ, value)
    out.append(0)
    return bytes(out)


def _value(typ: int, value: Any) -> bytes:
    if typ in (_I16, _I32, _I64):
        return _varint(_zigzag(value))
    if typ == _BINARY:
        data = value.encode() if isinstance(value, str) else bytes(value)
        return _varint(len(data)) + data
    if typ == _STRUCT:
        return value
    if typ == _LIST:
        elem, items = value
        head = bytes([len(items) << 4 | elem]) if len(items) < 15 else bytes([0xF0 | elem])
        if len(items) >= 15:
            head += _varint(len(items))
        return head + b"".join(_value(elem, item) for item in items)
    raise ValueError(f"thrift type {typ}")


def _empty() -> bytes:
    return _struct()


# -- the Parquet schema of an Arrow schema -------------------------------------------


@dataclass(frozen=True)
class _Step:
    """One Arrow level on the way from a top-level column to a leaf."""

    kind: str  # "struct" (go to child ``child``), "list" or "leaf"
    nullable: bool
    child: int = 0


@dataclass(frozen=True)
class _Leaf:
    path: tuple[str, ...]
    steps: tuple[_Step, ...]
    column: int  # index of the top-level column
    arrow: pa.DataType
    physical: int
    type_length: int | None
    max_def: int
    max_rep: int


def _physical(typ: pa.DataType) -> tuple[int, int | None, bytes | None, int | None, dict]:
    """(physical type, type length, logical type, converted type, decimal extras)."""
    import pyarrow as pa

    if pa.types.is_string(typ) or pa.types.is_large_string(typ):
        return BYTE_ARRAY, None, _struct((1, _STRUCT, _empty())), UTF8, {}
    if pa.types.is_binary(typ) or pa.types.is_large_binary(typ):
        return BYTE_ARRAY, None, None, None, {}
    if pa.types.is_int64(typ):
        return INT64, None, None, None, {}
    if pa.types.is_float64(typ):
        return DOUBLE, None, None, None, {}
    if pa.types.is_boolean(typ):
        return BOOLEAN, None, None, None, {}
    if pa.types.is_date32(typ):
        return INT32, None, _struct((6, _STRUCT, _empty())), DATE, {}
    micros = _struct((2, _STRUCT, _empty()))
    if pa.types.is_timestamp(typ) and typ.unit == "us":
        utc = typ.tz is not None
        logical = _struct((8, _STRUCT, _struct((1, _TRUE, utc), (2, _STRUCT, micros))))
        return INT64, None, logical, TIMESTAMP_MICROS if utc else None, {}
    if pa.types.is_time64(typ) and typ.unit == "us":
        logical = _struct((7, _STRUCT, _struct((1, _TRUE, False), (2, _STRUCT, micros))))
        return INT64, None, logical, None, {}
    if pa.types.is_decimal(typ):
        width = 16 if pa.types.is_decimal128(typ) else 32
        logical = _struct((5, _STRUCT, _struct((1, _I32, typ.scale), (2, _I32, typ.precision))))
        extra = {"scale": typ.scale, "precision": typ.precision}
        return FIXED_LEN_BYTE_ARRAY, width, logical, DECIMAL, extra
    if pa.types.is_dictionary(typ):
        return _physical(typ.value_type)
    raise NotImplementedError(f"no Parquet writer for Arrow type {typ}")


class _SchemaBuilder:
    """Schema elements (depth first) and leaves, as pyarrow lays out an Arrow schema."""

    def __init__(self, schema: pa.Schema) -> None:
        self.elements: list[bytes] = [
            _struct((3, _I32, REQUIRED), (4, _BINARY, "schema"), (5, _I32, len(schema)))
        ]
        self.leaves: list[_Leaf] = []
        for i, f in enumerate(schema):
            self._field(f.name, f.type, f.nullable, (), (), i, 0, 0)

    def _field(
        self,
        name: str,
        typ: pa.DataType,
        nullable: bool,
        path: tuple[str, ...],
        steps: tuple[_Step, ...],
        column: int,
        d: int,
        r: int,
    ) -> None:
        import pyarrow as pa

        rep = OPTIONAL if nullable else REQUIRED
        d += nullable
        if pa.types.is_struct(typ):
            self.elements.append(
                _struct((3, _I32, rep), (4, _BINARY, name), (5, _I32, typ.num_fields))
            )
            for k in range(typ.num_fields):
                child = typ.field(k)
                step = _Step("struct", nullable, k)
                self._field(
                    child.name,
                    child.type,
                    child.nullable,
                    (*path, name),
                    (*steps, step),
                    column,
                    d,
                    r,
                )
            return
        if pa.types.is_list(typ):
            logical = _struct((3, _STRUCT, _empty()))
            self.elements.append(
                _struct(
                    (3, _I32, rep),
                    (4, _BINARY, name),
                    (5, _I32, 1),
                    (6, _I32, LIST),
                    (10, _STRUCT, logical),
                )
            )
            self.elements.append(_struct((3, _I32, REPEATED), (4, _BINARY, "list"), (5, _I32, 1)))
            item = typ.value_field
            step = _Step("list", nullable)
            self._field(
                "element",  # whatever Arrow calls it: the name the Parquet format asks for
                item.type,
                item.nullable,
                (*path, name, "list"),
                (*steps, step),
                column,
                d + 1,
                r + 1,
            )
            return
        physical, length, logical, converted, extra = _physical(typ)
        self.elements.append(
            _struct(
                (1, _I32, physical),
                (2, _I32, length),
                (3, _I32, rep),
                (4, _BINARY, name),
                (6, _I32, converted),
                (7, _I32, extra.get("scale")),
                (8, _I32, extra.get("precision")),
                (10, _STRUCT, logical),
            )
        )
        leaf_step = _Step("leaf", nullable)
        self.leaves.append(
            _Leaf((*path, name), (*steps, leaf_step), column, typ, physical, length, d, r)
        )


# -- levels and values ----------------------------------------------------------------


@dataclass
class _Encoded:
    """One leaf of one chunk: level runs, and the leaf values that are present."""

    def_values: np.ndarray
    def_lengths: np.ndarray
    rep_values: np.ndarray
    rep_lengths: np.ndarray
    values: pa.Array  # the non-null leaf values, in order
    slots: int  # level entries (values + nulls + empty lists)
    shared: bool = False  # level arrays held in the row group's cache (ids stay unique)


def _runs(levels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    import numpy as np

    if not len(levels):
        return levels, np.zeros(0, np.int64)
    starts = np.flatnonzero(np.diff(levels)) + 1
    starts = np.concatenate([[0], starts])
    lengths = np.diff(np.concatenate([starts, [len(levels)]]))
    return levels[starts], lengths


def _merge(values: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Adjacent runs of the same level as one run, empty runs dropped: one canonical form."""
    import numpy as np

    keep = lengths > 0
    values, lengths = values[keep], lengths[keep]
    if not len(values):
        return values, lengths
    start = np.ones(len(values), bool)
    start[1:] = values[1:] != values[:-1]
    first = np.flatnonzero(start)
    return values[first], np.add.reduceat(lengths, first)


def _logical(array: pa.Array) -> pa.Array:
    """A dictionary array whose dictionary holds nulls, decoded: an index to a null is null."""
    import pyarrow as pa

    if pa.types.is_dictionary(array.type) and array.dictionary.null_count:
        return array.dictionary_decode()
    return array


def _valid(array: pa.Array) -> np.ndarray | None:
    import numpy as np

    array = _logical(array)
    if not array.null_count:
        return None
    return np.asarray(array.is_valid().to_numpy(zero_copy_only=False), bool)


def _encode_leaf(leaf: _Leaf, column: pa.Array, shared: dict, chunk: int) -> _Encoded:
    """Levels and present values of ``leaf`` in chunk number ``chunk`` of its column.

    ``shared`` keeps the levels of the fast path for the other leaves of the same list
    (they have the same levels) during the encoding of one row group.
    """
    import numpy as np
    import pyarrow as pa

    fast = _fast_path(leaf, column, shared, chunk)
    if fast is not None:
        return fast
    # General case: follow every slot (row, then list item) down the path.
    n = len(column)
    node = column
    idx = np.arange(n, dtype=np.int64)  # position of each slot in ``node``
    d = np.zeros(n, np.int16)
    r = np.zeros(n, np.int16)
    alive = np.ones(n, bool)
    depth = 0
    for step in leaf.steps:
        if step.nullable:
            valid = _valid(node)
            if valid is not None:
                ok = np.zeros(len(idx), bool)
                ok[alive] = valid[idx[alive]]
                alive &= ok
            d += alive
        if step.kind == "struct":
            node = node.field(step.child)
        elif step.kind == "list":
            depth += 1
            offsets = node.offsets.to_numpy().astype(np.int64)
            length = np.where(alive, offsets[np.minimum(idx + 1, len(offsets) - 1)], 0)
            length = length - np.where(alive, offsets[np.minimum(idx, len(offsets) - 1)], 0)
            expand = alive & (length > 0)
            count = np.where(expand, length, 1)
            owner = np.repeat(np.arange(len(idx)), count)
            first = np.cumsum(count) - count
            pos = np.arange(int(count.sum())) - np.repeat(first, count)
            exp = expand[owner]
            new_idx = np.where(exp, offsets[np.minimum(idx, len(offsets) - 1)][owner] + pos, 0)
            new_d = d[owner] + exp
            new_r = np.where(pos > 0, depth, r[owner]).astype(np.int16)
            idx, d, r, alive = new_idx, new_d.astype(np.int16), new_r, exp
            node = node.values
    values = node.take(pa.array(idx[alive]))
    dv, dl = _runs(d)
    rv, rl = _runs(r)
    return _Encoded(dv, dl, rv, rl, values, len(d))


def _fast_path(leaf: _Leaf, column: pa.Array, shared: dict, chunk: int) -> _Encoded | None:
    """Levels from offsets alone: no nulls on the path and at most one list."""
    import numpy as np

    lists = [s for s in leaf.steps if s.kind == "list"]
    if len(lists) > 1:
        return None
    node = column
    offsets = None
    d_empty = 0  # definition level of an empty list
    above: list[int] = []  # the struct fields down to the list
    for step in leaf.steps:
        if _logical(node).null_count:
            return None
        if offsets is None:  # optional levels above the list, and the list's own
            d_empty += step.nullable
        if step.kind == "struct":
            if offsets is None:
                above.append(step.child)
            node = node.field(step.child)
        elif step.kind == "list":
            offsets = node.offsets.to_numpy().astype(np.int64)
            node = node.values.slice(int(offsets[0]), int(offsets[-1] - offsets[0]))
    key = (leaf.column, chunk, tuple(above), d_empty, leaf.max_def, leaf.max_rep)
    known = shared.get(key)
    if known is None:
        done = _fast_levels(leaf, column, offsets, d_empty, node)
        known = shared[key] = (
            done.def_values, done.def_lengths, done.rep_values, done.rep_lengths, done.slots
        )  # fmt: skip
    return _Encoded(*known[:4], node, known[4], shared=True)


def _fast_levels(
    leaf: _Leaf, column: pa.Array, offsets: np.ndarray | None, d_empty: int, node: pa.Array
) -> _Encoded:
    import numpy as np

    rows = len(column)
    if offsets is None:
        one = np.array([leaf.max_def], np.int16)
        full = np.array([rows], np.int64)
        if not rows:
            one, full = one[:0], full[:0]
        return _Encoded(one, full, one[:0], full[:0], node, rows)
    length = np.diff(offsets)
    # per row: def runs (max_def x length, or d_empty x 1); rep runs (0 x 1, 1 x length-1)
    empty = length == 0
    dv = np.where(empty, d_empty, leaf.max_def).astype(np.int16)
    dl = np.where(empty, 1, length)
    rv = np.tile(np.array([0, 1], np.int16), rows)
    rl = np.stack([np.ones(rows, np.int64), np.maximum(length - 1, 0)], axis=1).ravel()
    dv, dl = _merge(dv, dl)
    rv, rl = _merge(rv, rl)
    return _Encoded(dv, dl, rv, rl, node, int(dl.sum()))


def _rle(values: np.ndarray, lengths: np.ndarray, width: int) -> bytes:
    """RLE runs of the RLE/bit-packed hybrid: varint(length << 1), value in whole bytes."""
    import numpy as np

    if not len(values):
        return b""
    vbytes = (width + 7) // 8
    if vbytes == 1 and int(lengths.max()) < 64:  # one header byte a run: the usual case
        out = np.empty(2 * len(values), np.uint8)
        out[0::2] = lengths << 1
        out[1::2] = values
        return out.tobytes()
    head = lengths.astype(np.uint64) << np.uint64(1)
    nbytes = np.ones(len(head), np.int64)
    for k in range(1, 10):
        nbytes += head >= np.uint64(1 << (7 * k))
    size = nbytes + vbytes
    start = np.cumsum(size) - size
    out = np.zeros(int(size.sum()), np.uint8)
    for k in range(int(nbytes.max())):
        sel = nbytes > k
        byte = (head[sel] >> np.uint64(7 * k)) & np.uint64(0x7F)
        byte |= np.where(nbytes[sel] > k + 1, np.uint64(0x80), np.uint64(0))
        out[start[sel] + k] = byte
    v = values.astype(np.uint64)
    for k in range(vbytes):
        out[start + nbytes + k] = (v >> np.uint64(8 * k)) & np.uint64(0xFF)
    return out.tobytes()


def _levels(values: np.ndarray, lengths: np.ndarray, max_level: int) -> bytes:
    if max_level == 0:
        return b""
    data = _rle(values, lengths, max_level.bit_length())
    return len(data).to_bytes(4, "little") + data


def _plain_binary(array: pa.Array) -> bytes:
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
    out[(at[:, None] + np.arange(4)).ravel()] = (
        lengths.astype("<u4").view(np.uint8).reshape(n, 4).ravel()
    )
    keep = np.ones(len(out), bool)
    keep[(at[:, None] + np.arange(4)).ravel()] = False
    out[keep] = data
    return out.tobytes()


def _fixed(array: pa.Array, width: int, dtype: str) -> np.ndarray:
    """The values buffer of a fixed-width array, slots of nulls included."""
    import numpy as np

    buf = array.buffers()[1]
    return np.frombuffer(buf, dtype, len(array), array.offset * width)


def _plain(arrays: list[pa.Array], leaf: _Leaf) -> bytes:
    """PLAIN encoding of the chunks ``arrays`` (no nulls) for the leaf's physical type."""
    import numpy as np
    import pyarrow as pa

    arrays = [a.dictionary_decode() if pa.types.is_dictionary(a.type) else a for a in arrays]
    if leaf.physical == BYTE_ARRAY:
        return b"".join(_plain_binary(a) for a in arrays)
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


def _dictionary_indices(chunks: list[pa.Array], size: int) -> bytes:
    """RLE_DICTIONARY data of dictionary arrays (see ``_indices``)."""
    import numpy as np

    parts = [np.asarray(c.indices.to_numpy(zero_copy_only=False)) for c in chunks]
    return _indices(np.concatenate(parts) if parts else np.zeros(0, np.int32), size)


def _int_dictionary(values: list[pa.Array], leaf: _Leaf) -> tuple[np.ndarray, np.ndarray] | None:
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


def _indices(indices: np.ndarray, size: int) -> bytes:
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
    return bytes([width]) + _varint(groups << 1 | 1) + padded.tobytes()


# -- the file -----------------------------------------------------------------------


@dataclass
class ChunkInfo:
    """A column chunk of an encoded row group; offsets relative to the row group's start."""

    leaf: int
    encodings: list[int]
    slots: int
    uncompressed: int
    compressed: int
    data_offset: int
    dictionary_offset: int | None
    statistics: bytes | None


@dataclass
class RowGroup:
    """An encoded row group: its bytes and what the footer says of them (picklable)."""

    data: bytes
    columns: list[ChunkInfo]
    rows: int
    uncompressed: int


class RowGroupEncoder:
    """Encodes Arrow tables of one schema into row groups, independent of any file.

    Row groups can therefore be encoded in other processes and appended in order
    (``ParquetWriter.append``). ``statistics``: the top-level columns (not nested) whose
    row groups carry min, max and null count, as pyarrow writes them.
    """

    def __init__(self, schema: pa.Schema, statistics: list[str] = ()) -> None:
        import pyarrow as pa

        self.schema = schema
        built = _SchemaBuilder(schema)
        self.elements = built.elements
        self.leaves = built.leaves
        self.statistics = set(statistics)
        self.dictionaries: dict[tuple, tuple[pa.Array, tuple[bytes, int] | None]] = {}
        self.codec = pa.Codec("zstd", compression_level=ZSTD_LEVEL)

    def encode(self, table: pa.Table) -> RowGroup:
        """``table`` as one row group."""
        if not _same_shape(table.schema, self.schema):
            raise ValueError("table schema differs from the writer's")
        parts: list[bytes] = []
        columns = []
        shared: dict = {}
        for i, leaf in enumerate(self.leaves):
            chunks = table.column(leaf.column).chunks
            columns.append(self._column(i, leaf, chunks, parts, shared))
        data = b"".join(parts)
        total = sum(c.uncompressed for c in columns)
        return RowGroup(data, columns, table.num_rows, total)

    def _column(
        self, i: int, leaf: _Leaf, chunks: list[pa.Array], parts: list[bytes], shared: dict
    ) -> ChunkInfo:
        import numpy as np

        encoded = [_encode_leaf(leaf, c, shared, k) for k, c in enumerate(chunks)]
        # leaves of one list share their level arrays (see _fast_path): encoded once
        key = ("levels", leaf.max_def, leaf.max_rep, *(id(e.def_values) for e in encoded))
        levels = shared.get(key)
        if levels is None:
            dv, dl = _merge(
                np.concatenate([e.def_values for e in encoded] or [np.zeros(0, np.int16)]),
                np.concatenate([e.def_lengths for e in encoded] or [np.zeros(0, np.int64)]),
            )
            rv, rl = _merge(
                np.concatenate([e.rep_values for e in encoded] or [np.zeros(0, np.int16)]),
                np.concatenate([e.rep_lengths for e in encoded] or [np.zeros(0, np.int64)]),
            )
            levels = _levels(rv, rl, leaf.max_rep) + _levels(dv, dl, leaf.max_def)
            if all(e.shared for e in encoded):
                shared[key] = levels
        slots = sum(e.slots for e in encoded)
        values = [e.values for e in encoded]
        start = pos = sum(len(p) for p in parts)
        uncompressed = 0
        dictionary_offset = None
        dictionary = self._dictionary(values)
        if dictionary is not None:
            dictionary_offset = pos
            page, size = self._dictionary_page(dictionary)
            parts.append(page)
            pos += len(page)
            uncompressed += size
            encoding = RLE_DICTIONARY
            body = _dictionary_indices(values, len(dictionary))
        elif (ints := _int_dictionary(values, leaf)) is not None:
            dictionary_offset = pos
            header = _struct((1, _I32, len(ints[0])), (2, _I32, PLAIN))
            page, size = self._page(ints[0].tobytes(), header, dictionary=True)
            parts.append(page)
            pos += len(page)
            uncompressed += size
            encoding = RLE_DICTIONARY
            body = _indices(ints[1], len(ints[0]))
        else:
            encoding = PLAIN
            body = _plain(values, leaf)
        data_offset = pos
        header = _struct((1, _I32, slots), (2, _I32, encoding), (3, _I32, RLE), (4, _I32, RLE))
        page, size = self._page(levels + body, header)
        parts.append(page)
        pos += len(page)
        uncompressed += size
        stats = None
        if len(leaf.steps) == 1 and leaf.path[0] in self.statistics:
            stats = _statistics(leaf, values, slots)
        return ChunkInfo(
            leaf=i,
            encodings=[PLAIN, RLE, RLE_DICTIONARY] if encoding == RLE_DICTIONARY else [PLAIN, RLE],
            slots=slots,
            uncompressed=uncompressed,
            compressed=pos - start,
            data_offset=data_offset,
            dictionary_offset=dictionary_offset,
            statistics=stats,
        )

    def _page(self, data: bytes, header: bytes, dictionary: bool = False) -> tuple[bytes, int]:
        """A compressed page with its header, and its uncompressed size (header included)."""
        packed = self.codec.compress(data, asbytes=True)
        head = _struct(
            (1, _I32, DICTIONARY_PAGE if dictionary else DATA_PAGE),
            (2, _I32, len(data)),
            (3, _I32, len(packed)),
            (7 if dictionary else 5, _STRUCT, header),
        )
        return head + packed, len(head) + len(data)

    def _dictionary(self, values: list[pa.Array]) -> pa.Array | None:
        """The dictionary every chunk shares, if it has no duplicates (else write PLAIN)."""
        import pyarrow as pa

        if not values or not all(pa.types.is_dictionary(v.type) for v in values):
            return None
        first = values[0].dictionary
        if any(not v.dictionary.equals(first) for v in values[1:]):
            return None
        return first if self._dictionary_page(first) is not None else None

    def _dictionary_page(self, dictionary: pa.Array) -> tuple[bytes, int] | None:
        """The dictionary's page, made once per dictionary (row groups share dictionaries)."""
        import pyarrow.compute as pc

        key = (tuple(b.address if b else 0 for b in dictionary.buffers()), dictionary.offset)
        key += (len(dictionary),)
        hit = self.dictionaries.get(key)
        if hit is None:
            unique = not dictionary.null_count and len(pc.unique(dictionary)) == len(dictionary)
            header = _struct((1, _I32, len(dictionary)), (2, _I32, PLAIN))
            page = self._page(_plain_binary(dictionary), header, True) if unique else None
            hit = self.dictionaries[key] = (dictionary, page)  # holds it: addresses stay its own
        return hit[1]


class ParquetWriter:
    """Writes row groups of Arrow tables with one schema into one Parquet file."""

    def __init__(
        self,
        path: Path,
        schema: pa.Schema,
        statistics: list[str] = (),
        encoder: RowGroupEncoder | None = None,
    ) -> None:
        self.encoder = encoder or RowGroupEncoder(schema, statistics)
        self.row_groups: list[bytes] = []
        self.rows = 0
        self.out: BinaryIO = Path(path).open("wb")  # noqa: SIM115 (closed by close())
        self.out.write(MAGIC)
        self.pos = len(MAGIC)

    def write_table(self, table: pa.Table) -> None:
        """``table`` as one row group."""
        self.append(self.encoder.encode(table))

    def append(self, group: RowGroup) -> None:
        """An encoded row group (made by a ``RowGroupEncoder`` of the same schema)."""
        start = self.pos
        leaves = self.encoder.leaves
        chunks = []
        for c in group.columns:
            leaf = leaves[c.leaf]
            meta = _struct(
                (1, _I32, leaf.physical),
                (2, _LIST, (_I32, c.encodings)),
                (3, _LIST, (_BINARY, list(leaf.path))),
                (4, _I32, ZSTD),
                (5, _I64, c.slots),
                (6, _I64, c.uncompressed),
                (7, _I64, c.compressed),
                (9, _I64, start + c.data_offset),
                (11, _I64, None if c.dictionary_offset is None else start + c.dictionary_offset),
                (12, _STRUCT, c.statistics),
            )
            first = c.data_offset if c.dictionary_offset is None else c.dictionary_offset
            chunks.append(_struct((2, _I64, start + first), (3, _STRUCT, meta)))
        self.out.write(group.data)
        self.pos += len(group.data)
        self.row_groups.append(
            _struct(
                (1, _LIST, (_STRUCT, chunks)),
                (2, _I64, group.uncompressed),
                (3, _I64, group.rows),
                (5, _I64, start),
                (6, _I64, len(group.data)),
                (7, _I16, len(self.row_groups)),
            )
        )
        self.rows += group.rows

    def close(self) -> None:
        orders = [_struct((1, _STRUCT, _empty())) for _ in self.encoder.leaves]
        meta = _struct(
            (1, _I32, 2),
            (2, _LIST, (_STRUCT, self.encoder.elements)),
            (3, _I64, self.rows),
            (4, _LIST, (_STRUCT, self.row_groups)),
            (6, _BINARY, CREATED_BY),
            (7, _LIST, (_STRUCT, orders)),
        )
        self.out.write(meta)
        self.out.write(len(meta).to_bytes(4, "little"))
        self.out.write(MAGIC)
        self.out.close()

    def __enter__(self) -> ParquetWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.out.closed:
            self.out.close()


def _same_shape(a: pa.Schema, b: pa.Schema) -> bool:
    """Same fields, types and nullability, dictionary leaves taken as their values."""
    return a.remove_metadata().equals(b.remove_metadata()) or _undictionary(a).equals(
        _undictionary(b)
    )


def _undictionary(schema: pa.Schema) -> pa.Schema:
    import pyarrow as pa

    def plain(t: pa.DataType) -> pa.DataType:
        if pa.types.is_dictionary(t):
            return t.value_type
        if pa.types.is_struct(t):
            return pa.struct(
                [pa.field(f.name, plain(f.type), f.nullable) for f in t]  # type: ignore[union-attr]
            )
        if pa.types.is_list(t):
            f = t.value_field
            return pa.list_(pa.field(f.name, plain(f.type), f.nullable))
        return t

    return pa.schema([pa.field(f.name, plain(f.type), f.nullable) for f in schema])


def _statistics(leaf: _Leaf, values: list[pa.Array], slots: int) -> bytes | None:
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
        return _struct((3, _I64, nulls))
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
        return _struct((3, _I64, nulls))  # pyarrow drops both bounds then
    return _struct((3, _I64, nulls), (5, _BINARY, hi), (6, _BINARY, lo))
