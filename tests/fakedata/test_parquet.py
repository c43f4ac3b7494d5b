"""fakedata.parquet against pyarrow's writer: the same Parquet schema, rows and statistics,
and bytes that depend only on the rows, never on how the input is chunked."""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import itertools
import math
import pickle
import struct
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fakedata import load_source
from fakedata.arrow import arrow_schema
from fakedata.generate import Options, generate
from fakedata.parquet import ParquetWriter, RowGroupEncoder
from fakedata.schema import parse_fields

ROOT = Path(__file__).resolve().parents[2]
DICT = pa.dictionary(pa.int32(), pa.string())  # how fleet models hand strings to the writer
SCALARS = ["STRING", "BYTES", "INTEGER", "FLOAT", "NUMERIC", "BIGNUMERIC", "BOOLEAN",
           "TIMESTAMP", "DATE", "TIME", "DATETIME", "GEOGRAPHY", "JSON"]  # fmt: skip
STRINGS = {"STRING", "GEOGRAPHY", "JSON"}  # Arrow strings: may come dictionary-encoded
MODES = ["NULLABLE", "REQUIRED", "REPEATED"]
NAMES = ["id", "name", "slug", "version", "count", "platform", "timestamp", "ip", "value",
         "modules", "tags", "created", "site_id", "size", "kind"]  # fmt: skip
WORDS = ["", "a", "b", "puppetlabs-stdlib", "é", "\u00ff\u0100", "zz", "A"]  # repeats: dictionaries
SLOW = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


def bq(name: str, typ: str, mode: str, fields: list | None = None) -> dict:
    """A BigQuery schema field as the JSON schema files write it."""
    out = {"name": name, "type": typ, "mode": mode, "description": ""}
    return out | ({"fields": fields} if fields else {})


# -- random BigQuery schemas with their data ------------------------------------------


def bq_fields(depth: int, top: bool = False) -> st.SearchStrategy:
    """BigQuery field lists (every mode, records too); string leaves marked ``dict`` or not."""
    leaf = st.fixed_dictionaries(
        {"type": st.sampled_from(SCALARS), "mode": st.sampled_from(MODES), "dict": st.booleans()}
    )
    if depth > 0:
        record = st.fixed_dictionaries(
            {
                "type": st.just("RECORD"),
                "mode": st.sampled_from(MODES),
                "fields": bq_fields(depth - 1),
            }
        )
        leaf = st.one_of(leaf, record)
    return st.lists(
        st.tuples(st.sampled_from(NAMES), leaf),
        min_size=1,
        max_size=5 if top else 3,
        unique_by=lambda t: t[0],
    ).map(lambda items: [{"name": n, "description": "", **f} for n, f in items])


def bare(spec: list[dict]) -> list[dict]:
    """The spec as a BigQuery schema (without the test's ``dict`` marks)."""
    out = []
    for f in spec:
        g = {k: v for k, v in f.items() if k != "dict"}
        if "fields" in g:
            g["fields"] = bare(g["fields"])
        out.append(g)
    return out


def with_dictionaries(spec: list[dict], schema: pa.Schema) -> pa.Schema:
    """``schema`` with the string leaves marked ``dict`` as dictionary<int32, string>."""

    def typ(f: dict, t: pa.DataType) -> pa.DataType:
        if pa.types.is_list(t):
            item = t.value_field
            return pa.list_(pa.field(item.name, typ({**f, "mode": "REQUIRED"}, item.type), False))
        if pa.types.is_struct(t):
            children = [t.field(i) for i in range(t.num_fields)]
            return pa.struct(
                [c.with_type(typ(g, c.type)) for g, c in zip(f["fields"], children, strict=True)]
            )
        return DICT if f["type"] in STRINGS and f.get("dict") else t

    return pa.schema([a.with_type(typ(f, a.type)) for f, a in zip(spec, schema, strict=True)])


def scalars(t: str) -> st.SearchStrategy:
    """Values of a BigQuery scalar type, extremes included, as pyarrow takes them."""
    if t in STRINGS:
        return st.sampled_from(WORDS) | st.text(max_size=6)
    if t == "BYTES":
        return st.sampled_from([b"", b"\x00", b"\xff", b"\x7f\x80"]) | st.binary(max_size=6)
    if t == "INTEGER":
        return st.sampled_from([0, -1, 2**63 - 1, -(2**63)]) | st.integers(-(2**63), 2**63 - 1)
    if t == "FLOAT":
        special = [math.nan, -math.nan, math.inf, -math.inf, -0.0, 0.0, 5e-324]
        return st.sampled_from(special) | st.floats()
    if t == "NUMERIC":  # decimal128(38, 9); Decimal from text: exact, no context rounding
        return st.integers(-(10**38) + 1, 10**38 - 1).map(lambda i: decimal.Decimal(f"{i}E-9"))
    if t == "BIGNUMERIC":  # decimal256(76, 38)
        return st.integers(-(10**76) + 1, 10**76 - 1).map(lambda i: decimal.Decimal(f"{i}E-38"))
    if t == "BOOLEAN":
        return st.booleans()
    if t == "TIMESTAMP":
        return st.datetimes(timezones=st.just(dt.UTC))
    if t == "DATETIME":
        return st.datetimes()
    if t == "DATE":
        return st.dates()
    if t == "TIME":
        return st.times()
    raise AssertionError(t)


