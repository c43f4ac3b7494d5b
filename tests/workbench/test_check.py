"""`workbench check` end to end on a real (small) DuckDB dataset, and `workbench new`."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT
from workbench.cli import main
from workbench.header import exemptions, header_problems, parse_header
from workbench.privacy import query_hash

CORPUS = Path(__file__).parent / "privacy" / "corpus"
TABLE = "`bto-dataops-datalake-prod.dujour.community_metrics`"
HEADER = (
    "-- question: How many sites use each product?\n"
    "-- example: product=puppet, sites=42\n"
    "-- personal data: no, counts of sites\n"
    "-- sanitization: site_id is only counted\n"
)
LINE = re.compile(r"^[^:\n]+:\d+: [a-z-]+: \S.*$")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def run_cli(args: list[str], small_db: Path, capsys, monkeypatch) -> tuple[int, str, str]:
    monkeypatch.setenv("WORKBENCH_ROOT", str(ROOT))
    code = main([*args, "--db", str(small_db)])
    out, err = capsys.readouterr()
    return code, out, err


def test_dropsonde_queries_pass_strict(small_db, capsys, monkeypatch):
    code, out, err = run_cli(["check", "--strict"], small_db, capsys, monkeypatch)
    assert code == 0, out + err
    lines = out.splitlines()
    assert all(LINE.match(line) for line in lines)
    # Reviewed exemptions are shown, with their reason, not hidden.
    assert any(": k-anonymity: allowed (because " in line for line in lines)
    n = len(list((ROOT / "queries").rglob("*.sql")))
    assert f"{n} queries checked: 0 error(s), 0 warning(s)" in err


def test_safe_corpus_runs_without_errors(wb):
    report = wb.check([CORPUS / "safe"])
    errors = [f.format() for f in report.findings if f.severity == "error"]
    assert errors == []
    assert len(report.files) >= 20


def test_leaky_corpus_fails_and_never_prints_identifier_values(small_db, wb, capsys, monkeypatch):
    code, out, err = run_cli(["check", str(CORPUS / "leaky")], small_db, capsys, monkeypatch)
    assert code == 1
    report = wb.check([CORPUS / "leaky"])
    assert all(r.failed(strict=False) for r in report.files)
    values: set[str] = set()
    for sql in (
        "SELECT DISTINCT TO_HEX(site_id) FROM community_metrics",
        "SELECT DISTINCT ip FROM community_metrics WHERE ip IS NOT NULL",
        "SELECT DISTINCT message_id FROM community_metrics",
        "SELECT DISTINCT system_id FROM pulp_analytics",
        "SELECT DISTINCT id FROM pace_telemetry",
    ):
        values.update(str(v) for v in wb.arrow(sql).column(0).to_pylist())
    assert len(values) > 40
    text = out + err
    leaked = [v for v in values if v in text]
    assert leaked == []
    assert all(LINE.match(line) for line in out.splitlines())


def test_clean_query_exits_zero_and_strict_turns_warnings_into_errors(
    tmp_path, small_db, capsys, monkeypatch
):
    bare = write(tmp_path, "bare.sql", f"SELECT product, COUNT(*) AS n FROM {TABLE} GROUP BY 1\n")
    code, out, _ = run_cli(["check", str(bare)], small_db, capsys, monkeypatch)
    assert code == 0
    assert ":1: metadata: warning: no metadata header" in out
    code, _, _ = run_cli(["check", "--strict", str(bare)], small_db, capsys, monkeypatch)
    assert code == 1


def test_k_anonymity_is_measured_on_the_fake_data(tmp_path, wb):
    # All sites together: one large group. Two private numbers per site together: tiny ones.
    few = write(tmp_path, "few.sql", HEADER + f"SELECT COUNT(DISTINCT site_id) AS n FROM {TABLE}")
    many = write(
        tmp_path,
        "many.sql",
        HEADER
        + "SELECT environment_count, ARRAY_LENGTH(modules) AS m, COUNT(*) AS n\n"
        + f"FROM {TABLE}\nGROUP BY environment_count, ARRAY_LENGTH(modules)\n",
    )
    assert wb.check([few]).findings == []
    (finding,) = wb.check([many]).findings
    assert finding.rule == "k-anonymity"
    assert finding.severity == "error"
    assert finding.line == 7
    assert re.search(
        r"\d+ of \d+ output rows are backed by fewer than k=5 distinct site_id", finding.message
    )
    assert wb.check([many]).failed


def test_a_histogram_of_one_number_needs_k_per_bucket(tmp_path, wb):
    # The largest environment counts are each one site's: the bucket is its fingerprint, so a
    # histogram of the raw number is refused like any small group; buckets of k pass.
    raw = write(
        tmp_path,
        "raw.sql",
        HEADER + "SELECT environment_count, COUNT(DISTINCT site_id) AS sites\n"
        f"FROM {TABLE}\nGROUP BY environment_count\n",
    )
    (finding,) = wb.check([raw]).findings
    assert (finding.rule, finding.severity) == ("k-anonymity", "error")
    assert "one number per site_id" in finding.message and "HAVING" in finding.message
    kept = write(
        tmp_path,
        "kept.sql",
        raw.read_text() + "HAVING COUNT(DISTINCT site_id) >= 5\n",
    )
    assert wb.check([kept]).findings == []


def test_k_anonymity_counts_entities_through_ctes(tmp_path, wb):
    sql = HEADER + (
        "WITH latest AS (\n"
        f"  SELECT site_id, product FROM {TABLE}\n"
        "  WHERE TRUE\n"
        "  QUALIFY ROW_NUMBER() OVER (PARTITION BY site_id ORDER BY timestamp DESC) = 1\n"
        ")\n"
        "SELECT COUNT(*) AS sites FROM latest\n"
    )
    assert wb.check([write(tmp_path, "latest.sql", sql)], strict=True).findings == []


def test_run_failure_is_a_finding(tmp_path, wb):
    path = write(tmp_path, "p.sql", HEADER + f"SELECT COUNT(*) AS n FROM {TABLE} WHERE @since > 0")
    (finding,) = wb.check([path]).findings
    assert finding.rule == "run"
    assert "@since" in finding.message


def review(tmp_path: Path, query: Path, *rules: str, text: str | None = None) -> Path:
    """A reviewed exemptions file listing ``rules`` for ``query`` (its current text's hash)."""
    digest = query_hash(text if text is not None else query.read_text())
    entries = "".join(
        f'[[exemption]]\nsource = "dropsonde"\nquery = "{query.stem}"\nrule = "{rule}"\n'
        f'reason = "reviewed"\nreviewer = "maintainer"\nsha256 = "{digest}"\n'
        for rule in rules
    )
    return write(tmp_path, "privacy-exemptions.toml", entries)


EXPORT = HEADER + (
    "-- privacy: allow row-level because this is a reviewed export of\n"
    "--   public product names only\n"
    f"SELECT product FROM {TABLE}\n"
)


def test_exemption_is_reported_not_hidden(tmp_path, wb):
    query = write(tmp_path, "x.sql", EXPORT)
    report = wb.check([query], strict=True, exemptions=review(tmp_path, query, "row-level"))
    assert not report.failed
    (finding,) = report.findings
    assert finding.rule == "row-level"
    assert finding.allowed.startswith("this is a reviewed export of public product names only")
    assert finding.allowed.endswith("reviewed by maintainer")
    assert ": row-level: allowed (because this is a reviewed export" in finding.format()


def test_a_self_granted_exemption_allows_nothing(tmp_path, wb):
    """The author's comment alone is an error, and the finding it asks to allow stays."""
    query = write(tmp_path, "x.sql", EXPORT)
    report = wb.check([query], exemptions=tmp_path / "absent.toml")
    got = {(f.rule, f.severity, f.allowed) for f in report.findings}
    assert got == {("exemption", "error", None), ("row-level", "error", None)}
    (exemption,) = [f for f in report.findings if f.rule == "exemption"]
    assert "is not listed in the reviewed" in exemption.message
    assert f'sha256 = "{query_hash(EXPORT)}"' in exemption.message


def test_an_edited_query_needs_a_new_review(tmp_path, wb):
    query = write(tmp_path, "x.sql", EXPORT)
    reviewed = review(tmp_path, query, "row-level", text=EXPORT.replace("product", "version"))
    report = wb.check([query], exemptions=reviewed)
    assert report.failed
    (exemption,) = [f for f in report.findings if f.rule == "exemption"]
    assert "for another text of this query" in exemption.message


def test_a_review_for_another_query_or_source_does_not_apply(tmp_path, wb):
    query = write(tmp_path, "x.sql", EXPORT)
    other = write(tmp_path, "y.sql", EXPORT)
    assert wb.check([query], exemptions=review(tmp_path, other, "row-level")).failed
    reviewed = review(tmp_path, query, "row-level")
    reviewed.write_text(reviewed.read_text().replace('"dropsonde"', '"pulp"'))
    assert wb.check([query], exemptions=reviewed).failed


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[exemption]]\nquery = 1\n", "exemption.0.source: Field required"),
        ("nonsense = [", "invalid TOML"),
        (
            '[[exemption]]\nsource="a"\nquery="b"\nrule="c"\nreason="d"\nreviewer="e"\nsha256="x"\n',
            "exemption.0.sha256",
        ),
        ("[other]\n", "other: Extra inputs are not permitted"),
    ],
)
def test_a_bad_reviewed_file_is_one_clear_error(
    tmp_path, small_db, capsys, monkeypatch, text, message
):
    reviewed = write(tmp_path, "privacy-exemptions.toml", text)
    query = write(tmp_path, "x.sql", EXPORT)
    code, out, err = run_cli(
        ["check", str(query), "--exemptions", str(reviewed)], small_db, capsys, monkeypatch
    )
    assert code == 1 and out == ""
    assert err.startswith(f"workbench: error: {reviewed}: ") and message in err, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_unused_malformed_and_forbidden_exemptions(tmp_path, wb):
    sql = HEADER + (
        "-- privacy: allow row-level because nothing\n"
        "-- privacy: allow it please\n"
        "-- privacy: allow source-tables because I said so\n"
        f"SELECT COUNT(*) AS n FROM {TABLE}\n"
    )
    query = write(tmp_path, "x.sql", sql)
    report = wb.check([query], exemptions=review(tmp_path, query, "row-level"))
    got = {(f.line, f.rule, f.severity) for f in report.findings}
    assert got == {
        (5, "exemption", "warning"),
        (6, "exemption", "error"),
        (7, "exemption", "error"),
    }
    assert report.failed


