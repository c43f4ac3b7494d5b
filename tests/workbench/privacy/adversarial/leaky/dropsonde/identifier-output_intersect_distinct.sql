-- leak: identifier-output: INTERSECT DISTINCT of two IP lists outputs the addresses of sites that upgraded from 0.0.5 to 0.0.8
SELECT ip FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE version = '0.0.5'
INTERSECT DISTINCT
SELECT ip FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE version = '0.0.8'
