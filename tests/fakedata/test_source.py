"""source.toml: settings of a source, checked strictly."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from fakedata import UserError, load_source
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
        ("[source]\ntabel = 'x'\n", "unknown key(s) tabel"),
        ("[sauce]\n", "unknown section(s) sauce"),
        ("[source]\nidentifiers = ['nope']\n", "identifier column 'nope' is not in the schema"),
        ("[source]\ntable = 'a-b'\n", "not a valid table name"),
        ("[source]\nproduction_table = 'a b'\n", "not a project.dataset.table name"),
        ("[population]\nsites = 0\n", "sites must be a positive integer"),
        ("[population]\nsites = 'many'\n", "sites must be a int"),
        ("[population]\nas_of = '2026-13-01'\n", "not a YYYY-MM-DD date"),
    ],
)
def test_bad_settings_are_rejected(tmp_path: Path, toml: str, message: str):
    with pytest.raises(UserError) as err:
        load_source(make(tmp_path, toml))
    assert message in str(err.value)
    assert "source.toml" in str(err.value)