def test_an_unused_k_anonymity_exemption_is_not_flagged(tmp_path, wb):
    """k-anonymity depends on the data: the exemption may be needed on another dataset."""
    sql = (
        HEADER
        + "-- privacy: allow k-anonymity because public data\n"
        + f"SELECT COUNT(*) AS n FROM {TABLE}\n"
    )
    query = write(tmp_path, "x.sql", sql)
    report = wb.check([query], exemptions=review(tmp_path, query, "k-anonymity"))
    assert [f for f in report.findings if f.rule == "exemption"] == []


def test_exemption_inside_a_string_does_not_count():
    sql = "SELECT '-- privacy: allow row-level because no' AS s"
    assert exemptions(sql) == ([], [])


def test_header_fields_continue_over_lines():
    header = parse_header(
        "-- question: How many\n--   sites?\n-- example: a=1\n"
        "-- personal data: No\n-- sanitization: counted\nSELECT 1\n"
    )
    assert header.fields["question"] == "How many sites?"
    assert header.end == 5
    assert header_problems(header) == []


def test_header_problems_name_each_missing_field():
    problems = header_problems(parse_header("-- question: x\n-- personal data: maybe\nSELECT 1"))
    messages = [m for _, m in problems]
    assert any("`-- example:`" in m for m in messages)
    assert any("`-- sanitization:`" in m for m in messages)
    assert any("must start with yes or no" in m for m in messages)


