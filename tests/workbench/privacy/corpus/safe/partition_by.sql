-- expect: none
WITH latest AS (
  SELECT site_id, product
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  WHERE TRUE
  QUALIFY ROW_NUMBER() OVER (PARTITION BY site_id ORDER BY timestamp DESC) = 1
)
SELECT product, COUNT(*) AS sites
FROM latest
GROUP BY product
