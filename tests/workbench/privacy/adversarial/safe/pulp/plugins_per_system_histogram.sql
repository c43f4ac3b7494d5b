-- safe: systems by number of installed components (latest post of the last week), counts of at least 5 systems
WITH latest AS (
  SELECT system_id, ARRAY_LENGTH(components) AS component_count
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
  QUALIFY ROW_NUMBER() OVER (PARTITION BY system_id ORDER BY timestamp DESC) = 1
)
SELECT
  component_count,
  COUNT(DISTINCT system_id) AS systems
FROM latest
GROUP BY component_count
HAVING COUNT(DISTINCT system_id) >= 5
ORDER BY component_count
