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

``per = "site"`` keeps a value for all the reports of a site, ``per = "report"`` draws it
for every report; ``null_rate`` sets the share of NULLs of a NULLABLE field.
Every mistake is reported with the file and the field's path.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fakedata.errors import UserError

if TYPE_CHECKING:
    import numpy as np

    from fakedata.schema import Field, Schema

DISTRIBUTIONS = ("uniform", "normal", "lognormal", "poisson", "zipf")
TRANSFORMS = ("copy", "lower", "upper", "capitalize", "after-dash", "before-dash")
KEYS = {
    "choices",
    "weights",
    "distribution",
    "min",
    "max",
    "mean",
    "median",
    "sigma",
    "exponent",
    "length",
    "length_mean",
    "vocabulary",
    "format",
    "size",
    "derive",
    "transform",
    "per",
    "null_rate",
}
NUMERIC = ("INTEGER", "FLOAT", "NUMERIC", "BIGNUMERIC")
_PY_TYPES: dict[str, tuple[type, ...]] = {
    "STRING": (str,),
    "INTEGER": (int,),
    "FLOAT": (int, float),
    "NUMERIC": (int, float),
    "BIGNUMERIC": (int, float),
    "BOOLEAN": (bool,),
}


@dataclass(frozen=True)
class Rule:
    """How to draw one field's values (every attribute optional)."""

    path: str
    choices: tuple[Any, ...] | None = None
    weights: tuple[float, ...] | None = None
    distribution: str | None = None
    min: float | None = None
    max: float | None = None
    mean: float | None = None
    median: float | None = None
    sigma: float | None = None
    exponent: float | None = None
    length: tuple[int, int] | None = None
    length_mean: float | None = None
    vocabulary: str | None = None
    format: str | None = None
    size: int = 200
    derive: str | None = None
    transform: str = "copy"
    per: str | None = None
    null_rate: float | None = None

    @property
    def draws_values(self) -> bool:
        return bool(self.choices or self.distribution or self.vocabulary)


def parse_rules(raw: Any, schema: Schema, where: str) -> dict[str, Rule]:
    """Validate the ``[rules]`` table against the schema; field path (lower case) → Rule."""
    if not isinstance(raw, dict):
        raise UserError(f"{where}: [rules] must be a table")
    fields = {path.lower(): f for path, f in schema.walk()}
    rules: dict[str, Rule] = {}
    for path, spec in raw.items():
        label = f"{where}: [rules.{path}]"
        f = fields.get(path.lower())
        if f is None:
            raise UserError(f"{label}: no field {path!r} in the schema")
        if not isinstance(spec, dict):
            raise UserError(f"{label} must be a table of settings")
        unknown = sorted(set(spec) - KEYS)
        if unknown:
            raise UserError(f"{label}: unknown setting(s) {', '.join(unknown)}")
        rules[path.lower()] = _rule(path, spec, f, fields, label)
    return rules


def _number(spec: dict[str, Any], key: str, label: str, positive: bool = False) -> float | None:
    value = spec.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise UserError(f"{label}: {key} must be a number, not {value!r}")
    if positive and value <= 0:
        raise UserError(f"{label}: {key} must be positive, not {value!r}")
    return float(value)


