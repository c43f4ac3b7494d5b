"""The %%bigquery magic in a real IPython shell."""

from __future__ import annotations

import pandas as pd
import pytest
from IPython import get_ipython
from IPython.testing.globalipapp import start_ipython

import workbench
from tests.conftest import ROOT


@pytest.fixture()
def ip(small_data, monkeypatch):
    shell = start_ipython() or get_ipython()
    shell.run_line_magic("load_ext", "workbench")
    bench = workbench.Workbench(root=ROOT, db=small_data / "workbench.duckdb")
    monkeypatch.setattr(workbench, "_default", bench)
    yield shell
    bench.close()


def test_destination_variable_and_params(ip):
    ip.run_cell_magic(
        "bigquery",
        'df --params {"min_sites": 2}',
        "SELECT modules.slug, COUNT(DISTINCT site_id) AS sites\n"
        "FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS modules\n"
        "GROUP BY modules.slug HAVING sites >= @min_sites ORDER BY sites DESC, slug",
    )
    df = ip.user_ns["df"]
    assert isinstance(df, pd.DataFrame) and list(df.columns) == ["slug", "sites"]
    assert len(df) > 0 and df["sites"].min() >= 2
    assert str(df["sites"].dtype) == "Int64"  # as google-cloud-bigquery returns INT64


def test_without_destination_the_dataframe_is_returned_for_display(ip):
    result = ip.run_cell_magic("bigquery", "", "SELECT 1 AS one")
    assert result.to_dict("records") == [{"one": 1}]


def test_query_from_a_variable_runs_the_file(ip):
    ip.user_ns["sql"] = workbench.load_query("queries/dropsonde/site_count.sql")
    ip.run_cell_magic("bigquery", "counts", "$sql")
    expected = workbench.default().query(ROOT / "queries/dropsonde/site_count.sql")
    pd.testing.assert_frame_equal(ip.user_ns["counts"], expected)


def test_params_from_a_variable_and_max_results(ip):
    ip.user_ns["p"] = {"n": 3}
    ip.run_cell_magic(
        "bigquery",
        "out --params $p --max_results 2",
        "SELECT x FROM UNNEST(GENERATE_ARRAY(1, @n)) AS x ORDER BY x",
    )
    assert ip.user_ns["out"]["x"].tolist() == [1, 2]


def test_bigquery_magic_arguments_are_accepted(ip):
    result = ip.run_cell_magic(
        "bigquery",
        "--project my-project --use_bqstorage_api --use_rest_api --location EU --no_query_cache --verbose --engine pandas",
        "SELECT 2 AS two",
    )
    assert result["two"].tolist() == [2]


def test_dry_run_validates_without_running(ip, capsys):
    assert (
        ip.run_cell_magic(
            "bigquery",
            "tr --dry_run",
            "SELECT COUNT(*) FROM `bto-dataops-datalake-prod.dujour.community_metrics`",
        )
        is None
    )
    assert "Query validated offline: reads community_metrics" in capsys.readouterr().err
    assert "table-names" in ip.user_ns["tr"].rules


