-- leak: foreign-tables: a CTE named pulp_analytics shadows the table and hides the system id prefix in a column named postgresql_version
WITH pulp_analytics AS (
  SELECT system_id, SUBSTR(system_id, 1, 8) AS postgresql_version
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
)
SELECT postgresql_version, COUNT(DISTINCT system_id) AS systems
FROM pulp_analytics
GROUP BY postgresql_version
