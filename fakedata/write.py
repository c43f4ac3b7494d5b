"""Writers: a generated dataset to Parquet (pyarrow's) and BigQuery JSON Lines, atomically.

A dataset directory holds ``part-00000.parquet``, optionally ``part-00000.jsonl``, and
``dataset.json`` (seed, as-of date, arguments, row count). It is written under a
temporary name and renamed into place, so an interrupted run leaves the previous
dataset whole.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import multiprocessing as mp
import os
import shutil
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from fakedata.arrow import arrow_schema, described_schema
from fakedata.generate import Plan, decoded
from fakedata.jsonl import lines
from fakedata.manifest import JSONL, MANIFEST, PARQUET, Manifest
from fakedata.population import block_count
from wbcore.errors import UserError

if TYPE_CHECKING:
    from fakedata.generate import Options
    from fakedata.schema import Schema
    from fakedata.source import Source

GROUP_BLOCKS = 2  # blocks of sites per row group: the file's layout, never tuned per run
MAX_GROUP_ROWS = 1 << 20  # rows of a row group at most (blocks of many weeks are cut)
JSON_ROWS = 512  # rows turned into Python objects at a time by the JSON Lines writer
JSON_BATCH_ROWS = 2048  # rows rendered at a time by fakedata.jsonl (its text stays small)


def write_dataset(
    source: Source,
    options: Options,
    directory: Path,
    jsonl: bool = False,
    progress: Callable[[int], None] | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> Manifest:
    """Generate ``source`` with ``options`` into ``directory`` (replaced atomically).

    ``meanwhile`` is called once while the first row groups are being generated, for the
    caller's own preparation to overlap with them (the workbench imports DuckDB then).
    """
    directory = Path(directory)
    try:
        directory.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(
            f"cannot create output directory ({exc.strerror})", file=directory.parent
        ) from None
    _refuse_foreign(directory)
    _remove_abandoned(directory)
    tmp = directory.parent / f".{directory.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        with _terminate_as_interrupt():
            manifest = _write(source, options, tmp, jsonl, progress, meanwhile)
            _swap_into_place(tmp, directory)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return manifest


def _refuse_foreign(directory: Path) -> None:
    """Replace only a directory this tool made: one holding a workbench dataset.json."""
    if not directory.exists() and not directory.is_symlink():
        return
    if directory.is_symlink() or not directory.is_dir():
        raise UserError(
            "exists and is not a dataset directory (a file or a link); move it away or "
            "choose another --out",
            file=directory,
        )
    if not any(directory.iterdir()):
        return
    try:
        Manifest.read(directory)
    except UserError:
        raise UserError(
            f"exists and holds no workbench {MANIFEST}: it was not made by `workbench "
            "fake-data`, so it is left alone; move it away or choose another --out",
            file=directory,
        ) from None


def _remove_abandoned(directory: Path) -> None:
    """Temporary directories a killed run left beside ``directory`` (their process is gone)."""
    for leftover in directory.parent.glob(f".{directory.name}.*-*"):
        kind, _, pid = leftover.name.rpartition("-")
        if not kind.endswith((".tmp", ".old")) or not pid.isdigit() or _alive(int(pid)):
            continue
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM during a run cleans up like Ctrl-C (SIGKILL still leaves the old dataset whole)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def parquet_writer(path: Path, physical: pa.Schema, schema: Schema) -> pq.ParquetWriter:
    """pyarrow's writer for batches of ``physical``, a file whose Arrow schema is ``schema``'s.

    ``physical`` is the generator's schema: ``arrow_schema`` with the string leaves of
    fleet model columns dictionary-encoded (``fakedata.generate``). pyarrow writes such
    arrays as a dictionary page and their indices, without hashing a string (decoding
    them to hand pyarrow the exact types took longer than writing the file), but would
    store their dictionary type as the file's Arrow schema (``ARROW:schema``). That is
    replaced by ``described_schema(schema)``, which is what pyarrow stores for the same
    rows given with the exact types (and the BigQuery modes and descriptions): pyarrow
    and pandas read the exact types from it, REQUIRED fields non-nullable.
    """

    described = described_schema(schema)
    writer = pq.ParquetWriter(
        path,
        physical.with_metadata(described.metadata),
        **PARQUET_OPTIONS,
        # min/max of flat columns (DuckDB skips row groups by them); none for nested
        # ones: no reader uses them, and for list leaves they cost more than the data
        write_statistics=[f.name for f in schema if not f.repeated and not f.is_record],
    )
    stored = base64.b64encode(described.serialize().to_pybytes())
    writer.add_key_value_metadata({"ARROW:schema": stored})  # replaces pyarrow's
    return writer


# pyarrow's ParquetWriter settings (besides statistics, see parquet_writer). Measured
# on 20,000 Dropsonde sites (215,200 reports, 25 M nested elements) on 2 cores:
PARQUET_OPTIONS: dict[str, Any] = {
    # zstd at its default level 1: 43 MB in 1.07 s; level 3 is 10 % smaller and 20 %
    # slower, snappy and lz4 as fast and 1.6 to 2.3 times larger
    "compression": "zstd",
    "compression_level": 1,
    # dictionary pages for every column: fleet strings arrive dictionary-encoded, and
    # counts and site ids repeat from report to report (PLAIN for the nested columns
    # took twice as long and wrote twice the bytes); pyarrow falls back to PLAIN by
    # itself when a column chunk's dictionary passes 1 MB (unique ids)
    "use_dictionary": True,
    "dictionary_pagesize_limit": 1 << 20,
    # pyarrow's page defaults (1 MB, at most 20,000 rows): pages of 8 MB were no faster
    "data_page_size": 1 << 20,
    "max_rows_per_page": 20_000,
    # LIST as the Parquet format spells it (list / element), which BigQuery reads as
    # REPEATED with list inference on (workbench publish)
    "use_compliant_nested_type": True,
    # the Arrow schema in the footer; parquet_writer stores the exact one
    "store_schema": True,
    "version": "2.6",
}


def _write(
    source: Source,
    options: Options,
    tmp: Path,
    jsonl: bool,
    progress: Callable[[int], None] | None,
    meanwhile: Callable[[], None] | None = None,
) -> Manifest:
    """The dataset's files into the fresh directory ``tmp``; returns its manifest.

    Row group ``g`` holds blocks ``g * GROUP_BLOCKS`` onwards (at most MAX_GROUP_ROWS
    rows), whatever the number of processes: the blocks are generated apart from the
    writer (``_generated``) and written in order, each a chunk of its row group, so the
    file is the same byte for byte.
    """

    plan = Plan(source, options)
    # Block 0 first, here: it draws every dataset-wide vocabulary, which the workers
    # then inherit (and the task of row group 0 reuses the block itself).
    first, first_sites = plan.block(0)
    job = _Job(
        plan=plan,
        first=first,
        first_sites=first_sites,
        target=arrow_schema(source.schema),
        lists=[f.name for f in source.schema if f.repeated],
        jsonl=tmp if jsonl else None,
    )
    blocks = block_count(options.sites)
    tasks = [(lo, min(lo + GROUP_BLOCKS, blocks)) for lo in range(0, blocks, GROUP_BLOCKS)]
    rows = elements = 0
    files = [PARQUET] + ([JSONL] if jsonl else [])
    writer = parquet_writer(tmp / PARQUET, first.schema, source.schema)
    try:
        # closed on an error too: the workers stop before the caller removes ``tmp``
        with (
            closing(_generated(job, tasks, options, meanwhile)) as generated,
            (tmp / JSONL).open("wb") if jsonl else _nothing() as json_out,
        ):
            for done in generated:
                table = pa.Table.from_batches(done.batches, first.schema)
                writer.write_table(table, row_group_size=MAX_GROUP_ROWS)
                rows += table.num_rows
                del table
                done.batches.clear()  # freed now, not once the next row group is there
                if json_out is not None and done.jsonl is not None:
                    with done.jsonl.open("rb") as part:
                        shutil.copyfileobj(part, json_out, 1 << 20)
                    done.jsonl.unlink()
                elements += done.elements
                if progress is not None:
                    progress(done.sites)
    finally:
        writer.close()
    manifest = Manifest(
        source=source.name,
        table=source.table,
        seed=options.seed,
        as_of=options.as_of.isoformat(),
        sites=options.sites,
        days=options.days,
        rows=rows,
        files=files,
        elements=rows + elements,
        arguments={
            "source": source.name,
            "sites": options.sites,
            "days": options.days,
            "seed": options.seed,
            "as_of": options.as_of.isoformat(),
            "cadence_days": source.cadence_days,
            "jsonl": jsonl,
        },
        source_dir=str(source.directory.resolve()),
        schema_fingerprint=source.schema.fingerprint(),
    )
    (tmp / MANIFEST).write_text(json.dumps(asdict(manifest), indent=2) + "\n", "utf-8")
    return manifest


@contextmanager
def _nothing() -> Iterator[None]:
    yield None


@dataclass
class _Job:
    """What every row group's task needs (inherited by forked workers, not pickled)."""

    plan: Any  # fakedata.generate.Plan
    first: pa.RecordBatch  # block 0
    first_sites: int  # sites in block 0
    target: pa.Schema
    lists: list[str]
    jsonl: Path | None  # where tasks write their row group's JSON Lines, if wanted


