-- leak: exp-base: SUM(10^x) of the module count: its log10 is the largest site's
SELECT product, LOG10(SUM(SAFE.POWER(10.0, ARRAY_LENGTH(modules)))) AS soft_max
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY product
HAVING COUNT(DISTINCT site_id) >= 5
