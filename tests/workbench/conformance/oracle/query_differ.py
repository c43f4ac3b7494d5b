"""One query through the reference evaluator and the offline workbench, compared.

The outcomes are the expression differ's (``differ.KINDS``). Rows are compared as a
multiset, or, when the query has a top-level ORDER BY, in order but only as far as the
ORDER BY determines it: the sort keys of every position must agree, and the rows within a
run of equal keys are a multiset (a LIMIT/OFFSET that cuts a run leaves which of its rows
are kept open, so the runs at the edges are compared by their keys only). Values as the
expression differ compares them (floats to 1e-12, NaN equal to NaN, NUMERIC without
trailing zeros), column types by BigQuery name, column names as written (the reference
leaves an unnamed column "", which BigQuery calls f0_, f1_...).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tests.workbench.conformance.harness import REFUSAL, _same, bigquery_type
from tests.workbench.conformance.oracle import query_reference, reference
from tests.workbench.conformance.oracle.differ import ARRAY_NULL, Verdict, _null_element, _shown

if TYPE_CHECKING:
    import pyarrow as pa

    from workbench.workbench import Workbench


# BigQuery functions the reference lacks (APPROX_COUNT_DISTINCT, CONTAINS_SUBSTR): skipped
UNKNOWN_TO_REFERENCE = ("Function not found:", "Unsupported built-in function:")


@dataclass(frozen=True)
class Query:
    """A generated query, with what its top-level ORDER BY determines."""

    family: str
    template: str
    sql: str
    # output columns (0-based) of the top-level ORDER BY's keys, in order; None: unordered
    order: tuple[int, ...] | None = None
    limited: bool = False  # a LIMIT/OFFSET follows that ORDER BY


def _canonical(row: list[Any]) -> str:
    """A sort key that puts equal rows (floats to 10 digits, -0.0 as 0.0) side by side."""

    def norm(v: Any) -> Any:
        if isinstance(v, float):
            return "NaN" if math.isnan(v) else f"{v + 0.0:.10g}"
        if isinstance(v, list):
            return [norm(e) for e in v]
        if isinstance(v, dict):
            return {k: norm(e) for k, e in v.items()}
        return v

    return json.dumps(norm(row), sort_keys=True, default=str)


def _same_value(a: Any, b: Any) -> bool:
    """``_same``, with NaN equal to NaN (a NaN key or value is the same answer)."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same_value(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(_same_value(a[k], b[k]) for k in a)
    return _same(a, b)


def same_multiset(want: list[list[Any]], got: list[list[Any]]) -> bool:
    if len(want) != len(got):
        return False
    return all(
        _same_value(w, g)
        for w, g in zip(sorted(want, key=_canonical), sorted(got, key=_canonical), strict=True)
    )


def same_rows(query: Query, want: list[list[Any]], got: list[list[Any]]) -> bool:
    """The rows agree as far as the query determines them (see the module's docstring)."""
    if query.order is None:
        return same_multiset(want, got)
    if len(want) != len(got):
        return False

    def key(row: list[Any]) -> list[Any]:
        return [row[i] for i in query.order or ()]

    if not all(_same_value(key(w), key(g)) for w, g in zip(want, got, strict=True)):
        return False
    start = 0
    while start < len(want):
        end = start + 1
        while end < len(want) and _same_value(key(want[end]), key(want[start])):
            end += 1
        edge = query.limited and (start == 0 or end == len(want))
        if not edge and not same_multiset(want[start:end], got[start:end]):
            return False
        start = end
    return True


def _text(types: list[str], rows: list[list[Any]]) -> str:
    return f"{json.dumps(rows, ensure_ascii=False)} ({', '.join(types)})"


def _table_rows(table: pa.Table) -> list[list[Any]]:
    columns = [c.to_pylist() for c in table.columns]
    return [[_shown(c[i]) for c in columns] for i in range(table.num_rows)]


def _reference_rows(ref: query_reference.QueryReference) -> query_reference.QueryReference:
    """As BigQuery writes a result: a NULL ARRAY as [], an ARRAY with a NULL element an error.

    https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#array_nulls
    """
    if ref.error is not None:
        return ref
    rows = []
    for row in ref.rows:
        out = []
        for t, v in zip(ref.types, row, strict=True):
            if v is None and t.startswith("ARRAY<"):
                v = []
            if _null_element(v):
                return query_reference.QueryReference(types=ref.types, error=ARRAY_NULL)
            out.append(v)
        rows.append(out)
    return query_reference.QueryReference(types=ref.types, names=ref.names, rows=rows)


def judge_query(query: Query, wb: Workbench) -> Verdict:
    """The reference's and the workbench's answers for ``query``."""
    from wasmtime import Trap

    from workbench.translate import UnsupportedError

    try:
        ref = query_reference.evaluate_query(query.sql)
    except reference.Unreadable as exc:
        return Verdict("skipped", reference=f"a {exc} value")
    except Trap:
        return Verdict("skipped", reference="the evaluator aborted")
    if ref.error and ref.analysis and ref.error.startswith(UNKNOWN_TO_REFERENCE):
        return Verdict("skipped", reference=f"error: {ref.error}")
    ref = _reference_rows(ref)
    if ref.error is None:
        want = [[_shown(v) for v in row] for row in ref.rows]
        ref_text = _text(ref.types, want)
    else:
        ref_text = f"error: {ref.error}"
    try:
        table = wb.arrow(query.sql)
    except UnsupportedError as exc:
        if REFUSAL.match(str(exc)):
            return Verdict("refused", reference=ref_text, workbench=str(exc))
        return _errored(ref, ref_text, f"error: refusal without the standard message: {exc}")
    except Exception as exc:  # any other failure is the workbench's error
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return _errored(ref, ref_text, f"error: {first}")
    got_types = [bigquery_type(f.type) for f in table.schema]
    try:
        got = _table_rows(table)
    except (OverflowError, ValueError) as exc:
        return Verdict("different", "value", ref_text, f"unreadable result: {exc}")
    got_text = _text(got_types, got)
    if ref.error is not None:
        how = "value where reference rejects" if ref.analysis else "value where reference errors"
        return Verdict("different", how, ref_text, got_text)
    if len(got_types) != len(ref.types):
        return Verdict("different", "type", ref_text, got_text)
    for i, (w, g) in enumerate(zip(ref.types, got_types, strict=True)):
        if w != g and not (g == "NULL" and all(row[i] is None for row in got)):
            return Verdict("different", "type", ref_text, got_text)
    named = [(w, g) for w, g in zip(ref.names, table.column_names, strict=False) if w]
    if any(w != g for w, g in named):  # the reference leaves unnamed columns "" (BigQuery f0_)
        return Verdict("different", "names", f"{ref.names} {ref_text}", f"{table.column_names}")
    if not same_rows(query, want, got):
        return Verdict("different", "value", ref_text, got_text)
    return Verdict("same", reference=ref_text, workbench=got_text)


def _errored(ref: query_reference.QueryReference, ref_text: str, got_text: str) -> Verdict:
    if ref.error is not None:
        return Verdict("both error", reference=ref_text, workbench=got_text)
    return Verdict("different", "error where reference returns a value", ref_text, got_text)
