"""One constant expression through the reference evaluator and the offline workbench, compared.

Outcomes: ``same`` (value and BigQuery type), ``refused`` (the workbench's standard
``... is not supported offline: ...``), ``both error``, ``skipped`` (a reference value of a
type the comparison leaves out, or the evaluator failing) and ``different``, with what
differs: ``value``, ``type``, ``value where reference errors`` (at run time),
``value where reference rejects`` (at analysis: a statement BigQuery refuses to run, which
the workbench's analyzer check before ``check``/``promote`` is there for), ``error where
reference returns a value`` (the lesser kind, still counted).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tests.workbench.conformance.harness import REFUSAL, _plain_decimal, _same, bigquery_type
from tests.workbench.conformance.oracle import reference

if TYPE_CHECKING:
    from workbench.workbench import Workbench

KINDS = ("same", "refused", "both error", "skipped", "different")
_LACKS = ("Function not found:", "Unsupported built-in function:")

# BigQuery refuses a query result holding an ARRAY with a NULL element, and writes a NULL
# ARRAY as [] (the evaluator of an expression has neither step): https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#array_nulls
ARRAY_NULL = "Array cannot have a null element; error in writing field"


def _null_element(value: Any) -> bool:
    if isinstance(value, list):
        return any(v is None or _null_element(v) for v in value)
    if isinstance(value, dict):
        return any(_null_element(v) for v in value.values())
    return False


@dataclass(frozen=True)
class Verdict:
    kind: str  # one of KINDS
    how: str = ""  # for 'different': value / type / value where reference errors / error ...
    reference: str = ""  # the reference's answer, as text
    workbench: str = ""  # the workbench's answer, as text
    ref: reference.Reference | None = None


def _shown(value: Any) -> Any:
    from workbench.output import json_value

    return json_value(_plain_decimal(value))


def _text(type_: str, value: Any) -> str:
    return f"{json.dumps(value, ensure_ascii=False)} ({type_})"


def judge(expression: str, wb: Workbench) -> Verdict:
    """The reference's and the workbench's answers for ``SELECT <expression> AS v``."""
    from wasmtime import Trap

    from workbench.translate import UnsupportedError

    try:
        ref = reference.evaluate(expression)
    except reference.Unreadable as exc:
        return Verdict("skipped", reference=f"a {exc} value")
    except Trap:
        return Verdict("skipped", reference="the evaluator aborted")
    if ref.error and ref.analysis and ref.error.startswith(_LACKS):
        # a BigQuery function the reference lacks (CONTAINS_SUBSTR, and APPROX_* which its
        # evaluator does not run): nothing to compare with
        return Verdict("skipped", reference=f"error: {ref.error}")
    if ref.error is None and ref.value is None and (ref.type or "").startswith("ARRAY<"):
        # a NULL array in a query result is written as [] (data-types#array_nulls)
        ref = reference.Reference(type=ref.type, value=[])
    if ref.error is None and _null_element(ref.value):
        ref = reference.Reference(type=ref.type, error=ARRAY_NULL)
    if ref.error is None:
        want = _shown(ref.value)
        ref_text = _text(ref.type or "", want)
    else:
        ref_text = f"error: {ref.error}"
    try:
        table = wb.arrow(f"SELECT {expression} AS v")
    except UnsupportedError as exc:
        if REFUSAL.match(str(exc)):
            return Verdict("refused", reference=ref_text, workbench=str(exc), ref=ref)
        got_text = f"error: refusal without the standard message: {exc}"
        return _errored(ref, ref_text, got_text)
    except Exception as exc:  # any other failure is the workbench's error
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return _errored(ref, ref_text, f"error: {first}")
    if ref.error is not None:
        try:
            got = _text(bigquery_type(table.schema[0].type), _shown(table.column(0).to_pylist()[0]))
        except (OverflowError, ValueError) as exc:
            got = f"unreadable result: {exc}"
        how = "value where reference rejects" if ref.analysis else "value where reference errors"
        return Verdict("different", how, ref_text, got, ref)
    got_type = bigquery_type(table.schema[0].type)
    try:
        got_value = _shown(table.column(0).to_pylist()[0])
    except (OverflowError, ValueError) as exc:
        return Verdict("different", "value", ref_text, f"unreadable result: {exc}", ref)
    got_text = _text(got_type, got_value)
    if got_type != ref.type and not (got_type == "NULL" and got_value is None):
        return Verdict("different", "type", ref_text, got_text, ref)
    if not _same(want, got_value) and not _avg_latitude(expression, want, got_value):
        return Verdict("different", "value", ref_text, got_text, ref)
    return Verdict("same", reference=ref_text, workbench=got_text, ref=ref)


_NON_FINITE = ("NaN", "Infinity", "-Infinity")


def _avg_latitude(expression: str, want: Any, got: Any) -> bool:
    """AVG over an infinity "returns either [+|-]Infinity or NaN" (aggregate_functions#avg,
    https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#avg;
    GoogleSQL's compliance tests check ``IS_INF(avg) OR IS_NAN(avg)``): the reference's
    running mean gives NaN for [+inf, -1], the workbench's sum +inf; both are BigQuery's."""
    written = "AVG(" in expression and "inf'" in expression and "'NaN'" not in expression
    return written and want in _NON_FINITE and got in _NON_FINITE


def _errored(ref: reference.Reference, ref_text: str, got_text: str) -> Verdict:
    if ref.error is not None:
        return Verdict("both error", reference=ref_text, workbench=got_text, ref=ref)
    return Verdict("different", "error where reference returns a value", ref_text, got_text, ref)