def values(f: dict) -> st.SearchStrategy:
    """A JSON-ish value of field ``f``: None for NULLABLE as often as not, lists maybe empty."""
    if f["type"] == "RECORD":
        base = st.fixed_dictionaries({c["name"]: values(c) for c in f["fields"]})
    else:
        base = scalars(f["type"])
    if f["mode"] == "REPEATED":
        return st.lists(base, max_size=3)
    if f["mode"] == "NULLABLE":
        return st.none() | base
    return base


@dataclass
class Case:
    """Rows of a schema cut into row groups of chunked, sliced tables."""

    plain: pa.Schema  # arrow_schema of the BigQuery schema
    writer: pa.Schema  # the schema the writer is given (dictionary leaves or not)
    groups: list[pa.Table]  # row groups, chunked as drawn (dictionary leaves or decoded)
    whole: list[pa.Table]  # the same row groups, each one contiguous chunk
    statistics: list[str]


def cuts(draw, n: int, most: int, empty: bool = True) -> list[int]:
    """Bounds of consecutive parts of ``n`` rows; parts may be empty if ``empty``."""
    if not empty and n < 2:
        return [0, n]
    within = st.integers(0, n) if empty else st.integers(1, n - 1)
    inner = draw(st.lists(within, max_size=most, unique=not empty))
    return [0, *sorted(inner), n]


@st.composite
def cases(draw, spec=None, max_rows: int = 25, depth: int = 2, repeats=(1, 1, 1, 1, 60)) -> Case:
    spec = draw(bq_fields(depth, top=True)) if spec is None else spec
    plain = arrow_schema(parse_fields(bare(spec), "test"))
    dicts = with_dictionaries(spec, plain)
    row = st.fixed_dictionaries({f["name"]: values(f) for f in spec})
    rows = draw(st.lists(row, min_size=1, max_size=max_rows))
    # now and then over a thousand values: integer dictionaries, runs past one header byte
    rows = rows * draw(st.sampled_from(repeats))
    # one chunk: its slices share their dictionaries, as a fleet block's do
    full = pa.Table.from_pylist(rows, schema=plain).cast(dicts)
    full.validate(full=True)
    assert full.column(0).num_chunks == 1
    start = draw(st.integers(0, len(rows) - 1))  # sliced: non-zero offsets
    n = len(rows) - start
    groups, whole = [], []
    bounds = cuts(draw, n, 3, empty=False)  # empty row groups: see test_zero_row_tables
    for a, b in itertools.pairwise(bounds):
        one = full.slice(start + a, b - a)
        inner = cuts(draw, b - a, 4)
        many = pa.concat_tables([one.slice(c, d - c) for c, d in itertools.pairwise(inner)])
        if draw(st.booleans()):  # some row groups come decoded
            one, many = one.cast(plain), many.cast(plain)
        groups.append(many)
        whole.append(one)
    writer = draw(st.sampled_from([plain, dicts]))
    flat = [f.name for f in plain]
    statistics = draw(st.lists(st.sampled_from(flat), unique=True))
    return Case(plain, writer, groups, whole, statistics)


# -- the oracle ------------------------------------------------------------------------


def ours(path: Path, schema: pa.Schema, groups: list[pa.Table], statistics=()) -> Path:
    writer = ParquetWriter(path, schema, statistics=list(statistics))
    for g in groups:
        writer.write_table(g)
    writer.close()
    return path


def appended(path: Path, schema: pa.Schema, groups: list[pa.Table], statistics=()) -> Path:
    """Row groups encoded by encoders of their own, pickled, then appended in order."""
    writer = ParquetWriter(path, schema, statistics=list(statistics))
    for g in groups:
        group = RowGroupEncoder(schema, statistics=list(statistics)).encode(g)
        writer.append(pickle.loads(pickle.dumps(group)))
    writer.close()
    return path


def theirs(path: Path, schema: pa.Schema, groups: list[pa.Table], statistics=()) -> Path:
    """pyarrow's file for the same row groups, written as write_dataset used to."""
    writer = pq.ParquetWriter(
        path,
        schema,
        compression="zstd",
        store_schema=False,
        write_statistics=list(statistics) or False,
    )
    for g in groups:
        writer.write_table(g.cast(schema), row_group_size=max(g.num_rows, 1))
    writer.close()
    return path


def canonical(value):
    """A Python value with floats as their bits: NaN equals NaN, -0.0 differs from 0.0."""
    if isinstance(value, float):
        return ("float", struct.pack("<d", value))
    if isinstance(value, decimal.Decimal):
        return ("decimal", value.as_tuple())
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return [canonical(v) for v in value]
    return value


def rows_of(table: pa.Table) -> list:
    return canonical(table.to_pylist())


def supported(t: pa.DataType) -> bool:
    """The types the writer keeps statistics of."""
    t = t.value_type if pa.types.is_dictionary(t) else t
    kinds = ("string", "binary", "int64", "timestamp", "date32", "time64")
    return any(getattr(pa.types, f"is_{k}")(t) for k in kinds)