def test_check_reports_unreadable_file_and_missing_path(tmp_path, wb):
    bad = tmp_path / "bad.sql"
    bad.write_bytes(b"\xff\xfe")
    (finding,) = wb.check([bad]).findings
    assert finding.rule == "file"
    with pytest.raises(Exception, match="no such file"):
        wb.check([tmp_path / "missing.sql"])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's schemas in a fresh root (so `new` writes there)."""
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    (tmp_path / "pyproject.toml").write_text("")
    return tmp_path


def test_new_scaffolds_a_query_that_checks(project, small_db, capsys, monkeypatch):
    monkeypatch.setenv("WORKBENCH_ROOT", str(project))
    assert main(["new", "product_sites", "--source", "dropsonde"]) == 0
    path = project / "queries" / "dropsonde" / "product_sites.sql"
    text = path.read_text()
    assert text.startswith("-- question: TODO")
    assert set(parse_header(text).fields) == {
        "question",
        "example",
        "personal data",
        "sanitization",
    }
    capsys.readouterr()
    assert main(["check", str(path), "--db", str(small_db)]) == 0
    out = capsys.readouterr().out
    assert "metadata: warning: `-- question:` still says TODO" in out
    assert "error" not in out
    assert main(["check", "--strict", str(path), "--db", str(small_db)]) == 1
    # An existing query is never overwritten.
    assert main(["new", "product_sites", "--source", "dropsonde"]) == 1
    assert path.read_text() == text
    assert "already exists" in capsys.readouterr().err
    assert main(["new", "2bad-name", "--source", "dropsonde"]) == 1


