"""GoogleSQL's reference evaluator for whole queries (zetasql's PreparedQuery).

``reference.py`` evaluates one constant expression (PreparedExpression); a query reading
small literal tables written inline (``WITH t AS (SELECT * FROM UNNEST([STRUCT(...)]))``)
needs no catalog table, so the same module, language options and builtin catalog evaluate
it with ``ZetaSqlLocalService_PrepareQuery`` / ``EvaluateQuery``. The result is the output
columns (name and BigQuery type) and the rows, each cell as the Python value the workbench's
Arrow results give (the same ``reference._value``).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Any

from tests.workbench.conformance.oracle import reference
from workbench.translate import analyzer


@dataclass(frozen=True)
class QueryReference:
    """The evaluator's verdict on a query: its columns and rows, or the error it raises."""

    types: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)
    error: str | None = None
    analysis: bool = False  # the error comes from analysis (BigQuery rejects the statement)


def evaluate_query(sql: str) -> QueryReference:
    """The reference evaluator's answer for one query with no catalog tables.

    Raises ``reference.Unreadable`` for a column type the comparison leaves out, and
    wasmtime's Trap when the module aborts (a new one is started next time).
    """
    from wasmtime import Trap
    from zetasql.core.exceptions import ServerError
    from zetasql.wasi._pb2.zetasql.local_service import local_service_pb2 as pb

    options, catalog = reference._options()
    request = pb.PrepareQueryRequest(sql=sql, options=options, registered_catalog_id=catalog)
    try:
        raw = analyzer._call("ZetaSqlLocalService_PrepareQuery", request.SerializeToString())
        prepared = pb.PrepareQueryResponse.FromString(raw).prepared
    except ServerError as error:
        return QueryReference(error=reference._message(error), analysis=True)
    except Trap:
        reference._forget()
        raise
    query_id = prepared.prepared_query_id
    try:
        columns = list(prepared.columns)
        types = [reference.type_name(c.type) for c in columns]  # may raise Unreadable
        run = pb.EvaluateQueryRequest(prepared_query_id=query_id)
        try:
            out = analyzer._call("ZetaSqlLocalService_EvaluateQuery", run.SerializeToString())
        except ServerError as error:
            return QueryReference(types=types, error=reference._message(error))
        content = pb.EvaluateQueryResponse.FromString(out).content
        rows = [
            [reference._value(cell, c.type) for cell, c in zip(row.cell, columns, strict=True)]
            for row in content.table_data.row
        ]
    except Trap:
        reference._forget()
        raise
    finally:
        unprepare = pb.UnprepareQueryRequest(prepared_query_id=query_id)
        with contextlib.suppress(ServerError, Trap):
            analyzer._call("ZetaSqlLocalService_UnprepareQuery", unprepare.SerializeToString())
    return QueryReference(types=types, names=[c.name for c in columns], rows=rows)
