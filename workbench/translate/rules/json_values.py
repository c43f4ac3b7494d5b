"""PARSE_JSON and JSON literals read as BigQuery's JSON reader reads them.

BigQuery keeps the first of an object's repeated names (``{"a": 1, "a": 2}`` is ``{"a": 1}``),
refuses a number beyond FLOAT64's range (``1e400``), and, in its default
``wide_number_mode=>'exact'``, a number its FLOAT64 does not hold as written
(``3.14159265358979323846``; an integer within INT64 or UINT64 is kept), which 'round' rounds
to that FLOAT64 (https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions#parse_json).
DuckDB's ``json()`` kept both names and every number's text. The text goes through
``json_text.parse_json_text`` (the first name kept, numbers rounded in 'round' mode), and
``json_text.parse_json_problem`` says which error BigQuery raises, if any.
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate import json_text
from workbench.translate.context import Context, Translation
from workbench.translate.rules._sql import bottom_up, fail, fn, paren

_PROBLEMS = {
    "range": "a JSON number is beyond FLOAT64's range",
    "exact": "a JSON number cannot round-trip through FLOAT64 without "
    "losing precision; wide_number_mode=>'round' rounds it",
    "mode": "wide_number_mode is 'exact' or 'round'",
}


def parse_json(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """PARSE_JSON(text[, wide_number_mode=>m]) and ``JSON '...'``: see the module."""

    changed = False
    for node in bottom_up(tree, exp.ParseJSON):
        text = node.this
        mode_arg = node.args.get("expression")
        if isinstance(mode_arg, exp.Kwarg):
            mode_arg = mode_arg.expression
        mode = mode_arg.copy() if mode_arg is not None else exp.Literal.string("exact")
        problem = fn(json_text.PARSE_JSON_PROBLEM, text.copy(), mode.copy())
        checked = exp.Case(
            ifs=[
                exp.If(
                    this=exp.EQ(this=problem.copy(), expression=exp.Literal.string(code)),
                    true=fail(message),
                )
                for code, message in _PROBLEMS.items()
            ],
            default=fn("json", fn(json_text.PARSE_JSON_TEXT, text.copy(), mode)),
        )
        new = paren(checked)
        new.type = exp.DataType.build("JSON")
        node.replace(new)
        changed = True
    return changed