def column_schema(pf: pq.ParquetFile) -> list[tuple]:
    out = []
    for i in range(len(pf.schema)):
        c = pf.schema.column(i)
        out.append(
            (c.path, c.physical_type, str(c.logical_type), c.converted_type,
             c.max_definition_level, c.max_repetition_level, c.length, c.precision, c.scale)
        )  # fmt: skip
    return out


def stats_of(column: pq.ColumnChunkMetaData):
    s = column.statistics
    if s is None:
        return None
    mm = (s.min_raw, s.max_raw, s.min, s.max) if s.has_min_max else None
    return (s.has_min_max, mm, s.has_null_count, s.null_count, s.num_values, s.distinct_count)


def assert_like_pyarrow(mine: Path, reference: Path, expected: pa.Table, statistics) -> None:
    """``mine`` reads as ``expected`` and has pyarrow's schema, layout and statistics."""
    got = pq.read_table(mine)
    assert got.schema == expected.schema
    if any(pa.types.is_floating(t) for t in _leaf_types(expected.schema)):
        assert rows_of(got) == rows_of(expected)  # NaN, -0.0: compared by their bits
    else:
        assert got.equals(expected)
    a, b = pq.ParquetFile(mine), pq.ParquetFile(reference)
    assert a.schema.equals(b.schema), f"{a.schema}\n!=\n{b.schema}"
    assert str(a.schema).split("\n", 1)[1] == str(b.schema).split("\n", 1)[1]
    assert column_schema(a) == column_schema(b)
    assert a.schema_arrow == b.schema_arrow
    ma, mb = a.metadata, b.metadata
    assert (ma.num_rows, ma.num_row_groups, ma.num_columns) == (
        mb.num_rows,
        mb.num_row_groups,
        mb.num_columns,
    )
    for g in range(ma.num_row_groups):
        ra, rb = ma.row_group(g), mb.row_group(g)
        assert ra.num_rows == rb.num_rows
        for i in range(ra.num_columns):
            ca, cb = ra.column(i), rb.column(i)
            where = f"row group {g}, {ca.path_in_schema}"
            assert ca.path_in_schema == cb.path_in_schema, where
            assert ca.physical_type == cb.physical_type, where
            assert ca.num_values == cb.num_values, where
            assert ca.compression == "ZSTD", where
            top = expected.schema.field(ca.path_in_schema.split(".")[0])
            flat = "." not in ca.path_in_schema
            if flat and top.name in statistics and supported(top.type):
                assert stats_of(ca) == stats_of(cb), where
                assert stats_of(ca) is not None or not ra.num_rows, where
            else:
                assert stats_of(ca) is None, where
    # a second reader: the same rows, in the same order, under DuckDB
    if expected.num_rows <= 2000:
        text = "SELECT CAST(t AS VARCHAR) FROM read_parquet(?) t"
    else:  # a checksum of every row and its position
        text = (
            "SELECT count(*), sum(hash(CAST(t AS VARCHAR))::HUGEINT) "
            "FROM read_parquet(?, file_row_number = true) t"
        )
    con = duck()
    assert (
        con.execute(text, [str(mine)]).fetchall() == con.execute(text, [str(reference)]).fetchall()
    )


@functools.cache
def duck() -> duckdb.DuckDBPyConnection:
    """One DuckDB for the module (a connection costs 30 ms); files are never cached."""
    con = duckdb.connect()
    con.execute("SET enable_external_file_cache = false")
    return con


@pytest.fixture(scope="module", autouse=True)
def _close_duckdb():
    yield
    if duck.cache_info().currsize:
        duck().close()
        duck.cache_clear()


def same_as_pyarrow(
    tmp: Path, schema: pa.Schema, groups: list[pa.Table], statistics=(), plain=None
) -> Path:
    """Our file and pyarrow's of the same row groups read alike (``plain``: the schema
    pyarrow writes, dictionaries decoded); returns ours."""
    plain = plain or schema
    mine = ours(tmp / "ours.parquet", schema, groups, statistics)
    reference = theirs(tmp / "theirs.parquet", plain, groups, statistics)
    expected = pa.concat_tables([g.cast(plain) for g in groups]) if groups else plain.empty_table()
    assert_like_pyarrow(mine, reference, expected, statistics)
    return mine


def check_case(case: Case, tmp: Path) -> None:
    mine = same_as_pyarrow(tmp, case.writer, case.groups, case.statistics, case.plain)
    # chunks and slices do not show in the bytes
    again = ours(tmp / "whole.parquet", case.writer, case.whole, case.statistics)
    assert mine.read_bytes() == again.read_bytes()
    # nor does encoding each row group apart (another process) and appending it
    apart = appended(tmp / "apart.parquet", case.writer, case.groups, case.statistics)
    assert mine.read_bytes() == apart.read_bytes()


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    return tmp_path_factory.mktemp("parquet")


# -- properties -----------------------------------------------------------------------


@settings(SLOW, max_examples=45)
@given(case=cases())
def test_random_schemas_read_back_like_pyarrow_files(case, scratch):
    """Any BigQuery schema, nulls at every level, any chunking: pyarrow's schema, rows, stats."""
    check_case(case, scratch)


