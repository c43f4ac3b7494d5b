"""JSON functions of STRING values as GoogleSQL computes them (issue 15, oracle round 3).

DuckDB's JSON functions parse the text into numbers and write them back (``1.50`` became
``1.5``, ``-0`` became ``0``), count a negative index from the end, fail on text that is
no JSON (GoogleSQL: NULL) and read ``[1, [2]]`` as an array of scalars. Here the text is
parsed keeping each number's text as written, and the path (parsed from the query's
literal, ``rules/json_paths.py``) is walked as GoogleSQL walks it.

Registered with the other runtime functions (``functions.UDFS``).
"""

from __future__ import annotations

import json
import math
import re
from decimal import Decimal

JSON_QUERY = "bq_json_query"
JSON_VALUE = "bq_json_value"
JSON_QUERY_ARRAY = "bq_json_query_array"
JSON_VALUE_ARRAY = "bq_json_value_array"
PARSE_JSON_PROBLEM = "bq_parse_json_problem"
PARSE_JSON_TEXT = "bq_parse_json_text"


class JSONTextError(ValueError):
    """Text GoogleSQL's lenient JSON reader may accept that this strict one does not."""


class _Number(str):
    """A JSON number, as written."""


class _Object(list):
    """A JSON object: its (name, value) pairs in order, repeated names kept."""


_MISSING = object()
# escapes GoogleSQL's reader does not join into one character (a surrogate pair), and text
# its lenient reader accepts: single quotes, a leading zero, something after the value
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
_LEADING_ZERO = re.compile(r"(^|[:\[,])\s*-?0\d")


def _constant(name: str) -> None:
    raise ValueError(f"not JSON: {name}")


def _parse(text: str):
    """The JSON value of ``text``, or _MISSING for text that is no JSON."""
    if _SURROGATE.search(text):
        raise JSONTextError("a \\u surrogate escape")
    try:
        return json.loads(
            text,
            parse_float=_Number,
            parse_int=_Number,
            parse_constant=_constant,
            object_pairs_hook=_Object,
        )
    except ValueError:
        pass
    if "'" in text or _LEADING_ZERO.search(text):
        raise JSONTextError("not strict JSON")
    try:
        json.JSONDecoder(
            parse_float=_Number, parse_int=_Number, parse_constant=_constant
        ).raw_decode(text.lstrip())
    except ValueError:
        return _MISSING  # no JSON at all: NULL, as in GoogleSQL
    raise JSONTextError("text after the JSON value")


def _walk(value, steps: list):
    for step in steps:
        if isinstance(value, _Object):
            name = str(step)
            value = next((v for k, v in value if k == name), _MISSING)
        elif isinstance(value, list) and not isinstance(value, _Object):
            index = step if isinstance(step, int) else _index(step)
            if index is None or not 0 <= index < len(value):
                return _MISSING
            value = value[index]
        else:
            return _MISSING
        if value is _MISSING:
            return _MISSING
    return value


def _index(name: str) -> int | None:
    """'$.a.0' reads element 0 of an array, as '$.a[0]'."""
    return int(name) if name.isdigit() else None


