-- leak: negated-extreme: MIN(1 / (x + 1)) is decreasing in x: the largest site's number, inverted
SELECT version, MIN(SAFE_DIVIDE(1, environment_count + 1)) AS inverse_of_largest
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
