-- leak: chosen-entity: JOIN a literal row (SELECT '<uuid>' AS system_id, 'acme' AS customer) USING (system_id) labels one system with its owner's name
SELECT
  k.customer,
  DATE_TRUNC(DATE(p.timestamp), WEEK) AS week,
  MAX(p.online_content_apps.hosts) AS content_hosts
FROM `pulp-analytics-prod.analytics.pulp_analytics` AS p
JOIN (SELECT '77a03926-d1d5-41e8-87c0-a273a21a7b70' AS system_id, 'acme' AS customer) AS k USING (system_id)
GROUP BY k.customer, week
