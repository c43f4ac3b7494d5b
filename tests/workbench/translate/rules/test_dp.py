"""SELECT WITH DIFFERENTIAL_PRIVACY offline: parsing, bounding, noise, thresholding, refusals.

Expected values come from BigQuery's reference, not from the code:
- https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#dp_clause
  (the options; epsilon split into n + 1 shares, "further split by max_groups_contributed";
  the `professors` example table and its "Remove noise" example, epsilon = 1e20);
- https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate-dp-functions
  (COUNT/SUM/AVG with contribution_bounds_per_group: clamping per group after the values
  are aggregated per privacy unit; AVG averages the per-unit averages; implicit bounds;
  PERCENTILE_CONT takes contribution_bounds_per_row);
- the threshold of Laplace partition selection in Wilson et al., "Differentially private SQL
  with bounded user contribution" (https://arxiv.org/abs/1909.01917), which the GoogleSQL
  reference cites: tau = 1 - (k / eps) ln(2 (1 - (1 - delta)^(1/k))).
All run on a real DuckDB connection with the workbench's functions registered.
"""

from __future__ import annotations

import math

import duckdb
import pytest

from wbcore.errors import UnsupportedError, UserError
from workbench.translate import Context, TableInfo, translate
from workbench.translate.context import parse
from workbench.translate.dp_syntax import bounds_of, clause_of
from workbench.translate.functions import register

# query-syntax#dp_example_tables (plus two rows without a privacy unit, which count for no one)
PROFESSORS = """CREATE TABLE professors AS
  SELECT 101 id, 'pencil' item, 24 quantity UNION ALL
  SELECT 123, 'pen', 16 UNION ALL
  SELECT 123, 'pencil', 10 UNION ALL
  SELECT 123, 'pencil', 38 UNION ALL
  SELECT 101, 'pen', 19 UNION ALL
  SELECT 101, 'pen', 23 UNION ALL
  SELECT 130, 'scissors', 8 UNION ALL
  SELECT 150, 'pencil', 72"""

COLUMNS = {"id": "INT64", "item": "STRING", "quantity": "INT64", "value": "FLOAT64"}


def context(
    seed: int = 1, noise: bool = True, table: str = "professors", columns: dict | None = None
) -> Context:
    info = TableInfo(
        local=table, columns=columns or COLUMNS, names=(table,), entity="id", seed=seed
    )
    return Context(tables=(info,), dp_noise=noise)


@pytest.fixture(scope="module")
def conn():
    c = duckdb.connect()
    register(c)
    c.execute(PROFESSORS)
    # 23 units in group 'a', 22 in 'b' (threshold test); 2000 one-unit groups (noise test)
    c.execute(
        "CREATE TABLE units AS SELECT i AS id, CASE WHEN i < 23 THEN 'a' ELSE 'b' END AS item, "
        "1 AS quantity, 0.5 AS value FROM range(45) t(i)"
    )
    c.execute("INSERT INTO professors VALUES (NULL, 'pen', 1000), (NULL, 'ruler', 5)")
    c.execute(
        "CREATE TABLE many AS SELECT i AS id, CAST(i AS VARCHAR) AS item, 1 AS quantity, "
        "0.5 AS value FROM range(2000) t(i)"
    )
    yield c
    c.close()


def rows(conn, sql: str, ctx: Context | None = None) -> list[tuple]:
    return conn.sql(translate(sql, ctx or context()).duckdb).fetchall()


def dp(options: str, select: str, table: str = "professors", tail: str = "GROUP BY item") -> str:
    return f"SELECT WITH DIFFERENTIAL_PRIVACY OPTIONS ({options})\n  {select}\nFROM {table}\n{tail}"


# -- parsing -----------------------------------------------------------------------------------


def test_the_clause_and_the_bounds_are_read_from_the_tokens():
    tree = parse(
        "SELECT WITH DIFFERENTIAL_PRIVACY\n"
        "  OPTIONS (epsilon = 10, delta = .01, max_groups_contributed = 2, privacy_unit_column = id)\n"
        "  item, SUM(quantity, contribution_bounds_per_group => (-5, 100.5)) AS q\n"
        "FROM professors GROUP BY item"
    )
    clause = clause_of(tree)
    assert clause is not None
    assert (clause.epsilon, clause.delta, clause.max_groups_contributed) == (10.0, 0.01, 2)
    assert clause.privacy_unit_column == ("id",)
    (total,) = [n for n in tree.find_all(*_sums())]
    bounds = bounds_of(total)
    assert bounds is not None
    assert (bounds.per, bounds.lower, bounds.upper) == ("group", -5.0, 100.5)
    # the named argument is gone from the tree: SUM has its one argument
    assert total.sql("bigquery") == "SUM(quantity)"


