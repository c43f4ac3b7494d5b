"""Text forms DuckDB writes differently (issue 15, oracle round 3): SHA512, TO_JSON_STRING.

sqlglot writes SHA512 as DuckDB's sha256 (a 32-byte digest for BigQuery's 64), and
TO_JSON_STRING as ``CAST(to_json(x) AS TEXT)``: a NULL is NULL there and the text 'null'
in BigQuery, an INT64 beyond 2^53 a number there and a quoted string in BigQuery (JSON
readers lose its digits), FLOAT64/NUMERIC/TIMESTAMP/DATETIME get DuckDB's text forms.
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate import text_forms
from workbench.translate.context import Context, Translation, UnsupportedError, line_of
from workbench.translate.rules._sql import bottom_up, case, cast, fn, is_type, known_type, paren

_EXACT_INT = 2**53  # the largest integer every JSON reader (a double) holds exactly


def sha512(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """SHA512(STRING | BYTES) is the 64-byte SHA-512 digest (of a STRING's UTF-8 bytes)."""

    changed = False
    for node in bottom_up(tree, exp.SHA2Digest, exp.SHA2):
        length = node.args.get("length")
        if not (isinstance(length, exp.Literal) and length.name == "512"):
            continue
        value = node.this
        name = text_forms.SHA512_BYTES if is_type(value, "BYTES") else text_forms.SHA512_STRING
        new = fn(name, value.copy())
        new.type = exp.DataType.build("BLOB")
        node.replace(new)
        changed = True
    return changed


def _refused_parts(t: exp.DataType | None) -> str:
    """The first type inside ``t`` whose JSON text DuckDB writes differently ('' if none)."""
    if t is None:
        return ""
    for name in ("FLOAT64", "NUMERIC", "BIGNUMERIC", "TIMESTAMP", "DATETIME", "JSON", "INTERVAL"):
        if is_type(t, name):
            return name
    if is_type(t, "STRUCT"):
        names = [f.name for f in t.expressions if isinstance(f, exp.ColumnDef)]
        if len(names) != len(t.expressions) or any(not n for n in names):
            return "an anonymous STRUCT field"
        if len(set(names)) != len(names):
            return "a STRUCT with a repeated field name"
    for inner in t.expressions:
        kind = inner.args.get("kind") if isinstance(inner, exp.ColumnDef) else inner
        found = _refused_parts(kind if isinstance(kind, exp.DataType) else None)
        if found:
            return found
    return ""


def _holds_text(t: exp.DataType | None) -> bool:
    """Whether JSON text of a value of type ``t`` may hold a string escape DuckDB writes
    differently: a STRING anywhere in it, or a STRUCT field name with a control character
    (or U+2028/U+2029); an unknown type may."""
    if t is None or t.this == exp.DataType.Type.UNKNOWN:
        return True
    for d in t.find_all(exp.DataType):
        if is_type(d, "STRING"):
            return True
    return any(
        any(ord(c) < 0x20 or c in "\u2028\u2029" for c in f.name) for f in t.find_all(exp.ColumnDef)
    )


def to_json_string(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """TO_JSON_STRING: 'null' for NULL, an INT64 beyond ±2^53 quoted, string escapes as
    GoogleSQL writes them (``\\u001f`` in lower case, U+2028/U+2029 escaped); the types
    whose text form DuckDB writes differently, and pretty printing, are refused."""

    changed = False
    for node in bottom_up(tree, exp.JSONFormat):
        if node.args.get("to_json") or node.args.get("is_json"):
            continue  # TO_JSON gives a JSON value, not this text
        value = node.this
        if value is None:
            continue
        if node.args.get("options") is not None:
            raise UnsupportedError(
                "TO_JSON_STRING with pretty_print",
                "BigQuery's indentation of the JSON text is not reproduced offline",
                line_of(node),
            )
        refused = _refused_parts(value.type)
        if refused:
            raise UnsupportedError(
                f"TO_JSON_STRING of {refused if refused.startswith('a') else 'a ' + refused}",
                "BigQuery's JSON text of it (1.0 as 1, NUMERIC quoted, timestamps with T and "
                "Z) is not reproduced offline",
                line_of(node),
            )
        text: exp.Expression = node.copy()
        if _holds_text(value.type):
            text = fn(text_forms.JSON_ESCAPES, text)
        if is_type(value, "INT64"):
            big = exp.GT(this=fn("abs", value.copy()), expression=exp.Literal.number(_EXACT_INT))
            quoted = exp.DPipe(
                this=exp.DPipe(
                    this=exp.Literal.string('"'), expression=cast(value.copy(), "VARCHAR")
                ),
                expression=exp.Literal.string('"'),
            )
            text = case(big, quoted, text)
        new = paren(fn("coalesce", text, exp.Literal.string("null")))
        new.type = exp.DataType.build("VARCHAR")
        node.replace(new)
        changed = True
    return changed


def concat_mixed(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """CONCAT and ``||`` turn a value that is not STRING or BYTES into STRING first, as
    CAST(x AS STRING) does in BigQuery ("all values must be BYTES or data types that can be
    cast to STRING"): CONCAT(DATE '2020-10-10') is the text '2020-10-10', not a DATE (sqlglot
    drops a one-argument CONCAT), and CONCAT(1.0, 'a') is '1a', not DuckDB's '1.0a'. The
    explicit casts go through the rules for CAST(... AS STRING) that run after this one.

    A STRING literal beside a BYTES value is refused: GoogleSQL's analyzer reads it as BYTES
    (``b'ab' || 'cd'`` is the BYTES b'abcd'), a coercion BigQuery's conversion rules do not
    document; offline it was the STRING 'abcd'."""

    changed = False
    for node in bottom_up(tree, exp.Concat, exp.DPipe):
        values = node.expressions if isinstance(node, exp.Concat) else [node.this, node.expression]
        if any(is_type(v, "BYTES") for v in values) and any(
            isinstance(v, exp.Literal) and v.is_string for v in values
        ):
            raise UnsupportedError(
                "CONCAT (or ||) of BYTES and a STRING literal",
                "GoogleSQL reads the literal as BYTES, a coercion BigQuery's conversion rules do "
                "not document; write it as a BYTES literal (b'...')",
                line_of(node),
            )
        if any(is_type(v, "BYTES") for v in values) or not all(known_type(v) for v in values):
            continue  # a BYTES concatenation, or a type the annotation does not know
        for v in values:
            if is_type(v, "STRING") or isinstance(v, exp.Null) or is_type(v, "ARRAY"):
                continue
            text = exp.Cast(this=v.copy(), to=exp.DataType.build("VARCHAR"))
            text.type = exp.DataType.build("VARCHAR")
            v.replace(text)
            changed = True
        if isinstance(node, exp.Concat) and len(node.expressions) == 1 and changed:
            node.type = exp.DataType.build("VARCHAR")
    return changed
