"""GoogleSQL's reference analyzer as the validator every query passes (issue 15).

The corpus (``rejected/statements.toml``) holds statements BigQuery rejects, each written for
it from the GoogleSQL reference page named in its ``doc`` (query syntax, lexical structure,
operators, conversion rules, aggregate, window, string, date and array functions, data
types: https://cloud.google.com/bigquery/docs/reference/standard-sql/), with the line it is
refused on marked ``--<<``. Many of them sqlglot parses and DuckDB would run.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from wasmtime import Trap
from zetasql.core.exceptions import ServerError
from zetasql.types import LanguageFeature

from tests.conftest import ROOT
from wbcore.sqlfile import read_sql
from workbench.project import Project
from workbench.translate import analyzer
from workbench.translate.analyzer import Rejection, check_statement

CORPUS = Path(__file__).parent / "rejected" / "statements.toml"
CASES: list[dict[str, str]] = tomllib.loads(CORPUS.read_text(encoding="utf-8"))["case"]
MARK = "--<<"


@pytest.fixture(scope="module")
def project() -> Project:
    return Project(ROOT)


@pytest.fixture()
def verdicts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh verdict cache (the compiled module, once loaded, stays in the process)."""
    analyzer.service()
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(tmp_path))
    return tmp_path


def _marked_line(sql: str) -> int:
    lines = [i for i, text in enumerate(sql.splitlines(), 1) if text.rstrip().endswith(MARK)]
    assert len(lines) == 1, "mark exactly one line --<<"
    return lines[0]


def test_the_corpus_has_at_least_100_statements_each_citing_its_page() -> None:
    assert len(CASES) >= 100
    assert len({c["title"] for c in CASES}) == len(CASES)
    assert all(c["doc"].startswith("https://cloud.google.com/bigquery/docs/") for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["title"] for c in CASES])
def test_bigquery_rejects_it_on_its_line(
    case: dict[str, str], project: Project, verdicts: Path
) -> None:
    """Refused, on the marked line, with the reference analyzer's reason (see ``doc``)."""
    rejection = check_statement(case["sql"], project.source(case["source"]))
    assert rejection is not None
    assert rejection.line == _marked_line(case["sql"])
    assert case.get("error", "") in rejection.message
    assert rejection.column >= 1


def _accepted_files() -> list[Path]:
    safe = ROOT / "tests" / "workbench" / "privacy" / "adversarial" / "safe"
    return sorted((ROOT / "queries").rglob("*.sql")) + sorted(safe.rglob("*.sql"))


@pytest.mark.parametrize(
    "path", _accepted_files(), ids=lambda p: str(p.relative_to(ROOT)).replace("/", ":")
)
def test_every_project_and_safe_query_passes(path: Path, project: Project, verdicts: Path) -> None:
    """queries/ and the privacy suite's safe statistics are valid BigQuery."""
    sql, _ = read_sql(path)
    assert check_statement(sql, project.source(path.parent.name)) is None


def test_tables_answer_to_their_local_production_and_public_names(
    project: Project, verdicts: Path
) -> None:
    """A query may name the source's table as the workbench, production or public data do."""
    dropsonde = project.source("dropsonde")
    for name in dropsonde.table_names:
        for spelling in (f"`{name}`", ".".join(f"`{p}`" for p in name.split("."))):
            sql = f"SELECT COUNT(DISTINCT m.slug) AS n FROM {spelling}, UNNEST(modules) AS m"
            assert check_statement(sql, dropsonde) is None, spelling
    assert check_statement("SELECT 1 FROM `other.dataset.table`", dropsonde) is not None


def test_bigquery_type_aliases_are_accepted(project: Project, verdicts: Path) -> None:
    """INTEGER, BIGINT, DECIMAL...: BigQuery's aliases (data-types#numeric_types) the reference
    analyzer lacks are renamed at the analyzer's position, nowhere else."""
    pace = project.source("pace")
    sql = "SELECT CAST(cli_version AS INTEGER) AS integer,\n  CAST('1' AS Decimal) AS d\nFROM pace_telemetry"
    assert check_statement(sql, pace) is None
    assert check_statement("SELECT CAST(1 AS INT32) AS x", pace) == Rejection(
        1, 18, "Type not found: INT32"
    )
    wrong = check_statement("SELECT CAST('1' AS BIGINT) + 'x' AS x", pace)
    assert wrong is not None and wrong.column == 30


