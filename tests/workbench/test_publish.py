"""``workbench publish`` input checks that need no BigQuery (the emulator tests are in
test_bigquery.py): each is caught before any API call, with one message."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.cli import main_in_process as run
from tests.conftest import ROOT
from workbench.cli import main
from workbench.publish import TableId, parse_table_id, table_link


@pytest.fixture(autouse=True)
def nowhere(monkeypatch):
    # A local endpoint nothing listens on: any API call would fail loudly, none is made.
    monkeypatch.setenv("WORKBENCH_BIGQUERY_ENDPOINT", "http://127.0.0.1:9")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "my-project.community.community_metrics",
            ("my-project", "community", "community_metrics"),
        ),
        ("example.com:my-project.d.t", ("example.com:my-project", "d", "t")),
    ],
)
def test_table_ids(text, expected):
    assert parse_table_id(text) == TableId(*expected)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("t", "has 1 part(s) where PROJECT.DATASET.TABLE has three, separated by dots"),
        ("d.t", "has 2 part(s) where PROJECT.DATASET.TABLE has three, separated by dots"),
        (
            "My_Project.d.t",
            "the project 'My_Project' must be 6 to 30 lowercase letters, digits and hyphens, "
            "starting with a letter",
        ),
        ("p-roject.d-x.t", "the dataset 'd-x' must be letters, digits and underscores"),
        (
            "p-roject.d.",
            "the table '' must be letters, digits, underscores, hyphens and spaces",
        ),
    ],
)
def test_bad_table_ids_say_which_part_is_wrong(capsys, text, why):
    code, out, err = run(capsys, "publish", "--table", text)
    assert code == 1 and out == ""
    assert err == (
        f"workbench: error: --table {text!r}: {why} (e.g. my-project.community.community_metrics)\n"
    )


def test_links():
    table = TableId("p-roject", "d", "t")
    assert table_link(table, None) == (
        "https://console.cloud.google.com/bigquery?p=p-roject&d=d&t=t&page=table"
    )
    assert table_link(table, "http://127.0.0.1:9050") == (
        "http://127.0.0.1:9050/bigquery/v2/projects/p-roject/datasets/d/tables/t"
    )


def test_publish_without_a_generated_dataset(capsys, tmp_path):
    code, _, err = run(capsys, "publish", "--table", "p-roject.d.t", "--data", str(tmp_path))
    assert code == 1
    assert err == (
        f"workbench: error: {tmp_path / 'dropsonde' / 'dataset.json'}: no generated dataset "
        "here (run `workbench fake-data`)\n"
    )


def test_publish_refuses_data_generated_from_another_schema(capsys, tmp_path):
    source = tmp_path / "src"
    shutil.copytree(ROOT / "schemas" / "dropsonde", source)
    data = tmp_path / "data"
    assert (
        main(
            [
                "fake-data",
                "--source",
                str(source),
                "--sites",
                "3",
                "--days",
                "7",
                "--out",
                str(data),
            ]
        )
        == 0
    )
    plugin = source / "environments.json"
    fields = json.loads(plugin.read_text())
    fields.append(
        {"name": "added_later", "type": "STRING", "mode": "NULLABLE", "description": "new"}
    )
    plugin.write_text(json.dumps(fields))
    capsys.readouterr()
    code, _, err = run(
        capsys, "publish", "--source", str(source), "--table", "p-roject.d.t", "--data", str(data)
    )
    assert code == 1
    # a schema directory outside schemas/ keeps its dataset apart, under data/plugins/
    assert err == (
        f"workbench: error: {data / 'plugins' / 'dropsonde' / 'part-00000.parquet'} was generated from "
        "another version of the dropsonde schema; run `workbench fake-data --source dropsonde` again\n"
    )


def test_a_local_endpoint_gets_anonymous_credentials_never_a_real_token():
    from google.auth.credentials import AnonymousCredentials

    from workbench.engines.bigquery import connect

    client = connect(endpoint="http://localhost:9050")
    assert isinstance(client._credentials, AnonymousCredentials)
    assert client.project == "workbench-local"