@dataclass
class _Done:
    """A row group's blocks, generated (sent back from a worker process, or a thread)."""

    batches: list[pa.RecordBatch]  # one per block, in order
    jsonl: Path | None  # the row group's JSON Lines (a file the writer appends, then removes)
    elements: int  # list items
    sites: int  # sites up to the end of the group


_JOB: _Job | None = None  # the job of forked workers


def _generated(
    job: _Job,
    tasks: list[tuple[int, int]],
    options: Options,
    meanwhile: Callable[[], None] | None = None,
) -> Iterator[_Done]:
    """Each task's blocks, in order, generated while the caller writes the previous ones.

    pyarrow encodes and compresses without holding the GIL, so one generating thread
    (``options.threads``) overlaps with the writer; forked worker processes
    (``options.workers``) generate several row groups at once. A few row groups are in
    flight at most, so memory does not grow with the population.
    """

    workers = min(options.workers(jsonl=job.jsonl is not None), len(tasks))
    if workers > 1 and "fork" in mp.get_all_start_methods():
        yield from _in_processes(job, tasks, workers, meanwhile)
        return
    if options.threads == 0:
        if meanwhile is not None:
            meanwhile()
        for lo, hi in tasks:
            yield _generate(job, lo, hi)
        return

    with ThreadPoolExecutor(options.threads, thread_name_prefix="fakedata") as pool:
        # one task ahead per thread: the writer is faster than a generating thread
        yield from _in_order(pool, job, tasks, options.threads, meanwhile)


