-- leak: approximate: APPROX_TOP_SUM weights releases by environments: the top sum is dominated by one large site's number
SELECT APPROX_TOP_SUM(version, environment_count, 1) AS top_release, COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
HAVING COUNT(DISTINCT site_id) >= 5
