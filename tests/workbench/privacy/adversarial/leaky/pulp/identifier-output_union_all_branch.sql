-- leak: identifier-output: the second UNION ALL branch emits system_id in the component column of a component-count report
SELECT c.name AS component, COUNT(DISTINCT system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics`, UNNEST(components) AS c
GROUP BY component
UNION ALL
SELECT system_id AS component, COUNT(*) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics`
WHERE rbac_stats.users > 1000
GROUP BY system_id
