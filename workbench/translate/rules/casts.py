"""Casts BigQuery refuses: the pairs of types its conversion rules do not allow.

DuckDB casts BOOL to FLOAT64, FLOAT64 to BOOL, BYTES to INT64, DATE to INT64 and more; BigQuery
rejects each such statement ("Invalid cast from BOOL to FLOAT64"), CAST and SAFE_CAST alike
(https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_rules#conversion_overview).
The table is the conversion-rules page's, and GoogleSQL's reference evaluator (zetasql)
rejects exactly the other pairs of these scalar types.
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import (
    Context,
    Translation,
    UnsupportedError,
    UserError,
    line_of,
)
from workbench.translate.rules._sql import (
    bottom_up,
    bq_type,
    case,
    cast,
    duckdb_type,
    fail,
    fn,
    is_type,
    nodes,
    num,
    paren,
    struct_fields,
    typed,
)

_NUMBERS = ("INT64", "FLOAT64", "NUMERIC", "BIGNUMERIC")
_CIVIL = ("DATE", "DATETIME", "TIMESTAMP")
# source type -> the types it may be cast to (besides STRING, and itself)
ALLOWED: dict[str, frozenset[str]] = {
    "INT64": frozenset({*_NUMBERS, "BOOL"}),
    "FLOAT64": frozenset(_NUMBERS),
    "NUMERIC": frozenset(_NUMBERS),
    "BIGNUMERIC": frozenset(_NUMBERS),
    "BOOL": frozenset({"INT64", "BOOL"}),
    "BYTES": frozenset({"BYTES"}),
    "DATE": frozenset(_CIVIL),
    "DATETIME": frozenset({*_CIVIL, "TIME"}),
    "TIMESTAMP": frozenset({*_CIVIL, "TIME"}),
    "TIME": frozenset({"TIME"}),
}


def invalid_casts(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """CAST/SAFE_CAST between scalar types BigQuery does not convert is an error."""
    for node in nodes(tree, exp.Cast):
        inner = node.this
        while isinstance(inner, exp.Paren):
            inner = inner.this
        if isinstance(inner, exp.Null):
            continue  # an untyped NULL casts to any type
        if isinstance(inner, exp.Func) and isinstance(inner.this, exp.Null):
            continue  # DATE_ADD(NULL, ...): sqlglot's INT64 for the NULL, BigQuery's a DATE
        source, target = bq_type(node.this), bq_type(node.to)
        if source not in ALLOWED or target not in (*ALLOWED, "STRING") or target == "STRING":
            continue  # STRING, arrays, structs, unknown types: their own rules
        if target != source and target not in ALLOWED[source]:
            raise UserError(
                f"Invalid cast from {source} to {target}",
                line=line_of(node),
                construct="SAFE_CAST" if isinstance(node, exp.TryCast) else "CAST",
                hint="BigQuery's conversion rules do not allow it (conversion_rules)",
            )
    return False


def _fields(t: exp.DataType | None) -> list[tuple[str | None, exp.DataType | None]] | None:
    if t is None or t.this != exp.DataType.Type.STRUCT or not t.expressions:
        return None
    return struct_fields(t)


def _typed_field(field: exp.Expression, kind: exp.DataType | None) -> exp.Expression:
    if kind is not None:
        field.type = kind.copy()
    return field


def _tuple_item(item: exp.Expression, kind: exp.DataType | None) -> exp.Expression:
    """A tuple's item as a value: a FLOAT64 literal is its double, not its text (GoogleSQL
    coerces a STRUCT's fields as values: (1e26, 1) to NUMERIC is 100000000000000004764729344)."""
    if isinstance(item, exp.Literal) and not item.is_string and is_type(kind, "FLOAT64"):
        return cast(item.copy(), "DOUBLE")
    return item.copy()