@pytest.mark.parametrize(
    ("line", "cell", "message"),
    [
        ("", "SELECT nosuch FROM community_metrics", "unknown column 'nosuch'"),
        ("", "SELEC 1", "syntax error"),
        ("--params {bad", "SELECT @x", "--params is not a correctly formatted JSON"),
        ("--use_legacy_sql", "SELECT 1", "legacy SQL is not supported"),
        ("--engine bigframes", "SELECT 1", "--engine bigframes is not supported offline"),
        ("--no_such_option", "SELECT 1", "unrecognized arguments: --no_such_option"),
        ("", "$undefined_variable", "variable undefined_variable does not exist"),
        # argument errors, from the magic's IPython argument parser
        ("--max_results x", "SELECT 1", "argument --max_results: 'x' is not an integer"),
        ("--max_results -1", "SELECT 1", "argument --max_results: '-1' must not be negative"),
        ("bad-name", "SELECT 1", "argument destination_var: 'bad-name' is not a valid variable"),
        ("df extra", "SELECT 1", "unrecognized arguments: extra"),
        ("--project", "SELECT 1", "argument --project: expected one argument"),
        ("--params", "SELECT 1", "argument --params: expected at least one argument"),
        ('--project "unclosed', "SELECT 1", "cannot parse the options (No closing quotation)"),
        ("--engine nope", "SELECT 1", "--engine 'nope': expected one of local, bigquery"),
        ("--params {} --params {}", "SELECT 1", "Duplicate --params option."),
    ],
)
def test_errors_are_one_message_not_a_traceback(ip, capsys, line, cell, message):
    assert ip.run_cell_magic("bigquery", line, cell) is None
    err = capsys.readouterr().err
    assert err.startswith("\nERROR:\n") and message in err and "Traceback" not in err


def test_a_bad_argument_leaves_the_destination_alone(ip, capsys):
    ip.user_ns["kept"] = "before"
    assert ip.run_cell_magic("bigquery", "kept --max_results many", "SELECT 1 AS one") is None
    err = capsys.readouterr().err
    assert err == "\nERROR:\n %%bigquery: argument --max_results: 'many' is not an integer\n"
    assert ip.user_ns["kept"] == "before"


# The arguments of bigquery-magics' %%bigquery (its bigquery_magics/bigquery.py).
BIGQUERY_MAGICS = {
    "destination_var",
    "--destination_table",
    "--project",
    "--max_results",
    "--maximum_bytes_billed",
    "--dry_run",
    "--use_legacy_sql",
    "--bigquery_api_endpoint",
    "--bqstorage_api_endpoint",
    "--no_query_cache",
    "--use_bqstorage_api",
    "--use_rest_api",
    "--verbose",
    "--params",
    "--use_geodataframe",
    "--progress_bar_type",
    "--location",
    "--engine",
    "--graph",
    "--pyformat",
}


def test_the_magic_takes_every_bigquery_magics_argument_db_and_dp_noise():
    from workbench.magic import bigquery

    names = {a.option_strings[0] if a.option_strings else a.dest for a in bigquery.parser._actions}
    assert names == BIGQUERY_MAGICS | {"--db", "--dp_noise"}
    assert "--use_rest_api" in bigquery.__doc__  # %%bigquery? shows the arguments


def test_charts_render_as_deterministic_svg(ip):

    import altair as alt

    chart = alt.Chart(pd.DataFrame({"a": [1, 2]}), title="T").mark_bar().encode(x="a:Q")
    first, second = chart._repr_mimebundle_(), chart._repr_mimebundle_()
    bundle = first[0] if isinstance(first, tuple) else first
    assert bundle["text/plain"] == "<Chart: T>" and bundle["image/svg+xml"].startswith("<svg")
    assert first == second


def test_a_live_chart_is_shown_with_vega_then_stored_without_it(ip, monkeypatch):
    """The kernel path: a display carrying Vega's JavaScript, updated at once to the chart
    alone; nbval (which ignores updates) compares the first through nbval-sanitize.cfg."""
    import altair as alt

    published: list[tuple[dict, bool]] = []
    monkeypatch.setattr(
        ip.display_pub,
        "publish",
        lambda data, metadata=None, *, transient=None, update=False, **_: published.append(
            (data, update)
        ),
    )
    chart = alt.Chart(pd.DataFrame({"a": [1, 2]}), title="T").mark_bar().encode(x="a:Q")
    ip.display_formatter.format(chart)  # what the display hook does with a cell's value
    (shown, first_update), (stored, second_update) = published
    assert (first_update, second_update) == (False, True)
    assert 'data-workbench-vega="bundle"' in shown["text/html"]
    # the bundle (vega, vega-lite, vega-embed: hundreds of kB) is shown, never stored
    assert len(shown["text/html"]) > 500_000 > 50_000 > len(stored["text/html"])
    assert stored["text/plain"] == "<Chart: T>" and stored["text/html"].startswith("<div")
    from tests.workbench.test_charts import sanitized

    assert sanitized(shown["text/html"]) == sanitized(stored["text/html"])


