"""Arrow columns from index arrays: list (REPEATED RECORD) and dictionary-encoded columns.

The fleet models build each column as offsets and child arrays, without a Python loop;
string leaves are dictionary-encoded against dataset-wide dictionaries, so that the
Parquet writer stores them without hashing a value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa


def expand(starts: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For items ``starts[i]..starts[i]+counts[i]``: (owner i, item index, position)."""

    total = int(counts.sum())
    owner = np.repeat(np.arange(len(counts)), counts)
    first = np.cumsum(counts) - counts
    pos = np.arange(total) - np.repeat(first, counts)
    return owner, np.repeat(starts, counts) + pos, pos


def list_offsets(owner: np.ndarray, rows: int) -> np.ndarray:
    """Offsets of a list column of `rows` rows from the row of each item (sorted by row)."""

    counts = np.bincount(owner, minlength=rows)
    return np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)


def dict_column(indices: np.ndarray, dictionary: pa.Array) -> pa.Array:
    """``dictionary[indices]`` dictionary-encoded, over a dictionary without duplicates.

    pyarrow's Parquet writer, given a dictionary with repeated values, writes bytes that
    depend on uninitialized memory (the file then differs from run to run): such a
    dictionary is replaced by its unique values, the indices remapped.
    """

    unique, remap = _unique_dictionary(dictionary)
    if remap is not None:
        indices = remap[indices]
    return pa.DictionaryArray.from_arrays(indices.astype(np.int32, copy=False), unique)


_UNIQUE: dict[int, tuple[pa.Array, pa.Array, np.ndarray | None]] = {}


def _unique_dictionary(dictionary: pa.Array) -> tuple[pa.Array, np.ndarray | None]:
    """(the unique values in first-seen order, old index → new index or None if unique)."""

    seen = _UNIQUE.get(id(dictionary))
    if seen is not None and seen[0] is dictionary:
        return seen[1], seen[2]
    unique = pc.unique(dictionary)
    if len(unique) == len(dictionary):
        unique, remap = dictionary, None
    else:
        remap = pc.index_in(dictionary, value_set=unique).to_numpy().astype(np.int32)
    if len(_UNIQUE) > 64:  # models make small dictionaries per block: keep the cache small
        _UNIQUE.clear()
    _UNIQUE[id(dictionary)] = (dictionary, unique, remap)  # holds it: the id stays its own
    return unique, remap


def list_column(offsets: np.ndarray, children: list[pa.Array], names: tuple[str, ...]) -> pa.Array:
    """A REPEATED RECORD column: list<element: struct not null>."""

    fields = [pa.field(nm, c.type) for nm, c in zip(names, children, strict=True)]
    struct = pa.StructArray.from_arrays(children, fields=fields)
    typ = pa.list_(pa.field("element", struct.type, nullable=False))
    return pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), struct, type=typ)
