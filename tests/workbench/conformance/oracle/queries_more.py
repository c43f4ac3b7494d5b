"""Round 2 of the query oracle's templates (issue 15): the families round 1 left out.

Aggregate modifiers (DISTINCT, ORDER BY, LIMIT, IGNORE NULLS, HAVING MAX/MIN), analytic
functions with named windows and peer rows, ROLLUP/CUBE over expressions and ordinals,
DISTINCT of structs and arrays, set operations that coerce column types, WITH (nested and
RECURSIVE), NULLs in IN/NOT IN subqueries, UNNEST of arrays of structs in joins, ORDER BY
expressions, typed literal tables (DATE, TIMESTAMP, NUMERIC, BYTES, BOOL) and empty
inputs under every clause. Each template draws its tables from queries.py's generators,
so the NULLs, NaNs, ties and empty tables are the same kinds; where the output order
matters the query orders by a unique column.
"""

from __future__ import annotations

import random

from tests.workbench.conformance.oracle.queries import (
    T_COLUMNS,
    QueryTemplate,
    Shape,
    _cell,
    _size,
    _table,
    _with,
    t_table,
    u_table,
)


def _tu(rng: random.Random, form: str) -> Shape:
    return _with(t_table(rng), u_table(rng)) + form, None, False


def agg_modifiers(rng: random.Random) -> Shape:
    """DISTINCT/ORDER BY/LIMIT/IGNORE NULLS inside aggregates, grouped or not."""
    agg = rng.choice(
        (
            "ARRAY_AGG(DISTINCT n IGNORE NULLS ORDER BY n DESC LIMIT 2)",
            "ARRAY_AGG(DISTINCT x IGNORE NULLS ORDER BY x)",
            "ARRAY_AGG(DISTINCT g IGNORE NULLS ORDER BY g LIMIT 1)",
            "ARRAY_AGG(n RESPECT NULLS ORDER BY id DESC LIMIT 3)",
            "ARRAY_AGG(x IGNORE NULLS ORDER BY x DESC, id)",
            "STRING_AGG(DISTINCT g, ',' ORDER BY g DESC)",
            "STRING_AGG(DISTINCT g ORDER BY g LIMIT 2)",
            "STRING_AGG(g, '' ORDER BY id LIMIT 0)",
            "ANY_VALUE(g HAVING MAX id)",
            "ANY_VALUE(n HAVING MIN id)",
            "ANY_VALUE(id HAVING MAX x)",
            "ARRAY_AGG(id HAVING MIN n ORDER BY id)",
            "COUNTIF(x > 0)",
            "COUNTIF(n IS NULL)",
            "LOGICAL_OR(n > 2)",
            "LOGICAL_AND(g IS NOT NULL)",
            "BIT_AND(n)",
            "BIT_XOR(n)",
            "BIT_XOR(DISTINCT n)",
            "SUM(DISTINCT n)",
            "AVG(DISTINCT n)",
            "COUNT(DISTINCT x)",
            "MAX(n > 0)",
            "MIN(g)",
            "SUM(m)",
            "AVG(m)",
            "MAX(m)",
            "MIN(x)",
            "COUNT(DISTINCT m)",
            "ARRAY_AGG(m IGNORE NULLS ORDER BY m, id)",
            "ARRAY_AGG(STRUCT(id, n) ORDER BY id LIMIT 2)",
        )
    )
    grouped = rng.random() < 0.6
    key = rng.choice(("k", "g"))
    sql = f"SELECT {key + ', ' if grouped else ''}{agg} AS a FROM t"
    return _with(t_table(rng)) + sql + (f" GROUP BY {key}" if grouped else ""), None, False


def analytic_values(rng: random.Random) -> Shape:
    """NTH_VALUE/FIRST_VALUE IGNORE NULLS, LAG/LEAD defaults of other types, percentiles."""
    f = rng.choice(
        (
            "NTH_VALUE(n, 2 IGNORE NULLS)",
            "NTH_VALUE(x, 1)",
            "NTH_VALUE(g, 3 RESPECT NULLS)",
            "FIRST_VALUE(x IGNORE NULLS)",
            "LAST_VALUE(g IGNORE NULLS)",
            "FIRST_VALUE(m)",
        )
    )
    frame = rng.choice(
        (
            "",
            " ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING",
            " ROWS BETWEEN 1 PRECEDING AND 2 FOLLOWING",
            " ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING",
            " RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING",
        )
    )
    part = rng.choice(("", "PARTITION BY k "))
    order = rng.choice(("id", "id DESC"))
    sql = f"SELECT id, {f} OVER ({part}ORDER BY {order}{frame}) AS v FROM t"
    return _with(t_table(rng)) + sql, None, False


def lag_defaults(rng: random.Random) -> Shape:
    f = rng.choice(("LAG", "LEAD"))
    args = rng.choice(
        (
            "x, 1, 0",
            "x, 2, n",
            "m, 1, 0",
            "n, 1, NULL",
            "m, 1, 1.5",
            "g, 2, g",
            "n, 0",
            "STRUCT(n, g), 1",
            "x, 1, CAST('NaN' AS FLOAT64)",
        )
    )
    part = rng.choice(("", "PARTITION BY g "))
    sql = f"SELECT id, {f}({args}) OVER ({part}ORDER BY id) AS v FROM t"
    return _with(t_table(rng)) + sql, None, False


