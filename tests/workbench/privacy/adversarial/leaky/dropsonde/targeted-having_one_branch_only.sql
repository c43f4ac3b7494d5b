-- leak: targeted-having: the threshold in one UNION ALL branch only
SELECT version AS k, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
UNION ALL
SELECT CAST(environment_count AS STRING), COUNT(DISTINCT site_id) FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY environment_count
