"""`workbench promote` into a real (temporary) git repository standing in for the aggregation one."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from fakedata.source import load_source
from wbcore.errors import UserError
from workbench import promote as promote_module
from workbench.cli import main
from workbench.project import Project
from workbench.promote import production_sql, regenerate
from workbench.translate import parse

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).parent / "privacy" / "corpus"
PRODUCTION = "bto-dataops-datalake-prod.dujour.community_metrics"
LOCAL_QUERY = """\
-- question: How many sites run each product?
-- example: product=puppet, sites=42
-- personal data: no, counts of sites
-- sanitization: site_id is only counted (COUNT DISTINCT)
SELECT
  product,  -- as reported by the agent
  COUNT(DISTINCT cm.site_id) AS sites
FROM community_metrics AS cm  /* the local name */
WHERE cm.site_id IN (
  SELECT site_id FROM `dataops-puppet-public-data.community.community_metrics`
)
GROUP BY product
"""


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    path = tmp_path / "aggregation"
    path.mkdir()
    git(path, "init", "-q")
    return path


@pytest.fixture
def promote(small_db, capsys, monkeypatch):
    def run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setenv("WORKBENCH_ROOT", str(ROOT))
        code = main(["promote", *args, "--db", str(small_db)])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_promote_real_query_into_git_repository(repo, promote):
    query = ROOT / "queries" / "dropsonde" / "module_usage.sql"
    code, out, err = promote(str(query), "--to", str(repo / "dropsonde"))
    assert code == 0, err
    target = repo / "dropsonde" / "module_usage.sql"
    assert target.read_text() == query.read_text()  # already production: byte for byte
    assert f"wrote {target}" in out
    assert git(repo, "status", "--porcelain").splitlines() == ["?? dropsonde/"]
    assert git(repo, "ls-files", "--others").split() == ["dropsonde/module_usage.sql"]


def test_local_and_public_names_become_production_keeping_comments(tmp_path, repo, promote, wb):
    query = tmp_path / "product_sites.sql"
    query.write_text(LOCAL_QUERY)
    code, out, err = promote(str(query), "--to", str(repo))
    assert code == 0, err
    text = (repo / "product_sites.sql").read_text()
    expected = LOCAL_QUERY.replace("community_metrics AS cm", f"`{PRODUCTION}` AS cm").replace(
        "`dataops-puppet-public-data.community.community_metrics`", f"`{PRODUCTION}`"
    )
    assert text == expected
    assert "-- as reported by the agent" in text and "/* the local name */" in text
    assert "→ production table" in out
    # The promoted file itself passes the check and reads only the production table.
    assert not wb.check([repo / "product_sites.sql"]).failed


def test_overwrite_needs_force_and_shows_diff(tmp_path, repo, promote):
    query = tmp_path / "product_sites.sql"
    query.write_text(LOCAL_QUERY)
    assert promote(str(query), "--to", str(repo))[0] == 0
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "first")
    target = repo / "product_sites.sql"
    first = target.read_text()

    code, out, _ = promote(str(query), "--to", str(repo))
    assert code == 0 and f"unchanged {target}" in out

    query.write_text(
        LOCAL_QUERY.replace("GROUP BY product", "GROUP BY product\nORDER BY sites DESC")
    )
    code, out, err = promote(str(query), "--to", str(repo))
    assert code == 1
    assert "+ORDER BY sites DESC" in out and "--- " in out and "+++ " in out
    assert "--force" in err and "nothing was written" in err
    assert target.read_text() == first
    assert git(repo, "status", "--porcelain") == ""

    code, out, _ = promote(str(query), "--to", str(repo), "--force")
    assert code == 0 and f"overwrote {target}" in out
    assert target.read_text().endswith("ORDER BY sites DESC\n")
    assert git(repo, "diff", "--name-only").split() == ["product_sites.sql"]


def test_leaky_query_is_refused_and_nothing_written(tmp_path, repo, promote):
    good = tmp_path / "product_sites.sql"
    good.write_text(LOCAL_QUERY)
    leaky = CORPUS / "leaky" / "max_site.sql"
    code, out, err = promote(str(good), str(leaky), "--to", str(repo / "dropsonde"))
    assert code == 1
    assert "identifier-output" in out
    assert "refusing to promote" in err and "nothing was written" in err
    assert not (repo / "dropsonde").exists()
    assert git(repo, "status", "--porcelain") == ""


def test_default_destination_comes_from_source_toml(tmp_path, small_db, capsys, monkeypatch):
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    (tmp_path / "pyproject.toml").write_text("")
    query = tmp_path / "queries" / "dropsonde" / "site_count.sql"
    query.parent.mkdir(parents=True)
    shutil.copy(ROOT / "queries" / "dropsonde" / "site_count.sql", query)
    monkeypatch.setenv("WORKBENCH_ROOT", str(tmp_path))
    assert main(["promote", str(query), "--db", str(small_db)]) == 0
    promote_to = load_source(tmp_path / "schemas" / "dropsonde").promote_to
    assert promote_to
    assert (tmp_path / promote_to / "site_count.sql").read_text() == query.read_text()
    capsys.readouterr()


def test_bigquery_dry_run_without_credentials_writes_nothing(tmp_path, repo, promote, monkeypatch):
    for var in ("WORKBENCH_BIGQUERY_ENDPOINT", "GOOGLE_CLOUD_PROJECT"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(tmp_path / "no-such-key.json"))
    query = tmp_path / "product_sites.sql"
    query.write_text(LOCAL_QUERY)
    code, _, err = promote(str(query), "--to", str(repo), "--bigquery-dry-run")
    assert code == 1 and "--bigquery-dry-run: " in err and "nothing was written" in err
    assert list(repo.iterdir()) == [repo / ".git"]


def test_file_name_must_be_a_table_name(tmp_path, repo, promote):
    query = tmp_path / "product-sites.sql"
    query.write_text(LOCAL_QUERY)
    code, _, err = promote(str(query), "--to", str(repo))
    assert code == 1 and "not a valid BigQuery table name" in err
    assert list(repo.iterdir()) == [repo / ".git"]


def test_local_name_differing_from_production_keeps_it_as_alias(tmp_path):
    directory = tmp_path / "dropsonde"
    shutil.copytree(ROOT / "schemas" / "dropsonde", directory)
    toml = directory / "source.toml"
    toml.write_text(toml.read_text().replace('table = "community_metrics"', 'table = "metrics"'))
    source = load_source(directory)
    sql = "-- head\nSELECT metrics.product, COUNT(*) AS n\nFROM metrics\nGROUP BY 1\n"
    text, renamed = production_sql(sql, source)
    assert renamed == ["metrics"]
    assert (
        text
        == f"-- head\nSELECT metrics.product, COUNT(*) AS n\nFROM `{PRODUCTION}` AS metrics\nGROUP BY 1\n"
    )


def test_regenerated_query_keeps_header_once():
    sql = "-- question: q\n-- example: e\nSELECT COUNT(*) AS n\nFROM `x.y.z`\n"
    text = regenerate(sql, parse(sql))
    assert text.startswith("-- question: q\n-- example: e\nSELECT")
    assert text.count("question") == 1
    assert parse(text).sql("bigquery") == parse(sql).sql("bigquery")


@pytest.mark.parametrize(
    ("name", "local", "query_text"),
    [
        (
            "pulp",
            "pulp_analytics",
            "SELECT DATE(timestamp) AS day,\n"
            "  COUNT(DISTINCT system_id) AS systems  -- every system that posted\n"
            "FROM pulp_analytics\n"
            "GROUP BY day\n",
        ),
        (
            "pace",
            "pace_telemetry",
            "SELECT operating_system,\n"
            "  COUNT(DISTINCT id) AS installs\n"
            "FROM pace_telemetry, UNNEST(metric_points) AS point\n"
            "WHERE point.exit_code = 0\n"
            "GROUP BY operating_system\n",
        ),
    ],
)
def test_each_source_promotes_to_its_own_production_table_and_directory(
    tmp_path, small_db, capsys, monkeypatch, name, local, query_text
):
    """A query written against a source's local table is promoted with that source's production
    table name (from its source.toml), into that source's promote_to directory."""
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    (tmp_path / "pyproject.toml").write_text("")
    header = (
        "-- question: How many installations, by group?\n"
        "-- example: group=a, count=42\n"
        "-- personal data: no, counts\n"
        "-- sanitization: the identifier is only counted (COUNT DISTINCT)\n"
    )
    if name == "pulp":  # Pulp's telemetry working group asks more (test_promote_rules.py)
        header += (
            "-- gathered: nothing new\n-- load: none\n-- pulpcore version: any\n"
            "-- approved: yes, at the pulpcore meeting\n"
        )
    query = tmp_path / "queries" / name / "counts.sql"
    query.parent.mkdir(parents=True)
    query.write_text(header + query_text)
    monkeypatch.setenv("WORKBENCH_ROOT", str(tmp_path))
    assert main(["promote", str(query), "--db", str(small_db)]) == 0, capsys.readouterr()
    source = load_source(tmp_path / "schemas" / name)
    assert source.production_table and source.promote_to
    assert source.production_table != PRODUCTION
    text = (tmp_path / source.promote_to / "counts.sql").read_text()
    assert text == header + query_text.replace(local, f"`{source.production_table}`", 1)
    assert f"{local} → production table" in capsys.readouterr().out
    # every real query of the source already names the production table: promoted unchanged
    for real in sorted((ROOT / "queries" / name).glob("*.sql")):
        assert production_sql(real.read_text(), source) == (real.read_text(), [])


