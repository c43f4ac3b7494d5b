"""BigQuery SQL → DuckDB SQL, on the sqlglot syntax tree.

Each difference between the two engines is one named rule (``registry.RULES``, the rule
functions in ``rules/<area>.py``): a function that rewrites the BigQuery tree in place so
that DuckDB returns exactly what BigQuery would, or refuses with ``<construct> is not
supported offline: <why>``. ``translate`` runs the statement checks, then every rule in
registry order (table mapping, BigQuery name resolution, typed rewrites, SAFE., parameters),
and reports which fired.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wbcore.errors import TooDeepError, UnsupportedError, UserError
from workbench.translate.context import (
    CHECKS_ONLY,
    DIALECT,
    SAFE_PROBE,
    Context,
    TableInfo,
    Translation,
    check_read_only,
    line_of,
    parse,
    quote_name,
    table_name,
)

if TYPE_CHECKING:
    from sqlglot import exp

__all__ = [
    "CHECKS_ONLY",
    "DIALECT",
    "RULES",
    "SAFE_PROBE",
    "Context",
    "TableInfo",
    "Translation",
    "UnsupportedError",
    "approximate_lines",
    "check_read_only",
    "line_of",
    "parse",
    "quote_name",
    "table_name",
    "translate",
]


def translate(
    sql: str, context: Context, where: str = "query", tree: exp.Expression | None = None
) -> Translation:
    """Translate one BigQuery statement to DuckDB SQL under ``context``.

    ``tree``: the statement already parsed from ``sql`` and changed on purpose (the engine's
    probes make some calls SAFE); the rules rewrite it in place.
    """
    try:
        return _translate(sql, context, where, tree)
    except RecursionError:  # left-deep chains (1 + 1 + ... + 1) that no depth check sees
        raise TooDeepError(file=where) from None


def _translate(sql: str, context: Context, where: str, tree: exp.Expression | None) -> Translation:
    tree = parse(sql, where) if tree is None else tree
    check_read_only(tree, where)
    result = Translation(bigquery=sql, duckdb="", parameter_types=context.parameters)
    # The rules (and sqlglot, ~0.3 s) load on the first translation, not with the package:
    # `workbench schema` and `fake-data` never translate.
    from workbench.translate.registry import RULES
    from workbench.translate.rules._sql import forget_index
    from workbench.translate.rules.names import only_source_tables

    try:
        for rule in RULES:
            try:
                fired = rule.apply(tree, context, result)
            except UserError as exc:
                raise exc.at(file=where) from None
            if fired:
                result.rules.append(rule.fired_as)
                forget_index()  # a rule that changed the tree: the next one walks it afresh
        try:
            only_source_tables(tree, result.tables)
        except UserError as exc:
            raise exc.at(file=where) from None
    finally:
        forget_index()
    result.tree = tree
    result.duckdb = tree.sql(dialect="duckdb")
    return result


def approximate_lines(tree: exp.Expression) -> tuple[str, list[int]]:
    """The notice for approximate calls (APPROX_*, HLL_COUNT.*) and the lines that make them:
    offline they are exact, on BigQuery estimates (``workbench check`` reports it)."""
    from workbench.translate.rules.approximate import NOTICE, notice_lines

    return NOTICE, notice_lines(tree)


def __getattr__(name: str) -> object:
    if name == "RULES":
        from workbench.translate.registry import RULES

        return RULES
    raise AttributeError(name)
