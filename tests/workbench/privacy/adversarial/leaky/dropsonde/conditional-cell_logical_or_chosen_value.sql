-- leak: conditional-cell: LOGICAL_OR of a chosen value
SELECT version, LOGICAL_OR(environment_count = 568) AS any_568, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
