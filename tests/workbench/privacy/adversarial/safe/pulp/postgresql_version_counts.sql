-- safe: persistent systems per PostgreSQL server version per day, last 28 days (public release numbers)
WITH posts AS (
  SELECT system_id, DATE(timestamp) AS day, postgresql_version
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 70 DAY)
  QUALIFY ROW_NUMBER() OVER (PARTITION BY system_id, DATE(timestamp) ORDER BY timestamp DESC) = 1
),
persistent AS (
  SELECT system_id, day, postgresql_version
  FROM posts
  WHERE day IS NOT NULL
  QUALIFY COUNT(*) OVER (
    PARTITION BY system_id ORDER BY UNIX_DATE(day) RANGE BETWEEN 13 PRECEDING AND CURRENT ROW
  ) >= 3
)
SELECT
  day,
  postgresql_version,
  COUNT(DISTINCT system_id) AS systems
FROM persistent
WHERE day >= DATE_SUB(CURRENT_DATE(), INTERVAL 28 DAY)
  AND postgresql_version IS NOT NULL
GROUP BY day, postgresql_version
ORDER BY day, postgresql_version
