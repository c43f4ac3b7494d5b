-- leak: small-groups: ROLLUP over private counters
SELECT version, environment_count, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY ROLLUP(version, environment_count)
