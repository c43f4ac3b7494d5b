-- safe: the median number of RBAC users per system (PERCENTILE_DISC at 0.5 over each system's latest post of the last 14 days)
WITH latest AS (
  SELECT system_id, rbac_stats.users AS users
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 14 DAY)
    AND rbac_stats.users IS NOT NULL
  QUALIFY ROW_NUMBER() OVER (PARTITION BY system_id ORDER BY timestamp DESC) = 1
)
SELECT DISTINCT PERCENTILE_DISC(users, 0.5) OVER () AS median_users
FROM latest
