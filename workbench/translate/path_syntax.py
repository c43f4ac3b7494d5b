"""Paths as GoogleSQL reads them where sqlglot's BigQuery parser reads them otherwise.

``j.array[0]``: a subscript of a path whose last name is ``array``, not an array literal.

sqlglot's parser treats any expression named ``ARRAY`` before ``[`` as the array constructor
``ARRAY[...]``, a path's column too: ``j.array[0]`` became ``[0]`` and ``j.`` was dropped, a
silent wrong value (GoogleSQL reads it as the element 0 of the field ``array`` of ``j``:
operators#field_access_operator, operators#array_subscript_operator). A name with a qualifier
(``j.array``, ``t.s.array``) is a path, never the constructor.

``FROM t.arr AS e WITH OFFSET``: an array path in FROM with an offset (query-syntax#unnest_operator:
``array_path [AS alias] [WITH OFFSET ...]``). sqlglot reads ``t.arr`` as a table name, which takes
no offset, and stopped at ``WITH`` (a syntax error); only an array takes an offset, so the path
is read as ``UNNEST(t.arr) AS e WITH OFFSET``, the form the rules already know.

``PIVOT(SUM(x) FOR y + 1 IN (2, 3))``: the FOR clause takes an expression in GoogleSQL
(query-syntax#pivot_operator: "FOR input_column"... the reference analyzer accepts any
expression); sqlglot's parser reads a column only and raised a syntax error at ``+``. It is
parsed here, so the pivot rule refuses it by name as it refuses ``CAST(y AS STRING)``.
``FROM t JOIN t.arr AS e ON ...``: sqlglot's parser makes a path from an earlier FROM item an
UNNEST only in a join without ON (query-syntax#correlated_join allows a condition); with one,
``t.arr`` was looked up as a table ("unknown table 't.arr'"). A join with ON is read the same.
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp
from sqlglot.optimizer.normalize_identifiers import normalize_identifiers
from sqlglot.parser import Parser
from sqlglot.tokens import Token, TokenType

# A name sqlglot's parser would never take for a constructor (no dialect's constructor).
_STAND_IN = "__wb_path_field"


class PathBracketsMixin:
    """The parser's bracket rule, with a qualified column kept a path before its subscript."""

    ARRAY_CONSTRUCTORS: dict[str, Any]

    def _parse_bracket(self, this: exp.Expression | None = None) -> exp.Expression | None:
        # the last name of a path: a qualified column's, or a field of `(expr).name`'s
        part = "this" if isinstance(this, exp.Column) and this.table else None
        if isinstance(this, exp.Dot):
            part = "expression"
        if this is None or part is None or this.name.upper() not in self.ARRAY_CONSTRUCTORS:
            return super()._parse_bracket(this)  # type: ignore[misc]
        name = this.args[part]
        this.set(part, exp.to_identifier(_STAND_IN))
        try:
            return super()._parse_bracket(this)  # type: ignore[misc]
        finally:
            this.set(part, name)

    def _parse_table(self, *args: Any, **kwargs: Any) -> exp.Expression | None:
        table = super()._parse_table(*args, **kwargs)  # type: ignore[misc]
        if (
            not isinstance(table, exp.Table)
            or len(table.parts) < 2
            or table.args.get("joins")
            or table.args.get("pivots")
            or not self._match_pair(TokenType.WITH, TokenType.OFFSET)  # type: ignore[attr-defined]
        ):
            return table
        self._match(TokenType.ALIAS)  # type: ignore[attr-defined]
        names = self.UNNEST_OFFSET_ALIAS_TOKENS  # type: ignore[attr-defined]
        offset = self._parse_id_var(  # type: ignore[attr-defined]
            any_token=False, tokens=names
        ) or exp.to_identifier("offset")
        alias = table.args.get("alias")
        columns = [alias.this] if isinstance(alias, exp.TableAlias) and alias.this else []
        unnest = exp.Unnest(
            expressions=[_path_column(table.parts)],
            alias=exp.TableAlias(columns=columns) if columns else None,
            offset=offset,
        )
        unnest.meta.update(table.meta)
        return unnest

    def _implicit_unnests_to_explicit(self, this: Any) -> Any:
        this = super()._implicit_unnests_to_explicit(this)  # type: ignore[misc]
        joins = this.args.get("joins") or []
        if not any(j.args.get("on") and isinstance(j.this, exp.Table) for j in joins):
            return this
        dialect = self.dialect  # type: ignore[attr-defined]
        first = this.args["from_"].this.copy()
        refs = {normalize_identifiers(first, dialect=dialect).alias_or_name}
        for join in joins:
            table = join.this
            normalized = table.copy()
            normalized.meta["maybe_column"] = True
            normalized = normalize_identifiers(normalized, dialect=dialect)
            if (
                isinstance(table, exp.Table)
                and join.args.get("on")
                and len(normalized.parts) > 1
                and normalized.parts[0].name in refs
            ):
                alias = table.args.get("alias")
                unnest = exp.Unnest(expressions=[_path_column(table.parts)])
                if isinstance(alias, exp.TableAlias) and alias.this:
                    unnest.set("alias", exp.TableAlias(columns=[alias.this.copy()]))
                table.replace(unnest)
            refs.add(normalized.alias_or_name)
        return this

    def _parse_column(self) -> exp.Expression | None:
        """A quoted name with a dot after the first part of a path stays one name.

        sqlglot's BigQuery parser splits every dotted quoted part of a column, as it must for
        `` `project.dataset.table`.column ``; a later part is a field name, and only a JSON
        key can hold a dot: ``j.`a.b``` is the key "a.b", which the split read as ``j.a.b``.
        """
        if self._later_part_has_a_dot():
            return Parser._parse_column(self)  # type: ignore[arg-type]  # sqlglot's own, no split
        return super()._parse_column()  # type: ignore[misc]

    def _parse_pivot_in(self) -> exp.In:
        """sqlglot's rule, with the FOR operand read as an expression (a sum, a call)."""
        index: int = self._index  # type: ignore[attr-defined]
        value = self._parse_bitwise()  # type: ignore[attr-defined]
        if value is None or isinstance(value, exp.Column):
            self._retreat(index)  # type: ignore[attr-defined]
            return super()._parse_pivot_in()  # type: ignore[misc]
        def operand() -> exp.Expression:  # the rule reads its operand with _parse_column, once
            del self._parse_column
            return value

        self._parse_column = operand
        try:
            return super()._parse_pivot_in()  # type: ignore[misc]
        finally:
            self.__dict__.pop("_parse_column", None)

    def _later_part_has_a_dot(self) -> bool:
        tokens: list[Token] = self._tokens  # type: ignore[attr-defined]
        i: int = self._index  # type: ignore[attr-defined]
        first = True
        while i < len(tokens) and tokens[i].token_type not in (TokenType.L_PAREN, TokenType.DOT):
            token = tokens[i]
            if not first and token.token_type == TokenType.IDENTIFIER and "." in token.text:
                return True
            first = False
            if i + 1 >= len(tokens) or tokens[i + 1].token_type != TokenType.DOT:
                return False
            i += 2
        return False


def _path_column(parts: list[exp.Identifier]) -> exp.Expression:
    """A FROM path's names as the column path sqlglot reads in ``UNNEST(a.b.c)``."""
    head = parts[:4]
    keys = ("catalog", "db", "table", "this")[-len(head) :]
    column: exp.Expression = exp.Column(**{k: p.copy() for k, p in zip(keys, head, strict=True)})
    for part in parts[4:]:
        column = exp.Dot(this=column, expression=part.copy())
    return column
