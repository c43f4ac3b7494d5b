"""BigQuery JSON schemas: load plugin partial schemas, validate, merge.

A source directory holds one JSON file per plugin (a JSON array of BigQuery field
objects, as in ``bq show --schema``) and optionally a system-fields file that is merged
first, as Dropsonde does. Validation is strict because a schema mistake here would make
every query developed on the fake data wrong on BigQuery.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wbcore.errors import UserError
from wbcore.types import SPELLINGS
from wbcore.types import TYPES as BQ_TYPES

# Legacy and standard SQL spellings accepted in BigQuery JSON schemas → the canonical name.
TYPES: dict[str, str] = SPELLINGS
MODES = ("NULLABLE", "REQUIRED", "REPEATED")
# BigQuery: "A column can have at most 15 levels of nested RECORD types" (schema limits).
MAX_RECORD_DEPTH = 15
# Keys BigQuery's schema format knows; anything else is most likely a typo.
KNOWN_KEYS = {
    "name",
    "type",
    "mode",
    "description",
    "fields",
    "policyTags",
    "maxLength",
    "precision",
    "scale",
    "defaultValueExpression",
    "collation",
    "roundingMode",
    "rangeElementType",
    "dataPolicies",
    "foreignTypeDefinition",
}
NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,299}$")

# SQL type names used when a schema is rendered as a SQL type (for sqlglot / DuckDB).
SQL_TYPES: dict[str, str] = {name: t.sql for name, t in BQ_TYPES.items()}


@dataclass(frozen=True)
class Field:
    """One BigQuery column or nested field."""

    name: str
    type: str  # canonical, see TYPES
    mode: str = "NULLABLE"
    description: str = ""
    fields: tuple[Field, ...] = ()
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def repeated(self) -> bool:
        return self.mode == "REPEATED"

    @property
    def is_record(self) -> bool:
        return self.type == "RECORD"

    def sql_type(self) -> str:
        """BigQuery SQL type, e.g. ``ARRAY<STRUCT<name STRING, count INT64>>``."""
        if self.is_record:
            inner = ", ".join(f"{f.name} {f.sql_type()}" for f in self.fields)
            base = f"STRUCT<{inner}>"
        else:
            base = SQL_TYPES[self.type]
        return f"ARRAY<{base}>" if self.repeated else base

    def to_json(self) -> dict[str, Any]:
        """The field as it was declared (key order kept), for printing the merged schema."""
        return dict(self.raw) if self.raw else _field_to_json(self)

    def walk(self, prefix: str = "") -> Iterator[tuple[str, Field]]:
        path = f"{prefix}{self.name}"
        yield path, self
        for f in self.fields:
            yield from f.walk(path + ".")


def _field_to_json(f: Field) -> dict[str, Any]:
    out: dict[str, Any] = {"name": f.name, "type": f.type, "mode": f.mode}
    if f.description:
        out["description"] = f.description
    if f.fields:
        out["fields"] = [_field_to_json(c) for c in f.fields]
    return out


@dataclass(frozen=True)
class Schema:
    """The merged table schema of a source, in column order."""

    fields: tuple[Field, ...]
    files: tuple[Path, ...] = ()

    def __iter__(self) -> Iterator[Field]:
        return iter(self.fields)

    def __len__(self) -> int:
        return len(self.fields)

    def __getitem__(self, name: str) -> Field:
        for f in self.fields:
            if f.name.lower() == name.lower():
                return f
        raise KeyError(name)

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    def to_json(self) -> list[dict[str, Any]]:
        return [f.to_json() for f in self.fields]

    def sql_types(self) -> dict[str, str]:
        """Column name → BigQuery SQL type, the mapping sqlglot's qualifier takes."""
        return {f.name: f.sql_type() for f in self.fields}

    def walk(self) -> Iterator[tuple[str, Field]]:
        for f in self.fields:
            yield from f.walk()

    def fingerprint(self) -> str:
        """SHA-256 of the columns' names, types and modes, nested fields included (not the
        descriptions): stored with a dataset, it tells when the schema has changed since."""
        shape = [(path.lower(), f.type, f.mode) for path, f in self.walk()]
        return hashlib.sha256(json.dumps(shape).encode()).hexdigest()


def parse_fields(data: Any, where: str) -> tuple[Field, ...]:
    """Validate a JSON array of BigQuery field objects; ``where`` names the file."""
    if not isinstance(data, list):
        raise UserError("a schema must be a JSON array of field objects", file=where)
    fields = tuple(_parse_field(item, where, f"[{i}]") for i, item in enumerate(data))
    _reject_duplicates(fields, where, "")
    return fields


