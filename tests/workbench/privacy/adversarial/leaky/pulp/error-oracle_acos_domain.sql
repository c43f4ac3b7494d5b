-- leak: error-oracle: ACOS outside [-1, 1] fails exactly when some system has more than one domain
SELECT postgresql_version, COUNT(DISTINCT system_id) AS systems, ROUND(AVG(ACOS(rbac_stats.domains)), 2) AS y FROM `pulp-analytics-prod.analytics.pulp_analytics` GROUP BY postgresql_version HAVING COUNT(DISTINCT system_id) >= 5