def _in_order(
    pool: Any, job: _Job | None, tasks: list[tuple[int, int]], ahead: int, meanwhile: Any
) -> Iterator[_Done]:
    """Tasks run by ``pool`` (``ahead`` in flight), their results in task order."""

    todo = iter(tasks)
    running = deque(pool.submit(_generate_task, job, *t) for t in islice(todo, ahead))
    if meanwhile is not None:  # the workers run now
        meanwhile()
    try:
        while running:
            done = running.popleft().result()
            task = next(todo, None)
            if task is not None:
                running.append(pool.submit(_generate_task, job, *task))
            yield done
    finally:
        for future in running:
            future.cancel()


def _in_processes(
    job: _Job, tasks: list[tuple[int, int]], workers: int, meanwhile: Any
) -> Iterator[_Done]:
    """``_in_order`` in forked worker processes; a worker that dies is a clear error.

    A dead worker (killed, out of memory) ends the run with an error, not a hang.
    """

    global _JOB
    _JOB = job
    try:
        with ProcessPoolExecutor(
            workers,
            mp_context=mp.get_context("fork"),
            initializer=_exit_with_parent,
            initargs=(os.getpid(),),
        ) as pool:
            try:
                # two tasks per worker: the next is ready when one is sent back
                yield from _in_order(pool, None, tasks, 2 * workers, meanwhile)
            except BrokenProcessPool:
                raise UserError(
                    "fake-data: a worker process died (killed, or out of memory?); "
                    "try fewer --processes; the previous dataset is unchanged"
                ) from None
    finally:
        _JOB = None


