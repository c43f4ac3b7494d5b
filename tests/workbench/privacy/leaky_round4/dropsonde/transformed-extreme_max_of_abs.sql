-- leak: transformed-extreme: MAX(ABS(x)) is MAX(x) for counts
SELECT version, MAX(ABS(environment_count)) AS most_environments
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY version
HAVING COUNT(DISTINCT site_id) >= 5