def percentiles(rng: random.Random) -> Shape:
    f = rng.choice(
        (
            "PERCENTILE_CONT(x, 0.5)",
            "PERCENTILE_CONT(n, 0)",
            "PERCENTILE_CONT(n, 1)",
            "PERCENTILE_CONT(x, 0.25 RESPECT NULLS)",
            "PERCENTILE_CONT(n, 0.3 IGNORE NULLS)",
            "PERCENTILE_CONT(m, 0.5)",
            "PERCENTILE_DISC(x, 0.5)",
            "PERCENTILE_DISC(g, 0.5)",
            "PERCENTILE_DISC(n, 0.75 RESPECT NULLS)",
            "PERCENTILE_DISC(m, 0.1)",
        )
    )
    part = rng.choice(("", "PARTITION BY k"))
    sql = f"SELECT id, {f} OVER ({part}) AS p FROM t"
    return _with(t_table(rng)) + sql, None, False


def window_peers(rng: random.Random) -> Shape:
    """Aggregates OVER an ORDER BY: the default frame is RANGE, so ties are peers."""
    agg = rng.choice(
        (
            "SUM(n)",
            "COUNT(*)",
            "COUNT(x)",
            "AVG(n)",
            "MAX(g)",
            "MIN(x)",
            "ARRAY_AGG(id)",
            "STRING_AGG(g)",
            "COUNTIF(n > 0)",
            "SUM(m)",
            "LOGICAL_OR(n > 1)",
        )
    )
    key = rng.choice(("k", "x", "g", "k DESC", "x DESC", "n, k", "m"))
    part = rng.choice(("", "PARTITION BY g ", "PARTITION BY k "))
    if agg in ("ARRAY_AGG(id)", "STRING_AGG(g)"):
        # the order inside a frame of peers is open: only its size is determined
        agg = f"ARRAY_LENGTH({agg.replace('STRING_AGG(g)', 'ARRAY_AGG(g IGNORE NULLS)')})"
    sql = f"SELECT id, {agg} OVER ({part}ORDER BY {key}) AS v FROM t"
    return _with(t_table(rng)) + sql, None, False


def range_numbers(rng: random.Random) -> Shape:
    """RANGE frames with numeric offsets over FLOAT64/NUMERIC keys (NaN, ±inf, NULL)."""
    key = rng.choice(("x", "x DESC", "m", "m DESC", "n", "n DESC"))
    lo, hi = rng.choice(
        (
            ("1.5 PRECEDING", "CURRENT ROW"),
            ("0 PRECEDING", "0 FOLLOWING"),
            ("UNBOUNDED PRECEDING", "1 FOLLOWING"),
            ("2 PRECEDING", "1 PRECEDING"),
            ("CURRENT ROW", "3 FOLLOWING"),
        )
    )
    if key.startswith("n") and "." in lo:
        lo = "1 PRECEDING"
    agg = rng.choice(("COUNT(*)", "SUM(id)", "MIN(id)", "MAX(id)"))
    sql = f"SELECT id, {agg} OVER (ORDER BY {key} RANGE BETWEEN {lo} AND {hi}) AS v FROM t"
    return _with(t_table(rng)) + sql, None, False


def named_windows(rng: random.Random) -> Shape:
    form = rng.choice(
        (
            "SELECT id, SUM(n) OVER w2 AS s FROM t WINDOW w1 AS (PARTITION BY k), w2 AS (w1 ORDER BY id)",
            "SELECT id, COUNT(*) OVER (w ROWS 1 PRECEDING) AS c FROM t WINDOW w AS (PARTITION BY g ORDER BY id)",
            "SELECT id, RANK() OVER w AS r, SUM(n) OVER w AS s FROM t WINDOW w AS (ORDER BY k)",
            "SELECT id, LAG(n) OVER (w) AS l FROM t WINDOW w AS (ORDER BY id)",
            "SELECT id, FIRST_VALUE(n) OVER (w ORDER BY id DESC) AS f FROM t WINDOW w AS (PARTITION BY k)",
            "SELECT id, MAX(n) OVER w3 AS m FROM t WINDOW w1 AS (PARTITION BY k), w2 AS (w1), w3 AS (w2 ORDER BY id ROWS UNBOUNDED PRECEDING)",
            "SELECT k, SUM(SUM(n)) OVER (ORDER BY k) AS s, COUNT(*) AS c FROM t GROUP BY k",
            "SELECT k, RANK() OVER (ORDER BY COUNT(*) DESC) AS r FROM t GROUP BY k",
            "SELECT id, ROW_NUMBER() OVER (ORDER BY x, id) AS r, NTILE(3) OVER (ORDER BY id) AS t3 FROM t",
            "SELECT id, CUME_DIST() OVER (PARTITION BY k ORDER BY n) AS c FROM t",
            "SELECT id, ARRAY_AGG(n IGNORE NULLS) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS a FROM t",
            "SELECT id, COUNT(DISTINCT g) OVER (PARTITION BY k) AS c FROM t",
            "SELECT id, SUM(n) OVER (ORDER BY id ROWS BETWEEN 2 FOLLOWING AND 1 FOLLOWING) AS s FROM t",
            "SELECT id, SUM(n) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND CURRENT ROW EXCLUDE CURRENT ROW) AS s FROM t",
            "SELECT id, AVG(n) OVER (PARTITION BY k ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS a FROM t",
        )
    )
    return _with(t_table(rng)) + form, None, False


