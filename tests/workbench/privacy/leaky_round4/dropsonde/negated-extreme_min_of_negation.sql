-- leak: negated-extreme: -MIN(-x) is MAX(x): the largest site's number of environments per release
SELECT version, -MIN(-environment_count) AS most_environments, COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
