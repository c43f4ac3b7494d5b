"""A promoted query in the form its aggregation repository accepts (``[aggregation]``).

Dropsonde's repository checks each file's whole text, comments and strings included, with
one regular expression: every ``FROM`` is followed by ``(`` or the production table in
backticks (``from_rule`` in source.toml). A query that reads a CTE (``FROM latest``),
starts a FROM with UNNEST, or writes ``EXTRACT(DAY FROM ts)`` fails it although it reads
nothing else, so it is rewritten, on the syntax tree, into an equivalent that passes:

- every CTE is inlined as a subquery at each of its uses, the innermost WITH first, so an
  inner CTE shadows an outer one of the same name just where BigQuery says it does; a
  recursive WITH is refused (it has no subquery form);
- ``FROM UNNEST(a) AS x`` becomes ``FROM (SELECT 1 AS one) AS one, UNNEST(a) AS x`` (a
  one-row anchor: the same rows), refused under a bare ``SELECT *``, which would show it;
- ``EXTRACT(p FROM e)`` and ``a IS DISTINCT FROM b`` get parentheses around the operand after
  FROM, and a name ending in "from" (``valid_from``) is quoted.

CTEs are first inlined by splicing each CTE's own text into its uses (sqlglot records where
identifiers are), so the author's layout and comments survive; every step is compared with
the same step done on the tree, and if they ever differ, or anything else must change, the
query is regenerated from the tree (the leading comment block kept verbatim). The regular
expression only checks the result: a ``FROM`` it still rejects, in a comment or a string
literal, refuses the file with the rule and the line named.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.tokens import TokenType

from wbcore.errors import UserError
from workbench.header import parse_header
from workbench.translate import line_of, parse, table_name
from workbench.translate.dp_syntax import bounds_of, clause_of

if TYPE_CHECKING:
    from sqlglot.tokens import Token

_STRINGS = {
    TokenType.STRING,
    TokenType.RAW_STRING,
    TokenType.BYTE_STRING,
    TokenType.NATIONAL_STRING,
    TokenType.HEX_STRING,
    TokenType.BIT_STRING,
    TokenType.HEREDOC_STRING,
    TokenType.UNICODE_STRING,
}
_TABLE_ARGS = {"pivots": "PIVOT", "sample": "TABLESAMPLE", "version": "FOR SYSTEM_TIME AS OF"}
# a query with more WITH clauses than this is not an aggregation query
_MAX_STEPS = 1_000


def repository_form(
    sql: str,
    rule: str | None,
    description: str = "",
    production: str | None = None,
    where: str = "query",
) -> str:
    """``sql`` (already reading the production table) in a form ``rule`` does not reject.

    ``rule``: the repository's check, a regular expression that rejects a file when it
    matches anywhere in its text. Raises a UserError naming the rule when no equivalent
    form passes (a ``FROM`` in a comment or a string literal, a recursive WITH).
    """

    if rule is None:
        return sql
    pattern = re.compile(rule)
    if not pattern.search(sql):
        return sql
    named = f"the aggregation repository's rule ({description or '/' + rule + '/'})"
    tree = parse(sql, where)
    _refuse_in_text(sql, pattern, named, where)
    # the rewrite on the tree first: it refuses what has no accepted form, with the line of
    # the user's file; the spliced text is preferred when it passes (the author's layout)
    _inline_all(tree, where)
    _fix_from_keywords(tree, where, named)
    spliced = _spliced(sql, where)
    if spliced is not None and not pattern.search(spliced):
        return spliced
    if production:
        _quote_production(tree, production)
    text = regenerate(sql, tree)
    match = pattern.search(text)
    if match:
        raise UserError(
            f"the promoted text would still have {_quoted(text, match)}, rejected by {named}; "
            "rewrite that part of the query",
            file=where,
        )
    return text


def regenerate(sql: str, tree: exp.Expression) -> str:
    """The tree as BigQuery SQL, after the original leading comment block.

    sqlglot cannot write BigQuery's differential privacy syntax back (the workbench reads it
    from the tokens, ``translate.dp_syntax``): such a query is promoted as written or not at
    all, never with its clause or contribution bounds silently dropped.
    """

    if any(clause_of(n) or bounds_of(n) for n in tree.find_all(exp.Select, exp.AggFunc)):
        raise UserError(
            "a WITH DIFFERENTIAL_PRIVACY query is promoted as written, and this one would "
            "need a rewrite on the syntax tree (which cannot write the clause back): read the "
            "production table in backticks directly in its FROM",
            construct="WITH DIFFERENTIAL_PRIVACY",
        )
    lines = sql.splitlines()
    head = lines[: parse_header(sql).end]
    body = tree.copy()
    for node in body.walk():
        if isinstance(node, exp.Expression) and node.comments:
            node.comments = [c for c in node.comments if f"--{c}" not in "".join(head)]
    text = body.sql(dialect="bigquery", pretty=True)
    return "\n".join([*head, text]) + "\n"


# -- what no rewrite can change -------------------------------------------------------------


def _tokens(sql: str) -> list[Token]:
    """The tokens of a text that has parsed (so they split), with their positions."""
    return Dialect.get_or_raise("bigquery").tokenize(sql)


def _refuse_in_text(sql: str, pattern: re.Pattern[str], named: str, where: str) -> None:
    """A match that starts in a comment, a string literal or a quoted name stays in every
    equivalent query: refuse it here, with its line in the user's file."""

    tokens = _tokens(sql)
    for match in pattern.finditer(sql):
        at = match.start()
        token = next((t for t in tokens if t.start <= at <= t.end), None)
        if token is None:
            what, fix = "a comment", "reword the comment"
        elif token.token_type in _STRINGS:
            what, fix = "a string literal", "split the string (CONCAT) or use another word"
        elif token.token_type == TokenType.IDENTIFIER and sql[token.start] == "`":
            what, fix = "a quoted name", "rename it"
        else:
            continue
        raise UserError(
            f"{_quoted(sql, match)} in {what} is rejected by {named}; {fix}",
            file=where,
            line=sql.count("\n", 0, at) + 1,
        )


