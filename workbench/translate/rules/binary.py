"""BYTES are bytes, never escaped text; and the STRING functions DuckDB answers differently.

A BYTES value reaches DuckDB as a BLOB. DuckDB's CAST(BLOB AS VARCHAR) does not decode UTF-8:
it prints the bytes as escaped text (``b'\\xE2\\x82\\xAC'`` becomes the 12 characters
``\\xE2\\x82\\xAC``), and CAST(VARCHAR AS BLOB) reads such escapes back (and rejects any
character above 127). sqlglot translates most string functions on BYTES through exactly
that round trip (TRIM, REVERSE, REPLACE, UPPER, STARTS_WITH ...), or not at all (SUBSTR,
LIKE, STRING_AGG, SPLIT of a BLOB fail to bind). So the fix is by class:

* casts between STRING and BYTES are UTF-8 (``decode``/``encode``): CAST of bytes that are
  not UTF-8 is an error, SAFE_CAST gives NULL, as in BigQuery;
* every string function called on BYTES runs GoogleSQL's byte-wise algorithm, as a runtime
  function (``translate.functions.BYTES_FUNCTIONS``), or, for STRING_AGG, on the hex text
  (hex is a bijection that keeps order and concatenation);
* regular expressions on BYTES run on text with one character per byte (Latin-1, as RE2
  reads BYTES in GoogleSQL), the result encoded back (``bytes_regexps``).

The same module holds the STRING edge cases of issue 15, where DuckDB's function of the same
name answers differently: SPLIT with an empty or NULL delimiter, UNICODE(''), negative
lengths (LEFT/RIGHT/REPEAT/LPAD/RPAD raise), INSTR's position and occurrence, TRIM of Unicode
white space, REVERSE by code point, full case mapping in UPPER/LOWER, NORMALIZE, TRANSLATE
and CONTAINS_SUBSTR; each follows GoogleSQL's zetasql/public/functions/string.cc.
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation, UnsupportedError, UserError, line_of
from workbench.translate.rules._sql import (
    bottom_up,
    case,
    cast,
    element_type,
    fail,
    fn,
    is_type,
    nodes,
    num,
    paren,
)
from workbench.translate.rules.strings import LIKE_TRAILING_BACKSLASH, ends_with_escape

# BigQuery functions on BYTES that sqlglot leaves unrecognised and bytes_functions rewrites.
BYTES_FUNCTION_NAMES = ("SAFE_CONVERT_BYTES_TO_STRING", "CODE_POINTS_TO_BYTES")


def _typed(new: exp.Expression, old: exp.Expression) -> exp.Expression:
    """Keep the BigQuery type annotation on a replacement (later rules read it)."""
    if old.type is not None:
        new.type = old.type.copy()
        if isinstance(new, exp.Paren):
            new.this.type = old.type.copy()
    return new


# the formats of CAST between STRING and BYTES (format-elements#format_string_as_bytes;
# GoogleSQL's reference evaluator takes these, and the compliance text BASE32 too)
_BYTES_FORMATS = ("UTF-8", "UTF8", "HEX", "ASCII")
# the formats a runtime function codes (functions._cast_bytes_to_text / _cast_text_to_bytes)
_CODED_FORMATS = ("HEX", "BASE64", "ASCII")
INVALID_BYTES_FORMAT = "Invalid format: not a format of CAST between STRING and BYTES"


def bytes_casts(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """CAST(BYTES AS STRING) decodes UTF-8 (an error, or NULL for SAFE_CAST, when the bytes
    are not UTF-8); CAST(STRING AS BYTES) encodes it. DuckDB's casts print and read escapes."""

    changed = False
    # innermost first: a replacement copies what it holds (exp.TryCast is a Cast)
    for node in reversed(nodes(tree, exp.Cast)):
        value, to = node.this, node.args.get("to")
        if not (is_type(value, "BYTES") and is_type(to, "STRING")) and not (
            is_type(value, "STRING") and is_type(to, "BYTES")
        ):
            continue
        form = node.args.get("format")
        if (
            isinstance(form, exp.Literal)
            and form.is_string
            and form.name.upper() not in _BYTES_FORMATS
            and not form.name.upper().startswith("BASE")  # a BASE<n> name: left to refusal
        ):
            # no format BigQuery knows: an error where the cast runs (NULL for SAFE_CAST,
            # NULL of NULL), as GoogleSQL's reference evaluator raises "Invalid format"
            safe = isinstance(node, exp.TryCast) or node.args.get("safe")
            null = cast(exp.Null(), "BLOB" if is_type(to, "BYTES") else "VARCHAR")
            bad = null.copy() if safe else fail(INVALID_BYTES_FORMAT)
            new = case(exp.Is(this=paren(value.copy()), expression=exp.Null()), null, bad)
            node.replace(_typed(paren(new), node))
            changed = True
            continue
        safe = isinstance(node, exp.TryCast) or node.args.get("safe")
        if form is not None:
            name = form.name.upper() if isinstance(form, exp.Literal) else ""
            if name in _CODED_FORMATS:
                udf = "bq_cast_bytes_to_text" if is_type(value, "BYTES") else "bq_cast_text_to_bytes"
                coded = fn(udf, value.copy(), exp.Literal.string(name))
                node.replace(_typed(fn("TRY", coded) if safe else coded, node))
                changed = True
                continue
            if name not in ("UTF-8", "UTF8"):
                raise UnsupportedError(
                    "CAST between STRING and BYTES with a FORMAT other than 'UTF-8', 'HEX', "
                    "'BASE64' or 'ASCII'",
                    "the BASE2 and BASE8 formats, and a computed format, are not emulated",
                    line_of(node),
                )
            node.set("format", None)
        if is_type(value, "BYTES"):
            new = fn("decode", value.copy())
            if safe:
                new = fn("TRY", new)
        else:
            new = fn("encode", value.copy())
        node.replace(_typed(new, node))
        changed = True
    return changed