ALL_TYPES = [
    {"name": f"{t.lower()}_{m.lower()}", "type": t, "mode": m, "description": "", "dict": True}
    for t in SCALARS
    for m in MODES
] + [
    {
        "name": f"record_{m.lower()}",
        "type": "RECORD",
        "mode": m,
        "description": "",
        "fields": [
            {"name": "s", "type": "STRING", "mode": "NULLABLE", "description": "", "dict": True},
            bq("b", "BOOLEAN", "REPEATED"),
            {"name": "tags", "type": "STRING", "mode": "REPEATED", "description": "", "dict": True},
            bq("n", "NUMERIC", "NULLABLE"),
            bq(
                "inner",
                "RECORD",
                "REPEATED",
                [bq("t", "TIMESTAMP", "REPEATED"), bq("j", "JSON", "NULLABLE")],
            ),
        ],
    }
    for m in MODES
]


@settings(SLOW, max_examples=10)
@given(case=cases(spec=ALL_TYPES, max_rows=30, repeats=(1, 1, 5)))
def test_every_type_in_every_mode_reads_back_like_pyarrow(case, scratch):
    """All 13 scalar types, each NULLABLE, REQUIRED and REPEATED, and records of lists."""
    check_case(case, scratch)


# -- the fleet models' data -----------------------------------------------------------


FLEET = {"dropsonde": 150, "pulp": 1100, "pace": 1100}  # pulp, pace: three blocks of sites


def fleet_table(name: str, chunk_rows: int = 1 << 62) -> tuple[pa.Table, list[str]]:
    source = load_source(ROOT / "schemas" / name)
    opts = Options.for_source(source, sites=FLEET[name], days=10, seed=11, chunk_rows=chunk_rows)
    table = pa.Table.from_batches(list(generate(source, opts)))
    flat = [f.name for f in source.schema if not f.repeated and not f.is_record]
    return table, flat


def row_groups(table: pa.Table, size: int) -> list[pa.Table]:
    return [table.slice(a, size) for a in range(0, table.num_rows, size)]


