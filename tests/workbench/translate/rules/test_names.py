import pytest

from workbench.translate import UnsupportedError


def test_with_offset_counts_from_zero(check) -> None:
    sql = "SELECT x, o FROM UNNEST(['a', 'b']) AS x WITH OFFSET AS o ORDER BY o"
    assert check.rows(sql) == [("a", 0), ("b", 1)]
    assert "offset-from-zero" in check.rules(sql)


def test_unnest_alias_equal_to_column_and_implicit_unnest(check) -> None:
    base = "WITH t AS (SELECT 1 AS id, [STRUCT('a' AS slug)] AS modules) "
    assert check.rows(base + "SELECT modules.slug FROM t, UNNEST(modules) AS modules") == [("a",)]
    assert check.rows(base + "SELECT modules.slug FROM t, t.modules") == [("a",)]


def test_output_names_count_only_anonymous_columns(check) -> None:
    table = check.wb.arrow("SELECT 1, 'x' AS name, 2")
    assert table.column_names == ["f0_", "name", "f1_"]


def test_query_parameters_and_unknown_functions(check) -> None:
    assert check.value("SELECT @x * 2", x=21) == 42
    with pytest.raises(UnsupportedError, match="function NO_SUCH_FN is not supported offline"):
        check.sql("SELECT NO_SUCH_FN(1)")


def test_every_project_query_translates() -> None:
    from pathlib import Path

    from workbench.workbench import Workbench

    root = Path(__file__).resolve().parents[3]
    wb = Workbench(root=root, db=root / "no-such-dir" / "none.duckdb")
    for path in sorted((root / "queries").glob("*/*.sql")):
        tr = wb.translate(path)
        assert tr.tables == [wb.source(path.parent.name).table], path
        assert "qualify-columns" in tr.rules


def test_group_by_names_the_select_alias_of_an_unnest_field(check) -> None:
    base = (
        "WITH t AS (SELECT 1 AS id, [STRUCT('a' AS slug), STRUCT('b' AS slug), STRUCT('a' AS slug)]"
        " AS modules) "
    )
    sql = (
        base
        + "SELECT m.slug, COUNT(*) AS n FROM t, UNNEST(modules) AS m GROUP BY slug ORDER BY slug"
    )
    assert check.rows(sql) == [("a", 2), ("b", 1)]
    assert "select-alias-references" in check.rules(sql)
    renamed = base + (
        "SELECT m.slug AS s, COUNT(*) AS n FROM t, UNNEST(modules) AS m "
        "GROUP BY s HAVING n > 1 ORDER BY s"
    )
    assert check.rows(renamed) == [("a", 2)]
