"""``x LIKE ANY|SOME|ALL (patterns)`` and ``... UNNEST(array)``: one LIKE per pattern.

BigQuery's quantified LIKE (operators#like_operator_quantified) is TRUE when any (all)
patterns match, NULL when none decides it and some comparison is NULL; ``NOT LIKE`` negates
each comparison. A pattern list becomes the OR (AND) of plain LIKEs, which the other rules
then treat as any LIKE: escapes, and BYTES (sqlglot had written ``bq_bytes_like(x, ANY
(...))``, a Parser Error). A pattern array has no fixed length: each pattern's LIKE is a
list element, and the list decides as three-valued OR (AND) does; an empty or NULL array is
FALSE for ANY and TRUE for ALL (GoogleSQL's reference evaluator).
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation
from workbench.translate.rules._sql import bottom_up, fn, num, paren

_PATTERN = "_bq_like_pattern"


def _compare(node: exp.Like, pattern: exp.Expression) -> exp.Expression:
    like = exp.Like(this=node.this.copy(), expression=pattern)
    return exp.Not(this=like) if node.args.get("negate") else like


def _over_array(node: exp.Like, array: exp.Expression, every: bool) -> exp.Expression:
    pattern = exp.column(_PATTERN)
    body = _compare(node, pattern)
    decided = fn(
        "list_transform",
        array.copy(),
        exp.Lambda(this=body, expressions=[exp.to_identifier(_PATTERN)]),
    )
    empty = exp.Or(
        this=exp.Is(this=paren(array.copy()), expression=exp.Null()),
        expression=exp.EQ(this=fn("len", array.copy()), expression=num(0)),
    )
    some_null = exp.LT(this=fn("list_count", decided.copy()), expression=fn("len", decided.copy()))
    deciding = exp.false() if every else exp.true()
    return paren(
        exp.Case(
            ifs=[
                exp.If(this=empty, true=exp.Boolean(this=every)),
                exp.If(this=fn("list_contains", decided, deciding.copy()), true=deciding),
                exp.If(this=some_null, true=exp.Null()),
            ],
            default=exp.Boolean(this=every),
        )
    )


def quantified_like(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """x [NOT] LIKE ANY|SOME|ALL (p1, p2, ...) or UNNEST(array): see the module."""
    changed = False
    for node in bottom_up(tree, exp.Like):
        quantifier = node.expression
        if not isinstance(quantifier, exp.Any | exp.All):
            continue
        every = isinstance(quantifier, exp.All)
        inner = quantifier.this
        if isinstance(inner, exp.Unnest) and len(inner.expressions) == 1:
            node.replace(_over_array(node, inner.expressions[0], every))
            changed = True
            continue
        if isinstance(inner, exp.Tuple):
            patterns = inner.expressions
        elif isinstance(inner, exp.Paren):
            patterns = [inner.this]
        else:
            continue  # a subquery: sqlglot's own form
        joined: exp.Expression | None = None
        for p in patterns:
            one = _compare(node, p.copy())
            if joined is None:
                joined = one
            elif every:
                joined = exp.And(this=joined, expression=one)
            else:
                joined = exp.Or(this=joined, expression=one)
        if joined is not None:
            node.replace(paren(joined))
            changed = True
    return changed
