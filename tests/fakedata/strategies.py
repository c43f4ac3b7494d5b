"""Hypothesis strategies shared by the writer tests: random BigQuery schemas (every type
and mode, records of lists, nulls at every level) with rows cut into chunked, sliced row
groups, string leaves dictionary-encoded or not (as the fleet models hand them over)."""

from __future__ import annotations

import datetime as dt
import decimal
import itertools
import math
from dataclasses import dataclass

import pyarrow as pa
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from fakedata.arrow import arrow_schema
from fakedata.schema import Schema, parse_fields

DICT = pa.dictionary(pa.int32(), pa.string())  # how fleet models hand strings to the writer
SCALARS = ["STRING", "BYTES", "INTEGER", "FLOAT", "NUMERIC", "BIGNUMERIC", "BOOLEAN",
           "TIMESTAMP", "DATE", "TIME", "DATETIME", "GEOGRAPHY", "JSON"]  # fmt: skip
STRINGS = {"STRING", "GEOGRAPHY", "JSON"}  # Arrow strings: may come dictionary-encoded
MODES = ["NULLABLE", "REQUIRED", "REPEATED"]
NAMES = ["id", "name", "slug", "version", "count", "platform", "timestamp", "ip", "value",
         "modules", "tags", "created", "site_id", "size", "kind"]  # fmt: skip
WORDS = ["", "a", "b", "puppetlabs-stdlib", "é", "\u00ff\u0100", "zz", "A"]  # repeats: dictionaries
SLOW = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


def bq(name: str, typ: str, mode: str, fields: list | None = None) -> dict:
    """A BigQuery schema field as the JSON schema files write it."""
    out = {"name": name, "type": typ, "mode": mode, "description": ""}
    return out | ({"fields": fields} if fields else {})


# -- random BigQuery schemas with their data ------------------------------------------


def bq_fields(depth: int, top: bool = False) -> st.SearchStrategy:
    """BigQuery field lists (every mode, records too); string leaves marked ``dict`` or not."""
    leaf = st.fixed_dictionaries(
        {"type": st.sampled_from(SCALARS), "mode": st.sampled_from(MODES), "dict": st.booleans()}
    )
    if depth > 0:
        record = st.fixed_dictionaries(
            {
                "type": st.just("RECORD"),
                "mode": st.sampled_from(MODES),
                "fields": bq_fields(depth - 1),
            }
        )
        leaf = st.one_of(leaf, record)
    return st.lists(
        st.tuples(st.sampled_from(NAMES), leaf),
        min_size=1,
        max_size=5 if top else 3,
        unique_by=lambda t: t[0],
    ).map(lambda items: [{"name": n, "description": "", **f} for n, f in items])


def bare(spec: list[dict]) -> list[dict]:
    """The spec as a BigQuery schema (without the test's ``dict`` marks)."""
    out = []
    for f in spec:
        g = {k: v for k, v in f.items() if k != "dict"}
        if "fields" in g:
            g["fields"] = bare(g["fields"])
        out.append(g)
    return out


def with_dictionaries(spec: list[dict], schema: pa.Schema) -> pa.Schema:
    """``schema`` with the string leaves marked ``dict`` as dictionary<int32, string>."""

    def typ(f: dict, t: pa.DataType) -> pa.DataType:
        if pa.types.is_list(t):
            item = t.value_field
            return pa.list_(pa.field(item.name, typ({**f, "mode": "REQUIRED"}, item.type), False))
        if pa.types.is_struct(t):
            children = [t.field(i) for i in range(t.num_fields)]
            return pa.struct(
                [c.with_type(typ(g, c.type)) for g, c in zip(f["fields"], children, strict=True)]
            )
        return DICT if f["type"] in STRINGS and f.get("dict") else t

    return pa.schema([a.with_type(typ(f, a.type)) for f, a in zip(spec, schema, strict=True)])


def scalars(t: str) -> st.SearchStrategy:
    """Values of a BigQuery scalar type, extremes included, as pyarrow takes them."""
    if t in STRINGS:
        return st.sampled_from(WORDS) | st.text(max_size=6)
    if t == "BYTES":
        return st.sampled_from([b"", b"\x00", b"\xff", b"\x7f\x80"]) | st.binary(max_size=6)
    if t == "INTEGER":
        return st.sampled_from([0, -1, 2**63 - 1, -(2**63)]) | st.integers(-(2**63), 2**63 - 1)
    if t == "FLOAT":
        special = [math.nan, -math.nan, math.inf, -math.inf, -0.0, 0.0, 5e-324]
        return st.sampled_from(special) | st.floats()
    if t == "NUMERIC":  # decimal128(38, 9); Decimal from text: exact, no context rounding
        return st.integers(-(10**38) + 1, 10**38 - 1).map(lambda i: decimal.Decimal(f"{i}E-9"))
    if t == "BIGNUMERIC":  # decimal256(76, 38)
        return st.integers(-(10**76) + 1, 10**76 - 1).map(lambda i: decimal.Decimal(f"{i}E-38"))
    if t == "BOOLEAN":
        return st.booleans()
    if t == "TIMESTAMP":
        return st.datetimes(timezones=st.just(dt.UTC))
    if t == "DATETIME":
        return st.datetimes()
    if t == "DATE":
        return st.dates()
    if t == "TIME":
        return st.times()
    raise AssertionError(t)


