-- leak: targeted-having: the k threshold OR'ed with TRUE
SELECT environment_count, version, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY environment_count, version HAVING COUNT(DISTINCT site_id) >= 5 OR TRUE
