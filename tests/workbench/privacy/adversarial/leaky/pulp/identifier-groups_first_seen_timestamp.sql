-- leak: identifier-groups: the full-precision first post time MIN(timestamp) per system is 1:1 with the system and is used as the group key
WITH first_post AS (
  SELECT system_id, MIN(timestamp) AS first_seen, MAX(rbac_stats.users) AS users
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
  GROUP BY system_id
)
SELECT first_seen, SUM(users) AS users, COUNT(*) AS systems
FROM first_post
GROUP BY first_seen