def rollup_cube(rng: random.Random) -> Shape:
    """ROLLUP/CUBE/GROUPING SETS over expressions, ordinals, aliases and duplicates."""
    form = rng.choice(
        (
            "SELECT k + 1 AS k1, UPPER(g) AS ug, COUNT(*) AS c FROM t GROUP BY ROLLUP(k + 1, UPPER(g))",
            "SELECT k, g, SUM(n) AS s FROM t GROUP BY ROLLUP(1, 2)",
            "SELECT k AS a, g AS b, COUNT(*) AS c FROM t GROUP BY CUBE(a, b)",
            "SELECT k, g, COUNT(*) AS c FROM t GROUP BY ROLLUP(k, k, g)",
            "SELECT k, g, COUNT(*) AS c FROM t GROUP BY GROUPING SETS ((k, g), (k, g), k)",
            "SELECT k, g, COUNT(*) AS c FROM t GROUP BY ROLLUP((k, g))",
            "SELECT k, g, GROUPING(k) AS gk, COUNT(*) AS c FROM t GROUP BY CUBE((k, g))",
            "SELECT k, g, COUNT(*) AS c FROM t GROUP BY GROUPING SETS (k, ROLLUP(g))",
            "SELECT k, COUNT(*) AS c FROM t GROUP BY ROLLUP(k) HAVING GROUPING(k) = 0",
            "SELECT k, g, COUNT(*) AS c FROM t GROUP BY k, ROLLUP(g)",
            "SELECT k, n, MAX(x) AS mx FROM t GROUP BY CUBE(k, n) HAVING COUNT(*) > 1",
            "SELECT x, COUNT(*) AS c FROM t GROUP BY ROLLUP(x)",
            "SELECT k, g, GROUPING(k) + GROUPING(g) AS lvl, COUNT(*) AS c FROM t GROUP BY ROLLUP(k, g)",
            "SELECT k, COUNT(*) OVER () AS rows_out, GROUPING(k) AS gk FROM t GROUP BY ROLLUP(k)",
            "SELECT COUNT(*) AS c FROM t GROUP BY GROUPING SETS (())",
            "SELECT k, COUNT(*) AS c FROM t GROUP BY GROUPING SETS ((), k, ())",
            "SELECT k, g, COUNT(*) AS c FROM t GROUP BY CUBE(k, g) ORDER BY k, g, c",
        )
    )
    return _with(t_table(rng)) + form, None, False


def group_expressions(rng: random.Random) -> Shape:
    form = rng.choice(
        (
            "SELECT k + 1 AS k1, COUNT(*) AS c FROM t GROUP BY k + 1",
            "SELECT k + 1, COUNT(*) AS c FROM t GROUP BY 1",
            "SELECT MOD(n, 2) AS p, SUM(n) AS s FROM t GROUP BY p",
            "SELECT g IS NULL AS gn, COUNT(*) AS c FROM t GROUP BY gn",
            "SELECT LOWER(g) AS lg, MAX(id) AS m FROM t GROUP BY LOWER(g)",
            "SELECT k, g, COUNT(*) AS c FROM t GROUP BY 2, 1",
            "SELECT COUNT(*) AS c FROM t HAVING COUNT(*) > 0",
            "SELECT SUM(n) AS s FROM t HAVING SUM(n) IS NULL",
            "SELECT k, COUNT(*) AS c FROM t GROUP BY ALL",
            "SELECT k, g, SUM(n) AS s FROM t GROUP BY ALL",
            "SELECT 1 AS one FROM t GROUP BY ALL",
            "SELECT k, MAX(g) IS NULL AS a FROM t GROUP BY k HAVING MAX(n) > 0",
            "SELECT CAST(x AS INT64) AS xi, COUNT(*) AS c FROM t WHERE IS_NAN(x) IS NOT TRUE AND ABS(x) < 10 GROUP BY xi",
            "SELECT IFNULL(g, '?') AS g2, COUNT(*) AS c FROM t GROUP BY g2 ORDER BY g2",
            "SELECT k, COUNT(*) AS c FROM t GROUP BY k ORDER BY COUNT(*) DESC, k",
            "SELECT n, COUNT(*) AS c FROM t GROUP BY n HAVING n > 0 OR n IS NULL",
        )
    )
    order = (0,) if "ORDER BY g2" in form else None
    if "ORDER BY COUNT(*) DESC, k" in form:
        order = (1, 0)
    return _with(t_table(rng)) + form, order, False


