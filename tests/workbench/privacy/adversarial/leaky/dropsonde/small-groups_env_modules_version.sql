-- leak: small-groups: GROUP BY environment_count, module count and version together: nearly every combination is a single site
WITH latest AS (
  SELECT site_id, environment_count, ARRAY_LENGTH(modules) AS module_count, version
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
  QUALIFY ROW_NUMBER() OVER (PARTITION BY site_id ORDER BY timestamp DESC) = 1
)
SELECT environment_count, module_count, version, COUNT(*) AS sites
FROM latest
GROUP BY environment_count, module_count, version
