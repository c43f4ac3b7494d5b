"""DuckDB's errors as messages that never carry data, by construction.

DuckDB quotes the offending value in most run-time errors ("Could not convert string
"10.1.2.3" to ...", "Malformed JSON ... Input: ..."), with single or double quotes, and
that value is a row of the dataset: an identifier must never reach a message. So a
run-time error is never echoed. Its message is chosen by DuckDB's error class, except for
the translation's own run-time checks (``error('division by zero')`` and the like, whose
text the translated query itself holds). Errors about the query's shape (binding, catalog,
parsing) name only the query's own words; any quoted text the query does not contain is
hidden all the same.

A run-time error on the data is located by ``engines.locate`` (which call, by probes); its
message is built here from what the probes found (the call's name as written, its family,
DuckDB's error class, the translation's own check message), never from DuckDB's text.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlglot import exp

# DuckDB error class → what the user is told (the value is never shown).
RUNTIME: dict[str, str] = {
    "ConversionException": "a value of the data could not be converted (a CAST or PARSE_* "
    "failed; use SAFE_CAST or SAFE. to get NULL instead); the value is not shown",
    "InvalidInputException": "a function failed on a value of the data (malformed input); "
    "the value is not shown",
    "OutOfRangeException": "a value is out of range (an overflow); the value is not shown",
    "OutOfMemoryException": "the query needs more memory than the local engine's limit "
    "(WORKBENCH_DUCKDB_MEMORY_LIMIT)",
    "PermissionException": "the query tried to open a file: offline, a query reads only the "
    "loaded dataset",
    "InterruptException": "the query was interrupted",
}
# DuckDB errors whose whole text is one constant sentence (no value in it) for a condition
# BigQuery raises with its own words: looked up whole, the first line as DuckDB writes it.
ENGINE_CONSTANTS: dict[str, str] = {
    # expression_subqueries: "If the subquery returns more than one row, the query fails"
    "More than one row returned by a subquery used as an expression - scalar subqueries can "
    "only return a single row.": "Scalar subquery produced more than one element",
}
# The classes of a failure on a value of the data (DuckDB's own, or a check's error()).
DATA_ERRORS = frozenset({"ConversionException", "InvalidInputException", "OutOfRangeException"})
SAFE_INSTEAD = "returns NULL instead"
NOT_SHOWN = "(values from the dataset are not shown)"
# What a call of each family fails on; by the error class where it tells more.
KINDS: dict[str, str] = {
    "division": "division by zero",
    "arithmetic": "the result is out of range (an overflow)",
    "subscript": "the array index is out of bounds",
    "parse-time": "the text does not match the format",
    "parse-json": "the text is not valid JSON",
    "json": "a JSON argument or JSON path is not valid",
    "regexp": "the regular expression is not valid",
    "base64": "the text is not valid base64",
    "base32": "the text is not valid base32",
    "hex": "the text is not valid hexadecimal",
    "timestamp-from": "the result is out of the range of its type",
    "code-points": "a code point is not valid",
}
# Families whose failure above is the translation's own check (error('...')), nothing else.
CHECKED = ("division", "subscript", "shift")
BY_CLASS: dict[str, str] = {
    "ConversionException": "a value cannot be converted (not valid, or out of range)",
    "InvalidInputException": "a value is not valid input",
    "OutOfRangeException": "a value is out of range (an overflow)",
}
# Errors about the query itself, not its data: their text is shown, quoted words redacted.
QUERY_SHAPED = ("BinderException", "CatalogException", "ParserException", "SyntaxException")
_PREFIX = re.compile(r"^[A-Za-z ]+ Error: ")
# A Python function's exception as DuckDB reports it: its class, then its message
_UDF = re.compile(r"^Python exception occurred while executing the UDF: [A-Za-z]+: (.*)$")


def checks_in(tree: exp.Expression | None) -> Counter[str]:
    """The messages of the run-time checks a translated query holds (``error('...')``), each
    with the number of checks that raise it: the query's own text, never data."""
    found: Counter[str] = Counter()
    if tree is None:
        return found
    from sqlglot import exp

    from workbench.translate.window_checks import WINDOW_ERROR

    for call in tree.find_all(exp.Anonymous):
        if call.name.lower() in ("error", WINDOW_ERROR) and call.expressions:
            arg = call.expressions[0]
            if isinstance(arg, exp.Literal) and arg.is_string:
                found[arg.this] += 1
    return found


def checks_of(tree: exp.Expression | None) -> set[str]:
    """The messages of the run-time checks a translated query holds (``error('...')``)."""
    return set(checks_in(tree))


