"""`workbench promote` writes what each source's aggregation repository accepts (issue 13):
its rule on the text (``[aggregation] from_rule``), the header it asks for, and directories
promoted as ``check`` reads them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sqlglot import exp

from fakedata.source import load_source
from tests.conftest import ROOT
from wbcore.errors import UserError
from workbench.aggregation import repository_form
from workbench.cli import main
from workbench.header import QUESTIONS, parse_header, policy_problems, template
from workbench.promote import production_sql
from workbench.translate import parse

QUERIES = sorted((ROOT / "queries").glob("*/*.sql"))
DROPSONDE = load_source(ROOT / "schemas" / "dropsonde")
RULE = DROPSONDE.aggregation.from_rule


def rakefile_rule(production: str) -> str:
    """The Dropsonde repository's rule, for another production table."""
    return rf"(?ai)FROM\s+(?!\s*(\(|`{re.escape(production)}`))"


def promoted(sql: str, source=DROPSONDE, rule: str | None = None) -> str:
    """What promote writes for ``sql``: the production table, then the repository's form."""
    text, _ = production_sql(sql, source)
    rule = rule or source.aggregation.from_rule
    return repository_form(
        text, rule, source.aggregation.from_rule_description, source.production_table
    )


def rows(wb, sql: str) -> list[str]:
    """The rows of ``sql`` on the fake data, in an order that does not depend on the plan."""
    table = wb.arrow(sql)
    return [*sorted(repr(row) for row in table.to_pylist()), repr(table.column_names)]


# -- every real query -----------------------------------------------------------------------