def struct_casts(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """CAST(struct AS STRUCT<...>) converts field by field, by position, and takes the
    target's field names (conversion_rules#casting_structs); DuckDB matches fields by name
    and refuses a cast with none in common ("must have at least one matching member"). The
    cast becomes a STRUCT of each field cast to its type (NULL stays NULL)."""
    changed = False
    for node in bottom_up(tree, exp.Cast):
        target, source = _fields(node.to), _fields(node.this.type)
        # a tuple (x, y): its items, typed (FLOAT64 to NUMERIC exact, as a STRUCT's fields)
        items_of = node.this.expressions if isinstance(node.this, exp.Tuple) else None
        if source is None and items_of is not None:
            source = [(None, e.type) for e in items_of]
        if target is None or source is None or isinstance(node.this, exp.Null):
            continue
        if len(target) != len(source):
            continue  # a different count is BigQuery's error (the analyzer's gate says so)
        # a field of no name is _0, _1, ... as anonymous-struct-types names the type's
        target = [(name or f"_{i}", kind) for i, (name, kind) in enumerate(target)]
        if [n for n, _ in target] == [n for n, _ in source] and all(
            t is not None and s is not None and t.sql("bigquery") == s.sql("bigquery")
            for (_, t), (_, s) in zip(target, source, strict=True)
        ):
            continue  # same names and types: DuckDB's cast by name is the cast by position
        if any(kind is None for _, kind in target):
            continue
        value = node.this
        items = [
            exp.PropertyEQ(
                this=exp.to_identifier(name),
                # the field typed, so the scalar casts' rules see it (array_casts)
                expression=exp.Cast(
                    this=_typed_field(
                        _tuple_item(items_of[i], was)
                        if items_of is not None
                        else fn("struct_extract_at", value.copy(), num(i + 1)),
                        was,
                    ),
                    to=kind.copy(),
                ),
            )
            for i, ((name, kind), (_, was)) in enumerate(zip(target, source, strict=True))
        ]
        built = exp.Struct(expressions=items)
        new = (
            built
            if items_of is not None
            else paren(case(exp.Is(this=value.copy(), expression=exp.Null()), exp.Null(), built))
        )
        new.type = node.to.copy()
        node.replace(new)
        changed = True
    return changed


def _params(t: exp.DataType) -> list[int] | None:
    """The integer parameters of a parameterized type (STRING(5): [5]); None when it has none."""
    values = [p.this for p in t.expressions if isinstance(p, exp.DataTypeParam)]
    if not values:
        return None
    return [int(v.name) for v in values if isinstance(v, exp.Literal) and v.name.isdigit()]


def _nested_params(t: exp.DataType) -> bool:
    return any(
        isinstance(d, exp.DataType) and d is not t and _params(d) is not None
        for d in t.find_all(exp.DataType)
    )


def type_parameters(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """CAST(x AS STRING(L) | BYTES(L) | NUMERIC(P, S)) enforces the parameters, as BigQuery.

    BigQuery raises an error when the value is longer than L ("STRING(5) has maximum length 5
    but got a value with length 6"); DuckDB drops a VARCHAR length.
    NUMERIC(P, S) rounds to S digits and errors past P digits: DuckDB's DECIMAL(P, S) cast
    does both, and the value goes back to NUMERIC's DECIMAL(38, 9), the type BigQuery returns
    (https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#parameterized_data_types).
    Parameters inside an ARRAY or STRUCT type, and SAFE_CAST to a parameterized type (GoogleSQL's
    reference evaluator raises the parameter error there), are refused."""

    changed = False
    for node in nodes(tree, exp.Cast):
        to = node.args.get("to")
        if not isinstance(to, exp.DataType):
            continue
        safe = isinstance(node, exp.TryCast) or bool(node.args.get("safe"))
        if _nested_params(to):
            raise UnsupportedError(
                "CAST to an ARRAY or STRUCT of parameterized types",
                "the parameters of element and field types are not enforced offline",
                line_of(node),
            )
        params = _params(to)
        if params is None:
            continue
        if safe:
            raise UnsupportedError(
                "SAFE_CAST to a parameterized type",
                "GoogleSQL's reference raises the parameter error there, the SAFE_CAST page "
                "promises NULL; neither answer is guessed offline",
                line_of(node),
            )
        kind = bq_type(to)
        if kind in ("STRING", "BYTES") and len(params) == 1:
            limit = params[0]
            bare = node.copy()
            bare.set("to", exp.DataType(this=to.this))
            measure = "length" if kind == "STRING" else "octet_length"
            too_long = exp.GT(this=fn(measure, bare.copy()), expression=num(limit))
            message = f"{kind}({limit}) has maximum length {limit} but got a longer value"
            checked = paren(case(too_long, fail(message), bare))
            node.replace(typed(checked, "VARCHAR" if kind == "STRING" else "BLOB"))
            changed = True
        elif kind == "NUMERIC" and len(params) in (1, 2):
            inner = exp.Cast(this=node.this.copy(), to=to.copy())
            numeric = exp.Cast(this=inner, to=duckdb_type("DECIMAL(38, 9)"))
            node.replace(typed(numeric, "DECIMAL(38, 9)"))
            changed = True
        else:
            raise UnsupportedError(
                f"CAST to {kind} with type parameters",
                "only STRING(L), BYTES(L) and NUMERIC(P, S) parameters are enforced offline",
                line_of(node),
            )
    return changed


def interval_forms(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """INTERVAL forms DuckDB reads otherwise are refused, not passed through.

    BigQuery reads INTERVAL text ('1-2 3 4:5:6', ISO 8601 'P1Y2M') that DuckDB does not (a
    literal text is refused; other text fails when DuckDB cannot read it); SUM and AVG of
    INTERVAL values in a window or with DISTINCT have no DuckDB function (range literals and CAST(INTERVAL AS STRING):
    rules interval-ranges and interval-text, rules/intervals.py) (https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#interval_type).
    """

    for node in nodes(tree, exp.Cast):
        source, target = bq_type(node.this), bq_type(node.to)
        text = isinstance(node.this, exp.Literal) and node.this.is_string
        if target == "INTERVAL" and text:
            raise UnsupportedError(
                f"CAST({source} AS {target})",
                "BigQuery's INTERVAL text form ('Y-M D H:M:S') is not reproduced offline",
                line_of(node),
            )
    for node in nodes(tree, exp.Sum, exp.Avg):
        if bq_type(node.this) == "INTERVAL":
            raise UnsupportedError(  # the others: interval-aggregates
                f"{type(node).__name__.upper()} of INTERVAL values in a window or with DISTINCT",
                "DuckDB has no such aggregate, and the parts' sums are not written out there",
                line_of(node),
            )
    return False


# BigQuery's INTERVAL range: -10000-0 -3660000 -87840000:0:0 to 10000-0 3660000 87840000:0:0
_INTERVAL_LIMITS = {"months": 120_000, "days": 3_660_000, "seconds": 87_840_000 * 3600}
_MAKE_PARTS = {"year": 12, "month": 1, "day": 1, "hour": 3600, "minute": 60, "second": 1}


def make_interval_range(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """MAKE_INTERVAL of literal parts past INTERVAL's range is an error, as in BigQuery
    ("Interval field months '120001' is out of range"); DuckDB's interval holds it."""

    changed = False
    for node in nodes(tree, exp.MakeInterval):
        values: dict[str, int] = {}
        for name in _MAKE_PARTS:
            v = node.args.get(name)
            if v is None:
                continue
            if isinstance(v, exp.Kwarg):  # year => 10000
                v = v.expression
            if not (
                isinstance(v, exp.Literal) and not v.is_string and v.name.lstrip("-").isdigit()
            ):
                break
            values[name] = int(v.name)
        else:
            totals = {
                "months": values.get("year", 0) * 12 + values.get("month", 0),
                "days": values.get("day", 0),
                "seconds": sum(
                    values.get(p, 0) * _MAKE_PARTS[p] for p in ("hour", "minute", "second")
                ),
            }
            for field, total in totals.items():
                if abs(total) > _INTERVAL_LIMITS[field]:
                    message = f"MAKE_INTERVAL: the interval's {field} ({total}) are out of range"
                    node.replace(exp.Cast(this=fail(message), to=exp.DataType.build("INTERVAL")))
                    changed = True
                    break
    return changed


# the civil-time functions whose first argument a NULL takes the type of (the function's)
_NULL_FIRST: dict[type[exp.Expression], str] = {
    exp.DateAdd: "DATE",
    exp.DateSub: "DATE",
    exp.DateTrunc: "DATE",
    exp.TimestampAdd: "TIMESTAMPTZ",
    exp.TimestampSub: "TIMESTAMPTZ",
    exp.TimestampTrunc: "TIMESTAMPTZ",
    exp.DatetimeAdd: "TIMESTAMP",
    exp.DatetimeSub: "TIMESTAMP",
    exp.DatetimeTrunc: "TIMESTAMP",
    exp.TimeAdd: "TIME",
    exp.TimeSub: "TIME",
    exp.TimeTrunc: "TIME",
}


def null_civil_arguments(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """DATE_ADD(NULL, ...), TIMESTAMP_TRUNC('2015-06-15 11:12:48', ...) and the like: a NULL
    or a string literal is a value of the function's type, as BigQuery coerces it (the
    reference evaluator: a NULL DATE, the TIMESTAMP of the text); DuckDB could not choose
    among its overloads for either (a raw Binder Error). DATE_TRUNC has more than one type:
    a NULL only."""
    changed = False
    for node in nodes(tree, *_NULL_FIRST):
        value, kind = node.this, _NULL_FIRST[type(node)]
        text = isinstance(value, exp.Literal) and value.is_string
        if isinstance(value, exp.Null) or (text and not isinstance(node, exp.DateTrunc)):
            node.set("this", typed(cast(value.copy(), kind), kind))
            changed = True
    return changed
