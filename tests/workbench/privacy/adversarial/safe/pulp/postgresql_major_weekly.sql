-- safe: systems per PostgreSQL major version per week over twelve weeks, majors with at least 5 systems
SELECT
  DATE_TRUNC(DATE(timestamp), WEEK) AS week,
  DIV(postgresql_version, 10000) AS pg_major,
  COUNT(DISTINCT system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 84 DAY)
  AND postgresql_version IS NOT NULL
GROUP BY week, pg_major
HAVING COUNT(DISTINCT system_id) >= 5
ORDER BY week, pg_major
