"""Same arguments and seed: byte-identical Parquet, whatever the chunking, threads or processes."""

from __future__ import annotations

import hashlib
import json

import pyarrow as pa

from fakedata.generate import Options
from fakedata.write import PARQUET, write_dataset


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_byte_identical_across_chunk_sizes_and_threads(dropsonde, tmp_path):
    made = []
    cpus = pa.cpu_count()
    try:
        # 1,100 sites: three blocks, two row groups (two blocks, then one); encoded here,
        # by two and by three worker processes (more than there are row groups)
        runs = [(8192, 2, 1, 1), (97, 1, 0, 2), (1000, 2, 3, 3)]
        for i, (chunk, threads, workers, processes) in enumerate(runs):
            pa.set_cpu_count(threads)
            opts = Options.for_source(
                dropsonde, sites=1100, days=30, seed=7, chunk_rows=chunk, threads=workers,
                processes=processes,
            )  # fmt: skip
            write_dataset(dropsonde, opts, tmp_path / str(i))
            made.append(digest(tmp_path / str(i) / PARQUET))
    finally:
        pa.set_cpu_count(cpus)
    assert made[0] == made[1] == made[2]
    other = Options.for_source(dropsonde, sites=1100, days=30, seed=8)
    write_dataset(dropsonde, other, tmp_path / "other")
    assert digest(tmp_path / "other" / PARQUET) != made[0]


def test_manifest_records_seed_as_of_and_arguments(dropsonde, tmp_path):
    import datetime as dt

    opts = Options.for_source(dropsonde, sites=5, days=14, seed=3, as_of=dt.date(2025, 1, 2))
    m = write_dataset(dropsonde, opts, tmp_path / "d")
    data = json.loads((tmp_path / "d" / "dataset.json").read_text())
    assert data["seed"] == 3 and data["as_of"] == "2025-01-02" and data["sites"] == 5
    assert data["arguments"]["days"] == 14 and data["rows"] == m.rows > 0
    assert data["elements"] > data["rows"]


def test_generated_batches_do_not_depend_on_worker_threads(dropsonde):
    from fakedata.generate import generate

    def table(threads: int, chunk: int) -> pa.Table:
        opts = Options.for_source(
            dropsonde, sites=1100, days=14, seed=5, threads=threads, chunk_rows=chunk
        )
        return pa.Table.from_batches(list(generate(dropsonde, opts)))

    serial = table(0, 4096)
    assert serial.num_rows > 0
    assert table(2, 333).equals(serial)


def test_negative_worker_counts_are_refused(dropsonde):
    import pytest

    from wbcore.errors import UserError

    with pytest.raises(UserError, match="threads must not be negative"):
        Options.for_source(dropsonde, sites=5, threads=-1)
    with pytest.raises(UserError, match="processes must be at least 1"):
        Options.for_source(dropsonde, sites=5, processes=-2)


def test_dictionary_with_repeated_values_is_made_unique():
    import numpy as np
    import pyarrow.compute as pc

    from fakedata.dropsonde import _dict

    dictionary = pa.array(["1.0", "2.0", "1.0", "3.0", "2.0"])
    indices = np.array([0, 1, 2, 3, 4, 2, 0], np.int32)
    arr = _dict(indices, dictionary)
    assert len(pc.unique(arr.dictionary)) == len(arr.dictionary) == 3
    assert arr.cast(pa.string()).to_pylist() == [dictionary[i].as_py() for i in indices]
    unique = pa.array(["a", "b"])
    assert _dict(np.array([1, 0], np.int32), unique).dictionary.equals(unique)


def test_every_source_is_byte_identical_run_after_run(root, tmp_path):
    """Recycled memory must not reach the file (a repeated dictionary value once did)."""
    from fakedata import load_source

    for name in ("pulp", "pace", "dropsonde"):
        source = load_source(root / "schemas" / name)
        opts = Options.for_source(source, sites=40, days=14, seed=3)
        made = []
        for i in range(2):
            junk = [pa.array([i + 1] * 200_000) for _ in range(10)]  # dirty the allocator
            del junk
            write_dataset(source, opts, tmp_path / name / str(i))
            made.append(digest(tmp_path / name / str(i) / PARQUET))
        assert made[0] == made[1], name


def test_json_lines_do_not_depend_on_processes(dropsonde, tmp_path):
    """Workers write their row group's lines to files the writer appends in order."""
    made = []
    for processes in (1, 3):
        opts = Options.for_source(dropsonde, sites=1100, days=7, seed=2, processes=processes)
        write_dataset(dropsonde, opts, tmp_path / str(processes), jsonl=True)
        directory = tmp_path / str(processes)
        assert sorted(p.name for p in directory.iterdir()) == [
            "dataset.json",
            "part-00000.jsonl",
            "part-00000.parquet",
        ]
        made.append((directory / "part-00000.jsonl").read_bytes())
    assert made[0] == made[1]
    assert made[0].count(b"\n") == json.loads((tmp_path / "1" / "dataset.json").read_text())["rows"]


def test_a_worker_that_dies_ends_the_run_with_an_error(dropsonde, tmp_path, monkeypatch):
    """Killed (say, by the kernel's OOM killer): a clear error, no hang, nothing written."""
    import os

    import pytest

    import fakedata.write as write
    from wbcore.errors import UserError

    real = write._encode

    def dying(job, lo, hi):  # forked workers inherit the patch
        if lo >= 2:
            os._exit(9)
        return real(job, lo, hi)

    monkeypatch.setattr(write, "_encode", dying)
    opts = Options.for_source(dropsonde, sites=2100, days=7, seed=1, processes=2)
    with pytest.raises(UserError, match="a worker process died"):
        write_dataset(dropsonde, opts, tmp_path / "d")
    assert not (tmp_path / "d").exists()
    assert not list(tmp_path.iterdir())  # no temporary directory left behind


def test_big_blocks_are_cut_into_row_groups_of_bounded_size(dropsonde, tmp_path, monkeypatch):
    """Long windows make big blocks; row groups stay under MAX_GROUP_ROWS, same bytes."""
    import pyarrow.parquet as pq

    import fakedata.write as write
    from fakedata.generate import generate

    monkeypatch.setattr(write, "MAX_GROUP_ROWS", 1000)
    made = []
    for processes in (1, 2):
        opts = Options.for_source(dropsonde, sites=1100, days=28, seed=4, processes=processes)
        write_dataset(dropsonde, opts, tmp_path / str(processes))
        made.append(digest(tmp_path / str(processes) / PARQUET))
    assert made[0] == made[1]
    meta = pq.ParquetFile(tmp_path / "1" / PARQUET).metadata
    sizes = [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
    assert max(sizes) == 1000 and meta.num_row_groups > 2  # more than one per task
    got = pq.read_table(tmp_path / "1" / PARQUET)
    want = pa.Table.from_batches(list(generate(dropsonde, opts)))
    assert got.num_rows == want.num_rows == sum(sizes)
    assert got.column("message_id").equals(want.column("message_id").cast(pa.string()))
