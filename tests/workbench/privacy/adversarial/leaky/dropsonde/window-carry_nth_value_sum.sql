-- leak: window-carry: NTH_VALUE over the week's reports in time order carries the third report's environment count into every row
SELECT product, ROUND(AVG(third), 2) AS third_envs, COUNT(DISTINCT site_id) AS sites
FROM (
  SELECT site_id, product,
    NTH_VALUE(environment_count, 3) OVER (ORDER BY timestamp ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS third
  FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
)
GROUP BY product
HAVING COUNT(DISTINCT site_id) >= 5
