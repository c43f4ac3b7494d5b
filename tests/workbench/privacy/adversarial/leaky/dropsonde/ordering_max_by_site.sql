-- leak: ordering: MAX_BY(environment_count, site_id) and ANY_VALUE(... HAVING MIN ip) return the values of the site with the largest id / smallest address
SELECT
  version,
  COUNT(DISTINCT site_id) AS sites,
  MAX_BY(environment_count, site_id) AS envs_last_site,
  ANY_VALUE(ARRAY_LENGTH(modules) HAVING MIN ip) AS modules_lowest_address
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version
