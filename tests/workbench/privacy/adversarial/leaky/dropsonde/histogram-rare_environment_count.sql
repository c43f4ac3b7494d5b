-- leak: histogram-rare: a histogram keyed by the raw environment count shows the one site with the largest count
SELECT environment_count, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY) GROUP BY environment_count
