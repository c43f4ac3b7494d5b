-- leak: catalogue-argument: a component version as a regular expression, chosen by a second catalogue's value: the error says a system pairs them
SELECT COUNT(DISTINCT system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics`, UNNEST(components) AS c
WHERE REGEXP_CONTAINS(c.name, IF(postgresql_version = 9 AND c.name = 'pulp_rpm', '[', c.name))
