"""Arguments: the errors BigQuery raises on a function's arguments, and what ``SAFE.`` covers.

DuckDB accepts arguments BigQuery rejects (``LEFT('abc', -1)`` is 'ab' there, ``REPEAT('a',
-1)`` is '', ``GENERATE_ARRAY(1, 5, 0)`` is []), so each such call gets a run-time check:
``CASE WHEN <bad argument> THEN error(<message>) ELSE <the call> END``. The call is moved
into the check, never copied, so every later rule still rewrites it; a ``SAFE.`` prefix
turns the check into NULL as it does every check of its call.

``SAFE.f(x)`` covers the errors of ``f`` only: an error raised while its arguments are
evaluated still stops the query (GoogleSQL's functions reference, "SAFE. prefix"). DuckDB's
TRY covers everything inside it, so the arguments are evaluated once more outside it,
before the call (``safe_arguments``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from sqlglot import exp

from workbench.translate.context import (
    CHECKS_ONLY,
    SAFE_PROBE,
    Context,
    Translation,
    UnsupportedError,
    UserError,
    line_of,
)
from workbench.translate.functions import MAX_OUTPUT_BYTES
from workbench.translate.rules._sql import (
    aggregated,
    bottom_up,
    case,
    cast,
    fail,
    fn,
    is_type,
    nodes,
    num,
    paren,
    template,
)

# Arguments that cannot raise an error: no need to evaluate them ahead of the call.
_CANNOT_FAIL = (
    exp.Column,
    exp.Literal,
    exp.Null,
    exp.Boolean,
    exp.Var,
    exp.DataType,
    exp.Identifier,
    exp.Star,
    exp.Placeholder,
    exp.Parameter,
    exp.Lambda,
)


def _arguments(call: exp.Expression) -> list[exp.Expression]:
    """The value arguments of a call, in order (units and types left out)."""
    found: list[exp.Expression] = []
    for key in call.arg_types:
        value = call.args.get(key)
        values = value if isinstance(value, list) else [value]
        for v in values:
            if isinstance(v, exp.Expression) and key != "unit":
                found.append(v)
    return found


def _may_fail(node: exp.Expression) -> bool:
    if isinstance(node, exp.Neg):
        return _may_fail(node.this)
    if isinstance(node, exp.Interval):
        return _may_fail(node.this)
    return not isinstance(node, _CANNOT_FAIL)


def safe_arguments(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """``SAFE.f(args)`` evaluates ``args`` outside the SAFE: their errors are not NULL.

    ``hash(args) IS NULL`` is never true, but DuckDB must evaluate every argument to know it
    (it folds ``row(...) IS NULL`` without evaluating); the call's own checks stay inside.
    Runs before the typed rewrites, so both the copies and the call get every check.
    """
    changed = False
    for node in bottom_up(tree, exp.SafeFunc):
        if node.meta.get(SAFE_PROBE) or node.meta.get(CHECKS_ONLY):
            continue
        call = node.this
        if not isinstance(call, exp.Expression):
            continue
        aggregate = isinstance(call, exp.AggFunc)
        values = [aggregated(a) if aggregate else a for a in _arguments(call)]
        risky = [a for a in values if _may_fail(a)]
        if not risky:
            continue
        hashed = fn("hash", *(a.copy() for a in risky))
        if aggregate:
            # SAFE.SUM(x / y): the arguments are a row's, the guard an aggregate over the
            # rows (a row-level hash beside the aggregate was a Binder Error); max(hash) is
            # NULL only over no rows, where count(*) > 0 is FALSE
            guard: exp.Expression = exp.And(
                this=exp.Is(this=fn("max", hashed), expression=exp.Null()),
                expression=exp.GT(this=exp.Count(this=exp.Star()), expression=num(0)),
            )
        else:
            guard = exp.Is(this=hashed, expression=exp.Null())
        wrapper = paren(case(guard, exp.Null(), exp.Null()))
        node.replace(wrapper)
        wrapper.this.set("default", node)
        changed = True
    return changed


@dataclass(frozen=True)
class Check:
    """One documented argument error of a function: the condition and BigQuery's reason."""

    kinds: tuple[type[exp.Expression], ...]
    bad: Callable[[exp.Expression], exp.Expression | None]  # None: nothing to check
    message: str


def _arg(node: exp.Expression, key: str) -> exp.Expression | None:
    value = node.args.get(key)
    return value.copy() if isinstance(value, exp.Expression) else None


def _negative(key: str) -> Callable[[exp.Expression], exp.Expression | None]:
    def bad(node: exp.Expression) -> exp.Expression | None:
        value = _arg(node, key)
        return None if value is None else exp.LT(this=paren(value), expression=num(0))

    return bad


