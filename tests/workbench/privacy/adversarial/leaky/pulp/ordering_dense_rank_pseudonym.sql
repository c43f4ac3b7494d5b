-- leak: ordering: DENSE_RANK() OVER (ORDER BY system_id) numbers the systems; grouping by the number gives one row per system
WITH numbered AS (
  SELECT
    DENSE_RANK() OVER (ORDER BY system_id) AS system_no,
    rbac_stats,
    postgresql_version
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 14 DAY)
)
SELECT
  system_no,
  COUNT(*) AS posts,
  MAX(rbac_stats.users) AS users,
  MAX(postgresql_version) AS pg
FROM numbered
GROUP BY system_no
