-- leak: one-row-pick: QUALIFY keeps the latest post; its components keyed by public name and version list one system's plugins
WITH last AS (
  SELECT components FROM `pulp-analytics-prod.analytics.pulp_analytics`
  WHERE TRUE
  QUALIFY RANK() OVER (ORDER BY timestamp DESC) = 1
)
SELECT c.name, c.version, COUNT(*) AS n
FROM last, UNNEST(components) AS c
GROUP BY c.name, c.version
