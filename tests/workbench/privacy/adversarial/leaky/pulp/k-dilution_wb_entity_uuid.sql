-- leak: k-dilution: an inner column named _wb_entity filled with GENERATE_UUID() makes every post a distinct "entity"
SELECT
  users, user_groups,
  COUNT(DISTINCT _wb_entity) AS systems
FROM (
  SELECT GENERATE_UUID() AS _wb_entity, rbac_stats.users AS users, rbac_stats.groups AS user_groups
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
)
GROUP BY users, user_groups
