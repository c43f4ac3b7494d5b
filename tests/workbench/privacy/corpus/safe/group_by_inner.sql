-- expect: none
SELECT n, COUNT(*) AS sites
FROM (SELECT site_id, COUNT(*) AS n FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY site_id)
GROUP BY n
