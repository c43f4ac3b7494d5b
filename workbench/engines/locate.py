"""Which call of a query failed on the data: found by running probes, never read from DuckDB.

DuckDB's run-time errors (a failed cast, malformed JSON, a division by zero) carry no
position, and their text quotes the offending value. So when a query fails on the data, the
call that failed is found by construction. Its calls that can fail (casts, PARSE_*, JSON and
REGEXP functions, ``/``, DIV, MOD, subscripts, ERROR, ...) are listed from the BigQuery tree,
each before the calls inside it. A probe is the same query with the calls from the k-th on
in their SAFE form (``SAFE.f``: NULL instead of the error), translated by the same rules and
run on the same connection, with the same parameters, sandbox and time limit; its rows are
never looked at. If the probe with calls k.. safe succeeds and the one with calls k+1.. safe
fails, only call k differs between them, on the same rows with the same inputs: call k failed
on a value. A binary search finds that k in about log2(calls) probes, between the probe with
every call safe (which must succeed) and the query itself (which failed); one more probe, with
every call safe but k and those around it, must fail too, so that rows that differ from run
to run (a LIMIT, ties in a window's order) cannot make a boundary.

A call whose arguments hold an aggregate, a window or a subquery cannot be in DuckDB's TRY;
its SAFE form turns only the translation's own checks (``error('division by zero')``) into
NULL, so only those failures of it are found.

Nothing is guessed: when no such k is found (the failure is not one of these calls, a probe
fails in another way, a probe's own run-time check is not one of call k's, time is up), the
caller names the kind of failure and the statement's line only.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.tokens import Token, TokenType

from wbcore.errors import UserError
from workbench.engines.errors import DATA_ERRORS, check_message, checks_in
from workbench.translate import (
    CHECKS_ONLY,
    DIALECT,
    SAFE_PROBE,
    Context,
    Translation,
    parse,
    translate,
)

# Calls that never fail themselves (their arguments are calls of their own), and AND/OR
# (which sqlglot counts as functions).
NEVER_FAILS: tuple[type[exp.Expression], ...] = (
    exp.AggFunc,
    exp.Connector,
    exp.CurrentDate,
    exp.CurrentDatetime,
    exp.CurrentTime,
    exp.CurrentTimestamp,
    exp.Case,
    exp.If,
    exp.Coalesce,
    exp.Nullif,
    exp.Struct,
    exp.Array,
    exp.SafeFunc,
    exp.TryCast,
    exp.Exists,
    exp.Unnest,
    exp.Explode,
    exp.SafeDivide,
)
# What DuckDB's TRY cannot hold: a call around one of these is made safe by its checks only.
CANNOT_BE_SAFE: tuple[type[exp.Expression], ...] = (
    exp.AggFunc,
    exp.Window,
    exp.Query,
    exp.Subquery,
    exp.Rand,
    exp.Randn,
    exp.Uuid,
)
# Operators that can fail (an overflow, a division by zero) and the token that writes each.
OPERATORS: dict[type[exp.Expression], TokenType] = {
    exp.Div: TokenType.SLASH,
    exp.Mul: TokenType.STAR,
    exp.Add: TokenType.PLUS,
    exp.Sub: TokenType.DASH,
    exp.Mod: TokenType.MOD,
}
SHIFTS: dict[type[exp.Expression], TokenType] = {
    exp.BitwiseLeftShift: TokenType.LT,
    exp.BitwiseRightShift: TokenType.GT,
}
# The words of a subscript, arr[OFFSET(i)] (arr[i] is an OFFSET too).
SUBSCRIPTS = ("OFFSET", "ORDINAL")
# The clauses of a SELECT evaluated after its FROM/WHERE: DuckDB matches an expression there
# to the same one in GROUP BY, so equal calls in them are made safe together.
OUTPUT_CLAUSES = ("expressions", "group", "having", "order", "qualify", "distinct")


@dataclass(frozen=True, eq=False)
class Call:
    """One call that can fail on data: its occurrences in the tree and where it is written."""

    nodes: tuple[int, ...]  # positions in the depth-first walk of the parsed tree
    name: str  # as written: PARSE_JSON, CAST, /, OFFSET
    line: int | None
    column: int | None
    family: str  # what kind of call (engines.errors words its failure by it)
    target: str = ""  # a CAST's type, as BigQuery writes it


@dataclass(frozen=True)
class Located:
    """The call that failed and how: DuckDB's error class and, if the translation raised it,
    the run-time check's own message (never a value of the data)."""

    call: Call
    error_class: str
    check: str | None


