-- safe: reports and distinct sites per day over the last four weeks
SELECT
  DATE(timestamp) AS day,
  COUNT(*) AS reports,
  COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 28 DAY)
GROUP BY day
HAVING COUNT(DISTINCT site_id) >= 5
ORDER BY day
