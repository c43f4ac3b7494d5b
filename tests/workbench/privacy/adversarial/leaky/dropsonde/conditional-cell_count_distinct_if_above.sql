-- leak: conditional-cell: sites with a chosen private value counted in a large group
SELECT version, COUNT(DISTINCT IF(environment_count > 560, site_id, NULL)) AS big_sites, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
