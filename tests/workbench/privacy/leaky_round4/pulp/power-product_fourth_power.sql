-- leak: power-product: users^4 by multiplication, summed: a soft maximum
SELECT postgresql_version,
  SUM(CAST(rbac_stats.users AS FLOAT64) * rbac_stats.users * rbac_stats.users * rbac_stats.users) AS p4
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY postgresql_version
HAVING COUNT(DISTINCT system_id) >= 5
