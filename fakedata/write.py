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
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fakedata.errors import UserError

if TYPE_CHECKING:
    import pyarrow as pa

    from fakedata.generate import Options
    from fakedata.source import Source

MANIFEST = "dataset.json"
PARQUET = "part-00000.parquet"
JSONL = "part-00000.jsonl"
ROW_GROUP_ROWS = 16_384  # fixed, so the file does not depend on how batches were chunked
JSON_ROWS = 512  # rows turned into Python objects at a time by the JSON Lines writer
WHOLE_BLOCKS = 1 << 62  # chunk size asking ``generate`` for one batch per block of sites


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
) -> Manifest:
    """Generate ``source`` with ``options`` into ``directory`` (replaced atomically).

    Row groups have a fixed size and nested columns carry no statistics (nothing reads
    them, and they cost more than the data): the file depends only on the rows.
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
            manifest = _write(source, options, tmp, jsonl, progress)
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
) -> Manifest:
    """The dataset's files into the fresh directory ``tmp``; returns its manifest."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from fakedata.arrow import arrow_schema, release_free_memory
    from fakedata.generate import decoded, generate

    rows = elements = 0
    files = [PARQUET] + ([JSONL] if jsonl else [])
    target = arrow_schema(source.schema)
    flat = [f.name for f in source.schema if not f.repeated and not f.is_record]
    lists = [f.name for f in source.schema if f.repeated]
    json_out = (tmp / JSONL).open("w", encoding="utf-8") if jsonl else None
    writer: pq.ParquetWriter | None = None
    pending: list[pa.RecordBatch] = []
    buffered = 0

    def flush(n: int) -> None:
        nonlocal pending, buffered
        table = pa.Table.from_batches(pending)
        group, rest = table.slice(0, n), table.slice(n)
        assert writer is not None
        writer.write_table(group, row_group_size=n)
        pending = rest.to_batches() if rest.num_rows else []
        buffered = rest.num_rows
        release_free_memory()

    # Whole blocks, whatever the caller's chunk size: the writer cuts pages where its
    # input arrays end, so the file's bytes depend on the chunk layout it is given.
    # Blocks are fixed by the data; the row groups are sliced from them without a copy.
    whole = replace(options, chunk_rows=WHOLE_BLOCKS)
    for batch in generate(source, whole, progress):
        if writer is None:
            writer = pq.ParquetWriter(
                tmp / PARQUET,
                batch.schema,
                compression="zstd",
                write_statistics=flat,
                store_schema=False,
            )
        rows += batch.num_rows
        for name in lists:
            elements += int(pc.sum(pc.list_value_length(batch.column(name))).as_py() or 0)
        if json_out is not None:
            write_jsonl_batch(decoded(batch, target), json_out)
        pending.append(batch)
        buffered += batch.num_rows
        while buffered >= ROW_GROUP_ROWS:
            flush(ROW_GROUP_ROWS)
    if writer is None:
        writer = pq.ParquetWriter(tmp / PARQUET, target, compression="zstd")
    if buffered:
        flush(buffered)
    writer.close()
    if json_out is not None:
        json_out.close()
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


def _swap_into_place(tmp: Path, directory: Path) -> None:
    old = directory.parent / f".{directory.name}.old-{os.getpid()}"
    if directory.exists():
        directory.rename(old)
    tmp.rename(directory)
    shutil.rmtree(old, ignore_errors=True)


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
            return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f UTC")
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def iter_rows(batches: Iterable[pa.RecordBatch]) -> Iterable[dict[str, Any]]:
    for batch in batches:
        yield from batch.to_pylist()