def _trim_mode(node: exp.Trim) -> int:
    position = str(node.args.get("position") or "").upper()
    return {"LEADING": 1, "TRAILING": 2}.get(position, 0)


# BYTES functions of (value, expression) and of the value alone: the runtime function each is.
_WITH_EXPRESSION: dict[type[exp.Expression], str] = {
    exp.Left: "bq_bytes_left",
    exp.Right: "bq_bytes_right",
    exp.StartsWith: "bq_bytes_starts_with",
    exp.EndsWith: "bq_bytes_ends_with",
}
_ALONE: dict[type[exp.Expression], str] = {
    exp.Reverse: "bq_bytes_reverse",
    exp.Upper: "bq_bytes_upper",
    exp.Lower: "bq_bytes_lower",
    exp.ToCodePoints: "bq_bytes_to_code_points",
    exp.Ascii: "bq_bytes_ascii",
    exp.BitwiseCount: "bq_bytes_bit_count",
}


def _code_points_to_bytes(points: exp.Expression) -> exp.Expression:
    """CODE_POINTS_TO_BYTES: a NULL element makes the result NULL (GoogleSQL's reference
    evaluator), which a runtime function may not return under DuckDB's default NULL handling."""
    c = exp.to_identifier("c")
    has_null = fn(
        "list_contains",
        fn(
            "list_transform",
            points.copy(),
            exp.Lambda(this=exp.Is(this=c, expression=exp.Null()), expressions=[c.copy()]),
        ),
        exp.true(),
    )
    return paren(
        case(has_null, cast(exp.Null(), "BLOB"), fn("bq_code_points_to_bytes", points.copy()))
    )


def _other_bytes_argument(node: exp.Expression, this: exp.Expression) -> bool:
    """Whether an argument of ``node`` other than ``this`` is BYTES: a NULL literal then takes
    the BYTES signature, as GoogleSQL's analyzer resolves it."""
    return any(
        isinstance(v, exp.Expression) and v is not this and is_type(v, "BYTES")
        for v in node.args.values()
    )