def distinct_values(rng: random.Random) -> Shape:
    form = rng.choice(
        (
            "SELECT DISTINCT STRUCT(k, g) AS s FROM t",
            "SELECT DISTINCT STRUCT(k AS a, x AS b) AS s FROM t",
            "SELECT DISTINCT [k] AS a FROM t",
            "SELECT DISTINCT x FROM t",
            "SELECT DISTINCT m FROM t",
            "SELECT DISTINCT k, n > 0 AS p FROM t",
            "SELECT COUNT(DISTINCT STRUCT(k, g)) AS c FROM t",
            "SELECT DISTINCT * FROM (SELECT k, g FROM t)",
            "SELECT DISTINCT k FROM t ORDER BY k",
            "SELECT DISTINCT g FROM t ORDER BY g DESC",
            "SELECT DISTINCT k FROM t ORDER BY n",
            "SELECT STRUCT(k, g) AS s, COUNT(*) AS c FROM t GROUP BY STRUCT(k, g)",
            "SELECT [k] AS a, COUNT(*) AS c FROM t GROUP BY a",
            "SELECT DISTINCT x, k FROM t WHERE x = 0",
        )
    )
    order = (0,) if "ORDER BY k" in form or "ORDER BY g DESC" in form else None
    return _with(t_table(rng)) + form, order, False


def set_coercion(rng: random.Random) -> Shape:
    """Set operations whose columns differ in type (INT64/FLOAT64/NUMERIC, NULL literals)."""
    form = rng.choice(
        (
            "SELECT n AS v FROM t UNION ALL SELECT x FROM u",
            "SELECT m AS v FROM t UNION ALL SELECT v FROM u",
            "SELECT m AS v FROM t UNION ALL SELECT x FROM u",
            "SELECT NULL AS v UNION ALL SELECT k FROM u",
            "SELECT k FROM t UNION ALL SELECT NULL",
            "SELECT 1 AS a, 'x' AS b UNION ALL SELECT 2.5, NULL",
            "SELECT x FROM t UNION DISTINCT SELECT x FROM u",
            "SELECT x FROM t INTERSECT DISTINCT SELECT x FROM u",
            "SELECT x FROM t EXCEPT DISTINCT SELECT x FROM u",
            "SELECT k, x FROM t INTERSECT DISTINCT SELECT k, x FROM u",
            "SELECT k FROM t EXCEPT DISTINCT SELECT k FROM u",
            "SELECT STRUCT(k AS a) AS s FROM t UNION ALL SELECT STRUCT(v AS b) FROM u",
            "SELECT [k] AS a FROM t UNION ALL SELECT [v, v] FROM u",
            "SELECT k FROM t UNION ALL SELECT k FROM u UNION DISTINCT SELECT v FROM u",
            "(SELECT k FROM t UNION ALL SELECT k FROM u) UNION DISTINCT SELECT v FROM u",
            "SELECT k FROM t UNION ALL (SELECT k FROM u EXCEPT DISTINCT SELECT k FROM t)",
            "SELECT k AS a, n AS b FROM t UNION ALL CORRESPONDING SELECT v AS b, k AS a FROM u",
            "SELECT k, n FROM t UNION ALL BY NAME SELECT n, k FROM t",
            "SELECT k FROM t INTERSECT ALL SELECT k FROM u",
            "SELECT k FROM t UNION ALL SELECT k FROM u ORDER BY k LIMIT 3",
            "SELECT x FROM t UNION ALL SELECT CAST(v AS NUMERIC) FROM u",
            "SELECT g FROM t UNION ALL SELECT CAST(NULL AS STRING) FROM u",
            "SELECT k FROM t UNION DISTINCT SELECT NULL",
            "SELECT CAST(NULL AS INT64) AS a INTERSECT DISTINCT SELECT k FROM t",
        )
    )
    order, limited = ((0,), True) if "LIMIT 3" in form else (None, False)
    return _with(t_table(rng), u_table(rng)) + form, order, limited


def with_clauses(rng: random.Random) -> Shape:
    forms = (
        "SELECT * FROM (WITH a AS (SELECT k FROM t) SELECT k, COUNT(*) AS c FROM a GROUP BY k)",
        "SELECT c FROM (SELECT 1 AS c) WHERE c IN (WITH z AS (SELECT k FROM t) SELECT k FROM z)",
        "SELECT (WITH z AS (SELECT MAX(n) AS m FROM t) SELECT m FROM z) AS m",
        "SELECT k FROM u WHERE EXISTS (WITH z AS (SELECT k FROM t) SELECT 1 FROM z WHERE z.k = u.k)",
    )
    recursive = (
        "WITH RECURSIVE c AS (SELECT 1 AS i UNION ALL SELECT i + 1 FROM c WHERE i < 5) SELECT i FROM c",
        "WITH RECURSIVE c AS (SELECT k AS i, 0 AS d FROM t WHERE k IS NOT NULL UNION ALL SELECT i, d + 1 FROM c WHERE d < 2) SELECT i, d FROM c",
        "WITH RECURSIVE c AS (SELECT 1 AS i UNION DISTINCT SELECT MOD(i, 3) + 1 FROM c) SELECT i FROM c",
    )
    if rng.random() < 0.35:
        sql = rng.choice(recursive)
        return sql.replace("WITH RECURSIVE ", f"WITH RECURSIVE {t_table(rng)}, ", 1), None, False
    return _tu(rng, rng.choice(forms))


