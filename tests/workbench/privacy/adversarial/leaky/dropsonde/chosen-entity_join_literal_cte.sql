-- leak: chosen-entity: a CTE of literal site ids joined USING (site_id) looks like an identifier-to-identifier join but selects two chosen sites
WITH watchlist AS (
  SELECT FROM_HEX(h) AS site_id
  FROM UNNEST([
    '5a01c238796d880eef550778ee7a7b2f47d4989fa8ccf9e0dbab2abfa202807727461668223dab2df8131bc87abdfc5a7944578ee87b1af8d873f89a6517c8d8'
  ]) AS h
)
SELECT
  cp.platform,
  SUM(cp.count) AS nodes
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
JOIN watchlist USING (site_id)
CROSS JOIN UNNEST(class_platforms) AS cp
GROUP BY cp.platform
