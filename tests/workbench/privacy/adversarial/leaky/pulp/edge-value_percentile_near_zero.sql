-- leak: edge-value: PERCENTILE_CONT at 0.001 is nearly the smallest system's value
WITH pct AS (SELECT system_id, PERCENTILE_CONT(rbac_stats.users, 0.001) OVER () AS p FROM `pulp-analytics-prod.analytics.pulp_analytics`)
SELECT MAX(p) AS bottom, COUNT(DISTINCT system_id) AS systems FROM pct