def in_subqueries(rng: random.Random) -> Shape:
    """IN / NOT IN / EXISTS with NULLs on either side and empty subqueries."""
    form = rng.choice(
        (
            "SELECT id, k NOT IN (SELECT k FROM u) AS i FROM t",
            "SELECT id, k IN (SELECT k FROM u WHERE FALSE) AS i, k NOT IN (SELECT k FROM u WHERE FALSE) AS o FROM t",
            "SELECT id FROM t WHERE k NOT IN (SELECT k FROM u)",
            "SELECT id FROM t WHERE k NOT IN (SELECT k FROM u WHERE k IS NOT NULL)",
            "SELECT id, (k, n) IN (SELECT (k, v) FROM u) AS i FROM t",
            "SELECT id, x IN (SELECT x FROM u) AS i FROM t",
            "SELECT id, EXISTS (SELECT 1 FROM u WHERE u.k = t.k) AS e FROM t",
            "SELECT id, (SELECT v FROM u WHERE u.k = t.k) AS v FROM t",
            "SELECT id, (SELECT v FROM u WHERE u.k = t.k ORDER BY v LIMIT 1) AS v FROM t",
            "SELECT id, ARRAY(SELECT v FROM u WHERE u.k = t.k ORDER BY v DESC LIMIT 2) AS a FROM t",
            "SELECT id, ARRAY(SELECT x FROM u ORDER BY x) AS a FROM t WHERE id = 1",
            "SELECT id FROM t WHERE n > (SELECT AVG(v) - 11 FROM u)",
            "SELECT id FROM t WHERE n > ALL (SELECT v FROM u)",
            "SELECT id, (SELECT COUNT(*) FROM u WHERE u.x = t.x) AS c FROM t",
            "SELECT id, (SELECT AS VALUE STRUCT(MIN(v) AS lo) FROM u WHERE u.k = t.k) AS s FROM t",
            "SELECT id, k IN UNNEST((SELECT ARRAY_AGG(k) FROM u)) AS i FROM t",
            "SELECT id, (SELECT SUM(v) FROM u WHERE u.k IS NOT DISTINCT FROM t.k) AS s FROM t",
        )
    )
    return _tu(rng, form)


STRUCT_ARRAYS = (
    "[STRUCT(1 AS a, 'p' AS b), STRUCT(2, 'q')]",
    "ARRAY<STRUCT<a INT64, b STRING>>[]",
    "NULL",
    "[STRUCT(CAST(NULL AS INT64) AS a, 'r' AS b)]",
    "[STRUCT(2 AS a, CAST(NULL AS STRING) AS b), STRUCT(1, 'p'), STRUCT(2, 'q')]",
)


def p_table(rng: random.Random) -> str:
    """``p(id, e)``: arrays of STRUCT<a, b> (empty, NULL, with NULL fields)."""
    rows = [[str(i + 1), rng.choice(STRUCT_ARRAYS)] for i in range(_size(rng, 4))]
    return _table("p", [("id", "INT64"), ("e", "ARRAY<STRUCT<a INT64, b STRING>>")], rows)


def unnest_joins(rng: random.Random) -> Shape:
    form = rng.choice(
        (
            "SELECT id, s.a, s.b, o FROM p, UNNEST(e) AS s WITH OFFSET AS o",
            "SELECT id, s.a, o FROM p LEFT JOIN UNNEST(e) AS s WITH OFFSET AS o",
            "SELECT id, s.a FROM p LEFT JOIN UNNEST(e) AS s ON s.a > 1",
            "SELECT id, a, b FROM p, UNNEST(e)",
            "SELECT id, s FROM p CROSS JOIN UNNEST(p.e) AS s",
            "SELECT p.id, s.b, q.id AS qid FROM p, UNNEST(e) AS s JOIN p AS q ON q.id = s.a",
            "SELECT id, (SELECT STRING_AGG(b, '-' ORDER BY o) FROM UNNEST(e) AS s WITH OFFSET o) AS j FROM p",
            "SELECT id, (SELECT COUNT(*) FROM UNNEST(e) WHERE a IS NULL) AS c FROM p",
            "SELECT s.a, COUNT(*) AS c FROM p, UNNEST(e) AS s GROUP BY s.a",
            "SELECT id, ARRAY(SELECT AS STRUCT a, b FROM UNNEST(e) ORDER BY a DESC, b) AS r FROM p",
            "SELECT id, ARRAY(SELECT b FROM UNNEST(e) WITH OFFSET o WHERE o > 0 ORDER BY o) AS r FROM p",
            "SELECT * FROM UNNEST([STRUCT(1 AS a, 'x' AS b), STRUCT(2, 'y')]) WITH OFFSET",
            "SELECT e.a FROM p, p.e",
            "SELECT o, v FROM UNNEST([10, NULL, 30]) AS v WITH OFFSET AS o",
            "SELECT id, v FROM p, UNNEST(GENERATE_ARRAY(1, id)) AS v",
        )
    )
    return _with(p_table(rng)) + form, None, False


