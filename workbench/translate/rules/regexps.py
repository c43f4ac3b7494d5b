"""REGEXP_INSTR with a capturing group: the position is the group's, not the match's.

GoogleSQL's string functions reference: when the regular expression has a capturing group,
REGEXP_INSTR returns the position of what the group matched (or, with occurrence_position 1,
the position after it). sqlglot's DuckDB form counts the whole match, so
``REGEXP_INSTR('xaby', 'a(b)')`` was 2 offline and is 3 on BigQuery.

The group's offset inside the match is read from the same pattern with what comes before
the group made a group of its own (``a(b)`` → ``(a)(b)``, the same matches): the position is
the match's plus the length of that prefix. This holds when the group is a plain part of
the pattern's top-level sequence; a group inside an alternation or a repetition (``a|(b)``,
``(b)+``) has no fixed prefix and is refused.
"""

from __future__ import annotations

import re

from sqlglot import exp

from workbench.translate.context import (
    SAFE_PROBE,
    Context,
    Translation,
    UnsupportedError,
    line_of,
)
from workbench.translate.rules._sql import bottom_up, case, fail, fn, num, paren

_QUANTIFIERS = ("?", "*", "+", "{")


def _class_end(p: str, i: int) -> int:
    """The index after the character class opening at ``p[i]`` ('[')."""
    j = i + 1
    if p.startswith("^", j):
        j += 1
    if p.startswith("]", j):
        j += 1
    while j < len(p) and p[j] != "]":
        j += 2 if p[j] == "\\" else 1
    return j + 1


def split_at_group(pattern: str) -> tuple[str, str] | None:
    """(what precedes the one capturing group, the rest) when the group is a plain part of
    the top-level sequence; None when it is not (alternation, repetition, nesting, flags)."""
    depth, i, start, end = 0, 0, None, None
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(pattern, i)
            continue
        if c == "(":
            capturing = not pattern.startswith("(?", i) or pattern.startswith("(?P<", i)
            if capturing:
                if depth or start is not None:
                    return None
                start = i
            elif start is None and not pattern.startswith("(?:", i):
                return None  # a flag group before the group: a group of its own changes it
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0 and start is not None and end is None:
                end = i
        elif c == "|" and depth == 0:
            return None
        i += 1
    if start is None or end is None or pattern[end + 1 : end + 2] in _QUANTIFIERS:
        return None
    return pattern[:start], pattern[start:]


def _groups(pattern: str) -> int | None:
    try:
        return re.compile(pattern).groups
    except re.error:  # RE2 syntax Python does not read
        return None


def _group_length(
    source: exp.Expression, marked: exp.Expression, occurrence: exp.Expression, group: int
) -> exp.Expression:
    """The length of group ``group`` of the occurrence-th match (0 when there is none)."""
    found = fn("regexp_extract_all", source.copy(), marked.copy(), num(group))
    item = fn("list_extract", found, occurrence.copy())
    return exp.Coalesce(this=exp.Length(this=item), expressions=[num(0)])


