-- expect: identifier-output
SELECT ARRAY(SELECT DISTINCT ip FROM `bto-dataops-datalake-prod.dujour.community_metrics`) AS ips