def _not_positive(key: str) -> Callable[[exp.Expression], exp.Expression | None]:
    def bad(node: exp.Expression) -> exp.Expression | None:
        value = _arg(node, key)
        return None if value is None else exp.LTE(this=paren(value), expression=num(0))

    return bad


def _zero(key: str) -> Callable[[exp.Expression], exp.Expression | None]:
    def bad(node: exp.Expression) -> exp.Expression | None:
        value = node.args.get(key)
        if isinstance(value, exp.Interval):  # GENERATE_DATE_ARRAY(..., INTERVAL n DAY)
            value = cast(value.this.copy(), "BIGINT")
        elif isinstance(value, exp.Expression):
            value = value.copy()
        else:
            return None
        return exp.EQ(this=paren(value), expression=num(0))

    return bad


def _empty_pattern(node: exp.Expression) -> exp.Expression | None:
    pattern = _arg(node, "fill_pattern")
    if pattern is None:
        return None
    return exp.EQ(this=fn("length", pattern), expression=num(0))


def _repeat_too_long(node: exp.Expression) -> exp.Expression | None:
    """REPEAT's output, size(s) * n bytes, is over the limit: checked before it is built
    (REPEAT('abc', 1000000000) would need 3 GB). HUGEINT: the product never overflows."""
    value, times = _arg(node, "this"), _arg(node, "times")
    if value is None or times is None:
        return None
    return template(
        f"CAST(strlen(__v) AS HUGEINT) * CAST(__n AS HUGEINT) > {MAX_OUTPUT_BYTES}",
        v=value,
        n=times,
    )


def _pad_too_long(node: exp.Expression) -> exp.Expression | None:
    """LPAD/RPAD's output is over the limit: ``length`` characters, the value's and then
    whole copies of the pattern and a prefix of it, counted in bytes without building it."""
    value, length = _arg(node, "this"), _arg(node, "expression")
    if value is None or length is None:
        return None
    pattern = _arg(node, "fill_pattern") or exp.Literal.string(" ")
    missing = template("CAST(__n AS HUGEINT) - length(__v)", n=length, v=value)
    copies = template("__m // length(__p)", m=missing, p=pattern)
    rest = template("CAST(__m - __c * length(__p) AS BIGINT)", m=missing, c=copies, p=pattern)
    return template(
        "__m > 0 AND strlen(__v) + __c * strlen(__p) + strlen(left(__p, __r))"
        f" > {MAX_OUTPUT_BYTES}",
        m=missing,
        v=value,
        c=copies,
        p=pattern,
        r=rest,
    )


def _not_zero_or_one(node: exp.Expression) -> exp.Expression | None:
    value = _arg(node, "option")
    if value is None:
        return None
    return exp.Not(this=exp.In(this=paren(value), expressions=[num(0), num(1)]))


def _zero_position(node: exp.Expression) -> exp.Expression | None:
    value = _arg(node, "position")
    return None if value is None else exp.EQ(this=paren(value), expression=num(0))


def _capture_groups(node: exp.Expression) -> exp.Expression | None:
    """TRUE when a literal regular expression has more than one capturing group."""
    pattern = node.args.get("expression")
    if not (isinstance(pattern, exp.Literal) and pattern.is_string):
        return None
    try:
        groups = re.compile(pattern.name).groups
    except re.error:  # RE2 syntax Python does not read: DuckDB's RE2 judges it
        return None
    if groups <= 1:
        return None
    if isinstance(node, exp.RegexpInstr):
        # REGEXP_INSTR of '' is 0 before the pattern's groups are checked (GoogleSQL's
        # reference evaluator: REGEXP_INSTR('', '(a)|(b)') is 0, of 'x' an error)
        return exp.NEQ(this=paren(node.this.copy()), expression=exp.Literal.string(""))
    return exp.true()


_REGEXPS = (exp.RegexpExtract, exp.RegexpExtractAll, exp.RegexpInstr)


