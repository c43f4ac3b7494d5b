-- leak: organisation: a window count of sites per address as a key: the bucket of 12 sites behind one ip is one organisation, backed by 12 site_ids
WITH w AS (
  SELECT site_id, COUNT(DISTINCT site_id) OVER (PARTITION BY ip) AS sites_on_address
  FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 28 DAY) AND ip IS NOT NULL
)
SELECT sites_on_address, COUNT(DISTINCT site_id) AS sites
FROM w
GROUP BY sites_on_address
HAVING COUNT(DISTINCT site_id) >= 5