# A probe's run: None when it succeeded, else the error DuckDB raised.
Execute = Callable[[str], BaseException | None]


def locate(
    translation: Translation,
    error: BaseException,
    where: str,
    context: Context,
    execute: Execute,
) -> Located | None:
    """The call that fails on the data in the query that ``translation`` translated and that
    failed with ``error``; None when that cannot be decided."""
    sql = translation.bigquery
    tree = parse(sql, where)
    if any(w.args.get("recursive") for w in tree.find_all(exp.With)):
        # a probe's SAFE call gives NULL where the query failed, and a recursive CTE may then
        # never stop (NULL * 2 is NULL again): the probes would run until the time limit
        return None
    calls = failing_calls(tree, sql)
    if not calls or not _data_error(error):
        return None

    def run(safe: list[Call]) -> tuple[Translation, BaseException | None]:
        return _probe(sql, where, context, tree, safe, execute)

    try:
        safe = run(calls)
        if safe[1] is not None:
            return None  # fails with every call safe: not one of them
        # invariant: probe `lo` succeeds, probe `hi` fails on the data (the query itself first)
        lo, hi = (0, safe), (len(calls), (translation, error))
        while hi[0] - lo[0] > 1:
            mid = (lo[0] + hi[0]) // 2
            outcome = run(calls[mid:])
            if outcome[1] is None:
                lo = (mid, outcome)
            elif _data_error(outcome[1]):
                hi = (mid, outcome)
            else:
                return None
        (_, (ok, _)), (k, (failed, failure)) = lo, hi
        found = calls[k - 1]
        # The same call must fail with every other call safe but those around it (which its
        # value passes through): a boundary seen on rows that differ from run to run (a LIMIT,
        # ties in a window's order) names no call.
        around = _around(tree, found, calls)
        alone = [c for c in calls if c is not found and c not in around]
        if alone != calls[k:] and not _data_error(run(alone)[1]):
            return None
    except UserError:  # a probe that does not translate: nothing to conclude
        return None
    assert failure is not None
    held = checks_in(failed.tree)
    check = check_message(failure, held)
    # a run-time check of the translation must be one that only this call holds unsafe (a
    # runtime function's own message is no check the tree holds: the probes found its call)
    if check is not None and check in held and held[check] <= checks_in(ok.tree)[check]:
        return None
    return Located(found, type(failure).__name__, check)


def _around(tree: exp.Expression, call: Call, calls: list[Call]) -> list[Call]:
    """The calls that hold ``call`` (an occurrence of it is inside an occurrence of them)."""
    nodes = list(tree.walk(bfs=False))
    index = {id(n): i for i, n in enumerate(nodes)}
    above = {index[id(a)] for i in call.nodes for a in _ancestors(nodes[i])}
    return [c for c in calls if c is not call and above.intersection(c.nodes)]


def _data_error(error: BaseException | None) -> bool:
    return error is not None and type(error).__name__ in DATA_ERRORS


def _probe(
    sql: str,
    where: str,
    context: Context,
    tree: exp.Expression,
    safe: list[Call],
    execute: Execute,
) -> tuple[Translation, BaseException | None]:
    """The query with the calls ``safe`` in their SAFE form, translated and run."""
    probe = tree.copy()
    nodes = list(probe.walk(bfs=False))
    chosen = {id(nodes[i]): nodes[i] for call in safe for i in call.nodes}
    # DuckDB's TRY takes none of CANNOT_BE_SAFE: around those only the translation's checks
    # become NULL, and the calls inside are made safe each on its own
    checks_only = {
        key
        for key, node in chosen.items()
        if any(isinstance(n, CANNOT_BE_SAFE) for n in node.walk())
    }
    for key, node in list(chosen.items()):
        if any(id(a) in chosen and id(a) not in checks_only for a in _ancestors(node)):
            continue  # inside a call made safe with TRY
        wrapper = exp.SafeFunc()
        wrapper.meta[SAFE_PROBE] = True
        if key in checks_only:
            wrapper.meta[CHECKS_ONLY] = True
        node.replace(wrapper)
        wrapper.set("this", node)
    translation = translate(sql, context, where, tree=probe)
    return translation, execute(translation.duckdb)


