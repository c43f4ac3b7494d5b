"""Schema-driven fake telemetry data: BigQuery JSON schemas in, Arrow/Parquet out.

This package never imports ``workbench``; the workbench builds on it.
"""

from fakedata.schema import Field, Schema, load_schema
from fakedata.source import Source, load_source
from wbcore.errors import UserError

__all__ = ["Field", "Schema", "Source", "UserError", "load_schema", "load_source"]
