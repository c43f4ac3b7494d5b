-- safe: share of yesterday's persistent systems running each plugin (ratio to a scalar total), plugins on at least 5 systems
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
  c.name AS plugin,
  COUNT(DISTINCT system_id) AS systems,
  ROUND(COUNT(DISTINCT system_id) / (
    SELECT COUNT(DISTINCT system_id) FROM persistent WHERE day = DATE_SUB(CURRENT_DATE(), INTERVAL 1 DAY)
  ), 4) AS share
FROM persistent, UNNEST(components) AS c
WHERE day = DATE_SUB(CURRENT_DATE(), INTERVAL 1 DAY)
GROUP BY plugin
HAVING COUNT(DISTINCT system_id) >= 5
ORDER BY systems DESC, plugin
