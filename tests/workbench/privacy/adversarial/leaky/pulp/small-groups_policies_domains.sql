-- leak: small-groups: custom access policies and domains per day: rare values (domains > 1) are single systems
SELECT
  DATE(timestamp) AS day,
  rbac_stats.custom_access_policies AS policies,
  rbac_stats.domains AS domains,
  COUNT(DISTINCT system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY day, policies, domains
