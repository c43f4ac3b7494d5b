-- leak: zero-divisor: a divisor counting the systems on one component release: the query fails when none runs it
SELECT COUNT(DISTINCT system_id) /
  (SELECT COUNT(DISTINCT system_id) FROM `pulp-analytics-prod.analytics.pulp_analytics`, UNNEST(components) AS c WHERE c.name = 'pulp_ansible' AND c.version = '0.1.0') AS ratio
FROM `pulp-analytics-prod.analytics.pulp_analytics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
