-- leak: packed-array: MAX over UNNEST of an ARRAY_AGG kept in a CTE
WITH per AS (
  SELECT version, ARRAY_AGG(environment_count) AS xs
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  GROUP BY version
  HAVING COUNT(DISTINCT site_id) >= 5
)
SELECT version, (SELECT MAX(x) FROM UNNEST(xs) AS x) AS most
FROM per
