-- leak: pivot-private: PIVOT over exact user counts: the cell of a rare value counts one system
SELECT * FROM (
  SELECT postgresql_version, rbac_stats.users AS users, system_id FROM `pulp-analytics-prod.analytics.pulp_analytics`
)
PIVOT (COUNT(DISTINCT system_id) FOR users IN (4711 AS u4711, 0 AS u0))
