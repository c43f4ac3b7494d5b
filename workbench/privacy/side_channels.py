"""Side channels: a query whose run fails or not depending on the data.

The weekly job's success is an output too: a query that fails exactly when some report
matches a condition tells one bit about that report, with every output group large.
``ERROR()`` is the explicit form. Division is the implicit one: GoogleSQL's ``/``, ``DIV``
and ``MOD`` raise a division-by-zero error where ``SAFE_DIVIDE`` returns NULL
(https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#safe_divide),
so ``1 / (environment_count - 568)`` fails exactly when one site has 568 environments, and
``1 / COUNT(*)`` under ``WHERE environment_count = 568`` exactly when none has. Every other call
that can raise on a private argument is one too (``raising``: deny by default, the SAFE. form
returns NULL), and so are INT64 overflow and a scalar subquery of more than one row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlglot import exp

from workbench.privacy.facts import COUNTS, Finding, short
from workbench.privacy.raising import is_call, overflows, raising_args
from workbench.privacy.resolve import fields, unparen, written_name
from workbench.translate import line_of
from workbench.translate.rules._sql import func_name

if TYPE_CHECKING:
    from workbench.privacy.resolve import Resolver

DIVISIONS = (exp.Div, exp.IntDiv, exp.Mod)
# Aggregates that return one of the values they read (of public values: a catalogue's entry),
# whose size no count of rows decides.
EDGES = (exp.Min, exp.Max, exp.AnyValue)


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
        if _nonzero_literal(divisor) or _never_zero(divisor):
            continue
        if _reads_private(divisor, resolver, known):
            why = "a value computed from the reports' private attributes"
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
    found.extend(_failing_conversions(resolver, known))
    found.extend(_raising_calls(resolver, known))
    return found


def _raising_calls(resolver: Resolver, known: set[str]) -> list[Finding]:
    """Calls that can raise on a private argument (deny by default: ``raising``), INT64
    arithmetic that can overflow, and scalar subqueries that may return several rows."""
    found = []
    for node in resolver.tree.walk():
        if isinstance(node.parent, exp.SafeFunc):
            continue
        message = None
        if is_call(node) and not isinstance(node, exp.StrToDate | exp.StrToTime):
            name = written_name(node)
            if any(_reads_private(a, resolver, known) for a in raising_args(node, name)):
                message = (
                    f"{short(node)} can raise an error on some values of its private "
                    f"arguments, so whether the query runs tells whether some report has them: "
                    f"use SAFE.{name} (NULL instead)"
                )
        elif isinstance(node, exp.Like | exp.ILike | exp.BitwiseLeftShift | exp.BitwiseRightShift):
            if _reads_private(node.expression, resolver, known):
                message = (
                    f"{short(node)} raises on some values of its private right operand (a bad "
                    "LIKE pattern, a negative shift): compare or shift by a constant"
                )
        elif isinstance(node, exp.Add | exp.Sub | exp.Mul | exp.Neg | exp.Sum | exp.Cast):
            if _reads_private(node, resolver, known) and overflows(
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


class ZeroCounts:
    """Whether a divisor built from aggregates can be zero depending on the data: anything
    but one bare count (``COUNT(*)``, ``COUNT(DISTINCT id)``) of rows that no private value
    narrows. ``1 / COUNT(*)`` under ``WHERE environment_count = 568`` fails exactly when no
    site has 568 environments; ``1 / (COUNT(DISTINCT site_id) - 1)`` when a group has one
    site; a share over the week's count of sites fails only when nobody reported."""

    def __init__(self, resolver: Resolver, known: set[str]) -> None:
        self.r = resolver
        self.known = known

    def reason(self, divisor: exp.Expression, depth: int = 0) -> str | None:
        return self._value(divisor, self.r.scope_of(divisor), depth)

    def _value(self, node: exp.Expression, scope, depth: int) -> str | None:
        node = unparen(node)
        if depth > 30:
            return "a value that cannot be followed"
        if isinstance(node, exp.Subquery) and isinstance(node.this, exp.Select):
            inner = self.r.by_node.get(id(node.this))
            projections = node.this.expressions
            if inner is None or len(projections) != 1:
                return "a subquery that cannot be followed"
            return self._value(projections[0].unalias(), inner, depth + 1)
        if isinstance(node, exp.Column) and node.table:
            src = self.r.find_source(scope, node.table)
            if (
                src is None
                or isinstance(src, exp.Table)
                or not isinstance(src.expression, exp.Select)
            ):
                return None  # a column of the table: judged by _reads_private
            for proj in src.expression.expressions:
                if proj.alias_or_name.lower() == node.name.lower():
                    return self._value(proj.unalias(), src, depth + 1)
            return None
        if isinstance(node, COUNTS):
            return self._count(node, scope)
        for part in node.walk():
            if isinstance(part, exp.AggFunc) and not isinstance(part, EDGES):
                return "an expression over aggregates (a count minus 1, a sum) that can be zero"
            nested = isinstance(part, exp.Subquery | exp.Column) and part is not node
            if nested and self._value(part, scope, depth + 1):
                return "an expression over aggregates (a count minus 1, a sum) that can be zero"
        return None

    def _count(self, count: exp.Expression, scope) -> str | None:
        if isinstance(count, exp.CountIf) and _reads_private(count.this, self.r, self.known):
            return f"{short(count)}, a count of rows picked by a private value"
        for inner in scope.traverse() if scope is not None else []:
            select = inner.expression
            if not isinstance(select, exp.Select):
                continue
            roots = [select.args.get(k) for k in ("where", "having", "qualify")]
            conditions = [r.this for r in roots if r is not None]
            conditions += [j.args["on"] for j in select.args.get("joins") or [] if j.args.get("on")]
            for condition in conditions:
                if _reads_private(condition, self.r, self.known):
                    return (
                        f"{short(count)}, a count of rows narrowed by a private value "
                        f"({short(condition)})"
                    )
        return None


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


