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
        ("[rules.nope]\nchoices = [1]", "[rules.nope]: no field 'nope'"),
        ("[rules.os]\ncolour = 1", "[rules.os]: unknown setting(s) colour"),
        ("[rules.os]\nchoices = ['a']\nweights = [1, 2]", "weights must be 1 non-negative"),
        ("[rules.os]\nchoices = [1]", "choice 1 is not a STRING value"),
        ("[rules.workers]\ndistribution = 'cauchy'", "unknown distribution 'cauchy'"),
        ("[rules.workers]\nmin = 5\nmax = 1", "min 5 is greater than max 1"),
        ("[rules.os]\nlength = [1, 2]", "length applies to REPEATED fields only"),
        ("[rules.os]\nvocabulary = 'faker:no_such_thing'", "Faker has no provider"),
        ("[rules.install_id]\nnull_rate = 0.5", "null_rate needs a NULLABLE field"),
        ("[rules.\"components.label\"]\nderive = 'missing'", "derive names no sibling field"),
        ("[population]\nmodel = 'zoo'", "population.model 'zoo' is unknown"),
    ],
)
def test_bad_rules_name_the_file_and_field(tmp_path, rules, message):
    with pytest.raises(UserError) as err:
        source(tmp_path, rules)
    assert "source.toml" in str(err.value) and message in str(err.value)
