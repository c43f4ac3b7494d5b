-- safe: systems per plugin in each system's latest post of the last two weeks (a rank within each system), plugins of at least 5 systems
WITH latest AS (
  SELECT system_id, components
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 14 DAY)
  QUALIFY ROW_NUMBER() OVER (PARTITION BY system_id ORDER BY timestamp DESC) = 1
)
SELECT c.name, COUNT(DISTINCT system_id) AS systems
FROM latest, UNNEST(components) AS c
GROUP BY c.name
HAVING COUNT(DISTINCT system_id) >= 5
ORDER BY systems DESC
