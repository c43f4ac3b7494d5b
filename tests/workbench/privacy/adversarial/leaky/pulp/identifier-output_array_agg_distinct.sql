-- leak: identifier-output: ARRAY_AGG(DISTINCT system_id) lists the systems running each component version
SELECT
  c.name AS component,
  c.version,
  ARRAY_AGG(DISTINCT system_id IGNORE NULLS) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics`, UNNEST(components) AS c
GROUP BY component, c.version
