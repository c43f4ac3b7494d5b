-- leak: conditional-cell: COUNTIF of a chosen private value per version is a one-site group inside a large one
SELECT version, COUNTIF(environment_count = 568) AS chosen, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
