-- leak: identifier-output: UPPER(SUBSTR(system_id, 1, 8)), a "short id", is output
SELECT
  UPPER(SUBSTR(system_id, 1, 8)) AS short_id,
  MAX(online_workers.processes) AS workers
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY short_id
