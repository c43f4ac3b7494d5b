-- leak: error-oracle: INT64 addition overflows exactly when some site has more than 7 environments
SELECT version, COUNT(DISTINCT site_id) AS sites, MAX(environment_count + 9223372036854775800) - MAX(environment_count + 9223372036854775800) AS y FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