def _ancestors(node: exp.Expression) -> list[exp.Expression]:
    found = []
    parent = node.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    return found


# -- the calls that can fail ------------------------------------------------------------------


def can_fail(node: exp.Expression) -> bool:
    """Whether ``node`` is a call that may raise an error on a value it is given."""
    if isinstance(node, exp.Bracket):
        return not node.args.get("safe")
    if isinstance(node, exp.Neg) and isinstance(node.this, exp.Literal):
        return False  # a negative literal (``LIMIT -1``, ``LAG(x, -1)``), not a negation
    if isinstance(node, (*OPERATORS, *SHIFTS, exp.IntDiv, exp.Neg)):
        return True
    if isinstance(node.parent, exp.Window) and node.arg_key == "this":
        return False  # a window function (ROW_NUMBER() OVER ...): not a scalar call
    if isinstance(node, exp.TsOrDsToTimestamp | exp.TsOrDsToDate | exp.TsOrDsToTime) and (
        isinstance(node.parent, exp.TimeToStr)
    ):
        return False  # sqlglot's reading of FORMAT_*'s value: the FORMAT_ call is the one written
    if isinstance(node, exp.WeekStart) or node.arg_key == "unit":
        return False  # a date part (WEEK(MONDAY)): a word of its call, not a call
    return isinstance(node, exp.Func) and not isinstance(node, NEVER_FAILS)


def failing_calls(tree: exp.Expression, sql: str) -> list[Call]:
    """The calls of the parsed statement that can fail on data, in the order they are written,
    each before the calls inside it (which the probes' prefixes need: a call made safe holds
    the calls inside it safe too)."""
    text = _Text(sql)
    nodes = list(tree.walk(bfs=False))
    order = _written_order(nodes)
    groups: dict[object, list[int]] = {}
    for i, node in enumerate(nodes):
        if not can_fail(node) or isinstance(node.parent, exp.SafeFunc):
            continue  # a SAFE. call cannot fail (the calls in its arguments can)
        groups.setdefault(_group_key(node, i), []).append(i)
    calls = []
    for members in sorted(groups.values(), key=lambda m: min(order[i] for i in m)):
        # the GROUP BY occurrence is the one DuckDB evaluates; else the first written
        first = min(members, key=lambda i: order[i])
        shown = next((m for m in members if _clause(nodes[m]) == "group"), first)
        node = nodes[shown]
        place = text.place(node)
        name, line, column = (
            (place[0], *text.line_col(place[1])) if place else (_name(node), None, None)
        )
        target = node.to.sql(dialect=DIALECT) if isinstance(node, exp.Cast) else ""
        calls.append(Call(tuple(members), name, line, column, family(node), target))
    return calls


def _written_order(nodes: list[exp.Expression]) -> dict[int, tuple[float, int, int]]:
    """Position ``i`` of the depth-first walk → a sort key in the order of the text: the first
    character any name or literal inside it stands at (a node holds what is inside it, so it
    never sorts after them), then its depth (it sorts before them), then the walk."""
    first: dict[int, float] = {}
    for node in reversed(nodes):  # the nodes inside a node come after it in the walk
        meta = node._meta
        start = meta.get("start") if meta else None
        here = float(start) if isinstance(start, int) else math.inf
        first[id(node)] = min([here, *(first[id(c)] for c in node.iter_expressions())])
    return {i: (first[id(node)], len(_ancestors(node)), i) for i, node in enumerate(nodes)}


# BigQuery functions by family: how engines.errors words their failure.
FAMILIES: dict[str, tuple[str, ...]] = {
    "parse-time": ("PARSE_DATE", "PARSE_DATETIME", "PARSE_TIME", "PARSE_TIMESTAMP"),
    "parse-json": ("PARSE_JSON",),
    "json": ("INT64", "FLOAT64", "BOOL", "STRING"),  # the JSON conversion functions
    "base64": ("FROM_BASE64",),
    "base32": ("FROM_BASE32",),
    "hex": ("FROM_HEX",),
    "constructor": ("DATE", "DATETIME", "TIME", "TIMESTAMP"),
    "timestamp-from": (
        "TIMESTAMP_SECONDS",
        "TIMESTAMP_MILLIS",
        "TIMESTAMP_MICROS",
        "DATE_FROM_UNIX_DATE",
    ),
    "error": ("ERROR",),
    "code-points": ("CODE_POINTS_TO_STRING", "CODE_POINTS_TO_BYTES"),
}
PREFIXES = {"JSON_": "json", "LAX_": "json", "REGEXP_": "regexp"}