def test_a_verdict_is_kept_on_disk_and_read_back(project: Project, verdicts: Path) -> None:
    """The second time a query is checked its verdict comes from the cache, not the analyzer."""
    pace = project.source("pace")
    sql = "SELECT nope FROM pace_telemetry"
    first = check_statement(sql, pace)
    assert first == Rejection(1, 8, "Unrecognized name: nope")
    (stored,) = (verdicts / "verdicts").rglob("*.json")
    stored.write_text(json.dumps({"ok": False, "line": 9, "column": 9, "message": "cached"}))
    assert check_statement(sql, pace) == Rejection(9, 9, "cached")
    stored.write_text("not json")  # a damaged entry is analyzed again
    assert check_statement(sql, pace) == first
    other = project.source("pulp")  # another schema, another verdict
    assert check_statement("SELECT system_id FROM pulp_analytics", other) is None
    assert len(list((verdicts / "verdicts").rglob("*.json"))) == 2


def test_the_compiled_module_is_cached() -> None:
    """Start-up maps the compiled module (~1 s) instead of compiling 28 MB (~35 s)."""
    analyzer.service()
    assert list(analyzer.cache_dir().glob("zetasql-*.cwasm"))


def test_a_multi_line_message_keeps_its_location_and_argument_types() -> None:
    raw = (
        "Code: 3, Message: No matching signature for aggregate function SUM\n"
        "  Argument types: STRING\n  Signature: SUM(INT64)\n"
        "    Argument 1: Unable to coerce type STRING to expected type INT64 [at 4:10]"
    )
    error = ServerError(3, "No matching signature for aggregate function SUM", raw)
    assert analyzer._rejection(error) == Rejection(
        4, 10, "No matching signature for aggregate function SUM (argument types: STRING)"
    )


def test_max_by_and_min_by_are_bigquery_aggregates(project: Project, verdicts: Path) -> None:
    """BigQuery documents MAX_BY and MIN_BY (aggregate_functions); zetasql 0.1.5 lacks them,
    so the catalog declares them, and their arguments and grouping are still checked."""
    pace = project.source("pace")
    sql = (
        "SELECT MAX_BY(cli_version, timestamp) AS v, MIN_BY(id, timestamp) AS w FROM pace_telemetry"
    )
    assert check_statement(sql, pace) is None
    plus = check_statement(
        "SELECT MAX_BY(cli_version, timestamp) + 1 AS v FROM pace_telemetry", pace
    )
    assert plus is not None and plus.message.startswith("No matching signature for operator +")
    assert check_statement("SELECT MIN_BY(id) AS v FROM pace_telemetry", pace) is not None
    grouped = check_statement(
        "SELECT id, MAX_BY(cli_version, timestamp) AS v FROM pace_telemetry", pace
    )
    assert grouped is not None and "neither grouped nor aggregated" in grouped.message


def test_compiled_code_others_may_write_is_not_loaded(tmp_path: Path) -> None:
    """The cached module is native code: a group- or world-writable file is compiled anew."""
    path = tmp_path / "module.cwasm"
    path.write_bytes(b"")
    path.chmod(0o644)
    assert analyzer._private(path)
    path.chmod(0o664)
    assert not analyzer._private(path)


