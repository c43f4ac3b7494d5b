-- leak: implicit-flow: an inequality join system_id >= FORMAT('%03x', b) AND system_id < FORMAT('%03x', b + 1) finds the 3-hex-digit prefix of each system as a number b from the generated range
SELECT
  b AS shard,
  COUNT(DISTINCT p.system_id) AS systems,
  AVG(p.rbac_stats.users) AS avg_users
FROM `pulp-analytics-prod.analytics.pulp_analytics` AS p
JOIN UNNEST(GENERATE_ARRAY(0, 4094)) AS b
  ON p.system_id >= FORMAT('%03x', b) AND p.system_id < FORMAT('%03x', b + 1)
WHERE p.timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 1 DAY)
GROUP BY shard
