-- leak: percentile-disc: PERCENTILE_DISC at 0.1 is the smallest value of a group of fewer than 10 systems
WITH p AS (
  SELECT system_id, postgresql_version,
    PERCENTILE_DISC(rbac_stats.users, 0.1) OVER (PARTITION BY postgresql_version) AS p10
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
)
SELECT postgresql_version, AVG(p10) AS p10
FROM p
GROUP BY postgresql_version
HAVING COUNT(DISTINCT system_id) >= 5
