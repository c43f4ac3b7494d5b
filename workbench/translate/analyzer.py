"""GoogleSQL's reference analyzer (the `zetasql` package, a WebAssembly build of google/zetasql).

sqlglot is lenient: it parses ``GROUP BY a, WHERE ...``, ``LIMIT 2 WHERE ...`` and a QUALIFY
that BigQuery refuses, and resolves ``SUM(runs)`` to a column where BigQuery sees the whole
row of the WITH query ``runs``. The reference analyzer resolves names and types as BigQuery
does, so a statement it rejects is rejected offline too, with its line and column.

Start-up compiles a 28 MB WebAssembly module (~35 s on this machine); the compiled machine
code is kept in the cache directory (``WORKBENCH_CACHE_DIR``, else ``~/.cache/workbench``)
and mapped in milliseconds afterwards. The analyzer is one per process; each verdict is kept
on disk keyed by the statement, the schema and the analyzer's version, so an unchanged query
is never analyzed twice.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib.metadata
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import zetasql.core.wasm_client as wasm_client
from sqlglot.dialects.bigquery import BigQuery
from sqlglot.errors import TokenError
from sqlglot.tokens import TokenType
from wasmtime import Config, Engine, Linker, Module, Store, Trap, WasiConfig
from zetasql.__version__ import __version__ as ZETASQL_VERSION
from zetasql.api.type_factory import TypeFactory
from zetasql.core.exceptions import ServerError
from zetasql.core.local_service import ZetaSqlLocalService
from zetasql.types import (
    AnalyzerOptions,
    ErrorMessageMode,
    Function,
    FunctionArgumentType,
    FunctionEnums,
    FunctionSignature,
    LanguageFeature,
    LanguageOptions,
    ProductMode,
    SignatureArgumentKind,
    SimpleCatalog,
    SimpleColumn,
    SimpleTable,
    Type,
    TypeKind,
    ZetaSQLBuiltinFunctionOptions,
)
from zetasql.wasi import get_wasm_path
from zetasql.wasi._pb2.zetasql.local_service import local_service_pb2

from workbench.translate.verdicts import (
    CRASHED,
    Parameters,
    Rejection,
    Tables,
    cache_dir,
    schema_key,
    store,
    stored,
)

if TYPE_CHECKING:
    from fakedata.schema import Field, Schema
    from fakedata.source import Source


# The schema's canonical type names → GoogleSQL's type kinds.
KINDS: dict[str, TypeKind] = {
    "STRING": TypeKind.TYPE_STRING,
    "BYTES": TypeKind.TYPE_BYTES,
    "INTEGER": TypeKind.TYPE_INT64,
    "FLOAT": TypeKind.TYPE_DOUBLE,
    "NUMERIC": TypeKind.TYPE_NUMERIC,
    "BIGNUMERIC": TypeKind.TYPE_BIGNUMERIC,
    "BOOLEAN": TypeKind.TYPE_BOOL,
    "TIMESTAMP": TypeKind.TYPE_TIMESTAMP,
    "DATE": TypeKind.TYPE_DATE,
    "TIME": TypeKind.TYPE_TIME,
    "DATETIME": TypeKind.TYPE_DATETIME,
    "GEOGRAPHY": TypeKind.TYPE_GEOGRAPHY,
    "JSON": TypeKind.TYPE_JSON,
}

# BigQuery's names for INT64, NUMERIC and BIGNUMERIC that the reference analyzer lacks
# (https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#numeric_types).
TYPE_ALIASES: dict[str, str] = {
    **dict.fromkeys(("INT", "SMALLINT", "INTEGER", "BIGINT", "TINYINT", "BYTEINT"), "INT64"),
    "DECIMAL": "NUMERIC",
    "BIGDECIMAL": "BIGNUMERIC",
}
# The types a query parameter's value is given (wbcore/parameters.py) → GoogleSQL's kinds.
PARAMETER_KINDS: dict[str, TypeKind] = {
    "BOOL": TypeKind.TYPE_BOOL,
    "INT64": TypeKind.TYPE_INT64,
    "FLOAT64": TypeKind.TYPE_DOUBLE,
    "NUMERIC": TypeKind.TYPE_NUMERIC,
    "STRING": TypeKind.TYPE_STRING,
    "BYTES": TypeKind.TYPE_BYTES,
    "TIMESTAMP": TypeKind.TYPE_TIMESTAMP,
    "DATETIME": TypeKind.TYPE_DATETIME,
    "DATE": TypeKind.TYPE_DATE,
    "TIME": TypeKind.TYPE_TIME,
}
_TYPE_NOT_FOUND = re.compile(r"^Type not found: (\w+)$")
_AT = re.compile(r"\s*\[at (\d+):(\d+)\]\s*$")


def _wasmtime_version() -> str:
    return importlib.metadata.version("wasmtime")


def _private(path: Path) -> bool:
    """Compiled code is run as is: only a file this user owns and no one else may write."""
    status = path.stat()
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


def _module(engine: Engine) -> Module:
    """The analyzer's compiled module: mapped from the cache, else compiled once and kept."""
    compiled = cache_dir() / f"zetasql-{ZETASQL_VERSION}-wasmtime-{_wasmtime_version()}.cwasm"
    if compiled.is_file() and _private(compiled):
        with contextlib.suppress(Exception):  # another wasmtime's or a truncated file
            return Module.deserialize_file(engine, str(compiled))
    module = Module.from_file(engine, get_wasm_path())
    with contextlib.suppress(OSError):  # a read-only home still analyzes, only slower
        compiled.parent.mkdir(parents=True, exist_ok=True)
        partial = compiled.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(module.serialize())
        partial.chmod(0o644)  # what _private asks, whatever the umask
        partial.replace(compiled)
    return module


