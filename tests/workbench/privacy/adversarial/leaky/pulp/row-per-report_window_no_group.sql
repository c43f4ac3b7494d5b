-- leak: row-per-report: AVG(...) OVER (PARTITION BY day) next to each post's own numbers returns every post as a row
SELECT
  DATE(timestamp) AS day,
  online_workers.processes AS workers,
  rbac_stats.users AS users,
  AVG(online_workers.processes) OVER (PARTITION BY DATE(timestamp)) AS day_avg_workers
FROM `pulp-analytics-prod.analytics.pulp_analytics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 3 DAY)
