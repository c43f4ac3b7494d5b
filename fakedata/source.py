"""A telemetry source: its schema directory and the settings in ``source.toml``.

A directory holding only plugin JSON files is a usable source: every setting has a
default derived from the directory name, so a plugin author can try a new schema at once.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from fakedata.errors import UserError
from fakedata.field_rules import Rule, parse_rules
from fakedata.population import MODELS
from fakedata.schema import NAME_RE, Schema, load_schema

SOURCE_FILE = "source.toml"
_KNOWN = {
    "source": {
        "name",
        "description",
        "system_fields",
        "table",
        "production_table",
        "public_tables",
        "identifiers",
        "entity",
        "k_anonymity",
        "cadence_days",
        "promote_to",
    },
    "population": {"sites", "days", "seed", "as_of", "model"},
}
_TABLE_REF = re.compile(r"^[A-Za-z0-9_\-]+(\.[A-Za-z0-9_\-]+){0,2}$")


@dataclass(frozen=True)
class Population:
    """Default size and seed of the generated dataset."""

    sites: int = 300
    days: int = 84
    seed: int = 0
    as_of: dt.date = dt.date(2026, 11, 15)
    model: str | None = None  # a fleet model for the columns it knows (fakedata.population.MODELS)


@dataclass(frozen=True)
class Source:
    """Everything the generator and the workbench need to know about one source."""

    name: str
    directory: Path
    table: str
    description: str = ""
    system_fields: str | None = None
    production_table: str | None = None
    public_tables: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()
    entity: str | None = None
    k_anonymity: int = 5
    cadence_days: int = 7
    promote_to: str | None = None
    population: Population = field(default_factory=Population)
    rules: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def schema(self) -> Schema:
        return load_schema(self.directory, self.system_fields)

    @cached_property
    def field_rules(self) -> dict[str, Rule]:
        """The validated ``[rules]`` section: field path (lower case) → Rule."""
        return parse_rules(self.rules, self.schema, str(self.directory / SOURCE_FILE))

    @property
    def table_names(self) -> tuple[str, ...]:
        """Every name a query may use for this source's table (local, production, public)."""
        names = [self.table]
        if self.production_table:
            names.append(self.production_table)
        names.extend(self.public_tables)
        return tuple(names)


def load_source(directory: Path) -> Source:
    """Read ``source.toml`` (if any) of a schema directory and check it."""
    directory = Path(directory)
    if not directory.is_dir():
        raise UserError(f"{directory}: source directory not found")
    path = directory / SOURCE_FILE
    data: dict[str, Any] = {}
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"{path}: cannot read ({exc})") from None
        except tomllib.TOMLDecodeError as exc:
            raise UserError(f"{path}: invalid TOML: {exc}") from None
    where = str(path)
    for section, keys in _KNOWN.items():
        value = data.get(section, {})
        if not isinstance(value, dict):
            raise UserError(f"{where}: [{section}] must be a table")
        unknown = sorted(set(value) - keys)
        if unknown:
            raise UserError(f"{where}: [{section}] has unknown key(s) {', '.join(unknown)}")
    unknown_sections = sorted(set(data) - set(_KNOWN) - {"rules"})
    if unknown_sections:
        raise UserError(f"{where}: unknown section(s) {', '.join(unknown_sections)}")
    src = data.get("source", {})
    pop = data.get("population", {})
    name = _get(src, "name", str, where, directory.resolve().name)
    table = _get(src, "table", str, where, re.sub(r"\W", "_", name))
    if not NAME_RE.match(table):
        raise UserError(f"{where}: table {table!r} is not a valid table name")
    for key in ("production_table",):
        value = src.get(key)
        if value is not None and (not isinstance(value, str) or not _TABLE_REF.match(value)):
            raise UserError(f"{where}: {key} {value!r} is not a project.dataset.table name")
    public = _get(src, "public_tables", list, where, [])
    if not all(isinstance(t, str) and _TABLE_REF.match(t) for t in public):
        raise UserError(f"{where}: public_tables must be a list of project.dataset.table names")
    identifiers = _get(src, "identifiers", list, where, [])
    if not all(isinstance(t, str) for t in identifiers):
        raise UserError(f"{where}: identifiers must be a list of column names")
    as_of = pop.get("as_of", Population.as_of)
    if isinstance(as_of, str):
        try:
            as_of = dt.date.fromisoformat(as_of)
        except ValueError:
            raise UserError(
                f"{where}: population.as_of {as_of!r} is not a YYYY-MM-DD date"
            ) from None
    if not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime):
        raise UserError(f"{where}: population.as_of must be a date")
    population = Population(
        sites=_positive(pop, "sites", where, Population.sites),
        days=_positive(pop, "days", where, Population.days),
        seed=_get(pop, "seed", int, where, 0),
        as_of=as_of,
        model=_get(pop, "model", str, where, None),
    )
    if population.model is not None and population.model not in MODELS:
        raise UserError(
            f"{where}: population.model {population.model!r} is unknown "
            f"(known: {', '.join(MODELS)})"
        )
    source = Source(
        name=name,
        directory=directory,
        table=table,
        description=_get(src, "description", str, where, ""),
        system_fields=_get(src, "system_fields", str, where, None),
        production_table=src.get("production_table"),
        public_tables=tuple(public),
        identifiers=tuple(identifiers),
        entity=_get(src, "entity", str, where, None),
        k_anonymity=_positive(src, "k_anonymity", where, 5),
        cadence_days=_positive(src, "cadence_days", where, 7),
        promote_to=_get(src, "promote_to", str, where, None),
        population=population,
        rules=data.get("rules", {}),
    )
    columns = {f.name.lower() for f in source.schema}
    for col in [*source.identifiers, *([source.entity] if source.entity else [])]:
        if col.lower() not in columns:
            raise UserError(f"{where}: identifier column {col!r} is not in the schema")
    _ = source.field_rules  # rules are checked when the source is read
    return source


def _get(section: dict[str, Any], key: str, kind: type, where: str, default: Any) -> Any:
    value = section.get(key, default)
    if value is not None and (
        not isinstance(value, kind) or (isinstance(value, bool) and kind is int)
    ):
        raise UserError(f"{where}: {key} must be a {kind.__name__}, not {value!r}")
    return value


def _positive(section: dict[str, Any], key: str, where: str, default: int) -> int:
    value = _get(section, key, int, where, default)
    if value < 1:
        raise UserError(f"{where}: {key} must be a positive integer, not {value!r}")
    return value
