-- leak: chosen-entity: LOGICAL_OR(system_id IN UNNEST([...])) per PostgreSQL version says which version the chosen systems run
SELECT
  postgresql_version,
  COUNT(DISTINCT system_id) AS systems,
  LOGICAL_OR(system_id IN UNNEST(['c063f9ba-5b69-4bfe-b7fb-ecc6b0cb56f7', '40fd5776-3cbd-4b9f-8813-93018838608f'])) AS includes_partner
FROM `pulp-analytics-prod.analytics.pulp_analytics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
GROUP BY postgresql_version
HAVING COUNT(DISTINCT system_id) >= 5
