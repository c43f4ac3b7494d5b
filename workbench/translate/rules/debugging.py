"""BigQuery's debugging function: ERROR(message) stops the query with ``message``.

DuckDB's ``error(message)`` does the same, with the same name: the rule only checks the
argument (one STRING), which BigQuery requires when it analyses the query. A message that
is a literal of the query is shown as it is (``engines.errors``); one computed from the data
never is.
"""

from __future__ import annotations

from sqlglot import exp

from wbcore.errors import UserError
from workbench.translate.context import Context, Translation, line_of
from workbench.translate.rules._sql import is_type, known_type, nodes


def error_function(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """ERROR(message) is DuckDB's error(message); BigQuery accepts exactly one STRING."""

    for node in nodes(tree, exp.Anonymous):
        if node.name.upper() != "ERROR":
            continue
        args = node.expressions
        if len(args) != 1 or (known_type(args[0]) and not is_type(args[0], "STRING")):
            raise UserError(
                "ERROR takes one STRING argument, the message",
                line=line_of(node),
                construct="ERROR",
            )
    return False