def _quoted(text: str, match: re.Match[str]) -> str:
    """The rejected FROM and what follows it on its line, shortly."""
    line = text[match.start() :].split("\n", 1)[0]
    shown = " ".join(line.split())
    return f"`{shown[:20]}{'...' if len(shown) > 20 else ''}`"


# -- CTEs: spliced as text, checked against the tree ----------------------------------------


def _deepest_with(tree: exp.Expression) -> exp.With | None:
    """The WITH clause nested deepest: no other WITH is left inside its scope."""
    best, depth = None, -1
    for node in tree.find_all(exp.With):
        d = 0
        parent = node.parent
        while parent is not None:
            d += 1
            parent = parent.parent
        if d > depth:
            best, depth = node, d
    return best


def _uses(with_: exp.With, cte: exp.CTE) -> list[exp.Table]:
    """The references to ``cte`` (the first of ``with_``): in the later CTEs of the same
    clause and in the query it belongs to, by name (one part, any case)."""
    query = with_.parent
    name = cte.alias.lower()
    scopes: list[exp.Expression] = list(with_.expressions[1:])
    for key, value in query.args.items():
        if key in ("with", "with_"):
            continue
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, exp.Expression):
                scopes.append(child)
    found = []
    for scope in scopes:
        for table in scope.find_all(exp.Table):
            if (
                not table.args.get("db")
                and not table.args.get("catalog")
                and table.name.lower() == name
            ):
                found.append(table)
    return found


def _check_recursive(with_: exp.With, where: str) -> None:
    if with_.args.get("recursive"):
        raise UserError(
            "WITH RECURSIVE cannot be promoted: the aggregation repository's rule needs every "
            "CTE inlined as a subquery, and a recursive one has no subquery form",
            file=where,
            line=line_of(with_),
        )