@pytest.mark.parametrize("name", list(FLEET))
def test_fleet_data_reads_the_same_in_pyarrow_and_duckdb(name, tmp_path):
    """Real generated data (dictionary strings, lists of records): pyarrow's file, row for row."""
    table, flat = fleet_table(name)
    assert any(pa.types.is_dictionary(t) for t in _leaf_types(table.schema))
    plain = decoded_schema(table.schema)  # generated batches: nested leaves are nullable
    groups = row_groups(table, 2000)  # row groups that span the generator's blocks
    mine = same_as_pyarrow(tmp_path, table.schema, groups, flat, plain)
    con = duck()
    a, b = str(mine), str(tmp_path / "theirs.parquet")
    count = "SELECT count(*) FROM read_parquet(?)"
    assert con.execute(count, [a]).fetchone() == con.execute(count, [b]).fetchone()
    assert con.execute(count, [a]).fetchone()[0] == table.num_rows
    diff = "SELECT count(*) FROM (SELECT * FROM read_parquet(?) EXCEPT ALL SELECT * FROM read_parquet(?))"
    assert con.execute(diff, [a, b]).fetchone()[0] == 0
    assert con.execute(diff, [b, a]).fetchone()[0] == 0
    # DuckDB skips row groups by their min/max: filtered counts show wrong statistics
    for column in flat:
        present = table.column(column).cast(plain.field(column).type).drop_null()
        probes = {present[0].as_py(), present[len(present) // 2].as_py(), present[-1].as_py()}
        for op in ("=", "<=", ">="):
            query = f'SELECT count(*) FROM read_parquet(?) WHERE "{column}" {op} ?'
            for v in probes:
                got = con.execute(query, [a, v]).fetchone()
                assert got == con.execute(query, [b, v]).fetchone(), (column, op, v)


def decoded_schema(schema: pa.Schema) -> pa.Schema:
    """``schema`` with its dictionary leaves as their value types."""

    def typ(t: pa.DataType) -> pa.DataType:
        if pa.types.is_dictionary(t):
            return t.value_type
        if pa.types.is_struct(t):
            return pa.struct([f.with_type(typ(f.type)) for f in t])
        if pa.types.is_list(t):
            return pa.list_(t.value_field.with_type(typ(t.value_type)))
        return t

    return pa.schema([f.with_type(typ(f.type)) for f in schema])


def _leaf_types(schema: pa.Schema) -> list[pa.DataType]:
    out = []

    def walk(t):
        if pa.types.is_struct(t):
            for i in range(t.num_fields):
                walk(t.field(i).type)
        elif pa.types.is_list(t):
            walk(t.value_type)
        else:
            out.append(t)

    for f in schema:
        walk(f.type)
    return out


@pytest.mark.parametrize("name", ["dropsonde", "pace"])
def test_fleet_files_do_not_depend_on_chunking(name, tmp_path):
    """Small generator chunks or whole blocks, row groups sliced anywhere: the same bytes."""
    whole, flat = fleet_table(name)
    small, _ = fleet_table(name, chunk_rows=97)
    assert small.column(0).num_chunks > whole.column(0).num_chunks
    a = ours(tmp_path / "a.parquet", whole.schema, row_groups(whole, 500), flat)
    b = ours(tmp_path / "b.parquet", whole.schema, row_groups(small, 500), flat)
    assert a.read_bytes() == b.read_bytes()


def test_chunking_does_not_show_in_the_bytes(tmp_path):
    """One chunk, record batches of every size, and sliced tables write byte-identical files."""
    spec = [
        bq("id", "STRING", "REQUIRED"),
        bq("ok", "BOOLEAN", "NULLABLE"),
        bq("n", "INTEGER", "REPEATED"),
        bq(
            "mods",
            "RECORD",
            "REPEATED",
            [bq("name", "STRING", "NULLABLE"), bq("v", "FLOAT", "REPEATED")],
        ),
    ]
    schema = arrow_schema(parse_fields(spec, "test"))
    rng = np.random.default_rng(5)
    rows = [
        {
            "id": f"r{i}",
            "ok": None if i % 7 == 0 else bool(i % 3),
            "n": list(range(i % 4)),
            "mods": [
                {"name": None if (i + k) % 5 == 0 else "m", "v": rng.random(k % 3).tolist()}
                for k in range(i % 3)
            ],
        }
        for i in range(300)
    ]
    one = pa.Table.from_pylist(rows, schema=schema)
    ref = ours(tmp_path / "one.parquet", schema, [one.slice(0, 130), one.slice(130)])
    for size in (1, 7, 64, 129):
        batches = one.to_batches()[0]
        parts = [batches.slice(a, size) for a in range(0, 300, size)]
        many = pa.Table.from_batches(parts)
        assert many.column(0).num_chunks > 1
        out = ours(tmp_path / f"{size}.parquet", schema, [many.slice(0, 130), many.slice(130)])
        assert out.read_bytes() == ref.read_bytes(), size
    # every column chunked its own way
    columns = [
        pa.chunked_array([c.slice(a, size) for a in range(0, 300, size)], c.type)
        for c, size in zip(one.columns, (300, 1, 13, 101), strict=True)
    ]
    mixed = pa.Table.from_arrays(columns, schema=schema)
    out = ours(tmp_path / "mixed.parquet", schema, [mixed.slice(0, 130), mixed.slice(130)])
    assert out.read_bytes() == ref.read_bytes()
    assert rows_of(pq.read_table(ref)) == rows_of(one)


# -- dictionaries -----------------------------------------------------------------------


def dictionary_table(dictionaries: list[list], indices: list[list]) -> tuple[pa.Table, pa.Schema]:
    """A top-level column of dictionary strings and a list of records of them, one chunk per
    dictionary; and the table's schema with the strings decoded."""
    item = pa.struct([pa.field("name", DICT)])
    mods = pa.list_(pa.field("element", item, nullable=False))
    top, nested = [], []
    for d, i in zip(dictionaries, indices, strict=True):
        words = d if isinstance(d, pa.Array) else pa.array(d, pa.string())
        arr = pa.DictionaryArray.from_arrays(pa.array(i, pa.int32()), words)
        top.append(arr)
        records = pa.StructArray.from_arrays([arr], fields=list(item))
        offsets = pa.array(np.arange(len(i) + 1), pa.int32())  # a list of one record a row
        nested.append(pa.ListArray.from_arrays(offsets, records, type=mods))
    schema = pa.schema([pa.field("name", DICT), pa.field("mods", mods, nullable=False)])
    table = pa.Table.from_arrays(
        [pa.chunked_array(top, DICT), pa.chunked_array(nested, mods)], schema=schema
    )
    return table, decoded_schema(schema)


def check_dictionary_table(table, plain, tmp: Path) -> pq.ParquetFile:
    return pq.ParquetFile(same_as_pyarrow(tmp, table.schema, [table], ["name"], plain))


def test_dictionary_with_duplicates_falls_back_to_plain(tmp_path):
    """Repeated dictionary values would make a dictionary page readers may reject."""
    table, plain = dictionary_table([["a", "b", "a", "c"]], [[0, 1, 2, 3, None, 2, 0]])
    pf = check_dictionary_table(table, plain, tmp_path)
    for i in range(pf.metadata.num_columns):
        assert not pf.metadata.row_group(0).column(i).has_dictionary_page


def test_chunks_with_different_dictionaries_round_trip(tmp_path):
    """Each chunk its own dictionary: values, not indices, reach the file."""
    table, plain = dictionary_table(
        [["a", "b"], ["b", "c", "a"], ["zz"]], [[0, 1, None, 1], [0, 1, 2, 2, None], [0, 0, 0]]
    )
    check_dictionary_table(table, plain, tmp_path)


def test_equal_dictionaries_in_separate_buffers_round_trip(tmp_path):
    """Chunks built apart with equal dictionaries (as blocks of a dataset) share one page."""
    table, plain = dictionary_table([["a", "b"], ["a", "b"]], [[0, 1, 1], [1, None, 0, 0]])
    pf = check_dictionary_table(table, plain, tmp_path)
    assert pf.metadata.row_group(0).column(0).has_dictionary_page


def test_empty_and_sliced_dictionaries(tmp_path):
    """A dictionary of no values (every value null), and one sliced out of a larger one."""
    table, plain = dictionary_table([[]], [[None, None, None]])
    check_dictionary_table(table, plain, tmp_path)
    words = pa.array(["q", "a", "b", "c", "d"]).slice(1, 3)
    table, plain = dictionary_table([words, words], [[2, 0, None, 1], [1, 1]])
    pf = check_dictionary_table(table, plain, tmp_path)
    assert pf.metadata.row_group(0).column(0).has_dictionary_page


@pytest.mark.parametrize("size", [1, 256, 257, 65_536, 65_537])
def test_large_dictionaries_round_trip(size, tmp_path):
    """Index widths of 8, 16 and 32 bits, at and just past each boundary."""
    words = [f"w{k:06d}" for k in range(size)][::-1]  # not in sorted order
    rng = np.random.default_rng(size)
    n = min(size * 2, 140_000)
    indices = rng.integers(0, size, n)
    indices[:2] = [0, size - 1]  # the largest index is used
    idx = indices.tolist()
    for k in range(0, n, 97):
        idx[k] = None
    table, plain = dictionary_table([words], [idx])
    pf = check_dictionary_table(table, plain, tmp_path)
    assert pf.metadata.row_group(0).column(0).has_dictionary_page


def test_row_groups_sharing_a_dictionary(tmp_path):
    """One dictionary for the whole dataset, row groups sliced from it (the fleet's layout)."""
    table, plain = dictionary_table([["x", "y", "z", "w"]], [[k % 4 for k in range(50)]])
    groups = [table.slice(0, 17), table.slice(17, 20), table.slice(37)]
    same_as_pyarrow(tmp_path, table.schema, groups, ["name"], plain)


# -- edge cases -----------------------------------------------------------------------


EDGE = [
    bq("s", "STRING", "NULLABLE"),
    bq("i", "INTEGER", "NULLABLE"),
    bq("b", "BOOLEAN", "NULLABLE"),
    bq("d", "DATE", "REQUIRED"),
    bq("tags", "STRING", "REPEATED"),
    bq(
        "mods",
        "RECORD",
        "REPEATED",
        [bq("name", "STRING", "NULLABLE"), bq("v", "INTEGER", "REPEATED")],
    ),
    bq("rec", "RECORD", "NULLABLE", [bq("x", "FLOAT", "NULLABLE")]),
]
EDGE_SCHEMA = arrow_schema(parse_fields(EDGE, "test"))
EDGE_STATS = ["s", "i", "b", "d"]


def check_rows(groups: list[pa.Table], tmp: Path, statistics=EDGE_STATS) -> None:
    same_as_pyarrow(tmp, EDGE_SCHEMA, groups, statistics)


def edge_rows(n: int, **values) -> pa.Table:
    base = {"s": "a", "i": 1, "b": True, "d": dt.date(2024, 1, 1), "tags": ["t"]}
    base |= {"mods": [{"name": "m", "v": [1]}], "rec": {"x": 1.0}}
    return pa.Table.from_pylist([base | values] * n, schema=EDGE_SCHEMA)


def zero_row_tables() -> list[pa.Table]:
    """An empty table, a table without chunks, an empty slice, then two rows."""
    no_chunks = pa.Table.from_batches([], EDGE_SCHEMA)
    assert no_chunks.column(0).num_chunks == 0
    return [EDGE_SCHEMA.empty_table(), no_chunks, edge_rows(3).slice(2, 0), edge_rows(2)]


def test_zero_row_tables(tmp_path):
    """Empty row groups: the file reads like pyarrow's (statistics aside, see below)."""
    check_rows(zero_row_tables(), tmp_path, statistics=[])


def test_statistics_of_empty_row_groups(tmp_path):
    """pyarrow writes no statistics for a row group without rows (not a null count of 0)."""
    check_rows(zero_row_tables(), tmp_path)


def test_no_row_groups_at_all(tmp_path):
    """A writer closed before any table: a valid file of no rows."""
    same_as_pyarrow(tmp_path, EDGE_SCHEMA, [])


def test_row_group_where_every_list_is_empty(tmp_path):
    check_rows(
        [edge_rows(5, tags=[], mods=[]), edge_rows(4, mods=[{"name": None, "v": []}])], tmp_path
    )


def test_all_null_columns(tmp_path):
    """Statistics of a column without a value: a null count and no min or max."""
    nulls = edge_rows(6, s=None, i=None, b=None, rec=None, mods=[{"name": None, "v": []}] * 2)
    check_rows([nulls, edge_rows(2, rec={"x": None})], tmp_path)


def test_a_single_row(tmp_path):
    check_rows([edge_rows(1)], tmp_path)
    check_rows([edge_rows(1, s=None, tags=[], rec=None)], tmp_path)


def test_long_runs_and_long_lists(tmp_path):
    """Level runs past one header byte (64+), lists of thousands of items, 1-bit booleans."""
    rows = [
        {"s": None if k < 5000 else "x", "i": k, "b": k % 3 == 0, "d": dt.date(1900, 1, 1),
         "tags": ["t"] * (k % 5), "mods": [{"name": None, "v": list(range(3000))}] if k == 7 else [],
         "rec": None if k % 1000 < 900 else {"x": -0.0}}
        for k in range(9000)
    ]  # fmt: skip
    table = pa.Table.from_pylist(rows, schema=EDGE_SCHEMA)
    check_rows([table.slice(0, 6000), table.slice(6000)], tmp_path)


def test_long_strings_read_back(tmp_path):
    check_rows([edge_rows(2, s="x" * 5000), edge_rows(1, s="y" * 4097)], tmp_path, statistics=[])


@pytest.mark.parametrize(("low", "high"), [(4096, 4096), (1, 4097), (4097, 4097)])
def test_statistics_of_long_strings(low, high, tmp_path):
    """pyarrow leaves out min and max when either is longer than 4,096 bytes (its default
    max_statistics_size), keeping the null count."""
    check_rows([edge_rows(1, s="a" * low), edge_rows(1, s="b" * high)], tmp_path)
    check_rows(
        [pa.concat_tables([edge_rows(1, s="a" * low), edge_rows(1, s="b" * high)])], tmp_path
    )


def test_a_table_of_another_schema_is_refused(tmp_path):
    writer = ParquetWriter(tmp_path / "x.parquet", EDGE_SCHEMA)
    other = pa.table({"s": pa.array(["a"])})
    with pytest.raises(ValueError, match="schema differs"):
        writer.write_table(other)
    writer.close()


def test_values_hidden_under_nulls_do_not_show(tmp_path):
    """Child data under a null record, and indices or bytes under a null value, are not rows."""
    rec_type = pa.struct(
        [
            pa.field("tags", pa.list_(pa.field("element", DICT, False)), nullable=False),
            pa.field("name", DICT),
            pa.field("n", pa.int64(), nullable=False),
        ]
    )
    schema = pa.schema([pa.field("s", pa.string()), pa.field("rec", rec_type)])
    words = pa.array(["a", "b"])
    tag_values = pa.DictionaryArray.from_arrays(pa.array([0, 1, 0, 1, 1], pa.int32()), words)
    tags = pa.ListArray.from_arrays(
        pa.array([0, 2, 4, 4, 5], pa.int32()), tag_values, type=rec_type.field("tags").type
    )
    # row 2's name is null over an index (99) outside the dictionary
    valid = pa.array([True, True, False, True]).buffers()[1]
    indices = pa.array([0, 1, 99, 1], pa.int32()).buffers()[1]
    name = pa.DictionaryArray.from_buffers(DICT, 4, [valid, indices], dictionary=words)
    rec = pa.StructArray.from_arrays(
        [tags, name, pa.array([1, 2, 3, 4])],
        fields=list(rec_type),
        mask=pa.array([False, True, False, False]),  # row 1: a null record over data
    )
    text = pa.array(["x", "zzz", "y", "w"])
    s = pa.Array.from_buffers(
        pa.string(), 4, [pa.array([True, False, True, True]).buffers()[1], *text.buffers()[1:]]
    )
    table = pa.Table.from_arrays([s, rec], schema=schema)
    table.validate(full=True)
    assert table.to_pylist()[1] == {"s": None, "rec": None}
    plain = decoded_schema(schema)
    for group in (table, table.slice(1), table.slice(1, 2)):
        same_as_pyarrow(tmp_path, schema, [group], ["s"], plain)
    # the same rows without anything under their nulls: the same bytes
    clean_tags = pa.ListArray.from_arrays(
        pa.array([0, 2, 2, 2, 3], pa.int32()),
        pa.DictionaryArray.from_arrays(pa.array([0, 1, 1], pa.int32()), words),
        type=rec_type.field("tags").type,
    )
    clean_name = pa.DictionaryArray.from_arrays(pa.array([0, None, None, 1], pa.int32()), words)
    clean_rec = pa.StructArray.from_arrays(
        [clean_tags, clean_name, pa.array([1, 0, 3, 4])],
        fields=list(rec_type),
        mask=pa.array([False, True, False, False]),
    )
    clean = pa.Table.from_arrays([pa.array(["x", None, "y", "w"]), clean_rec], schema=schema)
    assert clean.to_pylist() == table.to_pylist()
    a = ours(tmp_path / "a.parquet", schema, [table], ["s"])
    b = ours(tmp_path / "b.parquet", schema, [clean], ["s"])
    assert a.read_bytes() == b.read_bytes()


def test_sibling_lists_keep_their_own_levels(tmp_path):
    """Lists side by side in one record (and in a list of records) have levels of their own."""
    spec = [
        {
            "name": "rec",
            "type": "RECORD",
            "mode": mode,
            "description": "",
            "fields": [
                bq("a", "INTEGER", "REPEATED"),
                bq("b", "INTEGER", "REPEATED"),
                bq("c", "STRING", "REPEATED"),
            ],
        }
        for mode in ("REQUIRED", "NULLABLE")
    ]
    spec[1]["name"] = "opt"
    spec.append({**spec[0], "name": "many", "mode": "REPEATED"})
    schema = arrow_schema(parse_fields(spec, "test"))
    rec = [{"a": [1, 2, 3], "b": [4], "c": []}, {"a": [], "b": [5, 6], "c": ["x", "y", "z"]}]
    rows = [{"rec": r, "opt": r, "many": [r, rec[1 - k]]} for k, r in enumerate(rec)]
    table = pa.Table.from_pylist(rows * 3, schema=schema)
    same_as_pyarrow(tmp_path, schema, [table, table.slice(1)], ["rec"])


def test_null_dictionary_values_are_nulls(tmp_path):
    """An index pointing at a null dictionary entry is a null value, not an empty string."""
    arr = pa.DictionaryArray.from_arrays(pa.array([0, 1, 2, 1], pa.int32()), ["a", None, "c"])
    table = pa.table({"s": arr})
    plain = pa.schema([pa.field("s", pa.string())])
    same_as_pyarrow(tmp_path, table.schema, [table], ["s"], plain)


# -- integer dictionaries ---------------------------------------------------------------


INTS = [
    bq("n", "INTEGER", "NULLABLE"),
    bq("t", "TIMESTAMP", "REQUIRED"),
    bq("local", "DATETIME", "NULLABLE"),
    bq("d", "DATE", "NULLABLE"),
    bq("clock", "TIME", "NULLABLE"),
    bq("counts", "INTEGER", "REPEATED"),
]
INT_SCHEMA = arrow_schema(parse_fields(INTS, "test"))
INT_STATS = ["n", "t", "local", "d", "clock"]


def int_table(rows: int, distinct: int, low: int, seed: int = 0) -> pa.Table:
    """Integer-backed columns of ``rows`` rows, each over ``distinct`` values from ``low`` on
    (moved into the range of its type), every tenth-or-so value null."""
    rng = np.random.default_rng(seed)

    def draw(n: int, lo: int, hi: int) -> np.ndarray:
        lo = min(max(low, lo), hi - distinct)
        picks = rng.integers(0, distinct, n)
        picks[: min(n, distinct)] = np.arange(min(n, distinct))  # every value, if room
        return np.int64(lo) + picks

    def col(values, typ, nulls=True):
        mask = (np.arange(len(values)) % 11 == 3) if nulls else None
        base = pa.int32() if typ == pa.date32() else pa.int64()
        return pa.array(values, base, mask=mask).cast(typ)

    lengths = rng.integers(0, 4, rows)
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int32)
    counts = pa.ListArray.from_arrays(
        pa.array(offsets),
        pa.array(draw(int(offsets[-1]), -(2**63), 2**63 - 1)),
        type=INT_SCHEMA.field("counts").type,
    )
    columns = [
        col(draw(rows, -(2**63), 2**63 - 1), pa.int64()),
        col(draw(rows, -(10**14), 10**14), INT_SCHEMA.field("t").type, nulls=False),
        col(draw(rows, -(10**14), 10**14), pa.timestamp("us")),
        col(draw(rows, -719_162, 2_932_896), pa.date32()),  # 0001-01-01 to 9999-12-31
        col(draw(rows, 0, 86_400_000_000), pa.time64("us")),
        counts,
    ]
    return pa.Table.from_arrays(columns, schema=INT_SCHEMA)


@pytest.mark.parametrize(
    ("rows", "distinct", "low", "dictionary"),
    [
        (1023, 3, 0, False),  # too few values for a dictionary
        (1024, 1, 5, True),
        (1500, 256, -(2**63), True),  # the smallest int64 in the dictionary; 8-bit indices
        (1500, 257, 2**63 - 300, True),  # the largest nearly; 16-bit indices
        (5000, 1250, -40_000, True),  # a quarter of the values distinct
        (5000, 1251, -40_000, False),
        (265_000, 65_536, 17, True),  # the most a dictionary holds
        (265_000, 65_537, 17, False),
    ],
)
def test_integer_columns_with_few_distinct_values(rows, distinct, low, dictionary, tmp_path):
    """Integers, timestamps, dates and times that repeat (counts, days) read back exactly."""
    table = int_table(rows, distinct, low)
    tail = max(rows - 1200, rows // 2)
    groups = [table, table.slice(tail)]
    mine = same_as_pyarrow(tmp_path, INT_SCHEMA, groups, INT_STATS)
    # the column without nulls ("t") is written with a dictionary when it pays
    assert pq.ParquetFile(mine).metadata.row_group(0).column(1).has_dictionary_page == dictionary
    # chunked and sliced differently: the same bytes
    chunked = pa.Table.from_batches(table.to_batches(max_chunksize=997))
    again = ours(tmp_path / "again.parquet", INT_SCHEMA, [chunked, chunked.slice(tail)], INT_STATS)
    assert mine.read_bytes() == again.read_bytes()


def test_dataset_file_has_exactly_the_schema_of_the_source(root, tmp_path):
    """REQUIRED nested fields stay REQUIRED in the file (a BigQuery load reads its modes)."""
    from fakedata.write import PARQUET, write_dataset

    for name in ("dropsonde", "pulp", "pace"):
        source = load_source(root / "schemas" / name)
        write_dataset(source, Options.for_source(source, sites=30, days=14), tmp_path / name)
        got = pq.read_schema(tmp_path / name / PARQUET)
        assert got.equals(arrow_schema(source.schema)), name
