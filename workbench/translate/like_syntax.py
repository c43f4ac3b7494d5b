"""``x LIKE ALL UNNEST(patterns)``: BigQuery's quantified LIKE over an array, which sqlglot's
parser reads for ANY but not for ALL (operators#like_operator_quantified)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlglot import exp
from sqlglot.dialects.bigquery import BigQuery
from sqlglot.tokens import TokenType

if TYPE_CHECKING:
    from sqlglot.parser import Parser

_PARSER: type | None = None


def parser_class() -> type[Parser]:
    """BigQuery's parser, reading ``LIKE ALL UNNEST(...)`` as it reads ``LIKE ANY UNNEST(...)``."""
    global _PARSER
    if _PARSER is None:

        class QuantifiedLikeParser(BigQuery.Parser):  # type: ignore[misc, valid-type]
            def _parse_function_call(self, *args: Any, **kwargs: Any) -> Any:
                if (
                    self._curr is not None
                    and self._curr.token_type == TokenType.ALL
                    and self._next is not None
                    and self._next.token_type == TokenType.UNNEST
                    and self._prev is not None
                    and self._prev.token_type in (TokenType.LIKE, TokenType.ILIKE)
                ):
                    self._advance()
                    return self.expression(exp.All(this=self._parse_bitwise()))
                return super()._parse_function_call(*args, **kwargs)

        _PARSER = QuantifiedLikeParser
    return _PARSER
