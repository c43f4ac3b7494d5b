"""No unclear error: every case of the whole suite either succeeds, fails with an error
BigQuery would raise (worded by the workbench), or is refused with ``<construct> is not
supported offline: <why>``. A raw DuckDB binder/catalog/parser error or a sqlglot token
dump reaching the user is a bug, whatever the case expects."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.workbench.conformance.harness import UNCLEAR, load_cases, offline_workbench


@pytest.fixture(scope="module")
def wb(tmp_path_factory: pytest.TempPathFactory):
    bench = offline_workbench(Path(tmp_path_factory.mktemp("unclear")))
    yield bench
    bench.close()


def unclear_messages(wb, cases) -> list[str]:
    """``id: message`` of every case whose failure is a raw engine or parser message."""
    found = []
    for case in cases:
        try:
            wb.arrow(case.sql, case.params)
        except Exception as exc:  # every failure's text is what the user would read
            if UNCLEAR.search(str(exc)):
                found.append(f"{case.id}: {str(exc).splitlines()[0]}")
    return found


def test_the_pattern_catches_raw_messages() -> None:
    for raw in (
        "query: Binder Error: No function matches the given name",
        "query: Catalog Error: Scalar Function with name soundex does not exist!",
        "Parser Error: syntax error at or near",
        "Invalid expression / Unexpected token. <Token token_type: TokenType.R_PAREN>",
    ):
        assert UNCLEAR.search(raw)
    assert not UNCLEAR.search("function SOUNDEX is not supported offline: DuckDB has none")


def test_no_case_fails_with_an_unclear_message(wb) -> None:
    found = unclear_messages(wb, load_cases())
    assert not found, f"{len(found)} unclear messages:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM (",
        "SELECT a FROM t JOIN",
        "SELECT 1 +",
        "SELECT x FROM t WHERE",
        "SELECT CAST(1 AS)",
        "SELECT [1, 2",
    ],
)
def test_a_syntax_error_names_tokens_not_parser_objects(wb, sql: str) -> None:
    with pytest.raises(Exception) as info:
        wb.arrow(sql)
    message = str(info.value)
    assert "syntax error" in message
    assert not UNCLEAR.search(message) and "<class " not in message, message
