"""DuckDB's errors as messages that never carry data, by construction.

DuckDB quotes the offending value in most run-time errors ("Could not convert string
"10.1.2.3" to ...", "Malformed JSON ... Input: ..."), with single or double quotes, and
that value is a row of the dataset: an identifier must never reach a message. So a
run-time error is never echoed. Its message is chosen by DuckDB's error class, except for
the translation's own run-time checks (``error('division by zero')`` and the like, whose
text the translated query itself holds). Errors about the query's shape (binding, catalog,
parsing) name only the query's own words; any quoted text the query does not contain is
hidden all the same.
"""

from __future__ import annotations

import re
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
# Errors about the query itself, not its data: their text is shown, quoted words redacted.
QUERY_SHAPED = ("BinderException", "CatalogException", "ParserException", "SyntaxException")
_PREFIX = re.compile(r"^[A-Za-z ]+ Error: ")


def checks_of(tree: exp.Expression | None) -> set[str]:
    """The messages of the run-time checks a translated query holds (``error('...')``)."""
    if tree is None:
        return set()
    from sqlglot import exp

    found = set()
    for call in tree.find_all(exp.Anonymous):
        if call.name.lower() == "error" and call.expressions:
            arg = call.expressions[0]
            if isinstance(arg, exp.Literal) and arg.is_string:
                found.add(arg.this)
    return found


def describe(exc: Exception, sql: str = "", checks: set[str] | frozenset[str] = frozenset()) -> str:
    """One line for a DuckDB error of a query with BigQuery text ``sql``; never a data value."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    body = _PREFIX.sub("", text)
    if body in checks:
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