def regexp_instr_groups(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """REGEXP_INSTR(s, 'a(b)c', ...) is the position of the group's match (see module)."""
    changed = False
    for node in bottom_up(tree, exp.RegexpInstr):
        pattern = node.args.get("expression")
        if node.args.get("parameters") is not None:
            continue
        if not (isinstance(pattern, exp.Literal) and pattern.is_string):
            continue
        if _groups(pattern.name) != 1:
            continue  # none: the match's position; more than one: argument-errors raises
        parts = split_at_group(pattern.name)
        if parts is None:
            raise UnsupportedError(
                "REGEXP_INSTR with a capturing group inside an alternation or a repetition",
                "the position of the group's match is not translated",
                line_of(node),
            )
        before, rest = parts
        marked = exp.Literal.string(f"({before}){rest}")
        source = node.this.copy()
        position = node.args.get("position")
        if position is not None:
            source = exp.Substring(this=source, start=position.copy())
        occurrence = node.args.get("occurrence")
        occurrence = occurrence.copy() if occurrence is not None else num(1)

        option = node.args.get("option")
        start = node.copy()
        start.set("option", None)
        offset: exp.Expression = _group_length(source, marked, occurrence, 1)
        if option is not None:
            after = case(
                exp.EQ(this=paren(option.copy()), expression=num(1)),
                _group_length(source, marked, occurrence, 2),
                num(0),
            )
            offset = exp.Add(this=offset, expression=paren(after))
        found = paren(
            case(
                exp.EQ(this=start.copy(), expression=num(0)),
                num(0),
                exp.Add(this=start, expression=offset),
            )
        )
        node.replace(found)
        changed = True
    return changed


def regexp_extract_all_unmatched_group(
    tree: exp.Expression, ctx: Context, out: Translation
) -> bool:
    """REGEXP_EXTRACT_ALL of a pattern whose capturing group took no part in a match (``a(b)?c``
    over 'ac'): BigQuery's element is '' (GoogleSQL's regexp.cc appends the empty group),
    DuckDB's is NULL, which BigQuery's arrays cannot hold (the query then failed). A pattern
    known to have no group needs nothing: a whole match is never NULL."""
    changed = False
    for node in bottom_up(tree, exp.RegexpExtractAll):
        pattern = node.args.get("expression")
        if pattern is None or node.meta.get("unmatched_group"):
            continue
        literal = isinstance(pattern, exp.Literal) and pattern.is_string
        if literal and _groups(pattern.name) == 0:
            continue
        node.meta["unmatched_group"] = True
        element = exp.to_identifier("_bq_group")
        filled = fn(
            "list_transform",
            node.copy(),
            exp.Lambda(
                this=exp.Coalesce(this=exp.column(element), expressions=[exp.Literal.string("")]),
                expressions=[element],
            ),
        )
        filled.type = node.type
        node.replace(filled)
        changed = True
    return changed


REGEXP_GROUPS = "bq_regexp_groups"
_TOO_MANY_GROUPS = "the regular expression has more than one capturing group"
_COMPUTED_INSTR_GROUP = (
    "REGEXP_INSTR with a computed pattern that has a capturing group is not supported "
    "offline: the group's position is found only for a pattern known when the query is "
    "translated"
)


def computed_pattern_groups(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """A pattern known only at run time (a column, a parameter): REGEXP_EXTRACT and
    REGEXP_EXTRACT_ALL return its capturing group's match when it has one, and raise when it
    has more than one (as for a literal pattern, which the other rules read when the query is
    translated); DuckDB returned the whole match. REGEXP_INSTR of such a pattern with a group
    (the group's position) fails instead of giving the match's position. The groups are
    counted at run time (``functions.regexp_groups``)."""
    changed = False
    kinds = (exp.RegexpExtract, exp.RegexpExtractAll, exp.RegexpInstr)
    for node in bottom_up(tree, *kinds):
        pattern = node.args.get("expression")
        if pattern is None or isinstance(pattern, exp.Literal | exp.Null):
            continue
        group = node.args.get("group")  # sqlglot's parser: 0 for a computed pattern
        if node.meta.get("computed_groups") or not (group is None or group.name == "0"):
            continue
        node.meta["computed_groups"] = True
        groups = fn(REGEXP_GROUPS, pattern.copy())
        if isinstance(node, exp.RegexpInstr):
            safe = node.find_ancestor(exp.SafeFunc)
            if safe is not None and safe.meta.get(SAFE_PROBE):
                continue  # the failure locator's probe: NULL where the call fails, no refusal
            if safe is not None:
                # SAFE would turn the run-time refusal into NULL, where BigQuery has a value
                raise UnsupportedError(
                    "SAFE.REGEXP_INSTR with a computed pattern",
                    "the position of a capturing group's match is found only for a pattern "
                    "known when the query is translated",
                    line_of(node),
                )
            new = case(
                exp.GT(this=groups, expression=num(0)), fail(_COMPUTED_INSTR_GROUP), node.copy()
            )
        else:
            grouped = node.copy()
            grouped.set("group", num(1))
            new = exp.Case(
                ifs=[
                    exp.If(
                        this=exp.GT(this=groups, expression=num(1)), true=fail(_TOO_MANY_GROUPS)
                    ),
                    exp.If(this=exp.EQ(this=groups.copy(), expression=num(1)), true=grouped),
                ],
                default=node.copy(),
            )
        new = paren(new)
        new.type = node.type
        node.replace(new)
        changed = True
    return changed