def _never_zero(node: exp.Expression) -> bool:
    """``NULLIF(d, 0)`` (NULL where d is 0: the division is NULL, no error) and
    ``GREATEST(d, 1)`` (at least a positive constant) can never be zero."""
    if isinstance(node, exp.Nullif):
        return _is_zero(unparen(node.expression))
    if isinstance(node, exp.Greatest):
        return any(_positive_literal(unparen(a)) for a in [node.this, *node.expressions])
    return False


def _is_zero(node: exp.Expression) -> bool:
    return isinstance(node, exp.Literal) and not node.is_string and _number(node) == 0


def _positive_literal(node: exp.Expression) -> bool:
    return isinstance(node, exp.Literal) and not node.is_string and (_number(node) or 0) > 0


def _number(node: exp.Literal) -> float | None:
    try:
        return float(node.this)
    except ValueError:
        return None


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
    to counts), or from a field the resolver cannot follow; or whether ``node`` is evaluated
    only under a private condition (``IF(environment_count = 568, 1 / 0, 1)``: constant
    arguments, but whether the call runs is the data's)."""
    if _guarded(node, resolver, known):
        return True
    return _columns_private(node, resolver, known)


def _guarded(node: exp.Expression, resolver: Resolver, known: set[str]) -> bool:
    """A branch of IF / CASE, a later argument of COALESCE, or the right side of AND / OR,
    whose choice reads a private value."""
    child, parent = node, node.parent
    while parent is not None and not isinstance(parent, exp.Query):
        deciders: list[exp.Expression] = []
        if isinstance(parent, exp.If) and child.arg_key in ("true", "false"):
            deciders = [parent.this]
        elif isinstance(parent, exp.Case) and child.arg_key == "default":
            deciders = [i.this for i in parent.args.get("ifs") or []]
        elif (isinstance(parent, exp.Coalesce) and child.arg_key == "expressions") or (
            isinstance(parent, exp.Connector) and child.arg_key == "expression"
        ):
            deciders = [parent.this]
        if isinstance(parent, exp.Case) and parent.this is not None and child is not parent.this:
            deciders.append(parent.this)
        if any(_columns_private(d, resolver, known) for d in deciders):
            return True
        child, parent = parent, parent.parent
    return False


def _columns_private(node: exp.Expression, resolver: Resolver, known: set[str]) -> bool:
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
