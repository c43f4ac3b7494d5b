-- expect: identifier-output
SELECT c.version, MIN(system_id) AS first_system
FROM `pulp-analytics-prod.analytics.pulp_analytics`, UNNEST(components) AS c
WHERE c.name = 'core'
GROUP BY c.version
