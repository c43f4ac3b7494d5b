"""Paths sqlglot's BigQuery parser read otherwise (translate/path_syntax.py). Expected values:
GoogleSQL's reference evaluator; a word after a path's dot is a field name
(operators#field_access_operator), a quoted one too (lexical#quoted_identifiers)."""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import parse


def test_a_path_named_array_before_a_subscript_stays_a_path() -> None:
    tree = parse("SELECT j.array[0], (j).array[1], ARRAY[2] FROM t")
    first, second, third = tree.expressions
    assert isinstance(first, exp.Bracket) and first.this.sql("bigquery") == "j.`array`"
    assert isinstance(second, exp.Bracket) and second.this.name == "array"
    assert isinstance(third, exp.Array)  # the constructor, unqualified, is still one


def test_a_later_quoted_part_with_a_dot_is_one_name() -> None:
    (key, table_path) = parse("SELECT j.`a.b`, `p.d.t`.c FROM `p.d.t`").expressions
    assert [p.name for p in key.parts] == ["j", "a.b"]
    assert [p.name for p in table_path.parts] == ["p", "d", "t", "c"]


def test_a_from_path_with_an_offset_is_an_unnest() -> None:
    """query-syntax#unnest_operator: ``array_path [AS alias] WITH OFFSET`` (was a syntax error)."""
    tree = parse("SELECT e, o FROM t, t.s.arr AS e WITH OFFSET AS o, u.b WITH OFFSET")
    first, second = (j.this for j in tree.args["joins"])
    assert isinstance(first, exp.Unnest) and first.expressions[0].sql("bigquery") == "t.s.arr"
    assert [c.name for c in first.args["alias"].columns] == ["e"]
    assert first.args["offset"].name == "o"
    assert isinstance(second, exp.Unnest) and second.args["offset"].name == "offset"
    assert second.args.get("alias") is None


def test_a_table_without_an_offset_stays_a_table() -> None:
    tree = parse("SELECT * FROM d.t AS x JOIN d.u USING (k)")
    assert isinstance(tree.args["from_"].this, exp.Table)
    assert isinstance(tree.args["joins"][0].this, exp.Table)


def test_a_path_joined_with_on_is_an_unnest() -> None:
    """query-syntax#correlated_join: ``FROM t JOIN t.arr AS e ON ...`` (was 'unknown table')."""
    tree = parse("SELECT e FROM t JOIN t.s.arr AS e ON e > 1 LEFT JOIN d.u AS u ON TRUE")
    first, second = (j.this for j in tree.args["joins"])
    assert isinstance(first, exp.Unnest) and first.expressions[0].sql("bigquery") == "t.s.arr"
    assert [c.name for c in first.args["alias"].columns] == ["e"]
    assert isinstance(second, exp.Table)  # d is no earlier FROM item: a table