def _rule(path: str, spec: dict[str, Any], f: Field, fields: dict[str, Field], label: str) -> Rule:
    choices = spec.get("choices")
    if choices is not None:
        if not isinstance(choices, list) or not choices:
            raise UserError(f"{label}: choices must be a non-empty list")
        kinds = _PY_TYPES.get(f.type)
        if kinds is None:
            raise UserError(f"{label}: choices are not supported for {f.type} fields")
        for c in choices:
            if not isinstance(c, kinds) or (isinstance(c, bool) and bool not in kinds):
                raise UserError(f"{label}: choice {c!r} is not a {f.type} value")
    weights = spec.get("weights")
    if weights is not None:
        if choices is None:
            raise UserError(f"{label}: weights need choices")
        if (
            not isinstance(weights, list)
            or len(weights) != len(choices)
            or not all(isinstance(w, int | float) and not isinstance(w, bool) for w in weights)
            or any(w < 0 for w in weights)
            or sum(weights) <= 0
        ):
            raise UserError(
                f"{label}: weights must be {len(choices)} non-negative numbers, not all zero"
            )
    dist = spec.get("distribution")
    if dist is not None:
        if dist not in DISTRIBUTIONS:
            raise UserError(
                f"{label}: unknown distribution {dist!r} (expected {', '.join(DISTRIBUTIONS)})"
            )
        if f.type not in NUMERIC:
            raise UserError(f"{label}: a distribution needs a numeric field, not {f.type}")
    lo, hi = _number(spec, "min", label), _number(spec, "max", label)
    if lo is not None and hi is not None and lo > hi:
        raise UserError(f"{label}: min {lo:g} is greater than max {hi:g}")
    if dist == "uniform" and (lo is None or hi is None):
        raise UserError(f"{label}: a uniform distribution needs min and max")
    length = spec.get("length")
    if length is not None:
        if not f.repeated:
            raise UserError(f"{label}: length applies to REPEATED fields only")
        if (
            not isinstance(length, list)
            or len(length) != 2
            or not all(isinstance(x, int) and not isinstance(x, bool) for x in length)
            or not 0 <= length[0] <= length[1]
        ):
            raise UserError(f"{label}: length must be [min, max] with 0 <= min <= max")
    length_mean = _number(spec, "length_mean", label)
    if length_mean is not None and (not f.repeated or length_mean < 0):
        raise UserError(f"{label}: length_mean must be >= 0, on a REPEATED field")
    vocab = spec.get("vocabulary")
    if vocab is not None:
        if not isinstance(vocab, str) or not (
            vocab in ("forge-modules", "words") or vocab.startswith("faker:")
        ):
            raise UserError(
                f"{label}: vocabulary must be 'forge-modules', 'words' or 'faker:<provider>'"
            )
        if f.type != "STRING":
            raise UserError(f"{label}: a vocabulary needs a STRING field, not {f.type}")
        if vocab.startswith("faker:"):
            _check_faker(vocab[6:], label)
    fmt = spec.get("format")
    if fmt is not None and not isinstance(fmt, str):
        raise UserError(f"{label}: format must be a string")
    size = spec.get("size", 200)
    if not isinstance(size, int) or isinstance(size, bool) or not 1 <= size <= 100_000:
        raise UserError(f"{label}: size must be an integer from 1 to 100000")
    derive = spec.get("derive")
    transform = spec.get("transform", "copy")
    if derive is not None:
        parent = path.rsplit(".", 1)[0] + "." if "." in path else ""
        if not isinstance(derive, str) or (parent + derive).lower() not in fields:
            raise UserError(f"{label}: derive names no sibling field {derive!r}")
        if derive.lower() == path.rsplit(".", 1)[-1].lower():
            raise UserError(f"{label}: a field cannot derive from itself")
        other = fields[(parent + derive).lower()]
        if other.is_record or f.is_record or other.repeated or f.repeated:
            raise UserError(f"{label}: derive works between scalar fields only")
        if other.type != f.type or (transform != "copy" and f.type != "STRING"):
            raise UserError(f"{label}: cannot derive a {f.type} from a {other.type} ({transform})")
    if transform not in TRANSFORMS:
        raise UserError(
            f"{label}: unknown transform {transform!r} (expected {', '.join(TRANSFORMS)})"
        )
    per = spec.get("per")
    if per not in (None, "site", "report"):
        raise UserError(f"{label}: per must be 'site' or 'report'")
    null_rate = _number(spec, "null_rate", label)
    if null_rate is not None and not 0 <= null_rate <= 1:
        raise UserError(f"{label}: null_rate must be between 0 and 1")
    if null_rate and f.mode != "NULLABLE":
        raise UserError(f"{label}: null_rate needs a NULLABLE field, not {f.mode}")
    if sum(x is not None for x in (choices, dist, vocab, derive)) > 1:
        raise UserError(f"{label}: use only one of choices, distribution, vocabulary, derive")
    return Rule(
        path=path,
        choices=tuple(choices) if choices is not None else None,
        weights=tuple(float(w) for w in weights) if weights is not None else None,
        distribution=dist,
        min=lo,
        max=hi,
        mean=_number(spec, "mean", label),
        median=_number(spec, "median", label, positive=True),
        sigma=_number(spec, "sigma", label, positive=True),
        exponent=_number(spec, "exponent", label, positive=True),
        length=tuple(length) if length is not None else None,  # type: ignore[arg-type]
        length_mean=length_mean,
        vocabulary=vocab,
        format=fmt,
        size=size,
        derive=derive,
        transform=transform,
        per=per,
        null_rate=null_rate,
    )


def _check_faker(provider: str, label: str) -> None:
    from faker import Faker

    if not provider.isidentifier() or provider.startswith("_"):
        raise UserError(f"{label}: {provider!r} is not a Faker provider name")
    if not callable(getattr(Faker("en_US"), provider, None)):
        raise UserError(f"{label}: Faker has no provider {provider!r}")


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
