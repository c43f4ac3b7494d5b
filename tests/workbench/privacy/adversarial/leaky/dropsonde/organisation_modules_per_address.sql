-- leak: organisation: modules summed per address, then averaged per release: the unit is the organisation, not the site
WITH per_ip AS (
  SELECT ip, ANY_VALUE(version) AS version, SUM(ARRAY_LENGTH(modules)) AS modules
  FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY) AND ip IS NOT NULL GROUP BY ip
)
SELECT version, AVG(modules) AS modules_per_address, COUNT(*) AS addresses
FROM per_ip
GROUP BY version
HAVING COUNT(*) >= 5