def family(node: exp.Expression) -> str:
    """The family of a call that can fail: cast, division, subscript, a function's, ..."""
    if isinstance(node, exp.Cast):
        return "cast"
    if isinstance(node, exp.Div | exp.IntDiv | exp.Mod):
        return "division"
    if isinstance(node, exp.Add | exp.Sub | exp.Mul):
        return "arithmetic"
    if isinstance(node, exp.Neg):
        return "negation"
    if isinstance(node, tuple(SHIFTS)):
        return "shift"
    if isinstance(node, exp.Bracket):
        return "subscript"
    name = _name(node)
    for key, names in FAMILIES.items():
        if name in names:
            return key
    return next((f for p, f in PREFIXES.items() if name.startswith(p)), "function")


def statement_line(sql: str) -> int | None:
    """The line the statement starts on (after any header comments)."""
    tokens = _Text(sql).tokens
    return tokens[0].line if tokens else None


def _clause(node: exp.Expression) -> str | None:
    """The clause of its nearest SELECT that ``node`` stands in (``where``, ``group``, ...)."""
    child, parent = node, node.parent
    while parent is not None and not isinstance(parent, exp.Select):
        child, parent = parent, parent.parent
    return child.arg_key if parent is not None else None


def _group_key(node: exp.Expression, index: int) -> object:
    if _clause(node) in OUTPUT_CLAUSES:
        select = node.find_ancestor(exp.Select)
        return (id(select), node.sql(dialect=DIALECT, comments=False))
    return index


# Operators as written, for a failing operator whose place in the text is not found.
_SYMBOLS: dict[type[exp.Expression], str] = {
    exp.Add: "+",
    exp.Sub: "-",
    exp.Mul: "*",
    exp.Div: "/",
    exp.Mod: "MOD",
    exp.IntDiv: "DIV",
    exp.Neg: "-",
    exp.BitwiseLeftShift: "<<",
    exp.BitwiseRightShift: ">>",
}


def _name(node: exp.Expression) -> str:
    if type(node) in _SYMBOLS:
        return _SYMBOLS[type(node)]
    if isinstance(node, exp.Cast):
        return "CAST"
    if isinstance(node, exp.Bracket):
        return "array subscript"
    if isinstance(node, exp.Anonymous):
        return node.name.upper()
    if not isinstance(node, exp.Func):  # an operator whose token was not found: its symbol
        symbols = {exp.Div: "/", exp.Mul: "*", exp.Add: "+", exp.Sub: "-", exp.IntDiv: "DIV"}
        return symbols.get(type(node), node.key.upper())
    original = node.meta.get("bigquery_name") if node._meta else None
    return str(original or node.sql_name()).upper()


# -- where a call is written: sqlglot's tokens of the text ----------------------------------------


