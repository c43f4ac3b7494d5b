-- expect: none
SELECT c.name AS component, c.version AS version, COUNT(DISTINCT system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics`, UNNEST(components) AS c
GROUP BY component, version
HAVING systems >= 5
