-- leak: small-groups: component versions are public, but the largest user count among the systems of a rare version is one system's
SELECT
  c.name,
  c.version,
  MAX(rbac_stats.users) AS most_users
FROM `pulp-analytics-prod.analytics.pulp_analytics`, UNNEST(components) AS c
GROUP BY c.name, c.version
