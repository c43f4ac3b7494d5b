"""The safety net: functions the translation does not know are refused, never passed through.

sqlglot keeps a function it does not recognise as-is; DuckDB might then run a function of
the same name with different semantics, or fail with an unhelpful message. Only the
functions some rule says it ``handles`` (``registry.HANDLED_FUNCTIONS``) may remain unrecognised.
"""

from __future__ import annotations

from sqlglot import exp

from wbcore.errors import UserError
from workbench.translate.bigquery_functions import NAMES, PREFIXES
from workbench.translate.call_names import CALLS, Call, written_calls
from workbench.translate.context import UnsupportedError, line_of, parse
from workbench.translate.functions_offline import NOT_FUNCTIONS, OFFLINE
from workbench.translate.rules._sql import func_name, is_type, nodes, written_name

NOT_VERIFIED = "not verified against BigQuery's semantics"
_NET = "DuckDB has no NET functions; the workbench has no translation of them"
_NO_FUNCTION = "DuckDB has no such function and the workbench has no translation of it"
_JSON = "BigQuery's JSON conversion rules (lax and strict) are not translated"

# Functions sqlglot knows in BigQuery SQL but writes as a DuckDB function that does not exist
# (a raw "Catalog Error" otherwise), with why; tests/workbench/translate/test_refusals.py
# derives the list from sqlglot and DuckDB and fails on any class missing here or in a rule.
NO_DUCKDB_FUNCTION: dict[type[exp.Expression], str] = {
    exp.FarmFingerprint: "DuckDB has no FarmHash fingerprint (BigQuery's FARM_FINGERPRINT)",
    exp.Float64: _JSON,
    exp.JSONBool: _JSON,
    exp.LaxBool: _JSON,
    exp.LaxFloat64: _JSON,
    exp.LaxInt64: _JSON,
    exp.LaxString: _JSON,
    exp.JSONKeysAtDepth: _JSON,
    exp.JSONArrayAppend: _JSON,
    exp.JSONArrayInsert: _JSON,
    exp.JSONArrayContains: _JSON,
    exp.ParseNumeric: "BigQuery's NUMERIC text syntax is not translated",
    exp.ParseBignumeric: "DuckDB decimals stop at 38 digits (BIGNUMERIC has 76)",
    exp.FromBase32: "DuckDB has no base32 codec",
    exp.ToBase32: "DuckDB has no base32 codec",
    exp.SafeConvertBytesToString: "DuckDB has no UTF-8 repair of BYTES (U+FFFD replacement)",
    exp.CodePointsToBytes: _NO_FUNCTION,
    exp.Normalize: "DuckDB has no Unicode normalization modes (NFC, NFKC, NFD, NFKD)",
    exp.Csc: _NO_FUNCTION,
    exp.Sec: _NO_FUNCTION,
    exp.Coth: _NO_FUNCTION,
    exp.Csch: _NO_FUNCTION,
    exp.Sech: _NO_FUNCTION,
    exp.JustifyDays: "BigQuery's INTERVAL normalization is not translated",
    exp.JustifyHours: "BigQuery's INTERVAL normalization is not translated",
    exp.JustifyInterval: "BigQuery's INTERVAL normalization is not translated",
    exp.CurrentTimezone: _NO_FUNCTION,
    exp.ParseIp: _NO_FUNCTION,
    exp.ParseUrl: _NO_FUNCTION,
    exp.RegDomain: "DuckDB has no NET functions; the workbench has no translation of them",
    exp.StandardHash: _NO_FUNCTION,
    exp.Encrypt: _NO_FUNCTION,
    exp.Decrypt: _NO_FUNCTION,
    exp.EncryptRaw: _NO_FUNCTION,
    exp.DecryptRaw: _NO_FUNCTION,
    exp.Collate: "collations are not translated",
    exp.Collation: "collations are not translated",
    exp.ObjectAgg: _NO_FUNCTION,
    exp.JSONArrayAgg: _NO_FUNCTION,
    exp.HashAgg: _NO_FUNCTION,
    exp.Hll: _NO_FUNCTION,
    exp.CityHash64: _NO_FUNCTION,
    exp.Randn: _NO_FUNCTION,
    exp.Rint: _NO_FUNCTION,
    exp.WidthBucket: _NO_FUNCTION,
    exp.IsAscii: _NO_FUNCTION,
    exp.Localtimestamp: _NO_FUNCTION,
    exp.Systimestamp: _NO_FUNCTION,
    exp.SubstringIndex: _NO_FUNCTION,
    exp.Nanvl: _NO_FUNCTION,
    exp.NumberToStr: _NO_FUNCTION,
    exp.DotProduct: _NO_FUNCTION,
    exp.ManhattanDistance: _NO_FUNCTION,
    exp.Minhash: _NO_FUNCTION,
    exp.Negative: _NO_FUNCTION,
    exp.Elt: _NO_FUNCTION,
    exp.Stack: _NO_FUNCTION,
    exp.Strtok: _NO_FUNCTION,
    exp.StrToMap: _NO_FUNCTION,
    exp.Inline: _NO_FUNCTION,
    exp.Shuffle: _NO_FUNCTION,
    exp.ArrayAll: _NO_FUNCTION,
    exp.ArrayInsert: _NO_FUNCTION,
    exp.ArrayRemoveAt: _NO_FUNCTION,
    exp.ArrayUnionAgg: _NO_FUNCTION,
    exp.MD5NumberLower64: _NO_FUNCTION,
    exp.MD5NumberUpper64: _NO_FUNCTION,
    exp.TryBase64DecodeBinary: _NO_FUNCTION,
    exp.TryBase64DecodeString: _NO_FUNCTION,
    exp.TryHexDecodeBinary: _NO_FUNCTION,
    exp.TryHexDecodeString: _NO_FUNCTION,
    exp.Compress: _NO_FUNCTION,
    exp.DecompressBinary: _NO_FUNCTION,
    exp.DecompressString: _NO_FUNCTION,
    exp.ConvertToCharset: _NO_FUNCTION,
    exp.GetIgnoreCase: _NO_FUNCTION,
    exp.CastToStrType: _NO_FUNCTION,
}