def _client() -> wasm_client.WasmClient:
    """zetasql's WasmClient, built as its constructor does but from the cached module."""
    wasi = WasiConfig()
    wasi.inherit_stderr()
    if zoneinfo := wasm_client.get_tzinfo_dir():
        wasi.preopen_dir(zoneinfo, "/usr/share/zoneinfo")
    config = Config()
    with contextlib.suppress(AttributeError):
        config.shared_memory = True
    client = wasm_client.WasmClient.__new__(wasm_client.WasmClient)
    client.store = Store(Engine(config))
    client.store.set_wasi(wasi)
    client.module = _module(client.store.engine)
    linker = Linker(client.store.engine)
    linker.define_wasi()
    client.instance = linker.instantiate(client.store, client.module)
    client.exports = client.instance.exports(client.store)
    if "_initialize" in client.exports:
        client.exports["_initialize"](client.store)
    client.memory = client.exports["memory"]
    return client


@cache
def service() -> ZetaSqlLocalService:
    """The one analyzer service of the process (zetasql's own singleton, from the cache)."""
    local = ZetaSqlLocalService.__new__(ZetaSqlLocalService)
    local.wasm_client = _client()
    ZetaSqlLocalService._instance = local  # what zetasql's helpers use
    return local


# Released features of the reference that BigQuery does not have: protocol buffers, property
# graphs, measures, experimental pipe operators, UINT64 (absent from Google's own BigQuery
# feature list in zetasql-toolkit's BigQueryLanguageOptions, and from BigQuery's reference),
# and comparisons BigQuery's data types do not have.
NOT_BIGQUERY = (
    "PROTO",
    "SQL_GRAPH",
    "GROUP_BY_GRAPH_PATH",
    "ENABLE_MEASURES",
    "PIPE_FORK",
    "PIPE_TEE",
    "PIPE_IF",
    "UINT64",
    # BigQuery's data-types page, "Comparable data types" (all but GEOGRAPHY, JSON and
    # ARRAY) and "Orderable data types" (all but ARRAY, STRUCT, GEOGRAPHY, JSON): `[1] = [1]`,
    # ORDER BY an array and JSON `=` are errors there ("Equality is not defined for arguments
    # of type ARRAY<INT64>"), which the reference's released features allow
    "ARRAY_EQUALITY",
    "ARRAY_ORDERING",
    "JSON_TYPE_COMPARISON",
)

# Features BigQuery has that the reference does not count as released: the differential
# privacy clause and its aggregates (query-syntax#dp_clause, aggregate-dp-functions); a
# quantified LIKE over an array, ``x LIKE ANY UNNEST(patterns)`` (operators#like_operator_quantified).
ONLY_BIGQUERY = ("FEATURE_DIFFERENTIAL_PRIVACY", "FEATURE_LIKE_ANY_SOME_ALL_ARRAY")


@cache
def language_options() -> LanguageOptions:
    """BigQuery's language: GoogleSQL's released features less NOT_BIGQUERY, external mode.

    BigQuery runs GoogleSQL in external mode (no INT32, UINT64 or PROTO types). Google's
    zetasql-toolkit lists BigQuery's features as of 2023; BigQuery has added more since (pipe
    syntax, GROUP BY ALL, RANGE), so the released set is the base and what BigQuery lacks is
    taken out: a missing feature would refuse valid queries, a spare one only lets BigQuery's
    dry run find the rest.
    """
    service()
    options = LanguageOptions.maximum_features()
    options.product_mode = ProductMode.PRODUCT_EXTERNAL
    options.enabled_language_features = [
        f
        for f in options.enabled_language_features
        if not any(part in LanguageFeature(f).name for part in NOT_BIGQUERY)
    ] + [LanguageFeature[name] for name in ONLY_BIGQUERY]
    return options


