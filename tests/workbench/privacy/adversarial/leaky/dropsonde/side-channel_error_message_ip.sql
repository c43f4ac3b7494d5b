-- leak: side-channel: ERROR with the ip in the message
SELECT COUNT(*) AS n FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE ERROR(ip) IS NULL