# Documented in GoogleSQL's string and array function references ("returns an error if").
CHECKS: tuple[Check, ...] = (
    Check((exp.Left,), _negative("expression"), "LEFT: the length must not be negative"),
    Check((exp.Right,), _negative("expression"), "RIGHT: the length must not be negative"),
    Check((exp.Repeat,), _negative("times"), "REPEAT: the repetitions must not be negative"),
    Check((exp.Pad,), _negative("expression"), "PAD: the return length must not be negative"),
    Check((exp.Pad,), _empty_pattern, "PAD: the pattern must not be empty"),
    Check(
        (exp.Repeat,),
        _repeat_too_long,
        "Output of REPEAT exceeds max allowed output size of 1MB",
    ),
    Check(
        (exp.Pad,),
        _pad_too_long,
        "Output of LPAD/RPAD exceeds max allowed output size of 1MB",
    ),
    Check((exp.GenerateSeries,), _zero("step"), "GENERATE_ARRAY: the step must not be 0"),
    Check((exp.GenerateDateArray,), _zero("step"), "GENERATE_DATE_ARRAY: the step must not be 0"),
    Check(
        (exp.GenerateTimestampArray,),
        _zero("step"),
        "GENERATE_TIMESTAMP_ARRAY: the step must not be 0",
    ),
    Check((exp.RegexpInstr,), _not_positive("position"), "REGEXP_INSTR: the position must be > 0"),
    Check(
        (exp.RegexpInstr,),
        _not_positive("occurrence"),
        "REGEXP_INSTR: the occurrence must be > 0",
    ),
    Check(
        (exp.RegexpInstr,),
        _not_zero_or_one,
        "REGEXP_INSTR: the occurrence position must be 0 or 1",
    ),
    Check(
        (exp.RegexpExtract,),
        _not_positive("position"),
        "REGEXP_EXTRACT: the position must be > 0",
    ),
    Check(
        (exp.RegexpExtract,),
        _not_positive("occurrence"),
        "REGEXP_EXTRACT: the occurrence must be > 0",
    ),
    Check(_REGEXPS, _capture_groups, "the regular expression has more than one capturing group"),
    Check((exp.StrPosition,), _zero_position, "INSTR: the position must not be 0"),
    Check((exp.StrPosition,), _not_positive("occurrence"), "INSTR: the occurrence must be > 0"),
)
_KINDS = tuple({k for c in CHECKS for k in c.kinds})


def _some_null(node: exp.Expression) -> exp.Expression | None:
    """TRUE when an argument of the call is NULL (an INTERVAL step: its count)."""
    cond: exp.Expression | None = None
    for value in node.args.values():
        if not isinstance(value, exp.Expression) or isinstance(value, exp.DataType):
            continue
        if isinstance(value, exp.Interval):
            value = value.this
            if not isinstance(value, exp.Expression):
                continue
        if isinstance(value, exp.Literal):
            continue  # a literal is never NULL
        test = exp.Is(this=paren(value.copy()), expression=exp.Null())
        cond = test if cond is None else exp.Or(this=cond, expression=test)
    return cond


