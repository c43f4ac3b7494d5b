"""Per-field rules in source.toml: honoured when valid, named precisely when not."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter

import pytest

from fakedata import UserError, load_source
from fakedata.generate import Options, decoded, generate
from fakedata.values import OS_FAMILIES
from tests.conftest import ROOT

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


# -- zero configuration: the field's name picks its values (fakedata.heuristics) ------------

AS_OF = dt.datetime(2026, 11, 15, tzinfo=dt.UTC)  # Population.as_of, the end of the window
PLUGIN = [
    {"name": "site", "type": "STRING", "mode": "REQUIRED", "description": ""},
    {"name": "chatops_service", "type": "STRING", "mode": "NULLABLE", "description": ""},
    {
        "name": "chatops_commands",
        "type": "RECORD",
        "mode": "REPEATED",
        "description": "",
        "fields": [
            {"name": "name", "type": "STRING", "mode": "NULLABLE", "description": ""},
            {"name": "count", "type": "INTEGER", "mode": "NULLABLE", "description": ""},
        ],
    },
    {"name": "environment", "type": "STRING", "mode": "NULLABLE", "description": ""},
    {"name": "cpu_arch", "type": "STRING", "mode": "NULLABLE", "description": ""},
    {"name": "node_type", "type": "STRING", "mode": "NULLABLE", "description": ""},
    {"name": "webhook_url", "type": "STRING", "mode": "NULLABLE", "description": ""},
    {"name": "configured_at", "type": "STRING", "mode": "NULLABLE", "description": ""},
    {"name": "chatops_enabled", "type": "BOOLEAN", "mode": "NULLABLE", "description": ""},
    {"name": "tags", "type": "STRING", "mode": "REPEATED", "description": ""},
    {"name": "widget_count", "type": "INTEGER", "mode": "NULLABLE", "description": ""},
    {"name": "plugin_version", "type": "STRING", "mode": "NULLABLE", "description": ""},
    {"name": "platform", "type": "STRING", "mode": "NULLABLE", "description": ""},
    {"name": "synced_at", "type": "TIMESTAMP", "mode": "NULLABLE", "description": ""},
]


def plugin(tmp_path, rules: str = ""):
    (tmp_path / "chatops.json").write_text(json.dumps(PLUGIN))
    (tmp_path / "source.toml").write_text('[source]\nentity = "site"\n' + rules)
    return load_source(tmp_path)


@pytest.mark.parametrize(
    ("name", "parent", "expected"),
    [
        ("chatops_service", "", "chat_services"),
        ("name", "chatops_commands", "commands"),
        ("ci_provider", "", "ci_services"),
        ("database_type", "", "databases"),
        ("node_type", "", "types"),
        ("environment", "", "environments"),
        ("env", "", "environments"),
        ("name", "services", "system_services"),
        ("name", "plugins", "plugins"),
        ("backup_service", "", "storage_services"),
        ("status", "", "statuses"),
        ("favourite_colour", "", None),
    ],
)
def test_the_name_picks_a_list(name, parent, expected):
    from fakedata.heuristics import vocabulary_for

    assert vocabulary_for(name, parent) == expected


def test_a_new_plugin_gets_plausible_values_without_rules(tmp_path):
    """The issue's plugin: chatops_service was "a", "account"; names repeated in one list."""
    from urllib.parse import urlsplit

    from fakedata.heuristics import vocabularies

    lists = vocabularies()
    got = rows(plugin(tmp_path), sites=80)
    services = Counter(r["chatops_service"] for r in got if r["chatops_service"])
    assert set(services) <= set(lists["chat_services"]) and len(services) >= 3
    assert services.most_common(1)[0][0] == "slack"  # the first of the list is the commonest
    commands = [c for r in got for c in r["chatops_commands"]]
    assert commands and {c["name"] for c in commands} <= set(lists["commands"])
    for r in got:  # a list of {name, count} is a histogram: each name once
        names = [c["name"] for c in r["chatops_commands"]]
        assert len(names) == len(set(names)), names
        assert len(r["tags"]) == len(set(r["tags"])), r["tags"]
    assert all(isinstance(c["count"], int) and c["count"] >= 1 for c in commands)
    assert {r["environment"] for r in got} - {None} <= set(lists["environments"])
    assert {r["cpu_arch"] for r in got} - {None} <= set(lists["architectures"])
    assert {r["node_type"] for r in got} - {None} <= set(lists["types"])
    for r in got:
        if r["webhook_url"] is not None:  # the host only: no path, query or user
            parts = urlsplit(r["webhook_url"])
            assert parts.scheme == "https" and parts.hostname in lists["url_hosts"]
            assert (parts.path, parts.query, parts.username) == ("", "", None)
        if r["configured_at"] is not None:
            when = dt.datetime.fromisoformat(r["configured_at"])
            assert when.tzinfo is not None
            assert dt.datetime(2026, 10, 31, tzinfo=dt.UTC) <= when < AS_OF
    enabled = [r["chatops_enabled"] for r in got if r["chatops_enabled"] is not None]
    assert 0.65 < sum(enabled) / len(enabled) < 0.95  # a feature is mostly enabled
    assert all(r["widget_count"] >= 1 for r in got if r["widget_count"] is not None)
    versions = {r["plugin_version"] for r in got} - {None}
    assert versions and all(re.fullmatch(r"\d+\.\d+\.\d+", v) for v in versions)
    assert {r["platform"] for r in got} - {None} <= set(OS_FAMILIES)
    synced = [r["synced_at"] for r in got if r["synced_at"] is not None]
    assert synced and all(AS_OF - dt.timedelta(days=14) <= t < AS_OF for t in synced)


