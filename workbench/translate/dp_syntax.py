"""BigQuery's differential privacy syntax, which sqlglot does not parse, read from the tokens.

``SELECT WITH DIFFERENTIAL_PRIVACY OPTIONS (epsilon = ..., delta = ...,
max_groups_contributed = ..., privacy_unit_column = ...)``: the clause is taken out of the
token stream before the parser sees it (tokens keep their lines, so every later error still
names the right line) and comes back as a ``DPClause`` in the SELECT node's meta.
``SUM(x, contribution_bounds_per_group => (lo, hi))`` (and COUNT, AVG, PERCENTILE_CONT with
``contribution_bounds_per_row``): a parser whose builders for those four functions take the
named argument off the call and keep it as ``DPBounds`` in the function node's meta.

Reference: https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#dp_clause
and https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate-dp-functions.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, ClassVar

from sqlglot import exp
from sqlglot.tokens import TokenType

from wbcore.errors import SYNTAX, UserError
from workbench.translate.call_names import NamedCallsParser

if TYPE_CHECKING:
    from sqlglot.parser import Parser
    from sqlglot.tokens import Token

CLAUSE_META = "workbench_differential_privacy"
BOUNDS_META = "workbench_dp_bounds"
BOUND_ARGUMENTS = ("contribution_bounds_per_group", "contribution_bounds_per_row")
DP_FUNCTIONS = ("COUNT", "SUM", "AVG", "PERCENTILE_CONT")
OPTIONS = ("epsilon", "delta", "max_groups_contributed", "privacy_unit_column")
_NULL = object()  # max_groups_contributed = NULL


@dataclass(frozen=True)
class DPClause:
    """The options of one ``WITH DIFFERENTIAL_PRIVACY`` clause, as written."""

    epsilon: float | None
    delta: float | None
    max_groups_contributed: int | None
    privacy_unit_column: tuple[str, ...] | None  # the path, e.g. ("site_id",) or ("t", "site_id")
    line: int
    # max_groups_contributed = NULL: no limit on the groups of a unit (query-syntax#dp_max_groups)
    groups_unlimited: bool = False


@dataclass(frozen=True)
class DPBounds:
    """``contribution_bounds_per_group => (lo, hi)`` or ``contribution_bounds_per_row``."""

    per: str  # "group" or "row"
    lower: float
    upper: float
    integral: bool  # both bounds written as integers


def has_clause(tokens: list[Token]) -> bool:
    """Whether the statement writes ``WITH DIFFERENTIAL_PRIVACY`` or a contribution bound."""
    return any(
        t.text.upper() == "DIFFERENTIAL_PRIVACY" or t.text.lower() in BOUND_ARGUMENTS
        for t in tokens
    )


def split_clauses(tokens: list[Token], where: str) -> tuple[list[Token], dict[int, DPClause]]:
    """The tokens without the DP clauses, and each clause by the ``id`` of its SELECT token."""
    out: list[Token] = []
    clauses: dict[int, DPClause] = {}
    i = 0
    while i < len(tokens):
        token = tokens[i]
        out.append(token)
        if (
            token.token_type == TokenType.SELECT
            and i + 2 < len(tokens)
            and tokens[i + 1].token_type == TokenType.WITH
            and tokens[i + 2].text.upper() == "DIFFERENTIAL_PRIVACY"
        ):
            clause, i = _read_clause(tokens, i + 3, token.line, where)
            clauses[id(token)] = clause
            continue
        i += 1
    return out, clauses


def _read_clause(tokens: list[Token], i: int, line: int, where: str) -> tuple[DPClause, int]:
    """``OPTIONS ( name = value, ... )`` from ``tokens[i]``; the index after the ``)``."""

    def fail(message: str, at: Token | None = None) -> UserError:
        return UserError(
            f"syntax error in WITH DIFFERENTIAL_PRIVACY: {message}",
            file=where,
            line=at.line if at else line,
            construct="WITH DIFFERENTIAL_PRIVACY",
            condition=SYNTAX,
        )

    if i >= len(tokens) or tokens[i].text.upper() != "OPTIONS":
        raise fail("expected OPTIONS (...) after DIFFERENTIAL_PRIVACY")
    i += 1
    if i >= len(tokens) or tokens[i].token_type != TokenType.L_PAREN:
        raise fail("expected ( after OPTIONS")
    i += 1
    values: dict[str, Any] = {}
    while i < len(tokens) and tokens[i].token_type != TokenType.R_PAREN:
        name_token = tokens[i]
        name = name_token.text.lower()
        if name not in OPTIONS:
            raise fail(
                f"unknown option {name_token.text!r} (BigQuery's options are {', '.join(OPTIONS)})",
                name_token,
            )
        if name in values:
            raise fail(f"option {name} given twice", name_token)
        if i + 1 >= len(tokens) or tokens[i + 1].token_type != TokenType.EQ:
            raise fail(f"expected = after {name}", name_token)
        i += 2
        start = i
        while i < len(tokens) and tokens[i].token_type not in (TokenType.COMMA, TokenType.R_PAREN):
            i += 1
        values[name] = _option_value(name, tokens[start:i], fail, name_token)
        if i < len(tokens) and tokens[i].token_type == TokenType.COMMA:
            i += 1
    if i >= len(tokens):
        raise fail("OPTIONS ( is never closed")
    clause = DPClause(
        epsilon=values.get("epsilon"),
        delta=values.get("delta"),
        max_groups_contributed=values.get("max_groups_contributed"),
        privacy_unit_column=values.get("privacy_unit_column"),
        line=line,
        groups_unlimited=values.get("max_groups_contributed", 0) is _NULL,
    )
    if clause.groups_unlimited:
        clause = replace(clause, max_groups_contributed=None)
    return clause, i + 1


def _option_value(name: str, value: list[Token], fail: Any, at: Token) -> Any:
    """One option's value: a numeric literal, or the privacy unit column's path."""
    if not value:
        raise fail(f"{name} has no value", at)
    if name == "max_groups_contributed" and [t.token_type for t in value] == [TokenType.NULL]:
        return _NULL
    if name == "privacy_unit_column":
        parts = [t for j, t in enumerate(value) if j % 2 == 0]
        dots = [t for j, t in enumerate(value) if j % 2 == 1]
        if any(d.token_type != TokenType.DOT for d in dots) or any(
            p.token_type not in (TokenType.VAR, TokenType.IDENTIFIER) for p in parts
        ):
            raise fail("privacy_unit_column must be a column path (name or alias.name)", at)
        return tuple(p.text for p in parts)
    sign = 1.0
    if value[0].token_type == TokenType.DASH:
        sign, value = -1.0, value[1:]
    # `.01` is two tokens (a dot, then 01)
    shapes = ([TokenType.NUMBER], [TokenType.DOT, TokenType.NUMBER])
    if [t.token_type for t in value] not in shapes:
        raise fail(f"{name} must be a numeric literal (BigQuery requires a literal)", at)
    text = "".join(t.text for t in value)
    try:
        number = sign * float(text)
    except ValueError:
        raise fail(f"{name} must be a numeric literal", at) from None
    if name == "max_groups_contributed":
        if not number.is_integer() or "." in text or "e" in text.lower():
            raise fail("max_groups_contributed must be an INT64 literal", at)
        return int(number)
    return number


# -- the contribution bounds named argument ---------------------------------------------------


def _builder(name: str, original: Any) -> Any:
    """``original``'s builder, taking a contribution-bound named argument off the call."""

    def build(args: list[Any], **kwargs: Any) -> Any:
        bounds = None
        for arg in list(args):
            if isinstance(arg, exp.Kwarg | exp.PropertyEQ) and arg.this.name.lower() in (
                BOUND_ARGUMENTS
            ):
                bounds = _bounds(name, arg)
                args.remove(arg)  # the parser validates this very list next
        node = original(args, **kwargs) if kwargs else original(args)
        if bounds is not None:
            node.meta[BOUNDS_META] = bounds
        return node

    return build


