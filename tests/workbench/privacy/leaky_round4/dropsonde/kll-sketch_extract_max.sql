-- leak: kll-sketch: the KLL sketch's quantile at 1 is the largest value
SELECT version,
  KLL_QUANTILES.EXTRACT_POINT_INT64(KLL_QUANTILES.INIT_INT64(environment_count), 1.0) AS largest
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
