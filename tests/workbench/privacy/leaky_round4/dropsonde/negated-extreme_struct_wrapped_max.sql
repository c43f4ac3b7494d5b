-- leak: negated-extreme: MIN of the negated number inside a STRUCT constructor
SELECT version, STRUCT(MIN(-ARRAY_LENGTH(modules)) AS neg_most_modules, COUNT(*) AS reports) AS stats
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