def _bytes_call(node: exp.Expression) -> exp.Expression | None:
    """The runtime-function call that computes ``node`` on BYTES, or None (not a BYTES call)."""

    this = node.this if isinstance(node.this, exp.Expression) else None
    if isinstance(node, exp.CodePointsToBytes):
        return _code_points_to_bytes(node.this)
    if isinstance(node, exp.Anonymous) and node.name.upper() in BYTES_FUNCTION_NAMES:
        args = [a.copy() for a in node.expressions]
        if node.name.upper() == "CODE_POINTS_TO_BYTES" and len(args) == 1:
            return _code_points_to_bytes(args[0])
        if node.name.upper() == "CODE_POINTS_TO_BYTES":
            return fn("bq_code_points_to_bytes", *args)
        return fn("bq_safe_convert_bytes_to_string", *args)
    if isinstance(node, exp.SafeConvertBytesToString):
        return fn("bq_safe_convert_bytes_to_string", node.this.copy())
    if isinstance(node, exp.ToBase32):
        return fn("bq_to_base32", node.this.copy())
    if isinstance(node, exp.FromBase64):
        return fn("bq_from_base64", node.this.copy())
    if isinstance(node, exp.FromBase32):
        return fn("bq_from_base32", node.this.copy())
    if isinstance(node, exp.ArrayToString) and is_type(element_type(this), "BYTES"):
        null = node.args.get("null")
        delimiter = node.expression.copy()
        if null is None:
            return fn("bq_bytes_join", this.copy(), delimiter)
        return fn("bq_bytes_join_null", this.copy(), delimiter, null.copy())
    if isinstance(node, exp.JSONFormat) and this is not None and _holds_bytes(this.type):
        if not is_type(this, "BYTES"):
            raise UnsupportedError(
                "TO_JSON/TO_JSON_STRING of a STRUCT or ARRAY holding BYTES",
                "BYTES inside it would not be written as base64",
                line_of(node),
            )
        this.replace(fn("to_base64", this.copy()))  # JSON holds BYTES as base64 text
        return None
    if isinstance(this, exp.Null) and _other_bytes_argument(node, this):
        this = this.replace(cast(exp.Null(), "BLOB"))  # TRIM(NULL, b' ') is a NULL of BYTES
        this.type = exp.DataType.build("BINARY")
    if this is None or not is_type(this, "BYTES"):
        return None
    if isinstance(node, exp.Length) and not node.args.get("binary"):
        raise UserError(
            "CHAR_LENGTH/CHARACTER_LENGTH take a STRING, not BYTES (LENGTH or BYTE_LENGTH "
            "count bytes), as in BigQuery",
            line=line_of(node),
        )
    x = this.copy()
    arg = node.args.get
    if isinstance(node, exp.Pad):
        pattern = arg("fill_pattern")
        pattern = pattern.copy() if pattern else exp.ByteString(this=" ", is_bytes=True)
        left = exp.true() if arg("is_left") else exp.false()
        return fn("bq_bytes_pad", x, arg("expression").copy(), pattern, left)
    if isinstance(node, exp.Trim):
        chars = arg("expression")
        if chars is None:
            raise UserError(
                "TRIM/LTRIM/RTRIM of BYTES needs its second argument (the bytes to remove), "
                "as in BigQuery",
                line=line_of(node),
            )
        return fn("bq_bytes_trim", x, chars.copy(), num(_trim_mode(node)))
    if isinstance(node, exp.Substring):
        if arg("length") is None:
            return fn("bq_bytes_substr", x, arg("start").copy())
        return fn("bq_bytes_substr_length", x, arg("start").copy(), arg("length").copy())
    name = _WITH_EXPRESSION.get(type(node))
    if name:
        return fn(name, x, arg("expression").copy())
    name = _ALONE.get(type(node))
    if name:
        return fn(name, x)
    if isinstance(node, exp.Translate):
        return fn("bq_bytes_translate", x, arg("from_").copy(), arg("to").copy())
    if isinstance(node, exp.Repeat):
        return fn("bq_bytes_repeat", x, arg("times").copy())
    if isinstance(node, exp.Replace):
        return fn("bq_bytes_replace", x, arg("expression").copy(), arg("replacement").copy())
    if isinstance(node, exp.StrPosition):
        return _instr("bq_bytes_instr", node, x)
    if isinstance(node, exp.Split):
        delimiter = arg("expression")
        # sqlglot fills in SPLIT's default delimiter, the STRING ',': BYTES have no default
        if delimiter is None or not is_type(delimiter, "BYTES"):
            raise UserError("SPLIT of BYTES needs a delimiter, as in BigQuery", line=line_of(node))
        return fn("bq_bytes_split", x, delimiter.copy())
    if isinstance(node, exp.Like) and not isinstance(node.parent, exp.Escape):
        pattern = arg("expression")
        if isinstance(pattern, exp.ByteString) and ends_with_escape(pattern.name):
            # a literal pattern is rejected when the query is analysed, even over no rows
            raise UserError(LIKE_TRAILING_BACKSLASH, line=line_of(node))
        call = fn("bq_bytes_like", x, pattern.copy())
        return exp.Not(this=call) if arg("negate") else call
    if isinstance(
        node,
        exp.RegexpLike
        | exp.RegexpExtract
        | exp.RegexpReplace
        | exp.RegexpInstr
        | exp.RegexpExtractAll,
    ):
        raise UnsupportedError(
            "a regular expression function on BYTES",
            "DuckDB's regular expressions match text, not bytes",
            line_of(node),
        )
    return None


