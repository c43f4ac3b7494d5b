"""Writers: a generated dataset to Parquet (and BigQuery JSON Lines), atomically.

A dataset directory holds ``part-00000.parquet``, optionally ``part-00000.jsonl``, and
``dataset.json`` (seed, as-of date, arguments, row count). It is written under a
temporary name and renamed into place, so an interrupted run leaves the previous
dataset whole.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wbcore.errors import UserError

if TYPE_CHECKING:
    import pyarrow as pa

    from fakedata.generate import Options
    from fakedata.source import Source

MANIFEST = "dataset.json"
PARQUET = "part-00000.parquet"
JSONL = "part-00000.jsonl"
GROUP_BLOCKS = 2  # blocks of sites per row group: the file's layout, never tuned per run
MAX_GROUP_ROWS = 1 << 20  # rows of a row group at most (blocks of many weeks are cut)
JSON_ROWS = 512  # rows turned into Python objects at a time by the JSON Lines writer
JSON_BATCH_ROWS = 2048  # rows rendered at a time by fakedata.jsonl (its text stays small)


@dataclass(frozen=True)
class Manifest:
    """What a dataset directory holds and how it was made."""

    source: str
    table: str
    seed: int
    as_of: str
    sites: int
    days: int
    rows: int
    files: list[str]
    elements: int = 0  # rows plus list items: the unit of the fake-data benchmark
    arguments: dict[str, Any] = field(default_factory=dict)  # everything that made the data

    @classmethod
    def read(cls, directory: Path) -> Manifest:
        path = Path(directory) / MANIFEST
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(**data)
        except FileNotFoundError:
            raise UserError(
                f"{path}: no generated dataset here (run `workbench fake-data`)"
            ) from None
        except (OSError, ValueError, TypeError) as exc:
            raise UserError(f"{path}: unreadable dataset manifest ({exc})") from None


def write_dataset(
    source: Source,
    options: Options,
    directory: Path,
    jsonl: bool = False,
    progress: Callable[[int], None] | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> Manifest:
    """Generate ``source`` with ``options`` into ``directory`` (replaced atomically).

    ``meanwhile`` is called once while worker processes generate, for the caller's own
    preparation to overlap with them (the workbench imports DuckDB then).

    Row groups are fixed ranges of blocks of sites and nested columns carry no
    statistics (nothing reads them, and they cost more than the data): the file depends
    only on the rows. The Parquet file is written by ``fakedata.parquet`` (pyarrow's
    layout, a fraction of its cost).
    """
    from fakedata.arrow import system_allocator

    directory = Path(directory)
    try:
        directory.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(
            f"{directory.parent}: cannot create output directory ({exc.strerror})"
        ) from None
    tmp = directory.parent / f".{directory.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        with system_allocator():
            manifest = _write(source, options, tmp, jsonl, progress, meanwhile)
        _swap_into_place(tmp, directory)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return manifest


def _write(
    source: Source,
    options: Options,
    tmp: Path,
    jsonl: bool,
    progress: Callable[[int], None] | None,
    meanwhile: Callable[[], None] | None = None,
) -> Manifest:
    """The dataset's files into the fresh directory ``tmp``; returns its manifest.

    Row group ``g`` holds blocks ``g * GROUP_BLOCKS`` onwards, whatever the number of
    processes: the groups are generated and encoded by ``options.processes`` forked
    workers and appended in order, so the file is the same byte for byte.
    """
    from fakedata.arrow import arrow_schema
    from fakedata.generate import Plan
    from fakedata.parquet import ParquetWriter
    from fakedata.population import block_count

    plan = Plan(source, options)
    # Block 0 first, here: it draws every dataset-wide vocabulary, which the workers
    # then inherit (and the worker of group 0 reuses the block itself).
    first, first_sites = plan.block(0)
    flat = [f.name for f in source.schema if not f.repeated and not f.is_record]
    writer = ParquetWriter(tmp / PARQUET, first.schema, statistics=flat)
    job = _Job(
        plan=plan,
        first=first,
        first_sites=first_sites,
        encoder=writer.encoder,
        target=arrow_schema(source.schema),
        lists=[f.name for f in source.schema if f.repeated],
        jsonl=tmp if jsonl else None,
    )
    blocks = block_count(options.sites)
    tasks = [(lo, min(lo + GROUP_BLOCKS, blocks)) for lo in range(0, blocks, GROUP_BLOCKS)]
    rows = elements = 0
    files = [PARQUET] + ([JSONL] if jsonl else [])
    with writer, (tmp / JSONL).open("wb") if jsonl else _nothing() as json_out:
        for done in _encoded(job, tasks, options.processes, meanwhile):
            for group in done.groups:
                writer.append(group)
                rows += group.rows
            if json_out is not None and done.jsonl is not None:
                with done.jsonl.open("rb") as part:
                    shutil.copyfileobj(part, json_out, 1 << 20)
                done.jsonl.unlink()
            elements += done.elements
            if progress is not None:
                progress(done.sites)
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
    )
    (tmp / MANIFEST).write_text(json.dumps(asdict(manifest), indent=2) + "\n", "utf-8")
    return manifest


@contextmanager
def _nothing() -> Iterator[None]:
    yield None


@dataclass
class _Job:
    """What every row group's worker needs (inherited by forked workers, not pickled)."""

    plan: Any  # fakedata.generate.Plan
    first: pa.RecordBatch  # block 0
    first_sites: int  # sites in block 0
    encoder: Any  # fakedata.parquet.RowGroupEncoder
    target: pa.Schema
    lists: list[str]
    jsonl: Path | None  # where workers write their row group's JSON Lines, if wanted