@pytest.mark.parametrize("query", QUERIES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_query_passes_its_repository_rule_and_keeps_its_rows(wb, query: Path) -> None:
    """Each query's promoted text passes its source's rule and returns the rows the query
    returns. Pulp and PACE have no known repository rule; Dropsonde's rule, written for their
    production table, runs the same rewrite on their CTE chains (their leading comments, which
    say "from", are left out: no rule reads them)."""
    source = load_source(ROOT / "schemas" / query.parent.name)
    sql = query.read_text()
    rule = source.aggregation.from_rule
    if rule is None:
        rule = rakefile_rule(source.production_table)
        sql = "\n".join(sql.splitlines()[parse_header(sql).end :]) + "\n"
    text = promoted(sql, source, rule)
    assert not re.search(rule, text), text
    if parse(sql).find(exp.With):
        assert parse(text).find(exp.With) is None
    assert rows(wb, text) == rows(wb, sql)
    # the leading comment block is kept verbatim
    head = sql.splitlines()[: parse_header(sql).end]
    assert text.splitlines()[: len(head)] == head


def test_dropsonde_queries_reading_a_cte_are_inlined_keeping_their_layout() -> None:
    for name in ("environments_per_site", "modules_per_site"):
        sql = (ROOT / "queries" / "dropsonde" / f"{name}.sql").read_text()
        assert re.search(RULE, sql)  # FROM latest: the repository would skip it
        text = promoted(sql)
        assert not re.search(RULE, text)
        assert "WITH latest" not in text and ") AS latest\n" in text
        # the CTE's own lines are in the subquery as written
        body = sql[sql.index("WITH latest AS (") + len("WITH latest AS (") : sql.index("\n)\n")]
        assert body in text


def test_queries_the_rule_accepts_are_promoted_unchanged() -> None:
    for query in sorted((ROOT / "queries" / "dropsonde").glob("*.sql")):
        sql = query.read_text()
        if not re.search(RULE, sql):
            assert promoted(sql) == sql


# -- shapes the rule rejects, rewritten -----------------------------------------------------

REWRITTEN = {
    "cte chain": """\
WITH a AS (SELECT site_id, product FROM community_metrics),
b AS (SELECT site_id, product FROM a WHERE product IS NOT NULL),
c AS (SELECT product, COUNT(DISTINCT site_id) AS sites FROM b GROUP BY product)
SELECT product, sites FROM c ORDER BY product
""",
    "cte used twice": """\
WITH s AS (SELECT product, COUNT(*) AS n FROM community_metrics GROUP BY product)
SELECT a.product, a.n + b.n AS twice FROM s AS a JOIN s AS b USING (product)
""",
    "cte in where and select": """\
WITH v AS (SELECT DISTINCT version FROM community_metrics)
SELECT (SELECT COUNT(*) FROM v) AS versions, COUNT(*) AS reports
FROM community_metrics
WHERE version IN (SELECT version FROM v)
""",
    "nested with in a cte": """\
WITH outer_cte AS (
  WITH inner_cte AS (SELECT product, version FROM community_metrics)
  SELECT product, COUNT(DISTINCT version) AS versions FROM inner_cte GROUP BY product
)
SELECT * FROM outer_cte
""",
    "nested with in a subquery": """\
SELECT n FROM (
  WITH t AS (SELECT COUNT(*) AS n FROM community_metrics)
  SELECT n FROM t
)
""",
    "shadowing": """\
WITH t AS (SELECT version FROM community_metrics)
SELECT
  (SELECT COUNT(*) FROM t) AS all_reports,
  (SELECT COUNT(*) FROM (
    WITH t AS (SELECT version FROM t WHERE version = '0.0.8')
    SELECT version FROM t
  )) AS newest
""",
    "union of uses": """\
WITH t AS (SELECT version FROM community_metrics)
SELECT version FROM t UNION ALL SELECT version FROM t
""",
    "cte read by alias, other case, backticks": """\
WITH latest AS (SELECT site_id, version FROM community_metrics)
SELECT l.version, COUNT(*) AS n FROM LATEST AS l JOIN `latest` USING (site_id, version)
GROUP BY l.version
""",
    "unused cte": """\
WITH unused AS (SELECT 1 AS x), used AS (SELECT COUNT(*) AS n FROM community_metrics)
SELECT n FROM used
""",
    "comments inside": """\
-- question: how many reports? (header kept verbatim)
WITH
  -- the reports
  t AS (
    SELECT product -- one row per report
    FROM community_metrics /* the local name */
  ), -- end of t
  /* counted */ u AS (SELECT COUNT(*) AS n FROM t)
SELECT n FROM u
""",
    "from unnest": """\
SELECT version,
  SUM((SELECT COUNT(*) FROM UNNEST(modules) AS m WHERE m.slug LIKE 'puppetlabs-%')) AS supported,
  SUM((SELECT SUM(o) FROM UNNEST(modules) AS m2 WITH OFFSET AS o)) AS offsets,
  SUM(ARRAY_LENGTH(ARRAY(SELECT m3.slug FROM UNNEST(modules) AS m3 WHERE m3.slug < 'm'))) AS a_to_m
FROM community_metrics
GROUP BY version
""",
    "extract and is distinct from": """\
SELECT EXTRACT(DAYOFWEEK FROM timestamp) AS dow,
  EXTRACT(DATE FROM timestamp AT TIME ZONE 'America/New_York') AS day,
  COUNTIF(version IS DISTINCT FROM '0.0.8') AS older,
  COUNTIF(version IS NOT DISTINCT FROM '0.0.8') AS newest
FROM community_metrics
GROUP BY dow, day
""",
    "a name ending in from": """\
SELECT MIN(DATE(timestamp)) AS valid_from, version FROM community_metrics GROUP BY version
""",
    "the production table unquoted": """\
SELECT COUNT(*) AS n FROM bto-dataops-datalake-prod.dujour.community_metrics
""",
    "from inside strings that the rule accepts": """\
SELECT COUNTIF(product != 'from') AS a, COUNTIF(product != 'x FROM(') AS b
FROM community_metrics
""",
}


@pytest.mark.parametrize("name", REWRITTEN)
def test_rejected_shapes_are_rewritten_into_accepted_equivalents(wb, name: str) -> None:
    sql = REWRITTEN[name]
    text = promoted(sql)
    assert not re.search(RULE, text), text
    assert rows(wb, text) == rows(wb, sql)


def test_comments_survive_inlining() -> None:
    text = promoted(REWRITTEN["comments inside"])
    assert text.startswith("-- question: how many reports? (header kept verbatim)\n")
    for comment in (
        "-- the reports",
        "-- one row per report",
        "/* the local name */",
        "-- end of t",
        "/* counted */",
    ):
        assert comment in text, text


def test_a_cte_used_twice_is_inlined_at_each_use() -> None:
    text = promoted(REWRITTEN["cte used twice"])
    assert text.count("GROUP BY product") == 2 and "WITH" not in text


def test_shadowing_follows_bigquery_scopes(wb) -> None:
    """The inner ``t`` reads the outer one and then hides it: 'newest' counts the reports of
    the newest version, 'all_reports' all of them."""
    (row,) = wb.arrow(promoted(REWRITTEN["shadowing"])).to_pylist()
    total = wb.arrow("SELECT COUNT(*) AS n FROM community_metrics").to_pylist()[0]["n"]
    newest = wb.arrow(
        "SELECT COUNT(*) AS n FROM community_metrics WHERE version = '0.0.8'"
    ).to_pylist()[0]["n"]
    assert row == {"all_reports": total, "newest": newest} and 0 < newest < total


def test_from_unnest_gets_a_one_row_anchor() -> None:
    text = promoted(REWRITTEN["from unnest"])
    assert "UNNEST(modules) AS m" in text and "AS one" in text


# -- shapes no equivalent fixes: refused, naming the rule and the line ----------------------

REFUSED = {
    "from in a comment": (
        "-- question: sites\nSELECT COUNT(*) AS n -- data from the table\nFROM community_metrics\n",
        2,
        "in a comment",
    ),
    "from in the header": (
        "-- question: sites from the last week\nSELECT COUNT(*) AS n FROM community_metrics\n",
        1,
        "in a comment",
    ),
    "from in a string": (
        "-- q\nSELECT COUNT(*) AS n\nFROM community_metrics\nWHERE product != 'made from here'\n",
        4,
        "in a string literal",
    ),
    "from in a triple-quoted string": (
        "SELECT COUNT(*) AS n FROM community_metrics\nWHERE product != '''a\nfrom b'''\n",
        3,
        "in a string literal",
    ),
    "from in a quoted name": (
        "SELECT product AS `from here` FROM community_metrics\n",
        1,
        "in a quoted name",
    ),
    "recursive with": (
        "WITH RECURSIVE r AS (\n  SELECT 1 AS n UNION ALL SELECT n + 1 FROM r WHERE n < 3\n)\n"
        "SELECT n FROM r\n",
        None,
        "WITH RECURSIVE",
    ),
    "select star over from unnest": (
        "SELECT * FROM (SELECT * FROM UNNEST([1, 2]) AS x)\n",
        None,
        "SELECT *",
    ),
}


@pytest.mark.parametrize("name", REFUSED)
def test_what_no_equivalent_fixes_is_refused(name: str) -> None:
    sql, line, words = REFUSED[name]
    with pytest.raises(UserError) as err:
        promoted(sql)
    message = str(err.value)
    assert words in message and "\n" not in message
    if line is not None:
        assert err.value.line == line
        assert "puppetlabs/dropsonde-aggregation" in message  # the rule is named


def test_a_refusal_through_the_cli_is_one_line_and_writes_nothing(
    tmp_path, small_db, capsys, monkeypatch
) -> None:
    query = tmp_path / "sites.sql"
    query.write_text(
        "-- question: how many sites reported? data from the last week\n"
        "-- example: sites=2\n-- personal data: no, a count\n-- sanitization: only counted\n"
        "SELECT COUNT(DISTINCT site_id) AS sites FROM community_metrics\n"
    )
    good = ROOT / "queries" / "dropsonde" / "modules_per_site.sql"
    monkeypatch.setenv("WORKBENCH_ROOT", str(ROOT))
    code = main(
        ["promote", str(good), str(query), "--to", str(tmp_path / "out"), "--db", str(small_db)]
    )
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert "sites.sql: line 1: `from the last week` in a comment" in err
    assert not (tmp_path / "out").exists()


# -- the header each repository asks for ----------------------------------------------------

PULP_HEADER = """\
-- question: How many systems posted each day?
-- example: day=2026-11-14, systems=151
-- gathered: nothing new: the system_id and time of each stored post
-- load: none on Pulp: the query reads the posts already stored
-- personal data: no, a count of systems per day
-- sanitization: system_id is only counted (COUNT DISTINCT)
-- pulpcore version: none new: fields pulpcore already sends
-- approved: yes, at the pulpcore meeting
"""
PULP_BODY = (
    "SELECT DATE(timestamp) AS day, COUNT(DISTINCT system_id) AS systems\n"
    "FROM pulp_analytics\nGROUP BY day\n"
)


def test_pulp_asks_the_telemetry_working_groups_questions() -> None:
    """Pulp's telemetry working group asks seven questions of every metric ("List of
    Questions for Every Metric To Be Gathered", https://hackmd.io/@pulp/telemetry_notes);
    its proposal template (https://hackmd.io/@pulp/telemetry_template) adds "How can we
    sanitize this output?" after the personal-data one."""
    assert list(QUESTIONS.values()) == [
        "What question will this help us answer?",
        "What is a specific example of the data to be gathered?",
        "How will this metric be stored in the database or gathered at runtime?",
        "Will the gathering and/or storage of this cause unacceptable burden/load on Pulp?",
        "Is this metric Personally-Identifiable-Data?",
        "How can we sanitize this output?",
        "What pulpcore version will this be collected with?",
        "Is this approved/not-approved?",
    ]
    assert load_source(ROOT / "schemas" / "pulp").aggregation.header == "questions"
    assert load_source(ROOT / "schemas" / "dropsonde").aggregation.header == "comment"
    assert policy_problems(PULP_HEADER + PULP_BODY, "questions") == []
    for key in QUESTIONS:
        lacking = "".join(
            line + "\n" for line in PULP_HEADER.splitlines() if not line.startswith(f"-- {key}:")
        )
        (problem,) = policy_problems(lacking + PULP_BODY, "questions")
        assert f"`-- {key}:` ({QUESTIONS[key]})" in problem
    todo = PULP_HEADER.replace("yes, at the pulpcore meeting", "TODO")
    assert policy_problems(todo + PULP_BODY, "questions") == ["`-- approved:` still say(s) TODO"]


@pytest.mark.parametrize(
    ("sql", "problem"),
    [
        ("SELECT 1 AS n\n", "no leading `--` comment"),
        ("/* what it computes */\nSELECT 1 AS n\n", "no leading `--` comment"),
        ("SELECT 1 AS n -- too late\n", "no leading `--` comment"),
        ("-- privacy: allow k-anonymity because x\n--   and y\nSELECT 1 AS n\n", "no leading"),
        ("-- question: TODO what does it answer?\nSELECT 1 AS n\n", "still says TODO"),
    ],
)
def test_dropsonde_asks_for_a_leading_comment(sql: str, problem: str) -> None:
    (found,) = policy_problems(sql, "comment")
    assert problem in found
    assert policy_problems("-- Sites per week.\n" + sql, "comment") == [] or "TODO" in sql


def test_every_query_has_the_header_its_repository_asks_for() -> None:
    for query in QUERIES:
        source = load_source(ROOT / "schemas" / query.parent.name)
        assert policy_problems(query.read_text(), source.aggregation.header) == [], query


def test_a_new_query_from_the_template_asks_its_sources_questions() -> None:
    pulp = load_source(ROOT / "schemas" / "pulp")
    text = template("systems", pulp)
    assert set(parse_header(text).fields) == set(QUESTIONS)
    assert policy_problems(text, "questions")  # TODOs: refused until answered
    assert set(parse_header(template("sites", DROPSONDE)).fields) == {
        "question",
        "example",
        "personal data",
        "sanitization",
    }


def pulp_project(tmp_path: Path, monkeypatch) -> Path:
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "queries" / "pulp").mkdir(parents=True)
    monkeypatch.setenv("WORKBENCH_ROOT", str(tmp_path))
    return tmp_path / "queries" / "pulp"


