-- safe: systems per pulpcore x.y.z version per week, versions with at least 5 systems that week
SELECT
  DATE_TRUNC(DATE(timestamp), WEEK) AS week,
  c.version AS core_version,
  COUNT(DISTINCT system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics`, UNNEST(components) AS c
WHERE c.name = 'core'
  AND timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 84 DAY)
GROUP BY week, core_version
HAVING COUNT(DISTINCT system_id) >= 5
ORDER BY week, core_version
