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


def test_an_array_path_in_from_takes_with_offset() -> None:
    """``FROM t, t.arr AS v WITH OFFSET AS o`` is ``UNNEST(t.arr) AS v WITH OFFSET AS o``
    (query-syntax#unnest_operator); without an alias the offset is ``offset`` and the element
    is left unnamed here (the implicit-unnest rule names it ``arr``, query-syntax#implicit_aliases:
    conformance case lead6.path_with_offset_implicit_names)."""
    for sql, alias, offset in [
        ("SELECT 1 FROM t, t.arr AS v WITH OFFSET AS o", "v", "o"),
        ("SELECT 1 FROM t, t.arr v WITH OFFSET o", "v", "o"),
        ("SELECT 1 FROM t JOIN t.a.arr WITH OFFSET ON TRUE", None, "offset"),
    ]:
        unnest = parse(sql).args["joins"][0].this
        assert isinstance(unnest, exp.Unnest), sql
        assert unnest.expressions[0].sql("bigquery") in ("t.arr", "t.a.arr")
        assert unnest.alias_column_names == ([alias] if alias else [])
        assert unnest.args["offset"].name == offset
    plain = parse("SELECT 1 FROM t, t.arr AS v").args["joins"][0].this
    assert not plain.args.get("offset")  # no offset asked, none made


def test_pivot_for_takes_an_expression() -> None:
    """GoogleSQL's analyzer accepts ``FOR y + 1`` (an expression); sqlglot's parser read a
    column only (a syntax error at ``+``). A column stays a column."""
    pivot = parse("SELECT * FROM t PIVOT(SUM(x) FOR y + 1 IN (2, 3))").find(exp.Pivot)
    assert isinstance(pivot.args["fields"][0].this, exp.Add)
    pivot = parse("SELECT * FROM t PIVOT(SUM(x) FOR CAST(y AS STRING) IN ('1' AS one, '2'))")
    field = pivot.find(exp.Pivot).args["fields"][0]
    assert isinstance(field.this, exp.Cast) and len(field.expressions) == 2
    assert [e.sql("bigquery") for e in field.expressions] == ["'1' AS one", "'2'"]
    column = parse("SELECT * FROM t PIVOT(SUM(x) FOR y IN (1, 2))").find(exp.Pivot)
    assert isinstance(column.args["fields"][0].this, exp.Column)
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
