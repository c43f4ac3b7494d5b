"""Round 6 of the query oracle's templates: shapes from GoogleSQL's compliance files on
joins, arrays in FROM and STRUCTs that the earlier rounds did not draw.

FROM paths with offsets (``FROM p.e AS s WITH OFFSET``, in correlated subqueries and joined
on the offset), FLOAT64 join keys with NaN and -0.0 under USING and IN, STRUCTs with NULL
fields under NULLIF, CASE, = and IN, ``expr.*`` of STRUCT expressions, and stars (REPLACE of
a USING key, subqueries that repeat a column name). The tables are
queries.py's and queries_more.py's (``t``, ``u``, ``p``), with the same NULLs and specials.
"""

from __future__ import annotations

import random

from tests.workbench.conformance.oracle.queries import QueryTemplate, Shape, _with, t_table, u_table
from tests.workbench.conformance.oracle.queries_more import p_table


def path_offsets(rng: random.Random) -> Shape:
    form = rng.choice(
        (
            "SELECT id, s.a, o FROM p, p.e AS s WITH OFFSET o",
            "SELECT id, s.b, o FROM p LEFT JOIN p.e s WITH OFFSET AS o",
            "SELECT id, s.a, offset FROM p, p.e s WITH OFFSET",
            "SELECT id, (SELECT COUNT(*) FROM p.e AS x WITH OFFSET ox JOIN p.e AS y WITH OFFSET oy"
            " ON ox < oy) AS c FROM p",
            "SELECT id, (SELECT STRING_AGG(x.b, ',' ORDER BY offset) FROM p.e AS x WITH OFFSET"
            " FULL JOIN p.e AS y WITH OFFSET USING (offset)) AS j FROM p",
            "SELECT id, (SELECT MAX(offset) FROM p.e WITH OFFSET) AS m FROM p",
            "SELECT id FROM p WHERE EXISTS (SELECT 1 FROM p.e AS s WITH OFFSET o WHERE o > 0)",
            "SELECT id, s.a, y FROM p, p.e AS s WITH OFFSET o, UNNEST([o, o * 10]) AS y",
            "SELECT id, s.a FROM p JOIN p.e AS s ON s.a > 1",
            "SELECT id, s.b FROM p LEFT JOIN p.e AS s ON s.a = p.id",
            "SELECT id, (SELECT SUM(x) FROM UNNEST(p.e.a) AS x) AS s FROM p",
            "SELECT SUM(x) AS s, COUNT(x) AS c FROM p, UNNEST(p.e.a) AS x",
            "SELECT id, ARRAY(SELECT DISTINCT MOD(s.a, 2) FROM p.e AS s WHERE s.a IS NOT NULL"
            " ORDER BY 1) AS m FROM p",
        )
    )
    return _with(p_table(rng)) + form, None, False


def float_keys(rng: random.Random) -> Shape:
    form = rng.choice(
        (
            "SELECT a.id, b.id AS bid FROM t AS a JOIN t AS b USING (x)",
            "SELECT a.id, b.id AS bid FROM t AS a LEFT JOIN t AS b USING (x)",
            "SELECT x, t.id, u.v FROM t FULL JOIN u USING (x)",
            "SELECT id FROM t WHERE x IN (SELECT x FROM u)",
            "SELECT id FROM t WHERE x NOT IN (SELECT x FROM u WHERE x IS NOT NULL)",
            "SELECT id, EXISTS (SELECT 1 FROM u WHERE u.x = t.x) AS e FROM t",
        )
    )
    return _with(t_table(rng), u_table(rng)) + form, None, False


def struct_nulls(rng: random.Random) -> Shape:
    form = rng.choice(
        (
            "SELECT id, NULLIF(STRUCT(k AS a, n AS b), STRUCT(1 AS a, 2 AS b)) AS s FROM t",
            "SELECT id, NULLIF(STRUCT(k AS a, g AS b), (1, 'a')) AS s FROM t",
            "SELECT id, CASE STRUCT(k AS a, n AS b) WHEN (1, 2) THEN 'x' WHEN (k, n) THEN 'y'"
            " ELSE 'z' END AS c FROM t",
            "SELECT id, STRUCT(k AS a, n AS b) = STRUCT(n AS a, k AS b) AS e FROM t",
            "SELECT id, STRUCT(k AS a, x AS b) IN (STRUCT(1 AS a, 0.0 AS b), (2, 1.5)) AS i FROM t",
            "SELECT id, STRUCT(k AS a, g AS b).* FROM t",
            "SELECT id, STRUCT(k AS a, g AS b, n AS c).* EXCEPT (b) FROM t",
            "SELECT id, (SELECT AS STRUCT k, n).* REPLACE (id AS n) FROM t",
            "SELECT a.id, b.id AS bid FROM t AS a JOIN t AS b ON STRUCT(a.k, a.g) = STRUCT(b.k, b.g)",
            "SELECT id, [m, 2.5, -0.5] AS a FROM t",
            "SELECT id, (SELECT SUM(v) FROM UNNEST([m, 1.25]) AS v) AS s FROM t",
        )
    )
    return _with(t_table(rng)) + form, None, False


def star_forms(rng: random.Random) -> Shape:
    """Stars over USING joins with REPLACE/EXCEPT, and over subqueries that repeat a name."""
    form = rng.choice(
        (
            "SELECT * REPLACE (k + 1 AS k) FROM t JOIN u USING (k)",
            "SELECT * EXCEPT (x) REPLACE (v * 2 AS v, COALESCE(k, -1) AS k) FROM t FULL JOIN u"
            " USING (k)",
            "SELECT id, * REPLACE (k * 10 AS k) FROM t LEFT JOIN u USING (k)",
            "SELECT * FROM (SELECT id, k, k, g FROM t)",
            "SELECT r.*, u.v FROM (SELECT id, k AS a, n AS a FROM t) AS r JOIN u ON r.id = u.v",
            "SELECT * FROM (SELECT id, k AS a, n AS a FROM t UNION ALL SELECT id, n, k FROM t)",
            "SELECT id FROM t WHERE DATE_ADD(DATE '2024-01-01', INTERVAL k DAY)"
            " IN UNNEST(['2024-01-02', '2024-01-03', NULL])",
            "SELECT id, STRUCT<>() = STRUCT<>() AS e FROM t",
        )
    )
    return _with(t_table(rng), u_table(rng)) + form, None, False


TEMPLATES: tuple[QueryTemplate, ...] = (
    QueryTemplate("unnest", "path_offsets", path_offsets),
    QueryTemplate("joins", "float_keys", float_keys),
    QueryTemplate("structs", "struct_nulls", struct_nulls),
    QueryTemplate("star", "star_forms", star_forms),
)
