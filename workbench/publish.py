"""``workbench publish``: the generated dataset as a BigQuery table, with the source's exact schema.

The public example table lets anyone try the project's queries on BigQuery itself. It is
loaded from the generated Parquet (a load job: free, and BYTES/TIMESTAMP/nested values
arrive exactly), replaces the table whole (WRITE_TRUNCATE), and is checked afterwards:
a table whose row count or schema differs from what was generated is an error, not a
published example.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow.parquet as pq
from google.api_core import exceptions as api
from google.cloud import bigquery

from fakedata.arrow import arrow_schema
from fakedata.manifest import PARQUET, Manifest
from wbcore.errors import UserError
from workbench.engines.base import format_bytes
from workbench.engines.bigquery import api_errors, bounded_retry, schema_fields

if TYPE_CHECKING:
    from google.cloud import bigquery

    from fakedata.source import Source

# project (optionally domain-scoped, e.g. example.com:project) . dataset . table
_TABLE_ID = re.compile(
    r"^(?P<project>(?:[a-z0-9.\-]+:)?[a-z][a-z0-9\-]{4,28}[a-z0-9])"
    r"\.(?P<dataset>[A-Za-z0-9_]{1,1024})"
    r"\.(?P<table>[\w\- ]{1,1024})$"
)


@dataclass(frozen=True)
class TableId:
    project: str
    dataset: str
    table: str

    def __str__(self) -> str:
        return f"{self.project}.{self.dataset}.{self.table}"


@dataclass(frozen=True)
class PublishResult:
    table: TableId
    rows: int
    table_bytes: int
    uploaded_bytes: int
    link: str
    seconds: float

    def summary(self) -> str:
        return (
            f"published {self.rows:,} rows to {self.table} ({format_bytes(self.table_bytes)} "
            f"in BigQuery, {format_bytes(self.uploaded_bytes)} of Parquet uploaded) "
            f"in {self.seconds:.1f}s\n{self.link}"
        )


_PARTS = (
    ("project", r"(?:[a-z0-9.\-]+:)?[a-z][a-z0-9\-]{4,28}[a-z0-9]",
     "6 to 30 lowercase letters, digits and hyphens, starting with a letter"),
    ("dataset", r"[A-Za-z0-9_]{1,1024}", "letters, digits and underscores"),
    ("table", r"[\w\- ]{1,1024}", "letters, digits, underscores, hyphens and spaces"),
)  # fmt: skip


def parse_table_id(text: str) -> TableId:
    """PROJECT.DATASET.TABLE, or one UserError saying which part is wrong and why."""
    m = _TABLE_ID.match(text or "")
    if m:
        return TableId(m["project"], m["dataset"], m["table"])
    parts = (text or "").rsplit(".", 2)
    example = "e.g. my-project.community.community_metrics"
    if len(parts) != 3:
        raise UserError(
            f"--table {text!r}: has {len(parts)} part(s) where PROJECT.DATASET.TABLE has "
            f"three, separated by dots ({example})"
        )
    for (name, pattern, rule), part in zip(_PARTS, parts, strict=True):
        if not re.fullmatch(pattern, part):
            raise UserError(f"--table {text!r}: the {name} {part!r} must be {rule} ({example})")
    raise UserError(f"--table {text!r}: expected PROJECT.DATASET.TABLE ({example})")


def table_link(table: TableId, endpoint: str | None) -> str:
    """Where a person can look at the table: the Cloud console, or the local server's API."""
    if endpoint:
        return (
            f"{endpoint}/bigquery/v2/projects/{table.project}/datasets/{table.dataset}"
            f"/tables/{table.table}"
        )
    return (
        f"https://console.cloud.google.com/bigquery?p={table.project}"
        f"&d={table.dataset}&t={table.table}&page=table"
    )


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def publish(
    source: Source,
    directory: Path,
    table: TableId,
    client: bigquery.Client,
    location: str | None = None,
    endpoint: str | None = None,
    progress: Callable[[str], None] = _stderr,
) -> PublishResult:
    """Load ``directory``'s generated Parquet into ``table`` (replaced), creating its dataset."""

    started = time.perf_counter()
    manifest = Manifest.read(directory)
    parquet = Path(directory) / PARQUET
    if manifest.source != source.name or not parquet.is_file():
        raise UserError(
            f"no generated {source.name} dataset here; run "
            f"`workbench fake-data --source {source.name}` first",
            file=directory,
        )
    _check_generated_schema(source, parquet)
    schema = schema_fields(source.schema)
    where = f"publish {table}"

    with api_errors(where, client):
        dataset_ref = bigquery.DatasetReference(table.project, table.dataset)
        try:
            dataset = client.get_dataset(dataset_ref, retry=bounded_retry())
            if location and dataset.location and dataset.location.lower() != location.lower():
                raise UserError(
                    f"dataset {table.project}.{table.dataset} is in "
                    f"{dataset.location}, not {location}",
                    file=where,
                )
        except api.NotFound:
            progress(f"creating dataset {table.project}.{table.dataset} in {location or 'US'}")
            dataset = bigquery.Dataset(dataset_ref)
            dataset.location = location or "US"
            client.create_dataset(dataset, exists_ok=True, retry=bounded_retry())

        config = bigquery.LoadJobConfig(
            source_format=bigquery.SourceFormat.PARQUET,
            schema=schema,
            write_disposition=bigquery.WriteDisposition.WRITE_TRUNCATE,
            create_disposition=bigquery.CreateDisposition.CREATE_IF_NEEDED,
        )
        # pyarrow writes REPEATED fields as Parquet LIST; BigQuery reads them as arrays
        # (not as a record holding a "list" field) only with list inference on.
        options = bigquery.ParquetOptions()
        options.enable_list_inference = True
        config.parquet_options = options
        size = parquet.stat().st_size
        progress(f"uploading {parquet} ({format_bytes(size)}, {manifest.rows:,} rows) to {table}")
        with parquet.open("rb") as fh:
            job = client.load_table_from_file(
                fh,
                bigquery.TableReference(dataset_ref, table.table),
                job_config=config,
                location=location,
            )
        progress(f"load job {job.job_id} running")
        job.result(retry=bounded_retry())
        loaded = client.get_table(
            bigquery.TableReference(dataset_ref, table.table), retry=bounded_retry()
        )
        # Whoever finds the public table must see at once that it holds no real reports.
        loaded.description = describe(source, manifest)
        loaded = client.update_table(loaded, ["description"], retry=bounded_retry())

    if loaded.num_rows != manifest.rows:
        raise UserError(
            f"the table holds {loaded.num_rows} rows, but {manifest.rows} were generated",
            file=where,
        )
    if _shape(loaded.schema) != _shape(schema):
        raise UserError(f"the table's schema differs from the {source.name} schema", file=where)
    return PublishResult(
        table=table,
        rows=int(loaded.num_rows),
        table_bytes=int(loaded.num_bytes or 0),
        uploaded_bytes=size,
        link=table_link(table, endpoint),
        seconds=time.perf_counter() - started,
    )


def describe(source: Source, manifest: Any) -> str:
    return (
        f"Randomized example data, not real reports. {source.description} "
        f"Generated by the telemetry workbench (fake-data seed {manifest.seed}, "
        f"{manifest.sites} sites, {manifest.days} days to {manifest.as_of})."
    ).replace("  ", " ")


def _shape(fields: list[Any]) -> list[tuple[Any, ...]]:
    """Names, types, modes and nesting of a schema (what a query depends on)."""
    return [
        (f.name.lower(), f.field_type, f.mode or "NULLABLE", tuple(_shape(list(f.fields))))
        for f in fields
    ]


def _check_generated_schema(source: Source, parquet: Path) -> None:
    """The Parquet must have been generated from the source's current schema."""

    try:
        written = pq.read_schema(parquet)
    except Exception:
        raise UserError("not a readable Parquet file", file=parquet) from None
    if not written.remove_metadata().equals(arrow_schema(source.schema)):
        raise UserError(
            f"{parquet} was generated from another version of the {source.name} schema; "
            f"run `workbench fake-data --source {source.name}` again"
        )