def _inline_first(with_: exp.With, where: str) -> None:
    """Inline the first CTE of ``with_`` at each use, on the tree."""

    _check_recursive(with_, where)
    cte = with_.expressions[0]
    names = [c.alias.lower() for c in with_.expressions]
    if names.count(cte.alias.lower()) > 1:
        raise UserError(f"two CTEs named {cte.alias!r} in one WITH", file=where, line=line_of(cte))
    if cte.args["alias"].columns:
        raise UserError(
            f"CTE {cte.alias!r} has a column list, which cannot be inlined",
            file=where,
            line=line_of(cte),
        )
    uses = _uses(with_, cte)
    comments = [*(with_.comments or []), *(cte.comments or [])]
    for table in uses:
        extra = [k for k, v in table.args.items() if v and k not in ("this", "alias")]
        if extra:
            how = _TABLE_ARGS.get(extra[0], extra[0].upper())
            raise UserError(
                f"CTE {cte.alias!r} is read with {how}, which is not inlined as a subquery; "
                "write the subquery yourself",
                file=where,
                line=line_of(table),
            )
        alias = table.args.get("alias")
        sub = exp.Subquery(
            this=cte.this.copy(),
            alias=alias.copy() if alias else exp.TableAlias(this=table.this.copy()),
        )
        if comments:
            sub.add_comments(comments)
            comments = []
        table.replace(sub)
    rest = with_.expressions[1:]
    if rest:
        with_.set("expressions", rest)
    else:
        with_.pop()


def _inline_all(tree: exp.Expression, where: str) -> None:
    for _ in range(_MAX_STEPS):
        with_ = _deepest_with(tree)
        if with_ is None:
            return
        _inline_first(with_, where)
    raise UserError(f"more than {_MAX_STEPS} CTEs", file=where)


def _plain(tree: exp.Expression) -> str:
    return tree.sql(dialect="bigquery", comments=False)


def _spliced(sql: str, where: str) -> str | None:
    """Every CTE inlined by splicing text, one CTE at a time, each step checked against the
    same step on the tree; None when a step cannot be spliced (the caller regenerates)."""

    text = sql
    for _ in range(_MAX_STEPS):
        tree = parse(text, where)
        with_ = _deepest_with(tree)
        if with_ is None:
            return text
        spliced = _splice_first(text, with_)
        _inline_first(with_, where)
        if spliced is None or _plain(parse(spliced, where)) != _plain(tree):
            return None
        text = spliced
    return None


def _splice_first(text: str, with_: exp.With) -> str | None:
    """The text with the first CTE of ``with_`` spliced into its uses and removed."""

    cte = with_.expressions[0]
    start = cte.args["alias"].this.meta.get("start")
    if start is None:
        return None
    tokens = _tokens(text)
    at = next((i for i, t in enumerate(tokens) if t.start == start), None)
    if at is None or at < 1 or at + 2 >= len(tokens):
        return None
    if (
        tokens[at + 1].token_type != TokenType.ALIAS
        or tokens[at + 2].token_type != TokenType.L_PAREN
    ):
        return None
    close = _closing(tokens, at + 2)
    if close is None or close + 1 >= len(tokens):
        return None
    body_start = tokens[at + 2].end + 1
    body = text[body_start : tokens[close].start]
    # newlines inside the body's string literals are part of their values
    fixed = [
        (t.start - body_start, t.end - body_start)
        for t in tokens[at + 3 : close]
        if t.token_type in _STRINGS or t.token_type == TokenType.IDENTIFIER
    ]
    if len(with_.expressions) == 1:
        first = at - 1  # the WITH keyword
        if tokens[first].token_type != TokenType.WITH:
            return None
        last = close + 1  # removed up to the token after the closing parenthesis
    else:
        first = at
        if tokens[close + 1].token_type != TokenType.COMMA or close + 2 >= len(tokens):
            return None
        last = close + 2
    # comments written around the definition (not inside its body) go with its first use
    gaps = [
        text[tokens[i].end + 1 : tokens[i + 1].start]
        for i in range(first, last)
        if not at + 2 <= i < close
    ]
    carried = [g.strip() for g in gaps if g.strip()]
    edits: list[tuple[int, int, str]] = [(tokens[first].start, tokens[last].start, "")]
    uses = sorted(_uses(with_, cte), key=lambda t: t.this.meta.get("start", -1))
    for table in uses:
        meta = table.this.meta
        if "start" not in meta or "end" not in meta:
            return None
        name = text[meta["start"] : meta["end"] + 1]
        prefix = ""
        if carried:
            prefix = "".join(f"\n{c}" for c in carried) + ("" if body.startswith("\n") else "\n")
            carried = []
        alias = "" if table.args.get("alias") else f" AS {name}"
        line_start = text.rfind("\n", 0, meta["start"]) + 1
        indent = re.match(r"[ \t]*", text[line_start:]).group()
        inlined = _indented(f"{prefix}{body}", indent, fixed, len(prefix))
        edits.append((meta["start"], meta["end"] + 1, f"({inlined}){alias}"))
    if carried:  # an unused CTE: its comments stay where the WITH was
        edits[0] = (edits[0][0], edits[0][1], "\n".join(carried) + "\n")
    for begin, end, replacement in sorted(edits, reverse=True):
        text = text[:begin] + replacement + text[end:]
    return text


