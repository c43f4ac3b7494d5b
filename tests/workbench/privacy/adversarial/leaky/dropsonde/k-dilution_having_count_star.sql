-- leak: k-dilution: HAVING COUNT(*) >= 5 counts reports, not sites
SELECT environment_count, version, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY environment_count, version HAVING COUNT(*) >= 5
