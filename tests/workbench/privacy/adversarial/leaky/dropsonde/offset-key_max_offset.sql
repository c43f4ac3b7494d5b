-- leak: offset-key: MAX of an UNNEST offset per release is the largest site's number of modules minus one
SELECT t.version, MAX(o) + 1 AS most_modules, COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS t, UNNEST(t.modules) AS m WITH OFFSET AS o
GROUP BY t.version
HAVING COUNT(DISTINCT site_id) >= 5
