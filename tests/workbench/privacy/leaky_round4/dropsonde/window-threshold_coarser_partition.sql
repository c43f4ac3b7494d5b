-- leak: window-threshold: a window count over the release, the output per release and number
WITH s AS (
  SELECT site_id, version, environment_count,
    COUNT(DISTINCT site_id) OVER (PARTITION BY version) AS n
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`
)
SELECT version, environment_count, COUNT(DISTINCT site_id) AS sites
FROM s
WHERE n >= 5
GROUP BY version, environment_count
