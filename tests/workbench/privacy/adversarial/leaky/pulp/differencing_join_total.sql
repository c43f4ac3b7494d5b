-- leak: differencing: each row shows the total and the total of the others in the same row
WITH total AS (SELECT SUM(rbac_stats.users) AS u FROM `pulp-analytics-prod.analytics.pulp_analytics`),
most AS (SELECT SUM(rbac_stats.users) AS u, COUNT(DISTINCT system_id) AS n FROM `pulp-analytics-prod.analytics.pulp_analytics` WHERE rbac_stats.users < 1000 HAVING COUNT(DISTINCT system_id) >= 5)
SELECT total.u - most.u AS top, most.n AS systems FROM total CROSS JOIN most
