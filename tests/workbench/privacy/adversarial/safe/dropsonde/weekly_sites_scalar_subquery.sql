-- safe: sites that reported in the last week, as a scalar subquery that keeps itself to 5 sites or more
SELECT CURRENT_DATE() AS date, (SELECT COUNT(DISTINCT site_id) FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY) HAVING COUNT(DISTINCT site_id) >= 5) AS sites
