-- safe: histogram of sites by number of Puppet environments, from each site's latest report of the last week, buckets of at least 5 sites
WITH latest AS (
  SELECT site_id, environment_count
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
    AND environment_count IS NOT NULL
  QUALIFY ROW_NUMBER() OVER (PARTITION BY site_id ORDER BY timestamp DESC) = 1
)
SELECT
  environment_count AS environments,
  COUNT(DISTINCT site_id) AS sites
FROM latest
GROUP BY environments
HAVING COUNT(DISTINCT site_id) >= 5
ORDER BY environments
