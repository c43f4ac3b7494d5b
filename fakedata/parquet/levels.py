"""Repetition and definition levels, run-length encoded from offsets and validity bitmaps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from fakedata.parquet.schema import Leaf

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa


@dataclass
class Encoded:
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


def merge(values: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
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


def encode_leaf(leaf: Leaf, column: pa.Array, shared: dict, chunk: int) -> Encoded:
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
    return Encoded(dv, dl, rv, rl, values, len(d))


def _fast_path(leaf: Leaf, column: pa.Array, shared: dict, chunk: int) -> Encoded | None:
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
    return Encoded(*known[:4], node, known[4], shared=True)


def _fast_levels(
    leaf: Leaf, column: pa.Array, offsets: np.ndarray | None, d_empty: int, node: pa.Array
) -> Encoded:
    import numpy as np

    rows = len(column)
    if offsets is None:
        one = np.array([leaf.max_def], np.int16)
        full = np.array([rows], np.int64)
        if not rows:
            one, full = one[:0], full[:0]
        return Encoded(one, full, one[:0], full[:0], node, rows)
    length = np.diff(offsets)
    # per row: def runs (max_def x length, or d_empty x 1); rep runs (0 x 1, 1 x length-1)
    empty = length == 0
    dv = np.where(empty, d_empty, leaf.max_def).astype(np.int16)
    dl = np.where(empty, 1, length)
    rv = np.tile(np.array([0, 1], np.int16), rows)
    rl = np.stack([np.ones(rows, np.int64), np.maximum(length - 1, 0)], axis=1).ravel()
    dv, dl = merge(dv, dl)
    rv, rl = merge(rv, rl)
    return Encoded(dv, dl, rv, rl, node, int(dl.sum()))


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


def encode_levels(values: np.ndarray, lengths: np.ndarray, max_level: int) -> bytes:
    if max_level == 0:
        return b""
    data = _rle(values, lengths, max_level.bit_length())
    return len(data).to_bytes(4, "little") + data
