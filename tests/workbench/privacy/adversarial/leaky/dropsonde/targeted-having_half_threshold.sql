-- leak: targeted-having: a threshold of 0.5
SELECT environment_count, version, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY environment_count, version HAVING COUNT(DISTINCT site_id) >= 0.5