def test_approximate_functions_show_a_notice(ip, capsys):
    result = ip.run_cell_magic(
        "bigquery", "", "SELECT APPROX_COUNT_DISTINCT(x) AS n FROM UNNEST([1, 1, 2]) AS x"
    )
    assert result.to_dict("records") == [{"n": 2}]
    assert "info: approximate on BigQuery: exact offline (line 2)" in capsys.readouterr().err
    ip.run_cell_magic("bigquery", "", "SELECT 1 AS one")
    assert "approximate" not in capsys.readouterr().err


def test_null_strings_are_none_as_google_cloud_bigquery_returns_them(ip):
    # google-cloud-bigquery's RowIterator.to_dataframe: STRING becomes numpy.dtype("object")
    # unless string_dtype is given (its docstring; docs: cloud.google.com/python/docs/reference/
    # bigquery/latest/google.cloud.bigquery.table.RowIterator#google_cloud_bigquery_table_
    # RowIterator_to_dataframe), so a NULL is None, shown as "None", never NaN.
    df = ip.run_cell_magic(
        "bigquery", "", "SELECT s FROM UNNEST(['a', NULL]) AS s WITH OFFSET AS o ORDER BY o"
    )
    assert df["s"].dtype == object and df["s"].tolist() == ["a", None]
    html = df.to_html()
    assert "<td>None</td>" in html and "NaN" not in html


@pytest.mark.parametrize(
    ("cell", "where"),
    [
        # the %%bigquery line is cell line 1 (JupyterLab's line numbers), the SQL starts on 2
        ("SELECT 1\nFROM nosuch_table", "cell: line 3: unknown table 'nosuch_table'"),
        ("\n\nSELECT 1 +\nWHERE", "cell:5:"),
        ("SELECT nosuch FROM community_metrics", "cell: line 2: unknown column 'nosuch'"),
        # a query held in a variable counts from its own first line
        ("$q", "$q:2:"),
    ],
)
def test_error_lines_count_from_the_cell(ip, capsys, cell, where):
    ip.user_ns["q"] = "SELECT 1 +\nWHERE"
    assert ip.run_cell_magic("bigquery", "", cell) is None
    assert capsys.readouterr().err.startswith(f"\nERROR:\n {where}")


def test_the_approximate_notice_counts_from_the_cell_too(ip, capsys):
    ip.run_cell_magic(
        "bigquery", "", "SELECT 1 AS one,\n  APPROX_COUNT_DISTINCT(x) AS n FROM UNNEST([1]) AS x"
    )
    assert "exact offline (line 3)" in capsys.readouterr().err


def test_dp_noise_off_is_marked_on_the_dataframe(ip, capsys):
    sql = (
        "SELECT WITH DIFFERENTIAL_PRIVACY OPTIONS (epsilon = 10, delta = 0.5,"
        " privacy_unit_column = site_id)\n"
        "  product, COUNT(*, contribution_bounds_per_group => (0, 5)) AS n\n"
        "FROM community_metrics GROUP BY product"
    )
    noisy = ip.run_cell_magic("bigquery", "", sql)
    assert noisy.attrs["dp_noise"] == "on" and "noise is OFF" not in capsys.readouterr().err
    plain = ip.run_cell_magic("bigquery", "--dp_noise off", sql)
    assert plain.attrs["dp_noise"] == "off"
    assert "info: differential privacy noise is OFF" in capsys.readouterr().err
    assert "dp_noise" not in ip.run_cell_magic("bigquery", "", "SELECT 1 AS one").attrs