def _instr(name: str, node: exp.Expression, value: exp.Expression) -> exp.Expression:
    position, occurrence = node.args.get("position"), node.args.get("occurrence")
    return fn(
        name,
        value,
        node.args["substr"].copy(),
        position.copy() if position else num(1),
        occurrence.copy() if occurrence else num(1),
    )


def instr_positions(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """INSTR(s, sub, position, occurrence) of a STRING: a negative position searches backward,
    the occurrence-th match counts (overlapping), position 0 and occurrence < 1 raise;
    DuckDB's strpos has neither argument (sqlglot drops them)."""

    changed = False
    for node in reversed(nodes(tree, exp.StrPosition)):
        if not is_type(node.this, "STRING"):
            continue
        if node.args.get("position") is None and node.args.get("occurrence") is None:
            continue  # STRPOS, INSTR(s, sub): DuckDB's strpos is BigQuery's
        node.replace(_typed(_instr("bq_string_instr", node, node.this.copy()), node))
        changed = True
    return changed


def _holds_bytes(t: exp.DataType | None) -> bool:
    """Whether a type is BYTES or holds BYTES (in a STRUCT field or an ARRAY element)."""
    if t is None:
        return False
    return any(is_type(d, "BYTES") for d in t.find_all(exp.DataType))


def bytes_functions(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """String functions on BYTES work on the bytes (GoogleSQL's byte-wise algorithms), not on
    DuckDB's escaped text of them; the innermost call first, so arguments are already bytes."""

    changed = False
    for node in reversed(nodes(tree, exp.Func, exp.Like)):
        new = _bytes_call(node)
        if new is None:
            continue
        node.replace(_typed(paren(new) if isinstance(new, exp.Not) else new, node))
        changed = True
    return changed | _bytes_string_agg(tree)


def _hex_value(body: exp.Expression) -> exp.Expression | None:
    """The aggregated value inside STRING_AGG's argument (under DISTINCT/ORDER BY/LIMIT)."""
    while isinstance(body, exp.Limit | exp.Order | exp.IgnoreNulls):
        body = body.this
    if isinstance(body, exp.Distinct):
        return body.expressions[0] if len(body.expressions) == 1 else None
    return body


def _bytes_string_agg(tree: exp.Expression) -> bool:
    """STRING_AGG of BYTES (DuckDB's has no BLOB form): aggregate the hex text and turn it
    back into bytes; hex keeps order, distinctness and concatenation."""

    changed = False
    for node in bottom_up(tree, exp.GroupConcat):
        value = _hex_value(node.this)
        if value is None or not is_type(value, "BYTES"):
            continue
        # ORDER BY keys of BYTES as hex too: the same order, and DISTINCT still sees its value
        for key in list(node.find_all(exp.Ordered)):
            if is_type(key.this, "BYTES"):
                key.this.replace(fn("hex", key.this.copy()))
        value = _hex_value(node.this)
        assert value is not None
        value.replace(fn("hex", value.copy()))
        sep = node.args.get("separator")
        node.set("separator", fn("hex", sep.copy()) if sep else exp.Literal.string("2C"))
        # an analytic STRING_AGG: unhex the window's value (unhex is no aggregate)
        whole = node.parent if isinstance(node.parent, exp.Window) else node
        whole.replace(_typed(fn("unhex", whole.copy()), node))
        changed = True
    return changed


def _checked(node: exp.Expression, bad: exp.Expression, message: str) -> None:
    node.replace(_typed(paren(case(bad, fail(message), node.copy())), node))


def negative_lengths(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """LEFT/RIGHT with a negative length, REPEAT with a negative count, LPAD/RPAD with a
    negative length or an empty pattern raise in BigQuery; DuckDB returns a value."""

    changed = False
    for node in reversed(nodes(tree, exp.Left, exp.Right, exp.Repeat, exp.Pad)):
        if not is_type(node.this, "STRING"):
            continue
        if isinstance(node, exp.Repeat):
            times = node.args["times"]
            _checked(
                node,
                exp.LT(this=times.copy(), expression=num(0)),
                "REPEAT: the repetitions must not be negative",
            )
        elif isinstance(node, exp.Pad):
            length = node.expression
            pattern = node.args.get("fill_pattern")
            bad: exp.Expression = exp.LT(this=length.copy(), expression=num(0))
            if pattern is not None:
                bad = exp.Or(
                    this=bad,
                    expression=exp.EQ(this=pattern.copy(), expression=exp.Literal.string("")),
                )
            # DuckDB's lpad/rpad take an INTEGER length: a BIGINT one does not bind
            node.set("expression", cast(length.copy(), "INTEGER"))
            _checked(node, bad, "LPAD/RPAD: negative length or empty pattern")
        else:
            name = "LEFT" if isinstance(node, exp.Left) else "RIGHT"
            # a length past the string is the whole string; DuckDB's left() overflowed on a
            # length near 2^63 (LEFT('abc', 9223372036854775807) is 'abc' in GoogleSQL)
            length = node.expression
            node.set("expression", fn("least", length.copy(), fn("length", node.this.copy())))
            _checked(
                node,
                exp.LT(this=node.expression.copy(), expression=num(0)),
                f"{name}: the length must not be negative",
            )
        changed = True
    return changed


def split_empty_delimiter(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """SPLIT(s, '') is the characters of s, and [''] for an empty s (string.cc's SplitUtf8);
    DuckDB's str_split('', '') is []. SPLIT(s, NULL) is NULL (DuckDB: [s])."""

    changed = False
    for node in reversed(nodes(tree, exp.Split)):
        delimiter = node.expression
        if delimiter is None or not is_type(node.this, "STRING"):
            continue
        if isinstance(delimiter, exp.Literal) and delimiter.is_string and delimiter.name:
            continue  # a non-empty delimiter: DuckDB's split is BigQuery's
        empty = exp.Array(expressions=[exp.Literal.string("")])
        both_empty = exp.And(
            this=exp.EQ(this=node.this.copy(), expression=exp.Literal.string("")),
            expression=exp.EQ(this=delimiter.copy(), expression=exp.Literal.string("")),
        )
        split = case(both_empty, empty, node.copy())
        # str_split(s, NULL) is [s] in DuckDB; a NULL delimiter gives NULL in BigQuery
        null = exp.Is(this=delimiter.copy(), expression=exp.Null())
        node.replace(_typed(paren(case(null, exp.Null(), split)), node))
        changed = True
    return changed


def unicode_empty(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """UNICODE('') is 0 in BigQuery (DuckDB: -1)."""

    changed = False
    for node in reversed(nodes(tree, exp.Unicode)):
        s = node.this
        empty = exp.EQ(this=s.copy(), expression=exp.Literal.string(""))
        node.replace(_typed(paren(case(empty, num(0), node.copy())), node))
        changed = True
    return changed


def ascii_first_character(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """ASCII(s) of a STRING whose first character is not ASCII is an error in GoogleSQL's
    reference evaluator ("not a structurally valid ASCII string"); DuckDB returns the code
    point (233 for 'é'). Only the first character counts: ASCII('aé') is 97."""

    changed = False
    for node in reversed(nodes(tree, exp.Ascii)):
        s = node.this
        if not is_type(s, "STRING"):
            continue  # BYTES: bytes-functions (bq_bytes_ascii)
        wide = exp.GT(this=fn("unicode", s.copy()), expression=num(127))
        bad = fail("ASCII: the first character is not ASCII")
        node.replace(_typed(paren(case(wide, bad, node.copy())), node))
        changed = True
    return changed


# The Unicode White_Space property (ICU's UCHAR_WHITE_SPACE, which string.cc's TRIM uses).
WHITE_SPACE = "".join(
    chr(c)
    for c in (
        *range(0x09, 0x0E),
        0x20,
        0x85,
        0xA0,
        0x1680,
        *range(0x2000, 0x200B),
        0x2028,
        0x2029,
        0x202F,
        0x205F,
        0x3000,
    )
)


def trim_whitespace(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """TRIM/LTRIM/RTRIM of a STRING with no characters given remove Unicode white space
    (tabs and line breaks too); DuckDB's remove only spaces."""

    changed = False
    for node in nodes(tree, exp.Trim):
        if node.args.get("expression") is None and is_type(node.this, "STRING"):
            node.set("expression", exp.Literal.string(WHITE_SPACE))
            changed = True
    return changed


def reverse_code_points(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """REVERSE of a STRING reverses code points (string.cc's ReverseUtf8); DuckDB's reverse
    keeps grapheme clusters together ('a' + U+0303 stays in order)."""

    changed = False
    for node in reversed(nodes(tree, exp.Reverse)):
        if not is_type(node.this, "STRING"):
            continue
        chars = fn("str_split", node.this.copy(), exp.Literal.string(""))
        new = fn("array_to_string", fn("list_reverse", chars), exp.Literal.string(""))
        node.replace(_typed(new, node))
        changed = True
    return changed


def full_case_mapping(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """UPPER/LOWER of a STRING map case fully (ICU's CaseMap in string.cc: UPPER('ß') is 'SS',
    a final sigma lowers to 'ς'); DuckDB's map one code point to one. ASCII text (as many
    bytes as characters) keeps DuckDB's function; only other text goes to Python's mapping."""

    changed = False
    for node in reversed(nodes(tree, exp.Upper, exp.Lower)):
        if not is_type(node.this, "STRING"):
            continue
        name = "bq_string_upper" if isinstance(node, exp.Upper) else "bq_string_lower"
        ascii_only = exp.EQ(
            this=fn("strlen", node.this.copy()), expression=fn("length", node.this.copy())
        )
        new = paren(case(ascii_only, node.copy(), fn(name, node.this.copy())))
        node.replace(_typed(new, node))
        changed = True
    return changed


NORMAL_FORMS = ("NFC", "NFKC", "NFD", "NFKD")


def text_functions(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """NORMALIZE / NORMALIZE_AND_CASEFOLD (DuckDB has only nfc_normalize), TRANSLATE of a
    STRING (DuckDB's accepts a character twice in the source, BigQuery raises) and
    CONTAINS_SUBSTR of a STRING (NFKC and case folding, not LOWER) and SOUNDEX (DuckDB has
    none) as runtime functions; CONTAINS_SUBSTR over STRUCT/ARRAY/JSON is refused."""

    changed = False
    kinds = (exp.Normalize, exp.Translate, exp.Soundex, exp.Contains)
    for node in reversed(nodes(tree, *kinds)):
        if isinstance(node, exp.Contains):
            if node.args.get("json_scope") is not None or not is_type(node.this, "STRING"):
                if not is_type(node.this, "STRUCT", "ARRAY", "JSON") and not node.args.get(
                    "json_scope"
                ):
                    continue
                raise UnsupportedError(
                    "CONTAINS_SUBSTR of a STRUCT, ARRAY or JSON value",
                    "BigQuery searches each field or element; DuckDB would search its text "
                    "form (field names included)",
                    line_of(node),
                )
            search = node.expression.copy()
            node.replace(_typed(fn("bq_contains_substr", node.this.copy(), search), node))
            changed = True
            continue
        if isinstance(node, exp.Soundex):
            node.replace(_typed(fn("bq_soundex", node.this.copy()), node))
            changed = True
            continue
        if isinstance(node, exp.Translate):
            if not is_type(node.this, "STRING"):
                continue
            args = (node.this.copy(), node.args["from_"].copy(), node.args["to"].copy())
            new = fn("bq_string_translate", *args)
        else:
            form = node.args.get("form")
            name = form.name.upper() if isinstance(form, exp.Expression) else "NFC"
            if name not in NORMAL_FORMS:
                raise UserError(
                    f"NORMALIZE mode must be one of {', '.join(NORMAL_FORMS)}", line=line_of(node)
                )
            udf = "bq_normalize_casefold" if node.args.get("is_casefold") else "bq_normalize"
            new = fn(udf, node.this.copy(), exp.Literal.string(name))
        node.replace(_typed(new, node))
        changed = True
    return changed


def normalize_modes(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """NORMALIZE_AND_CASEFOLD(s, NFKC): sqlglot reads the mode as a column, which BigQuery's
    name resolution would then look for; it is a keyword."""

    changed = False
    for node in nodes(tree, exp.Normalize):
        form = node.args.get("form")
        if isinstance(form, exp.Column) and not form.table and form.name.upper() in NORMAL_FORMS:
            node.set("form", exp.var(form.name.upper()))
            changed = True
    return changed


LATIN1_DECODE = "bq_latin1_decode"
LATIN1_ENCODE = "bq_latin1_encode"
_REGEXP_KINDS = (
    exp.RegexpLike,
    exp.RegexpExtract,
    exp.RegexpReplace,
    exp.RegexpInstr,
    exp.RegexpExtractAll,
)


def _as_latin1_text(value: exp.Expression) -> exp.Expression:
    """A BYTES argument as text with one character per byte (U+0000..U+00FF)."""
    if isinstance(value, exp.ByteString):  # its text already holds one character per byte
        text: exp.Expression = exp.Literal.string(value.name)
    elif isinstance(value, exp.Null):
        return value.copy()
    else:
        text = fn(LATIN1_DECODE, value.copy())
    text.type = exp.DataType.build("VARCHAR")
    return text


def bytes_regexps(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Regular expressions on BYTES match bytes: GoogleSQL compiles the pattern with RE2's
    Latin-1 encoding, where each byte is one character (U+0000..U+00FF). DuckDB's RE2 reads
    UTF-8 text, so the value, the pattern and the replacement become text with one character
    per byte (Latin-1 decoding), the STRING function runs (and every rule for it: groups,
    positions, the end of REGEXP_EXTRACT_ALL), and what it returns is encoded back to bytes.
    A position counts characters, here bytes, as BigQuery's does for BYTES."""
    changed = False
    for node in reversed(nodes(tree, *_REGEXP_KINDS)):
        values = (node.this, node.args.get("expression"), node.args.get("replacement"))
        if not any(is_type(v, "BYTES") or isinstance(v, exp.ByteString) for v in values):
            continue
        new = node.copy()
        new.set("this", _as_latin1_text(node.this))
        for name in ("expression", "replacement"):
            value = node.args.get(name)
            if value is not None:
                new.set(name, _as_latin1_text(value))
        if isinstance(node, exp.RegexpLike | exp.RegexpInstr):
            new.type = node.type
            result: exp.Expression = new
        elif isinstance(node, exp.RegexpExtractAll):
            new.type = exp.DataType.build("ARRAY<VARCHAR>")
            element = exp.to_identifier("_bq_match")
            result = fn(
                "list_transform",
                new,
                exp.Lambda(this=fn(LATIN1_ENCODE, exp.column(element)), expressions=[element]),
            )
        else:
            new.type = exp.DataType.build("VARCHAR")
            result = fn(LATIN1_ENCODE, new)
        node.replace(_typed(result, node))
        changed = True
    return changed
