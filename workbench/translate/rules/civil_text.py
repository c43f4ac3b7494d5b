"""Text cast to DATE, DATETIME and TIMESTAMP must be in BigQuery's canonical form
(issue 15, oracle round 3).

DuckDB's casts read more: spaces around the text, '/' between the date's parts, a time of
day without seconds, a DATE from a datetime's text. GoogleSQL's reference evaluator
refuses each ("Invalid date: ' 2024-02-29 '"); SAFE_CAST gives NULL for them.
"""

from __future__ import annotations

import re

from sqlglot import exp

from workbench.translate.context import Context, Translation, UserError, line_of
from workbench.translate.rules._sql import case, cast, fail, fn, is_type, nodes, paren

_DATE = r"\d{1,4}-\d{1,2}-\d{1,2}"
_TIME = r"[ Tt]\d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?"
_ZONE = r"( ?([zZ]|[+-]\d{1,2}(:?\d\d)?)| [A-Za-z][A-Za-z0-9_/+-]*)"
# the canonical forms (conversion_functions#cast_as_date, #cast_as_datetime,
# #cast_as_timestamp): [Y]YYY-[M]M-[D]D[( |T)[H]H:[M]M:[S]S[.F]][time zone]
CANONICAL: dict[str, str] = {
    "DATE": _DATE,
    "DATETIME": f"{_DATE}({_TIME})?",
    "TIMESTAMP": f"{_DATE}({_TIME}{_ZONE}?)?",
}
_NAMES = {"DATE": "DATE", "DATETIME": "DATETIME", "TIMESTAMP": "TIMESTAMP"}


def _target(node: exp.Cast) -> str:
    to = node.args.get("to")
    for name in CANONICAL:
        if is_type(to, name):
            return name
    return ""


def civil_text_casts(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """CAST/SAFE_CAST(STRING AS DATE | DATETIME | TIMESTAMP) of text outside the canonical
    form raise (SAFE_CAST: NULL): checked when the query is translated for a literal, at
    run time for other text."""

    changed = False
    for node in reversed(nodes(tree, exp.Cast)):
        kind = _target(node)
        value = node.this
        if not kind or node.meta.get("civil_text"):
            continue
        literal = isinstance(value, exp.Literal) and value.is_string
        if not (literal or is_type(value, "STRING")):
            continue
        node.meta["civil_text"] = True
        pattern = CANONICAL[kind]
        safe = isinstance(node, exp.TryCast)
        if literal:
            if re.fullmatch(pattern, value.name):
                continue
            if safe:
                node.replace(exp.Cast(this=exp.Null(), to=node.to.copy()))
                changed = True
                continue
            raise UserError(
                f"invalid {kind} text: not in the form {kind} text has in BigQuery "
                "(YYYY-MM-DD[ HH:MM:SS[.F]][zone], nothing around it)",
                line=line_of(node),
                construct=kind,
            )
        bad = exp.Not(this=fn("regexp_full_match", value.copy(), exp.Literal.string(pattern)))
        otherwise = (
            cast(exp.Null(), node.to.sql("duckdb"))
            if safe
            else fail(f"CAST failed: the text is no {kind} in BigQuery's form")
        )
        new = paren(case(bad, otherwise, node.copy()))
        new.type = node.type
        node.replace(new)
        changed = True
    return changed