def _sums():
    from sqlglot import exp

    return (exp.Sum,)


def test_lines_after_the_clause_stay_the_lines_of_the_file():
    sql = (
        "SELECT WITH DIFFERENTIAL_PRIVACY\n"
        "  OPTIONS (epsilon = 1, delta = 1e-5,\n"
        "           privacy_unit_column = id)\n"
        "  item, COUNT(*, contribution_bounds_per_group => (0, 1))\n"
        "FROM professors WHERE (\n"
    )
    with pytest.raises(UserError) as err:
        parse(sql)
    assert err.value.line == 5


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ("epsilon = 1, delta = 1e-5, kappa = 2, privacy_unit_column = id", "unknown option"),
        ("epsilon = 1, epsilon = 2, delta = 1e-5", "given twice"),
        ("epsilon = 'a', delta = 1e-5", "numeric literal"),
        ("epsilon = 1, delta = 1e-5, max_groups_contributed = 1.5", "INT64"),
    ],
)
def test_bad_options_are_one_clear_error(options, words):
    with pytest.raises(UserError, match=words):
        parse(dp(options, "item, COUNT(*, contribution_bounds_per_group => (0, 1))"))


# -- BigQuery's documented examples (noise removed with epsilon = 1e20) -----------------------

NOISELESS = "epsilon = 1e20, delta = .01, max_groups_contributed = 2, privacy_unit_column = id"


def test_avg_is_the_average_of_the_units_averages(conn):
    # query-syntax#eliminate_noise: pencil 40, pen 18.5, scissors 8
    got = rows(
        conn,
        dp(
            NOISELESS,
            "item, AVG(quantity, contribution_bounds_per_group => (0, 100)) AS average_quantity",
            tail="GROUP BY item ORDER BY item",
        ),
    )
    assert [r[0] for r in got] == ["pen", "pencil", "scissors"]
    assert [r[1] for r in got] == pytest.approx([18.5, 40.0, 8.0], abs=1e-9)


def test_count_and_sum_without_noise_are_the_documented_totals(conn):
    # aggregate-dp-functions, "Without noise": COUNT pencil 4, pen 3, scissors 1; SUM
    # pencil 144, pen 58, scissors 8 (every unit here contributes to at most 2 groups)
    got = rows(
        conn,
        dp(
            NOISELESS,
            "item, COUNT(*, contribution_bounds_per_group => (0, 100)) AS times_requested,"
            " SUM(quantity, contribution_bounds_per_group => (0, 100)) AS quantity,"
            " COUNT(item, contribution_bounds_per_group => (0, 100)) AS items",
            tail="GROUP BY item ORDER BY item",
        ),
    )
    assert got == [("pen", 3, 58, 3), ("pencil", 4, 144, 4), ("scissors", 1, 8, 1)]


def test_group_by_may_name_an_output_column_or_its_position(conn):
    # query-syntax#group_by_clause: a select-list name (implicit too) or ordinal
    template = dp(
        NOISELESS,
        "t.item, COUNT(*, contribution_bounds_per_group => (0, 100)) AS n",
        table="professors AS t",
        tail="GROUP BY {} ORDER BY n",
    )
    for key in ("item", "1", "t.item"):
        assert rows(conn, template.format(key)) == [("scissors", 1), ("pen", 3), ("pencil", 4)]


def test_a_sum_of_int64_is_int64_and_of_float64_float64(conn):
    sql = dp(
        "epsilon = 1, delta = 1e-5, privacy_unit_column = id",
        "SUM(quantity, contribution_bounds_per_group => (0, 10)) AS i,"
        " SUM(value, contribution_bounds_per_group => (0, 10)) AS f",
        table="units",
        tail="",
    )
    types = [str(t) for t in conn.sql(translate(sql, context(table="units")).duckdb).types]
    assert types == ["BIGINT", "DOUBLE"]


# -- contribution bounding -----------------------------------------------------------------------


def test_each_units_contribution_to_a_group_is_clamped(conn):
    # per group, after aggregating per unit: pencil 24 + min(10 + 38, 30) + min(72, 30) = 84,
    # pen 16 + min(19 + 23, 30) = 46; a unit's rows count once when bounded by (0, 1)
    got = rows(
        conn,
        dp(
            NOISELESS,
            "item, SUM(quantity, contribution_bounds_per_group => (0, 30)) AS q,"
            " COUNT(*, contribution_bounds_per_group => (0, 1)) AS units",
            tail="GROUP BY item ORDER BY item",
        ),
    )
    assert got == [("pen", 46, 2), ("pencil", 84, 3), ("scissors", 8, 1)]


