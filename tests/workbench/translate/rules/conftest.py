"""Helpers for rule tests: BigQuery in → DuckDB SQL and the executed result, on a real DuckDB."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.workbench.conformance.harness import offline_workbench
from workbench.translate import Context, translate


class Check:
    def __init__(self, root: Path) -> None:
        self.wb = offline_workbench(root)

    def sql(self, bigquery: str) -> str:
        return translate(bigquery, Context()).duckdb

    def rules(self, bigquery: str) -> list[str]:
        return translate(bigquery, Context()).rules

    def value(self, bigquery: str, **params):
        table = self.wb.arrow(bigquery, params or None)
        return table.column(0).to_pylist()[0]

    def rows(self, bigquery: str) -> list[tuple]:
        table = self.wb.arrow(bigquery)
        return [tuple(r.values()) for r in table.to_pylist()]

    def type(self, bigquery: str) -> str:
        from tests.workbench.conformance.harness import bigquery_type

        return bigquery_type(self.wb.arrow(bigquery).schema.field(0).type)


@pytest.fixture(scope="session")
def check(tmp_path_factory: pytest.TempPathFactory):
    c = Check(Path(tmp_path_factory.mktemp("rules")))
    yield c
    c.wb.close()
