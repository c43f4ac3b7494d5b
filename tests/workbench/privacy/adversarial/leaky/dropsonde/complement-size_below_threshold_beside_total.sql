-- leak: complement-size: all sites and the sites below 900 environments, both large: their difference is the few sites at or above 900
SELECT
  (SELECT COUNT(DISTINCT site_id) FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)) AS sites,
  (SELECT COUNT(DISTINCT site_id) FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY) AND environment_count < 900) AS sites_below_900
