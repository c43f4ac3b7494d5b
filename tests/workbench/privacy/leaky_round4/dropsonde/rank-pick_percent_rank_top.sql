-- leak: rank-pick: the value at PERCENT_RANK 1 averaged: the largest
WITH r AS (
  SELECT site_id, product, environment_count,
    PERCENT_RANK() OVER (PARTITION BY product ORDER BY environment_count) AS pr
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
)
SELECT product, AVG(IF(pr = 1, environment_count, NULL)) AS top_value
FROM r
GROUP BY product
HAVING COUNT(DISTINCT site_id) >= 5