def values(f: dict) -> st.SearchStrategy:
    """A JSON-ish value of field ``f``: None for NULLABLE as often as not, lists maybe empty."""
    if f["type"] == "RECORD":
        base = st.fixed_dictionaries({c["name"]: values(c) for c in f["fields"]})
    else:
        base = scalars(f["type"])
    if f["mode"] == "REPEATED":
        return st.lists(base, max_size=3)
    if f["mode"] == "NULLABLE":
        return st.none() | base
    return base


@dataclass
class Case:
    """Rows of a schema cut into row groups of chunked, sliced tables."""

    schema: Schema  # the BigQuery schema
    plain: pa.Schema  # arrow_schema of the BigQuery schema
    writer: pa.Schema  # the schema a writer is given (dictionary leaves or not)
    groups: list[pa.Table]  # row groups, chunked as drawn (dictionary leaves or decoded)
    whole: list[pa.Table]  # the same row groups, each one contiguous chunk


def cuts(draw, n: int, most: int, empty: bool = True) -> list[int]:
    """Bounds of consecutive parts of ``n`` rows; parts may be empty if ``empty``."""
    if not empty and n < 2:
        return [0, n]
    within = st.integers(0, n) if empty else st.integers(1, n - 1)
    inner = draw(st.lists(within, max_size=most, unique=not empty))
    return [0, *sorted(inner), n]


@st.composite
def cases(draw, spec=None, max_rows: int = 25, depth: int = 2, repeats=(1, 1, 1, 1, 60)) -> Case:
    spec = draw(bq_fields(depth, top=True)) if spec is None else spec
    schema = Schema(parse_fields(bare(spec), "test"))
    plain = arrow_schema(schema)
    dicts = with_dictionaries(spec, plain)
    row = st.fixed_dictionaries({f["name"]: values(f) for f in spec})
    rows = draw(st.lists(row, min_size=1, max_size=max_rows))
    # now and then over a thousand values: integer dictionaries, runs past one header byte
    rows = rows * draw(st.sampled_from(repeats))
    # one chunk: its slices share their dictionaries, as a fleet block's do
    full = pa.Table.from_pylist(rows, schema=plain).cast(dicts)
    full.validate(full=True)
    assert full.column(0).num_chunks == 1
    start = draw(st.integers(0, len(rows) - 1))  # sliced: non-zero offsets
    n = len(rows) - start
    groups, whole = [], []
    bounds = cuts(draw, n, 3, empty=False)  # empty row groups: see test_zero_row_tables
    for a, b in itertools.pairwise(bounds):
        one = full.slice(start + a, b - a)
        inner = cuts(draw, b - a, 4)
        many = pa.concat_tables([one.slice(c, d - c) for c, d in itertools.pairwise(inner)])
        if draw(st.booleans()):  # some row groups come decoded
            one, many = one.cast(plain), many.cast(plain)
        groups.append(many)
        whole.append(one)
    writer = draw(st.sampled_from([plain, dicts]))
    return Case(schema, plain, writer, groups, whole)


# Every scalar type in every mode, and records of lists in every mode.
ALL_TYPES = [
    {"name": f"{t.lower()}_{m.lower()}", "type": t, "mode": m, "description": "", "dict": True}
    for t in SCALARS
    for m in MODES
] + [
    {
        "name": f"record_{m.lower()}",
        "type": "RECORD",
        "mode": m,
        "description": "",
        "fields": [
            {"name": "s", "type": "STRING", "mode": "NULLABLE", "description": "", "dict": True},
            bq("b", "BOOLEAN", "REPEATED"),
            {"name": "tags", "type": "STRING", "mode": "REPEATED", "description": "", "dict": True},
            bq("n", "NUMERIC", "NULLABLE"),
            bq(
                "inner",
                "RECORD",
                "REPEATED",
                [bq("t", "TIMESTAMP", "REPEATED"), bq("j", "JSON", "NULLABLE")],
            ),
        ],
    }
    for m in MODES
]