def test_promote_refuses_a_header_that_does_not_answer_them(
    tmp_path, small_db, capsys, monkeypatch
) -> None:
    queries = pulp_project(tmp_path, monkeypatch)
    good = queries / "daily_systems.sql"
    good.write_text(PULP_HEADER + PULP_BODY)
    bad = queries / "daily_posts.sql"
    bad.write_text(
        "".join(
            f"{line}\n"
            for line in PULP_HEADER.splitlines()
            if "-- load:" not in line and "-- approved:" not in line
        )
        + PULP_BODY
    )
    out = tmp_path / "out"
    code = main(["promote", str(good), str(bad), "--to", str(out), "--db", str(small_db)])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert "daily_posts.sql: not promoted" in err
    assert "`-- load:`" in err and "`-- approved:`" in err and "`-- question:`" not in err
    assert not out.exists()
    assert main(["promote", str(good), "--to", str(out), "--db", str(small_db)]) == 0
    assert (out / "daily_systems.sql").read_text().startswith(PULP_HEADER)


# -- directories ----------------------------------------------------------------------------


def test_a_directory_is_promoted_like_check_reads_it(
    tmp_path, small_db, capsys, monkeypatch
) -> None:
    monkeypatch.setenv("WORKBENCH_ROOT", str(ROOT))
    out = tmp_path / "dropsonde"
    directory = ROOT / "queries" / "dropsonde"
    # the directory and a file in it: each file once
    args = [str(directory), str(directory / "site_count.sql")]
    assert main(["promote", *args, "--to", str(out), "--db", str(small_db)]) == 0
    capsys.readouterr()
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(p.name for p in directory.glob("*.sql"))
    for path in out.iterdir():
        assert not re.search(RULE, path.read_text()), path.name


