-- leak: edge-value: the last of APPROX_QUANTILES is the maximum
SELECT version, APPROX_QUANTILES(environment_count, 2)[SAFE_OFFSET(2)] AS top, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
