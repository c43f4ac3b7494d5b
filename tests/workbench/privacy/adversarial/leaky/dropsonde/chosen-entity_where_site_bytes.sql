-- leak: chosen-entity: WHERE site_id = FROM_HEX('...') restricts the weekly statistics to one chosen site, publishing its environment and module counts over time
SELECT
  DATE_TRUNC(DATE(timestamp), WEEK) AS week,
  AVG(environment_count) AS environments,
  AVG(ARRAY_LENGTH(modules)) AS modules
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
WHERE site_id = FROM_HEX('5a01c238796d880eef550778ee7a7b2f47d4989fa8ccf9e0dbab2abfa202807727461668223dab2df8131bc87abdfc5a7944578ee87b1af8d873f89a6517c8d8')
GROUP BY week