class _Text:
    """The statement's tokens, to find the token that names a call (sqlglot keeps positions on
    names, literals and function names; the rest is found from those, token by token)."""

    def __init__(self, sql: str) -> None:
        self.sql = sql
        self.tokens: list[Token] = Dialect.get_or_raise(DIALECT).tokenize(sql)
        self.at = {t.start: i for i, t in enumerate(self.tokens)}

    def line_col(self, i: int) -> tuple[int, int]:
        token = self.tokens[i]
        return token.line, token.start - self.sql.rfind("\n", 0, token.start)

    def _is(self, i: int | None, *types: TokenType) -> bool:
        return i is not None and 0 <= i < len(self.tokens) and self.tokens[i].token_type in types

    def _own(self, node: exp.Expression) -> int | None:
        """The token sqlglot recorded for ``node`` itself (a name, a literal, a function)."""
        meta = node._meta
        start = meta.get("start") if meta else None
        return self.at.get(start) if isinstance(start, int) else None

    def _close(self, i: int) -> int | None:
        """The bracket that closes the one at token ``i``."""
        opening = self.tokens[i].token_type
        closing = {TokenType.L_PAREN: TokenType.R_PAREN, TokenType.L_BRACKET: TokenType.R_BRACKET}
        depth = 0
        for j in range(i, len(self.tokens)):
            kind = self.tokens[j].token_type
            depth += kind == opening
            depth -= kind == closing[opening]
            if depth == 0:
                return j
        return None

    def first(self, node: exp.Expression | None) -> int | None:
        """The first token of ``node``, or None when it cannot be told for certain."""
        if node is None:
            return None
        own = self._own(node)
        if own is not None:
            return own
        if isinstance(node, exp.Column):
            return self.first(node.parts[0]) if node.parts else None
        if isinstance(node, exp.Cast):
            i = self.first(node.this)
            cast = i is not None and i >= 2 and self._is(i - 1, TokenType.L_PAREN)
            if cast and self.tokens[i - 2].text.upper() in ("CAST", "SAFE_CAST"):
                return i - 2
            return None
        if isinstance(node, exp.Paren | exp.Neg):
            i = self.first(node.this)
            want = TokenType.L_PAREN if isinstance(node, exp.Paren) else TokenType.DASH
            return i - 1 if i is not None and self._is(i - 1, want) else None
        if isinstance(node, exp.Array) and node.expressions:
            i = self.first(node.expressions[0])
            return i - 1 if i is not None and self._is(i - 1, TokenType.L_BRACKET) else None
        if isinstance(node, exp.Binary | exp.Bracket):
            return self.first(node.this)
        return None

    def last(self, node: exp.Expression | None) -> int | None:
        """The last token of ``node``, or None when it cannot be told for certain."""
        if node is None:
            return None
        if isinstance(node, exp.Func) and not isinstance(node, exp.Cast | exp.Array):
            own = self._own(node)
            if own is None:
                return None
            return self._close(own + 1) if self._is(own + 1, TokenType.L_PAREN) else own
        if isinstance(node, exp.Identifier | exp.Literal | exp.Var):
            return self._own(node)
        if isinstance(node, exp.Column):
            return self.last(node.parts[-1]) if node.parts else None
        if isinstance(node, exp.Cast):
            i = self.first(node)
            return self._close(i + 1) if i is not None else None
        if isinstance(node, exp.Array):
            i = self.first(node)
            return self._close(i) if i is not None else None
        if isinstance(node, exp.Paren):
            j = self.last(node.this)
            return j + 1 if j is not None and self._is(j + 1, TokenType.R_PAREN) else None
        if isinstance(node, exp.Neg):
            return self.last(node.this)
        if isinstance(node, exp.Bracket):
            j = self.last(node.this)
            if j is None or not self._is(j + 1, TokenType.L_BRACKET):
                return None
            return self._close(j + 1)
        if isinstance(node, exp.Binary):
            return self.last(node.expression)
        return None

    def place(self, node: exp.Expression) -> tuple[str, int] | None:
        """(the call's name as written, the token that writes it), when certain."""
        own = self._own(node)
        if own is not None:  # a function's name (MOD and DIV too)
            written = self.tokens[own].text
            if written.upper() == _name(node).upper():
                return written, own
            return None
        if isinstance(node, exp.Cast):
            i = self.first(node)
            return (self.tokens[i].text, i) if i is not None else None
        if isinstance(node, exp.Neg):
            i = self.first(node)
            return ("-", i) if i is not None else None
        if isinstance(node, exp.Bracket):
            j = self.last(node.this)
            if j is None or not self._is(j + 1, TokenType.L_BRACKET):
                return None
            word = j + 2
            if word < len(self.tokens) and self.tokens[word].text.upper() in SUBSCRIPTS:
                return self.tokens[word].text, word
            return "array subscript", j + 1
        want = OPERATORS.get(type(node))
        if want is not None:
            j = self.last(node.this)
            if j is not None and self._is(j + 1, want):
                return self.tokens[j + 1].text, j + 1
        shift = SHIFTS.get(type(node))
        if shift is not None:  # << and >> are two tokens each
            j = self.last(node.this)
            if j is not None and self._is(j + 1, shift) and self._is(j + 2, shift):
                return self.tokens[j + 1].text * 2, j + 1
        return None
