-- floor: the same LAG over as many rows (8,131,375) of four generated integers, no Parquet
SELECT count(*), sum(r) FROM (
  SELECT c - lag(c) OVER (PARTITION BY a, b ORDER BY t) AS r
  FROM (SELECT i // 120 AS a, i % 13 AS b, i AS t, i AS c FROM range(8131375) r(i))
)
