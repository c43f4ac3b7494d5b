"""Per-field rules in source.toml: honoured when valid, named precisely when not."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from fakedata import UserError, load_source
from fakedata.generate import Options, decoded, generate

SCHEMA = [
    {"name": "install_id", "type": "STRING", "mode": "REQUIRED", "description": ""},
    {"name": "os", "type": "STRING", "mode": "NULLABLE", "description": ""},
    {"name": "workers", "type": "INTEGER", "mode": "NULLABLE", "description": ""},
    {"name": "tags", "type": "STRING", "mode": "REPEATED", "description": ""},
    {
        "name": "components",
        "type": "RECORD",
        "mode": "REPEATED",
        "description": "",
        "fields": [
            {"name": "slug", "type": "STRING", "mode": "NULLABLE", "description": ""},
            {"name": "label", "type": "STRING", "mode": "NULLABLE", "description": ""},
        ],
    },
]


def source(tmp_path, rules: str):
    (tmp_path / "s.json").write_text(json.dumps(SCHEMA))
    (tmp_path / "source.toml").write_text(rules)
    return load_source(tmp_path)


def rows(src, sites=60):
    from fakedata.arrow import arrow_schema

    opts = Options.for_source(src, sites=sites, days=14)
    return [
        r for b in generate(src, opts) for r in decoded(b, arrow_schema(src.schema)).to_pylist()
    ]


def test_rules_are_honoured(tmp_path):
    src = source(
        tmp_path,
        """
[source]
entity = "install_id"
[rules.os]
choices = ["linux", "mac"]
weights = [9, 1]
null_rate = 0.0
[rules.workers]
distribution = "lognormal"
median = 4
sigma = 1
min = 1
max = 64
[rules.tags]
length = [1, 3]
vocabulary = "faker:color_name"
size = 20
[rules."components.label"]
derive = "slug"
transform = "upper"
""",
    )
    got = rows(src)
    oses = Counter(r["os"] for r in got)
    assert set(oses) == {"linux", "mac"} and oses["linux"] > 3 * oses["mac"]
    assert all(1 <= r["workers"] <= 64 for r in got if r["workers"] is not None)
    assert all(1 <= len(r["tags"]) <= 3 for r in got)
    assert all(c["label"] == c["slug"].upper() for r in got for c in r["components"])
    assert len({r["install_id"] for r in got}) == 60


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ("[rules.nope]\nchoices = [1]", "rules.nope: no field 'nope' in the schema"),
        ("[rules.os]\ncolour = 1", "rules.os.colour: unknown key (expected one of: choices, "),
        (
            "[rules.os]\nchoices = ['a']\nweights = [1, 2]",
            "rules.os.weights: must be 1 non-negative number(s), one per choice, not all zero",
        ),
        ("[rules.os]\nchoices = ['a', 1]", "rules.os.choices[1]: 1 is not a STRING value"),
        ("[rules.os]\nchoices = []", "rules.os.choices: must be a non-empty array"),
        ("[rules.os]\nweights = [1]", "rules.os.weights: needs choices (one weight per choice)"),
        (
            "[rules.workers]\ndistribution = 'cauchy'",
            "rules.workers.distribution: must be 'uniform', 'normal', 'lognormal', 'poisson' or 'zipf'",
        ),
        (
            "[rules.os]\ndistribution = 'normal'",
            "rules.os.distribution: needs a numeric field, not STRING",
        ),
        ("[rules.workers]\nmin = 5\nmax = 1", "rules.workers.max: min 5 is greater than max 1"),
        (
            "[rules.workers]\ndistribution = 'uniform'\nmin = 1",
            "rules.workers: a uniform distribution needs min and max",
        ),
        ("[rules.workers]\nsigma = -1", "rules.workers.sigma: must be greater than 0"),
        ("[rules.os]\nlength = [1, 2]", "rules.os.length: applies to REPEATED fields only"),
        (
            "[rules.tags]\nlength = [3, 1]",
            "rules.tags.length: must be [min, max] with 0 <= min <= max",
        ),
        (
            "[rules.tags]\nlength = [1, 'x']",
            "rules.tags.length[1]: must be an integer, not a string",
        ),
        (
            "[rules.os]\nvocabulary = 'faker:no_such_thing'",
            "rules.os.vocabulary: Faker has no provider",
        ),
        (
            "[rules.workers]\nvocabulary = 'words'",
            "rules.workers.vocabulary: needs a STRING field, not INTEGER",
        ),
        (
            "[rules.install_id]\nnull_rate = 0.5",
            "rules.install_id.null_rate: needs a NULLABLE field, not REQUIRED",
        ),
        ("[rules.os]\nnull_rate = 2", "rules.os.null_rate: must be less than or equal to 1"),
        ("[rules.os]\nnull_rate = true", "rules.os.null_rate: must be a number, not a boolean"),
        ("[rules.os]\nsize = 0", "rules.os.size: must be greater than or equal to 1"),
        ("[rules.os]\nper = 'week'", "rules.os.per: must be 'site' or 'report'"),
        (
            "[rules.\"components.label\"]\nderive = 'missing'",
            "rules.\"components.label\".derive: names no sibling field 'missing'",
        ),
        (
            "[rules.os]\nchoices = ['a']\nvocabulary = 'words'",
            "rules.os: use only one of choices, distribution, vocabulary, derive (not choices and vocabulary)",
        ),
        ("[rules]\nos = 3", "rules.os: must be a table, not an integer"),
        ("rules = 3", "rules: must be a table, not an integer"),
        (
            "[population]\nmodel = 'zoo'",
            "population.model: 'zoo' is not a fleet model (known: dropsonde, pulp, pace)",
        ),
    ],
)
def test_bad_rules_name_the_file_and_field(tmp_path, rules, message):
    with pytest.raises(UserError) as err:
        source(tmp_path, rules)
    text = str(err.value)
    assert text.startswith(f"{tmp_path / 'source.toml'}: {message}"), text
    assert "\n" not in text
