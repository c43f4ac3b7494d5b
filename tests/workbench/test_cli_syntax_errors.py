"""Malformed queries through the real command: one line naming file, line and column and
the text where parsing stopped, in the query's terms, never sqlglot's token or class dumps
(issue 19). Each statement below is invalid GoogleSQL (query syntax:
https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax — a WHERE clause
takes a bool_expression, a FROM clause a from_item, an operator both operands)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli import one_error, workbench

DUMPS = ("<Token", "TokenType", "token_type", "<class", "sqlglot", "Required keyword")

# statement, line:column where the token parsing stops at begins, its text as written
MALFORMED = [
    ("SELECT COUNT(*) AS n\nFROM community_metrics\nWHERE", "3:1", "'WHERE'", "incomplete WHERE"),
    ("SELECT COUNT(*) AS n\nFROM\nWHERE TRUE", "3:1", "'WHERE'", "table name"),
    ("SELECT (1 +\n  FROM community_metrics", "2:3", "'FROM'", "incomplete '+'"),
    ("SELECT SUM(1\nFROM community_metrics", "2:1", "'FROM'", "')' is missing"),
    ("SELECT 1 AS n\nFROM community_metrics a b c", "2:26", "'b'", "unexpected"),
    ("SELECT COUNT(*) AS n FROM (", "1:27", "'('", "the end of the query"),
]


def write(tmp_path: Path, sql: str) -> Path:
    path = tmp_path / "bad.sql"
    path.write_text(sql + "\n", encoding="utf-8")
    return path


def clean(text: str) -> None:
    for dump in DUMPS:
        assert dump not in text, text


@pytest.mark.parametrize(("sql", "where", "near", "what"), MALFORMED)
@pytest.mark.parametrize("command", ["run", "translate"])
def test_run_and_translate_name_line_column_and_token(
    small_data, tmp_path, command, sql, where, near, what
):
    path = write(tmp_path, sql)
    proc = workbench(command, str(path), db=small_data)
    one_error(proc, f"{path}:{where}: syntax error", f"near {near}", what)
    clean(proc.stderr)
    assert proc.stdout == ""


@pytest.mark.parametrize(("sql", "where", "near", "what"), MALFORMED[:3])
def test_sql_text_is_named_query(small_data, sql, where, near, what):
    proc = workbench("run", "--sql", sql, db=small_data)
    one_error(proc, f"query:{where}: syntax error", f"near {near}", what)
    clean(proc.stderr)


def test_check_reports_the_syntax_error_as_a_finding(small_data, tmp_path):
    sql, where, near, _ = MALFORMED[0]
    path = write(tmp_path, sql)
    proc = workbench("check", str(path), db=small_data)
    assert proc.returncode == 1
    line = where.split(":")[0]
    assert f"{path}:{line}: syntax: syntax error" in proc.stdout, proc.stdout
    assert f"near {near}" in proc.stdout
    clean(proc.stdout + proc.stderr)
    assert "Traceback" not in proc.stderr


def test_promote_refuses_and_writes_nothing(small_data, tmp_path):
    sql, _, near, _ = MALFORMED[2]
    path = write(tmp_path, sql)
    out = tmp_path / "out"
    proc = workbench("promote", str(path), "--to", str(out), db=small_data)
    assert proc.returncode == 1 and f"near {near}" in proc.stdout, proc.stdout + proc.stderr
    assert proc.stderr.splitlines()[-1].startswith("workbench: error: refusing to promote")
    clean(proc.stdout + proc.stderr)
    assert not out.exists()