def _type(f: Field) -> Type:
    """A schema field's GoogleSQL type (REPEATED → ARRAY, RECORD → STRUCT)."""
    if f.is_record:
        base = TypeFactory.create_struct_type([(c.name, _type(c)) for c in f.fields])
    else:
        base = TypeFactory.create_simple_type(KINDS[f.type])
    return TypeFactory.create_array_type(base) if f.repeated else base


def _table(name: str, schema: Schema) -> SimpleTable:
    columns = [SimpleColumn(name=f.name, type=_type(f), is_writable_column=False) for f in schema]
    return SimpleTable(name=name, column=columns)


def catalog(tables: Tables) -> SimpleCatalog:
    """Every table the statement may read, each under each of its names.

    A dotted name (``project.dataset.table``) is reachable both as one backquoted identifier
    and as a path (nested catalogs), as BigQuery accepts either spelling; tables of one
    project and dataset share its nested catalogs.
    """
    root = SimpleCatalog(name="workbench", table=[], catalog=[])
    for names, schema in tables:
        for name in names:
            root.table.append(_table(name, schema))
            parts = name.split(".")
            node = root
            for part in parts[:-1]:
                child = next((c for c in node.catalog if c.name == part), None)
                if child is None:
                    child = SimpleCatalog(name=part, table=[], catalog=[])
                    node.catalog.append(child)
                node = child
            if len(parts) > 1:
                node.table.append(_table(parts[-1], schema))
    root.custom_function = _bigquery_functions()
    root.builtin_function_options = ZetaSQLBuiltinFunctionOptions(
        language_options=language_options()
    )
    return root


# BigQuery functions the reference analyzer of zetasql 0.1.5 lacks, with the signatures
# BigQuery documents: MAX_BY/MIN_BY(value, key) -> value (aggregate_functions),
# CONTAINS_SUBSTR(expression, STRING) -> BOOL (string_functions), COLLATE(STRING, STRING)
# -> STRING (string_functions). https://cloud.google.com/bigquery/docs/reference/standard-sql/
BIGQUERY_AGGREGATES = ("MAX_BY", "MIN_BY")


def _any(kind: SignatureArgumentKind) -> FunctionArgumentType:
    return FunctionArgumentType(kind=kind, num_occurrences=1)


def _fixed(kind: TypeKind) -> FunctionArgumentType:
    return FunctionArgumentType(
        kind=SignatureArgumentKind.ARG_TYPE_FIXED,
        type=TypeFactory.create_simple_type(kind),
        num_occurrences=1,
    )


def _function(name: str, mode: FunctionEnums.Mode, signature: FunctionSignature) -> Function:
    return Function(name_path=[name], group="BigQuery", mode=mode, signature=[signature])


def _bigquery_functions() -> list[Function]:
    """BigQuery's functions missing from the reference, with their documented signatures."""
    value, key = SignatureArgumentKind.ARG_TYPE_ANY_1, SignatureArgumentKind.ARG_TYPE_ANY_2
    by = FunctionSignature(argument=[_any(value), _any(key)], return_type=_any(value))
    aggregate, scalar = FunctionEnums.Mode.AGGREGATE, FunctionEnums.Mode.SCALAR
    string, boolean = TypeKind.TYPE_STRING, TypeKind.TYPE_BOOL
    contains = FunctionSignature(
        argument=[_any(value), _fixed(string)], return_type=_fixed(boolean)
    )
    collate = FunctionSignature(
        argument=[_fixed(string), _fixed(string)], return_type=_fixed(string)
    )
    return [
        *(_function(name, aggregate, by) for name in BIGQUERY_AGGREGATES),
        _function("CONTAINS_SUBSTR", scalar, contains),
        _function("COLLATE", scalar, collate),
    ]


@dataclass(frozen=True)
class _Catalog:
    """A catalog registered once in the analyzer, and the serialized options to use with it."""

    id: int
    options: Any  # AnalyzerOptionsProto


_CATALOGS: dict[str, int] = {}


