-- leak: zero-divisor: a CTE counts the systems with exactly 17 users; the outer division by it fails when there are none
WITH chosen AS (SELECT COUNT(*) AS n FROM `pulp-analytics-prod.analytics.pulp_analytics` WHERE rbac_stats.users = 17)
SELECT t.postgresql_version, COUNT(DISTINCT t.system_id) AS systems, MAX(1 / c.n) AS r FROM `pulp-analytics-prod.analytics.pulp_analytics` AS t CROSS JOIN chosen AS c GROUP BY t.postgresql_version HAVING COUNT(DISTINCT t.system_id) >= 5
