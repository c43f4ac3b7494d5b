-- leak: percentile-interpolation: two high percentiles of a small group: the top two systems' users
WITH p AS (
  SELECT system_id, postgresql_version,
    PERCENTILE_CONT(rbac_stats.users, 0.85) OVER (PARTITION BY postgresql_version) AS p85,
    PERCENTILE_CONT(rbac_stats.users, 0.9) OVER (PARTITION BY postgresql_version) AS p90
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
)
SELECT postgresql_version, AVG(p85) AS p85, AVG(p90) AS p90
FROM p
GROUP BY postgresql_version
HAVING COUNT(DISTINCT system_id) >= 5
