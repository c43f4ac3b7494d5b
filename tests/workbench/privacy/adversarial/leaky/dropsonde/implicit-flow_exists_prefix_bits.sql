-- leak: implicit-flow: four EXISTS tests on the first hex digits of site_id become 0/1 flags that are summed into a 16-valued shard number per site, then joined with private attributes
WITH flagged AS (
  SELECT
    site_id,
    environment_count,
    IF(EXISTS(SELECT 1 FROM UNNEST(['8', '9', 'a', 'b', 'c', 'd', 'e', 'f']) AS c WHERE STARTS_WITH(TO_HEX(site_id), c)), 8, 0)
      + IF(EXISTS(SELECT 1 FROM UNNEST(['4', '5', '6', '7', 'c', 'd', 'e', 'f']) AS c WHERE STARTS_WITH(TO_HEX(site_id), c)), 4, 0)
      + IF(EXISTS(SELECT 1 FROM UNNEST(['2', '3', '6', '7', 'a', 'b', 'e', 'f']) AS c WHERE STARTS_WITH(TO_HEX(site_id), c)), 2, 0)
      + IF(EXISTS(SELECT 1 FROM UNNEST(['1', '3', '5', '7', '9', 'b', 'd', 'f']) AS c WHERE STARTS_WITH(TO_HEX(site_id), c)), 1, 0) AS shard
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
)
SELECT shard, environment_count, COUNT(DISTINCT site_id) AS sites
FROM flagged
GROUP BY shard, environment_count