def no_duckdb_function(tree: exp.Expression) -> bool:
    """Refuse, by the name as written, a call sqlglot knows that DuckDB lacks.

    STRING(json) is refused too: DuckDB casts the JSON text (``'"a"'``) where BigQuery
    returns the string inside it (``'a'``); so is the RANGE type (DuckDB's parser fails on
    ``RANGE(DATE)`` with a raw error).
    """
    for kind in nodes(tree, exp.DataType):
        if kind.this == exp.DataType.Type.RANGE:  # RANGE<DATE> '[a, b)', CAST(x AS RANGE<T>)
            raise UnsupportedError(
                "RANGE type",
                "DuckDB has no RANGE values (a start and end with UNBOUNDED sides)",
                line_of(kind.find_ancestor(exp.Cast, exp.ColumnDef) or kind),
            )
    for node in nodes(tree, exp.Func):
        why = NO_DUCKDB_FUNCTION.get(type(node))
        if why is None and isinstance(node, exp.String) and is_type(node.this, "JSON"):
            why = _JSON
        if why is not None:
            raise UnsupportedError(f"function {written_name(node)}", why, line_of(node))
    return False


def unknown_functions(tree: exp.Expression, handled: frozenset[str]) -> bool:
    """Refuse any function call neither sqlglot nor a workbench rule (``handled``) translates.

    The ``NET.`` functions are refused by their family: sqlglot knows some of them
    (NET.HOST, NET.REG_DOMAIN), but DuckDB has none (its ``host()`` reads an INET value, from
    an extension the sandbox never loads), so a known name is no translation either.
    """

    for node in nodes(tree, exp.NetFunc):
        inner = node.this
        name = inner.name.upper() if isinstance(inner, exp.Anonymous) else inner.sql_name()
        raise UnsupportedError(
            f"function NET.{name}",
            _NET,
            line_of(node),
        )
    for node in nodes(tree, exp.Typeof):  # as written (rules use DuckDB's typeof themselves)
        raise UnsupportedError(
            f"function {written_name(node)}",
            "DuckDB's typeof names DuckDB's types (INTEGER), not GoogleSQL's (INT64)",
            line_of(node),
        )
    for node in nodes(tree, exp.Anonymous):
        name = written_name(node)
        if name not in handled and node.name.upper() not in handled:
            raise UnsupportedError(
                f"function {written_name(node)}",
                "the workbench has no translation for it that is known to match BigQuery",
                line_of(node),
            )
    return False


def refuse_table_functions(tree: exp.Expression) -> None:
    """A function call where a table goes (``FROM read_csv(...)``, ``FROM range(3)``): a
    query reads only the source's tables, never a DuckDB table function."""
    for table in nodes(tree, exp.Table):
        if isinstance(table.this, exp.Func):
            raise UnsupportedError(
                f"table function {func_name(table.this)}",
                "a query reads only the source's tables, UNNEST, subqueries and WITH queries "
                "(BigQuery cannot read files or call DuckDB's table functions)",
                line_of(table),
            )


def function_allowlist(tree: exp.Expression, sql: str) -> bool:
    """Refuse every call whose BigQuery name ``functions_offline.OFFLINE`` lacks.

    sqlglot generates a function it knows as some DuckDB function, whatever that means in
    DuckDB; only the names verified against BigQuery may run. A name BigQuery does not have
    at all is BigQuery's own error (``Function not found``), not a refusal.
    """
    refuse_table_functions(tree)  # a call in FROM: the table-function refusal says why
    calls: list[Call] | None = tree.meta.get(CALLS)
    if calls is None:  # a tree not from ``context.parse``: the calls of the text it came from
        calls = written_calls(parse(sql))
    for call in calls:
        name = call.base
        if name in OFFLINE or name in NOT_FUNCTIONS:
            continue
        if name in NAMES or name.startswith(PREFIXES):
            why = NO_DUCKDB_FUNCTION.get(call.kind) or (_NET if name.startswith("NET.") else "")
            raise UnsupportedError(f"function {call.name}", why or NOT_VERIFIED, call.line)
        if "." in name and call.kind is exp.Anonymous:  # project.dataset.fn: a persistent UDF
            raise UnsupportedError(
                f"function {call.name}",
                "user-defined functions are not available offline",
                call.line,
            )
        raise UserError(
            f"Function not found: {call.name}",
            line=call.line,
            column=call.column,
            construct=f"function {call.name}",
        )
    return False
