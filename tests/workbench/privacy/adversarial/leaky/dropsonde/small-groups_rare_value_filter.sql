-- leak: small-groups: picks the one site by its rare attribute then reports its version
SELECT version, COUNT(*) AS n FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE environment_count = 568 GROUP BY version
