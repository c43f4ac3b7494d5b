-- leak: complement-size: systems with fewer than 40 domains per PostgreSQL major, beside the major's total: a complement of one system
SELECT postgresql_version,
  COUNT(DISTINCT system_id) AS systems,
  (SELECT COUNT(DISTINCT system_id) FROM `pulp-analytics-prod.analytics.pulp_analytics` AS b WHERE b.postgresql_version = a.postgresql_version AND b.rbac_stats.domains < 40) AS below_40
FROM `pulp-analytics-prod.analytics.pulp_analytics` AS a
GROUP BY postgresql_version
HAVING COUNT(DISTINCT system_id) >= 5