def _parameter_type(text: str) -> Type:
    """``INT64``, ``ARRAY<DATE>``: a parameter's BigQuery type as GoogleSQL's Type."""
    if text.startswith("ARRAY<") and text.endswith(">"):
        return TypeFactory.create_array_type(_parameter_type(text[len("ARRAY<") : -1]))
    return TypeFactory.create_simple_type(PARAMETER_KINDS[text])


@cache
def _options(parameters: Parameters) -> Any:
    """The analyzer's options, with the query parameters whose types are known declared.

    BigQuery's parameters are typed (the API sends each value's type): left undeclared, the
    analyzer types a parameter by its first use, so ``@arr[OFFSET(@i)]`` over an array value
    was refused as "[OFFSET(INT64)] ... on values of type INT64". A parameter whose type cannot
    be told offline (NULL, an empty list) is not in ``parameters`` and stays undeclared.
    """
    declared = [
        AnalyzerOptions.QueryParameter(name=name, type=_parameter_type(kind))
        for name, kind in parameters
    ]
    return AnalyzerOptions(
        language_options=language_options(),
        error_message_mode=ErrorMessageMode.ERROR_MESSAGE_ONE_LINE,
        allow_undeclared_parameters=True,
        query_parameters=declared,
        default_timezone="UTC",
    ).to_proto()


def _registered(tables: Tables, key: str, parameters: Parameters = ()) -> _Catalog:
    """The catalog of this shape, registered in the analyzer once per process.

    Sending the catalog with every request (zetasql's ``Analyzer``) rebuilds the builtin
    functions each time: registering it halves the time of a query.
    """
    if key not in _CATALOGS:
        registered = service().register_catalog(simple_catalog=catalog(tables))
        _CATALOGS[key] = int(registered.registered_id)
    return _Catalog(_CATALOGS[key], _options(parameters))


def _base(memory: Any) -> int:
    """The host address of the module's linear memory (wasmtime's data pointer)."""
    return int(ctypes.cast(memory.data_ptr(), ctypes.c_void_p).value or 0)


def _call(method: str, request: bytes) -> bytes:
    """One call into the module, as zetasql's WasmClient makes it but copying the request and
    the response in one piece (its byte-by-byte loop costs more than the analysis)."""
    client = service().wasm_client
    store, exports, memory = client.store, client.exports, client.memory
    request_ptr = exports["wasm_malloc"](store, max(len(request), 1))
    size_ptr = exports["wasm_malloc"](store, 4)
    try:
        ctypes.memmove(_base(memory) + request_ptr, request, len(request))
        response_ptr = exports[method](store, request_ptr, len(request), size_ptr)
        if response_ptr == 0:
            raise ServerError.from_error_string(client.get_last_error())
        base = _base(memory)  # after the call: the memory may have grown and moved
        size = int.from_bytes(ctypes.string_at(base + size_ptr, 4), "little")
        response = ctypes.string_at(base + response_ptr, size)
        exports["wasm_free"](store, response_ptr)
        return response
    finally:
        exports["wasm_free"](store, request_ptr)
        exports["wasm_free"](store, size_ptr)


def _analyze_once(sql: str, registered: _Catalog) -> None:
    """Analyze ``sql``; raises the analyzer's ServerError. The resolved tree is not read."""
    request = local_service_pb2.AnalyzeRequest(
        sql_statement=sql, options=registered.options, registered_catalog_id=registered.id
    )
    _call("ZetaSqlLocalService_Analyze", request.SerializeToString())


def _rejection(error: ServerError) -> Rejection:
    """The analyzer's message (its first line, the argument types) and its ``[at line:col]``.

    zetasql's ServerError keeps only the first line of a multi-line message, so the raw
    status text is read; ERROR_MESSAGE_ONE_LINE ends it with the location.
    """
    raw = str(error.raw_error or error.message)
    text = raw.split("Message: ", 1)[-1]
    at = _AT.search(text)
    line, column = (int(at.group(1)), int(at.group(2))) if at else (1, 1)
    body = text[: at.start()] if at else text
    lines = [part.strip() for part in body.strip().splitlines()]
    message = lines[0]
    argument_types = next((p for p in lines[1:] if p.startswith("Argument types:")), None)
    if argument_types:
        message += f" ({argument_types[0].lower()}{argument_types[1:]})"
    return Rejection(line, column, message)


