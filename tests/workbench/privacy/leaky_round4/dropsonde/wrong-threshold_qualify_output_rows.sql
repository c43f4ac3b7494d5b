-- leak: wrong-threshold: QUALIFY COUNT(*) OVER () counts output rows, not sites
SELECT version, environment_count, COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version, environment_count
QUALIFY COUNT(*) OVER () >= 5
