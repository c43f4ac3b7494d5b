"""BigQuery schema → Arrow schema, the in-memory form every writer starts from."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from wbcore.types import arrow_type as bq_arrow_type

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

    from fakedata.schema import Field, Schema


def arrow_type(f: Field) -> pa.DataType:

    base = pa.struct([arrow_field(c) for c in f.fields]) if f.is_record else bq_arrow_type(f.type)
    # BigQuery arrays never hold NULL elements.
    return pa.list_(pa.field("element", base, nullable=False)) if f.repeated else base


def arrow_field(f: Field) -> pa.Field:

    # A REPEATED field is never NULL in BigQuery (an absent array is empty).
    return pa.field(f.name, arrow_type(f), nullable=f.mode == "NULLABLE")


def arrow_schema(schema: Schema) -> pa.Schema:

    return pa.schema([arrow_field(f) for f in schema])


def described_schema(schema: Schema) -> pa.Schema:
    """``arrow_schema`` carrying the BigQuery schema: the Arrow schema a Parquet file stores.

    Each field's metadata holds its BigQuery ``mode`` and ``description`` (if any), and
    the schema's ``bigquery.schema`` the merged JSON schema (``workbench schema``), so a
    reader of the file alone (pyarrow, pandas) knows the table it is an example of.
    Metadata only: equal to ``arrow_schema(schema)`` field for field, type for type.
    """

    def described(f: Field, arrow: pa.Field) -> pa.Field:
        typ = arrow.type
        if f.is_record:
            struct = typ.value_type if f.repeated else typ
            children = [described(c, struct.field(i)) for i, c in enumerate(f.fields)]
            struct = pa.struct(children)
            typ = pa.list_(typ.value_field.with_type(struct)) if f.repeated else struct
        meta = {"mode": f.mode} | ({"description": f.description} if f.description else {})
        return pa.field(arrow.name, typ, arrow.nullable, metadata=meta)

    plain = arrow_schema(schema)
    fields = [described(f, a) for f, a in zip(schema, plain, strict=True)]
    text = json.dumps(schema.to_json(), ensure_ascii=False, separators=(",", ":"))
    return pa.schema(fields, metadata={"bigquery.schema": text})


def take_rows(column: pa.Array, rows: np.ndarray) -> pa.Array:
    """``column.take(rows)`` for the columns fleet models build, in NumPy.

    Arrow's generic ``take`` on a list of structs of dictionary strings costs about as
    much as writing the values to Parquet (it was 60 % of generating Dropsonde). Lists,
    structs, dictionary arrays and fixed-width values without nulls are gathered here
    with index arithmetic; the result equals ``column.take(rows)`` value for value and
    type for type. Anything else (nulls, variable-width values) goes to Arrow's take.
    """

    if column.null_count:
        return column.take(pa.array(rows))
    typ = column.type
    if pa.types.is_list(typ):
        offsets = column.offsets.to_numpy()
        start = offsets[rows].astype(np.int64)
        count = offsets[rows + 1] - offsets[:-1][rows]
        new = np.zeros(len(rows) + 1, np.int64)
        np.cumsum(count, out=new[1:])
        # the child positions of every taken list, in order
        items = np.arange(int(new[-1]), dtype=np.int64) + np.repeat(start - new[:-1], count)
        values = take_rows(column.values, items)
        return pa.ListArray.from_arrays(pa.array(new.astype(np.int32)), values, type=typ)
    if pa.types.is_struct(typ):
        fields = [typ.field(i) for i in range(typ.num_fields)]
        children = [take_rows(column.field(i), rows) for i in range(typ.num_fields)]
        return pa.StructArray.from_arrays(children, fields=fields)
    if pa.types.is_dictionary(typ):
        indices = column.indices.to_numpy()[rows]
        return pa.DictionaryArray.from_arrays(pa.array(indices, typ.index_type), column.dictionary)
    if pa.types.is_integer(typ) or pa.types.is_floating(typ):
        return pa.array(column.to_numpy()[rows], typ)
    return column.take(pa.array(rows))


def nullability_of(actual: pa.DataType, target: pa.DataType) -> pa.DataType:
    """``actual`` with the nested fields' nullability of ``target`` (the schema's modes).

    Fleet models build records with nullable fields; a REQUIRED field of the schema must
    be REQUIRED in the Parquet file too. Leaf types (dictionary-encoded or not) are kept.
    """

    if pa.types.is_struct(actual) and pa.types.is_struct(target):
        fields = []
        for f in actual:
            idx = target.get_field_index(f.name)
            if idx < 0:
                fields.append(f)
                continue
            t = target.field(idx)
            fields.append(pa.field(f.name, nullability_of(f.type, t.type), t.nullable))
        return pa.struct(fields)
    if pa.types.is_list(actual) and pa.types.is_list(target):
        f, t = actual.value_field, target.value_field
        return pa.list_(pa.field(f.name, nullability_of(f.type, t.type), t.nullable))
    return actual