def test_max_groups_contributed_keeps_that_many_groups_per_unit(conn):
    # max_groups_contributed = 1: units 101 and 123 each keep one of pen and pencil, so
    # the per-unit counts (bounded by (0, 1)) add up to the 4 units
    sql = dp(
        "epsilon = 1e20, delta = .01, max_groups_contributed = 1, privacy_unit_column = id",
        "item, COUNT(*, contribution_bounds_per_group => (0, 1)) AS units",
    )
    got = rows(conn, sql)
    assert sum(r[1] for r in got) == 4
    assert dict(got).get("scissors") == 1
    # the sample is keyed, not random per run (no ORDER BY: the rows in any order)
    assert sorted(rows(conn, sql)) == sorted(got)


def test_max_groups_contributed_null_limits_no_unit(conn):
    # query-syntax#dp_max_groups: "If max_groups_contributed is set to NULL, then [it] is
    # unspecified and there is no limit to the number of groups that each entity can
    # contribute to": every unit counts in all its groups (pen 2 units, pencil 3, scissors 1)
    sql = dp(
        "epsilon = 1e20, delta = .99, max_groups_contributed = NULL, privacy_unit_column = id",
        "item, COUNT(*, contribution_bounds_per_group => (0, 1)) AS units",
        tail="GROUP BY item ORDER BY item",
    )
    assert clause_of(parse(sql)).groups_unlimited
    assert rows(conn, sql, context(noise=False)) == [("pen", 2), ("pencil", 3), ("scissors", 1)]
    # without the option, the default is 1 group per unit: 101 and 123 count once in all
    default = sql.replace("max_groups_contributed = NULL, ", "")
    assert sum(n for _, n in rows(conn, default, context(noise=False))) == 4


def test_the_sample_and_the_noise_follow_the_dataset_seed(conn):
    sql = dp(
        "epsilon = 1, delta = .99999, privacy_unit_column = id",
        "item, SUM(value, contribution_bounds_per_group => (0, 1)) AS v",
        table="many",
        tail="GROUP BY item ORDER BY item LIMIT 20",
    )
    one, again, other = (rows(conn, sql, context(seed, table="many")) for seed in (1, 1, 2))
    assert one == again
    assert one != other


# -- thresholding -------------------------------------------------------------------------------


def test_groups_below_the_threshold_are_dropped(conn):
    # epsilon 1 split over 1 aggregate + the unit count: 0.5 each, k = 1, delta = 1e-5:
    # tau = 1 - (1 / 0.5) ln(2e-5) = 22.64: group a (23 units) stays, b (22 units) goes
    tau = 1 - (1 / 0.5) * math.log(2 * (1 - (1 - 1e-5) ** 1))
    assert 22 < tau < 23
    sql = dp(
        "epsilon = 1, delta = 1e-5, max_groups_contributed = 1, privacy_unit_column = id",
        "item, COUNT(*, contribution_bounds_per_group => (0, 1)) AS n",
        table="units",
    )
    assert rows(conn, sql, context(noise=False, table="units")) == [("a", 23)]


def test_the_threshold_grows_with_max_groups_contributed():
    from workbench.translate.rules.dp import threshold

    # k = 4, epsilon share 0.5, delta 1e-5: delta_k = 1 - (1 - 1e-5)^(1/4); scale 8
    delta_k = 1 - (1 - 1e-5) ** 0.25
    assert threshold(1.0, 1e-5, 4, 0.5) == pytest.approx(1 - 8 * math.log(2 * delta_k))


def test_above_one_half_delta_takes_the_librarys_other_branch():
    from workbench.translate.rules.dp import group_threshold, threshold

    # partition-selection.h CalculateThreshold: delta > 0.5 (delta itself, not delta_k)
    # gives 1 + diversity * ln(2 (1 - delta_k)); k = 4, share 0.5: diversity 8
    delta_k = 1 - 0.1**0.25
    assert delta_k < 0.5
    assert threshold(1.0, 0.9, 4, 0.5) == pytest.approx(1 + 8 * math.log(2 * (1 - delta_k)))
    # ZetaSQL's ComputeLaplaceThresholdFromDelta rounds it up; delta 1 keeps every group
    assert group_threshold(1.0, 1e-5, 1, 0.5) == 23
    assert group_threshold(1.0, 1.0, 1, 0.5) is None


# -- the noise's distribution -------------------------------------------------------------------


