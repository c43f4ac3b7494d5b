-- leak: identifier-output: INTERSECT DISTINCT outputs the ids of systems on PostgreSQL 16 that also run the ansible plugin
SELECT system_id FROM `pulp-analytics-prod.analytics.pulp_analytics` WHERE DIV(postgresql_version, 10000) = 16
INTERSECT DISTINCT
SELECT system_id FROM `pulp-analytics-prod.analytics.pulp_analytics`, UNNEST(components) AS c WHERE c.name = 'ansible'
