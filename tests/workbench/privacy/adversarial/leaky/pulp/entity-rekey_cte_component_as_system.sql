-- leak: entity-rekey: a CTE renames the component name to system_id, so the threshold counts component names, not systems
WITH r AS (SELECT c.name AS system_id, rbac_stats.users AS users FROM `pulp-analytics-prod.analytics.pulp_analytics`, UNNEST(components) AS c)
SELECT users, COUNT(DISTINCT system_id) AS systems FROM r GROUP BY users HAVING COUNT(DISTINCT system_id) >= 5
