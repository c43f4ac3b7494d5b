"""The dataset's Parquet file (pyarrow's writer, ``fakedata.write``): the generated rows, the
source's exact schema with its BigQuery modes and descriptions, the same bytes whatever the
worker count, and a file DuckDB and pandas read as they read pyarrow's own file of the rows.

The expectations come from elsewhere: the rows from ``fakedata.generate``, the schema from
the BigQuery JSON, the reference file from ``pyarrow.parquet.write_table`` with its defaults.
"""

from __future__ import annotations

import dataclasses
import decimal
import functools
import hashlib
import json
import struct
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings

from fakedata import load_source
from fakedata.arrow import arrow_schema
from fakedata.generate import Options, generate
from fakedata.write import GROUP_BLOCKS, PARQUET, parquet_writer, write_dataset
from tests.fakedata.strategies import ALL_TYPES, SLOW, Case, cases
from wbcore.errors import UserError

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ["dropsonde", "pulp", "pace"]
SITES = 1100  # three blocks of 512 sites: two row groups, the second of one block


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


def reference(path: Path, table: pa.Table) -> Path:
    """pyarrow's own file of ``table`` (exact types, metadata and all), default settings."""
    pq.write_table(table, path)
    return path


def assert_read_alike(ours: Path, ref: Path) -> None:
    """Both files have one Parquet schema and Arrow schema, and DuckDB reads the same rows."""
    a, b = pq.ParquetFile(ours), pq.ParquetFile(ref)
    # the Parquet schema itself (repetition, logical types): REQUIRED stays REQUIRED
    assert a.schema.equals(b.schema), f"{a.schema}\n!=\n{b.schema}"
    # the Arrow schema stored in the footer: what pyarrow stores for the exact types
    assert a.metadata.metadata[b"ARROW:schema"] == b.metadata.metadata[b"ARROW:schema"]
    assert a.metadata.num_rows == b.metadata.num_rows
    # the same rows in the same order, as DuckDB reads them (it ignores ARROW:schema)
    text = (
        "SELECT count(*), sum(hash(file_row_number, CAST(t AS VARCHAR))::HUGEINT) "
        "FROM read_parquet(?, file_row_number = true) t"
    )
    con = duck()
    assert con.execute(text, [str(ours)]).fetchone() == con.execute(text, [str(ref)]).fetchone()


def write_case(path: Path, case: Case) -> Path:
    """The case's row groups through ``parquet_writer``, given as the writer's schema."""
    writer = parquet_writer(path, case.writer, case.schema)
    for group in case.groups:
        writer.write_table(group.cast(case.writer))
    writer.close()
    return path


def check_case(case: Case, tmp: Path) -> None:
    ours = write_case(tmp / "ours.parquet", case)
    expected = pa.concat_tables([g.cast(case.plain) for g in case.groups])
    got = pq.read_table(ours)
    assert got.schema.equals(case.plain)
    assert canonical(got.to_pylist()) == canonical(expected.to_pylist())
    described = pq.read_schema(ours)  # the schema's metadata, onto the reference's rows
    assert_read_alike(ours, reference(tmp / "ref.parquet", expected.cast(described)))
    meta = pq.ParquetFile(ours).metadata
    for g in range(meta.num_row_groups):
        for i in range(meta.num_columns):
            column = meta.row_group(g).column(i)
            assert column.compression == "ZSTD"
            # statistics for flat columns only
            assert column.is_stats_set == ("." not in column.path_in_schema), column


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    return tmp_path_factory.mktemp("parquet")


@settings(SLOW, max_examples=40)
@given(case=cases())
def test_random_schemas_read_back_as_written(case, scratch):
    """Any BigQuery schema, nulls at every level, dictionary strings or not, any chunking."""
    check_case(case, scratch)


@settings(SLOW, max_examples=8)
@given(case=cases(spec=ALL_TYPES, max_rows=30, repeats=(1, 1, 5)))
def test_every_type_in_every_mode_reads_back_as_written(case, scratch):
    """All 13 scalar types, each NULLABLE, REQUIRED and REPEATED, and records of lists."""
    check_case(case, scratch)


# -- datasets of the fleet models -----------------------------------------------------


def dataset(name: str, tmp: Path, **options) -> tuple[Path, Options]:
    source = load_source(ROOT / "schemas" / name)
    opts = Options.for_source(source, **{"sites": SITES, "days": 21, "seed": 11} | options)
    write_dataset(source, opts, tmp / name)
    return tmp / name / PARQUET, opts


def generated(name: str, opts: Options) -> pa.Table:
    """The rows ``fakedata.generate`` yields, with the schema's exact types."""
    source = load_source(ROOT / "schemas" / name)
    batches = list(generate(source, opts))
    return pa.Table.from_batches(batches).cast(arrow_schema(source.schema))


