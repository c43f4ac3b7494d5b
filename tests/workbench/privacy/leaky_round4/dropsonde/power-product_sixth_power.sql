-- leak: power-product: a sixth power by multiplication, summed: a soft maximum
SELECT version,
  SUM(CAST(environment_count AS FLOAT64) * environment_count * environment_count * environment_count * environment_count * environment_count) AS p6
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
