-- leak: chosen-entity: the IN subquery selects a column literally named system_id, but it is an UNNEST of a literal UUID, not the identifier column
SELECT
  DATE(timestamp) AS day,
  MAX(online_workers.processes) AS workers,
  MAX(rbac_stats.custom_access_policies) AS policies
FROM `pulp-analytics-prod.analytics.pulp_analytics`
WHERE system_id IN (SELECT system_id FROM UNNEST(['c063f9ba-5b69-4bfe-b7fb-ecc6b0cb56f7']) AS system_id)
GROUP BY day
