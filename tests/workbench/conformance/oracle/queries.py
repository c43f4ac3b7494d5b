"""A seeded generator of whole BigQuery queries over small literal tables (issue 15).

Each template is one query shape (window functions, grouping, joins, set operations,
ORDER BY, subqueries, PIVOT, ...) over tables written inline as arrays of STRUCTs, so the
reference evaluator needs no catalog: ``t(id, k, g, x, n)`` with a unique ``id``, NULL and
repeated keys, NaN/±inf/-0.0 among the floats; ``u(k, v, x)`` to join with; ``r(id, a)``
with arrays (empty, NULL, a NULL element). A table is empty now and then. Where an order
matters (ROW_NUMBER, LAG, ARRAY_AGG, LIMIT) the query orders by a unique column, so the
answer is one the reference and BigQuery must both give. The same seed gives the same
queries.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

FLOATS = ("0.0", "-0.0", "1.5", "-2.5", "'NaN'", "'inf'", "'-inf'", "NULL")
STRINGS = ("'a'", "'b'", "'é'", "''", "NULL")


def _int(rng: random.Random, low: int = 1, high: int = 3, nulls: float = 0.25) -> str:
    return "NULL" if rng.random() < nulls else str(rng.randint(low, high))


def _float(rng: random.Random) -> str:
    return rng.choice(FLOATS)


def _cell(value: str, type_: str) -> str:
    """A literal of ``type_``: NULL and the float specials cast, so every row has the type."""
    if value == "NULL":
        return f"CAST(NULL AS {type_})"
    if type_ == "FLOAT64" and value.startswith("'"):
        return f"CAST({value} AS FLOAT64)"
    return value


def _table(name: str, columns: list[tuple[str, str]], rows: list[list[str]]) -> str:
    """``name AS (SELECT * FROM UNNEST([STRUCT(...), ...]))``, or an empty typed array."""
    if not rows:
        fields = ", ".join(f"{c} {t}" for c, t in columns)
        return f"{name} AS (SELECT * FROM UNNEST(ARRAY<STRUCT<{fields}>>[]))"
    structs = [
        "STRUCT("
        + ", ".join(f"{_cell(v, t)} AS {c}" for v, (c, t) in zip(row, columns, strict=True))
        + ")"
        for row in rows
    ]
    return f"{name} AS (SELECT * FROM UNNEST([{', '.join(structs)}]))"


T_COLUMNS = [
    ("id", "INT64"),
    ("k", "INT64"),
    ("g", "STRING"),
    ("x", "FLOAT64"),
    ("n", "INT64"),
    ("m", "NUMERIC"),
]
NUMERICS = ("NUMERIC '1.0001'", "NUMERIC '-0.000000001'", "NUMERIC '0'", "NUMERIC '2.5'", "NULL")
U_COLUMNS = [("k", "INT64"), ("v", "INT64"), ("x", "FLOAT64")]
R_COLUMNS = [("id", "INT64"), ("a", "ARRAY<INT64>")]
ARRAYS = ("[1, 2]", "ARRAY<INT64>[]", "NULL", "[3, NULL, 3]", "[5]", "[2, 1, 2]")


def _size(rng: random.Random, most: int = 6) -> int:
    return 0 if rng.random() < 0.1 else rng.randint(1, most)


def t_table(rng: random.Random) -> str:
    rows = [
        [
            str(i + 1),
            _int(rng),
            rng.choice(STRINGS),
            _float(rng),
            _int(rng, -2, 5),
            rng.choice(NUMERICS),
        ]
        for i in range(_size(rng))
    ]
    return _table("t", T_COLUMNS, rows)


def u_table(rng: random.Random) -> str:
    rows = [[_int(rng), _int(rng, 10, 12, 0.1), _float(rng)] for _ in range(_size(rng, 4))]
    return _table("u", U_COLUMNS, rows)


def r_table(rng: random.Random) -> str:
    rows = [[str(i + 1), rng.choice(ARRAYS)] for i in range(_size(rng, 4))]
    return _table("r", R_COLUMNS, rows)


def _with(*tables: str) -> str:
    return "WITH " + ", ".join(tables) + " "


# a template: rng → (sql, ORDER BY output columns or None, LIMIT after the ORDER BY)
Shape = tuple[str, tuple[int, ...] | None, bool]


@dataclass(frozen=True)
class QueryTemplate:
    family: str
    name: str
    build: Callable[[random.Random], Shape]


def _direction(rng: random.Random) -> str:
    return rng.choice(("", " ASC", " DESC")) + rng.choice(("", " NULLS FIRST", " NULLS LAST"))


def ranking(rng: random.Random) -> Shape:
    f = rng.choice(("RANK()", "DENSE_RANK()", "PERCENT_RANK()", "CUME_DIST()"))
    part = rng.choice(("", "PARTITION BY g "))
    key = rng.choice(("k", "x"))
    sql = f"SELECT id, {f} OVER ({part}ORDER BY {key}{_direction(rng)}) AS r FROM t"
    return _with(t_table(rng)) + sql, None, False


def row_number(rng: random.Random) -> Shape:
    f = rng.choice(("ROW_NUMBER()", f"NTILE({rng.randint(1, 4)})"))
    part = rng.choice(("", "PARTITION BY k "))
    sql = f"SELECT id, k, {f} OVER ({part}ORDER BY {rng.choice(('k', 'x'))}{_direction(rng)}, id) AS r FROM t"
    return _with(t_table(rng)) + sql, None, False


def lag_lead(rng: random.Random) -> Shape:
    f = rng.choice(("LAG", "LEAD"))
    args = rng.choice(("n", "n, 2", "n, 1, -1", "n, 0", "g, 1, 'z'", "x, 3, 0.5"))
    part = rng.choice(("", "PARTITION BY k "))
    sql = f"SELECT id, {f}({args}) OVER ({part}ORDER BY id{rng.choice(('', ' DESC'))}) AS v FROM t"
    return _with(t_table(rng)) + sql, None, False


FRAMES = (
    "",
    " ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING",
    " ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING",
    " ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING",
    " ROWS BETWEEN 2 PRECEDING AND 1 PRECEDING",
    " ROWS 1 PRECEDING",
)


def value_window(rng: random.Random) -> Shape:
    f = rng.choice(
        ("FIRST_VALUE(n{})", "LAST_VALUE(n{})", f"NTH_VALUE(n, {rng.randint(1, 3)}{{}})")
    )
    nulls = rng.choice(("", " IGNORE NULLS", " RESPECT NULLS"))
    part = rng.choice(("", "PARTITION BY g "))
    frame = rng.choice(FRAMES)
    sql = f"SELECT id, {f.format(nulls)} OVER ({part}ORDER BY id{frame}) AS v FROM t"
    return _with(t_table(rng)) + sql, None, False


def range_window(rng: random.Random) -> Shape:
    agg = rng.choice(
        ("SUM(n)", "COUNT(*)", "COUNT(n)", "MIN(n)", "MAX(x)", "AVG(n)", "FIRST_VALUE(k)")
    )
    frame = rng.choice(
        (
            "RANGE BETWEEN 1 PRECEDING AND CURRENT ROW",
            "RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW",
            "RANGE BETWEEN CURRENT ROW AND 1 FOLLOWING",
            "RANGE BETWEEN 1 FOLLOWING AND 2 FOLLOWING",
            "RANGE UNBOUNDED PRECEDING",
        )
    )
    key = rng.choice(("k", "k", "x"))
    sql = f"SELECT id, {agg} OVER (ORDER BY {key}{_direction(rng)} {frame}) AS v FROM t"
    return _with(t_table(rng)) + sql, None, False


def group_by(rng: random.Random) -> Shape:
    key = rng.choice(("k", "g", "x", "k, g"))
    aggs = rng.sample(
        [
            "COUNT(*)",
            "COUNT(n)",
            "SUM(n)",
            "MIN(x)",
            "MAX(x)",
            "AVG(n)",
            "COUNTIF(n > 0)",
            "LOGICAL_AND(n > 0)",
            "BIT_OR(n)",
            "ANY_VALUE(k IS NULL)",
            "MAX(g)",
            "SUM(x)",
        ],
        3,
    )
    grouped = rng.random() < 0.8
    sql = f"SELECT {key + ', ' if grouped else ''}{', '.join(aggs)} FROM t"
    return _with(t_table(rng)) + sql + (f" GROUP BY {key}" if grouped else ""), None, False


def grouping_sets(rng: random.Random) -> Shape:
    how = rng.choice(
        (
            "ROLLUP(k, g)",
            "CUBE(k, g)",
            "GROUPING SETS ((k), (g), ())",
            "GROUPING SETS (k, (k, g))",
            "ROLLUP(g, k)",
        )
    )
    sql = f"SELECT k, g, GROUPING(k) AS gk, GROUPING(g) AS gg, COUNT(*) AS c, SUM(n) AS s FROM t GROUP BY {how}"
    return _with(t_table(rng)) + sql, None, False


def having(rng: random.Random) -> Shape:
    cond = rng.choice(
        ("COUNT(*) > 1", "SUM(n) IS NULL", "MAX(x) > 0", "COUNT(DISTINCT k) = 1", "MIN(n) < 2")
    )
    key = rng.choice(("g", "k"))
    sql = f"SELECT {key}, COUNT(*) AS c, SUM(n) AS s FROM t GROUP BY {key} HAVING {cond}"
    return _with(t_table(rng)) + sql, None, False


def qualify(rng: random.Random) -> Shape:
    f = rng.choice(
        (
            "ROW_NUMBER() OVER (PARTITION BY k ORDER BY id) = 1",
            "RANK() OVER (ORDER BY n DESC) <= 2",
            "COUNT(*) OVER (PARTITION BY g) > 1",
            "LAG(n) OVER (ORDER BY id) IS NULL",
        )
    )
    sql = f"SELECT id, k, n FROM t WHERE TRUE QUALIFY {f}"
    return _with(t_table(rng)) + sql, None, False


def distinct(rng: random.Random) -> Shape:
    cols = rng.choice(("k", "g", "x", "k, g", "k, x", "n, g"))
    return _with(t_table(rng)) + f"SELECT DISTINCT {cols} FROM t", None, False


def count_distinct(rng: random.Random) -> Shape:
    aggs = ", ".join(f"COUNT(DISTINCT {c})" for c in rng.sample(["k", "g", "x", "n"], 2))
    grouped = rng.random() < 0.5
    sql = f"SELECT {'k, ' if grouped else ''}{aggs} FROM t" + (" GROUP BY k" if grouped else "")
    return _with(t_table(rng)) + sql, None, False


def array_agg(rng: random.Random) -> Shape:
    value = rng.choice(("n", "g", "x", "k", "m"))
    nulls = rng.choice(("", " IGNORE NULLS", " IGNORE NULLS"))
    order = rng.choice((" ORDER BY id", " ORDER BY id DESC", f" ORDER BY {value}, id", ""))
    limit = rng.choice(("", "", f" LIMIT {rng.randint(1, 3)}"))
    if not order:
        limit = ""
        value_sql = f"DISTINCT {value}" if rng.random() < 0.5 else value
        order = f" ORDER BY {value}" if value_sql.startswith("DISTINCT") else " ORDER BY id"
    else:
        value_sql = value
    grouped = rng.random() < 0.6
    sql = (
        f"SELECT {'k, ' if grouped else ''}ARRAY_AGG({value_sql}{nulls}{order}{limit}) AS a FROM t"
    )
    return _with(t_table(rng)) + sql + (" GROUP BY k" if grouped else ""), None, False


def string_agg(rng: random.Random) -> Shape:
    sep = rng.choice(("", ", ','", ", ''", ", ' | '"))
    order = rng.choice(
        (" ORDER BY id", " ORDER BY id DESC", " ORDER BY g, id", " ORDER BY g DESC, id")
    )
    limit = rng.choice(("", f" LIMIT {rng.randint(1, 3)}"))
    value = "g" if rng.random() < 0.7 else "CAST(n AS STRING)"
    grouped = rng.random() < 0.5
    sql = f"SELECT {'k, ' if grouped else ''}STRING_AGG({value}{sep}{order}{limit}) AS s FROM t"
    return _with(t_table(rng)) + sql + (" GROUP BY k" if grouped else ""), None, False


def joins(rng: random.Random) -> Shape:
    kind = rng.choice(
        (
            "JOIN",
            "INNER JOIN",
            "LEFT JOIN",
            "RIGHT JOIN",
            "FULL JOIN",
            "LEFT OUTER JOIN",
            "FULL OUTER JOIN",
        )
    )
    on = rng.choice(
        (
            "ON t.k = u.k",
            "ON t.x = u.x",
            "ON t.k = u.k AND t.n < u.v",
            "ON t.k IS NOT DISTINCT FROM u.k",
        )
    )
    sql = f"SELECT t.id, t.k, u.k AS uk, u.v FROM t {kind} u {on}"
    return _with(t_table(rng), u_table(rng)) + sql, None, False


def join_using(rng: random.Random) -> Shape:
    kind = rng.choice(("JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN"))
    sql = f"SELECT k, t.id, u.v FROM t {kind} u USING (k)"
    return _with(t_table(rng), u_table(rng)) + sql, None, False


def cross_join(rng: random.Random) -> Shape:
    how = rng.choice(("t CROSS JOIN u", "t, u"))
    sql = f"SELECT t.id, u.v, t.x + u.x AS s FROM {how}"
    return _with(t_table(rng), u_table(rng)) + sql, None, False


def set_operations(rng: random.Random) -> Shape:
    op = rng.choice(("UNION ALL", "UNION DISTINCT", "INTERSECT DISTINCT", "EXCEPT DISTINCT"))
    col = rng.choice(("k", "x", "k, x"))
    sql = f"SELECT {col} FROM t {op} SELECT {col} FROM u"
    return _with(t_table(rng), u_table(rng)) + sql, None, False


def order_by(rng: random.Random) -> Shape:
    first = rng.choice(("k", "x", "g", "n"))
    keys, cols = [f"{first}{_direction(rng)}"], [first]
    if rng.random() < 0.5:
        second = rng.choice([c for c in ("k", "g", "x") if c != first])
        keys.append(f"{second}{_direction(rng)}")
        cols.append(second)
    sql = f"SELECT {', '.join(cols)}, id FROM t ORDER BY {', '.join(keys)}"
    return _with(t_table(rng)) + sql, tuple(range(len(cols))), False


def limit_offset(rng: random.Random) -> Shape:
    limit = f" LIMIT {rng.randint(0, 4)}" + (
        f" OFFSET {rng.randint(0, 3)}" if rng.random() < 0.6 else ""
    )
    key = rng.choice(("k", "x", "n"))
    if rng.random() < 0.3:
        sql = f"SELECT COUNT(*) AS c FROM (SELECT id FROM t{limit})"
        return _with(t_table(rng)) + sql, None, False
    sql = f"SELECT {key}, id FROM t ORDER BY {key}{_direction(rng)}, id{limit}"
    return _with(t_table(rng)) + sql, (0, 1), True


def unnest_offset(rng: random.Random) -> Shape:
    form = rng.choice(
        (
            "SELECT id, e, o FROM r, UNNEST(a) AS e WITH OFFSET AS o",
            "SELECT id, e, o FROM r CROSS JOIN UNNEST(r.a) AS e WITH OFFSET o",
            "SELECT id, e FROM r LEFT JOIN UNNEST(a) AS e",
            "SELECT id, ARRAY_LENGTH(a) AS l, (SELECT COUNT(*) FROM UNNEST(a) AS e WHERE e IS NULL) AS c FROM r",
            "SELECT e, COUNT(*) AS c FROM r, UNNEST(a) AS e GROUP BY e",
            "SELECT o, SUM(e) AS s FROM r, UNNEST(a) AS e WITH OFFSET AS o GROUP BY o",
        )
    )
    return _with(r_table(rng)) + form, None, False


def correlated(rng: random.Random) -> Shape:
    form = rng.choice(
        (
            "SELECT id FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.k = t.k)",
            "SELECT id FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.k = t.k)",
            "SELECT id, k IN (SELECT k FROM u) AS i FROM t",
            "SELECT id, k NOT IN (SELECT k FROM u) AS i FROM t",
            "SELECT id FROM t WHERE k IN (SELECT k FROM u WHERE u.v > 10)",
            "SELECT id, (SELECT MAX(v) FROM u WHERE u.k = t.k) AS m FROM t",
            "SELECT id, (SELECT COUNT(*) FROM u WHERE u.k = t.k) AS c FROM t",
            "SELECT id, ARRAY(SELECT v FROM u WHERE u.k = t.k ORDER BY v) AS a FROM t",
            "SELECT id, ARRAY(SELECT AS STRUCT u.v, u.x FROM u WHERE u.k = t.k ORDER BY v, x) AS a FROM t",
            "SELECT id, (SELECT AS STRUCT MIN(v) AS lo, MAX(v) AS hi FROM u WHERE u.k = t.k) AS s FROM t",
        )
    )
    return _with(t_table(rng), u_table(rng)) + form, None, False


def pivot(rng: random.Random) -> Shape:
    agg = rng.choice(("SUM(n)", "COUNT(*)", "MAX(x)", "COUNT(n)"))
    sql = f"SELECT * FROM (SELECT k, g, n, x FROM t) PIVOT({agg} FOR g IN ('a', 'b', 'é'))"
    if agg in ("SUM(n)", "COUNT(n)"):
        sql = sql.replace("SELECT k, g, n, x", "SELECT k, g, n")
    elif agg == "MAX(x)":
        sql = sql.replace("SELECT k, g, n, x", "SELECT k, g, x")
    else:
        sql = sql.replace("SELECT k, g, n, x", "SELECT k, g")
    return _with(t_table(rng)) + sql, None, False


def unpivot(rng: random.Random) -> Shape:
    nulls = rng.choice(("", " INCLUDE NULLS", " EXCLUDE NULLS"))
    names = rng.choice(("k, n", "K, n", "kK AS 'x', N", "n AS 'n2', k AS 'Kk'"))
    source = "SELECT id, k AS kK, n AS N FROM t" if "kK" in names else "SELECT id, k, n FROM t"
    if names == "K, n":
        source = "SELECT id, k AS K, n FROM t"
    sql = f"SELECT * FROM ({source}) UNPIVOT{nulls} (v FOR c IN ({names}))"
    return _with(t_table(rng)) + sql, None, False


def star(rng: random.Random) -> Shape:
    form = rng.choice(
        (
            "SELECT * EXCEPT (x) FROM t",
            "SELECT * EXCEPT (g, x) FROM t",
            "SELECT * REPLACE (n * 2 AS n) FROM t",
            "SELECT * EXCEPT (x) REPLACE (UPPER(g) AS g) FROM t",
            "SELECT t.* EXCEPT (id), u.v FROM t JOIN u USING (k)",
        )
    )
    tables = [t_table(rng)] + ([u_table(rng)] if " u " in form else [])
    return _with(*tables) + form, None, False


def struct_outputs(rng: random.Random) -> Shape:
    form = rng.choice(
        (
            "SELECT STRUCT(k, g) AS s FROM t",
            "SELECT id, STRUCT(k AS a, STRUCT(x AS y) AS b) AS s FROM t",
            "SELECT id, [k, n] AS a FROM t",
            "SELECT k, ARRAY_AGG(STRUCT(id, g) ORDER BY id) AS a FROM t GROUP BY k",
            "SELECT id, [STRUCT(k AS a), STRUCT(n AS a)] AS a FROM t",
            "SELECT ARRAY(SELECT AS STRUCT id, x FROM t ORDER BY id) AS a",
            "SELECT s.k, COUNT(*) AS c FROM (SELECT STRUCT(k, g) AS s FROM t) GROUP BY s.k",
        )
    )
    return _with(t_table(rng)) + form, None, False


def float_keys(rng: random.Random) -> Shape:
    form = rng.choice(
        (
            ("SELECT x, COUNT(*) AS c FROM t GROUP BY x", None),
            ("SELECT MIN(x) AS lo, MAX(x) AS hi FROM t", None),
            ("SELECT x, id FROM t ORDER BY x DESC, id", (0, 1)),
            ("SELECT x, id FROM t ORDER BY x, id", (0, 1)),
            ("SELECT COUNT(DISTINCT x) AS c FROM t", None),
            ("SELECT id FROM t WHERE x = 0", None),
            ("SELECT id, x > 0 AS p, x = x AS s FROM t", None),
            ("SELECT t.id, u.v FROM t JOIN u ON t.x = u.x", None),
        )
    )
    return _with(t_table(rng), u_table(rng)) + form[0], form[1], False


def empty_inputs(rng: random.Random) -> Shape:
    empty = _table("t", T_COLUMNS, [])
    form = rng.choice(
        (
            "SELECT COUNT(*) AS c, SUM(n) AS s, AVG(x) AS a, MAX(g) AS m FROM t",
            "SELECT COUNTIF(n > 0) AS c, ARRAY_AGG(n) AS a, STRING_AGG(g) AS s FROM t",
            "SELECT k, COUNT(*) AS c FROM t GROUP BY k",
            "SELECT LOGICAL_AND(n > 0) AS a, LOGICAL_OR(n > 0) AS o, BIT_AND(n) AS b FROM t",
            "SELECT COUNT(*) AS c FROM t GROUP BY ROLLUP(k)",
            "SELECT (SELECT COUNT(*) FROM t) AS c, ARRAY(SELECT id FROM t) AS a",
            "SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS r FROM t",
        )
    )
    return _with(empty) + form, None, False


def array_outputs(rng: random.Random) -> Shape:
    form = rng.choice(
        (
            "SELECT id, a FROM r",
            "SELECT id, ARRAY_LENGTH(a) AS l FROM r",
            "SELECT id, (SELECT SUM(e) FROM UNNEST(a) AS e) AS s FROM r",
            "SELECT id, ARRAY(SELECT e FROM UNNEST(a) AS e WHERE e IS NOT NULL ORDER BY e) AS s FROM r",
            "SELECT ARRAY_CONCAT_AGG(a ORDER BY id) AS a FROM r",
            "SELECT id, 2 IN UNNEST(a) AS i FROM r",
            "SELECT id, ARRAY_REVERSE(a) AS a FROM r WHERE ARRAY_LENGTH(a) > 0",
        )
    )
    return _with(r_table(rng)) + form, None, False


def window_misc(rng: random.Random) -> Shape:
    form = rng.choice(
        (
            "SELECT id, SUM(n) OVER () AS s FROM t",
            "SELECT id, COUNT(*) OVER (PARTITION BY x) AS c FROM t",
            "SELECT id, COUNT(DISTINCT k) OVER (PARTITION BY g) AS c FROM t",
            "SELECT id, SUM(n) OVER w AS s, MAX(n) OVER w AS m FROM t WINDOW w AS (ORDER BY id ROWS 1 PRECEDING)",
            "SELECT id, PERCENTILE_CONT(n, 0.5) OVER (PARTITION BY k) AS p FROM t",
            "SELECT id, PERCENTILE_DISC(n, 0.5) OVER (PARTITION BY k) AS p FROM t",
            "SELECT id, AVG(x) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS a FROM t",
            "SELECT id, LAST_VALUE(n IGNORE NULLS) OVER (ORDER BY id) AS v FROM t",
            "SELECT id, COUNTIF(n > 0) OVER (PARTITION BY k) AS c FROM t",
            "SELECT id, ARRAY_AGG(id) OVER (PARTITION BY k ORDER BY id) AS a FROM t",
            "SELECT id, STRING_AGG(g) OVER (ORDER BY id ROWS UNBOUNDED PRECEDING) AS s FROM t",
        )
    )
    return _with(t_table(rng)) + form, None, False


def clauses_misc(rng: random.Random) -> Shape:
    form = rng.choice(
        (
            ("SELECT k, COUNT(*) AS c FROM t GROUP BY 1 ORDER BY 1 DESC", (0,), False),
            ("SELECT k, g, COUNT(*) AS c FROM t GROUP BY GROUPING SETS ((1, 2), 1)", None, False),
            ("SELECT DISTINCT k FROM t ORDER BY k DESC", (0,), False),
            ("SELECT STRUCT(k, g) AS s, COUNT(*) AS c FROM t GROUP BY s", None, False),
            ("SELECT k FROM t UNION ALL SELECT x FROM u", None, False),
            ("SELECT k FROM t INTERSECT ALL SELECT k FROM u", None, False),
            ("SELECT k FROM t EXCEPT ALL SELECT k FROM u", None, False),
            (
                "SELECT id, STRUCT(k, g) IN UNNEST([STRUCT(1 AS k, 'a' AS g)]) AS i FROM t",
                None,
                False,
            ),
            ("SELECT id, STRUCT(k) = STRUCT(1) AS e FROM t", None, False),
            ("(SELECT k FROM t ORDER BY k LIMIT 2) UNION ALL (SELECT k FROM u)", None, False),
            ("SELECT k, n FROM t ORDER BY k DESC, n NULLS FIRST LIMIT 3", (0, 1), True),
            ("SELECT MAX(id) AS m FROM t GROUP BY ()", None, False),
            (
                "SELECT g, COUNT(*) AS c FROM t WHERE g IS NOT NULL GROUP BY g HAVING c > 1",
                None,
                False,
            ),
            ("SELECT x, id FROM t ORDER BY x DESC NULLS FIRST, id", (0, 1), False),
            ("SELECT IF(x > 0, 'p', 'n') AS s, COUNT(*) AS c FROM t GROUP BY s", None, False),
            (
                "SELECT id, CASE WHEN x IS NULL THEN 'null' WHEN IS_NAN(x) THEN 'nan' ELSE 'num' END AS c FROM t",
                None,
                False,
            ),
        )
    )
    return _with(t_table(rng), u_table(rng)) + form[0], form[1], form[2]


DATES = ("DATE '2024-01-01'", "DATE '2024-01-07'", "DATE '2023-12-31'", "DATE '2024-02-29'", "NULL")
TIMES = (
    "TIMESTAMP '2024-01-01 00:00:00+00'",
    "TIMESTAMP '2024-01-07 23:59:59.999999+00'",
    "TIMESTAMP '2024-02-29 12:30:00.5+00'",
    "NULL",
)
VERSIONS = ("'1.2.3'", "'1.10.0'", "'2.0.0'", "''", "NULL")
MODULES = (
    "[STRUCT('ntp' AS name, '1.0' AS version), STRUCT('apt', '2.1')]",
    "[STRUCT('ntp' AS name, '1.1' AS version)]",
    "ARRAY<STRUCT<name STRING, version STRING>>[]",
    "[STRUCT('Apt' AS name, CAST(NULL AS STRING) AS version), STRUCT('ntp', '1.0')]",
)


def s_table(rng: random.Random) -> str:
    """Reports: a site, a day, a time, a version, installed modules; rows as tuples too."""
    rows = []
    for i in range(_size(rng, 5)):
        cells = [
            rng.choice(("'s1'", "'s2'", "'s3'")),
            rng.choice(DATES),
            rng.choice(TIMES),
            rng.choice(VERSIONS),
            rng.choice(MODULES),
        ]
        types = (
            "STRING",
            "DATE",
            "TIMESTAMP",
            "STRING",
            "ARRAY<STRUCT<name STRING, version STRING>>",
        )
        if i == 0 or rng.random() < 0.5:
            names = ("site", "d", "ts", "version", "modules")
            rows.append(
                "STRUCT("
                + ", ".join(
                    f"{_cell(c, t)} AS {n}" for c, t, n in zip(cells, types, names, strict=True)
                )
                + ")"
            )
        else:
            rows.append(
                "(" + ", ".join(_cell(c, t) for c, t in zip(cells, types, strict=True)) + ")"
            )
    if not rows:
        return (
            "s AS (SELECT * FROM UNNEST(ARRAY<STRUCT<site STRING, d DATE, ts TIMESTAMP, "
            "version STRING, modules ARRAY<STRUCT<name STRING, version STRING>>>>[]))"
        )
    return f"s AS (SELECT * FROM UNNEST([{', '.join(rows)}]))"


def telemetry(rng: random.Random) -> Shape:
    form = rng.choice(
        (
            "SELECT m.name, COUNT(DISTINCT site) AS sites FROM s, UNNEST(s.modules) AS m GROUP BY m.name",
            "SELECT name, m.version, COUNT(*) AS c FROM s, UNNEST(modules) AS m GROUP BY name, m.version",
            "SELECT DATE_TRUNC(d, WEEK) AS w, COUNT(DISTINCT site) AS c FROM s GROUP BY w",
            "SELECT DATE_TRUNC(d, ISOWEEK) AS w, COUNT(*) AS c FROM s GROUP BY w",
            "SELECT EXTRACT(YEAR FROM d) AS y, EXTRACT(ISOWEEK FROM d) AS w, COUNT(*) AS c FROM s GROUP BY y, w",
            "SELECT DATE(ts) AS day, COUNT(*) AS c FROM s GROUP BY day",
            "SELECT TIMESTAMP_TRUNC(ts, DAY) AS day, MAX(ts) AS last FROM s GROUP BY day",
            "SELECT site, ARRAY_LENGTH(modules) AS n FROM s",
            "SELECT ARRAY_LENGTH(modules) AS n, COUNT(*) AS sites FROM s GROUP BY n",
            "SELECT site, version FROM s WHERE TRUE QUALIFY ROW_NUMBER() OVER (PARTITION BY site ORDER BY ts DESC, d DESC, version) = 1",
            "SELECT SPLIT(version, '.')[SAFE_OFFSET(0)] AS major, COUNT(*) AS c FROM s GROUP BY major",
            "SELECT REGEXP_EXTRACT(version, r'^(\\d+\\.\\d+)') AS mm, COUNT(*) AS c FROM s GROUP BY mm",
            "SELECT site, DATE_DIFF(MAX(d), MIN(d), DAY) AS span FROM s GROUP BY site",
            "SELECT FORMAT_DATE('%Y-%m', d) AS month, COUNT(*) AS c FROM s GROUP BY month",
            "SELECT site, (SELECT STRING_AGG(name, ',' ORDER BY name) FROM UNNEST(modules)) AS names FROM s",
            "SELECT site, m.name, m.version FROM s LEFT JOIN UNNEST(s.modules) AS m",
            "SELECT LOWER(m.name) AS name, COUNT(*) AS c FROM s CROSS JOIN UNNEST(s.modules) AS m GROUP BY name HAVING c > 0",
            "SELECT site, COUNT(*) AS c, ROUND(100 * COUNT(*) / SUM(COUNT(*)) OVER (), 2) AS pct FROM s GROUP BY site",
        )
    )
    return _with(s_table(rng)) + form, None, False


TEMPLATES: tuple[QueryTemplate, ...] = (
    QueryTemplate("windows", "ranking", ranking),
    QueryTemplate("windows", "row_number_ntile", row_number),
    QueryTemplate("windows", "lag_lead", lag_lead),
    QueryTemplate("windows", "value_frames", value_window),
    QueryTemplate("windows", "range_frames", range_window),
    QueryTemplate("aggregates", "group_by_null_keys", group_by),
    QueryTemplate("aggregates", "grouping_sets", grouping_sets),
    QueryTemplate("aggregates", "having", having),
    QueryTemplate("aggregates", "qualify", qualify),
    QueryTemplate("aggregates", "distinct", distinct),
    QueryTemplate("aggregates", "count_distinct", count_distinct),
    QueryTemplate("aggregates", "array_agg", array_agg),
    QueryTemplate("aggregates", "string_agg", string_agg),
    QueryTemplate("joins", "join_on", joins),
    QueryTemplate("joins", "join_using", join_using),
    QueryTemplate("joins", "cross_join", cross_join),
    QueryTemplate("set_operations", "set_operations", set_operations),
    QueryTemplate("ordering", "order_by_nulls", order_by),
    QueryTemplate("ordering", "limit_offset", limit_offset),
    QueryTemplate("unnest", "unnest_offset", unnest_offset),
    QueryTemplate("subqueries", "correlated", correlated),
    QueryTemplate("pivot", "pivot", pivot),
    QueryTemplate("pivot", "unpivot", unpivot),
    QueryTemplate("star", "except_replace", star),
    QueryTemplate("structs", "struct_array_outputs", struct_outputs),
    QueryTemplate("floats", "nan_inf_zero_keys", float_keys),
    QueryTemplate("empty", "empty_inputs", empty_inputs),
    QueryTemplate("structs", "array_outputs", array_outputs),
    QueryTemplate("windows", "window_misc", window_misc),
    QueryTemplate("clauses", "clauses_misc", clauses_misc),
    QueryTemplate("telemetry", "telemetry_shapes", telemetry),
)
