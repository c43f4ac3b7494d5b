-- leak: string-keep: REVERSE(ip) keeps every character of the address
SELECT REVERSE(ip) AS pi, COUNT(*) AS reports FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY pi