def join_kinds(rng: random.Random) -> Shape:
    form = rng.choice(
        (
            "SELECT k, t.id, u.v FROM t FULL JOIN u USING (k)",
            "SELECT k, COUNT(*) AS c FROM t FULL OUTER JOIN u USING (k) GROUP BY k",
            "SELECT a.id, b.id AS bid FROM t AS a JOIN t AS b ON a.k = b.k AND a.id < b.id",
            "SELECT a.id, b.id AS bid FROM t AS a LEFT JOIN t AS b ON a.n = b.k",
            "SELECT t.id, u.v FROM t, u WHERE t.k = u.k",
            "SELECT t.id, u.v FROM t, u WHERE t.k = u.k OR u.k IS NULL",
            "SELECT t.id, u.v FROM t LEFT JOIN u ON t.k = u.k AND u.v > 10",
            "SELECT t.id, u.v FROM t LEFT JOIN u ON t.k = u.k WHERE u.v IS NULL",
            "SELECT t.id, u.v FROM t RIGHT JOIN u ON FALSE",
            "SELECT t.id, u.v FROM t FULL JOIN u ON t.x = u.x",
            "SELECT * FROM t JOIN u USING (k, x)",
            "SELECT * FROM t JOIN u USING (k)",
            "SELECT t.*, u.v FROM t LEFT JOIN u USING (k)",
            "SELECT COUNT(*) AS c FROM t CROSS JOIN u CROSS JOIN t AS t2",
            "SELECT t.id, w.v FROM t JOIN (SELECT k, MAX(v) AS v FROM u GROUP BY k) AS w ON t.k = w.k",
        )
    )
    return _tu(rng, form)


def order_expressions(rng: random.Random) -> Shape:
    """ORDER BY expressions not selected, ordinals, aliases, LIMIT/OFFSET past the end.

    The order: the output columns of the keys; a unique ``id`` as the last key decides
    the whole order, so its column alone is compared by position.
    """
    sql, order, limited = rng.choice(
        (
            ("SELECT id, k FROM t ORDER BY -k, id", (0,), False),
            ("SELECT id, g FROM t ORDER BY LENGTH(g) DESC, id", (0,), False),
            ("SELECT id, n FROM t ORDER BY n * -1 NULLS LAST, id", (0,), False),
            ("SELECT id FROM t ORDER BY x DESC, id", (0,), False),
            ("SELECT id, x FROM t ORDER BY 2, 1", (1, 0), False),
            ("SELECT id AS i, k AS key FROM t ORDER BY key DESC, i", (1, 0), False),
            ("SELECT id, g FROM t ORDER BY g COLLATE 'und:ci', id", (0,), False),
            ("SELECT id, STRUCT(k) AS s FROM t ORDER BY s", None, False),
            ("SELECT id, [k] AS a FROM t ORDER BY a", None, False),
            ("SELECT id, n > 0 AS p FROM t ORDER BY p, id", (1, 0), False),
            ("SELECT id FROM t ORDER BY m DESC, id", (0,), False),
            ("SELECT id, k FROM t ORDER BY k LIMIT 10 OFFSET 4", (1,), True),
            ("SELECT id, k FROM t ORDER BY k, id LIMIT 2 OFFSET 10", (1, 0), True),
            ("SELECT id FROM t ORDER BY id LIMIT 0", (0,), True),
            ("SELECT id FROM t ORDER BY id OFFSET 1", (0,), True),
            ("SELECT k, SUM(n) AS s FROM t GROUP BY k ORDER BY MAX(id)", None, False),
            ("SELECT g, id FROM t ORDER BY g, id", (0, 1), False),
            ("SELECT id, x FROM t ORDER BY x NULLS FIRST, id", (1, 0), False),
            ("SELECT id, x FROM t ORDER BY x DESC NULLS LAST, id", (1, 0), False),
        )
    )
    return _with(t_table(rng)) + sql, order, limited


def qualify_windows(rng: random.Random) -> Shape:
    form = rng.choice(
        (
            "SELECT id, ROW_NUMBER() OVER (PARTITION BY k ORDER BY id DESC) AS r FROM t WHERE TRUE QUALIFY r = 1",
            "SELECT k, COUNT(*) AS c FROM t GROUP BY k QUALIFY RANK() OVER (ORDER BY COUNT(*) DESC) = 1",
            "SELECT id FROM t WHERE n IS NOT NULL QUALIFY SUM(n) OVER (ORDER BY id) > 2",
            "SELECT id FROM t WHERE TRUE QUALIFY COUNT(*) OVER w > 1 WINDOW w AS (PARTITION BY k)",
            "SELECT id, x FROM t WHERE TRUE QUALIFY MAX(x) OVER (PARTITION BY g) = x",
            "SELECT id FROM t QUALIFY ROW_NUMBER() OVER (ORDER BY id) <= 2",
            "SELECT g, MAX(id) AS m FROM t GROUP BY g HAVING COUNT(*) > 0 QUALIFY DENSE_RANK() OVER (ORDER BY g) <= 2",
        )
    )
    return _with(t_table(rng)) + form, None, False