@dataclass
class _Done:
    """A row group's result, sent back from a worker."""

    groups: list[Any]  # fakedata.parquet.RowGroup, in order
    jsonl: Path | None  # the row group's JSON Lines (a file the writer appends, then removes)
    elements: int  # list items
    sites: int  # sites up to the end of the group


_JOB: _Job | None = None  # the job of forked workers


def _encoded(
    job: _Job,
    tasks: list[tuple[int, int]],
    processes: int,
    meanwhile: Callable[[], None] | None = None,
) -> Iterator[_Done]:
    """Each task's row group, in order; in forked worker processes when there are several.

    Processes, not threads: generating and encoding are many NumPy calls on arrays of a
    few thousand items, and threads spent their time waiting for the GIL (two threads
    ran no faster than one; two processes run nearly twice as fast). At most two row
    groups per worker are in flight, so memory does not grow with the population. A
    worker that dies (killed, out of memory) ends the run with an error, not a hang.
    """
    import multiprocessing as mp
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    from itertools import islice

    global _JOB
    workers = min(processes, len(tasks))
    if workers <= 1 or "fork" not in mp.get_all_start_methods():
        for lo, hi in tasks:
            yield _encode(job, lo, hi)
        if meanwhile is not None:
            meanwhile()
        return
    _JOB = job
    try:
        with ProcessPoolExecutor(
            workers,
            mp_context=mp.get_context("fork"),
            initializer=_die_with_parent,
            initargs=(os.getpid(),),
        ) as pool:
            todo = iter(tasks)
            running = deque(pool.submit(_encode_task, t) for t in islice(todo, 2 * workers))
            if meanwhile is not None:  # the workers run now
                meanwhile()
            while running:
                try:
                    done = running.popleft().result()
                except BrokenProcessPool:
                    raise UserError(
                        "fake-data: a worker process died (killed, or out of memory?); "
                        "try fewer --processes; the previous dataset is unchanged"
                    ) from None
                task = next(todo, None)
                if task is not None:
                    running.append(pool.submit(_encode_task, task))
                yield done
    finally:
        _JOB = None


def _die_with_parent(parent: int) -> None:
    """A worker ends when the command does: a killed fake-data leaves no orphans behind.

    Idle workers wait on a pipe their siblings also hold open, so they would not notice
    (Linux: the kernel sends them SIGKILL when the parent dies).
    """
    import ctypes
    import signal
    from contextlib import suppress

    with suppress(OSError, AttributeError):  # not Linux: no such call
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before prctl
        os._exit(1)


def _encode_task(task: tuple[int, int]) -> _Done:
    assert _JOB is not None
    return _encode(_JOB, *task)


def _encode(job: _Job, lo: int, hi: int) -> _Done:
    """Blocks ``lo`` to ``hi`` (exclusive) generated and encoded as one row group."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from fakedata.arrow import release_free_memory

    batches, sites = [], 0
    for block in range(lo, hi):
        batch, sites = (job.first, job.first_sites) if block == 0 else job.plan.block(block)
        batches.append(batch)
    table = pa.Table.from_batches(batches)
    # long windows make big blocks: a row group holds at most MAX_GROUP_ROWS rows
    groups = [
        job.encoder.encode(table.slice(start, MAX_GROUP_ROWS))
        for start in range(0, max(table.num_rows, 1), MAX_GROUP_ROWS)
    ]
    elements = sum(
        int(pc.sum(pc.list_value_length(table.column(name))).as_py() or 0) for name in job.lists
    )
    text = None
    if job.jsonl is not None:  # straight to a file: a row group's JSON is ~60 MB of text
        text = job.jsonl / f".rows-{lo:06d}.jsonl"
        with text.open("wb") as out:
            for batch in batches:
                _write_json_lines(batch, job.target, out)
    del table, batches
    release_free_memory()
    return _Done(groups, text, elements, sites)


def _swap_into_place(tmp: Path, directory: Path) -> None:
    old = directory.parent / f".{directory.name}.old-{os.getpid()}"
    if directory.exists():
        directory.rename(old)
    tmp.rename(directory)
    shutil.rmtree(old, ignore_errors=True)


def _write_json_lines(batch: pa.RecordBatch, target: pa.Schema, out: Any) -> None:
    """A block's JSON Lines into the binary file ``out``: column by column with Arrow
    (``fakedata.jsonl``), or row by row for what that does not render exactly."""
    import io

    from fakedata.generate import decoded
    from fakedata.jsonl import lines

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
