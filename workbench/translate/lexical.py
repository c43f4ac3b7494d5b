"""BigQuery's lexical structure where sqlglot's tokenizer reads it otherwise, on the tokens.

BigQuery accepts raw bytes literals: the prefixes r and b together, in either order and any
case (``rb'...'``, ``Br"..."``, triple quotes too), as its lexical structure page says.
sqlglot's BigQuery tokenizer knows ``b'...'`` and ``r'...'`` but not both prefixes together:
it reads ``rb`` as a name followed by a string, which the parser rejects as a syntax error.
The two tokens are made one bytes token here, with the string's text read raw (no escape
processing), before the parser sees them.
https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#string_and_bytes_literals
"""

from __future__ import annotations

import re

from sqlglot.dialects.dialect import Dialect
from sqlglot.tokens import Token, TokenType

from wbcore.errors import UnsupportedError

RAW_BYTES_PREFIXES = frozenset({"rb", "br"})


def raw_bytes_literals(tokens: list[Token], sql: str) -> list[Token]:
    """``rb'...'``/``br'...'`` as one BYTE_STRING token whose text is the raw bytes (one
    character per byte, as sqlglot holds every bytes literal); other tokens unchanged."""
    merged: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if (
            after is not None
            and token.token_type == TokenType.VAR
            and sql[token.start : token.end + 1].lower() in RAW_BYTES_PREFIXES
            and after.token_type == TokenType.STRING
            and after.start == token.end + 1  # written together: no space between
        ):
            text = _raw_text(sql[after.start : after.end + 1])
            merged.append(
                Token(
                    TokenType.BYTE_STRING,
                    text.encode("utf-8").decode("latin-1"),
                    line=after.line,
                    col=after.col,
                    start=token.start,
                    end=after.end,
                    comments=[*token.comments, *after.comments],
                )
            )
            i += 2
            continue
        merged.append(token)
        i += 1
    return merged


