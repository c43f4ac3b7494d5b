-- leak: hidden-condition: SUM of a comparison cast to a number counts the sites with 568 environments without COUNTIF or IF
SELECT version, SUM(CAST(environment_count = 568 AS INT64)) AS n_568, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
