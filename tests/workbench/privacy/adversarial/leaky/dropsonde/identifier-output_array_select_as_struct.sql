-- leak: identifier-output: SELECT AS STRUCT of ip in an ARRAY subquery
SELECT version, ARRAY(SELECT AS STRUCT ip FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS i WHERE i.version = o.version LIMIT 1) AS a FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS o GROUP BY version
