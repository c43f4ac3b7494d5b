-- leak: scalar-output: two scalar counts of private subgroups side by side in one row
SELECT (SELECT COUNT(DISTINCT site_id) FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE environment_count > 560) AS big, (SELECT COUNT(DISTINCT site_id) FROM `bto-dataops-datalake-prod.dujour.community_metrics`) AS sites
