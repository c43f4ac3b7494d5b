-- leak: offset-key: MAX of the components' UNNEST offset: the system with the most plugins
SELECT postgresql_version, MAX(o) AS most_plugins_minus_one, COUNT(DISTINCT system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics`, UNNEST(components) AS c WITH OFFSET AS o
GROUP BY postgresql_version
HAVING COUNT(DISTINCT system_id) >= 5