def engine_constant(exc: BaseException) -> str | None:
    """BigQuery's words for a DuckDB error that is one of ``ENGINE_CONSTANTS``, else None."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return ENGINE_CONSTANTS.get(_PREFIX.sub("", text))


def check_message(exc: BaseException, checks: set[str] | Counter[str]) -> str | None:
    """The error's message if it is one of the translated query's checks, or one of the
    constant messages of BigQuery's runtime functions (``translate.functions.MESSAGES``);
    else None: DuckDB's own text, which may quote a value."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    body = _PREFIX.sub("", text)
    if body in checks:
        return body
    udf = _UDF.match(body)
    if udf is not None:
        from workbench.translate.functions import MESSAGES

        return udf.group(1) if udf.group(1) in MESSAGES or udf.group(1) in checks else None
    return None


def describe(
    exc: BaseException, sql: str = "", checks: set[str] | frozenset[str] = frozenset()
) -> str:
    """One line for a DuckDB error of a query with BigQuery text ``sql``; never a data value."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    body = check_message(exc, checks) or engine_constant(exc)
    if body is not None:
        return body
    kind = type(exc).__name__
    if kind in QUERY_SHAPED:
        return redact_values(text, sql)
    return RUNTIME.get(kind, f"the query failed on the local engine ({kind}); details not shown")


def redact_values(message: str, sql: str) -> str:
    """Quoted text (single or double quotes) the query itself does not contain is hidden."""

    def hide(m: re.Match[str]) -> str:
        return m.group(0) if m.group(2) in sql else f"{m.group(1)}<value>{m.group(1)}"

    return re.sub(r"""(['"])(.*?)\1""", hide, message)


# The translation's checks of a value that a CAST around it may be blamed for (the probes
# make calls SAFE, and an aggregate is none): their own message is the failure's kind
CHECKS_INSIDE_CASTS = ("Interval field ",)


def failed_call(
    name: str, family: str, error_class: str, check: str | None, target: str = ""
) -> tuple[str, str | None]:
    """(message, hint) for call ``name`` (as written) of ``family`` that failed on the data.

    Built from what the probes established, never from DuckDB's text: the kind of failure
    by the call's family (a CAST to ``target``, a division, a PARSE_ function, ...), else the
    translation's own check message, else DuckDB's error class.
    """
    if family == "error":
        if check is not None:  # the query's own literal message
            return f"{name} raised: {check}", None
        return f"{name} raised an error with a message computed from the data (not shown)", None
    if family == "cast" and check is not None and check.startswith(CHECKS_INSIDE_CASTS):
        # a check of a value the CAST reads (a SUM of INTERVALs past the range): SAFE_CAST
        # would not return NULL for it
        return f"{check} {NOT_SHOWN}", None
    if family == "cast":
        kind = f"the value cannot be converted to {target}" if target else BY_CLASS[error_class]
    elif family == "constructor":
        # a zone argument's check says which argument; the others, the call's own kind
        from workbench.translate.rules.zones import INVALID_ZONE

        generic = f"the arguments do not make a valid {name.upper()}"
        kind = check if check == INVALID_ZONE else generic
    elif family == "negation" or (
        family in ("division", "arithmetic") and error_class == "OutOfRangeException"
    ):  # a negation fails only by overflow (-(INT64 min): DuckDB's conversion error)
        kind = KINDS["arithmetic"]
    elif family in ("division", "arithmetic") and check is not None:
        kind = check  # the translation's own check: division by zero, floating point overflow
    elif family in CHECKED and check is None:  # not the translation's check: DuckDB's own
        kind = BY_CLASS[error_class]
    elif family in KINDS and (check is None or family in CHECKED):
        kind = KINDS[family]
    elif check is not None:  # an argument check of the call (REGEXP_INSTR's position)
        # the translation's checks name their function first ("SQRT: argument out of range")
        head, colon, rest = check.partition(": ")
        named = head.isupper() and head.replace("_", "").replace("/", "").isalnum()
        kind = rest if colon and named else check
    else:
        kind = BY_CLASS[error_class]
    return f"{name} failed: {kind} {NOT_SHOWN}", _safe_form(name, family)


def _safe_form(name: str, family: str) -> str | None:
    """The hint: the SAFE form of the call, which returns NULL where it fails."""
    upper = name.upper()
    if family == "cast":
        return f"SAFE_CAST {SAFE_INSTEAD}"
    if family == "subscript":
        return f"{'SAFE_ORDINAL' if upper == 'ORDINAL' else 'SAFE_OFFSET'} {SAFE_INSTEAD}"
    if family == "negation":
        return f"SAFE_NEGATE {SAFE_INSTEAD}"
    if family == "shift":
        return None
    operators = {
        "/": "SAFE_DIVIDE",
        "+": "SAFE_ADD",
        "-": "SAFE_SUBTRACT",
        "*": "SAFE_MULTIPLY",
        "%": "SAFE.MOD",
    }
    if upper in operators:
        return f"{operators[upper]} {SAFE_INSTEAD}"
    return f"SAFE.{upper} {SAFE_INSTEAD}"
