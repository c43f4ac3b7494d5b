-- leak: outer-join-condition: COUNT of a column of a LEFT JOINed derived table narrowed by a private value counts the matching systems
SELECT t.postgresql_version, COUNT(c.u) AS big, COUNT(DISTINCT t.system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics` AS t LEFT JOIN (SELECT system_id, rbac_stats.users AS u FROM `pulp-analytics-prod.analytics.pulp_analytics` WHERE rbac_stats.users > 1000) AS c USING (system_id)
GROUP BY t.postgresql_version HAVING COUNT(DISTINCT t.system_id) >= 5