W_COLUMNS = [
    ("id", "INT64"),
    ("d", "DATE"),
    ("ts", "TIMESTAMP"),
    ("b", "BYTES"),
    ("f", "BOOL"),
    ("m", "NUMERIC"),
    ("dt", "DATETIME"),
]
W_DATES = ("DATE '2024-01-01'", "DATE '1970-01-01'", "DATE '2024-02-29'", "NULL")
W_TIMES = (
    "TIMESTAMP '2024-01-01 00:00:00+00'",
    "TIMESTAMP '1969-12-31 23:59:59.5+00'",
    "TIMESTAMP '2024-06-30 12:00:00-07'",
    "NULL",
)
W_BYTES = ("b'a'", "b''", "b'\\xff'", "b'ab'", "NULL")
W_BOOLS = ("TRUE", "FALSE", "NULL")
W_NUMERICS = (
    "NUMERIC '99999999999999999999999999999.999999999'",
    "NUMERIC '-1.5'",
    "NUMERIC '0.1'",
    "NULL",
)
W_DATETIMES = ("DATETIME '2024-01-01 10:00:00'", "DATETIME '2024-01-01 10:00:00.000001'", "NULL")


def w_table(rng: random.Random) -> str:
    rows = [
        [
            str(i + 1),
            rng.choice(W_DATES),
            rng.choice(W_TIMES),
            rng.choice(W_BYTES),
            rng.choice(W_BOOLS),
            rng.choice(W_NUMERICS),
            rng.choice(W_DATETIMES),
        ]
        for i in range(_size(rng, 5))
    ]
    return _table("w", W_COLUMNS, rows)


def typed_tables(rng: random.Random) -> Shape:
    """Literal tables of DATE, TIMESTAMP, BYTES, BOOL, NUMERIC and DATETIME columns."""
    col = rng.choice(("d", "ts", "b", "f", "m", "dt"))
    form = rng.choice(
        (
            f"SELECT MIN({col}) AS lo, MAX({col}) AS hi, COUNT(DISTINCT {col}) AS c FROM w",
            f"SELECT {col}, COUNT(*) AS c FROM w GROUP BY {col}",
            f"SELECT DISTINCT {col} FROM w",
            f"SELECT id, {col} FROM w ORDER BY {col} DESC, id",
            f"SELECT ARRAY_AGG({col} IGNORE NULLS ORDER BY {col}, id) AS a FROM w",
            f"SELECT id, LAG({col}) OVER (ORDER BY id) AS l FROM w",
            f"SELECT {col} FROM w UNION DISTINCT SELECT {col} FROM w",
            f"SELECT id, {col} FROM w WHERE {col} IS NOT NULL",
            "SELECT SUM(m) AS s, AVG(m) AS a FROM w",
            "SELECT f, COUNTIF(f) AS c, LOGICAL_AND(f) AS a FROM w GROUP BY f",
            "SELECT STRING_AGG(b, b'|' ORDER BY id) AS s FROM w",
            "SELECT DATE_DIFF(MAX(d), MIN(d), DAY) AS span FROM w",
            "SELECT id, TIMESTAMP_DIFF(ts, TIMESTAMP '2024-01-01 00:00:00+00', SECOND) AS s FROM w",
            "SELECT id, CAST(ts AS STRING) AS s, CAST(d AS STRING) AS e FROM w",
            "SELECT id, CAST(dt AS STRING) AS s FROM w",
            "SELECT id, CAST(m AS STRING) AS s FROM w",
        )
    )
    order = (0,) if "ORDER BY" in form and form.startswith("SELECT id,") else None
    return _with(w_table(rng)) + form, order, False


def empty_everywhere(rng: random.Random) -> Shape:
    """Empty inputs under aggregates, windows, set operations, joins and subqueries."""
    empty = _table("t", T_COLUMNS, [])
    form = rng.choice(
        (
            "SELECT COUNT(DISTINCT k) AS c, AVG(m) AS a, BIT_XOR(n) AS b, ANY_VALUE(g) AS v FROM t",
            "SELECT ARRAY_AGG(n IGNORE NULLS) AS a, STRING_AGG(g, ',' ORDER BY id) AS s FROM t",
            "SELECT COUNT(*) AS c FROM t GROUP BY ()",
            "SELECT MAX(id) AS m FROM t HAVING COUNT(*) = 0",
            "SELECT COUNT(*) AS c FROM t HAVING COUNT(*) > 0",
            "SELECT k FROM t UNION ALL SELECT k FROM u",
            "SELECT k FROM u EXCEPT DISTINCT SELECT k FROM t",
            "SELECT k FROM u INTERSECT DISTINCT SELECT k FROM t",
            "SELECT u.k, t.id FROM u LEFT JOIN t ON t.k = u.k",
            "SELECT u.k, t.id FROM t RIGHT JOIN u USING (k)",
            "SELECT k, k NOT IN (SELECT k FROM t) AS i, k IN (SELECT k FROM t) AS j FROM u",
            "SELECT k, EXISTS (SELECT 1 FROM t) AS e, (SELECT MAX(n) FROM t) AS m FROM u",
            "SELECT k, ARRAY(SELECT id FROM t ORDER BY id) AS a FROM u",
            "SELECT SUM(n) OVER () AS s FROM t",
            "SELECT COUNT(*) AS c FROM (SELECT DISTINCT k FROM t)",
            "SELECT PERCENTILE_CONT(x, 0.5) OVER () AS p FROM t",
            "SELECT COUNTIF(n > 0) AS c, LOGICAL_OR(n > 0) AS o, MIN(g) AS g FROM t",
            "SELECT k, SUM(n) AS s FROM t GROUP BY k HAVING SUM(n) > 0",
            "SELECT (SELECT ARRAY_AGG(id) FROM t) AS a",
            "SELECT * FROM t ORDER BY id LIMIT 2",
        )
    )
    return _with(empty, u_table(rng)) + form, None, False


