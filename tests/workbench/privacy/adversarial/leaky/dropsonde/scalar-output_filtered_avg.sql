-- leak: scalar-output: the outermost SELECT aggregates nothing; its scalar subquery averages the sites above 560 environments (one site)
SELECT CURRENT_DATE() AS date, (SELECT AVG(environment_count) FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE environment_count > 560) AS top