def _bounds(function: str, arg: exp.Expression) -> DPBounds:
    per = "row" if arg.this.name.lower().endswith("_row") else "group"
    value = arg.expression
    items = value.expressions if isinstance(value, exp.Tuple) else []
    numbers = [_number(v) for v in items]
    if len(items) != 2 or any(n is None for n in numbers):
        raise UserError(
            f"{arg.this.name} of {function} must be a pair of numeric literals "
            "(lower_bound, upper_bound)",
            construct=function,
        )
    lower, upper = numbers
    assert lower is not None and upper is not None
    integral = all(
        isinstance(v.unnest(), exp.Literal | exp.Neg) and "." not in v.sql() for v in items
    )
    return DPBounds(per=per, lower=lower, upper=upper, integral=integral)


def _number(node: exp.Expression) -> float | None:
    sign = 1.0
    while isinstance(node, exp.Neg):
        sign, node = -sign, node.this
    if isinstance(node, exp.Literal) and not node.is_string:
        try:
            return sign * float(node.this)
        except ValueError:
            return None
    return None


_PARSER: type | None = None


def parser_class() -> type[Parser]:
    """BigQuery's parser, with the DP functions' builders and the DP clause hook."""
    global _PARSER
    if _PARSER is None:
        base = NamedCallsParser  # BigQuery's, recording each call's name as written
        functions = {
            **base.FUNCTIONS,
            **{n: _builder(n, base.FUNCTIONS[n]) for n in DP_FUNCTIONS},
        }

        class DPParser(base):  # type: ignore[misc, valid-type]
            FUNCTIONS = functions
            dp_clauses: ClassVar[dict[int, DPClause]] = {}

            def _parse_select(self, *args: Any, **kwargs: Any) -> Any:
                token = self._curr
                result = super()._parse_select(*args, **kwargs)
                clause = self.dp_clauses.get(id(token)) if token is not None else None
                if clause is not None and result is not None:
                    select = result if isinstance(result, exp.Select) else result.find(exp.Select)
                    if select is not None:
                        select.meta[CLAUSE_META] = clause
                return result

        _PARSER = DPParser
    return _PARSER


def clause_of(node: exp.Expression) -> DPClause | None:
    return node.meta.get(CLAUSE_META) if node._meta else None


def bounds_of(node: exp.Expression) -> DPBounds | None:
    return node.meta.get(BOUNDS_META) if node._meta else None
