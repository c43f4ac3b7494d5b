-- leak: identifier-output: TO_JSON_STRING of a row alias whose subquery contains system_id, used as the grouping key
SELECT TO_JSON_STRING(s) AS system_profile, COUNT(*) AS posts
FROM (
  SELECT system_id, postgresql_version, rbac_stats.users AS users
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
) AS s
GROUP BY system_profile