def test_an_exemption_needs_the_review_of_the_repository_it_lands_in(repo, promote):
    """The project's reviewed file covers its own queries; an aggregation repository with its
    own privacy-exemptions.toml is the authority for what lands there."""
    query = ROOT / "queries" / "dropsonde" / "environments_per_site.sql"
    code, out, err = promote(str(query), "--to", str(repo))
    assert code == 0, out + err
    assert ": k-anonymity: allowed (because " in out
    (repo / "environments_per_site.sql").unlink()
    (repo / "privacy-exemptions.toml").write_text("# reviewed here: nothing yet\n")
    code, out, err = promote(str(query), "--to", str(repo))
    assert code == 1
    assert "exemption: `privacy: allow k-anonymity` is not listed in the reviewed" in out
    assert not (repo / "environments_per_site.sql").exists()
    code, out, err = promote(
        str(query), "--to", str(repo), "--exemptions", str(ROOT / "privacy-exemptions.toml")
    )
    assert code == 0, out + err


def test_a_repository_form_the_analyzer_refuses_is_not_promoted(tmp_path, monkeypatch):
    """What lands in the aggregation repository passes GoogleSQL's analyzer too, not only the
    query as written (the rewrite of its FROMs could break it)."""
    query = ROOT / "queries" / "pace" / "command_runs.sql"
    project = Project(ROOT)
    assert promote_module.plan(project, query, tmp_path).text
    monkeypatch.setattr(
        promote_module,
        "repository_form",
        lambda text, *args: text.replace("SUM(runs)", "SUM(run_deltas)"),
    )
    with pytest.raises(UserError, match=r"refuses the repository form at line \d+, column \d+"):
        promote_module.plan(project, query, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_one_to_takes_one_sources_queries(tmp_path, repo, promote):
    """`promote queries --to DIR` would mix every source's queries in one aggregation
    repository: refused before anything is checked or written, saying what to do."""
    code, out, err = promote(str(ROOT / "queries"), "--to", str(repo))
    assert code == 1 and out == ""
    assert "queries of 3 sources (dropsonde, pace, pulp) with one --to" in err
    assert "promote one source's directory at a time" in err and err.count("\n") == 1
    assert list(repo.iterdir()) == [repo / ".git"]
    # one source's directory, as `check` takes it, is promoted whole
    code, out, err = promote(str(ROOT / "queries" / "dropsonde"), "--to", str(repo))
    assert code == 0, err
    written = sorted(p.name for p in repo.glob("*.sql"))
    assert written == sorted(p.name for p in (ROOT / "queries" / "dropsonde").glob("*.sql"))
