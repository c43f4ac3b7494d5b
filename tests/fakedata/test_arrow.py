"""fakedata.arrow: the schema a Parquet file stores, and the row gathering of fleet models."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st


def test_described_schema_is_the_arrow_schema_with_the_bigquery_one_in_its_metadata():
    """Modes and descriptions on every field (nested ones too), the JSON schema on the whole."""
    import json

    import pyarrow as pa

    from fakedata.arrow import arrow_schema, described_schema
    from fakedata.schema import Schema, parse_fields

    spec = [
        {"name": "id", "type": "STRING", "mode": "REQUIRED", "description": "the site"},
        {
            "name": "mods",
            "type": "RECORD",
            "mode": "REPEATED",
            "description": "",  # an empty description: none in the metadata
            "fields": [
                {"name": "slug", "type": "STRING", "mode": "NULLABLE", "description": "é"},
                {"name": "n", "type": "INTEGER", "mode": "REQUIRED", "description": ""},
            ],
        },
    ]
    schema = Schema(parse_fields(spec, "test"))
    described = described_schema(schema)
    assert described.equals(arrow_schema(schema))  # metadata aside
    assert not described.equals(arrow_schema(schema), check_metadata=True)
    assert json.loads(described.metadata[b"bigquery.schema"]) == spec
    assert described.field("id").metadata == {b"mode": b"REQUIRED", b"description": b"the site"}
    mods = described.field("mods")
    assert mods.metadata == {b"mode": b"REPEATED"}
    assert pa.types.is_list(mods.type) and not mods.type.value_field.nullable
    slug, n = mods.type.value_type.field(0), mods.type.value_type.field(1)
    assert slug.metadata == {b"mode": b"NULLABLE", b"description": "é".encode()}
    assert slug.nullable and not n.nullable and n.metadata == {b"mode": b"REQUIRED"}


def _nested(draw_lengths: list[int], words: list[str]) -> object:
    """list<struct<name: dictionary, count: int64, note: string>> with the given lengths."""
    import numpy as np
    import pyarrow as pa

    total = sum(draw_lengths)
    idx = np.arange(total, dtype=np.int32) % len(words)
    struct = pa.StructArray.from_arrays(
        [
            pa.DictionaryArray.from_arrays(pa.array(idx), pa.array(words)),
            pa.array(np.arange(total, dtype=np.int64) * 7),
            pa.array([f"n{i}" for i in range(total)]),
        ],
        names=["name", "count", "note"],
    )
    offsets = np.concatenate([[0], np.cumsum(draw_lengths)]).astype(np.int32)
    typ = pa.list_(pa.field("element", struct.type, nullable=False))
    return pa.ListArray.from_arrays(pa.array(offsets), struct, type=typ)


@settings(max_examples=60, deadline=None)
@given(
    lengths=st.lists(st.integers(0, 5), min_size=1, max_size=30),
    data=st.data(),
)
def test_take_rows_equals_arrow_take(lengths, data):
    import numpy as np
    import pyarrow as pa

    from fakedata.arrow import take_rows

    column = _nested(lengths, ["Ntp", "Ntp::Config", "Apache"])
    lo = data.draw(st.integers(0, len(lengths) - 1))
    column = column.slice(lo)  # a sliced column: offsets do not start at 0
    rows = np.asarray(
        data.draw(st.lists(st.integers(0, len(column) - 1), max_size=40)), dtype=np.int64
    )
    got = take_rows(column, rows)
    want = column.take(pa.array(rows, pa.int64()))
    assert got.type == want.type
    assert got.to_pylist() == want.to_pylist()
    # the dictionary is kept as it is (the Parquet writer needs one shared dictionary)
    assert got.values.field(0).dictionary.equals(column.values.field(0).dictionary)
