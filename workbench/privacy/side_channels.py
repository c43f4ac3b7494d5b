"""Side channels: a query whose run fails or not depending on the data.

The weekly job's success is an output too: a query that fails exactly when some report
matches a condition tells one bit about that report, with every output group large.
``ERROR()`` is the explicit form. Division is the implicit one: GoogleSQL's ``/``, ``DIV``
and ``MOD`` raise a division-by-zero error where ``SAFE_DIVIDE`` returns NULL
(https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#safe_divide),
so ``1 / (environment_count - 568)`` fails exactly when one site has 568 environments.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlglot import exp

from workbench.privacy.facts import Finding, short
from workbench.privacy.resolve import fields, unparen
from workbench.translate import line_of
from workbench.translate.rules._sql import func_name

if TYPE_CHECKING:
    from workbench.privacy.resolve import Resolver

DIVISIONS = (exp.Div, exp.IntDiv, exp.Mod)


def side_channels(resolver: Resolver) -> list[Finding]:
    """ERROR() anywhere; divisions, CASTs of text, PARSE_* and array subscripts computed
    from private attributes."""
    tree = resolver.tree
    found = [
        Finding(
            line_of(node) or 1,
            "side-channel",
            "ERROR() makes the query fail depending on the data, which tells whether some "
            "report matches a condition: filter or count instead",
        )
        for node in tree.find_all(exp.Func)
        if func_name(node) == "ERROR"
    ]
    source = resolver.source
    known = {p.lower() for p in (*source.public_dimensions, *source.per_report)}
    known |= resolver.identifiers
    for node in tree.find_all(*DIVISIONS):
        divisor = unparen(node.expression)
        if _nonzero_literal(divisor) or not _reads_private(divisor, resolver, known):
            continue
        found.append(
            Finding(
                line_of(node) or 1,
                "side-channel",
                f"{short(node)} divides by a value computed from the reports' private "
                "attributes, so the query fails (division by zero) exactly when some report "
                "makes it zero: use SAFE_DIVIDE (or SAFE.DIV / SAFE.MOD), which return NULL",
            )
        )
    found.extend(_failing_conversions(resolver, known))
    return found


def _failing_conversions(resolver: Resolver, known: set[str]) -> list[Finding]:
    """A CAST of a string, a PARSE_DATE / PARSE_TIMESTAMP, or an array subscript (OFFSET,
    ORDINAL) computed from private attributes fails on some values ("Bad int64 value",
    "Array index out of bounds"): ``CAST(IF(environment_count = 568, 'x', '1') AS INT64)``
    fails exactly when one site has 568 environments. The SAFE forms return NULL."""
    types = {path.lower(): f.sql_type().upper() for path, f in resolver.source.schema.walk()}
    found = []
    for node in resolver.tree.walk():
        hint = None
        if type(node) is exp.Cast and not node.to.is_type(*exp.DataType.TEXT_TYPES):
            operand = node.this
            if _reads_private(operand, resolver, known) and _string_valued(
                operand, resolver, known, types
            ):
                hint = "SAFE_CAST"
        elif isinstance(node, exp.StrToDate | exp.StrToTime) and not isinstance(
            node.parent, exp.SafeFunc
        ):
            if _reads_private(node.this, resolver, known):
                hint = "SAFE.PARSE_DATE / SAFE.PARSE_TIMESTAMP"
        elif (
            isinstance(node, exp.Bracket)
            and not node.args.get("safe")
            and not _struct_field(node)
            and _reads_private(node, resolver, known)
        ):
            hint = "SAFE_OFFSET / SAFE_ORDINAL"
        if hint:
            found.append(
                Finding(
                    line_of(node) or 1,
                    "side-channel",
                    f"{short(node)} fails on some values computed from the reports' private "
                    "attributes, so whether the query runs tells whether some report has "
                    f"them: use {hint} (NULL instead)",
                )
            )
    return found


def _string_valued(
    node: exp.Expression, resolver: Resolver, known: set[str], types: dict[str, str]
) -> bool:
    """Whether a CAST operand may be text: a string literal, or a private text field."""
    if any(isinstance(n, exp.Literal) and n.is_string for n in node.walk()):
        return True
    for column in node.walk():
        if not isinstance(column, exp.Column | exp.Dot) or isinstance(column.parent, exp.Dot):
            continue
        for path, _ in fields(resolver.expand(column, resolver.scope_of(column))):
            if path.startswith("?") or (
                path.lower() not in known and types.get(path.lower()) in ("STRING", "BYTES")
            ):
                return True
    return False


def _struct_field(node: exp.Bracket) -> bool:
    """``s['name']``: a field by name (JSON or STRUCT), which no array bound makes fail; or
    the first element of a SPLIT, which always has one (an empty string splits into [''])."""
    if all(isinstance(e, exp.Literal) and e.is_string for e in node.expressions):
        return True
    index = node.expressions[0] if len(node.expressions) == 1 else None
    first = isinstance(index, exp.Literal) and str(index.this) == str(node.args.get("offset") or 0)
    return first and isinstance(unparen(node.this), exp.Split)


def _nonzero_literal(node: exp.Expression) -> bool:
    if isinstance(node, exp.Neg):
        node = unparen(node.this)
    if not isinstance(node, exp.Literal) or node.is_string:
        return False
    try:
        return float(node.this) != 0
    except ValueError:
        return False


def _reads_private(node: exp.Expression, resolver: Resolver, known: set[str]) -> bool:
    """Whether any column of ``node`` (its subqueries' filters too) comes from a field that
    is neither public, a report time, nor an identifier (whose uses the opacity rules keep
    to counts), or from a field the resolver cannot follow."""
    for column in node.walk():
        if not isinstance(column, exp.Column | exp.Dot) or isinstance(column.parent, exp.Dot):
            continue  # the whole path (m.slug, a Dot over column m) is expanded, not its parts
        if isinstance(column.this, exp.Star):
            continue
        expanded = resolver.expand(column, resolver.scope_of(column))
        for path, _ in fields(expanded):
            if path.startswith("?") or path.lower() not in known:
                return True
    return False
