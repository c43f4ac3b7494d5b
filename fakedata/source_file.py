"""The format of ``source.toml``, as pydantic models, and its error messages.

pydantic checks types, ranges and unknown keys and says where each mistake is (its
location: ``population.sites``, ``rules.os.choices[0]``), so a bad file ends with one line,
``<file>: <field path>: <what is wrong>``. Every setting is optional: a model holds only
what the file says (``model_dump(exclude_unset=True)``); the defaults are those of
``fakedata.source.Source`` and ``Population``.

This module imports pydantic, so ``fakedata.source`` imports it only when it reads a file
(``workbench --help`` must stay instant).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
)

from fakedata.population import MODELS
from fakedata.schema import NAME_RE
from wbcore.errors import UserError

TABLE_REF = re.compile(r"^[A-Za-z0-9_\-]+(\.[A-Za-z0-9_\-]+){0,2}$")
_BARE_KEY = re.compile(r"^[A-Za-z0-9_\-]+$")


class Table(BaseModel):
    """A TOML table: unknown keys are mistakes, and a model never changes once read."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _table_name(value: str) -> str:
    if not NAME_RE.match(value):
        raise ValueError(f"{value!r} is not a valid table name (letters, digits, underscores)")
    return value


def _table_ref(value: str) -> str:
    if not TABLE_REF.match(value):
        raise ValueError(f"{value!r} is not a project.dataset.table name")
    return value


def _date(value: Any) -> dt.date:
    """A TOML date (``as_of = 2026-11-15``) or a ``"YYYY-MM-DD"`` string; not a date-time."""
    if isinstance(value, dt.datetime):
        raise ValueError("must be a date (YYYY-MM-DD), not a date-time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a YYYY-MM-DD date") from None
    raise ValueError(f"must be a date (YYYY-MM-DD), not {toml_type(value)}")


def _fleet_model(value: str) -> str:
    if value not in MODELS:
        raise ValueError(f"{value!r} is not a fleet model (known: {', '.join(MODELS)})")
    return value


TableName = Annotated[StrictStr, AfterValidator(_table_name)]
TableRef = Annotated[StrictStr, AfterValidator(_table_ref)]
PositiveInt = Annotated[StrictInt, Field(ge=1)]


class SourceSection(Table):
    """``[source]``: names, identifiers and privacy settings of the source."""

    name: StrictStr | None = None
    description: StrictStr | None = None
    program: StrictStr | None = None
    system_fields: StrictStr | None = None
    table: TableName | None = None
    production_table: TableRef | None = None
    public_tables: tuple[TableRef, ...] | None = None
    identifiers: tuple[StrictStr, ...] | None = None
    per_report: tuple[StrictStr, ...] | None = None
    public_dimensions: tuple[StrictStr, ...] | None = None
    entity: StrictStr | None = None
    k_anonymity: PositiveInt | None = None
    cadence_days: PositiveInt | None = None
    promote_to: StrictStr | None = None


class PopulationSection(Table):
    """``[population]``: the default size, seed and fleet model of the generated dataset."""

    sites: PositiveInt | None = None
    days: PositiveInt | None = None
    seed: Annotated[StrictInt, Field(ge=0)] | None = None
    as_of: Annotated[dt.date, BeforeValidator(_date)] | None = None
    model: Annotated[StrictStr, AfterValidator(_fleet_model)] | None = None


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"is not a Python regular expression ({exc})") from None
    return value


class AggregationSection(Table):
    """``[aggregation]``: what the source's aggregation repository accepts (checked by promote).

    ``from_rule`` is the repository's own check as a Python regular expression: a match
    anywhere in a promoted file's text rejects the file.
    """

    from_rule: Annotated[StrictStr, AfterValidator(_regex)] | None = None
    from_rule_description: StrictStr | None = None
    header: Literal["comment", "questions"] | None = None


class DifferentialPrivacySection(Table):
    """``[differential_privacy]``: the budget a ``SELECT WITH DIFFERENTIAL_PRIVACY`` query may
    spend. Within it (and with the source's entity as privacy unit) a DP query meets the
    small-group rules by construction; without the section, those rules apply as to any query.
    """

    max_epsilon: Annotated[StrictFloat | StrictInt, Field(gt=0, allow_inf_nan=False)] | None = None
    max_delta: Annotated[StrictFloat | StrictInt, Field(gt=0, lt=1)] | None = None


