-- leak: packed-array: ARRAY_AGG per release in a CTE, unnested and listed outside
WITH per AS (
  SELECT version, ARRAY_AGG(environment_count) AS xs, COUNT(DISTINCT site_id) AS sites
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  GROUP BY version
  HAVING COUNT(DISTINCT site_id) >= 5
)
SELECT version, SUM(x) AS total, COUNT(*) AS n
FROM per, UNNEST(xs) AS x WITH OFFSET AS o
WHERE o = 0
GROUP BY version
