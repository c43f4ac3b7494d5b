"""GoogleSQL's reference evaluator (the `zetasql` package) as an oracle for constant expressions.

BigQuery's semantics are GoogleSQL's, and the package ships GoogleSQL's reference
implementation: its answer for ``SELECT <expr>`` with no tables is the reference answer.
The value comes back as a ValueProto with a TypeProto; it is turned into the Python values
the workbench's Arrow results give (``datetime`` with UTC for TIMESTAMP, ``Decimal`` for
NUMERIC, ``bytes`` …) so both go through the same ``json_value`` and the same comparison.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
from dataclasses import dataclass
from decimal import Context, Decimal
from typing import Any

from workbench.translate import analyzer

UTC = dt.UTC
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
_CTX = Context(prec=100)


class Unreadable(Exception):
    """A reference value whose type the comparison does not cover (INTERVAL, JSON, RANGE...)."""


@dataclass(frozen=True)
class Reference:
    """The evaluator's verdict: a value with its BigQuery type, or the error it raises."""

    type: str | None = None
    value: Any = None  # Python value, None for NULL
    error: str | None = None
    # the error comes from analysis (a compile-time error: signature, literal) not evaluation
    analysis: bool = False


def version() -> str:
    return analyzer.ZETASQL_VERSION


_KIND_NAMES = {
    "TYPE_INT64": "INT64",
    "TYPE_DOUBLE": "FLOAT64",
    "TYPE_NUMERIC": "NUMERIC",
    "TYPE_BIGNUMERIC": "BIGNUMERIC",
    "TYPE_STRING": "STRING",
    "TYPE_BYTES": "BYTES",
    "TYPE_BOOL": "BOOL",
    "TYPE_DATE": "DATE",
    "TYPE_TIMESTAMP": "TIMESTAMP",
    "TYPE_DATETIME": "DATETIME",
    "TYPE_TIME": "TIME",
}


def type_name(t: Any) -> str:
    """A TypeProto's BigQuery name, in the form ``wbcore.types.from_arrow`` prints."""
    from zetasql.wasi._pb2.zetasql.public import type_pb2

    kind = type_pb2.TypeKind.Name(t.type_kind)
    if kind in _KIND_NAMES:
        return _KIND_NAMES[kind]
    if kind == "TYPE_ARRAY":
        return f"ARRAY<{type_name(t.array_type.element_type)}>"
    if kind == "TYPE_STRUCT":
        inner = ", ".join(f"{f.field_name} {type_name(f.field_type)}" for f in t.struct_type.field)
        return f"STRUCT<{inner}>"
    raise Unreadable(kind.removeprefix("TYPE_"))


def _signed(data: bytes) -> int:
    return int.from_bytes(data, "little", signed=True) if data else 0