def test_guesses_are_deterministic(tmp_path):
    src = plugin(tmp_path)
    assert rows(src, sites=30) == rows(src, sites=30)


def test_unique_rule_both_ways(tmp_path):
    src = plugin(
        tmp_path,
        """
[rules."chatops_commands.name"]
choices = ["deploy", "status"]
unique = false
[rules.chatops_commands]
length = [4, 6]
[rules.tags]
choices = ["web", "db"]
length = [3, 5]
unique = true
""",
    )
    got = rows(src, sites=40)
    # unique = false: with two names and 4 to 6 items, every list repeats one
    assert all(len({c["name"] for c in r["chatops_commands"]}) < 4 for r in got)
    # unique = true: a list never has more items than there are distinct values
    assert all(len(r["tags"]) == len(set(r["tags"])) <= 2 for r in got)
    assert any(len(r["tags"]) == 2 for r in got)


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ("[rules.environment]\nunique = true", "rules.environment.unique: applies to a REPEATED"),
        ("[rules.chatops_commands]\nunique = true", "rules.chatops_commands.unique: applies to a"),
        ("[rules.tags]\nunique = 1", "rules.tags.unique: must be a boolean, not an integer"),
    ],
)
def test_bad_unique_rule(tmp_path, rules, message):
    with pytest.raises(UserError) as err:
        plugin(tmp_path, rules)
    assert str(err.value).startswith(f"{tmp_path / 'source.toml'}: {message}"), str(err.value)


# -- docs/fake-data.md: every rule documented, its example valid ------------------------------

DOCS = (ROOT / "docs" / "fake-data.md").read_text()


def test_every_rule_key_is_documented_with_an_example():
    from fakedata.field_rules import Rule

    table = DOCS.split("## `[rules]`", 1)[1]
    documented = set()
    for line in table.splitlines():
        if line.startswith("| `"):
            cells = line.split("|")
            keys = re.findall(r"`(\w+)`", cells[1])
            assert cells[3].strip(), f"no example for {keys}"
            documented.update(keys)
    assert documented == set(Rule.model_fields)


def test_the_documented_plugin_and_rules_work(tmp_path):
    schema = re.search(r"```json\n(.*?)```", DOCS, re.S)
    rules = re.search(r"```toml\n(.*?)```", DOCS, re.S)
    assert schema and rules
    (tmp_path / "chatops.json").write_text(schema[1])
    (tmp_path / "source.toml").write_text(rules[1])
    got = rows(load_source(tmp_path), sites=40)
    services = Counter(r["chatops_service"] for r in got)
    assert set(services) == {"slack", "teams", "mattermost"}  # choices, no NULL (null_rate 0)
    assert services["slack"] > services["teams"] > services["mattermost"]
    for r in got:
        names = [c["name"] for c in r["chatops_commands"]]
        assert set(names) <= {"deploy", "status", "help", "rollback"}
        assert len(names) == len(set(names))
        assert all(c["count"] >= 1 for c in r["chatops_commands"])
