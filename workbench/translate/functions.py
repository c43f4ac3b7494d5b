"""BigQuery's own algorithms as DuckDB functions, for translated SQL that DuckDB alone gets wrong.

ROUND/TRUNC with digits (``translate.rounding``, in x87 long double as GoogleSQL computes
them), NUMERIC arithmetic (exact, 38 digits) and BYTES functions over Python bytes. The rules
call them by the names below; the local engine registers on a connection only the ones a
translated query calls (``register``), so NumPy and pyarrow load only for a query that rounds.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import math
import re
import unicodedata
from decimal import ROUND_HALF_UP, Context, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from workbench.translate import dp_noise, dp_quantiles, json_text, text_forms, zone_text
from workbench.translate.window_checks import WINDOW_ERROR, window_error

if TYPE_CHECKING:
    from collections.abc import Iterable

    import duckdb
    from sqlglot import exp

# BigQuery's largest STRING or BYTES a function may build (GoogleSQL's string functions:
# "Output of REPEAT exceeds max allowed output size of 1MB", the same for LPAD/RPAD)
MAX_OUTPUT_BYTES = 1 << 20

ROUND = "bq_round_digits"
TRUNC = "bq_trunc_digits"


def exact_rounding() -> bool:
    """Whether this machine's NumPy has x87 long double, BigQuery's rounding arithmetic."""
    from workbench.translate.rounding import EXACT

    return EXACT


# NUMERIC (issue 15): BigQuery computes NUMERIC exactly, 38 digits with 9 after the point,
# rounding half away from zero; DuckDB's DECIMAL(38, 9) product is DECIMAL(38, 18) (which
# overflows above 10^20), its quotient and its AVG/STDDEV/VAR are DOUBLE.
NUMERIC_MULTIPLY = "bq_numeric_multiply"
NUMERIC_DIVIDE = "bq_numeric_divide"
NUMERIC_AVG = "bq_numeric_avg"
NUMERIC_MOMENT = "bq_numeric_moment"
NUMERIC_PERCENTILE = "bq_numeric_percentile_cont"
PERCENTILE_INDEX = "bq_percentile_index"
NUMERIC_PAIR_MOMENT = "bq_numeric_pair_moment"
PERCENTILE_FRACTION = "bq_percentile_fraction"
NUMERIC_INT_DIVIDE = "bq_numeric_int_divide"
NUMERIC_MATH = "bq_numeric_math"
NUMERIC_STRING = "bq_numeric_string"
FLOAT_TO_NUMERIC = "bq_float_to_numeric"
NUMERIC = "DECIMAL(38, 9)"

_SCALE = 10**9
_NUMERIC_MAX = 10**38  # in units of 10^-9: |value| < 10^29
_EXACT = Context(prec=100)  # wide enough for every NUMERIC (decimal's default is 28 digits)


def _units(value: Decimal) -> int:
    """A NUMERIC value as an exact integer count of 10^-9."""
    return int(value.scaleb(9, _EXACT))


def _rounded(numerator: int, denominator: int) -> Decimal:
    """numerator / denominator (units of 10^-9), half away from zero; overflow is an error."""
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    q, r = divmod(abs(numerator), denominator)
    if 2 * r >= denominator:
        q += 1
    units = q if numerator >= 0 else -q
    if abs(units) >= _NUMERIC_MAX:
        raise OverflowError("numeric overflow")
    return Decimal(units).scaleb(-9, _EXACT)


def numeric_multiply(a: Decimal, b: Decimal) -> Decimal:
    """NUMERIC * NUMERIC, exact then rounded to 9 digits."""
    return _rounded(_units(a) * _units(b), _SCALE)


def numeric_divide(a: Decimal, b: Decimal) -> Decimal:
    """NUMERIC / NUMERIC (the zero check is the translation's inline one)."""
    if b == 0:
        raise ZeroDivisionError("division by zero")
    return _rounded(_units(a) * _SCALE, _units(b))


def numeric_int_divide(a: Decimal, b: Decimal) -> Decimal:
    """DIV(NUMERIC, NUMERIC): the quotient truncated toward zero."""
    if b == 0:
        raise ZeroDivisionError("division by zero")
    q = abs(_units(a)) // abs(_units(b))
    return Decimal(q if (a < 0) == (b < 0) else -q)


_WIDE = Context(prec=60)  # the functions below, before rounding to 9 digits


def numeric_math(name: str, x: Decimal, y: Decimal | None) -> Decimal:
    """SQRT/EXP/LN/LOG10/LOG/POW of NUMERIC, in NUMERIC: computed to 60 digits, then rounded
    half away from zero to 9 (the domain checks are the translation's inline ones)."""
    if name == "SQRT":
        value = x.sqrt(_WIDE)
    elif name == "EXP":
        value = x.exp(_WIDE)
    elif name == "LN":
        value = x.ln(_WIDE)
    elif name == "LOG10":
        value = x.log10(_WIDE)
    elif name == "LOG":
        assert y is not None
        value = _WIDE.divide(x.ln(_WIDE), y.ln(_WIDE))
    else:  # POW
        assert y is not None
        value = (Decimal(0) if y > 0 else Decimal(1)) if x == 0 else _WIDE.power(x, y)
    units = value.scaleb(9, _WIDE).to_integral_value(rounding=ROUND_HALF_UP)
    if abs(units) >= _NUMERIC_MAX:
        raise OverflowError("numeric overflow")
    return Decimal(int(units)).scaleb(-9, _EXACT)


def float_to_numeric(value: float) -> Decimal:
    """CAST(FLOAT64 AS NUMERIC): the double's exact binary value, rounded half away from zero
    to 9 digits (DuckDB scales it in double: CAST(1e28 AS DECIMAL(38, 9)) gains digits)."""
    if not math.isfinite(value):
        raise ValueError("not a NUMERIC value")
    return _rounded(int(Decimal(value).scaleb(9, _EXACT).to_integral_value(ROUND_HALF_UP)), 1)


def numeric_string(value: Decimal) -> str:
    """CAST(NUMERIC AS STRING): the digits without trailing zeros (1.500000000 → '1.5')."""
    text = format(value.normalize(_EXACT), "f")
    return "0" if text in ("-0", "0") else text


def numeric_avg(values: list[Decimal | None] | None) -> Decimal | None:
    """AVG(NUMERIC): the exact mean, rounded to 9 digits; NULL without a non-NULL value."""
    units = [_units(v) for v in values or () if v is not None]
    return _rounded(sum(units), len(units)) if units else None


def numeric_percentile_cont(
    values: list[Decimal | None] | None, percentile: Decimal | None
) -> Decimal | None:
    """PERCENTILE_CONT(NUMERIC, NUMERIC): the value at p * (n - 1) of the sorted non-NULL
    values, interpolated exactly between its neighbours and rounded to 9 digits (DuckDB's
    QUANTILE_CONT interpolates in DOUBLE: 16 digits of 38)."""
    if percentile is None:
        raise ValueError("The percentile argument of PERCENTILE_CONT must not be NULL")
    if not 0 <= percentile <= 1:
        raise ValueError("Argument 2 to PERCENTILE_CONT must be between 0 and 1")
    units = sorted(_units(v) for v in values or () if v is not None)
    if not units:
        return None
    pos = Fraction(_units(percentile), _SCALE) * (len(units) - 1)
    low = math.floor(pos)
    value = Fraction(units[low])
    if pos > low:
        value += (units[low + 1] - units[low]) * (pos - low)
    return _rounded(value.numerator, value.denominator)


_WIDE_CORR = Context(prec=50)


def numeric_pair_moment(pairs: list[dict] | None, kind: str) -> float | None:
    """COVAR_POP/COVAR_SAMP/CORR (``kind``) of NUMERIC pairs, aggregated exactly and converted
    to FLOAT64 last; the pairs with a NULL side do not count; CORR of a constant side is NaN."""
    xs = [
        (Fraction(_units(p["a"]), _SCALE), Fraction(_units(p["b"]), _SCALE))
        for p in pairs or ()
        if p is not None and p["a"] is not None and p["b"] is not None
    ]
    n = len(xs)
    if n == 0 or (kind != "covar_pop" and n < 2):
        return None
    mx = sum(x for x, _ in xs) / n
    my = sum(y for _, y in xs) / n
    cov = sum((x - mx) * (y - my) for x, y in xs)
    if kind == "covar_pop":
        return float(cov / n)
    if kind == "covar_samp":
        return float(cov / (n - 1))
    vx = sum((x - mx) ** 2 for x, _ in xs)
    vy = sum((y - my) ** 2 for _, y in xs)
    if vx == 0 or vy == 0:
        # NaN, which a Python function cannot return to DuckDB (it arrives as NULL): +inf,
        # no correlation's value, stands for it and the translation turns it into NaN
        return math.inf
    # cov / sqrt(vx * vy) to 50 digits, then rounded once to FLOAT64
    c = _WIDE_CORR

    def wide(q: Fraction) -> Decimal:
        return c.divide(Decimal(q.numerator), Decimal(q.denominator))

    return float(c.divide(wide(cov), wide(vx * vy).sqrt(c)))


def percentile_index(p: float | None, n: int | None, cont: bool) -> int | None:
    """The 1-based position PERCENTILE_DISC (``ceil(p * n)``, at least 1) or PERCENTILE_CONT
    (``floor(p * (n - 1)) + 1``) reads, from p's exact binary value: 0.4 * 5 is a little over
    2, so DISC reads the third value, as GoogleSQL's reference evaluator does."""
    if p is None or n is None:
        return None
    exact = Fraction(p)
    if cont:
        return math.floor(exact * (n - 1)) + 1
    return max(1, math.ceil(exact * n))


def percentile_fraction(p: float | None, n: int | None) -> float | None:
    """How far PERCENTILE_CONT's exact position p * (n - 1) is past its lower neighbour."""
    if p is None or n is None:
        return None
    pos = Fraction(p) * (n - 1)
    return float(pos - math.floor(pos))


def numeric_moment(values: list[Decimal | None] | None, kind: str) -> float | None:
    """VAR/STDDEV (``kind``: var_pop, var_samp, stddev_pop, stddev_samp) of NUMERIC values,
    aggregated exactly ("stable", as BigQuery documents it) and converted to FLOAT64 last."""
    xs = [Fraction(_units(v), _SCALE) for v in values or () if v is not None]
    n = len(xs)
    ddof = 1 if kind.endswith("samp") else 0
    if n == 0 or n - ddof <= 0:
        return None
    mean = sum(xs) / n
    var = sum((x - mean) ** 2 for x in xs) / (n - ddof)
    if kind.startswith("stddev"):
        return math.sqrt(float(var))
    return float(var)


NUMERIC_SERIES = "bq_numeric_generate_array"
_SERIES_CAP = 10_000_000  # elements a NUMERIC GENERATE_ARRAY builds offline at most


def numeric_generate_array(start: Decimal, end: Decimal, step: Decimal) -> list[Decimal]:
    """GENERATE_ARRAY of NUMERIC: start, start + step, ... up to end, exactly (the step 0
    check is the translation's inline one)."""
    first, last, by = _units(start), _units(end), _units(step)
    if by == 0:
        raise ValueError("GENERATE_ARRAY: the step must not be 0")
    span = last - first
    count = span // by + 1 if span == 0 or (span > 0) == (by > 0) else 0
    if count > _SERIES_CAP:
        raise ValueError(
            "GENERATE_ARRAY of NUMERIC with more than 10,000,000 elements is not supported offline"
        )
    return [Decimal(first + i * by).scaleb(-9, _EXACT) for i in range(count)]


def _rounding(name: str):
    from workbench.translate import rounding  # NumPy and pyarrow: only for a query that rounds

    return rounding.round_digits if name == ROUND else rounding.trunc_digits


_ARROW = {"type": "arrow", "null_handling": "special"}
# name → (implementation, or a loader of it; argument types; result type; options)
UDFS: dict[str, tuple] = {
    ROUND: (_rounding, ["DOUBLE", "BIGINT"], "DOUBLE", _ARROW),
    WINDOW_ERROR: (window_error, ["VARCHAR"], "BOOLEAN", {}),
    TRUNC: (_rounding, ["DOUBLE", "BIGINT"], "DOUBLE", _ARROW),
    NUMERIC_MULTIPLY: (numeric_multiply, [NUMERIC, NUMERIC], NUMERIC, {}),
    NUMERIC_DIVIDE: (numeric_divide, [NUMERIC, NUMERIC], NUMERIC, {}),
    NUMERIC_INT_DIVIDE: (numeric_int_divide, [NUMERIC, NUMERIC], NUMERIC, {}),
    NUMERIC_MATH: (numeric_math, ["VARCHAR", NUMERIC, NUMERIC], NUMERIC, {}),
    NUMERIC_STRING: (numeric_string, [NUMERIC], "VARCHAR", {}),
    FLOAT_TO_NUMERIC: (float_to_numeric, ["DOUBLE"], NUMERIC, {}),
    NUMERIC_AVG: (numeric_avg, [f"{NUMERIC}[]"], NUMERIC, {"null_handling": "special"}),
    NUMERIC_SERIES: (numeric_generate_array, [NUMERIC, NUMERIC, NUMERIC], f"{NUMERIC}[]", {}),
    NUMERIC_PAIR_MOMENT: (
        numeric_pair_moment,
        [f"STRUCT(a {NUMERIC}, b {NUMERIC})[]", "VARCHAR"],
        "DOUBLE",
        {"null_handling": "special"},
    ),
    PERCENTILE_INDEX: (percentile_index, ["DOUBLE", "BIGINT", "BOOLEAN"], "BIGINT", {}),
    PERCENTILE_FRACTION: (percentile_fraction, ["DOUBLE", "BIGINT"], "DOUBLE", {}),
    NUMERIC_PERCENTILE: (
        numeric_percentile_cont,
        [f"{NUMERIC}[]", NUMERIC],
        NUMERIC,
        {"null_handling": "special"},
    ),
    NUMERIC_MOMENT: (
        numeric_moment,
        [f"{NUMERIC}[]", "VARCHAR"],
        "DOUBLE",
        {"null_handling": "special"},
    ),
    # text forms DuckDB writes differently (rules/text_forms.py, FORMAT in rules/strings.py)
    text_forms.SHA512_BYTES: (text_forms.sha512_bytes, ["BLOB"], "BLOB", {}),
    text_forms.SHA512_STRING: (text_forms.sha512_string, ["VARCHAR"], "BLOB", {}),
    text_forms.STRING_LITERAL: (text_forms.string_literal, ["VARCHAR"], "VARCHAR", {}),
    text_forms.JSON_ESCAPES: (text_forms.json_escapes, ["VARCHAR"], "VARCHAR", {}),
    text_forms.BYTES_LITERAL: (text_forms.bytes_literal, ["BLOB"], "VARCHAR", {}),
    text_forms.BYTES_TEXT: (text_forms.bytes_text, ["BLOB"], "VARCHAR", {}),
    text_forms.FLOAT_FIXED: (text_forms.float_fixed, ["VARCHAR", "DOUBLE"], "VARCHAR", {}),
    text_forms.NUMERIC_FIXED: (
        text_forms.numeric_fixed,
        [NUMERIC, "BIGINT", "BIGINT", "VARCHAR"],
        "VARCHAR",
        {},
    ),
    # JSON functions of STRING values (rules/json_paths.py)
    **json_text.UDFS,
    # differentially private PERCENTILE_CONT's sampling and quantile tree (dp_quantiles.py)
    **dp_quantiles.UDFS,
}


# SQL macros: the noise of differential privacy, time zones in text (zone_text.py)
_MACROS = {**dp_noise.MACROS, **zone_text.MACROS}


def register(conn: duckdb.DuckDBPyConnection, names: Iterable[str] | None = None) -> list[str]:
    """Make the BigQuery functions ``names`` (default: all) callable on ``conn``; the names
    registered. A name that is not one of them is ignored (a query's other calls)."""
    known = set(UDFS) | set(BYTES_FUNCTIONS) | set(_MACROS)
    wanted = sorted(known if names is None else known & set(names))
    if not wanted:
        return []
    # DuckDB keeps functions per database instance, which connections to one file share
    present = {
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT function_name FROM duckdb_functions() WHERE list_contains(?, "
            "function_name)",
            [wanted],
        ).fetchall()
    }
    done = sorted(present)
    for name in wanted:
        if name in present:
            continue
        if name in _MACROS:  # SQL, vectorised: a connection's own (TEMP) macro
            params, body = _MACROS[name]
            body = zone_text.names_sql(conn, body)
            conn.execute(f"CREATE OR REPLACE TEMP MACRO {name}({', '.join(params)}) AS {body}")
        elif name in UDFS:
            udf, args, result, options = UDFS[name]
            if udf is _rounding:
                udf = _rounding(name)
            conn.create_function(name, udf, args, result, side_effects=False, **options)
        else:
            udf, args, result = BYTES_FUNCTIONS[name]
            conn.create_function(name, udf, args, result, side_effects=False)
        done.append(name)
    return done


def called(tree: exp.Expression | None) -> set[str]:
    """The functions of this module that a translated tree calls."""
    from sqlglot import exp

    if tree is None:
        return set()
    names = {node.name.lower() for node in tree.find_all(exp.Anonymous)}
    return names & (set(UDFS) | set(BYTES_FUNCTIONS) | set(_MACROS))


# -- BYTES (issue 15) ---------------------------------------------------------------------
# DuckDB's BLOB functions are few, and sqlglot reaches the rest through CAST(BLOB AS VARCHAR),
# which prints bytes as escaped text ('\xE2\x82\xAC'): REVERSE, TRIM, REPLACE ... then work on
# that text, not on the bytes. These are GoogleSQL's BYTES functions (zetasql/public/
# functions/string.cc) over Python bytes; the rule ``bytes-functions`` calls them. NULL in,
# NULL out (DuckDB's default null handling); an error is raised where GoogleSQL raises one.


class BytesError(ValueError):
    """A BYTES function's argument error, as GoogleSQL reports it."""


# Every message these functions raise: constant texts, never a value. The engine shows one
# of them as the failing call's reason (``engines.errors.check_message``), as it shows the
# translation's own error('...') checks; any other UDF text stays hidden.
# tests/workbench/translate/test_functions_messages.py keeps the list whole.
MESSAGES = frozenset(
    {
        "numeric overflow",
        "Argument 2 to PERCENTILE_CONT must be between 0 and 1",
        "The percentile argument of PERCENTILE_CONT must not be NULL",
        "division by zero",
        "not a NUMERIC value",
        "LPAD/RPAD: the return length must not be negative",
        "LPAD/RPAD: the pad pattern must not be empty",
        "SUBSTR: the length must not be negative",
        "LEFT: the length must not be negative",
        "RIGHT: the length must not be negative",
        "REPEAT: the repetitions must not be negative",
        "Output of REPEAT exceeds max allowed output size of 1MB",
        "Output of LPAD/RPAD exceeds max allowed output size of 1MB",
        "INSTR: the occurrence must be positive",
        "INSTR: the position must not be 0",
        "LIKE pattern ends with a backslash",
        "CODE_POINTS_TO_BYTES: a value is not in [0, 255]",
        "FROM_BASE32: the text is not valid base32",
        "TRANSLATE: a character appears more than once in the source",
        "FROM_BASE64: the text is not valid base64",
        "CAST FORMAT 'HEX': the text is not valid hexadecimal",
        "CAST FORMAT 'ASCII': the value is not ASCII",
        "Bitwise binary operator for BYTES requires equal length of the inputs",
        "Bitwise shift by negative offset",
        "GENERATE_ARRAY: the step must not be 0",
        "GENERATE_ARRAY of NUMERIC with more than 10,000,000 elements is not supported offline",
    }
)


def _pad(value: bytes, size: int, pattern: bytes, left: bool) -> bytes:
    if size < 0:
        raise BytesError("LPAD/RPAD: the return length must not be negative")
    if not pattern:
        raise BytesError("LPAD/RPAD: the pad pattern must not be empty")
    if size > MAX_OUTPUT_BYTES:
        raise BytesError("Output of LPAD/RPAD exceeds max allowed output size of 1MB")
    if size <= len(value):
        return value[:size]
    fill = (pattern * ((size - len(value)) // len(pattern) + 1))[: size - len(value)]
    return fill + value if left else value + fill


def _trim(value: bytes, chars: bytes, mode: int) -> bytes:
    """mode 0: both ends, 1: leading, 2: trailing (any byte of ``chars``)."""
    if mode == 1:
        return value.lstrip(chars)
    if mode == 2:
        return value.rstrip(chars)
    return value.strip(chars)


def _substr(value: bytes, position: int, length: int | None = None) -> bytes:
    if length is not None and length < 0:
        raise BytesError("SUBSTR: the length must not be negative")
    n = len(value)
    start = position - 1 if position > 0 else (0 if position == 0 else max(n + position, 0))
    return value[start:] if length is None else value[start : start + length]


def _left(value: bytes, length: int) -> bytes:
    if length < 0:
        raise BytesError("LEFT: the length must not be negative")
    return value[:length]


def _right(value: bytes, length: int) -> bytes:
    if length < 0:
        raise BytesError("RIGHT: the length must not be negative")
    # a length past the value's is the whole value (RIGHT(b'\x00a', 3): a negative start
    # would count from the end, b'a')
    return value[max(len(value) - length, 0) :] if length else b""


def _repeat(value: bytes, times: int) -> bytes:
    if times < 0:
        raise BytesError("REPEAT: the repetitions must not be negative")
    if len(value) * times > MAX_OUTPUT_BYTES:
        raise BytesError("Output of REPEAT exceeds max allowed output size of 1MB")
    return value * times


def _instr(value, sub, position: int, occurrence: int) -> int:
    """INSTR as string.cc's StrPosOccurrenceBytes, on bytes (byte positions) or on str (code
    point positions, as StrPosOccurrenceUtf8): the occurrence-th match, searched forward from
    a positive position or backward from a negative one (-1 the last), overlapping; 0 if none."""
    if occurrence < 1:
        raise BytesError("INSTR: the occurrence must be positive")
    if position == 0:
        raise BytesError("INSTR: the position must not be 0")
    if position > 0:
        start = position - 1
        for _ in range(occurrence):
            start = value.find(sub, start) if start <= len(value) else -1
            if start < 0:
                return 0
            start += 1
        return start
    if not sub:
        position += 1
    if len(value) + position < 0:
        return 0
    start = len(value) + position
    for i in range(occurrence):
        if i > 0:
            if start == 0:
                return 0
            start -= 1
        start = value.rfind(sub, 0, start + len(sub))
        if start < 0:
            return 0
    return start + 1


def _replace(value: bytes, old: bytes, new: bytes) -> bytes:
    return value.replace(old, new) if old else value


def _split(value: bytes, delimiter: bytes) -> list[bytes]:
    if not delimiter:
        return [value[i : i + 1] for i in range(len(value))] or [b""]
    return value.split(delimiter)


def _ascii_case(value: bytes, upper: bool) -> bytes:
    """UPPER/LOWER of BYTES change ASCII letters only; bytes above 127 stay as they are."""
    return value.upper() if upper else value.lower()


def _like(value: bytes, pattern: bytes) -> bool:
    """LIKE on BYTES: % any bytes, _ one byte, a backslash escapes the next byte."""
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i : i + 1]
        if c == b"\\":
            if i + 1 == len(pattern):
                raise BytesError("LIKE pattern ends with a backslash")
            out.append(re.escape(pattern[i + 1 : i + 2]))
            i += 2
            continue
        out.append(b".*" if c == b"%" else b"." if c == b"_" else re.escape(c))
        i += 1
    return re.fullmatch(b"".join(out), value, re.DOTALL) is not None


def _code_points_to_bytes(points: list[int | None]) -> bytes | None:
    if any(p is None for p in points):
        return None
    for p in points:
        assert p is not None
        if not 0 <= p <= 255:
            raise BytesError("CODE_POINTS_TO_BYTES: a value is not in [0, 255]")
    return bytes(points)  # type: ignore[arg-type]


def _per_byte_replacement(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    return "\ufffd" * (error.end - error.start), error.end


codecs.register_error("bq_per_byte", _per_byte_replacement)


def _safe_convert(value: bytes) -> str:
    """SAFE_CONVERT_BYTES_TO_STRING: every byte of an ill-formed sequence becomes U+FFFD
    (string.cc's SafeConvertBytes), not one U+FFFD per sequence as Python's 'replace'."""
    return value.decode("utf-8", errors="bq_per_byte")


def _to_base32(value: bytes) -> str:
    return base64.b32encode(value).decode("ascii")


def _from_base32(text: str) -> bytes:
    try:
        return base64.b32decode(text)
    except (binascii.Error, ValueError):
        raise BytesError("FROM_BASE32: the text is not valid base32") from None


def _translate(value, source, target):
    """TRANSLATE (STRING or BYTES): each character of ``source`` becomes the character of
    ``target`` at its place, or is removed when ``target`` is shorter; a character twice in
    ``source`` is an error."""
    items = [source[i : i + 1] for i in range(len(source))]
    if len(set(items)) != len(items):
        raise BytesError("TRANSLATE: a character appears more than once in the source")
    table = {c: target[i : i + 1] for i, c in enumerate(items)}
    return value[:0].join(table.get(value[i : i + 1], value[i : i + 1]) for i in range(len(value)))


def regexp_groups(pattern: str) -> int:
    """The capturing groups of an RE2 pattern: each '(' that is not escaped, not in a
    character class and not '(?' (but '(?P<name>' and '(?<name>' capture)."""
    count, i = 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i += 1
            if pattern.startswith("^", i):
                i += 1
            if pattern.startswith("]", i):
                i += 1  # a leading ] is a member
            while i < len(pattern) and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif ch == "(":
            named = pattern.startswith(("?P<", "?<"), i + 1)
            lookbehind = pattern.startswith(("?<=", "?<!"), i + 1)
            if (not pattern.startswith("?", i + 1) or named) and not lookbehind:
                count += 1
        i += 1
    return count


_SOUNDEX_CODES = "01230120022455012623010202"  # a..z: vowels, h, w and y are 0


def _soundex(value: str) -> str:
    """GoogleSQL's SOUNDEX: the first ASCII letter as written, then the codes of the letters
    after it, a code equal to the one before it dropped (vowels, h and w, which have none,
    do not separate two equal codes), to 4 characters, padded with 0; characters that are
    not ASCII letters are ignored, and none leaves ''."""
    out: list[str] = []
    last = ""
    for ch in value:
        if not ("a" <= ch <= "z" or "A" <= ch <= "Z"):
            continue
        code = _SOUNDEX_CODES[ord(ch.lower()) - 97]
        if not out:
            out.append(ch)
        elif code != "0" and code != last:
            out.append(code)
            if len(out) == 4:
                break
        if code != "0":
            last = code
    return "".join(out).ljust(4, "0") if out else ""


def _contains_substr(value: str, search: str) -> bool:
    """CONTAINS_SUBSTR of STRINGs: a case-insensitive search after NFKC normalization."""
    return _normalize_casefold(search, "NFKC") in _normalize_casefold(value, "NFKC")


def _normalize(value: str, form: str) -> str:
    return unicodedata.normalize(form, value)


def _normalize_casefold(value: str, form: str) -> str:
    """NORMALIZE_AND_CASEFOLD: normalize, then full case folding (ICU's foldCase default)."""
    return unicodedata.normalize(form, value).casefold()


def _join(values: list[bytes | None], delimiter: bytes, null: bytes | None = None) -> bytes:
    """ARRAY_TO_STRING of BYTES: NULL elements are left out, or written as ``null``."""
    parts = [v if v is not None else null for v in values]
    return delimiter.join(p for p in parts if p is not None)


# ASCII white space (absl::ascii_isspace): Base64Unescape skips it anywhere in the text
_BASE64_SPACE = str.maketrans("", "", " \t\n\v\f\r")


def _from_base64(text: str) -> bytes:
    """FROM_BASE64 as absl::Base64Unescape: ASCII white space anywhere is skipped; padding
    may be left out, but if given it must be right (whole groups of four, at most two '=');
    DuckDB's from_base64 requires it and rejects white space."""
    text = text.translate(_BASE64_SPACE)
    data = text.rstrip("=")
    padding = len(text) - len(data)
    if "=" in data or padding > 2 or (padding and len(text) % 4) or len(data) % 4 == 1:
        raise BytesError("FROM_BASE64: the text is not valid base64")
    try:
        return binascii.a2b_base64(data + "=" * (-len(data) % 4), strict_mode=True)
    except (binascii.Error, ValueError):
        raise BytesError("FROM_BASE64: the text is not valid base64") from None


_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")


def _cast_bytes_to_text(value: bytes, form: str) -> str:
    """CAST(BYTES AS STRING FORMAT form): 'HEX' (lower case), 'BASE64' or 'ASCII'
    (format-elements#format_bytes_as_string; a byte above 127 is an error for ASCII)."""
    if form == "HEX":
        return value.hex()
    if form == "BASE64":
        return base64.b64encode(value).decode("ascii")
    if any(b > 127 for b in value):
        raise BytesError("CAST FORMAT 'ASCII': the value is not ASCII")
    return value.decode("ascii")


def _cast_text_to_bytes(text: str, form: str) -> bytes:
    """CAST(STRING AS BYTES FORMAT form): 'HEX' reads hexadecimal digits (an odd count as if
    led by a 0, as FROM_HEX), 'BASE64' as FROM_BASE64, 'ASCII' a text of ASCII only."""
    if form == "HEX":
        if not set(text) <= _HEX_DIGITS:
            raise BytesError("CAST FORMAT 'HEX': the text is not valid hexadecimal")
        return bytes.fromhex(text if len(text) % 2 == 0 else "0" + text)
    if form == "BASE64":
        return _from_base64(text)
    if any(ord(c) > 127 for c in text):
        raise BytesError("CAST FORMAT 'ASCII': the value is not ASCII")
    return text.encode("ascii")


def _bytes_bitwise(left: bytes, right: bytes, op: str) -> bytes:
    """BYTES & | ^ (``op``): byte by byte, of two values of one length (else an error);
    DuckDB's BIT type, sqlglot's translation, has no empty value."""
    if len(left) != len(right):
        raise BytesError("Bitwise binary operator for BYTES requires equal length of the inputs")
    if op == "&":
        return bytes(a & b for a, b in zip(left, right, strict=True))
    if op == "|":
        return bytes(a | b for a, b in zip(left, right, strict=True))
    return bytes(a ^ b for a, b in zip(left, right, strict=True))


def _bytes_shift(value: bytes, count: int, left: bool) -> bytes:
    """BYTES << n / >> n: the bytes as one big-endian bit string of the same length, zeros
    shifted in; a count past the length gives zeros, a negative one is an error."""
    if count < 0:
        raise BytesError("Bitwise shift by negative offset")
    width = 8 * len(value)
    if count >= width:
        return bytes(len(value))
    bits = int.from_bytes(value, "big")
    bits = (bits << count) & ((1 << width) - 1) if left else bits >> count
    return bits.to_bytes(len(value), "big")


# name → (function, DuckDB argument types, DuckDB result type)
BYTES_FUNCTIONS: dict[str, tuple[object, list[str], str]] = {
    "bq_bytes_pad": (_pad, ["BLOB", "BIGINT", "BLOB", "BOOLEAN"], "BLOB"),
    "bq_bytes_trim": (_trim, ["BLOB", "BLOB", "INTEGER"], "BLOB"),
    "bq_bytes_substr": (lambda v, p: _substr(v, p), ["BLOB", "BIGINT"], "BLOB"),
    "bq_bytes_substr_length": (_substr, ["BLOB", "BIGINT", "BIGINT"], "BLOB"),
    "bq_bytes_left": (_left, ["BLOB", "BIGINT"], "BLOB"),
    "bq_bytes_right": (_right, ["BLOB", "BIGINT"], "BLOB"),
    "bq_bytes_repeat": (_repeat, ["BLOB", "BIGINT"], "BLOB"),
    "bq_bytes_reverse": (lambda v: v[::-1], ["BLOB"], "BLOB"),
    "bq_bytes_upper": (lambda v: _ascii_case(v, True), ["BLOB"], "BLOB"),
    "bq_bytes_lower": (lambda v: _ascii_case(v, False), ["BLOB"], "BLOB"),
    "bq_bytes_starts_with": (lambda v, p: v.startswith(p), ["BLOB", "BLOB"], "BOOLEAN"),
    "bq_bytes_ends_with": (lambda v, p: v.endswith(p), ["BLOB", "BLOB"], "BOOLEAN"),
    "bq_bytes_instr": (_instr, ["BLOB", "BLOB", "BIGINT", "BIGINT"], "BIGINT"),
    "bq_string_instr": (_instr, ["VARCHAR", "VARCHAR", "BIGINT", "BIGINT"], "BIGINT"),
    # UPPER/LOWER of STRING with full case mapping (string.cc: ICU's CaseMap, root locale):
    # 'ß' → 'SS', final sigma; DuckDB maps code point by code point
    "bq_string_upper": (str.upper, ["VARCHAR"], "VARCHAR"),
    "bq_string_lower": (str.lower, ["VARCHAR"], "VARCHAR"),
    "bq_bytes_replace": (_replace, ["BLOB", "BLOB", "BLOB"], "BLOB"),
    "bq_bytes_split": (_split, ["BLOB", "BLOB"], "BLOB[]"),
    "bq_bytes_like": (_like, ["BLOB", "BLOB"], "BOOLEAN"),
    "bq_bytes_to_code_points": (lambda v: list(v), ["BLOB"], "BIGINT[]"),
    "bq_code_points_to_bytes": (_code_points_to_bytes, ["BIGINT[]"], "BLOB"),
    "bq_safe_convert_bytes_to_string": (_safe_convert, ["BLOB"], "VARCHAR"),
    "bq_to_base32": (_to_base32, ["BLOB"], "VARCHAR"),
    "bq_bytes_ascii": (lambda v: v[0] if v else 0, ["BLOB"], "BIGINT"),
    "bq_bytes_bit_count": (lambda v: sum(bin(c).count("1") for c in v), ["BLOB"], "BIGINT"),
    "bq_bytes_translate": (_translate, ["BLOB", "BLOB", "BLOB"], "BLOB"),
    "bq_string_translate": (_translate, ["VARCHAR", "VARCHAR", "VARCHAR"], "VARCHAR"),
    "bq_normalize": (_normalize, ["VARCHAR", "VARCHAR"], "VARCHAR"),
    "bq_contains_substr": (_contains_substr, ["VARCHAR", "VARCHAR"], "BOOLEAN"),
    "bq_soundex": (_soundex, ["VARCHAR"], "VARCHAR"),
    "bq_regexp_groups": (regexp_groups, ["VARCHAR"], "BIGINT"),
    "bq_cast_bytes_to_text": (_cast_bytes_to_text, ["BLOB", "VARCHAR"], "VARCHAR"),
    "bq_cast_text_to_bytes": (_cast_text_to_bytes, ["VARCHAR", "VARCHAR"], "BLOB"),
    # regular expressions on BYTES (rules/binary.py bytes_regexps): one character per byte
    "bq_latin1_decode": (lambda v: v.decode("latin-1"), ["BLOB"], "VARCHAR"),
    "bq_latin1_encode": (lambda v: v.encode("latin-1"), ["VARCHAR"], "BLOB"),
    "bq_normalize_casefold": (_normalize_casefold, ["VARCHAR", "VARCHAR"], "VARCHAR"),
    "bq_bytes_join": (lambda a, d: _join(a, d), ["BLOB[]", "BLOB"], "BLOB"),
    "bq_bytes_join_null": (_join, ["BLOB[]", "BLOB", "BLOB"], "BLOB"),
    "bq_from_base32": (_from_base32, ["VARCHAR"], "BLOB"),
    "bq_from_base64": (_from_base64, ["VARCHAR"], "BLOB"),
    "bq_bytes_bitwise": (_bytes_bitwise, ["BLOB", "BLOB", "VARCHAR"], "BLOB"),
    "bq_bytes_not": (lambda v: bytes(255 - c for c in v), ["BLOB"], "BLOB"),
    "bq_bytes_shift": (_bytes_shift, ["BLOB", "BIGINT", "BOOLEAN"], "BLOB"),
}