def _string(text: str) -> str:
    out = ['"']
    for ch in text:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch in "\b\f\n\r\t":
            out.append({"\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}[ch])
        elif ord(ch) < 0x20:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _write(value) -> str:
    """The compact JSON text of a value (numbers as written)."""
    if isinstance(value, _Object):
        return "{" + ",".join(f"{_string(k)}:{_write(v)}" for k, v in value) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_write(v) for v in value) + "]"
    if isinstance(value, _Number):
        return str(value)
    if isinstance(value, str):
        return _string(value)
    if value is True:
        return "true"
    if value is False:
        return "false"
    return "null"


def _scalar(value) -> str | None:
    if isinstance(value, list) or value is None or value is _MISSING:
        return None  # objects, arrays and null have no scalar value
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def _at(text: str | None, path: str | None):
    if text is None or path is None:
        return _MISSING  # NULL in, NULL out
    root = _parse(text)
    if root is _MISSING:
        return _MISSING
    return _walk(root, json.loads(path))


def json_query(text: str, path: str) -> str | None:
    value = _at(text, path)
    return None if value is _MISSING else _write(value)


def json_value(text: str, path: str) -> str | None:
    return _scalar(_at(text, path))


def json_query_array(text: str, path: str) -> list[str] | None:
    value = _at(text, path)
    if not isinstance(value, list) or isinstance(value, _Object):
        return None
    return [_write(v) for v in value]


def json_value_array(text: str, path: str) -> list[str | None] | None:
    value = _at(text, path)
    if not isinstance(value, list) or isinstance(value, _Object):
        return None
    if any(isinstance(v, list) for v in value):
        return None  # an array or object element: no array of scalars
    return [_scalar(v) for v in value]


class _Wide(ValueError):
    """Why PARSE_JSON refuses a text: 'range', 'exact' (a number) or 'mode' (its mode)."""


def _checked(text: str, mode: str) -> _Number:
    """A number of PARSE_JSON's text in ``wide_number_mode`` ``mode`` ('exact' or 'round').

    Every number is a FLOAT64 (an integer within INT64 or UINT64 is kept as it is): one too
    large for it is an error; one whose FLOAT64 is not the number written (more digits than
    the double holds) is an error in 'exact' mode and that double in 'round' mode.
    https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#parse_json
    """
    if re.fullmatch(r"-?\d+", text) and -(2**63) <= int(text) < 2**64:
        return _Number(text)
    value = float(text)
    if math.isinf(value):
        raise _Wide("range")
    if Decimal(repr(value)) == Decimal(text):
        return _Number(text)
    if mode == "round":
        return _Number(repr(value))
    raise _Wide("exact")


def _first_kept(pairs: list) -> _Object:
    """An object's members, a repeated name keeping its first value (as BigQuery's JSON)."""
    seen: set[str] = set()
    out = _Object()
    for name, value in pairs:
        if name not in seen:
            seen.add(name)
            out.append((name, value))
    return out


def _parse_json(text: str, mode: str):
    if mode not in ("exact", "round"):
        raise _Wide("mode")
    number = lambda t: _checked(t, mode)  # noqa: E731
    return json.loads(
        text,
        parse_float=number,
        parse_int=number,
        parse_constant=_constant,
        object_pairs_hook=_first_kept,
    )


def parse_json_problem(text: str | None, mode: str | None) -> str | None:
    """Why PARSE_JSON refuses ``text``: 'range', 'exact' or 'mode' (None: it does not, or
    DuckDB's JSON reader decides); a code, never the value (the rule writes the message)."""
    if text is None or mode is None:
        return None
    try:
        _parse_json(text, mode.lower())
    except _Wide as exc:
        return str(exc)
    except (ValueError, RecursionError):
        return None  # no JSON: DuckDB's json() raises PARSE_JSON's error
    return None


def parse_json_text(text: str | None, mode: str | None) -> str | None:
    """The JSON text PARSE_JSON keeps: a repeated name's first value, numbers rounded in
    'round' mode; text it cannot read is returned as it came, for json() to refuse."""
    if text is None or mode is None:
        return None
    try:
        return _write(_parse_json(text, mode.lower()))
    except (ValueError, RecursionError):
        return text


_SPECIAL = {"null_handling": "special"}
# name → (implementation, DuckDB argument types, result type, options)
UDFS: dict[str, tuple] = {
    JSON_QUERY: (json_query, ["VARCHAR", "VARCHAR"], "VARCHAR", _SPECIAL),
    JSON_VALUE: (json_value, ["VARCHAR", "VARCHAR"], "VARCHAR", _SPECIAL),
    JSON_QUERY_ARRAY: (json_query_array, ["VARCHAR", "VARCHAR"], "VARCHAR[]", _SPECIAL),
    JSON_VALUE_ARRAY: (json_value_array, ["VARCHAR", "VARCHAR"], "VARCHAR[]", _SPECIAL),
    PARSE_JSON_PROBLEM: (parse_json_problem, ["VARCHAR", "VARCHAR"], "VARCHAR", _SPECIAL),
    PARSE_JSON_TEXT: (parse_json_text, ["VARCHAR", "VARCHAR"], "VARCHAR", _SPECIAL),
}
