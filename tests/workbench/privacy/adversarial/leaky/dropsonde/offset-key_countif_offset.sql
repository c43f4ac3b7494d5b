-- leak: offset-key: COUNTIF on an UNNEST offset counts the sites with more than 900 modules, inside a large group
SELECT product, COUNTIF(o = 900) AS sites_over_900, COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS m WITH OFFSET AS o
GROUP BY product
HAVING COUNT(DISTINCT site_id) >= 5
