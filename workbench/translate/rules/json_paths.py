"""JSON functions of STRING values run as GoogleSQL's (issue 15, oracle round 3).

JSON_VALUE, JSON_QUERY, JSON_EXTRACT(_SCALAR) and their _ARRAY forms on JSON text call
the runtime functions of ``translate/json_text.py``: numbers keep the text they are written
with (``1.50``, ``-0``), a negative index matches nothing, text that is no JSON gives NULL,
an array holding an array has no scalar values. The path, a literal sqlglot has parsed,
is passed as its list of steps; a path with wildcards, slices or filters is refused, a path
computed at run time is left to DuckDB's JSON functions.
"""

from __future__ import annotations

import json
import re

import sqlglot
from sqlglot import exp
from sqlglot.dialects.bigquery import BigQuery
from sqlglot.tokens import TokenType

from workbench.translate import json_text
from workbench.translate.context import (
    Context,
    Translation,
    UnsupportedError,
    UserError,
    line_of,
)
from workbench.translate.rules._sql import (
    bottom_up,
    case,
    fail,
    fn,
    is_type,
    nodes,
    template,
    written_name,
)

_CALLS: dict[type[exp.Expression], str] = {
    exp.JSONExtract: json_text.JSON_QUERY,
    exp.JSONExtractScalar: json_text.JSON_VALUE,
    exp.JSONExtractArray: json_text.JSON_QUERY_ARRAY,
    exp.JSONValueArray: json_text.JSON_VALUE_ARRAY,
}


def _steps(path: exp.Expression | None, node: exp.Expression) -> list[str | int] | None:
    """The path's steps; None for a path computed at run time (left to DuckDB's JSON)."""
    if path is None:
        return []  # JSON_VALUE(text): the path '$'
    if not isinstance(path, exp.JSONPath):
        return None
    steps: list[str | int] = []
    for part in path.expressions:
        if isinstance(part, exp.JSONPathRoot):
            continue
        if (isinstance(part, exp.JSONPathKey) and isinstance(part.this, str)) or (
            isinstance(part, exp.JSONPathSubscript) and isinstance(part.this, int)
        ):
            steps.append(part.this)
        else:
            raise UnsupportedError(
                f"{written_name(node)} with a JSON path wildcard, slice or filter",
                "BigQuery's JSONPath has no such step",
                line_of(node),
            )
    return steps


# JSONPath as GoogleSQL reads it: '$', then .name or [index]; the standard functions
# (JSON_VALUE, JSON_QUERY, their _ARRAY forms) quote a name as ."a b", the legacy ones
# (JSON_EXTRACT*) as ['a b'] (json_functions#JSONPath_format)
_STANDARD = re.compile(r"\$(\.([^.\[\]\"]+|\"[^\"]*\")|\[\s*-?\d+\s*\])*")
_LEGACY = re.compile(
    r"\$(\.[^.\[\]\"]+|\[\s*-?\d+\s*\]|\['[^']*'\]|\[\"[^\"]*\"\]|\[\s*[^\s\]'\"\[]+\s*\])*"
)
# a legacy path's name in brackets may go unquoted ($[a], $[ a ]: the reference evaluator)
_BARE = re.compile(r"\[\s*([^\s\]'\"\[]*[^\s\]'\"\[\d-][^\s\]'\"\[]*)\s*\]")
_LEGACY_NAMES = (
    "JSON_EXTRACT",
    "JSON_EXTRACT_SCALAR",
    "JSON_EXTRACT_ARRAY",
    "JSON_EXTRACT_STRING_ARRAY",
)
_STANDARD_NAMES = ("JSON_VALUE", "JSON_QUERY", "JSON_VALUE_ARRAY", "JSON_QUERY_ARRAY")


def _written_paths(sql: str) -> list[tuple[str, str]]:
    """(function, path) of each JSON function call in the query text whose path is a string
    literal: sqlglot keeps only the parsed path, which reads 'a' and '$a' as '$.a'."""
    try:
        tokens = BigQuery().tokenize(sql)
    except Exception:  # the parser reports the text's own errors
        return []
    found = []
    for i, token in enumerate(tokens):
        name = token.text.upper()
        if name not in _LEGACY_NAMES + _STANDARD_NAMES:
            continue
        depth, j = 0, i + 1
        while j < len(tokens):
            kind = tokens[j].token_type
            if kind == TokenType.L_PAREN:
                depth += 1
            elif kind == TokenType.R_PAREN:
                depth -= 1
                if depth == 0:
                    break
            elif kind == TokenType.COMMA and depth == 1:
                after = tokens[j + 1 : j + 3]
                if (
                    len(after) == 2
                    and after[0].token_type == TokenType.STRING
                    and after[1].token_type == TokenType.R_PAREN
                ):
                    found.append((name, after[0].text))
            j += 1
    return found


