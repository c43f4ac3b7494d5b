"""Loading, validating and merging BigQuery JSON schemas."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fakedata import UserError, load_schema, load_source
from fakedata.schema import parse_fields
from tests.conftest import REFERENCE, ROOT


def reference_merged() -> list[dict]:
    ref = REFERENCE / "dropsonde" / "schemas"
    merged = json.loads((ref / "_system.json").read_text())
    for path in sorted(ref.glob("*.json")):
        if path.name != "_system.json":
            merged.extend(json.loads(path.read_text()))
    return merged


def reference_columns(merged: list[dict], reference: list[dict]) -> list[dict]:
    """The merged schema's columns that the reference declares, in the merged order: the
    reference plugins stay pinned while a plugin added beside them adds its own columns."""
    names = {f["name"] for f in reference}
    return [f for f in merged if f["name"] in names]


def test_dropsonde_schema_equals_the_merged_reference():
    source = load_source(ROOT / "schemas" / "dropsonde")
    assert reference_columns(source.schema.to_json(), reference_merged()) == reference_merged()
    for path in (REFERENCE / "dropsonde" / "schemas").glob("*.json"):  # each file, verbatim
        assert (ROOT / "schemas" / "dropsonde" / path.name).read_text() == path.read_text()
    assert source.schema.names[:6] == [
        "message_id",
        "site_id",
        "product",
        "version",
        "timestamp",
        "ip",
    ]


def test_sql_types_render_nested_records():
    schema = load_source(ROOT / "schemas" / "dropsonde").schema
    assert schema["modules"].sql_type() == "ARRAY<STRUCT<name STRING, slug STRING, version STRING>>"
    assert schema["site_id"].sql_type() == "BYTES"


def write(directory: Path, name: str, data: object) -> Path:
    path = directory / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    return path


def field(name: str = "x", type_: str = "STRING", **extra: object) -> dict:
    return {"name": name, "type": type_, "mode": "NULLABLE", "description": "d", **extra}


def test_a_directory_of_plugin_files_is_a_source_with_defaults(tmp_path: Path):
    plugin = tmp_path / "myplugin"
    plugin.mkdir()
    write(
        plugin,
        "widgets.json",
        [field("widget_count", "INTEGER"), field("tags", "STRING", mode="REPEATED")],
    )
    source = load_source(plugin)
    assert source.name == "myplugin"
    assert source.table == "myplugin"
    assert source.schema.names == ["widget_count", "tags"]
    assert source.identifiers == ()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "x"}, "must be a JSON array"),
        (["x"], "must be a JSON object"),
        ([{"type": "STRING", "description": "d"}], "has no 'name'"),
        ([{"name": "x", "description": "d"}], "has no 'type'"),
        ([{"name": "x", "type": "STRING"}], "has no 'description'"),
        ([field(type_="STRIN")], "unknown type 'STRIN'"),
        ([field(mode="OPTIONAL")], "unknown mode 'OPTIONAL'"),
        ([field("bad-name")], "not a valid BigQuery column name"),
        ([field(type_="RECORD")], "is a RECORD but has no 'fields'"),
        ([field(type_="RECORD", fields=[])], "is a RECORD but has no 'fields'"),
        ([field(fields=[field()])], "has 'fields' but its type is STRING"),
        ([field(), field("X")], "duplicate column name 'X'"),
        ([field(type_="RECORD", fields=[field("a"), field("a")])], "duplicate column name 'x.a'"),
        ([field(type_="RECORD", fields=[field("a", "WIDGET")])], "field 'x.a': unknown type"),
        ([field(desciption="typo")], "unknown key(s) 'desciption'"),
    ],
)
def test_invalid_schemas_are_rejected_with_the_culprit(data: object, message: str):
    with pytest.raises(UserError) as err:
        parse_fields(data, "plugin.json")
    assert message in str(err.value)
    assert str(err.value).startswith("plugin.json")


def test_invalid_json_names_file_and_line(tmp_path: Path):
    write(tmp_path, "broken.json", '[\n  {"name": "x",\n  "type": }\n]')
    with pytest.raises(UserError, match=r"broken\.json: line 3: invalid JSON"):
        load_schema(tmp_path)


def test_duplicate_columns_across_plugins_are_rejected(tmp_path: Path):
    write(tmp_path, "a.json", [field("count", "INTEGER")])
    write(tmp_path, "b.json", [field("Count", "INTEGER")])
    with pytest.raises(
        UserError, match=r"b\.json: duplicate column name 'Count' \(already declared in a\.json\)"
    ):
        load_schema(tmp_path)


def test_system_fields_merge_first_and_clash_with_plugins(tmp_path: Path):
    write(tmp_path, "_system.json", [field("site_id", "BYTES")])
    write(tmp_path, "a.json", [field("modules_count", "INTEGER")])
    assert load_schema(tmp_path, "_system.json").names == ["site_id", "modules_count"]
    write(tmp_path, "b.json", [field("site_id", "STRING")])
    with pytest.raises(UserError, match="duplicate column name 'site_id'"):
        load_schema(tmp_path, "_system.json")


def test_empty_directory_and_missing_directory(tmp_path: Path):
    with pytest.raises(UserError, match="no plugin schema"):
        load_schema(tmp_path)
    with pytest.raises(UserError, match="not found"):
        load_schema(tmp_path / "nope")


def test_every_bigquery_type_and_mode_is_accepted():
    types = [
        "STRING",
        "BYTES",
        "INTEGER",
        "INT64",
        "FLOAT",
        "FLOAT64",
        "NUMERIC",
        "BIGNUMERIC",
        "BOOLEAN",
        "BOOL",
        "TIMESTAMP",
        "DATE",
        "TIME",
        "DATETIME",
        "GEOGRAPHY",
        "JSON",
    ]
    fields = [field(f"c{i}", t, mode=m) for i, t in enumerate(types) for m in ["NULLABLE"]]
    fields.append(
        field("r", "STRUCT", mode="REQUIRED", fields=[field("n", "INT64", mode="REPEATED")])
    )
    parsed = parse_fields(fields, "all.json")
    assert [f.type for f in parsed][:4] == ["STRING", "BYTES", "INTEGER", "INTEGER"]
    assert parsed[-1].sql_type() == "STRUCT<n ARRAY<INT64>>"
