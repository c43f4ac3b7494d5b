"""The privacy analysis: a corpus of leaky and safe queries, and the real queries of every source.

Each corpus file starts with ``-- expect: rule, rule`` (or ``none``): rules the analysis must
report (a leaky query may break more than one; a safe one must break none). Leaky files cover every path an identifier can take to the output;
safe files cover every allowed use (counting, filtering, joining, partitioning, inner
DISTINCT/GROUP BY that are not output). A file is analysed as a query of the source whose
production table it names first (pulp_*, pace_* files), else of Dropsonde.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fakedata.source import load_source
from workbench.privacy import CHECKS, analyze

ROOT = Path(__file__).resolve().parents[3]
CORPUS = Path(__file__).parent / "corpus"
LEAKY = sorted((CORPUS / "leaky").glob("*.sql"))
SAFE = sorted((CORPUS / "safe").glob("*.sql"))
DROPSONDE = sorted((ROOT / "queries" / "dropsonde").glob("*.sql"))
OTHERS = sorted((ROOT / "queries" / "pulp").glob("*.sql")) + sorted(
    (ROOT / "queries" / "pace").glob("*.sql")
)
TABLE = "`bto-dataops-datalake-prod.dujour.community_metrics`"


@pytest.fixture(scope="module")
def source():
    return load_source(ROOT / "schemas" / "dropsonde")


@pytest.fixture(scope="module")
def sources():
    return {name: load_source(ROOT / "schemas" / name) for name in ("dropsonde", "pulp", "pace")}


def source_of(text: str, sources) -> object:
    """The source whose production table the text names first (Dropsonde if none)."""
    named = [
        (text.find(s.production_table), s) for s in sources.values() if s.production_table in text
    ]
    return min(named, key=lambda x: x[0])[1] if named else sources["dropsonde"]


def expected(path: Path) -> set[str]:
    m = re.search(r"^-- expect: (.+)$", path.read_text(), re.M)
    assert m, f"{path.name} lacks an `-- expect:` line"
    return set() if m.group(1).strip() == "none" else {r.strip() for r in m.group(1).split(",")}


def rules(sql: str, source) -> set[str]:
    return {f.rule for f in analyze(sql, source, "q.sql").findings}


def test_corpus_is_large_enough():
    assert len(LEAKY) >= 30 and len(SAFE) >= 20
    assert len(DROPSONDE) >= 6
    assert len(OTHERS) >= 10


@pytest.mark.parametrize("path", LEAKY, ids=lambda p: p.stem)
def test_leaky_query_is_caught(path: Path, sources):
    want = expected(path)
    assert want, "a leaky query must expect findings"
    assert want <= set(CHECKS)
    text = path.read_text()
    assert want <= rules(text, source_of(text, sources))


@pytest.mark.parametrize("path", SAFE, ids=lambda p: p.stem)
def test_safe_query_passes(path: Path, sources):
    assert expected(path) == set()
    text = path.read_text()
    assert rules(text, source_of(text, sources)) == set()


def test_corpus_covers_every_source(sources):
    for name in ("pulp", "pace"):
        for kind in (LEAKY, SAFE):
            assert [p for p in kind if source_of(p.read_text(), sources).name == name], name


@pytest.mark.parametrize("path", OTHERS, ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_real_pulp_and_pace_statistics_pass(path: Path, sources):
    analysis = analyze(path.read_text(), sources[path.parent.name], path.name)
    assert analysis.findings == []
    assert analysis.tree is not None


@pytest.mark.parametrize(
    ("name", "table", "other"),
    [
        ("pulp", "`pulp-analytics-prod.analytics.pulp_analytics`", "postgresql_version"),
        ("pace", "`pace-telemetry-prod.cli.pace_telemetry`", "operating_system"),
    ],
)
def test_identifiers_of_each_source_are_watched(sources, name, table, other):
    source = sources[name]
    assert source.identifiers == (source.entity,)
    for column in source.identifiers:
        found = rules(f"SELECT {other}, MAX({column}) AS x FROM {table} GROUP BY {other}", source)
        assert {"identifier-use", "identifier-output"} <= found, column
        found = rules(f"SELECT COUNT(DISTINCT {column}) AS n FROM {table}", source)
        assert found == set(), column
        # another source's identifier is just a column name here: not in this schema
        found = rules(f"SELECT COUNT(DISTINCT site_id) AS n FROM {table}", source)
        assert found == {"columns"}


@pytest.mark.parametrize("path", DROPSONDE, ids=lambda p: p.stem)
def test_real_dropsonde_statistics_pass(path: Path, source):
    analysis = analyze(path.read_text(), source, path.name)
    # a differentially private query says it meets the small-group rules by construction
    said = [
        f for f in analysis.findings if (f.rule, f.severity) != ("differential-privacy", "info")
    ]
    assert said == []
    assert analysis.dp.covered == ("WITH DIFFERENTIAL_PRIVACY" in path.read_text())
    assert analysis.tree is not None


def test_message_names_column_identifier_and_path(source):
    sql = (
        "WITH per_site AS (\n"
        f"  SELECT TO_HEX(site_id) AS who, product FROM {TABLE}\n"
        ")\n"
        "SELECT product,\n"
        "  MAX(who) AS sample\n"
        "FROM per_site\n"
        "GROUP BY product\n"
    )
    found = analyze(sql, source, "q.sql").findings
    (use,) = [f for f in found if f.rule == "identifier-use"]
    assert (use.line, use.message.split(";")[0]) == (2, "identifier site_id is used in TO_HEX")
    (finding,) = [f for f in found if f.rule == "identifier-output"]
    assert finding.line == 5
    assert finding.message == (
        "output column 'sample' carries identifier site_id (via MAX → CTE per_site → TO_HEX)"
    )


def test_unnamed_output_column_is_named_by_position(source):
    found = analyze(f"SELECT COUNT(*), MAX(ip) FROM {TABLE}", source).findings
    (finding,) = [f for f in found if f.rule == "identifier-output"]
    assert finding.message.startswith("unnamed output column 2 carries identifier ip")


def test_every_identifier_of_source_toml_is_watched(source):
    assert set(source.identifiers) == {"site_id", "message_id", "ip"}
    for column in source.identifiers:
        found = rules(f"SELECT product, MAX({column}) AS x FROM {TABLE} GROUP BY product", source)
        assert {"identifier-use", "identifier-output"} <= found, column
        found = rules(f"SELECT COUNT(DISTINCT {column}) AS n FROM {TABLE}", source)
        assert found == set(), column


def test_identifiers_follow_source_toml(tmp_path: Path):
    """A column is an identifier because source.toml says so, not because of its name."""
    directory = tmp_path / "dropsonde"
    directory.mkdir()
    for f in (ROOT / "schemas" / "dropsonde").glob("*.json"):
        (directory / f.name).write_text(f.read_text())
    text = (ROOT / "schemas" / "dropsonde" / "source.toml").read_text()
    text = text.replace(
        'identifiers = ["site_id", "message_id", "ip"]', 'identifiers = ["product"]'
    )
    (directory / "source.toml").write_text(text)
    custom = load_source(directory)
    assert "identifier-output" in rules(f"SELECT MAX(product) AS p FROM {TABLE}", custom)
    # not an identifier there, ip is a private value: a condition on it in a cell counts a
    # subgroup (targeted-filter), but no identifier rule applies to it
    assert rules(f"SELECT COUNTIF(ip LIKE '10.%') AS n FROM {TABLE}", custom) == {"targeted-filter"}
    assert rules(
        f"SELECT COUNTIF(ip LIKE '10.%') AS n FROM {TABLE}",
        load_source(ROOT / "schemas" / "dropsonde"),
    ) == {"identifier-use"}


def test_syntax_error_reports_line(source):
    (finding,) = analyze("SELECT COUNT(*)\nFROM t\nWHERE (", source, "q.sql").findings
    assert finding.rule == "syntax"
    assert finding.line == 3


def test_more_than_one_statement_is_a_syntax_finding(source):
    (finding,) = analyze("SELECT 1; SELECT 2", source, "q.sql").findings
    assert finding.rule == "syntax"
    assert "one query per file" in finding.message


def test_statement_that_changes_data_is_refused(source):
    (finding,) = analyze(f"DELETE FROM {TABLE} WHERE TRUE", source, "q.sql").findings
    assert finding.rule == "syntax"
    assert "only queries" in finding.message


def test_unknown_column_is_reported_with_line(source):
    (finding,) = analyze(f"SELECT COUNT(*) AS n\nFROM {TABLE}\nWHERE nope > 1", source).findings
    assert finding.rule == "columns"
    assert finding.line == 3
    assert "'nope'" in finding.message


def test_wrong_table_finding_names_table_and_line(source):
    sql = f"SELECT COUNT(*) AS n\nFROM {TABLE} AS a\nJOIN other.secrets AS b ON TRUE"
    (finding,) = analyze(sql, source).findings
    assert finding.rule == "source-tables"
    assert finding.line == 3
    assert "'other.secrets'" in finding.message


def test_cte_named_like_a_table_is_not_a_table(source):
    sql = f"WITH secrets AS (SELECT product FROM {TABLE}) SELECT COUNT(*) AS n FROM secrets"
    assert rules(sql, source) == set()


def test_row_level_and_identifier_groups_point_at_their_lines(source):
    sql = f"-- header\nSELECT\n  product\nFROM {TABLE}\n"
    (finding,) = analyze(sql, source).findings
    assert (finding.rule, finding.line) == ("row-level", 3)
    sql = f"SELECT product, COUNT(*) AS n\nFROM {TABLE}\nGROUP BY product,\n  site_id\n"
    (finding,) = analyze(sql, source).findings
    assert (finding.rule, finding.line) == ("identifier-groups", 4)


@pytest.mark.parametrize(
    "name",
    [
        "`bto-dataops-datalake-prod.dujour.Community_Metrics`",
        "`bto-dataops-datalake-prod.DUJOUR.community_metrics`",
        "`BTO-DATAOPS-DATALAKE-PROD.DUJOUR.COMMUNITY_METRICS`",
        "`dataops-puppet-public-data.community.COMMUNITY_METRICS`",
    ],
)
def test_another_case_of_the_table_name_is_another_table(source, name):
    """BigQuery: "Table names are case-sensitive by default. mytable and MyTable can coexist
    in the same dataset, unless they are part of a dataset with case-sensitivity turned off"
    (https://cloud.google.com/bigquery/docs/tables#table_naming): dataset names likewise,
    case-insensitivity being a dataset option (is_case_insensitive)."""
    (finding,) = analyze(f"SELECT COUNT(*) AS n FROM {name}", source).findings
    assert finding.rule == "source-tables"
    assert name.strip("`") in finding.message
    # the production name as source.toml writes it, split in parts, is the table
    split = "`bto-dataops-datalake-prod`.dujour.`community_metrics`"
    assert analyze(f"SELECT COUNT(*) AS n FROM {split}", source).findings == []


@pytest.mark.parametrize(
    "clause",
    [
        "FOR SYSTEM_TIME AS OF TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 6 DAY)",
        "AS t FOR SYSTEM_TIME AS OF TIMESTAMP '2026-11-01 00:00:00+00'",
    ],
)
def test_time_travel_is_refused(source, clause):
    """FOR SYSTEM_TIME AS OF reads the table as it was up to seven days before
    (https://cloud.google.com/bigquery/docs/access-historical-data): rows deleted since, a
    site's deletion request among them, come back."""
    sql = f"SELECT COUNT(*) AS n\nFROM {TABLE} {clause}"
    (finding,) = analyze(sql, source).findings
    assert finding.rule == "source-tables" and finding.line == 2
    assert "FOR SYSTEM_TIME AS OF" in finding.message


# A persistent UDF is called by its dataset-qualified name and runs SQL or JavaScript stored
# in that dataset, which may query tables (https://cloud.google.com/bigquery/docs/user-defined-functions);
# BigQuery's own namespaces (NET., HLL_COUNT., KEYS., SAFE.) are no UDFs.
@pytest.mark.parametrize(
    "call",
    ["`bto-dataops-datalake-prod.crm.owner_of`(version)", "bqutil.fn.median([1])", "ds.f(1)"],
)
def test_a_persistent_udf_is_a_foreign_source(source, call):
    sql = f"SELECT {call} AS x, COUNT(DISTINCT site_id) AS n FROM {TABLE} GROUP BY 1"
    found = [f for f in analyze(sql, source).findings if f.rule == "source-tables"]
    assert found and "defined outside the query" in found[0].message, call


def test_bigquery_namespaced_functions_are_no_udfs(source):
    sql = (
        "SELECT version, HLL_COUNT.EXTRACT(HLL_COUNT.MERGE(s)) AS n FROM (SELECT version, "
        f"HLL_COUNT.INIT(site_id) AS s FROM {TABLE} GROUP BY version) GROUP BY version"
    )
    assert "source-tables" not in {f.rule for f in analyze(sql, source).findings}
