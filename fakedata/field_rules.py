"""Field generation rules: ``source.toml``'s ``[rules]`` section, how one field's fake values
are drawn (not the SQL translation rules of ``workbench/rules/``, nor the privacy rules).

A plugin author tunes the fake data without code::

    [rules.product]
    choices = ["puppetserver", "puppet-agent"]
    weights = [3, 1]

    [rules.environment_count]
    distribution = "lognormal"   # uniform, normal, lognormal, poisson, zipf
    median = 3
    sigma = 1.2
    min = 1
    max = 5000

    [rules."modules.version"]       # a nested field: its dotted path
    vocabulary = "faker:numerify"   # forge-modules, words, or faker:<provider>
    format = "#.#.#"

    [rules.tags]
    length = [0, 5]                 # a REPEATED field's list length (uniform), or
    length_mean = 2                 # a Poisson mean, clipped to length when both are given

    [rules."modules.name"]
    derive = "slug"                 # a sibling field of the same record
    transform = "after-dash"        # copy, lower, upper, capitalize, after-dash, before-dash

    [rules."chatops_commands.name"]
    unique = true                   # never twice in one list (the default for name, slug,
                                    # key, id and title in a REPEATED RECORD); false allows it

``per = "site"`` keeps a value for all the reports of a site, ``per = "report"`` draws it
for every report; ``null_rate`` sets the share of NULLs of a NULLABLE field.
Every mistake is reported with the file and the field's path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from fakedata.source_file import Table, config_error, path_error, toml_type

if TYPE_CHECKING:
    import numpy as np

    from fakedata.schema import Field as SchemaField
    from fakedata.schema import Schema

Distribution = Literal["uniform", "normal", "lognormal", "poisson", "zipf"]
Transform = Literal["copy", "lower", "upper", "capitalize", "after-dash", "before-dash"]
DISTRIBUTIONS: tuple[str, ...] = get_args(Distribution)
TRANSFORMS: tuple[str, ...] = get_args(Transform)
NUMERIC = ("INTEGER", "FLOAT", "NUMERIC", "BIGNUMERIC")
_PY_TYPES: dict[str, tuple[type, ...]] = {
    "STRING": (str,),
    "INTEGER": (int,),
    "FLOAT": (int, float),
    "NUMERIC": (int, float),
    "BIGNUMERIC": (int, float),
    "BOOLEAN": (bool,),
}


# The schema checks need the rule's field: ``parse_rules`` passes it as the validation
# context ({"field", "fields", "path"}); without a context (a Rule built in code) they are
# skipped.
def _field(info: ValidationInfo) -> SchemaField | None:
    return (info.context or {}).get("field")


def _choice(value: Any, info: ValidationInfo) -> Any:
    f = _field(info)
    kinds = _PY_TYPES.get(f.type) if f is not None else None
    if kinds is not None and (
        not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds)
    ):
        raise ValueError(f"{value!r} is not a {f.type} value")
    return value


Number = StrictFloat  # an integer is a number too (as a float); a boolean or string is not
Positive = Annotated[StrictFloat, Field(gt=0)]
Count = Annotated[StrictInt, Field(ge=0)]


class Rule(Table):
    """How to draw one field's values (every setting optional): one ``[rules.<path>]`` table.

    The fields are the table's keys, in the order they are checked (a check that reads
    another setting comes after it).
    """

    choices: tuple[Annotated[Any, AfterValidator(_choice)], ...] | None = None
    weights: tuple[Annotated[StrictFloat, Field(ge=0)], ...] | None = None
    distribution: Distribution | None = None
    min: Number | None = None
    max: Number | None = None
    mean: Number | None = None
    median: Positive | None = None
    sigma: Positive | None = None
    exponent: Positive | None = None
    length: tuple[Count, Count] | None = None
    length_mean: Annotated[StrictFloat, Field(ge=0)] | None = None
    vocabulary: StrictStr | None = None
    format: StrictStr | None = None
    size: Annotated[StrictInt, Field(ge=1, le=100_000)] = 200
    transform: Transform = "copy"
    derive: StrictStr | None = None
    per: Literal["site", "report"] | None = None
    unique: StrictBool | None = None
    null_rate: Annotated[StrictFloat, Field(ge=0, le=1)] | None = None

    @property
    def draws_values(self) -> bool:
        return bool(self.choices or self.distribution or self.vocabulary)

    @field_validator("choices", mode="before")
    @classmethod
    def _choices_for_this_type(cls, value: Any, info: ValidationInfo) -> Any:
        f = _field(info)
        if f is not None and f.type not in _PY_TYPES:
            raise ValueError(f"choices are not supported for {f.type} fields")
        if isinstance(value, list) and not value:
            raise ValueError("must be a non-empty array")
        return value

    @field_validator("weights")
    @classmethod
    def _one_weight_a_choice(cls, value: tuple[float, ...], info: ValidationInfo) -> Any:
        if "choices" not in info.data:
            return value  # the choices are wrong already
        choices = info.data["choices"]
        if choices is None:
            raise ValueError("needs choices (one weight per choice)")
        if len(value) != len(choices) or sum(value) <= 0:
            raise ValueError(
                f"must be {len(choices)} non-negative number(s), one per choice, not all zero"
            )
        return value

    @field_validator("distribution")
    @classmethod
    def _numeric_field(cls, value: str, info: ValidationInfo) -> str:
        f = _field(info)
        if f is not None and f.type not in NUMERIC:
            raise ValueError(f"needs a numeric field, not {f.type}")
        return value

    @field_validator("max")
    @classmethod
    def _not_below_min(cls, value: float, info: ValidationInfo) -> float:
        lo = info.data.get("min")
        if lo is not None and lo > value:
            raise ValueError(f"min {lo:g} is greater than max {value:g}")
        return value

    @field_validator("length", mode="before")
    @classmethod
    def _length_of_a_list(cls, value: Any, info: ValidationInfo) -> Any:
        f = _field(info)
        if f is not None and not f.repeated:
            raise ValueError("applies to REPEATED fields only")
        if not isinstance(value, list | tuple) or len(value) != 2:
            raise ValueError(
                f"must be [min, max] with 0 <= min <= max, not {toml_type(value)}"
                + (f" of {len(value)}" if isinstance(value, list | tuple) else "")
            )
        return value

    @field_validator("length")
    @classmethod
    def _length_in_order(cls, value: tuple[int, int]) -> tuple[int, int]:
        if value[0] > value[1]:
            raise ValueError("must be [min, max] with 0 <= min <= max")
        return value

    @field_validator("length_mean")
    @classmethod
    def _mean_of_a_list(cls, value: float, info: ValidationInfo) -> float:
        f = _field(info)
        if f is not None and not f.repeated:
            raise ValueError("applies to REPEATED fields only")
        return value

    @field_validator("vocabulary")
    @classmethod
    def _known_vocabulary(cls, value: str, info: ValidationInfo) -> str:
        if not (value in ("forge-modules", "words") or value.startswith("faker:")):
            raise ValueError("must be 'forge-modules', 'words' or 'faker:<provider>'")
        f = _field(info)
        if f is not None and f.type != "STRING":
            raise ValueError(f"needs a STRING field, not {f.type}")
        if value.startswith("faker:"):
            _check_faker(value.removeprefix("faker:"))
        return value

    @field_validator("derive")
    @classmethod
    def _sibling(cls, value: str, info: ValidationInfo) -> str:
        f, context = _field(info), info.context or {}
        if f is None:
            return value
        path: str = context["path"]
        fields: dict[str, SchemaField] = context["fields"]
        parent = path.rsplit(".", 1)[0] + "." if "." in path else ""
        other = fields.get((parent + value).lower())
        if other is None:
            raise ValueError(f"names no sibling field {value!r}")
        if value.lower() == path.rsplit(".", 1)[-1].lower():
            raise ValueError("a field cannot derive from itself")
        if other.is_record or f.is_record or other.repeated or f.repeated:
            raise ValueError("derive works between scalar fields only")
        transform = info.data.get("transform", "copy")
        if other.type != f.type or (transform != "copy" and f.type != "STRING"):
            raise ValueError(f"cannot derive a {f.type} from a {other.type} ({transform})")
        return value

    @field_validator("unique")
    @classmethod
    def _in_a_list(cls, value: bool, info: ValidationInfo) -> bool:
        f, context = _field(info), info.context or {}
        if f is None:
            return value
        path: str = context["path"]
        parent = context["fields"].get(path.rsplit(".", 1)[0].lower()) if "." in path else None
        in_list = f.repeated or (parent is not None and parent.repeated and parent.is_record)
        if f.is_record or not in_list:
            raise ValueError(
                "applies to a REPEATED field, or a field of a REPEATED RECORD, that is not a RECORD"
            )
        return value

    @field_validator("null_rate")
    @classmethod
    def _nullable(cls, value: float, info: ValidationInfo) -> float:
        f = _field(info)
        if value and f is not None and f.mode != "NULLABLE":
            raise ValueError(f"needs a NULLABLE field, not {f.mode}")
        return value

    @model_validator(mode="after")
    def _one_source_of_values(self) -> Rule:
        if self.distribution == "uniform" and (self.min is None or self.max is None):
            raise ValueError("a uniform distribution needs min and max")
        given = [k for k in ("choices", "distribution", "vocabulary", "derive") if getattr(self, k)]
        if len(given) > 1:
            raise ValueError(
                f"use only one of choices, distribution, vocabulary, derive (not {' and '.join(given)})"
            )
        return self


def parse_rules(raw: Any, schema: Schema, where: str) -> dict[str, Rule]:
    """Validate the ``[rules]`` table against the schema; field path (lower case) → Rule.

    A mistake raises one UserError: ``<file>: rules.<path>.<setting>: <what is wrong>``.
    """
    if not isinstance(raw, dict):
        raise path_error(where, ("rules",), f"must be a table, not {toml_type(raw)}")
    fields = {path.lower(): f for path, f in schema.walk()}
    rules: dict[str, Rule] = {}
    for path, spec in raw.items():
        f = fields.get(path.lower())
        if f is None:
            raise path_error(where, ("rules", path), f"no field {path!r} in the schema")
        context = {"field": f, "fields": fields, "path": path}
        try:
            rules[path.lower()] = Rule.model_validate(spec, context=context)
        except ValidationError as exc:
            raise config_error(where, exc, prefix=("rules", path), model=Rule) from None
    return rules


def _check_faker(provider: str) -> None:
    from faker import Faker

    if not provider.isidentifier() or provider.startswith("_"):
        raise ValueError(f"{provider!r} is not a Faker provider name")
    if not callable(getattr(Faker("en_US"), provider, None)):
        raise ValueError(f"Faker has no provider {provider!r}")


# -- sampling --------------------------------------------------------------------------


def draw_numbers(rule: Rule, rng: np.random.Generator, n: int, integer: bool) -> np.ndarray:
    """Values of a numeric distribution rule, clipped to [min, max]."""
    import numpy as np

    dist = rule.distribution
    if dist == "uniform":
        assert rule.min is not None and rule.max is not None
        if integer:
            out = rng.integers(int(rule.min), int(rule.max), n, endpoint=True)
        else:
            out = rng.uniform(rule.min, rule.max, n)
    elif dist == "normal":
        out = rng.normal(rule.mean or 0.0, rule.sigma or 1.0, n)
    elif dist == "lognormal":
        out = rng.lognormal(np.log(rule.median or 1.0), rule.sigma or 1.0, n)
    elif dist == "poisson":
        out = rng.poisson(max(rule.mean or 1.0, 0.0), n).astype(np.float64)
    else:  # zipf: 1, 2, 3, ... with P(k) ~ k^-exponent
        out = rng.zipf(max(rule.exponent or 2.0, 1.01), n).astype(np.float64)
    if rule.min is not None or rule.max is not None:
        out = np.clip(out, rule.min, rule.max)
    if integer:
        return np.floor(out).astype(np.int64)
    return out


def draw_lengths(rule: Rule, rng: np.random.Generator, n: int) -> np.ndarray | None:
    import numpy as np

    if rule.length is None and rule.length_mean is None:
        return None
    lo, hi = rule.length or (0, 1_000)
    if rule.length_mean is not None:
        return np.clip(rng.poisson(rule.length_mean, n), lo, hi).astype(np.int64)
    return rng.integers(lo, hi, n, endpoint=True)


def transform(values: list[Any], how: str) -> list[Any]:
    """A derived field's values from its source field's values (NULL stays NULL)."""
    funcs = {
        "copy": lambda v: v,
        "lower": str.lower,
        "upper": str.upper,
        "capitalize": lambda v: "::".join(p.capitalize() for p in v.split("::")),
        "after-dash": lambda v: v.split("-", 1)[-1].split("/", 1)[-1],
        "before-dash": lambda v: v.replace("/", "-").split("-", 1)[0],
    }
    func = funcs[how]
    return [None if v is None else func(v) if isinstance(v, str) else v for v in values]