def argument_errors(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Each documented argument error (``CHECKS``) is raised at run time, as in BigQuery.

    The checks come first in the order they are listed; the call, moved (not copied) into
    the ELSE branch, is still the node later rules rewrite. REGEXP_INSTR returns INT64;
    GENERATE_TIMESTAMP_ARRAY's STRING bounds are TIMESTAMPs.
    """
    changed = False
    for node in bottom_up(tree, *_KINDS):
        if isinstance(node, exp.StrPosition) or (
            isinstance(node, _BYTES_OWNED) and is_type(node.this, "BYTES")
        ):
            continue  # rules/binary.py runs these (INSTR, and BYTES), argument checks included
        ifs = []
        some_null = _some_null(node)
        for check in CHECKS:
            if isinstance(node, check.kinds):
                bad = check.bad(node)
                if bad is not None:
                    if some_null is not None:
                        # a NULL argument makes the call NULL before any argument is checked
                        # (GoogleSQL's reference: LPAD('abc', NULL, '') is NULL, no error)
                        ifs.append(exp.If(this=some_null, true=exp.Null()))
                        some_null = None
                    ifs.append(exp.If(this=bad, true=fail(check.message)))
        result: exp.Expression = node
        if isinstance(node, exp.StrPosition) and _has_instr_arguments(node):
            result = _instr(node)
            node.replace(result)
        if isinstance(node, exp.Repeat) and isinstance(node.this, exp.Null):
            # REPEAT(NULL, n) is a STRING (its first signature); DuckDB's picks BLOB
            node.this.replace(cast(exp.Null(), "VARCHAR"))
            changed = True
        length = node.args.get("expression")
        if isinstance(node, exp.Pad) and is_type(node.this, "STRING") and length is not None:
            # DuckDB's lpad/rpad take an INTEGER length (a BIGINT one is a Binder Error)
            length.replace(cast(length.copy(), "INTEGER"))
        if isinstance(node, exp.GenerateTimestampArray):
            # a STRING bound is coerced to TIMESTAMP (DuckDB would make it a DATETIME)
            for key in ("start", "end"):
                bound = node.args.get(key)
                if isinstance(bound, exp.Expression) and is_type(bound, "STRING"):
                    bound.replace(cast(bound.copy(), "TIMESTAMPTZ"))
                    changed = True
        if isinstance(node, exp.RegexpInstr):
            holder = cast(exp.Null(), "BIGINT")
            node.replace(holder)
            holder.set("this", node)
            result = holder
        if not ifs:
            changed = changed or result is not node
            continue
        wrapper = paren(exp.Case(ifs=ifs, default=exp.Null()))
        result.replace(wrapper)
        wrapper.this.set("default", result)
        changed = True
    return changed


# The date parts each function's step may use (array functions reference); BigQuery rejects
# any other, DuckDB would step by it (GENERATE_DATE_ARRAY by 12 HOUR repeated dates).
_STEP_PARTS = (
    (exp.GenerateDateArray, "GENERATE_DATE_ARRAY", ("DAY", "WEEK", "MONTH", "QUARTER", "YEAR")),
    (
        exp.GenerateTimestampArray,
        "GENERATE_TIMESTAMP_ARRAY",
        ("MICROSECOND", "MILLISECOND", "SECOND", "MINUTE", "HOUR", "DAY"),
    ),
)


# Functions whose BYTES form the bytes rules translate with their own argument checks.
_BYTES_OWNED = (exp.Left, exp.Right, exp.Repeat, exp.Pad)


def argument_refusals(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """GENERATE_ARRAY of BIGNUMERIC (DuckDB's generate_series takes integers only; FLOAT64
    is ``float-generate-array``'s, NUMERIC ``numeric-generate-array``'s) is refused; a step
    by a date part the function does not take is BigQuery's error. (INSTR and the padding
    functions of BYTES are the ``bytes-functions`` rule's, checks included.)"""
    for series in nodes(tree, exp.GenerateSeries):
        bounds = [series.args.get(k) for k in ("start", "end", "step")]
        if any(is_type(b, "BIGNUMERIC") for b in bounds if b is not None):
            raise UnsupportedError(
                "GENERATE_ARRAY of BIGNUMERIC",
                "only INT64, NUMERIC and FLOAT64 bounds and steps are translated",
                line_of(series),
            )
    for kind, name, parts in _STEP_PARTS:
        for node in nodes(tree, kind):
            step = node.args.get("step")
            unit = step.args.get("unit") if isinstance(step, exp.Interval) else None
            part = unit.name.upper() if unit is not None else ""
            if part and part not in parts:
                raise UserError(
                    f"{name}: the date part must be one of {', '.join(parts)}, not {part}",
                    line=line_of(node),
                )
    return False


def _has_instr_arguments(node: exp.Expression) -> bool:
    return node.args.get("position") is not None or node.args.get("occurrence") is not None


def _instr(node: exp.Expression) -> exp.Expression:
    """INSTR(value, subvalue, position, occurrence) on STRING, as the reference says.

    Every start of a match (they may overlap), then the occurrence-th of those at or after
    ``position``, or, for a negative position, at or before ``LENGTH + position + 1``
    counting backwards; 0 when there is none. sqlglot's DuckDB form dropped the occurrence
    (``INSTR('banana', 'an', 1, 2)`` gave 2, BigQuery 4) and searched forwards from a
    negative position.
    """
    value, sub = node.this, node.args["substr"]
    pos = node.args.get("position") or num(1)
    occ = node.args.get("occurrence") or num(1)
    var = exp.to_identifier("_wb_p")
    size = fn("length", value.copy())
    width = fn("length", sub.copy())
    starts = fn(
        "list_filter",
        fn("range", num(1), exp.Add(this=exp.Sub(this=size, expression=width), expression=num(2))),
        exp.Lambda(
            this=exp.EQ(
                this=fn("substring", value.copy(), var.copy(), width.copy()), expression=sub.copy()
            ),
            expressions=[var.copy()],
        ),
    )

    def pick(cond: exp.Expression, reverse: bool) -> exp.Expression:
        kept = fn("list_filter", starts.copy(), exp.Lambda(this=cond, expressions=[var.copy()]))
        kept = fn("list_reverse", kept) if reverse else kept
        return fn("coalesce", fn("list_extract", kept, occ.copy()), num(0))

    forward = pick(exp.GTE(this=var.copy(), expression=paren(pos.copy())), reverse=False)
    back_from = exp.Add(
        this=exp.Add(this=size.copy(), expression=paren(pos.copy())), expression=num(1)
    )
    backward = pick(exp.LTE(this=var.copy(), expression=back_from), reverse=True)
    nulls = [exp.Is(this=paren(a.copy()), expression=exp.Null()) for a in (value, sub, pos, occ)]
    any_null = nulls[0]
    for n in nulls[1:]:
        any_null = exp.Or(this=any_null, expression=n)
    return paren(
        exp.Case(
            ifs=[
                exp.If(this=any_null, true=cast(exp.Null(), "BIGINT")),
                exp.If(this=exp.GT(this=paren(pos.copy()), expression=num(0)), true=forward),
            ],
            default=backward,
        )
    )
