-- leak: edge-value: gaps to the previous site in order of the number telescope: their SUM is the largest minus the smallest value
WITH g AS (SELECT site_id, environment_count - LAG(environment_count) OVER (ORDER BY environment_count) AS gap FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY))
SELECT SUM(gap) AS span, COUNT(DISTINCT site_id) AS sites FROM g
