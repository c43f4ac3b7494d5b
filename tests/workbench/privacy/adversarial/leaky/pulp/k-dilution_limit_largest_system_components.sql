-- leak: k-dilution: component names and versions are public, but the subquery keeps only the post of the system with the most users, so the output is that system's components
SELECT
  c.name,
  c.version,
  COUNT(*) AS posts
FROM (
  SELECT components
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
  ORDER BY rbac_stats.users DESC
  LIMIT 1
), UNNEST(components) AS c
GROUP BY c.name, c.version
