-- safe: persistent systems per component x.y release line per day, last 28 days, lines with at least 5 systems
WITH posts AS (
  SELECT system_id, DATE(timestamp) AS day, components
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 70 DAY)
  QUALIFY ROW_NUMBER() OVER (PARTITION BY system_id, DATE(timestamp) ORDER BY timestamp DESC) = 1
),
persistent AS (
  SELECT system_id, day, components
  FROM posts
  WHERE day IS NOT NULL
  QUALIFY COUNT(*) OVER (
    PARTITION BY system_id ORDER BY UNIX_DATE(day) RANGE BETWEEN 13 PRECEDING AND CURRENT ROW
  ) >= 3
)
SELECT
  day,
  c.name AS component,
  REGEXP_EXTRACT(c.version, r'^[0-9]+\.[0-9]+') AS minor_version,
  COUNT(DISTINCT system_id) AS systems
FROM persistent, UNNEST(components) AS c
WHERE day >= DATE_SUB(CURRENT_DATE(), INTERVAL 28 DAY)
GROUP BY day, component, minor_version
HAVING COUNT(DISTINCT system_id) >= 5
ORDER BY day, component, minor_version