def select_forms(rng: random.Random) -> Shape:
    """SELECT AS VALUE/STRUCT, duplicate and unnamed output and field names."""
    form = rng.choice(
        (
            "SELECT AS VALUE STRUCT(k, g) FROM t",
            "SELECT AS STRUCT k, g FROM t",
            "SELECT * FROM (SELECT AS VALUE STRUCT(k AS a, g AS b) FROM t)",
            "SELECT k, k FROM t",
            "SELECT k, n AS k FROM t",
            "SELECT STRUCT(k, k) AS s FROM t",
            "SELECT STRUCT(1, 'a') AS s",
            "SELECT [STRUCT(1 AS a, 2 AS a)] AS s",
            "SELECT (SELECT AS STRUCT 1 AS a, 'b' AS b) AS s",
            "SELECT s.* FROM (SELECT STRUCT(k AS a, g AS b) AS s FROM t)",
            "SELECT ARRAY(SELECT AS VALUE n FROM t WHERE n IS NOT NULL ORDER BY id) AS a",
            "SELECT id, k + n, g || 'x' FROM t",
            "SELECT * FROM (SELECT k, 1 FROM t)",
            "SELECT * EXCEPT (k) FROM (SELECT k, n, k AS k2 FROM t)",
            "SELECT t FROM t",
            "SELECT t.* REPLACE (k + 1 AS k) FROM t",
        )
    )
    return _with(t_table(rng)) + form, None, False


def typed_rows(rng: random.Random) -> Shape:
    """A small inline table of one type written with the type on its first row only."""
    kind = rng.choice(
        (
            ("INT64", ("1", "NULL", "-3", "9223372036854775807")),
            ("FLOAT64", ("1.0", "NULL", "1e308", "-0.0")),
            ("NUMERIC", ("NUMERIC '1'", "NULL", "NUMERIC '-0.5'")),
            ("STRING", ("'z'", "NULL", "'Z'", "'é'", "'e'")),
            ("BYTES", ("b'z'", "NULL", "b'Z'", "b'\\x00'")),
            ("DATE", ("DATE '0001-01-01'", "NULL", "DATE '9999-12-31'")),
        )
    )
    type_, values = kind
    picks = [rng.choice(values) for _ in range(rng.randint(1, 5))]
    cells = ", ".join(_cell(v, type_) for v in picks)
    form = rng.choice(
        (
            "SELECT v, COUNT(*) AS c FROM UNNEST([{}]) AS v GROUP BY v",
            "SELECT MIN(v) AS lo, MAX(v) AS hi FROM UNNEST([{}]) AS v",
            "SELECT v FROM UNNEST([{}]) AS v ORDER BY v",
            "SELECT v FROM UNNEST([{}]) AS v ORDER BY v DESC",
            "SELECT ARRAY_AGG(DISTINCT v IGNORE NULLS ORDER BY v) AS a FROM UNNEST([{}]) AS v",
        )
    )
    order = (0,) if "ORDER BY v" in form and "ARRAY_AGG" not in form else None
    return form.format(cells), order, False


TEMPLATES: tuple[QueryTemplate, ...] = (
    QueryTemplate("aggregate_modifiers", "agg_modifiers", agg_modifiers),
    QueryTemplate("analytic", "analytic_values", analytic_values),
    QueryTemplate("analytic", "lag_defaults", lag_defaults),
    QueryTemplate("analytic", "percentiles", percentiles),
    QueryTemplate("analytic", "window_peers", window_peers),
    QueryTemplate("analytic", "range_numbers", range_numbers),
    QueryTemplate("analytic", "named_windows", named_windows),
    QueryTemplate("grouping", "rollup_cube", rollup_cube),
    QueryTemplate("grouping", "group_expressions", group_expressions),
    QueryTemplate("grouping", "distinct_values", distinct_values),
    QueryTemplate("set_coercion", "set_coercion", set_coercion),
    QueryTemplate("with", "with_clauses", with_clauses),
    QueryTemplate("subqueries", "in_subqueries", in_subqueries),
    QueryTemplate("unnest", "unnest_joins", unnest_joins),
    QueryTemplate("joins", "join_kinds", join_kinds),
    QueryTemplate("ordering", "order_expressions", order_expressions),
    QueryTemplate("qualify", "qualify_windows", qualify_windows),
    QueryTemplate("typed", "typed_tables", typed_tables),
    QueryTemplate("typed", "typed_rows", typed_rows),
    QueryTemplate("empty", "empty_everywhere", empty_everywhere),
    QueryTemplate("select_forms", "select_forms", select_forms),
)
