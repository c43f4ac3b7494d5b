-- leak: chosen-entity: COUNTIF(system_id LIKE '40fd%') per component version reveals exactly which plugin versions that system runs
SELECT
  c.name AS component,
  c.version,
  COUNT(DISTINCT system_id) AS systems,
  COUNTIF(system_id LIKE '40fd%') AS reference_posts
FROM `pulp-analytics-prod.analytics.pulp_analytics`, UNNEST(components) AS c
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 1 DAY)
GROUP BY component, c.version
HAVING COUNT(DISTINCT system_id) >= 5
