-- leak: zero-divisor: DIV by a count narrowed by a PostgreSQL major and a component release: fails when no system pairs them
SELECT DIV(COUNT(*), (SELECT COUNT(*) FROM `pulp-analytics-prod.analytics.pulp_analytics`, UNNEST(components) AS c WHERE postgresql_version = 9 AND c.name = 'pulp_rpm')) AS probe,
  COUNT(DISTINCT system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
