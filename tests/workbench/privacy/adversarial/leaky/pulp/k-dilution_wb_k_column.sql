-- leak: k-dilution: an output column named _wb_k set to a large constant next to groups of private RBAC numbers
SELECT
  rbac_stats.users,
  rbac_stats.custom_access_policies,
  postgresql_version,
  COUNT(*) AS posts,
  999 AS _wb_k
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY 1, 2, 3
