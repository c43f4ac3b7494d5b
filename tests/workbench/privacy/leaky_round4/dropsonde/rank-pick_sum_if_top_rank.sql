-- leak: rank-pick: SUM(IF(rank = 1, x, 0)) with a rank by the number: the largest site's value
WITH r AS (
  SELECT site_id, version, environment_count,
    RANK() OVER (PARTITION BY version ORDER BY environment_count DESC) AS rk
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
)
SELECT version, SUM(IF(rk = 1, environment_count, 0)) AS top_value, COUNT(DISTINCT site_id) AS sites
FROM r
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
