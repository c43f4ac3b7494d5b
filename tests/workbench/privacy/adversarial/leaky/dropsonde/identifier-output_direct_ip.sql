-- leak: identifier-output: the IP address is selected and grouped directly (backtick-quoted column name)
SELECT `ip`, COUNT(*) AS reports
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY `ip`
