-- safe: share of the last week's systems that use more than one domain (one filtered count over a scalar total)
SELECT
  COUNT(DISTINCT system_id) AS multi_domain_systems,
  ROUND(COUNT(DISTINCT system_id) / (
    SELECT COUNT(DISTINCT system_id) FROM `pulp-analytics-prod.analytics.pulp_analytics`
    WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
  ), 4) AS share
FROM `pulp-analytics-prod.analytics.pulp_analytics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
  AND rbac_stats.domains > 1
