"""Imports sit at the top of a module, except where start-up time needs them inside a function.

A function-level import hides a dependency (and once hid import cycles); the only accepted
reason is keeping a heavy library off the start-up path of commands that never use it
(tests/workbench/test_cli.py measures that path). Each module allowed to do it says why.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGES = ("wbcore", "fakedata", "workbench")
# module → why its imports inside functions stay there
LAZY: dict[str, str] = {
    "wbcore/types.py": "pyarrow: layer 1 is imported by `workbench --help`",
    "fakedata/population.py": "numpy: read by every source load (`workbench schema`)",
    "fakedata/field_rules.py": "numpy, Faker: read by every source load",
    "fakedata/source.py": "pydantic models: only when a source.toml is read",
    "workbench/__init__.py": "the magic (IPython) only on %load_ext",
    "workbench/charts.py": "altair and vl-convert (~1 s) only when a chart renders",
    "workbench/check.py": "GoogleSQL's analyzer (zetasql, ~1 s) for check, not for run's note",
    "workbench/cli.py": "every command's own modules, so `workbench --help` stays instant",
    "workbench/magic.py": "the BigQuery engine only for --engine bigquery",
    "workbench/output.py": "pandas and db-dtypes only for DataFrames, not for `workbench run`",
    "workbench/workbench.py": "check, promote, publish, generation: sqlglot, pyarrow, google",
    "workbench/engines/bigquery.py": "google-cloud-bigquery (~0.5 s) on first use only",
    "workbench/engines/dataset.py": "duckdb on first query",
    "workbench/engines/local.py": "duckdb on first query; the probes (sqlglot) on a data error; "
    "the BigQuery functions a query calls",
    "workbench/translate/functions.py": "NumPy and pyarrow (rounding) only for a query that rounds",
    "workbench/engines/errors.py": "sqlglot only to read a translated tree",
    "workbench/translate/__init__.py": "the rules and sqlglot (~0.3 s) on first translation",
    "workbench/translate/context.py": "sqlglot on first translation",
}


def _lazy_modules() -> set[str]:
    found = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and any(
                    isinstance(n, ast.Import | ast.ImportFrom) for n in ast.walk(node)
                ):
                    found.add(path.relative_to(ROOT).as_posix())
                    break
    return found


def test_only_start_up_modules_import_inside_functions() -> None:
    assert _lazy_modules() - set(LAZY) == set()


def test_every_allowed_module_still_needs_it() -> None:
    assert set(LAZY) - _lazy_modules() == set()
    assert all(Path(ROOT / m).is_file() for m in LAZY)
