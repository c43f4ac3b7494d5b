-- leak: identifier-output: a correlated subquery returning the max ip
SELECT version, (SELECT MAX(i.ip) FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS i WHERE i.version = o.version) AS ip, COUNT(*) AS n FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS o GROUP BY version