def test_an_analyzer_crash_is_said_not_cached_and_recovered(
    project: Project, verdicts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wasm trap (a CHECK failure in the analyzer) leaves the statement unchecked, says so,
    and the next statement gets a new module."""
    pace = project.source("pace")
    sql = "SELECT id FROM pace_telemetry"
    crashed_service = analyzer.service()

    def trap(*args: object) -> None:
        raise Trap("unreachable")

    with monkeypatch.context() as patched:
        patched.setattr(analyzer, "_analyze_once", trap)
        rejection = check_statement(sql, pace)
    assert rejection is not None and rejection.crashed
    assert not list((verdicts / "verdicts").rglob("*.json"))
    assert check_statement(sql, pace) is None
    assert analyzer.service() is not crashed_service


def test_contains_substr_and_collate_are_bigquery_functions(
    project: Project, verdicts: Path
) -> None:
    """Declared from BigQuery's string functions page; their argument types are still checked."""
    pace = project.source("pace")
    ok = "SELECT CONTAINS_SUBSTR(STRUCT(id, cli_version), 'x') AS c, COLLATE(id, 'und:ci') AS d\nFROM pace_telemetry"
    assert check_statement(ok, pace) is None
    wrong = check_statement("SELECT CONTAINS_SUBSTR(cli_version, 1) AS c FROM pace_telemetry", pace)
    assert wrong is not None and "argument types: STRING, INT64" in wrong.message


def test_bigquery_language_without_features_bigquery_lacks(
    project: Project, verdicts: Path
) -> None:
    """External mode, no protocol buffers, graphs or measures; pipe syntax and GROUP BY ALL
    (query-syntax, pipe-syntax pages) stay accepted."""
    names = {LanguageFeature(f).name for f in analyzer.language_options().enabled_language_features}
    assert not {n for n in names if any(part in n for part in analyzer.NOT_BIGQUERY)}
    assert {"FEATURE_PIPES", "FEATURE_GROUP_BY_ALL", "FEATURE_QUALIFY"} <= names
    pace = project.source("pace")
    assert (
        check_statement("FROM pace_telemetry |> AGGREGATE COUNT(*) AS n GROUP BY cli_version", pace)
        is None
    )
    assert (
        check_statement("SELECT cli_version, COUNT(*) AS n FROM pace_telemetry GROUP BY ALL", pace)
        is None
    )
    assert check_statement("SELECT CAST(1 AS UINT64) AS u", pace) is not None


def test_the_differential_privacy_clause_is_bigquery_language(
    project: Project, verdicts: Path
) -> None:
    """SELECT WITH DIFFERENTIAL_PRIVACY (query-syntax#dp_clause) and the DP aggregates with
    contribution_bounds_per_group (aggregate-dp-functions) are accepted; a privacy unit
    column the FROM clause does not have is refused."""
    dropsonde = project.source("dropsonde")
    sql = (
        "SELECT WITH DIFFERENTIAL_PRIVACY\n"
        "  OPTIONS (epsilon = 1, delta = 1e-5, max_groups_contributed = 2, "
        "privacy_unit_column = site_id)\n"
        "  modules.slug, COUNT(*, contribution_bounds_per_group => (0, 1)) AS sites,\n"
        "  AVG(modules.version IS NULL, contribution_bounds_per_group => (0, 1)) AS x\n"
        "FROM community_metrics, UNNEST(modules) AS modules\nGROUP BY modules.slug"
    )
    ok = sql.replace("modules.version IS NULL", "1")
    assert check_statement(ok, dropsonde) is None
    typed = check_statement(sql, dropsonde)  # AVG of BOOL: no DP signature
    assert typed is not None and typed.line == 4 and "DIFFERENTIAL_PRIVACY" in typed.message
    unit = check_statement(ok.replace("= site_id", "= no_such_column"), dropsonde)
    assert unit is not None and unit.line == 2


def test_query_parameters_are_declared_with_their_types(project: Project, verdicts: Path) -> None:
    """BigQuery's parameters are typed (the API sends each value's type): the analyzer must
    know them, or it types a parameter by its first use and ``@arr[OFFSET(@i)]`` is refused as
    an INT64 subscript. Declared, a wrongly typed use is BigQuery's error; verdicts with other
    types are other verdicts."""
    pace = project.source("pace")
    tables = analyzer.source_tables(pace)
    sql = "SELECT @arr[OFFSET(@i)] AS x"
    undeclared = analyzer.analyze_tables(sql, tables)
    assert undeclared is not None and "OFFSET" in undeclared.message
    assert analyzer.analyze_tables(sql, tables, (("arr", "ARRAY<STRING>"), ("i", "INT64"))) is None
    wrong = analyzer.analyze_tables(sql, tables, (("arr", "ARRAY<STRING>"), ("i", "STRING")))
    assert wrong == Rejection(
        1, 20, "Array position in [] must be coercible to INT64 type, but has type STRING"
    )
    # a DATE parameter where a TIMESTAMP is compared: BigQuery's signature error
    dated = analyzer.analyze_tables(
        "SELECT @d < CURRENT_TIMESTAMP() AS x", tables, (("d", "DATE"),)
    )
    assert dated is not None and "DATE" in dated.message
    assert len(list((verdicts / "verdicts").rglob("*.json"))) == 4
