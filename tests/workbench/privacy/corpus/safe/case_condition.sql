-- expect: none
SELECT CASE WHEN ip IS NULL THEN 'no ip' ELSE 'ip' END AS has_ip, COUNT(*) AS reports
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY has_ip
