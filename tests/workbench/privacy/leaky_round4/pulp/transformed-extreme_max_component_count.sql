-- leak: transformed-extreme: MAX(ARRAY_LENGTH(components)): the system with most plugins
SELECT postgresql_version, MAX(ARRAY_LENGTH(components)) AS most_components
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY postgresql_version
HAVING COUNT(DISTINCT system_id) >= 5
