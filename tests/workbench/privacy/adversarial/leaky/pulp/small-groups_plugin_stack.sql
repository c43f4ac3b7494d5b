-- leak: small-groups: each component x.y.z is public, but a system's full stack (sorted name@version list) is a fingerprint; groups are single systems
SELECT
  stack,
  COUNT(DISTINCT system_id) AS systems
FROM (
  SELECT
    system_id,
    (SELECT STRING_AGG(CONCAT(c.name, '@', c.version), ' ' ORDER BY c.name) FROM UNNEST(components) AS c) AS stack
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 1 DAY)
)
GROUP BY stack