def _path_message(name: str, grammar: re.Pattern[str]) -> str:
    return f"{name}: invalid JSONPath (it starts with '$', then .name or [index]" + (
        ", a quoted name as ['a b'])" if grammar is _LEGACY else ', a quoted name as ."a b")'
    )


def _parsed_path(name: str, written: str) -> str:
    """The path as sqlglot parses ``name(x, 'written')`` (it reads 'a' as '$.a')."""
    call = sqlglot.parse_one(
        f"{name}(x, {exp.Literal.string(written).sql('bigquery')})", read="bigquery"
    )
    path = call.args.get("expression")
    return path.sql("bigquery") if isinstance(path, exp.Expression) else ""


def _invalid_paths(tree: exp.Expression, sql: str) -> None:
    """A literal JSONPath GoogleSQL does not read fails the call when it runs (the reference
    evaluator's error is a run-time one: a call that never runs does not fail); when the
    call cannot be told apart from a valid one sqlglot parses the same, at translation."""
    written = _written_paths(sql)
    bad = []
    for name, path in written:
        grammar = _LEGACY if name in _LEGACY_NAMES else _STANDARD
        if not grammar.fullmatch(path):
            bad.append((name, _parsed_path(name, path), _path_message(name, grammar)))
    if not bad:
        return
    good = {(name, _parsed_path(name, path)) for name, path in written} - {
        (n, p) for n, p, _ in bad
    }
    for name, parsed, message in bad:
        calls = [
            node
            for node in nodes(tree, *_CALLS)
            if written_name(node).upper() == name
            and isinstance(node.args.get("expression"), exp.Expression)
            and node.args["expression"].sql("bigquery") == parsed
        ]
        if not calls or (name, parsed) in good:
            raise UserError(message, construct=name)
        for node in calls:
            failing = fail(message)
            text = node.this
            if isinstance(text, exp.Expression) and isinstance(node.type, exp.DataType):
                # a NULL text is NULL before the path is read (GoogleSQL's reference
                # evaluator: JSON_EXTRACT(NULL, '$."a.b"') is NULL, no error)
                null = exp.Cast(this=exp.Null(), to=node.type.copy())
                failing = case(exp.Is(this=text.copy(), expression=exp.Null()), null, failing)
            failing.type = node.type
            node.replace(failing)


def _bare_names(tree: exp.Expression) -> bool:
    """A legacy path with a name unquoted in brackets ('$[a][0]', which sqlglot leaves as
    text) is read as the same path with the name quoted ("$['a'][0]")."""
    changed = False
    for node in nodes(tree, *_CALLS):
        path = node.args.get("expression")
        if written_name(node).upper() not in _LEGACY_NAMES:
            continue
        if not (isinstance(path, exp.Literal) and path.is_string and _BARE.search(path.name)):
            continue
        if not _LEGACY.fullmatch(path.name):
            continue
        quoted = _BARE.sub(lambda m: f"['{m.group(1)}']", path.name)
        parsed = sqlglot.parse_one(
            f"JSON_EXTRACT(x, {exp.Literal.string(quoted).sql('bigquery')})", read="bigquery"
        ).args.get("expression")
        if isinstance(parsed, exp.JSONPath):
            node.set("expression", parsed)
            changed = True
    return changed


