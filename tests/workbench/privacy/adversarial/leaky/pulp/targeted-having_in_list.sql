-- leak: targeted-having: HAVING COUNT(DISTINCT system_id) IN (1, 2, 3) selects tiny domain groups
SELECT
  rbac_stats.domains AS domains,
  COUNT(DISTINCT system_id) AS systems,
  MAX(rbac_stats.users) AS users
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY domains
HAVING COUNT(DISTINCT system_id) IN (1, 2, 3)
