-- leak: packed-cell: a system's set of component versions combined with its PostgreSQL version
SELECT postgresql_version, STRING_AGG(CONCAT(c.name, c.version) ORDER BY c.name) AS stack, COUNT(*) AS n
FROM `pulp-analytics-prod.analytics.pulp_analytics`, UNNEST(components) c GROUP BY postgresql_version
