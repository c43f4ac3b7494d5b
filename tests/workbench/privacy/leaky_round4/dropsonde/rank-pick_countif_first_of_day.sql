-- leak: rank-pick: COUNTIF(rank = 1) of a rank over all sites' reports of a day: which release reported first
WITH r AS (
  SELECT site_id, version, ROW_NUMBER() OVER (PARTITION BY DATE(timestamp) ORDER BY timestamp) AS rn
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
)
SELECT version, COUNTIF(rn = 1) AS first_of_day, COUNT(DISTINCT site_id) AS sites
FROM r
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
