-- leak: ordering: environment_count - LAG(environment_count) OVER (ORDER BY ip) compares neighbours in address order; the difference histogram depends on identifier order
SELECT
  neighbour_delta,
  COUNT(*) AS pairs
FROM (
  SELECT environment_count - LAG(environment_count) OVER (ORDER BY ip) AS neighbour_delta
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
)
GROUP BY neighbour_delta