def _exit_with_parent(parent: int) -> None:
    """A worker ends when the command does: a killed fake-data leaves no orphans behind.

    Idle workers wait on a pipe their siblings also hold open, so they would not notice
    the end of the command: a thread checks the parent every 0.2 s (an orphan's parent
    is whichever process adopted it).
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _generate_task(job: _Job | None, lo: int, hi: int) -> _Done:
    """``_generate`` of the given job, or (in a forked worker) of the inherited one."""
    job = job or _JOB
    assert job is not None
    return _generate(job, lo, hi)


def _generate(job: _Job, lo: int, hi: int) -> _Done:
    """Blocks ``lo`` to ``hi`` (exclusive) of one row group, and their JSON Lines."""

    batches, sites = [], 0
    for block in range(lo, hi):
        batch, sites = (job.first, job.first_sites) if block == 0 else job.plan.block(block)
        batches.append(batch)
    elements = sum(
        int(pc.sum(pc.list_value_length(b.column(name))).as_py() or 0)
        for b in batches
        for name in job.lists
    )
    text = None
    if job.jsonl is not None:  # straight to a file: a row group's JSON is ~60 MB of text
        text = job.jsonl / f".rows-{lo:06d}.jsonl"
        with text.open("wb") as out:
            for batch in batches:
                _write_json_lines(batch, job.target, out)
    return _Done(batches, text, elements, sites)


def _swap_into_place(tmp: Path, directory: Path) -> None:
    old = directory.parent / f".{directory.name}.old-{os.getpid()}"
    if directory.exists():
        directory.rename(old)
    tmp.rename(directory)
    shutil.rmtree(old, ignore_errors=True)


def _write_json_lines(batch: pa.RecordBatch, target: pa.Schema, out: Any) -> None:
    """A block's JSON Lines into the binary file ``out``: column by column with Arrow
    (``fakedata.jsonl``), or row by row for what that does not render exactly."""

    for start in range(0, batch.num_rows, JSON_BATCH_ROWS):
        part = batch.slice(start, JSON_BATCH_ROWS)
        text = lines(part)
        if text is None:
            slow = io.StringIO()
            write_jsonl_batch(decoded(part, target), slow)
            text = slow.getvalue().encode("utf-8")
        out.write(text)


def write_jsonl_batch(batch: pa.RecordBatch, out: Any) -> None:
    """One BigQuery load-job JSON line per row: BYTES base64, TIMESTAMP as text.

    Converted a slice at a time: Python objects of a whole block cost ten times its
    Arrow memory.
    """
    for start in range(0, batch.num_rows, JSON_ROWS):
        for row in batch.slice(start, JSON_ROWS).to_pylist():
            out.write(json.dumps(row, default=_json_value, separators=(",", ":")) + "\n")


def _json_value(value: Any) -> Any:
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            # isoformat: four-digit years (strftime writes the year 999 as "999")
            utc = value.astimezone(dt.UTC).replace(tzinfo=None)
            return utc.isoformat(sep=" ", timespec="microseconds") + " UTC"
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def iter_rows(batches: Iterable[pa.RecordBatch]) -> Iterable[dict[str, Any]]:
    for batch in batches:
        yield from batch.to_pylist()
