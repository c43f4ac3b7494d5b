"""The Parquet schema of an Arrow schema, laid out as pyarrow lays it out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from fakedata.parquet.thrift import T_BINARY, T_I32, T_STRUCT, T_TRUE, empty, struct

if TYPE_CHECKING:
    import pyarrow as pa

# Parquet's enums
BOOLEAN, INT32, INT64, DOUBLE, BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY = 0, 1, 2, 5, 6, 7
REQUIRED, OPTIONAL, REPEATED = 0, 1, 2
PLAIN, RLE, RLE_DICTIONARY = 0, 3, 8
DATA_PAGE, DICTIONARY_PAGE = 0, 2
ZSTD = 6
UTF8, LIST, DECIMAL, DATE, TIMESTAMP_MICROS = 0, 3, 5, 6, 10


@dataclass(frozen=True)
class Step:
    """One Arrow level on the way from a top-level column to a leaf."""

    kind: str  # "struct" (go to child ``child``), "list" or "leaf"
    nullable: bool
    child: int = 0


@dataclass(frozen=True)
class Leaf:
    path: tuple[str, ...]
    steps: tuple[Step, ...]
    column: int  # index of the top-level column
    arrow: pa.DataType
    physical: int
    type_length: int | None
    max_def: int
    max_rep: int


def _physical(typ: pa.DataType) -> tuple[int, int | None, bytes | None, int | None, dict]:
    """(physical type, type length, logical type, converted type, decimal extras)."""
    import pyarrow as pa

    if pa.types.is_string(typ) or pa.types.is_large_string(typ):
        return BYTE_ARRAY, None, struct((1, T_STRUCT, empty())), UTF8, {}
    if pa.types.is_binary(typ) or pa.types.is_large_binary(typ):
        return BYTE_ARRAY, None, None, None, {}
    if pa.types.is_int64(typ):
        return INT64, None, None, None, {}
    if pa.types.is_float64(typ):
        return DOUBLE, None, None, None, {}
    if pa.types.is_boolean(typ):
        return BOOLEAN, None, None, None, {}
    if pa.types.is_date32(typ):
        return INT32, None, struct((6, T_STRUCT, empty())), DATE, {}
    micros = struct((2, T_STRUCT, empty()))
    if pa.types.is_timestamp(typ) and typ.unit == "us":
        utc = typ.tz is not None
        logical = struct((8, T_STRUCT, struct((1, T_TRUE, utc), (2, T_STRUCT, micros))))
        return INT64, None, logical, TIMESTAMP_MICROS if utc else None, {}
    if pa.types.is_time64(typ) and typ.unit == "us":
        logical = struct((7, T_STRUCT, struct((1, T_TRUE, False), (2, T_STRUCT, micros))))
        return INT64, None, logical, None, {}
    if pa.types.is_decimal(typ):
        width = 16 if pa.types.is_decimal128(typ) else 32
        logical = struct((5, T_STRUCT, struct((1, T_I32, typ.scale), (2, T_I32, typ.precision))))
        extra = {"scale": typ.scale, "precision": typ.precision}
        return FIXED_LEN_BYTE_ARRAY, width, logical, DECIMAL, extra
    if pa.types.is_dictionary(typ):
        return _physical(typ.value_type)
    raise NotImplementedError(f"no Parquet writer for Arrow type {typ}")


class SchemaBuilder:
    """Schema elements (depth first) and leaves, as pyarrow lays out an Arrow schema."""

    def __init__(self, schema: pa.Schema) -> None:
        self.elements: list[bytes] = [
            struct((3, T_I32, REQUIRED), (4, T_BINARY, "schema"), (5, T_I32, len(schema)))
        ]
        self.leaves: list[Leaf] = []
        for i, f in enumerate(schema):
            self._field(f.name, f.type, f.nullable, (), (), i, 0, 0)

    def _field(
        self,
        name: str,
        typ: pa.DataType,
        nullable: bool,
        path: tuple[str, ...],
        steps: tuple[Step, ...],
        column: int,
        d: int,
        r: int,
    ) -> None:
        import pyarrow as pa

        rep = OPTIONAL if nullable else REQUIRED
        d += nullable
        if pa.types.is_struct(typ):
            self.elements.append(
                struct((3, T_I32, rep), (4, T_BINARY, name), (5, T_I32, typ.num_fields))
            )
            for k in range(typ.num_fields):
                child = typ.field(k)
                step = Step("struct", nullable, k)
                self._field(
                    child.name,
                    child.type,
                    child.nullable,
                    (*path, name),
                    (*steps, step),
                    column,
                    d,
                    r,
                )
            return
        if pa.types.is_list(typ):
            logical = struct((3, T_STRUCT, empty()))
            self.elements.append(
                struct(
                    (3, T_I32, rep),
                    (4, T_BINARY, name),
                    (5, T_I32, 1),
                    (6, T_I32, LIST),
                    (10, T_STRUCT, logical),
                )
            )
            self.elements.append(struct((3, T_I32, REPEATED), (4, T_BINARY, "list"), (5, T_I32, 1)))
            item = typ.value_field
            step = Step("list", nullable)
            self._field(
                "element",  # whatever Arrow calls it: the name the Parquet format asks for
                item.type,
                item.nullable,
                (*path, name, "list"),
                (*steps, step),
                column,
                d + 1,
                r + 1,
            )
            return
        physical, length, logical, converted, extra = _physical(typ)
        self.elements.append(
            struct(
                (1, T_I32, physical),
                (2, T_I32, length),
                (3, T_I32, rep),
                (4, T_BINARY, name),
                (6, T_I32, converted),
                (7, T_I32, extra.get("scale")),
                (8, T_I32, extra.get("precision")),
                (10, T_STRUCT, logical),
            )
        )
        leaf_step = Step("leaf", nullable)
        self.leaves.append(
            Leaf((*path, name), (*steps, leaf_step), column, typ, physical, length, d, r)
        )


def same_shape(a: pa.Schema, b: pa.Schema) -> bool:
    """Same fields, types and nullability, dictionary leaves taken as their values."""
    return a.remove_metadata().equals(b.remove_metadata()) or _undictionary(a).equals(
        _undictionary(b)
    )


def _undictionary(schema: pa.Schema) -> pa.Schema:
    import pyarrow as pa

    def plain(t: pa.DataType) -> pa.DataType:
        if pa.types.is_dictionary(t):
            return t.value_type
        if pa.types.is_struct(t):
            return pa.struct(
                [pa.field(f.name, plain(f.type), f.nullable) for f in t]  # type: ignore[union-attr]
            )
        if pa.types.is_list(t):
            f = t.value_field
            return pa.list_(pa.field(f.name, plain(f.type), f.nullable))
        return t

    return pa.schema([pa.field(f.name, plain(f.type), f.nullable) for f in schema])
