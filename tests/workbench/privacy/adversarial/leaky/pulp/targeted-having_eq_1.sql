-- leak: targeted-having: HAVING COUNT(DISTINCT system_id) = 1 keeps component versions run by a single system, with that system's user count
SELECT
  c.name AS component,
  c.version,
  COUNT(DISTINCT system_id) AS systems,
  MAX(rbac_stats.users) AS users
FROM `pulp-analytics-prod.analytics.pulp_analytics`, UNNEST(components) AS c
GROUP BY component, c.version
HAVING COUNT(DISTINCT system_id) = 1
