"""source.toml: settings of a source, checked strictly."""

from __future__ import annotations

import datetime as dt
import json
import re
import zlib
from pathlib import Path

import pytest

from fakedata import UserError, load_source
from fakedata.source import Aggregation, Population
from tests.conftest import ROOT


def test_dropsonde_settings():
    source = load_source(ROOT / "schemas" / "dropsonde")
    assert source.table == "community_metrics"
    assert source.production_table == "bto-dataops-datalake-prod.dujour.community_metrics"
    assert source.public_tables == ("dataops-puppet-public-data.community.community_metrics",)
    assert source.identifiers == ("site_id", "message_id", "ip")
    assert source.population.as_of == dt.date(2026, 11, 15)
    assert 100 <= source.population.sites <= 1000 and source.population.days == 84


def make(tmp_path: Path, toml: str) -> Path:
    (tmp_path / "p.json").write_text(
        json.dumps([{"name": "site_id", "type": "STRING", "mode": "NULLABLE", "description": "d"}])
    )
    (tmp_path / "source.toml").write_text(toml)
    return tmp_path


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[source\n", "invalid TOML"),
        # unknown keys and sections
        ("[source]\ntabel = 'x'\n", "source.tabel: unknown key (expected one of: name, "),
        (
            "[sauce]\n",
            "sauce: unknown section (expected one of: source, population, aggregation, "
            "differential_privacy, rules)",
        ),
        ("[population]\nsities = 3\n", "population.sities: unknown key (expected one of: sites, "),
        # wrong types
        ("source = 1\n", "source: must be a table, not an integer"),
        ("[population]\nsites = 'many'\n", "population.sites: must be an integer, not a string"),
        ("[population]\nsites = true\n", "population.sites: must be an integer, not a boolean"),
        ("[source]\nk_anonymity = 1.5\n", "source.k_anonymity: must be an integer, not a float"),
        (
            "[source]\nidentifiers = 'site_id'\n",
            "source.identifiers: must be an array, not a string",
        ),
        (
            "[source]\nidentifiers = ['site_id', 3]\n",
            "source.identifiers[1]: must be a string, not an integer",
        ),
        # wrong values
        (
            "[source]\nidentifiers = ['nope']\n",
            "source.identifiers[0]: column 'nope' is not in the schema",
        ),
        ("[source]\nentity = 'nope'\n", "source.entity: column 'nope' is not in the schema"),
        ("[source]\ntable = 'a-b'\n", "source.table: 'a-b' is not a valid table name"),
        (
            "[source]\nproduction_table = 'a b'\n",
            "source.production_table: 'a b' is not a project.dataset.table name",
        ),
        (
            "[source]\npublic_tables = ['a.b.c', 'a b']\n",
            "source.public_tables[1]: 'a b' is not a project.dataset.table name",
        ),
        ("[population]\nsites = 0\n", "population.sites: must be greater than or equal to 1"),
        ("[population]\nseed = -1\n", "population.seed: must be greater than or equal to 0"),
        # the differential privacy budget: epsilon > 0, 0 < delta < 1, numbers not strings
        (
            "[differential_privacy]\nmax_epsilon = 0\n",
            "differential_privacy.max_epsilon: must be greater than 0",
        ),
        (
            "[differential_privacy]\nmax_delta = 1\n",
            "differential_privacy.max_delta: must be less than 1",
        ),
        (
            "[differential_privacy]\nmax_epsilon = '4'\n",
            "differential_privacy.max_epsilon",
        ),
        (
            "[differential_privacy]\nbudget = 4\n",
            "differential_privacy.budget: unknown key (expected one of: max_epsilon, max_delta)",
        ),
        (
            "[population]\nas_of = '2026-13-01'\n",
            "population.as_of: '2026-13-01' is not a YYYY-MM-DD date",
        ),
        (
            "[population]\nas_of = 2026-01-01T00:00:00\n",
            "population.as_of: must be a date (YYYY-MM-DD), not a date-time",
        ),
        # [aggregation]
        ("[aggregation]\nheader = 'yes'\n", "aggregation.header: must be 'comment' or 'questions'"),
        ("[aggregation]\nheader = 1\n", "aggregation.header: must be 'comment' or 'questions'"),
        (
            "[aggregation]\nfrom_rule = 'FROM\\s+(?!'\n",
            "aggregation.from_rule: is not a Python regular expression (",
        ),
        (
            "[aggregation]\nfrom_rule = 3\n",
            "aggregation.from_rule: must be a string, not an integer",
        ),
        (
            "[aggregation]\nfrom = 'x'\n",
            "aggregation.from: unknown key (expected one of: from_rule, from_rule_description, header)",
        ),
        # several mistakes: the first one, and how many more
        (
            "[population]\nsites = 0\ndays = 'x'\n",
            "population.sites: must be greater than or equal to 1 (and 1 more mistake)",
        ),
    ],
)
def test_bad_settings_are_rejected(tmp_path: Path, toml: str, message: str):
    with pytest.raises(UserError) as err:
        load_source(make(tmp_path, toml))
    text = str(err.value)
    assert text.startswith(f"{tmp_path / 'source.toml'}: {message}"), text
    assert "\n" not in text.strip()