def _value(v: Any, t: Any) -> Any:
    """A ValueProto of type ``t`` as the Python value Arrow's ``to_pylist`` gives."""
    name = type_name(t)
    which = v.WhichOneof("value")
    if which is None:
        return None
    if name == "INT64":
        return int(v.int64_value)
    if name == "FLOAT64":
        return float(v.double_value)
    if name == "BOOL":
        return bool(v.bool_value)
    if name == "STRING":
        return v.string_value
    if name == "BYTES":
        return bytes(v.bytes_value)
    if name == "NUMERIC":
        return Decimal(_signed(v.numeric_value)).scaleb(-9, _CTX)
    if name == "BIGNUMERIC":
        return Decimal(_signed(v.bignumeric_value)).scaleb(-38, _CTX)
    if name == "DATE":
        return dt.date(1970, 1, 1) + dt.timedelta(days=v.date_value)
    if name == "TIMESTAMP":
        ts = v.timestamp_value
        if ts.nanos % 1000:
            raise Unreadable("TIMESTAMP with nanoseconds")
        return EPOCH + dt.timedelta(seconds=ts.seconds, microseconds=ts.nanos // 1000)
    if name == "DATETIME":
        bits, nanos = v.datetime_value.bit_field_datetime_seconds, v.datetime_value.nanos
        return dt.datetime(
            bits >> 26,
            (bits >> 22) & 0xF,
            (bits >> 17) & 0x1F,
            (bits >> 12) & 0x1F,
            (bits >> 6) & 0x3F,
            bits & 0x3F,
            nanos // 1000,
        )
    if name == "TIME":
        bits = v.time_value
        nanos = bits & ((1 << 30) - 1)
        return dt.time((bits >> 42) & 0x1F, (bits >> 36) & 0x3F, (bits >> 30) & 0x3F, nanos // 1000)
    if name.startswith("ARRAY<"):
        element = t.array_type.element_type
        return [_value(e, element) for e in v.array_value.element]
    if name.startswith("STRUCT<"):
        fields = t.struct_type.field
        return {
            f.field_name: _value(e, f.field_type)
            for f, e in zip(fields, v.struct_value.field, strict=True)
        }
    raise Unreadable(name)


_OPTIONS: Any = None
_CATALOG: int | None = None


def _options() -> tuple[Any, int]:
    """Analyzer options (BigQuery's language, UTC) and a catalog of the builtin functions."""
    global _OPTIONS, _CATALOG
    if _OPTIONS is None or _CATALOG is None:
        from zetasql.types import (
            AnalyzerOptions,
            ErrorMessageMode,
            SimpleCatalog,
            ZetaSQLBuiltinFunctionOptions,
        )

        _OPTIONS = AnalyzerOptions(
            language_options=analyzer.language_options(),
            error_message_mode=ErrorMessageMode.ERROR_MESSAGE_ONE_LINE,
            default_timezone="UTC",
        ).to_proto()
        builtins = SimpleCatalog(
            name="oracle",
            builtin_function_options=ZetaSQLBuiltinFunctionOptions(
                language_options=analyzer.language_options()
            ),
        )
        _CATALOG = int(analyzer.service().register_catalog(simple_catalog=builtins).registered_id)
    return _OPTIONS, _CATALOG


def _forget() -> None:
    """After a trap: a new module next time, with its own catalog."""
    global _OPTIONS, _CATALOG
    analyzer._reset()
    _OPTIONS, _CATALOG = None, None


def evaluate(expression: str) -> Reference:
    """The reference evaluator's answer for one constant expression.

    Raises Unreadable for a value of a type the comparison leaves out, and wasmtime's Trap
    when the module aborts (the caller starts a new one).
    """
    from wasmtime import Trap
    from zetasql.core.exceptions import ServerError
    from zetasql.wasi._pb2.zetasql.local_service import local_service_pb2 as pb

    options, catalog = _options()
    request = pb.PrepareRequest(sql=expression, options=options, registered_catalog_id=catalog)
    try:
        prepared = pb.PrepareResponse.FromString(
            analyzer._call("ZetaSqlLocalService_Prepare", request.SerializeToString())
        ).prepared
    except ServerError as error:
        return Reference(error=_message(error), analysis=True)
    except Trap:
        _forget()
        raise
    run = pb.EvaluateRequest(prepared_expression_id=prepared.prepared_expression_id)
    try:
        raw = analyzer._call("ZetaSqlLocalService_Evaluate", run.SerializeToString())
    except ServerError as error:
        return Reference(error=_message(error))
    except Trap:
        _forget()
        raise
    finally:
        unprepare = pb.UnprepareRequest(prepared_expression_id=prepared.prepared_expression_id)
        with contextlib.suppress(ServerError, Trap):
            analyzer._call("ZetaSqlLocalService_Unprepare", unprepare.SerializeToString())
    value = pb.EvaluateResponse.FromString(raw).value
    return Reference(
        type=type_name(prepared.output_type), value=_value(value, prepared.output_type)
    )


def _message(error: Any) -> str:
    text = str(error.raw_error or error.message)
    return text.split("Message: ", 1)[-1].strip().splitlines()[0]


def is_nan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)
