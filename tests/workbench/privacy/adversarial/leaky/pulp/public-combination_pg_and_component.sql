-- leak: public-combination: the PostgreSQL version (a post's column) crossed with a component release (a repeated record): one system's stack
SELECT
  DATE(timestamp) AS day,
  postgresql_version,
  c.name AS component,
  c.version AS component_version,
  COUNT(DISTINCT system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics`, UNNEST(components) AS c
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 2 DAY)
GROUP BY day, postgresql_version, component, component_version
