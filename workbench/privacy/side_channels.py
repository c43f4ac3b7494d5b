"""Side channels: a query whose run fails or not depending on the data.

The weekly job's success is an output too: a query that fails exactly when some report
matches a condition tells one bit about that report, with every output group large.
``ERROR()`` is the explicit form. Division is the implicit one: GoogleSQL's ``/``, ``DIV``
and ``MOD`` raise a division-by-zero error where ``SAFE_DIVIDE`` returns NULL
(https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#safe_divide),
so ``1 / (environment_count - 568)`` fails exactly when one site has 568 environments, and
``1 / COUNT(*)`` under ``WHERE environment_count = 568`` exactly when none has. Every other call
that can raise on an argument read from the reports (a public catalogue's value too) is one (``raising``: deny by default, the SAFE. form
returns NULL), and so are INT64 overflow and a scalar subquery of more than one row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlglot import exp

from workbench.privacy.divisors import ZeroCounts, never_zero, nonzero_literal
from workbench.privacy.facts import Finding, short
from workbench.privacy.private_reads import reads_private
from workbench.privacy.raising import is_call, overflows, raising_args
from workbench.privacy.resolve import fields, unparen, written_name
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
    # Public values are data too: which catalogue entries appear (a module release, an
    # operating system) and together with what is the reports' fact, not the catalogue's
    # (``REGEXP_CONTAINS(x, IF(version = '0.8.0' AND m.slug = 'acme-billing', '(', x))``
    # fails exactly when a site on that release runs the module; so does a divisor counting
    # the installs of one release on one operating system). Only report times (windows of
    # the period) and identifiers (kept to counts by the opacity rules) are set aside.
    source = resolver.source
    known = {p.lower() for p in source.per_report} | resolver.identifiers
    # a public condition choosing whether a constant call runs (``version = 'x' AND timestamp
    # >= TIMESTAMP_SUB(...)``) is judged by the guarded-error rule, which the call must fail
    public = known | {p.lower() for p in source.public_dimensions}
    for node in tree.find_all(*DIVISIONS):
        divisor = unparen(node.expression)
        if nonzero_literal(divisor) or never_zero(divisor):
            continue
        if reads_private(divisor, resolver, known, public):
            why = "a value computed from the reports (a public catalogue's value counts too)"
        elif (why := ZeroCounts(resolver, known).reason(divisor)) is None:
            continue
        found.append(
            Finding(
                line_of(node) or 1,
                "side-channel",
                f"{short(node)} divides by {why}, so the query fails (division by zero) "
                "exactly when the data makes it zero: use SAFE_DIVIDE (or SAFE.DIV / "
                "SAFE.MOD), which return NULL",
            )
        )
    found.extend(_failing_conversions(resolver, known, public))
    found.extend(_raising_calls(resolver, known, public))
    return found


def _raising_calls(resolver: Resolver, known: set[str], public: set[str]) -> list[Finding]:
    """Calls that can raise on a private argument (deny by default: ``raising``), INT64
    arithmetic that can overflow, and scalar subqueries that may return several rows."""
    found = []
    for node in resolver.tree.walk():
        if isinstance(node.parent, exp.SafeFunc):
            continue
        message = None
        if is_call(node) and not isinstance(node, exp.StrToDate | exp.StrToTime):
            name = written_name(node)
            if any(reads_private(a, resolver, known, public) for a in raising_args(node, name)):
                message = (
                    f"{short(node)} can raise an error on some values of its arguments "
                    f"(read from the reports), so whether the query runs tells whether some report "
                    f"has them: "
                    f"use SAFE.{name} (NULL instead)"
                )
        elif isinstance(node, exp.Like | exp.ILike | exp.BitwiseLeftShift | exp.BitwiseRightShift):
            if reads_private(node.expression, resolver, known, public):
                message = (
                    f"{short(node)} raises on some values of its private right operand (a bad "
                    "LIKE pattern, a negative shift): compare or shift by a constant"
                )
        elif isinstance(node, exp.Add | exp.Sub | exp.Mul | exp.Neg | exp.Sum | exp.Cast):
            if reads_private(node, resolver, known, public) and overflows(
                resolver.expand(node, resolver.scope_of(node))
            ):
                message = (
                    f"{short(node)} can pass INT64's range (an overflow error) for some private "
                    "values, so whether the query runs tells whether some report has them: "
                    "use SAFE_ADD / SAFE_MULTIPLY / SAFE_CAST, or smaller constants"
                )
        elif isinstance(node, exp.Subquery) and _several_rows(node, resolver):
            message = (
                f"{short(node)} is a scalar subquery that may return more than one row, an "
                "error that depends on the data: aggregate it (one row) or add LIMIT 1"
            )
        if message:
            found.append(Finding(line_of(node) or 1, "side-channel", message))
    return found


def _several_rows(node: exp.Subquery, resolver: Resolver) -> bool:
    """A subquery used as a scalar value whose rows the data decides (not one aggregate row,
    not LIMIT 1, not rows of literals only)."""
    if isinstance(node.parent, exp.From | exp.Join | exp.In | exp.Exists | exp.Array | exp.Unnest):
        return False
    if isinstance(node.parent, exp.Any | exp.All) or node.args.get("alias") is not None:
        return False
    select = node.this
    if not isinstance(select, exp.Select):
        return True  # a set operation: as many rows as its branches
    limit = select.args.get("limit")
    if limit is not None and _int_literal(limit.expression) in (0, 1):
        return False
    if select.args.get("from_") is None and not select.args.get("joins"):
        return False  # SELECT <expressions>: one row
    grouped = select.args.get("group") is not None
    one_row = any(p.find(exp.AggFunc) for p in select.expressions) and not grouped
    return not one_row and resolver.by_node.get(id(select)) is not None


def _int_literal(node: exp.Expression | None) -> int | None:
    if isinstance(node, exp.Literal) and not node.is_string:
        try:
            return int(node.this)
        except ValueError:
            return None
    return None


def _failing_conversions(resolver: Resolver, known: set[str], public: set[str]) -> list[Finding]:
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
            if reads_private(operand, resolver, known, public) and _string_valued(
                operand, resolver, known, types
            ):
                hint = "SAFE_CAST"
        elif isinstance(node, exp.StrToDate | exp.StrToTime) and not isinstance(
            node.parent, exp.SafeFunc
        ):
            if reads_private(node.this, resolver, known, public):
                hint = "SAFE.PARSE_DATE / SAFE.PARSE_TIMESTAMP"
        elif (
            isinstance(node, exp.Bracket)
            and not node.args.get("safe")
            and not _struct_field(node)
            and reads_private(node, resolver, known, public)
        ):
            hint = "SAFE_OFFSET / SAFE_ORDINAL"
        if hint:
            found.append(
                Finding(
                    line_of(node) or 1,
                    "side-channel",
                    f"{short(node)} fails on some values computed from the reports (public "
                    "catalogue values too), so whether the query runs tells whether some report has "
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