# a number as BigQuery's lexical structure reads it: digits, a point, an exponent
_NUMBER = re.compile(r"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def exponent_signs(tokens: list[Token], sql: str) -> list[Token]:
    """``1e3+1e3`` is 1e3 plus 1e3: a sign after an exponent's digits starts the next token.

    sqlglot's tokenizer reads the sign as the exponent's (``1e3+1`` one NUMBER, then the name
    ``e3``: a syntax error), and ``2*1e1-1`` as 2 times the literal ``1e1-1``, 18 where
    BigQuery gives 19 (lexical#floating_point_literals: ``[+-]`` only right after the E).
    The number ends where BigQuery's does; the text after it, to the end of the run of tokens
    written together, is read again.
    https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#floating_point_literals
    """
    if not any(t.token_type == TokenType.NUMBER and "e" in t.text.lower() for t in tokens):
        return tokens  # no exponent: nothing to split (the common case, one pass)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        written = sql[token.start : token.end + 1]
        match = _NUMBER.match(written) if token.token_type == TokenType.NUMBER else None
        if match is None or match.end() >= len(written) or written[match.end()] not in "+-":
            i += 1
            continue
        j = i  # the run of tokens written together (no space) from this one
        while j + 1 < len(tokens) and tokens[j + 1].start == tokens[j].end + 1:
            j += 1
        split = token.start + match.end()
        first_col = token.col - (token.end - split)  # the column of the sign
        head = Token(
            TokenType.NUMBER,
            written[: match.end()],
            line=token.line,
            col=first_col - 1,
            start=token.start,
            end=split - 1,
            comments=token.comments,
        )
        rest = Dialect.get_or_raise("bigquery").tokenize(sql[split : tokens[j].end + 1])
        for t in rest:
            if t.line == 1:
                t.col += first_col - 1
            t.line += token.line - 1
            t.start += split
            t.end += split
        tokens = [*tokens[:i], head, *rest, *tokens[j + 1 :]]
        i += 1
    return tokens


def _raw_text(quoted: str) -> str:
    """The text of a quoted string read as BigQuery's raw string ``r<quoted>`` is read."""
    (token,) = Dialect.get_or_raise("bigquery").tokenize("r" + quoted)
    return token.text


def civil_format_casts(tokens: list[Token]) -> None:
    """``CAST(x AS DATETIME | TIME FORMAT f)`` is refused: sqlglot's parser turns every
    temporal CAST ... FORMAT but DATE into a TIMESTAMP parse and drops the target type, so
    the result would be a TIMESTAMP where BigQuery returns a DATETIME or a TIME."""
    for before, token, after in zip(tokens, tokens[1:], tokens[2:], strict=False):
        if (
            before.token_type == TokenType.ALIAS
            and after.token_type == TokenType.FORMAT
            and token.text.upper() in ("DATETIME", "TIME")
        ):
            raise UnsupportedError(
                f"CAST(... AS {token.text.upper()} FORMAT ...)",
                "the parser reads it as a TIMESTAMP; use PARSE_DATETIME or PARSE_TIME",
                token.line,
            )


_CASTS = ("CAST", "SAFE_CAST")


def _join_literals(tokens: list[Token], i: int) -> None:
    """``'a' || 'b' || ...`` from ``tokens[i]`` on becomes the one literal 'ab...' (in place):
    the same STRING, written in parts."""
    j = i
    while (
        j + 2 < len(tokens)
        and tokens[j].token_type == TokenType.STRING
        and tokens[j + 1].token_type == TokenType.DPIPE
        and tokens[j + 2].token_type == TokenType.STRING
    ):
        j += 2
    if j == i:
        return
    first, last = tokens[i], tokens[j]
    text = "".join(t.text for t in tokens[i : j + 1 : 2])
    joined = Token(
        TokenType.STRING, text, line=first.line, col=first.col, start=first.start, end=last.end
    )
    tokens[i : j + 1] = [joined]


def expression_format_casts(tokens: list[Token]) -> None:
    """``CAST(x AS type FORMAT f)`` with ``f`` not a string literal (a column,
    ``CAST(NULL AS STRING)``) is refused: sqlglot's parser reads only a literal there (a raw
    syntax error), and every format rule reads the format when the query is translated.
    Literals joined with ``||`` are the one literal they make.
    https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements"""
    stack: list[list[bool]] = []  # per open parenthesis: a CAST's, its AS seen
    for i, token in enumerate(tokens):
        kind = token.token_type
        if kind == TokenType.L_PAREN:
            before = tokens[i - 1] if i else None
            is_cast = before is not None and before.text.upper() in _CASTS
            stack.append([is_cast, False])
        elif kind == TokenType.R_PAREN:
            if stack:
                stack.pop()
        elif kind == TokenType.ALIAS and stack and stack[-1][0]:
            stack[-1][1] = True
        elif kind == TokenType.FORMAT and stack and all(stack[-1]):
            _join_literals(tokens, i + 1)
            value = tokens[i + 1] if i + 1 < len(tokens) else None
            end = tokens[i + 2] if i + 2 < len(tokens) else None
            literal = value is not None and value.token_type == TokenType.STRING
            closed = end is not None and (
                end.token_type == TokenType.R_PAREN or end.text.upper() == "AT"
            )
            if not (literal and closed):
                raise UnsupportedError(
                    "CAST(... FORMAT expression)",
                    "only a format written as a string literal is read offline",
                    token.line,
                )


# Tokens a path may continue from: a name, a quoted name, a closing parenthesis or bracket.
_PATH_ENDS = frozenset(
    {TokenType.VAR, TokenType.IDENTIFIER, TokenType.R_PAREN, TokenType.R_BRACKET}
)
_NOT_NAMES = frozenset({TokenType.VAR, TokenType.IDENTIFIER, TokenType.STAR, TokenType.NUMBER})


def names_after_dots(tokens: list[Token]) -> None:
    """A keyword after a dot in a path is a name: ``j.array[0]``, ``j.select``.

    GoogleSQL reads every word after the dot of a path expression as a field name, reserved
    or not (lexical#identifiers: "path expressions ... can contain reserved keywords" after
    a dot). sqlglot read ``j.array[0]`` as the array literal ``ARRAY[0]`` and dropped ``j.``,
    a silent wrong value, and ``j.select`` as a syntax error. A word followed by ``(`` stays
    what it is (``HLL_COUNT.MERGE(x)``, ``SAFE.DIVIDE(...)``: names of calls).
    """
    for before, dot, token, after in zip(
        tokens, tokens[1:], tokens[2:], [*tokens[3:], None], strict=False
    ):
        if (
            dot.token_type == TokenType.DOT
            and before.token_type in _PATH_ENDS
            and token.token_type not in _NOT_NAMES
            and token.text.replace("_", "a").isalnum()
            and dot.end + 1 == token.start  # `j.array`, written together
            and (after is None or after.token_type != TokenType.L_PAREN)
        ):
            token.token_type = TokenType.VAR


def empty_struct_constructors(tokens: list[Token]) -> None:
    """``STRUCT<>()``: the empty STRUCT constructor, as ``STRUCT()`` (data-types#struct_type).

    The tokenizer reads ``<>`` as the operator "not equal", and sqlglot's parser then found
    an incomplete ``!=`` (a syntax error). Before ``(`` the two characters are the empty
    field list of the type, and the constructor has no argument to type: ``STRUCT()``.
    """
    i = 0
    while i + 2 < len(tokens):
        if (
            tokens[i].token_type == TokenType.STRUCT
            and tokens[i + 1].token_type == TokenType.NEQ
            and tokens[i + 1].text == "<>"
            and tokens[i + 2].token_type == TokenType.L_PAREN
        ):
            del tokens[i + 1]
        i += 1
