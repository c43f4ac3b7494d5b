"""Row groups encoded apart from any file, and the file they are appended to."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from fakedata.parquet.levels import encode_leaf, encode_levels, merge
from fakedata.parquet.schema import (
    DATA_PAGE,
    DICTIONARY_PAGE,
    PLAIN,
    RLE,
    RLE_DICTIONARY,
    ZSTD,
    Leaf,
    SchemaBuilder,
    same_shape,
)
from fakedata.parquet.thrift import T_BINARY, T_I16, T_I32, T_I64, T_LIST, T_STRUCT, empty, struct
from fakedata.parquet.values import (
    column_statistics,
    dictionary_data,
    dictionary_indices,
    int_dictionary,
    plain,
    plain_binary,
)

if TYPE_CHECKING:
    import pyarrow as pa

MAGIC = b"PAR1"
# "<application> version <x.y.z>", the form readers parse to decide which writer bugs to
# work around (an unparseable one can make them distrust the statistics)
CREATED_BY = "telemetry-workbench-fakedata version 0.1.0"
ZSTD_LEVEL = 1  # pyarrow's default level for zstd
PAGE_LIMIT = (1 << 31) - 1  # page sizes are 32-bit signed integers in the page header


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
        built = SchemaBuilder(schema)
        self.elements = built.elements
        self.leaves = built.leaves
        self.statistics = set(statistics)
        self.dictionaries: dict[tuple, tuple[pa.Array, tuple[bytes, int] | None]] = {}
        self.codec = pa.Codec("zstd", compression_level=ZSTD_LEVEL)

    def encode(self, table: pa.Table) -> RowGroup:
        """``table`` as one row group."""
        if not same_shape(table.schema, self.schema):
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
        self, i: int, leaf: Leaf, chunks: list[pa.Array], parts: list[bytes], shared: dict
    ) -> ChunkInfo:
        import numpy as np

        encoded = [encode_leaf(leaf, c, shared, k) for k, c in enumerate(chunks)]
        # leaves of one list share their level arrays (see _fast_path): encoded once
        key = ("levels", leaf.max_def, leaf.max_rep, *(id(e.def_values) for e in encoded))
        levels = shared.get(key)
        if levels is None:
            dv, dl = merge(
                np.concatenate([e.def_values for e in encoded] or [np.zeros(0, np.int16)]),
                np.concatenate([e.def_lengths for e in encoded] or [np.zeros(0, np.int64)]),
            )
            rv, rl = merge(
                np.concatenate([e.rep_values for e in encoded] or [np.zeros(0, np.int16)]),
                np.concatenate([e.rep_lengths for e in encoded] or [np.zeros(0, np.int64)]),
            )
            levels = encode_levels(rv, rl, leaf.max_rep) + encode_levels(dv, dl, leaf.max_def)
            if all(e.shared for e in encoded):
                shared[key] = levels
        slots = sum(e.slots for e in encoded)
        values = [e.values for e in encoded]
        start = pos = sum(len(p) for p in parts)
        uncompressed = 0
        dictionary_offset = None
        dictionary_page, body = self._values(values, leaf)
        if dictionary_page is not None:
            dictionary_offset = pos
            parts.append(dictionary_page[0])
            pos += len(dictionary_page[0])
            uncompressed += dictionary_page[1]
        encoding = PLAIN if dictionary_page is None else RLE_DICTIONARY
        data_offset = pos
        header = struct((1, T_I32, slots), (2, T_I32, encoding), (3, T_I32, RLE), (4, T_I32, RLE))
        page, size = self._page(levels + body, header)
        parts.append(page)
        pos += len(page)
        uncompressed += size
        stats = None
        if len(leaf.steps) == 1 and leaf.path[0] in self.statistics:
            stats = column_statistics(leaf, values, slots)
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
        if max(len(data), len(packed)) > PAGE_LIMIT:
            raise ValueError(f"a Parquet page of {len(data):,} bytes: over the format's limit")
        head = struct(
            (1, T_I32, DICTIONARY_PAGE if dictionary else DATA_PAGE),
            (2, T_I32, len(data)),
            (3, T_I32, len(packed)),
            (7 if dictionary else 5, T_STRUCT, header),
        )
        return head + packed, len(head) + len(data)

    def _values(self, values: list[pa.Array], leaf: Leaf) -> tuple[tuple[bytes, int] | None, bytes]:
        """(the dictionary page or None, the values' data): the chunks' shared dictionary
        (strings), else a dictionary of narrow-range integers, else PLAIN."""
        dictionary = _shared_dictionary(values)
        if dictionary is not None:
            page = self._dictionary_page(dictionary)
            if page is not None:
                return page, dictionary_indices(values, len(dictionary))
        ints = int_dictionary(values, leaf)
        if ints is not None:
            header = struct((1, T_I32, len(ints[0])), (2, T_I32, PLAIN))
            page = self._page(ints[0].tobytes(), header, dictionary=True)
            return page, dictionary_data(ints[1], len(ints[0]))
        return None, plain(values, leaf)

    def _dictionary_page(self, dictionary: pa.Array) -> tuple[bytes, int] | None:
        """The dictionary's page, made once per dictionary (row groups share dictionaries)."""
        import pyarrow.compute as pc

        key = (tuple(b.address if b else 0 for b in dictionary.buffers()), dictionary.offset)
        key += (len(dictionary),)
        hit = self.dictionaries.get(key)
        if hit is None:
            unique = not dictionary.null_count and len(pc.unique(dictionary)) == len(dictionary)
            header = struct((1, T_I32, len(dictionary)), (2, T_I32, PLAIN))
            page = self._page(plain_binary(dictionary), header, True) if unique else None
            hit = self.dictionaries[key] = (dictionary, page)  # holds it: addresses stay its own
        return hit[1]


def _shared_dictionary(values: list[pa.Array]) -> pa.Array | None:
    """The dictionary every chunk is encoded with, or None."""
    import pyarrow as pa

    if not values or not all(pa.types.is_dictionary(v.type) for v in values):
        return None
    first = values[0].dictionary
    if any(not v.dictionary.equals(first) for v in values[1:]):
        return None
    return first


class ParquetWriter:
    """Writes row groups of Arrow tables with one schema into one Parquet file."""

    def __init__(self, path: Path, schema: pa.Schema, statistics: list[str] = ()) -> None:
        self.encoder = RowGroupEncoder(schema, statistics)
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
            meta = struct(
                (1, T_I32, leaf.physical),
                (2, T_LIST, (T_I32, c.encodings)),
                (3, T_LIST, (T_BINARY, list(leaf.path))),
                (4, T_I32, ZSTD),
                (5, T_I64, c.slots),
                (6, T_I64, c.uncompressed),
                (7, T_I64, c.compressed),
                (9, T_I64, start + c.data_offset),
                (11, T_I64, None if c.dictionary_offset is None else start + c.dictionary_offset),
                (12, T_STRUCT, c.statistics),
            )
            first = c.data_offset if c.dictionary_offset is None else c.dictionary_offset
            chunks.append(struct((2, T_I64, start + first), (3, T_STRUCT, meta)))
        self.out.write(group.data)
        self.pos += len(group.data)
        self.row_groups.append(
            struct(
                (1, T_LIST, (T_STRUCT, chunks)),
                (2, T_I64, group.uncompressed),
                (3, T_I64, group.rows),
                (5, T_I64, start),
                (6, T_I64, len(group.data)),
                (7, T_I16, len(self.row_groups)),
            )
        )
        self.rows += group.rows

    def close(self) -> None:
        orders = [struct((1, T_STRUCT, empty())) for _ in self.encoder.leaves]
        meta = struct(
            (1, T_I32, 2),
            (2, T_LIST, (T_STRUCT, self.encoder.elements)),
            (3, T_I64, self.rows),
            (4, T_LIST, (T_STRUCT, self.row_groups)),
            (6, T_BINARY, CREATED_BY),
            (7, T_LIST, (T_STRUCT, orders)),
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