class SourceFile(Table):
    """The whole file. ``[rules]`` is checked against the schema by ``fakedata.field_rules``."""

    source: SourceSection = SourceSection()
    population: PopulationSection = PopulationSection()
    aggregation: AggregationSection = AggregationSection()
    differential_privacy: DifferentialPrivacySection = DifferentialPrivacySection()
    rules: dict[str, Any] = {}


def read_source_file(data: dict[str, Any], where: str) -> SourceFile:
    """The parsed TOML, validated; a mistake raises one UserError naming the field."""
    try:
        return SourceFile.model_validate(data)
    except ValidationError as exc:
        raise config_error(where, exc, model=SourceFile) from None


# -- messages ------------------------------------------------------------------------------

_TYPE_NAMES = {
    "int_type": "an integer",
    "float_type": "a number",
    "string_type": "a string",
    "bool_type": "a boolean",
    "list_type": "an array",
    "tuple_type": "an array",
    "dict_type": "a table",
    "model_type": "a table",
    "model_attributes_type": "a table",
    "date_type": "a date",
}


def toml_type(value: Any) -> str:
    """The TOML name of a parsed value's type (never the value: it could be anything)."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, dt.datetime):
        return "a date-time"
    for kind, name in (
        (int, "an integer"),
        (float, "a float"),
        (str, "a string"),
        (list, "an array"),
        (dict, "a table"),
        (dt.date, "a date"),
        (dt.time, "a time"),
    ):
        if isinstance(value, kind):
            return name
    return type(value).__name__


def toml_path(loc: tuple[int | str, ...]) -> str:
    """A pydantic location as the user writes it: ``rules."modules.version".choices[1]``."""
    text = ""
    for key in loc:
        if isinstance(key, int):
            text += f"[{key}]"
        else:
            key = key if _BARE_KEY.match(key) else json.dumps(key)
            text += f".{key}" if text else key
    return text


def _known_keys(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str] | None:
    """The keys of the table at ``loc`` (None when no model describes it)."""
    for key in loc:
        field = model.model_fields.get(key) if isinstance(key, str) else None
        inner = getattr(field, "annotation", None)
        if not (isinstance(inner, type) and issubclass(inner, BaseModel)):
            return None
        model = inner
    return list(model.model_fields)


def describe(error: dict[str, Any], model: type[BaseModel] | None = None) -> str:
    """What is wrong, in words, from one pydantic error (no input value is quoted back)."""
    kind, loc = error["type"], error["loc"]
    if kind == "extra_forbidden":
        what = "unknown section" if model is SourceFile and len(loc) == 1 else "unknown key"
        known = _known_keys(model, loc[:-1]) if model is not None else None
        return f"{what} (expected one of: {', '.join(known)})" if known else what
    if kind == "missing":
        return "missing: this key is required"
    if kind in _TYPE_NAMES:
        return f"must be {_TYPE_NAMES[kind]}, not {toml_type(error.get('input'))}"
    if kind in ("too_short", "too_long"):
        ctx = error.get("ctx", {})
        if kind == "too_short":
            return f"must have at least {ctx.get('min_length')} item(s)"
        return f"must have at most {ctx.get('max_length')} item(s)"
    message = str(error["msg"])
    if kind == "value_error":  # our own validators' words, as they are
        return message.removeprefix("Value error, ")
    if message.startswith("Input should be "):
        return "must be " + message.removeprefix("Input should be ")
    return message[:1].lower() + message[1:]


def config_error(
    where: str,
    exc: ValidationError,
    prefix: tuple[int | str, ...] = (),
    model: type[BaseModel] | None = None,
) -> UserError:
    """One line for a bad file: ``<file>: <field path>: <what is wrong>`` (the first
    mistake; the count of the others, which the next run names)."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    loc = (*prefix, *first["loc"])
    others = len(errors) - 1
    more = f" (and {others} more mistake{'s' if others > 1 else ''})" if others else ""
    return UserError(
        f"{toml_path(loc) or '(top level)'}: {describe(first, model)}{more}", file=where
    )


def path_error(where: str, loc: tuple[int | str, ...], what: str) -> UserError:
    """The same one-line shape for a mistake found outside pydantic (against the schema)."""
    return UserError(f"{toml_path(loc)}: {what}", file=where)
