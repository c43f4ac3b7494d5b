"""Runtime functions for text forms DuckDB computes differently: SHA512 (sqlglot wrote
DuckDB's sha256 for it), FORMAT's %f of NUMERIC from the exact decimal (DuckDB's printf
rounds the nearest DOUBLE: FORMAT('%.0f', NUMERIC '2.5') was '2', GoogleSQL's '3').

Registered with the other runtime functions (``functions.UDFS``); the rules of
``rules/text_forms.py`` call them.
"""

from __future__ import annotations

import hashlib
import re
from decimal import ROUND_HALF_UP, Decimal, localcontext

SHA512_BYTES = "bq_sha512_bytes"
SHA512_STRING = "bq_sha512_string"
NUMERIC_FIXED = "bq_numeric_fixed"
FLOAT_FIXED = "bq_float_fixed"
JSON_ESCAPES = "bq_json_escapes"


def sha512_bytes(value: bytes) -> bytes:
    return hashlib.sha512(value).digest()


def sha512_string(value: str) -> bytes:
    """SHA512 of a STRING hashes its UTF-8 bytes."""
    return hashlib.sha512(value.encode("utf-8")).digest()


def numeric_fixed(value: Decimal, precision: int, width: int, flags: str) -> str:
    """printf's ``%[flags][width].[precision]f`` of a NUMERIC, rounded half away from zero
    from the exact value (GoogleSQL formats NUMERIC from its decimal digits)."""
    with localcontext() as ctx:
        ctx.prec = 100  # abs() and quantize() round to the context's precision too
        rounded = value.quantize(Decimal(1).scaleb(-precision), rounding=ROUND_HALF_UP)
        digits = f"{abs(rounded):f}"
    sign = "-" if rounded < 0 or (rounded == 0 and value < 0 and rounded.is_signed()) else ""
    if not sign:
        sign = "+" if "+" in flags else (" " if " " in flags else "")
    body = sign + digits
    if len(body) >= width:
        return body
    if "-" in flags:
        return body + " " * (width - len(body))
    if "0" in flags:
        return sign + "0" * (width - len(body)) + digits
    return " " * (width - len(body)) + body


def float_fixed(spec: str, value: float) -> str:
    """printf's ``%[flags][width].[precision]f`` of a FLOAT64 of 1e60 or more: every digit of
    the double's exact value, as C's printf writes them (DuckDB's printf got them wrong from
    about 1e60 on); the flags BigQuery takes here are C's (+, -, space, 0)."""
    return spec % value


STRING_LITERAL = "bq_string_literal"
BYTES_LITERAL = "bq_bytes_literal"
BYTES_TEXT = "bq_bytes_text"
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}


def string_literal(value: str) -> str:
    """A STRING as GoogleSQL writes it as a literal (FORMAT's %T): in double quotes, or in
    single quotes when it holds a double quote and no single one; control characters as
    \\xHH, and a hex digit right after such an escape escaped too (so \\x01 then 'b' is not
    read back as \\x1b), as the reference evaluator prints 'a\\x01b' as "a\\x01\\x62"."""
    quote = "'" if '"' in value and "'" not in value else '"'
    out = [quote]
    after_hex = False
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
            after_hex = False
        elif ch == quote:
            out.append("\\" + ch)
            after_hex = False
        elif ord(ch) < 0x20 or ord(ch) == 0x7F or (after_hex and ch in "0123456789abcdefABCDEF"):
            out.append(f"\\x{ord(ch):02x}")
            after_hex = True
        else:
            out.append(ch)
            after_hex = False
    out.append(quote)
    return "".join(out)


# one escape of JSON text (a backslash and what it escapes), or a raw line/paragraph separator
_JSON_ESCAPE = re.compile("\\\\(?:u[0-9A-Fa-f]{4}|.)|[\u2028\u2029]", re.DOTALL)


def _json_escape(m: re.Match[str]) -> str:
    text = m.group(0)
    if text in ("\u2028", "\u2029"):
        return f"\\u{ord(text):04x}"
    return text.lower() if text[1] == "u" else text


def json_escapes(text: str) -> str:
    """DuckDB's JSON text as GoogleSQL writes it: a control character's escape in lower-case
    hex (\\u001f, DuckDB's \\u001F) and U+2028/U+2029 escaped (DuckDB writes them raw).
    Each escape is read whole, so an escaped backslash before 'u001F' stays as it is."""
    return _JSON_ESCAPE.sub(_json_escape, text)


def _bytes_escaped(value: bytes, escaped: str) -> str:
    """Bytes as GoogleSQL escapes them: printable ASCII as itself (a backslash and the
    characters of ``escaped`` after a backslash), every other byte as \\xHH."""
    out = []
    for b in value:
        ch = chr(b)
        if ch == "\\" or ch in escaped:
            out.append("\\" + ch)
        elif 0x20 <= b < 0x7F:
            out.append(ch)
        else:
            out.append(f"\\x{b:02x}")
    return "".join(out)


def bytes_literal(value: bytes) -> str:
    """A BYTES value as GoogleSQL writes it as a literal (FORMAT's %T): b"..." (b'...' when
    it holds a double quote and no single one), bytes outside printable ASCII as \\xHH."""
    quote = "'" if b'"' in value and b"'" not in value else '"'
    return "b" + quote + _bytes_escaped(value, quote) + quote


def bytes_text(value: bytes) -> str:
    """A BYTES value as FORMAT's %t writes it: escaped as in a literal, with both quotes
    and the backtick escaped, and no quotes around it."""
    return _bytes_escaped(value, "\"'`")
