"""A telemetry source: its schema directory and the settings in ``source.toml``.

A directory holding only plugin JSON files is a usable source: every setting has a
default derived from the directory name, so a plugin author can try a new schema at once.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fakedata.schema import NAME_RE, Schema, load_schema
from wbcore.errors import UserError
from wbcore.tomlfile import read_toml

if TYPE_CHECKING:
    from fakedata.field_rules import Rule

SOURCE_FILE = "source.toml"
# A source's name is a directory name under --out: nothing that could point elsewhere.
SOURCE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$")


@dataclass(frozen=True)
class Population:
    """Default size and seed of the generated dataset."""

    sites: int = 300
    days: int = 84
    seed: int = 0
    as_of: dt.date = dt.date(2026, 11, 15)
    model: str | None = None  # a fleet model for the columns it knows (fakedata.population.MODELS)


@dataclass(frozen=True)
class Aggregation:
    """What the source's aggregation repository accepts: ``workbench promote`` refuses to
    write a file it would reject (``[aggregation]`` in source.toml)."""

    # the repository's check as a Python regex: a match anywhere in the file rejects it
    from_rule: str | None = None
    from_rule_description: str = ""
    # the leading comment the repository asks for: None, "comment" or "questions"
    header: str | None = None


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
    # Columns with one value per report (full-precision time...): never an output key as is.
    per_report: tuple[str, ...] = ()
    # Field paths whose values come from a public catalogue (`modules.slug`): small groups
    # keyed only by these describe the catalogue, not a site.
    public_dimensions: tuple[str, ...] = ()
    entity: str | None = None
    k_anonymity: int = 5
    cadence_days: int = 7
    promote_to: str | None = None
    population: Population = field(default_factory=Population)
    aggregation: Aggregation = field(default_factory=Aggregation)
    rules: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def schema(self) -> Schema:
        return load_schema(self.directory, self.system_fields)

    @cached_property
    def field_rules(self) -> dict[str, Rule]:
        """The validated ``[rules]`` section: field path (lower case) → Rule."""
        from fakedata.field_rules import parse_rules  # pydantic: not at `workbench --help`

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
    """Read ``source.toml`` (if any) of a schema directory and check it, rules included.

    A mistake ends as one UserError: ``<file>: <field path>: <what is wrong>``.
    """
    # pydantic is imported here, not at the top: `workbench --help` imports this module.
    from fakedata.source_file import path_error, read_source_file

    directory = Path(directory)
    if not directory.is_dir():
        raise UserError("source directory not found", file=directory)
    path = directory / SOURCE_FILE
    data: dict[str, Any] = {}
    if path.is_file():
        data = read_toml(path)
    where = str(path)
    settings = read_source_file(data, where)
    src = settings.source.model_dump(exclude_unset=True)
    name = src.pop("name", directory.resolve().name)
    if not SOURCE_NAME.match(name) or ".." in name:
        raise path_error(
            where,
            ("source", "name"),
            f"{name!r} is not a source name: letters, digits, '_', '-' and '.', not starting "
            "with '.' (it names the dataset directory, so no path separators)",
        )
    table = src.pop("table", re.sub(r"\W", "_", name))
    if not NAME_RE.match(table):
        raise path_error(
            where,
            ("source", "table"),
            f"{table!r} (from the directory name) is not a valid table name; set it",
        )
    source = Source(
        name=name,
        directory=directory,
        table=table,
        population=Population(**settings.population.model_dump(exclude_unset=True)),
        aggregation=Aggregation(**settings.aggregation.model_dump(exclude_unset=True)),
        rules=settings.rules,
        **src,
    )
    columns = {f.name.lower() for f in source.schema}
    for i, col in enumerate(source.identifiers):
        if col.lower() not in columns:
            raise path_error(
                where,
                ("source", "identifiers", i),
                f"column {col!r} is not in the schema",
            )
    paths = {p.lower() for p, _ in source.schema.walk()}
    for key in ("per_report", "public_dimensions"):
        for i, col in enumerate(getattr(source, key)):
            if col.lower() not in paths:
                raise path_error(where, ("source", key, i), f"field {col!r} is not in the schema")
    if source.entity and source.entity.lower() not in columns:
        raise path_error(
            where, ("source", "entity"), f"column {source.entity!r} is not in the schema"
        )
    _ = source.field_rules  # rules are checked when the source is read
    return source


def population_defaults(directory: Path) -> Population:
    """A source's ``[population]`` defaults (sites, days, seed, as-of) read without validating
    the rest of ``source.toml``: `workbench fake-data --help` shows them, and must not pay
    for pydantic. ``load_source`` gives the same values for a valid file (tested)."""
    path = Path(directory) / SOURCE_FILE
    table = read_toml(path).get("population", {}) if path.is_file() else {}
    known = {f.name for f in fields(Population)}
    values = {k: v for k, v in table.items() if k in known} if isinstance(table, dict) else {}
    as_of = values.get("as_of")
    if isinstance(as_of, str):
        try:
            values["as_of"] = dt.date.fromisoformat(as_of)
        except ValueError:
            raise UserError(
                f"population.as_of: {as_of!r} is not a YYYY-MM-DD date", file=path
            ) from None
    return Population(**values)