def json_functions(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """JSON_VALUE/JSON_QUERY/JSON_EXTRACT(_SCALAR) and _ARRAY of a STRING, as GoogleSQL."""

    changed = False
    if any(nodes(tree, *_CALLS)):
        changed = _bare_names(tree)
        _invalid_paths(tree, out.bigquery)
    for node in bottom_up(tree, *_CALLS):
        text = node.this
        if text is None or not is_type(text, "STRING"):
            continue  # a JSON value: DuckDB's JSON type (and its text forms) stay
        steps = _steps(node.args.get("expression"), node)
        if steps is None:
            continue
        new = fn(_CALLS[type(node)], text.copy(), exp.Literal.string(json.dumps(steps)))
        new.type = node.type
        node.replace(new)
        changed = True
    return changed


# DuckDB's json_type names → BigQuery's JSON_TYPE names
_JSON_TYPES = {
    "OBJECT": "object",
    "ARRAY": "array",
    "VARCHAR": "string",
    "BIGINT": "number",
    "UBIGINT": "number",
    "HUGEINT": "number",
    "DOUBLE": "number",
    "BOOLEAN": "boolean",
    "NULL": "null",
}


def json_type_names(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """JSON_TYPE names BigQuery's kinds ('string', 'number', 'object', ...); DuckDB's
    json_type names its own types ('VARCHAR', 'BIGINT', 'DOUBLE', ...).
    https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#json_type"""

    changed = False
    for node in nodes(tree, exp.JSONType):
        ifs = [
            exp.If(this=exp.Literal.string(duck), true=exp.Literal.string(bq))
            for duck, bq in _JSON_TYPES.items()
        ]
        named = exp.Case(this=node.copy(), ifs=ifs, default=None)
        named.type = exp.DataType.build("VARCHAR")
        node.replace(exp.Paren(this=named))
        changed = True
    return changed


_NOT_INTEGER = "the provided JSON input is not an integer"
_INT64_RANGE = 2**63


def _double(value: int) -> exp.Expression:
    bound = exp.Cast(this=exp.Literal.string(str(value)), to=exp.DataType.build("DOUBLE"))
    bound.type = exp.DataType.build("DOUBLE")
    return bound


def json_int64(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """INT64(json) is strict, as BigQuery's: a JSON integer within INT64's range, or a number
    with no fractional part within it (10.0, 1e2); any other number, and strings, booleans
    and JSON null, are errors (DuckDB's cast read 10.1 as 10 and '"4"' as 4); SQL NULL is
    NULL. The values are TRY_CASTs: DuckDB may fold a branch that is never taken.
    https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#int64_for_json"""

    changed = False
    for node in nodes(tree, exp.Int64):
        j = node.this
        kind = fn("json_type", j.copy())
        integer = exp.TryCast(this=j.copy(), to=exp.DataType.build("BIGINT"))
        number = exp.TryCast(this=j.copy(), to=exp.DataType.build("DOUBLE"))
        whole = exp.and_(
            exp.EQ(this=fn("floor", number.copy()), expression=number.copy()),
            exp.GTE(this=number.copy(), expression=_double(-_INT64_RANGE)),
            exp.LT(this=number.copy(), expression=_double(_INT64_RANGE)),
        )
        integral = exp.In(
            this=kind.copy(),
            expressions=[exp.Literal.string("BIGINT"), exp.Literal.string("UBIGINT")],
        )
        is_double = exp.EQ(this=kind.copy(), expression=exp.Literal.string("DOUBLE"))
        new = exp.Case(
            ifs=[
                exp.If(this=exp.Is(this=j.copy(), expression=exp.Null()), true=exp.Null()),
                exp.If(
                    this=exp.and_(
                        integral, exp.Not(this=exp.Is(this=integer, expression=exp.Null()))
                    ),
                    true=integer.copy(),
                ),
                exp.If(
                    this=exp.and_(is_double, whole),
                    true=exp.TryCast(this=number.copy(), to=exp.DataType.build("BIGINT")),
                ),
                exp.If(
                    this=is_double.copy(),
                    true=fail("the JSON number cannot be converted to an int64"),
                ),
            ],
            default=fail(_NOT_INTEGER),
        )
        new.type = exp.DataType.build("BIGINT")
        node.replace(exp.Paren(this=new))
        changed = True
    return changed


def json_array_nulls(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """JSON_QUERY_ARRAY/JSON_EXTRACT_ARRAY of a JSON value keep a JSON ``null`` element as
    the JSON value null (json_functions#json_query_array: an ARRAY<JSON>; NULL for a value
    that is no array); DuckDB's cast of the array to JSON[] made it SQL NULL, which no result
    array may hold (a raw error), and raised for a value that is no array."""

    changed = False
    for node in nodes(tree, exp.JSONExtractArray):
        if node.meta.get("json_nulls") or not is_type(node.this, "JSON"):
            continue
        node.meta["json_nulls"] = True
        path = node.args.get("expression")
        value = node.this if path is None else exp.JSONExtract(this=node.this, expression=path)
        new = template(
            "CASE WHEN json_type(__v) = 'ARRAY' THEN "
            "list_transform(CAST(__v AS JSON[]), e -> coalesce(e, CAST('null' AS JSON))) END",
            v=value,
        )
        new.type = node.type
        node.replace(new)
        changed = True
    return changed