def _analyze(sql: str, registered: _Catalog) -> Rejection | None:
    """Analyze; a BigQuery type alias the analyzer does not know is renamed where it stands.

    The rename is at the analyzer's own line and column, one alias at a time, so nothing
    else in the text changes; a later column on that line is moved back to the text as
    written.
    """
    renamed: list[tuple[int, int, int]] = []  # line, column, characters added
    verdict: Rejection | None = None
    for _ in range(100):
        try:
            _analyze_once(sql, registered)
            return None
        except ServerError as error:
            verdict = _rejection(error)
        alias = _TYPE_NOT_FOUND.match(verdict.message)
        canonical = TYPE_ALIASES.get(alias.group(1).upper()) if alias else None
        lines = sql.split("\n")
        start = verdict.column - 1
        if (
            alias is None
            or canonical is None
            or verdict.line > len(lines)
            or lines[verdict.line - 1][start : start + len(alias.group(1))] != alias.group(1)
        ):
            break
        text = lines[verdict.line - 1]
        lines[verdict.line - 1] = text[:start] + canonical + text[start + len(alias.group(1)) :]
        renamed.append((verdict.line, verdict.column, len(canonical) - len(alias.group(1))))
        sql = "\n".join(lines)
    assert verdict is not None
    shift = sum(
        d for line, column, d in renamed if line == verdict.line and column < verdict.column
    )
    return Rejection(verdict.line, verdict.column - shift, verdict.message)


def _reset() -> None:
    """Drop the module and its catalogs (an aborted instance cannot be called again)."""
    service.cache_clear()
    language_options.cache_clear()
    _options.cache_clear()
    _CATALOGS.clear()


def _split_paths(sql: str) -> tuple[str, list[tuple[int, int, int]]]:
    """`project.dataset.table` as the path `project`.`dataset`.`table`, as BigQuery reads it.

    GoogleSQL takes one backquoted name as one identifier, so the table's implicit alias was the
    whole name and ``community_metrics.ip`` after ``FROM `p.d.community_metrics``` was "not
    found"; BigQuery splits the name and the alias is its last part. Found on sqlglot's tokens,
    never by searching the text. Returns the text and, per change, (line, column after it,
    characters added), to move the analyzer's columns back to the text as written.
    """
    try:
        tokens = BigQuery().tokenize(sql)
    except TokenError:
        return sql, []
    parts: list[str] = []
    shifts: list[tuple[int, int, int]] = []
    done = 0
    for token in tokens:
        written = sql[token.start : token.end + 1]
        if token.token_type != TokenType.IDENTIFIER or not written.startswith("`"):
            continue
        if "." not in token.text:
            continue
        path = ".".join(f"`{part}`" for part in token.text.split("."))
        parts += [sql[done : token.start], path]
        done = token.end + 1
        line = sql.count("\n", 0, token.start) + 1
        column = token.end + 2 - (sql.rfind("\n", 0, token.start) + 1)
        shifts.append((line, column, len(path) - len(written)))
    return "".join(parts) + sql[done:], shifts


def analyze_statement(sql: str, names: tuple[str, ...], schema: Schema) -> Rejection | None:
    """None when GoogleSQL accepts ``sql`` against the one table, else why and where it refuses."""
    return analyze_tables(sql, ((names, schema),))


def analyze_tables(sql: str, tables: Tables, parameters: Parameters = ()) -> Rejection | None:
    """None when GoogleSQL accepts ``sql`` against these tables (with these query parameters'
    types, ``(name, BigQuery type)``), else why and where it refuses."""
    sql = sql.rstrip()  # an unexpected end is reported on the last line, not the one after
    known, verdict = stored(sql, tables, parameters)
    if known:
        return verdict
    key = schema_key(tables)
    text, shifts = _split_paths(sql)
    try:
        verdict = _analyze(text, _registered(tables, key, parameters))
    except Trap:  # the module aborted: start a new one next time, keep no verdict
        _reset()
        return Rejection(1, 1, CRASHED, crashed=True)
    except UnicodeEncodeError:  # text no UTF-8 can hold (a lone surrogate): not checked
        return Rejection(1, 1, CRASHED, crashed=True)
    if verdict is not None:
        moved = 0
        for line, column, added in shifts:
            if line == verdict.line and column + moved + added <= verdict.column:
                moved += added
        verdict = Rejection(verdict.line, verdict.column - moved, verdict.message)
    store(sql, tables, verdict, parameters)
    return verdict


def source_tables(*sources: Source) -> Tables:
    """The catalog of these sources: each one's table under its local, production and public
    names (each source once)."""
    seen: dict[str, Source] = {}
    for source in sources:
        seen.setdefault(source.table, source)
    return tuple((s.table_names, s.schema) for s in seen.values())


def check_statement(sql: str, source: Source, *others: Source) -> Rejection | None:
    """``analyze_tables`` with the tables of the query's source and of every other source the
    statement reads, each under its local, production and public names."""
    return analyze_tables(sql, source_tables(source, *others))
