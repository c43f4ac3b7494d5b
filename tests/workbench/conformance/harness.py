"""The BigQuery conformance suite: documented BigQuery results, checked offline.

Each case (tests/workbench/conformance/cases/<area>.toml) is one statement from the
BigQuery reference documentation with its documented result: the rows (as JSON, in the
form ``workbench run --format json`` prints values) and the BigQuery type of every column,
or the error BigQuery raises. ``offline`` says what the workbench must do with it:
``correct`` (same rows, same types; for an error case, the same error) or ``refused``
(``UnsupportedError``). Anything else is a silent difference, the one outcome that is never
acceptable.

An error case says which error: ``error`` is BigQuery's (its message or condition),
``error_kind`` when BigQuery raises it — ``analysis`` (the statement is rejected before it
runs: a signature, a literal, a name), ``runtime`` (it runs and fails on a value) or
``syntax`` — and ``offline_error``, when given, a fragment the workbench's message must hold
(the same condition in the workbench's words). The workbench's error is classed by where it
arises: the translation (``syntax`` when it says so, else ``analysis``), the reference
analyzer's gate (``analysis``, or ``syntax`` for GoogleSQL's syntax errors), or DuckDB
running the statement (``runtime``). A refusal, a raw engine message or an error of another
kind or condition is never the documented error.

The same cases also run through a plain ``sqlglot.transpile`` to show what a user would
get without the translation rules (bench/translate.py).
"""

from __future__ import annotations

import json
import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

    from workbench.workbench import Workbench

CASES_DIR = Path(__file__).resolve().parent / "cases"
REFUSAL = re.compile(
    r"^(?:[^:]+: )?(?:line \d+: )?(?P<construct>.+?) is not supported offline: \S.*$"
)
OUTCOMES = ("correct", "refused", "wrong", "error")
ERROR_KINDS = ("analysis", "runtime", "syntax")
# A raw engine or parser message (tests/workbench/conformance/test_no_unclear_errors.py)
UNCLEAR = re.compile(
    r"Binder Error|Catalog Error|Parser Error|Conversion Error: Unimplemented"
    r"|Not implemented Error|INTERNAL Error|<Token token_type:"
)
_GATE_SYNTAX = "BigQuery rejects this query: Syntax error"


@dataclass(frozen=True)
class Case:
    id: str
    area: str
    sql: str
    source: str
    offline: str = "correct"  # or "refused"
    rows: list[list[Any]] | None = None
    types: list[str] | None = None
    error: str | None = None  # BigQuery raises this error (its message or condition)
    error_kind: str | None = None  # "analysis", "runtime" or "syntax": when BigQuery raises it
    offline_error: str | None = None  # a fragment the workbench's message must hold
    params: dict[str, Any] = field(default_factory=dict)
    names: list[str] | None = None  # output column names, when the case is about them
    # The text the expected result was checked against, by whoever checked it: a BigQuery
    # documentation page, or the GoogleSQL (ZetaSQL) reference that page is generated from.
    # Empty: written from memory, not yet checked against any documentation text.
    verified: str = ""
    note: str = ""  # why a case is unverified, or what the checked text did not cover
    file: str = ""

    @property
    def verified_against(self) -> str:
        """'bigquery', 'googlesql', 'secondary' or '' (unverified): where ``verified`` points."""
        if not self.verified:
            return ""
        if self.verified.startswith("https://cloud.google.com/bigquery/docs/"):
            return "bigquery"
        if self.verified.startswith("https://github.com/google/zetasql/"):
            return "googlesql"
        return "secondary"


@dataclass(frozen=True)
class Outcome:
    kind: str  # one of OUTCOMES
    detail: str = ""


