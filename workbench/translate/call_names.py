"""Every function call as the user wrote it: its BigQuery name, line and column.

sqlglot turns a call into a node of its own choosing: ``IFNULL`` into ``Coalesce``, ``SUBSTR``
into ``Substring``, ``MOD`` into an operator, ``SAFE.DIVIDE`` into a wrapper around an
anonymous call, ``FORMAT_DATE(f, d)`` into a ``TimeToStr`` around a ``TsOrDsToDate`` nobody
wrote. The node's class cannot say which BigQuery function was called (``TRY_CAST`` and
``SAFE_CAST`` make the same node; only one is BigQuery's), so the parser records the name
token of every call it parses (``CALLS`` in the node's meta; a node a builder returns
unchanged keeps the names of both calls), with the dotted prefix written before it
(``NET.HOST``, ``HLL_COUNT.MERGE``, ``SAFE.SUBSTR``). ``written_calls`` reads them back from
a tree before any rule has rewritten it (``functions_offline`` says which may run).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlglot import exp
from sqlglot.tokens import Token, TokenType

from wbcore.errors import UnsupportedError, UserError
from workbench.translate import like_syntax
from workbench.translate.bigquery_functions import NAMES, PREFIXES
from workbench.translate.path_syntax import PathBracketsMixin

CALLS = "workbench_calls"  # the statement's meta: its calls as written (``Call``), in text order
# Wrappers the parser puts around a call (OVER, IGNORE NULLS, WITHIN GROUP ...): the call's
# node is inside them.
_WRAPPERS = (exp.Window, exp.IgnoreNulls, exp.RespectNulls, exp.WithinGroup, exp.Filter)
_NAME_TOKENS = (TokenType.VAR, TokenType.IDENTIFIER)


@dataclass(frozen=True)
class Call:
    """One call as written: ``name`` upper case with its dotted prefix, and the node's class."""

    name: str
    line: int
    column: int
    kind: type[exp.Expression]

    @property
    def safe(self) -> bool:
        """``SAFE.f(...)``: the function is ``f`` (``base``), in its NULL-on-error form."""
        return self.name.startswith("SAFE.")

    @property
    def base(self) -> str:
        return self.name[len("SAFE.") :] if self.safe else self.name


class NamedCallsParser(PathBracketsMixin, like_syntax.parser_class()):  # type: ignore[misc]
    """BigQuery's parser, recording the name token of each call it parses.

    The record is the parser's, not the nodes': a builder may drop the node of an inner call
    (``TO_HEX(MD5(x))`` is one ``MD5`` node), and the call was written all the same. A call
    parsed on a path the parser then backs out of (``_retreat``) is forgotten.
    """

    def reset(self) -> None:
        super().reset()
        self.calls: list[tuple[int, Call]] = []  # (index of the name token, call)

    def _retreat(self, index: int) -> None:
        if index < self._index and self.calls and self.calls[-1][0] >= index:
            self.calls = [(i, c) for i, c in self.calls if i < index]
        super()._retreat(index)

    def _parse_function_call(self, *args: Any, **kwargs: Any) -> exp.Expression | None:
        index = self._index
        token = self._curr
        try:
            result = super()._parse_function_call(*args, **kwargs)
        except (IndexError, KeyError, TypeError, ValueError, AttributeError):
            # a builder of sqlglot's that fails on the arguments (VAR_MAP(1): IndexError)
            raise self._unreadable(index) from None
        if result is None or token is None:
            return result
        name, first = self._dotted(index)
        node = result
        while isinstance(node, _WRAPPERS) and isinstance(node.this, exp.Expression):
            node = node.this
        column = first.col - len(first.text) + 1  # sqlglot's col is the token's last character
        self.calls.append((index, Call(name, first.line, column, type(node))))
        return result

    def _dotted(self, index: int) -> tuple[str, Token]:
        """The call's name with the dotted prefix written before it (NET.HOST, SAFE.SUBSTR),
        and the token it starts with."""
        name = self._tokens[index].text.upper()
        i = index
        while (
            i >= 2
            and self._tokens[i - 1].token_type == TokenType.DOT
            and (
                self._tokens[i - 2].token_type in _NAME_TOKENS
                or self._tokens[i - 2].text.isidentifier()
            )
        ):
            name = f"{self._tokens[i - 2].text.upper()}.{name}"
            i -= 2
        return name, self._tokens[i]

    def _unreadable(self, index: int) -> UserError:
        """A call sqlglot cannot build: BigQuery's error for a name it lacks, else a refusal."""
        name, first = self._dotted(index)
        base = name.removeprefix("SAFE.")
        if base in NAMES or base.startswith(PREFIXES):
            return UnsupportedError(
                f"function {name}", "sqlglot cannot read the arguments of this call", first.line
            )
        return UserError(
            f"Function not found: {name}",
            line=first.line,
            column=first.col - len(first.text) + 1,
            construct=f"function {name}",
        )

    def written(self) -> list[Call]:
        """The calls of the parse, in text order, each once."""
        seen: dict[int, Call] = {}
        for i, call in self.calls:
            seen[i] = call  # a call parsed again on the same tokens: the last parse is the tree's
        return [seen[i] for i in sorted(seen)]


def written_calls(tree: exp.Expression) -> list[Call]:
    """The calls ``context.parse`` recorded for ``tree``, the statement as parsed."""
    return list(tree.meta.get(CALLS, ()))