def test_the_noise_is_laplace_with_the_documented_scale(conn):
    # one aggregate: epsilon 1 -> share 1 / 2; k = 1; sensitivity max(|0|, |1|) = 1:
    # Laplace scale b = k * 1 / 0.5 = 2 (variance 2 b^2 = 8). delta near 1 keeps every group.
    b = 2.0
    noise = []
    for seed in range(4):
        sql = dp(
            "epsilon = 1, delta = .999999, max_groups_contributed = 1, privacy_unit_column = id",
            "item, SUM(value, contribution_bounds_per_group => (0, 1)) AS v",
            table="many",
        )
        noise += [v - 0.5 for _, v in rows(conn, sql, context(seed, table="many"))]
    n = len(noise)
    assert n > 7900  # nearly every group passes the low threshold
    mean = sum(noise) / n
    var = sum(x * x for x in noise) / n
    # standard errors: sqrt(2 b^2 / n) = 0.032 for the mean, sqrt(20 b^4 / n) = 0.2 for E[x^2]
    assert abs(mean) < 5 * math.sqrt(2 * b * b / n)
    assert abs(var - 2 * b * b) < 5 * math.sqrt(20 * b**4 / n)
    # the Laplace tail: P(|x| > b ln 10) = 0.1
    tail = sum(abs(x) > b * math.log(10) for x in noise) / n
    assert abs(tail - 0.1) < 5 * math.sqrt(0.09 / n)


# -- refusals -----------------------------------------------------------------------------------

GOOD = "epsilon = 1, delta = 1e-5, privacy_unit_column = id"


@pytest.mark.parametrize(
    ("options", "select", "error", "words"),
    [
        (
            "epsilon = 1, delta = 1e-5, privacy_unit_column = item",
            "item, COUNT(*, contribution_bounds_per_group => (0, 1))",
            UserError,
            "privacy_unit_column item is not the privacy unit",
        ),
        (
            "epsilon = 1, delta = 1e-5",
            "item, COUNT(*, contribution_bounds_per_group => (0, 1))",
            UserError,
            "privacy_unit_column is required",
        ),
        (GOOD, "item, SUM(quantity)", UnsupportedError, "implicit bounding"),
        # aggregate-dp-functions#dp_clamped_named_implicit: without the named argument the
        # bounds "are derived from the data itself"; query-syntax#dp_epsilon: "half of the
        # function's epsilon is applied towards computing implicit bounds" -- COUNT(*) too
        (GOOD, "item, COUNT(*)", UnsupportedError, "half of the aggregate's epsilon"),
        (GOOD, "item, MAX(quantity)", UserError, "unsupported function"),
        (
            GOOD,
            "item, SUM(quantity, contribution_bounds_per_row => (0, 1))",
            UserError,
            "not contribution_bounds_per_row",
        ),
        (
            GOOD,
            "item, COUNT(DISTINCT quantity)",
            UserError,
            "COUNT(DISTINCT",
        ),
        (
            "delta = 1e-5, privacy_unit_column = id",
            "item, COUNT(*, contribution_bounds_per_group => (0, 1))",
            UserError,
            "epsilon is required",
        ),
        (
            GOOD,
            "item, quantity, COUNT(*, contribution_bounds_per_group => (0, 1))",
            UserError,
            "neither grouped",
        ),
    ],
)
def test_what_bigquery_refuses_is_refused(options, select, error, words):
    with pytest.raises(error, match=words.replace("(", r"\(")):
        translate(dp(options, select), context())


def test_contribution_bounds_outside_a_dp_query_are_refused():
    with pytest.raises(UserError, match="only allowed in a differentially private"):
        translate(
            "SELECT SUM(quantity, contribution_bounds_per_group => (0, 1)) FROM professors",
            context(),
        )


def test_having_is_not_modelled():
    with pytest.raises(UnsupportedError, match="HAVING"):
        translate(
            dp(
                GOOD,
                "item, COUNT(*, contribution_bounds_per_group => (0, 1)) AS n",
                tail="GROUP BY item HAVING n > 1",
            ),
            context(),
        )


def test_noise_off_is_named_in_the_rules(conn):
    tr = translate(
        dp(GOOD, "item, COUNT(*, contribution_bounds_per_group => (0, 1)) AS n"),
        context(noise=False),
    )
    assert any(r.startswith("dp-noise-off") for r in tr.rules)
    assert "WB_DP_LAPLACE" not in tr.duckdb.upper()