def test_dropsonde_aggregation_rule_is_the_rakefile_check():
    """The Rakefile of puppetlabs/dropsonde-aggregation rejects a file when
    ``/FROM\\s+(?!\\s*(\\(|`bto-dataops-datalake-prod.dujour.community_metrics`))/i`` matches
    anywhere in its text; source.toml holds the same pattern for Python's re."""
    rule = load_source(ROOT / "schemas" / "dropsonde").aggregation.from_rule
    assert rule
    production = "`bto-dataops-datalake-prod.dujour.community_metrics`"
    rejected = [
        "SELECT 1 FROM latest",
        "select 1 from\n  `other.dataset.table`",
        "-- data from the last week\nSELECT 1 FROM (SELECT 1)",
        "SELECT 'from x'",
        "SELECT valid_from FROM (SELECT 1 AS valid_from)",  # no word boundary in the rule
        "SELECT EXTRACT(DAY FROM ts) FROM (SELECT 1)",
        "SELECT 1 FROM UNNEST([1])",
        "SELECT 1 FROM \u00a0(SELECT 1)",  # U+00A0 is no whitespace for Ruby's \\s
    ]
    accepted = [
        f"SELECT 1 FROM {production}",
        f"SELECT 1 FROM {production.upper()}, UNNEST(modules) AS modules",
        "SELECT 1 FROM (SELECT 1)",
        "SELECT 1 FROM\n  (\n SELECT 1)",
        "SELECT 1 FROM(SELECT 1)",  # FROM\\s+ needs whitespace
        "SELECT `valid_from` FROM (SELECT 1 AS `valid_from`)",
    ]
    assert [q for q in rejected if not re.search(rule, q)] == []
    assert [q for q in accepted if re.search(rule, q)] == []


def test_a_source_without_aggregation_settings_promotes_with_no_rule(tmp_path: Path):
    source = load_source(make(tmp_path, "[source]\nname = 'x'\n"))
    assert source.aggregation == Aggregation()
    assert source.aggregation.from_rule is None and source.aggregation.header is None


def test_a_toml_date_and_a_date_string_are_the_same(tmp_path: Path):
    dates = []
    for name, value in (("a", "2025-03-01"), ("b", "'2025-03-01'")):
        (tmp_path / name).mkdir()
        dates.append(load_source(make(tmp_path / name, f"[population]\nas_of = {value}\n")))
    assert [s.population.as_of for s in dates] == [dt.date(2025, 3, 1)] * 2


def test_a_directory_without_source_toml_gets_the_defaults(tmp_path: Path):
    directory = tmp_path / "my-plugin"
    directory.mkdir()
    (directory / "p.json").write_text(
        json.dumps([{"name": "site_id", "type": "STRING", "mode": "NULLABLE", "description": "d"}])
    )
    source = load_source(directory)
    assert (source.name, source.table, source.k_anonymity) == ("my-plugin", "my_plugin", 5)
    # the seed comes from the name: two plugins tried side by side never share random streams
    assert source.population == Population(seed=zlib.crc32(b"my-plugin"))
    other = tmp_path / "other-plugin"
    other.mkdir()
    (other / "p.json").write_text((directory / "p.json").read_text())
    assert load_source(other).population.seed != source.population.seed
    (other / "source.toml").write_text("[population]\nseed = 7\n")
    assert load_source(other).population.seed == 7
