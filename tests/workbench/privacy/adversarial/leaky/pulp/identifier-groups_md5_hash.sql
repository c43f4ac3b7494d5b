-- leak: identifier-groups: GROUP BY TO_HEX(MD5(system_id)) (a hash, never output) is one group per system
SELECT
  COUNT(*) AS posts,
  AVG(online_workers.processes) AS workers
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY TO_HEX(MD5(system_id))
