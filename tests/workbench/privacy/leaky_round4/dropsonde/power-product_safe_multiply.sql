-- leak: power-product: a fourth power built with SAFE_MULTIPLY, summed: a soft maximum
SELECT version,
  SUM(SAFE_MULTIPLY(SAFE_MULTIPLY(CAST(environment_count AS FLOAT64), environment_count), SAFE_MULTIPLY(CAST(environment_count AS FLOAT64), environment_count))) AS p4
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