def load_cases(directory: Path = CASES_DIR) -> list[Case]:
    """Every case, in file and then document order; malformed cases are errors."""
    cases: list[Case] = []
    seen: set[str] = set()
    for path in sorted(directory.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for raw in data.get("case", []):
            raw = dict(raw)
            where = f"{path.name}: case {raw.get('id', '?')!r}"
            for key in ("id", "area", "sql", "source"):
                if not raw.get(key):
                    raise ValueError(f"{where}: missing {key!r}")
            if raw["id"] in seen:
                raise ValueError(f"{where}: duplicate id")
            seen.add(raw["id"])
            if not raw["source"].startswith("https://cloud.google.com/bigquery/docs/"):
                raise ValueError(f"{where}: source must be a BigQuery documentation page")
            if "rows" in raw:
                raw["rows"] = json.loads(raw["rows"])
            elif "value" in raw:
                raw["rows"] = [[json.loads(raw.pop("value"))]]
            if "type" in raw:
                raw["types"] = [raw.pop("type")]
            if "params" in raw:
                raw["params"] = json.loads(raw["params"])
            if raw.get("verified") is not None and not str(raw["verified"]).startswith("https://"):
                raise ValueError(f"{where}: verified must be the URL of the text checked")
            if raw.get("offline", "correct") not in ("correct", "refused"):
                raise ValueError(f"{where}: offline must be 'correct' or 'refused'")
            if raw.get("rows") is None and not raw.get("error") and raw.get("offline") != "refused":
                raise ValueError(f"{where}: needs rows/value (with types) or error")
            if raw.get("error") and raw.get("error_kind") not in ERROR_KINDS:
                raise ValueError(f"{where}: an error case needs error_kind, one of {ERROR_KINDS}")
            if (raw.get("error_kind") or raw.get("offline_error")) and not raw.get("error"):
                raise ValueError(f"{where}: error_kind/offline_error without error")
            if raw.get("rows") is not None and raw.get("types") is None:
                raise ValueError(f"{where}: needs types")
            cases.append(Case(file=path.name, **raw))
    return cases


def bigquery_type(t: pa.DataType) -> str:
    """The BigQuery type a user sees for an Arrow column type of a DuckDB result."""
    from wbcore.types import from_arrow

    return from_arrow(t)


def _same(expected: Any, got: Any) -> bool:
    if isinstance(expected, float) or isinstance(got, float):
        if isinstance(expected, bool) or isinstance(got, bool):
            return False
        if not isinstance(expected, int | float) or not isinstance(got, int | float):
            return False
        return math.isclose(expected, got, rel_tol=1e-12, abs_tol=1e-300)
    if isinstance(expected, list) and isinstance(got, list):
        return len(expected) == len(got) and all(
            _same(e, g) for e, g in zip(expected, got, strict=True)
        )
    if isinstance(expected, dict) and isinstance(got, dict):
        return list(expected) == list(got) and all(_same(expected[k], got[k]) for k in expected)
    return type(expected) is type(got) and expected == got


def _plain_decimal(value: Any) -> Any:
    """NUMERIC as BigQuery's API prints it: no trailing zeros (3.300000000 → "3.3")."""
    from decimal import Context, Decimal

    if isinstance(value, Decimal):  # normalized exactly: 38 digits exceed decimal's default 28
        text = format(value.normalize(Context(prec=80)), "f")
        return text
    if isinstance(value, list):
        return [_plain_decimal(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain_decimal(v) for k, v in value.items()}
    return value


def compare(case: Case, table: pa.Table) -> str | None:
    """None when ``table`` is the documented result (rows and types), else what differs."""
    from workbench.output import json_value, rows

    got_rows = [[json_value(_plain_decimal(v)) for v in row] for row in rows(table)]
    got_types = [bigquery_type(f.type) for f in table.schema]
    if case.types is None or case.rows is None:  # a refusal case: no result to compare with
        return "a result where only a refusal is documented"
    if len(got_types) != len(case.types):
        return f"{len(got_types)} columns, documented {len(case.types)}"
    for i, (want, got) in enumerate(zip(case.types, got_types, strict=True)):
        all_null = all(r[i] is None for r in got_rows)
        if want != got and not (got == "NULL" and all_null):
            return f"column {i + 1} has type {got}, documented {want}"
    if case.names is not None and list(table.column_names) != case.names:
        return f"column names {list(table.column_names)}, documented {case.names}"
    if not _same(case.rows, got_rows):
        return f"rows {json.dumps(got_rows)}, documented {json.dumps(case.rows)}"
    return None


def error_outcome(case: Case, kind: str, text: str, offline: bool = True) -> Outcome:
    """Whether an error of ``kind`` with message ``text`` is the case's documented error.

    ``offline``: the workbench's message, which must also hold ``offline_error``; plain
    sqlglot's raw DuckDB messages are judged by their kind alone."""
    if UNCLEAR.search(text):
        return Outcome("error", f"a raw engine message, not BigQuery's error: {text}")
    if not case.error:
        return Outcome("error", text)
    if kind != case.error_kind:
        return Outcome(
            "wrong", f"a {kind} error where BigQuery's is a {case.error_kind} error: {text}"
        )
    if offline and case.offline_error and case.offline_error.lower() not in text.lower():
        return Outcome("wrong", f"not the error {case.offline_error!r}: {text}")
    return Outcome("correct", f"error as BigQuery: {text}")


def _first_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _judge(case: Case, run: Any, offline: bool = True) -> Outcome:
    """Run ``run(stage)`` (→ Arrow table) and classify it against the documented behaviour;
    ``stage`` is a one-item list the run keeps at the stage it has reached."""
    from workbench.translate import UnsupportedError

    stage = ["translation"]
    try:
        table = run(stage)
    except UnsupportedError as exc:
        if not REFUSAL.match(str(exc)):
            return Outcome("error", f"refusal without the standard message: {exc}")
        return Outcome("refused", str(exc))
    except Exception as exc:
        text = _first_line(exc)
        if REFUSAL.match(text):  # a refusal in another exception's clothes
            return Outcome("refused", text)
        if stage[0] == "translation":
            kind = "syntax" if "syntax error" in text.lower() else "analysis"
        elif stage[0] == "analysis":
            kind = "syntax" if _GATE_SYNTAX in text else "analysis"
        else:
            kind = stage[0]
        return error_outcome(case, kind, text, offline)
    if case.error:
        return Outcome("wrong", f"returned a result where BigQuery raises {case.error!r}")
    try:
        diff = compare(case, table)
    except (OverflowError, ValueError) as exc:  # e.g. a DATE past 9999-12-31 (Python's limit)
        return Outcome("wrong", f"the result cannot be read: {exc}")
    return Outcome("wrong", diff) if diff else Outcome("correct")


def run_offline(case: Case, wb: Workbench) -> Outcome:
    """The case through the workbench, as ``Workbench.arrow`` runs it: the translation rules,
    the reference analyzer's gate, the project's DuckDB connection."""

    def run(stage: list[str]) -> pa.Table:
        def vet(translation: Any, own: Exception | None = None) -> None:
            before = stage[0]
            stage[0] = "analysis"
            wb.refuse_what_bigquery_rejects(case.sql, "query", translation, own)
            # a translation error the analyzer words the same stays the translation's
            stage[0] = "runtime" if own is None else before

        return wb.engine.run(case.sql, case.params, "query", vet=vet)

    return _judge(case, run)


def run_plain(case: Case, conn: duckdb.DuckDBPyConnection) -> Outcome:
    """The case through ``sqlglot.transpile`` alone and a stock DuckDB connection."""
    import duckdb
    import sqlglot

    def run(stage: list[str]) -> pa.Table:
        sql = sqlglot.transpile(case.sql, read="bigquery", write="duckdb")[0]
        params = {k: v for k, v in case.params.items() if f"${k}" in sql}
        stage[0] = "runtime"
        try:
            return conn.sql(sql, params=params or None).to_arrow_table()
        except (duckdb.ParserException, duckdb.BinderException, duckdb.CatalogException):
            stage[0] = "analysis"  # DuckDB's own rejection of the statement
            raise

    return _judge(case, run, offline=False)


def offline_workbench(root: Path) -> Workbench:
    """A Workbench with no sources and no dataset: statements that need no table."""
    from workbench.workbench import Workbench

    return Workbench(root=root, db=root / "none.duckdb")
