-- leak: time-window: a count of one day's sites inside a bucket of environment counts: a subgroup the threshold never counts
SELECT DIV(environment_count, 100) * 100 AS envs_from,
  COUNT(DISTINCT site_id) AS sites,
  COUNT(DISTINCT IF(DATE(timestamp) = DATE '2026-11-14', site_id, NULL)) AS sites_on_14th
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
GROUP BY envs_from
HAVING COUNT(DISTINCT site_id) >= 5
