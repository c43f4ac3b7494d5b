-- leak: window-carry: MAX(environment_count) OVER (PARTITION BY product), averaged per product: the average of the largest site's number repeated is that number
SELECT product, AVG(top) AS largest_site_envs, COUNT(DISTINCT site_id) AS sites
FROM (SELECT product, site_id, MAX(environment_count) OVER (PARTITION BY product) AS top FROM `bto-dataops-datalake-prod.dujour.community_metrics`)
GROUP BY product
HAVING COUNT(DISTINCT site_id) >= 5
