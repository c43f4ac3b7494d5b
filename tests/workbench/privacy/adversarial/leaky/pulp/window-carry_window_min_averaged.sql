-- leak: window-carry: MIN(users) OVER () carried into every row and averaged: the smallest system's user count
SELECT AVG(low) AS smallest_users, COUNT(DISTINCT system_id) AS systems
FROM (SELECT system_id, MIN(rbac_stats.users) OVER () AS low FROM `pulp-analytics-prod.analytics.pulp_analytics`)
HAVING COUNT(DISTINCT system_id) >= 5
