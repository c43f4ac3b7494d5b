-- leak: implicit-flow: CASE WHEN conditions on ip (BETWEEN, LIKE, STARTS_WITH) choose a literal network label; combined with version and environment count it tells which sites sit behind which network
SELECT
  version,
  environment_count,
  CASE
    WHEN ip BETWEEN '10.0.0.0' AND '10.255.255.255' THEN 'private-10'
    WHEN ip LIKE '192.168.%' THEN 'private-192'
    WHEN STARTS_WITH(ip, '172.') THEN 'maybe-private-172'
    WHEN ip < '100.' THEN 'low'
    WHEN ip < '150.' THEN 'mid'
    WHEN ip < '2' THEN 'high-1xx'
    ELSE 'high'
  END AS network_class,
  COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
GROUP BY version, environment_count, network_class
