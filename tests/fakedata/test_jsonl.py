"""fakedata.jsonl against the row-by-row JSON Lines writer: the same values, line by line."""

from __future__ import annotations

import datetime as dt
import decimal
import io
import json

import pyarrow as pa
import pytest
from hypothesis import given, settings

from fakedata.generate import decoded
from fakedata.jsonl import lines
from fakedata.write import _write_json_lines, write_jsonl_batch
from tests.fakedata.strategies import SLOW, cases


def parsed(text: str) -> list:
    """JSON values with numbers exact (1, 1.0 and 1e-07 are one number to a load job)."""
    return [
        json.loads(line, parse_float=decimal.Decimal, parse_int=decimal.Decimal, parse_constant=str)
        for line in text.split("\n")[:-1]  # load jobs split on \n alone
    ]


def row_by_row(batch: pa.RecordBatch, plain: pa.Schema) -> str:
    out = io.StringIO()
    write_jsonl_batch(decoded(batch, plain), out)
    return out.getvalue()


def columnar(batch: pa.RecordBatch, plain: pa.Schema) -> str:
    out = io.BytesIO()
    _write_json_lines(batch, plain, out)
    return out.getvalue().decode("utf-8")


@settings(SLOW, max_examples=60)
@given(case=cases())
def test_random_schemas_give_the_values_of_the_row_by_row_writer(case):
    """Every type, nulls at every level, dictionaries, slices and chunks: the same values."""
    for group in case.groups:
        for batch in group.to_batches():
            new = columnar(batch, case.plain)
            assert new.count("\n") == batch.num_rows
            assert parsed(new) == parsed(row_by_row(batch, case.plain))


def one(typ: pa.DataType, values: list) -> pa.RecordBatch:
    return pa.RecordBatch.from_arrays([pa.array(values, typ)], names=["v"])


@pytest.mark.parametrize(
    ("typ", "values"),
    [
        (pa.float64(), [1.0, float("nan")]),
        (pa.float64(), [float("inf")]),
        (pa.string(), ["tab\there"]),
        (pa.string(), ["next\u2028line"]),
        (pa.string(), ["c1\x85control"]),
        (pa.list_(pa.string()), [["ok", "line\nbreak"]]),
    ],
)
def test_what_the_columnar_writer_cannot_render_goes_row_by_row(typ, values):
    batch = one(typ, values)
    assert lines(batch) is None
    assert columnar(batch, batch.schema) == row_by_row(batch, batch.schema)


def test_strings_are_escaped_and_keep_their_characters():
    words = ['say "hi"', "back\\slash", "é ✓ 🐍", "", "\u00ff"]
    batch = one(pa.string(), words)
    assert lines(batch) is not None
    new = columnar(batch, batch.schema)
    assert [row["v"] for row in map(json.loads, new.split("\n")[:-1])] == words


def test_datetime_and_time_drop_a_zero_fraction_as_isoformat_does():
    stamps = [dt.datetime(2025, 3, 1, 4, 5, 6), dt.datetime(2025, 3, 1, 4, 5, 6, 7)]
    times = [dt.time(4, 5, 6), dt.time(4, 5, 6, 700)]
    batch = pa.RecordBatch.from_arrays(
        [pa.array(stamps, pa.timestamp("us")), pa.array(times, pa.time64("us"))],
        names=["at", "clock"],
    )
    new = columnar(batch, batch.schema)
    assert new == row_by_row(batch, batch.schema)  # to the character
    assert '"2025-03-01 04:05:06"' in new and '"04:05:06.000700"' in new


def test_timestamps_bytes_and_numerics_are_text_a_load_job_reads():
    batch = pa.RecordBatch.from_arrays(
        [
            pa.array([dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC)], pa.timestamp("us", "UTC")),
            pa.array([b"\x00\xffsite"]),
            pa.array([decimal.Decimal("-0.000000001")], pa.decimal128(38, 9)),
            pa.array([True]),
            pa.array([[]], pa.list_(pa.int64())),
        ],
        names=["t", "b", "n", "ok", "empty"],
    )
    row = json.loads(columnar(batch, batch.schema))
    assert row == {
        "t": "2025-01-02 03:04:05.000000 UTC",
        "b": "AP9zaXRl",
        "n": "-1E-9",
        "ok": True,
        "empty": [],
    }