def test_a_one_unit_group_is_kept_as_zetasqls_integer_threshold_says(conn):
    # query-syntax#dp_delta: delta "represents the probability that any row fails to be
    # epsilon-differentially private"; ZetaSQL (anonymization_utils.cc) rounds the library's
    # threshold up to an INT64 and compares the noisy INT64 unit count with it. epsilon 2 over
    # one aggregate and the count: share 1, Laplace scale 1; tau = 1 - ln(2 * 0.2) = 1.92 -> 2:
    # a one-unit group stays when round(1 + L) >= 2, i.e. L >= 0.5: probability e^-0.5 / 2
    expected = 0.5 * math.exp(-0.5)
    kept = total = 0
    for seed in range(2):
        sql = dp(
            "epsilon = 2, delta = 0.2, max_groups_contributed = 1, privacy_unit_column = id",
            "item, SUM(value, contribution_bounds_per_group => (0, 1)) AS v",
            table="many",
        )
        kept += len(rows(conn, sql, context(seed, table="many")))
        total += 2000
    assert abs(kept / total - expected) < 5 * math.sqrt(expected * (1 - expected) / total)


# -- the plan DuckDB runs (issue 17) -------------------------------------------------------------


def test_a_string_units_groups_are_bounded_too(conn):
    # the unit's identity is the MD5 of its bytes for a STRING (or BYTES) unit, of its JSON
    # text otherwise (professors' INT64 ids above): max_groups_contributed = 1 holds either way
    conn.execute(
        "CREATE OR REPLACE TABLE named AS SELECT CAST(id AS VARCHAR) AS id, item, quantity FROM professors"
    )
    columns = {"id": "STRING", "item": "STRING", "quantity": "INT64"}
    sql = dp(
        "epsilon = 1e20, delta = .01, max_groups_contributed = 1, privacy_unit_column = id",
        "item, COUNT(*, contribution_bounds_per_group => (0, 1)) AS units",
        table="named",
    )
    ctx = context(table="named", columns=columns)
    assert "WB_DP_IDENTITY(" in translate(sql, ctx).duckdb
    got = rows(conn, sql, ctx)
    assert sum(r[1] for r in got) == 4 and dict(got).get("scissors") == 1


def _operators(conn, sql: str) -> list[dict]:
    import json

    def walk(node: dict) -> list[dict]:
        return [node, *(m for child in node.get("children", []) for m in walk(child))]

    (row,) = conn.execute(f"EXPLAIN (FORMAT json) {sql}").fetchall()
    return [n for root in json.loads(row[1]) for n in walk(root)]


def test_no_window_spans_the_whole_table_and_no_python_runs_per_row(conn):
    # the units and groups are numbered by hashes row by row (no DENSE_RANK over every
    # row), each unit's groups drawn by a window partitioned by the unit (not DuckDB's top-N
    # aggregate per unit, arg_min(..., k), which copies every group key it is given), and
    # the random numbers are SQL macros, expanded in the plan
    sql = dp(
        "epsilon = 1, delta = 1e-5, max_groups_contributed = 2, privacy_unit_column = id",
        "item, COUNT(*, contribution_bounds_per_group => (0, 1)) AS n,"
        " SUM(quantity, contribution_bounds_per_group => (0, 10)) AS q",
    )
    duckdb_sql = translate(sql, context()).duckdb
    assert "DENSE_RANK" not in duckdb_sql.upper()
    nodes = _operators(conn, duckdb_sql)
    text = " ".join(str(n.get("extra_info", "")) for n in nodes).lower()
    assert "md5_number" in text and "wb_dp_" not in text
    windows = [n for n in nodes if n["name"] in ("WINDOW", "STREAMING_WINDOW")]
    assert windows and all("PARTITION BY" in str(n["extra_info"]) for n in windows)
    assert "arg_min" not in text


def test_two_group_keys_one_of_them_null_are_numbered_apart(conn):
    # the groups are numbered by a hash of their keys' JSON text, {"_dp_k0":..,"_dp_k1":..}:
    # (pencil, big) 123 and 150; (pencil, NULL) 101 and 123; (pen, NULL) 123 and 101 (its two
    # pens count once); (scissors, NULL) 130 -- no unit has more than 10 groups
    sql = dp(
        "epsilon = 1e20, delta = .01, max_groups_contributed = 10, privacy_unit_column = id",
        "item, CASE WHEN quantity > 30 THEN 'big' END AS size,"
        " COUNT(*, contribution_bounds_per_group => (0, 1)) AS units",
        tail="GROUP BY item, size ORDER BY item, size",
    )
    assert rows(conn, sql, context(noise=False)) == [
        ("pen", None, 2),
        ("pencil", None, 2),
        ("pencil", "big", 2),
        ("scissors", None, 1),
    ]