def _parse_field(item: Any, where: str, path: str) -> Field:
    if not isinstance(item, dict):
        raise UserError(f"field {path} must be a JSON object", file=where)
    name = item.get("name")
    label = f"{path} ({name})" if isinstance(name, str) else path
    for key in ("name", "type", "description"):
        if key not in item:
            raise UserError(f"field {label} has no {key!r}", file=where)
    unknown = sorted(set(item) - KNOWN_KEYS)
    if unknown:
        raise UserError(
            f"field {label} has unknown key(s) {', '.join(map(repr, unknown))}", file=where
        )
    if not isinstance(name, str) or not NAME_RE.match(name):
        raise UserError(
            f"field {label}: name {name!r} is not a valid BigQuery column name "
            "(letters, digits and underscores, not starting with a digit)",
            file=where,
        )
    label = name if path.startswith("[") else path
    raw_type = item["type"]
    if not isinstance(raw_type, str) or raw_type.upper() not in TYPES:
        raise UserError(
            f"field {label!r}: unknown type {raw_type!r} "
            f"(expected one of {', '.join(sorted(set(TYPES.values())))})",
            file=where,
        )
    ftype = TYPES[raw_type.upper()]
    mode = item.get("mode", "NULLABLE")
    if not isinstance(mode, str) or mode.upper() not in MODES:
        raise UserError(
            f"field {label!r}: unknown mode {mode!r} (expected {', '.join(MODES)})", file=where
        )
    if not isinstance(item["description"], str):
        raise UserError(f"field {label!r}: description must be a string", file=where)
    children: tuple[Field, ...] = ()
    if ftype == "RECORD":
        sub = item.get("fields")
        if not isinstance(sub, list) or not sub:
            raise UserError(f"field {label!r} is a RECORD but has no 'fields'", file=where)
        if label.count(".") + 1 > MAX_RECORD_DEPTH:
            raise UserError(
                f"field {label.split('.')[0]!r}: RECORDs nested more than {MAX_RECORD_DEPTH} "
                "levels deep (BigQuery's limit)",
                file=where,
            )
        children = tuple(
            _parse_field(c, where, f"{label}.{c.get('name', i) if isinstance(c, dict) else i}")
            for i, c in enumerate(sub)
        )
        _reject_duplicates(children, where, f"{label}.")
    elif "fields" in item:
        raise UserError(f"field {label!r} has 'fields' but its type is {raw_type}", file=where)
    return Field(
        name=name,
        type=ftype,
        mode=mode.upper(),
        description=item["description"],
        fields=children,
        raw=item,
    )


def _reject_duplicates(fields: tuple[Field, ...], where: str, prefix: str) -> None:
    seen: set[str] = set()
    for f in fields:
        key = f.name.lower()  # BigQuery column names are case-insensitive
        if key in seen:
            raise UserError(f"duplicate column name '{prefix}{f.name}'", file=where)
        seen.add(key)


def read_schema_file(path: Path) -> tuple[Field, ...]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError(f"cannot read schema file ({exc.strerror})", file=path) from None
    except UnicodeDecodeError:
        raise UserError("schema file is not UTF-8 text", file=path) from None
    try:
        data = json.loads(text)
        return parse_fields(data, str(path))
    except json.JSONDecodeError as exc:
        raise UserError(f"invalid JSON: {exc.msg}", file=path, line=exc.lineno) from None
    except RecursionError:
        raise UserError(
            f"nested too deeply (RECORDs go at most {MAX_RECORD_DEPTH} levels deep)", file=path
        ) from None


def load_schema(directory: Path, system_fields: str | None = None) -> Schema:
    """Merge a source directory's plugin schemas (sorted by file name) after its system fields.

    Duplicate column names across plugins are an error, as in Dropsonde.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise UserError("schema directory not found", file=directory)
    files = sorted(p for p in directory.glob("*.json") if p.is_file())
    system = directory / system_fields if system_fields else None
    if system is not None and not system.is_file():
        raise UserError("system fields file named in source.toml not found", file=system)
    ordered = ([system] if system else []) + [p for p in files if p != system]
    if not [p for p in ordered if p != system]:
        raise UserError("no plugin schema (*.json) found", file=directory)
    merged: list[Field] = []
    owner: dict[str, Path] = {}
    for path in ordered:
        for f in read_schema_file(path):
            key = f.name.lower()
            if key in owner:
                raise UserError(
                    f"duplicate column name {f.name!r} (already declared in {owner[key].name})",
                    file=path,
                )
            owner[key] = path
            merged.append(f)
    return Schema(fields=tuple(merged), files=tuple(ordered))