def test_engine_errors_never_show_data_values(tmp_path, wb):
    path = write(tmp_path, "c.sql", HEADER + f"SELECT SUM(CAST(ip AS INT64)) AS s FROM {TABLE}\n")
    findings = {f.rule: f for f in wb.check([path]).findings}
    assert "identifier-output" in findings
    message = findings["run"].message
    ips = wb.arrow("SELECT DISTINCT ip FROM community_metrics WHERE ip IS NOT NULL")
    assert not any(ip in message for ip in ips.column(0).to_pylist())


def test_check_binds_query_parameters(tmp_path, small_db, capsys, monkeypatch):
    query = write(
        tmp_path,
        "p.sql",
        HEADER
        + f"SELECT COUNT(DISTINCT site_id) AS n FROM {TABLE} WHERE environment_count >= @min\n",
    )
    code, out, _ = run_cli(["check", str(query)], small_db, capsys, monkeypatch)
    assert code == 1 and ": run: " in out and "@min" in out
    code, out, err = run_cli(
        ["check", str(query), "--param", "min=0"], small_db, capsys, monkeypatch
    )
    assert code == 0, out + err
    code, out, err = run_cli(["check", str(query), "--param", "min"], small_db, capsys, monkeypatch)
    assert code == 1 and "expected NAME=VALUE" in err


def test_check_of_a_directory_reads_what_promote_of_it_would(tmp_path, wb):
    from workbench.check import query_files

    (tmp_path / "a").mkdir()
    for name in ("a/x.sql", "y.sql"):
        write(tmp_path, name, HEADER + f"SELECT COUNT(*) AS n FROM {TABLE}\n")
    files = query_files(wb.project, [tmp_path])
    assert [p.name for p in files] == ["x.sql", "y.sql"]
    assert [r.path.name for r in wb.check([tmp_path]).files] == ["x.sql", "y.sql"]


def test_approximate_functions_are_an_info_finding_offline(tmp_path, wb):
    sql = HEADER + f"SELECT\n  APPROX_COUNT_DISTINCT(site_id) AS sites\nFROM {TABLE}\n"
    report = wb.check([write(tmp_path, "approx.sql", sql)], strict=True)
    (finding,) = report.findings
    assert (finding.rule, finding.severity) == ("approximate", "info")
    assert finding.message == "approximate on BigQuery: exact offline"
    assert finding.line == HEADER.count("\n") + 2
    assert not report.failed


# A query that joins two sources' tables: GoogleSQL's analyzer sees both tables, so a valid
# one is not "Table not found" (that it reads another source stays the source-tables finding:
# the aggregation repository runs one table's queries), and an invalid one is refused with
# GoogleSQL's message and column. query-syntax#join_types; operators#comparison_operators.
TWO_SOURCES = (
    f"SELECT COUNT(*) AS n\nFROM {TABLE} AS c\n"
    "CROSS JOIN (SELECT cli_version FROM pace_telemetry LIMIT 1) AS p\n"
)


def test_a_valid_two_source_join_passes_the_reference_analyzer(tmp_path, wb):
    report = wb.check([write(tmp_path, "two.sql", HEADER + TWO_SOURCES)])
    rules = {f.rule for f in report.findings}
    assert "bigquery-analyzer" not in rules, report.findings
    assert rules == {"source-tables"}  # reading pace_telemetry from a dropsonde query


@pytest.mark.parametrize(
    ("tail", "column", "message"),
    [
        # an unknown column of the second source (pace_telemetry has no site_id)
        ("WHERE p.site_id IS NULL\n", 9, "Name site_id not found inside p"),
        # a STRING column of the second source compared with an INT64
        ("WHERE p.cli_version = 1\n", 7, "No matching signature for operator ="),
    ],
)
def test_an_invalid_two_source_join_is_googlesqls_rejection(tmp_path, wb, tail, column, message):
    path = write(tmp_path, "two.sql", HEADER + TWO_SOURCES + tail)
    (finding,) = [f for f in wb.check([path]).findings if f.rule == "bigquery-analyzer"]
    assert finding.line == HEADER.count("\n") + 4
    assert finding.message.startswith(f"column {column}: {message}")