def _indented(body: str, indent: str, fixed: list[tuple[int, int]], offset: int) -> str:
    """``body`` with ``indent`` after each line break that is not inside a string or quoted
    name (``fixed``: their spans in the body, which starts ``offset`` characters in)."""
    if not indent:
        return body
    out = []
    for i, char in enumerate(body):
        out.append(char)
        if char == "\n" and not any(a <= i - offset <= b for a, b in fixed):
            out.append(indent)
    return "".join(out)


def _closing(tokens: list[Token], opening: int) -> int | None:
    depth = 0
    for i in range(opening, len(tokens)):
        kind = tokens[i].token_type
        if kind == TokenType.L_PAREN:
            depth += 1
        elif kind == TokenType.R_PAREN:
            depth -= 1
            if depth == 0:
                return i
    return None


# -- other FROMs the rule rejects -----------------------------------------------------------


def _fresh_name(tree: exp.Expression, base: str) -> str:
    used = {i.name.lower() for i in tree.find_all(exp.Identifier)}
    name, n = base, 1
    while name.lower() in used:
        n += 1
        name = f"{base}{n}"
    return name


def _fix_from_keywords(tree: exp.Expression, where: str, named: str) -> None:
    """Rewrite the FROMs the rule rejects that are no table reference, each into an
    equivalent it accepts."""

    for from_ in list(tree.find_all(exp.From)):
        unnest = from_.this
        if not isinstance(unnest, exp.Unnest):
            continue
        select = from_.parent
        if not isinstance(select, exp.Select) or any(
            isinstance(e, exp.Star) for e in select.expressions
        ):
            raise UserError(
                f"`FROM UNNEST(...)` is rejected by {named}, and its equivalent with a one-row "
                "anchor would add a column to this `SELECT *`; name the columns",
                file=where,
                line=line_of(from_),
            )
        anchor = _fresh_name(tree, "one")
        from_.set(
            "this",
            exp.Subquery(
                this=exp.select(exp.alias_(exp.Literal.number(1), anchor)),
                alias=exp.TableAlias(this=exp.to_identifier(anchor)),
            ),
        )
        select.set("joins", [exp.Join(this=unnest), *(select.args.get("joins") or [])])
    for node in list(tree.find_all(exp.Extract)):
        # AT TIME ZONE too: sqlglot writes it for BigQuery as TIMESTAMP(DATETIME(value, zone))
        value = node.expression
        if value is not None and not isinstance(value, exp.Paren):
            node.set("expression", exp.Paren(this=value.copy()))
    for node in list(tree.find_all(exp.NullSafeEQ, exp.NullSafeNEQ)):
        if not isinstance(node.expression, exp.Paren):
            node.set("expression", exp.Paren(this=node.expression.copy()))
    for ident in tree.find_all(exp.Identifier):
        if ident.name.lower().endswith("from"):
            ident.set("quoted", True)


def _quote_production(tree: exp.Expression, production: str) -> None:
    """Every reference to the production table as the one backticked name the rule expects."""
    for table in list(tree.find_all(exp.Table)):
        if table_name(table).lower() != production.lower():
            continue
        new = exp.maybe_parse(f"`{production}`", into=exp.Table, dialect="bigquery")
        alias = table.args.get("alias")
        if alias is not None:
            new.set("alias", alias.copy())
        table.replace(new)
