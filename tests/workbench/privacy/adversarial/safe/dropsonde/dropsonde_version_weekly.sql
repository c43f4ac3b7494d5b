-- safe: sites per Dropsonde release per week, releases with at least 5 sites that week
SELECT
  DATE_TRUNC(DATE(timestamp), WEEK) AS week,
  version,
  COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 84 DAY)
GROUP BY week, version
HAVING COUNT(DISTINCT site_id) >= 5
ORDER BY week, version