def test_a_directory_with_one_bad_query_writes_nothing(
    tmp_path, small_db, capsys, monkeypatch
) -> None:
    monkeypatch.setenv("WORKBENCH_ROOT", str(ROOT))
    directory = tmp_path / "queries"
    shutil.copytree(ROOT / "queries" / "dropsonde", directory)
    (directory / "zz_latest.sql").write_text(
        "-- Sites that reported in the last week.\n"
        "WITH recent AS (SELECT site_id FROM community_metrics WHERE product != 'from x')\n"
        "SELECT CURRENT_DATE() AS date, COUNT(DISTINCT site_id) AS sites FROM recent\n"
    )
    out = tmp_path / "out"
    code = main(["promote", str(directory), "--to", str(out), "--db", str(small_db)])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1
    assert "zz_latest.sql: line 2: `from x')` in a string literal" in err
    assert not out.exists()


def test_an_empty_directory_is_one_error(tmp_path, small_db, capsys, monkeypatch) -> None:
    monkeypatch.setenv("WORKBENCH_ROOT", str(ROOT))
    code = main(["promote", str(tmp_path), "--to", str(tmp_path / "out"), "--db", str(small_db)])
    err = capsys.readouterr().err
    assert code == 1 and "no .sql files in this directory" in err and err.count("\n") == 1


def test_a_string_spanning_lines_is_not_reindented(wb) -> None:
    """A CTE spliced into an indented use gets the use's indentation, except inside its
    string literals (their value would change); the splice, not a regeneration, is kept."""
    sql = (
        "WITH a AS (\n"
        "  SELECT product FROM community_metrics\n"
        "  WHERE product != '''two\n"
        "lines'''\n"
        "),\n"
        "b AS (\n"
        "  SELECT COUNT(*) AS n\n"
        "  FROM a\n"
        ")\n"
        "SELECT n FROM b\n"
    )
    text = promoted(sql)
    assert "    WHERE product != '''two\nlines'''\n" in text, text
    assert "  FROM (\n    SELECT product FROM" in text
    assert rows(wb, text) == rows(wb, sql)
