"""BigQuery newline-delimited JSON, built column by column with Arrow kernels.

Converting rows to Python objects and ``json.dumps`` cost some 2 µs per nested element
(0.5 M elements/s). Here every column becomes an Arrow array of JSON fragments, one per
row (lists and records recursively from their children), and the row fragments are
joined by Arrow: no Python object per value. The text is the one a load job reads and
the one ``write.write_jsonl_batch`` writes, value for value: BYTES base64, TIMESTAMP as
``YYYY-MM-DD HH:MM:SS.ffffff UTC``, DATETIME and TIME in ISO form without a zero
fraction, NUMERIC and BIGNUMERIC as strings, REPEATED fields always present as lists.

``lines`` returns None for what it does not handle exactly (a float that is not finite,
a string with a control character, an Arrow type without a rule): the caller then
writes that batch row by row.
"""

from __future__ import annotations

import base64
import json
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

if TYPE_CHECKING:
    import pyarrow as pa


class Unsupported(Exception):
    """A value this writer cannot render exactly: the batch goes the row-by-row way."""


def lines(batch: pa.RecordBatch) -> bytes | None:
    """The batch as JSON Lines (UTF-8, one ``\\n``-terminated object a row), or None."""

    try:
        rows = _record(batch.schema, list(batch.columns), batch.num_rows, last=True)
    except Unsupported:
        return None
    if not len(rows):
        return b""
    # the rows' text is the data buffer between the first and the last offset

    width = 8 if pa.types.is_large_string(rows.type) else 4
    _, offsets, data = rows.buffers()
    bounds = np.frombuffer(offsets, f"<i{width}", len(rows) + 1, rows.offset * width)
    return data[int(bounds[0]) : int(bounds[-1])].to_pybytes()


def _record(
    fields: pa.Schema | pa.StructType, children: list[pa.Array], n: int, last: bool = False
) -> pa.Array:
    """``{"a":..,"b":..}`` for each row of aligned child arrays (plus ``\\n`` if ``last``)."""

    parts: list[pa.Array | str] = []
    for i, (f, child) in enumerate(zip(fields, children, strict=True)):
        key = json.dumps(f.name, ensure_ascii=False)
        parts.append(("{" if i == 0 else ",") + key + ":")
        parts.append(_value(child))
    if not parts:
        parts.append("{")
    parts.append("}\n" if last else "}")
    scalars = [pa.scalar(p, pa.string()) if isinstance(p, str) else p for p in parts]
    if not any(isinstance(p, pa.Array) for p in scalars):
        return pa.array(["".join(parts)] * n, pa.string())
    return pc.binary_join_element_wise(*scalars, "")


def _value(array: pa.Array) -> pa.Array:
    """One JSON fragment per value of ``array`` (``null`` where it is null)."""

    typ = array.type
    if pa.types.is_dictionary(typ):
        # render the dictionary once, then pick: dictionary strings cost nothing more
        rendered = _value(array.dictionary)
        out = rendered.take(array.indices)
    elif pa.types.is_list(typ) or pa.types.is_large_list(typ):
        items = _value(array.values)
        offsets = array.offsets
        joined = pc.binary_join(pa.ListArray.from_arrays(offsets, items), ",")
        out = pc.binary_join_element_wise("[", joined, "]", "")
    elif pa.types.is_struct(typ):
        children = [array.field(i) for i in range(typ.num_fields)]
        out = _record(typ, children, len(array))
    elif pa.types.is_string(typ) or pa.types.is_large_string(typ):
        out = _string(array)
    elif pa.types.is_binary(typ) or pa.types.is_large_binary(typ):
        out = _base64(array)
    elif pa.types.is_integer(typ):
        out = array.cast(pa.string())
    elif pa.types.is_floating(typ):
        if pc.all(pc.is_finite(array)).as_py() is False:
            raise Unsupported("a float that is not finite")
        out = array.cast(pa.string())
    elif pa.types.is_boolean(typ):
        out = pc.if_else(array, "true", "false")
    elif pa.types.is_decimal(typ):
        out = _quoted(array.cast(pa.string()))
    elif pa.types.is_timestamp(typ) and typ.unit == "us" and typ.tz is not None:
        out = _quoted(pc.strftime(array, format="%Y-%m-%d %H:%M:%S UTC"))
    elif pa.types.is_timestamp(typ) and typ.unit == "us":
        text = pc.strftime(array, format="%Y-%m-%d %H:%M:%S")
        out = _quoted(pc.replace_substring_regex(text, r"\.000000$", ""))  # as isoformat()
    elif pa.types.is_time64(typ) and typ.unit == "us":
        text = array.cast(pa.string())
        out = _quoted(pc.replace_substring_regex(text, r"\.000000$", ""))
    elif pa.types.is_date32(typ):
        out = _quoted(array.cast(pa.string()))
    else:
        raise Unsupported(f"no JSON rule for {typ}")
    if array.null_count:
        out = pc.if_else(array.is_valid(), out, "null")
    return out.cast(pa.string()) if out.type != pa.string() else out


def _quoted(text: pa.Array) -> pa.Array:

    return pc.binary_join_element_wise('"', text, '"', "")


def _string(array: pa.Array) -> pa.Array:
    """A JSON string literal: backslash and quote escaped; control characters refused.

    Refused too (left to ``json.dumps``, which escapes them): C1 controls and the Unicode
    line and paragraph separators, which some line-splitting readers take for line ends.
    """

    if pc.any(
        pc.match_substring_regex(array, "[\\x00-\\x1f\\x7f-\\x9f\\x{2028}\\x{2029}]")
    ).as_py():
        raise Unsupported("a control character or line separator")
    text = pc.replace_substring(array, "\\", "\\\\")
    text = pc.replace_substring(text, '"', '\\"')
    return _quoted(text)


def _base64(array: pa.Array) -> pa.Array:
    """BYTES as BigQuery reads them from JSON: base64 text."""

    values = array.to_pylist()
    text = [None if v is None else base64.b64encode(v).decode("ascii") for v in values]
    return _quoted(pa.array(text, pa.string()))
