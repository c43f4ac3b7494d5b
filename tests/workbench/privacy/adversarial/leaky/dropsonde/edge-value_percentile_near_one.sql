-- leak: edge-value: PERCENTILE_CONT at 0.999 over 300 sites interpolates between the two largest values, nearly the maximum
WITH pct AS (SELECT site_id, PERCENTILE_CONT(environment_count, 0.999) OVER () AS p FROM `bto-dataops-datalake-prod.dujour.community_metrics`)
SELECT MAX(p) AS top, COUNT(DISTINCT site_id) AS sites FROM pct
