"""Property-based: any valid schema → generated rows validate against it, JSONL included."""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import json
import tempfile
from pathlib import Path

import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fakedata import load_source
from fakedata.arrow import arrow_schema
from fakedata.generate import Options
from fakedata.write import JSONL, PARQUET, write_dataset

SCALARS = ["STRING", "BYTES", "INTEGER", "FLOAT", "NUMERIC", "BIGNUMERIC", "BOOLEAN",
           "TIMESTAMP", "DATE", "TIME", "DATETIME", "GEOGRAPHY", "JSON"]  # fmt: skip
NAMES = ["id", "name", "slug", "version", "count", "platform", "timestamp", "ip", "value",
         "modules", "tags", "created", "site_id", "size", "kind"]  # fmt: skip


def fields(depth: int) -> st.SearchStrategy:
    leaf = st.fixed_dictionaries(
        {
            "type": st.sampled_from(SCALARS),
            "mode": st.sampled_from(["NULLABLE", "REQUIRED", "REPEATED"]),
        }
    )
    if depth > 0:
        record = st.fixed_dictionaries(
            {
                "type": st.just("RECORD"),
                "mode": st.sampled_from(["NULLABLE", "REPEATED"]),
                "fields": fields(depth - 1),
            }
        )
        leaf = st.one_of(leaf, record)
    return st.lists(
        st.tuples(st.sampled_from(NAMES), leaf), min_size=1, max_size=4, unique_by=lambda t: t[0]
    ).map(lambda items: [{"name": n, "description": "", **f} for n, f in items])


def check(f: dict, value, where: str) -> None:
    """A JSON value as a BigQuery load job reads it for field ``f``."""
    if f["mode"] == "REPEATED":
        assert isinstance(value, list), where
        for v in value:
            assert v is not None, where
            check({**f, "mode": "REQUIRED"}, v, where)
        return
    if value is None:
        assert f["mode"] == "NULLABLE", where
        return
    t = f["type"]
    if t == "RECORD":
        assert isinstance(value, dict) and set(value) == {c["name"] for c in f["fields"]}, where
        for c in f["fields"]:
            check(c, value[c["name"]], f"{where}.{c['name']}")
    elif t == "BYTES":
        base64.b64decode(value, validate=True)
    elif t == "INTEGER":
        assert isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**63, where
    elif t == "FLOAT":
        assert isinstance(value, int | float) and value == value, where
    elif t in ("NUMERIC", "BIGNUMERIC"):
        decimal.Decimal(value)
    elif t == "BOOLEAN":
        assert isinstance(value, bool), where
    elif t == "TIMESTAMP":
        dt.datetime.strptime(value, "%Y-%m-%d %H:%M:%S.%f UTC")
    elif t == "DATETIME":
        dt.datetime.fromisoformat(value)
    elif t == "DATE":
        dt.date.fromisoformat(value)
    elif t == "TIME":
        dt.time.fromisoformat(value)
    elif t == "JSON":
        json.dumps(value)
    else:
        assert isinstance(value, str), where


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    schema=fields(2), sites=st.integers(1, 12), days=st.integers(1, 21), seed=st.integers(0, 2**32)
)
def test_generated_rows_validate_against_any_schema(schema, sites, days, seed):
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "plugin"
        src.mkdir()
        (src / "plugin.json").write_text(json.dumps(schema))
        source = load_source(src)
        as_of = dt.date(2026, 1, 1)
        opts = Options.for_source(source, sites=sites, days=days, seed=seed, as_of=as_of)
        m = write_dataset(source, opts, Path(tmp) / "out", jsonl=True)
        table = pq.read_table(Path(tmp) / "out" / PARQUET)
        assert table.schema == arrow_schema(source.schema)
        assert table.num_rows == m.rows >= sites
        lines = (Path(tmp) / "out" / JSONL).read_text().splitlines()
        assert len(lines) == m.rows
        for line in lines:
            row = json.loads(line)
            assert set(row) == {f["name"] for f in schema}
            for f in schema:
                check(f, row[f["name"]], f["name"])
        end = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        for f in schema:
            if f["type"] == "TIMESTAMP" and f["mode"] != "REPEATED":
                stamps = [t for t in table.column(f["name"]).to_pylist() if t is not None]
                assert all(end - dt.timedelta(days=days) <= t < end for t in stamps)
