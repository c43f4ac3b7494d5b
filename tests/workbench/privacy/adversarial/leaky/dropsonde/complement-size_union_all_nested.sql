-- leak: complement-size: UNION ALL of the week's site count and the count of those with at most 60 environments: the complement is the one or two largest sites
SELECT 'all' AS population, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
UNION ALL
SELECT 'below', COUNT(DISTINCT site_id) FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY) AND environment_count <= 60