@pytest.mark.parametrize("name", SOURCES)
def test_dataset_rows_are_the_generated_rows(name, tmp_path):
    """pyarrow, DuckDB and pandas read the generated rows, as from pyarrow's own file."""
    ours, opts = dataset(name, tmp_path)
    want = generated(name, opts)
    got = pq.read_table(ours)
    assert got.num_rows == want.num_rows > 0
    assert got.equals(want)
    ref = reference(tmp_path / "ref.parquet", want.cast(pq.read_schema(ours)))
    assert_read_alike(ours, ref)
    con = duck()
    diff = "SELECT count(*) FROM (SELECT * FROM read_parquet(?) EXCEPT ALL SELECT * FROM read_parquet(?))"
    assert con.execute(diff, [str(ours), str(ref)]).fetchone() == (0,)
    assert con.execute(diff, [str(ref), str(ours)]).fetchone() == (0,)
    # DuckDB skips row groups by their min/max: filtered counts show wrong statistics
    counts = "SELECT count(*) FROM read_parquet(?) WHERE timestamp >= ?"
    stamps = want.column("timestamp").to_pylist()
    for probe in (stamps[0], stamps[len(stamps) // 2], max(stamps)):
        expected = sum(t >= probe for t in stamps)
        assert con.execute(counts, [str(ours), probe]).fetchone() == (expected,)
    # pandas: the same frame as from pyarrow's file, timestamps in UTC
    frame = pd.read_parquet(ours)
    pd.testing.assert_frame_equal(frame, pd.read_parquet(ref))
    assert str(frame["timestamp"].dtype) == "datetime64[us, UTC]"


def bigquery_fields(f: dict, arrow: pa.Field) -> None:
    """``arrow`` is the BigQuery JSON field ``f``: name, mode, description, nesting."""
    mode = f.get("mode", "NULLABLE").upper()
    where = f["name"]
    assert arrow.name == f["name"], where
    assert arrow.metadata[b"mode"].decode() == mode, where
    assert arrow.metadata.get(b"description", b"").decode() == f.get("description", ""), where
    assert arrow.nullable == (mode == "NULLABLE"), where
    typ = arrow.type
    if mode == "REPEATED":
        assert pa.types.is_list(typ) and not typ.value_field.nullable, where
        typ = typ.value_type
    if f.get("fields"):
        assert pa.types.is_struct(typ) and typ.num_fields == len(f["fields"]), where
        for k, child in enumerate(f["fields"]):
            bigquery_fields(child, typ.field(k))


@pytest.mark.parametrize("name", SOURCES)
def test_the_file_carries_the_bigquery_schema(name, tmp_path):
    """The source's exact Arrow schema, REQUIRED fields REQUIRED in the Parquet schema too,
    and the BigQuery schema (`workbench schema`) in the file's metadata."""
    ours, _ = dataset(name, tmp_path, sites=30, days=14)
    source = load_source(ROOT / "schemas" / name)
    got = pq.read_schema(ours)
    assert got.equals(arrow_schema(source.schema))
    # the Parquet schema alone, without the stored Arrow schema, says as much
    assert pq.ParquetFile(ours).schema.to_arrow_schema().equals(arrow_schema(source.schema))
    declared = source.schema.to_json()
    assert json.loads(got.metadata[b"bigquery.schema"]) == declared
    assert len(declared) == len(got)
    for f, arrow in zip(declared, got, strict=True):
        bigquery_fields(f, arrow)


def test_row_groups_are_fixed_ranges_of_blocks(tmp_path):
    """Row group ``g`` holds the rows of blocks ``g * GROUP_BLOCKS`` onwards."""
    ours, opts = dataset("dropsonde", tmp_path)
    source = load_source(ROOT / "schemas" / "dropsonde")
    # rows per block of sites: generate yields a block as one batch if chunks are large
    blocks = [b.num_rows for b in generate(source, dataclasses.replace(opts, chunk_rows=1 << 30))]
    want = [sum(blocks[i : i + GROUP_BLOCKS]) for i in range(0, len(blocks), GROUP_BLOCKS)]
    meta = pq.ParquetFile(ours).metadata
    assert [meta.row_group(g).num_rows for g in range(meta.num_row_groups)] == want
    assert len(want) == 2


def test_the_bytes_do_not_depend_on_threads_or_processes(tmp_path):
    """Generated in the writer's thread, in another thread, in two or three processes."""
    digests = set()
    for processes, threads in ((1, 0), (1, 1), (2, 1), (3, 0)):
        ours, _ = dataset(
            "pace", tmp_path / f"{processes}-{threads}", processes=processes, threads=threads
        )
        digests.add(hashlib.sha256(ours.read_bytes()).hexdigest())
    assert len(digests) == 1
    other, _ = dataset("pace", tmp_path / "other", seed=12)
    assert hashlib.sha256(other.read_bytes()).hexdigest() not in digests


def test_a_failure_half_way_leaves_the_previous_dataset(tmp_path, monkeypatch):
    """An error while the second row group is generated: the first dataset stays whole."""
    import fakedata.write as write

    ours, _ = dataset("pulp", tmp_path)
    before = ours.read_bytes()
    real = write._generate

    def failing(job, lo, hi):
        if lo > 0:
            raise UserError("generation failed")
        return real(job, lo, hi)

    monkeypatch.setattr(write, "_generate", failing)
    with pytest.raises(UserError, match="generation failed"):
        dataset("pulp", tmp_path, seed=12)
    assert ours.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pulp"]  # no temporary directory
