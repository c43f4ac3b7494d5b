"""What every translation rule works with: the context, the result, parsing and locations.

The layer below the rules (``workbench.translate.rules``) and the registry that orders them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wbcore.errors import SYNTAX, UnsupportedError, UserError

if TYPE_CHECKING:
    from sqlglot import exp
    from sqlglot.tokens import Token

DIALECT = "bigquery"
# Meta of a SAFE. wrapper that makes only the translation's own checks (``error('...')``) NULL,
# without DuckDB's TRY: the engine's probes put it around a call TRY cannot hold (one with an
# aggregate, a window or a subquery inside), see ``engines.locate``.
CHECKS_ONLY = "workbench_checks_only"
# Meta of a SAFE. wrapper the engine's probes put around a call: unlike a written SAFE., it
# also holds the errors of the call's arguments (the probes' search needs that).
SAFE_PROBE = "workbench_safe_probe"
# The rule that plans a differentially private query, and the entry it adds without noise.
DP_RULE = "differential-privacy"
DP_NOISE_OFF_RULE = "dp-noise-off"
# Arrow schema metadata of a DP result: b"on" or b"off" (the noise left out for debugging)
DP_NOISE_KEY = b"workbench.dp_noise"
DP_NOISE_OFF_NOTE = (
    "differential privacy noise is OFF (--dp-noise off): these are the bounded values "
    "without noise, groups kept by their exact unit count; never publish them"
)
__all__ = [
    "CHECKS_ONLY",
    "DP_NOISE_KEY",
    "DP_NOISE_OFF_NOTE",
    "DP_NOISE_OFF_RULE",
    "DP_RULE",
    "SAFE_PROBE",
    "Context",
    "TableInfo",
    "Translation",
    "UnsupportedError",
    "UserError",
    "line_of",
    "parse",
]


@dataclass(frozen=True)
class TableInfo:
    """One table a query may read: its local DuckDB name and BigQuery column types."""

    local: str
    columns: dict[str, str]
    names: tuple[str, ...]  # every name that refers to it (local, production, public)
    entity: str | None = None  # the column naming one entity (a DP query's privacy unit)
    seed: int | None = None  # the loaded dataset's seed (DP noise is keyed by it)
    # the loaded dataset's size, no scan needed: its rows and the days they span (the
    # ``partition-batches`` rule sizes its batches by them)
    rows: int | None = None
    first_day: dt.date | None = None
    last_day: dt.date | None = None


@dataclass(frozen=True)
class Context:
    """What translation needs to know beyond the SQL text."""

    tables: tuple[TableInfo, ...] = ()
    # The pinned clock: CURRENT_DATE() and friends evaluate at this instant (UTC) offline.
    now: dt.datetime | None = None
    # False: a differentially private query's values without noise (``--dp-noise off``)
    dp_noise: bool = True
    # ``(name, BigQuery type)`` of the query parameters given (wbcore/parameters.py)
    parameters: tuple[tuple[str, str], ...] = ()

    def lookup(self, name: str) -> TableInfo | None:
        key = name.lower()
        for table in self.tables:
            if key in (n.lower() for n in table.names):
                return table
        return None


@dataclass
class Translation:
    """The result of translating one statement."""

    bigquery: str
    duckdb: str
    rules: list[str] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)
    parameters: list[str] = field(default_factory=list)
    tree: exp.Expression | None = field(default=None, repr=False)
    # the given parameters' ``(name, BigQuery type)`` (the context's): what the analyzer
    # is told, as BigQuery is told by the API
    parameter_types: tuple[tuple[str, str], ...] = ()


def line_of(node: exp.Expression) -> int | None:
    """Best-effort source line of a node (sqlglot keeps it on identifiers and literals)."""
    from sqlglot import exp

    for n in node.walk():
        if isinstance(n, exp.Identifier | exp.Literal | exp.Var) and n.meta.get("line"):
            return n.meta["line"]
        meta = getattr(n, "_meta", None)
        if meta and meta.get("line"):
            return meta["line"]
    return None


def parse(sql: str, where: str = "query") -> exp.Expression:
    """Parse exactly one BigQuery statement, with errors that name line and column."""
    from sqlglot.dialects.dialect import Dialect
    from sqlglot.errors import ParseError

    from workbench.translate import dp_syntax
    from workbench.translate.call_names import CALLS

    if not sql.strip():
        raise UserError("empty query", file=where)
    tokens = checked_tokens(sql, where)
    try:
        dialect = Dialect.get_or_raise(DIALECT)
        if dp_syntax.has_clause(tokens):
            # BigQuery's differential privacy syntax, which sqlglot's parser lacks
            tokens, clauses = dp_syntax.split_clauses(tokens, where)
            parser = dp_syntax.parser_class()(dialect=dialect)
            parser.dp_clauses = clauses
        else:
            from workbench.translate.call_names import NamedCallsParser

            parser = NamedCallsParser(dialect=dialect)  # each call's name as written
        statements = [s for s in parser.parse(tokens, sql) if s is not None]
    except UserError as exc:  # a call sqlglot cannot build (call_names)
        raise exc.at(file=where) from None
    except ParseError as exc:
        err = exc.errors[0] if exc.errors else {}
        desc = _plain_description(err.get("description", str(exc)).split("\n")[0])
        near = err.get("highlight")
        near_txt = f" near {near!r}" if near else ""
        column = err.get("col")
        if column and near and "\n" not in near:
            column = max(column - len(near) + 1, 1)  # sqlglot counts to the token's end
        raise UserError(
            f"syntax error: {desc}{near_txt}",
            file=where,
            line=err.get("line"),
            column=column,
            condition=SYNTAX,
        ) from None
    statements = [s for s in statements if not _only_comments(s)]
    if not statements:
        raise UserError("no SQL statement (only comments)", file=where)
    if len(statements) > 1:
        raise UserError(
            f"{len(statements)} statements found; one query per file "
            "(the aggregation repository runs each file as one statement)",
            file=where,
        )
    _check_tree_depth(statements[0], where)
    statements[0].meta[CALLS] = parser.written()  # the calls as written, for function-allowlist
    return statements[0]


_TOKEN = re.compile(r"<Token token_type: TokenType\.(\w+), text: (.*?), line: .*?>")
_CLASS = re.compile(r"<class 'sqlglot\.expressions\.(?:\w+\.)*(\w+)'>")
# sqlglot's "Required keyword: 'expression' missing for <class ...Add>": a construct with a
# part missing; the part's name is sqlglot's own (this, expression), so only the construct
# is named, as the query writes it.
_MISSING = re.compile(r"Required keyword: '\w+' missing for (\w+)")
_WRITTEN = {
    "ADD": "'+'",
    "SUB": "'-'",
    "MUL": "'*'",
    "DIV": "'/'",
    "MOD": "'%'",
    "DPIPE": "'||'",
    "EQ": "'='",
    "NEQ": "'!='",
    "GT": "'>'",
    "GTE": "'>='",
    "LT": "'<'",
    "LTE": "'<='",
    "NULLSAFEEQ": "IS NOT DISTINCT FROM",
    "NULLSAFENEQ": "IS DISTINCT FROM",
    "ALIAS": "AS",
}
_PLAIN = {
    "Invalid expression / Unexpected token": "unexpected text",
    "Expecting )": "a ')' is missing",
    "Expecting (": "a '(' is missing",
    "Expecting ]": "a ']' is missing",
    "Expected ]": "a ']' is missing",
    "Expecting >": "a '>' is missing",
}


def _plain_description(desc: str) -> str:
    """sqlglot's parse error in the query's terms: no object dumps (``<Token token_type:
    ...>``, ``<class 'sqlglot.expressions.core.Add'>``) and no parser vocabulary ("Required
    keyword: 'this' missing for WHERE"): the token's text, the construct as written."""

    def token(m: re.Match[str]) -> str:
        return "the end of the query" if m.group(1) == "SENTINEL" else repr(m.group(2))

    def construct(name: str) -> str:
        return _WRITTEN.get(name.upper(), name.upper())

    desc = _TOKEN.sub(token, desc)
    desc = _CLASS.sub(lambda m: m.group(1).upper(), desc)
    desc = _MISSING.sub(
        lambda m: f"an incomplete {construct(m.group(1))} (a part is missing)", desc
    )
    for raw, plain in _PLAIN.items():
        if desc.startswith(raw):
            desc = plain + desc[len(raw) :].rstrip(". ")
    return desc


def _check_tree_depth(tree: exp.Expression, where: str) -> None:
    """Refuse operator chains deeper than ``MAX_TREE_DEPTH`` (``1 + 1 + ... + 1``, 20,000 ANDs):
    parentheses do not show them, and DuckDB's binder recurses on them (it has crashed the
    process on such a chain). Counted iteratively, breadth first."""
    depth = {id(tree): 0}
    for node in tree.walk(bfs=True):
        d = depth[id(node)] + 1
        if d > MAX_TREE_DEPTH:
            raise UserError(
                f"an expression nested more than {MAX_TREE_DEPTH} levels deep (a long chain "
                "of operators?); split it, e.g. with IN or a WITH query",
                file=where,
                line=line_of(node),
            )
        for child in node.iter_expressions():
            depth[id(child)] = d


# Parentheses deeper than this are refused before sqlglot (which recurses) sees the query; no
# real aggregation query comes close, and BigQuery itself refuses deep nesting.
MAX_DEPTH = 100
TOKEN_ERROR = (
    "syntax error: the text does not split into SQL tokens (an unterminated string, quoted "
    "name or comment, or a character BigQuery does not accept)"
)
MAX_TOKENS = 200_000
MAX_TREE_DEPTH = 1_000


def checked_tokens(sql: str, where: str) -> list[Token]:
    """The statement's tokens (the parser reads these, not the text again), once SQL nested
    deeper than ``MAX_DEPTH`` or longer than ``MAX_TOKENS`` is refused, iteratively."""
    from sqlglot.dialects.dialect import Dialect
    from sqlglot.errors import TokenError
    from sqlglot.tokens import TokenType

    from workbench.translate.lexical import (
        civil_format_casts,
        empty_struct_constructors,
        exponent_signs,
        expression_format_casts,
        names_after_dots,
        raw_bytes_literals,
    )

    try:
        tokens = raw_bytes_literals(Dialect.get_or_raise(DIALECT).tokenize(sql), sql)
        tokens = exponent_signs(tokens, sql)
    except TokenError:
        raise UserError(TOKEN_ERROR, file=where, condition=SYNTAX) from None
    try:
        civil_format_casts(tokens)
        expression_format_casts(tokens)
        names_after_dots(tokens)
        empty_struct_constructors(tokens)
    except UserError as exc:
        raise exc.at(file=where) from None
    if len(tokens) > MAX_TOKENS:
        raise UserError(f"more than {MAX_TOKENS:,} tokens: not a query to analyse", file=where)
    depth = deepest = 0
    for token in tokens:
        if token.token_type in (TokenType.L_PAREN, TokenType.L_BRACKET):
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    raise UserError(
                        f"nested more than {MAX_DEPTH} levels deep (parentheses and brackets)",
                        file=where,
                        line=token.line,
                    )
        elif token.token_type in (TokenType.R_PAREN, TokenType.R_BRACKET):
            depth -= 1
    return tokens


def _only_comments(node: exp.Expression) -> bool:
    from sqlglot import exp

    return isinstance(node, exp.Semicolon)


def check_read_only(tree: exp.Expression, where: str) -> None:
    """Only queries run: nothing may change the dataset."""
    from sqlglot import exp

    if not isinstance(tree, exp.Query):
        kind = tree.key.upper() if isinstance(tree, exp.Expression) else type(tree).__name__
        if isinstance(tree, exp.Command):
            kind = str(tree.this).upper()
        raise UserError(
            f"only queries (SELECT / WITH) can run; this statement is {kind}, "
            "which would change data or the database",
            file=where,
        )
    for node in tree.walk():
        if isinstance(
            node, exp.Insert | exp.Update | exp.Delete | exp.Merge | exp.Create | exp.Drop
        ):
            raise UserError(
                f"a query may not change data ({node.key.upper()})",
                file=where,
                line=line_of(node),
                construct=node.key.upper(),
            )


def table_name(table: exp.Table) -> str:
    return ".".join(p.name for p in table.parts)


def quote_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
