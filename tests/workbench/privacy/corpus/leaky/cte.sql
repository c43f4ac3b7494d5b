-- expect: identifier-output, identifier-groups
WITH per_site AS (
  SELECT site_id AS s, ARRAY_LENGTH(modules) AS n
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
)
SELECT s, MAX(n) AS modules
FROM per_site
GROUP BY s
