"""BigQuery schema → Arrow schema, the in-memory form every writer starts from."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

    from fakedata.schema import Field, Schema


def arrow_type(f: Field) -> pa.DataType:
    import pyarrow as pa

    if f.is_record:
        base = pa.struct([arrow_field(c) for c in f.fields])
    else:
        base = {
            "STRING": pa.string(),
            "BYTES": pa.binary(),
            "INTEGER": pa.int64(),
            "FLOAT": pa.float64(),
            "NUMERIC": pa.decimal128(38, 9),
            "BIGNUMERIC": pa.decimal256(76, 38),
            "BOOLEAN": pa.bool_(),
            "TIMESTAMP": pa.timestamp("us", tz="UTC"),
            "DATE": pa.date32(),
            "TIME": pa.time64("us"),
            "DATETIME": pa.timestamp("us"),
            "GEOGRAPHY": pa.string(),  # WKT, as BigQuery exports it
            "JSON": pa.string(),  # JSON text
        }[f.type]
    # BigQuery arrays never hold NULL elements.
    return pa.list_(pa.field("element", base, nullable=False)) if f.repeated else base


def arrow_field(f: Field) -> pa.Field:
    import pyarrow as pa

    # A REPEATED field is never NULL in BigQuery (an absent array is empty).
    return pa.field(f.name, arrow_type(f), nullable=f.mode == "NULLABLE")


def arrow_schema(schema: Schema) -> pa.Schema:
    import pyarrow as pa

    return pa.schema([arrow_field(f) for f in schema])


def command_start() -> None:
    """Set up a short-lived data-generating command (``workbench fake-data``) for speed.

    Before pyarrow allocates anything: its allocator is the C library's malloc (mimalloc,
    the default, reserves some 40 MB at once and keeps memory freed across threads), and
    its probe for pandas is skipped (``skip_pandas_probe``).
    """
    import os

    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
    skip_pandas_probe()


def release_free_memory() -> None:
    """Hand memory freed since the last call back to the OS (glibc's ``malloc_trim``).

    Blocks of different sizes, built in one thread and freed in another, leave holes in
    malloc's heaps; without a trim now and then, peak memory crept up with the number of
    blocks instead of staying at what one row group needs. A no-op without glibc.
    """
    global _malloc_trim
    if _malloc_trim is None:
        import ctypes
        import ctypes.util

        try:
            _malloc_trim = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _malloc_trim = False
    if _malloc_trim:
        _malloc_trim(0)


_malloc_trim = None


class _NoPandas:
    """A meta-path finder that makes ``import pandas`` fail (see ``skip_pandas_probe``)."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("pandas skipped: this command never converts to pandas")


def skip_pandas_probe() -> None:
    """Spare a command that never uses pandas pyarrow's probe for it (~0.3 s of start-up).

    pyarrow imports pandas on its first ``pa.array()`` only to ask whether the input is a
    pandas object. Priming its lazy shim while pandas cannot be imported records "no
    pandas" for those probes; an explicit ``to_pandas()`` later still imports pandas
    (pyarrow retries then), so nothing breaks. Meant for short-lived commands
    (``workbench fake-data``), not for a notebook kernel, where pandas is already loaded.
    """
    import sys

    if "pandas" in sys.modules:
        return
    import pyarrow as pa

    blocker = _NoPandas()
    sys.meta_path.insert(0, blocker)
    try:
        pa.array([0])
    finally:
        sys.meta_path.remove(blocker)


@contextmanager
def system_allocator() -> Iterator[None]:
    """Arrow allocations go to the C library's malloc while the block is active.

    Blocks are built in a worker thread and freed by the writer's thread; pyarrow's
    default allocator (mimalloc) keeps such memory per thread, so peak memory crept up
    with the population (about +30 % from 2,000 to 10,000 sites); malloc hands it back.
    """
    import pyarrow as pa

    before = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        yield
    finally:
        pa.set_memory_pool(before)


def take_rows(column: pa.Array, rows: np.ndarray) -> pa.Array:
    """``column.take(rows)`` for the columns fleet models build, in NumPy.

    Arrow's generic ``take`` on a list of structs of dictionary strings costs about as
    much as writing the values to Parquet (it was 60 % of generating Dropsonde). Lists,
    structs, dictionary arrays and fixed-width values without nulls are gathered here
    with index arithmetic; the result equals ``column.take(rows)`` value for value and
    type for type. Anything else (nulls, variable-width values) goes to Arrow's take.
    """
    import numpy as np
    import pyarrow as pa

    if column.null_count:
        return column.take(pa.array(rows))
    typ = column.type
    if pa.types.is_list(typ):
        offsets = column.offsets.to_numpy()
        start = offsets[rows].astype(np.int64)
        count = offsets[rows + 1] - offsets[:-1][rows]
        new = np.zeros(len(rows) + 1, np.int64)
        np.cumsum(count, out=new[1:])
        # the child positions of every taken list, in order
        items = np.arange(int(new[-1]), dtype=np.int64) + np.repeat(start - new[:-1], count)
        values = take_rows(column.values, items)
        return pa.ListArray.from_arrays(pa.array(new.astype(np.int32)), values, type=typ)
    if pa.types.is_struct(typ):
        fields = [typ.field(i) for i in range(typ.num_fields)]
        children = [take_rows(column.field(i), rows) for i in range(typ.num_fields)]
        return pa.StructArray.from_arrays(children, fields=fields)
    if pa.types.is_dictionary(typ):
        indices = column.indices.to_numpy()[rows]
        return pa.DictionaryArray.from_arrays(pa.array(indices, typ.index_type), column.dictionary)
    if pa.types.is_integer(typ) or pa.types.is_floating(typ):
        return pa.array(column.to_numpy()[rows], typ)
    return column.take(pa.array(rows))


def nullability_of(actual: pa.DataType, target: pa.DataType) -> pa.DataType:
    """``actual`` with the nested fields' nullability of ``target`` (the schema's modes).

    Fleet models build records with nullable fields; a REQUIRED field of the schema must
    be REQUIRED in the Parquet file too. Leaf types (dictionary-encoded or not) are kept.
    """
    import pyarrow as pa

    if pa.types.is_struct(actual) and pa.types.is_struct(target):
        fields = []
        for f in actual:
            idx = target.get_field_index(f.name)
            if idx < 0:
                fields.append(f)
                continue
            t = target.field(idx)
            fields.append(pa.field(f.name, nullability_of(f.type, t.type), t.nullable))
        return pa.struct(fields)
    if pa.types.is_list(actual) and pa.types.is_list(target):
        f, t = actual.value_field, target.value_field
        return pa.list_(pa.field(f.name, nullability_of(f.type, t.type), t.nullable))
    return actual
