-- safe: persistent systems (posted on at least 3 of the last 14 days) per component x.y.z version per day, last 28 days (public dimensions)
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
  c.version,
  COUNT(DISTINCT system_id) AS systems
FROM persistent, UNNEST(components) AS c
WHERE day >= DATE_SUB(CURRENT_DATE(), INTERVAL 28 DAY)
GROUP BY day, component, c.version
ORDER BY day, component, c.version
