-- leak: shadowing: a CTE renames system_id to postgresql_version; the outer key looks public
WITH t AS (SELECT system_id AS postgresql_version, system_id FROM `pulp-analytics-prod.analytics.pulp_analytics`)
SELECT postgresql_version, COUNT(DISTINCT system_id) AS systems FROM t GROUP BY postgresql_version
