-- leak: window-carry: ARRAY_AGG(... ORDER BY timestamp LIMIT 1)[OFFSET(0)] per release in a subquery, re-aggregated: the first reporting site's number
SELECT product, AVG(first_envs) AS first_envs, SUM(sites) AS sites
FROM (
  SELECT product, version, ARRAY_AGG(environment_count ORDER BY timestamp LIMIT 1)[OFFSET(0)] AS first_envs,
    COUNT(DISTINCT site_id) AS sites
  FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY product, version
)
GROUP BY product
