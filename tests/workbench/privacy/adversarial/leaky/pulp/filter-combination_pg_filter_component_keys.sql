-- leak: filter-combination: a filter on a PostgreSQL major with keys of the components catalogue: per plugin release, the systems on that old major
SELECT c.name, c.version, COUNT(DISTINCT system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics`, UNNEST(components) AS c
WHERE postgresql_version = 160007
GROUP BY c.name, c.version
